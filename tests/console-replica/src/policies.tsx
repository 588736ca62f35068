// Customer-managed policies: the list, Create policy (Visual | JSON, then name and create), a
// policy's page with its versions and Delete, and Edit policy (a new version).
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import Textarea from '@cloudscape-design/components/textarea';
import {
  T,
  api,
  navigate,
  pushFlash,
  useApi,
  type PolicyData,
  type PolicyVersionData,
} from './env';
import { ConfirmDeleteModal } from './confirm-delete';
import { JsonEditor, jsonError } from './editor';
import { usePolicyRows } from './policy-table';
import { Loading } from './roles';

export function PoliciesList() {
  const { data, loading, error } = useApi<{ policies: PolicyData[] }>('listPolicies', {}, 'pol');
  const policies = data?.policies ?? [];
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      <Table<PolicyData>
        data-testid="policies-table"
        variant="full-page"
        items={policies}
        loading={loading}
        loadingText={T.loading}
        trackBy="arn"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${policies.length})`}
            actions={
              <Button variant="primary" onClick={() => navigate('/policies/create')}>
                {T.createPolicy}
              </Button>
            }
          >
            {T.policies}
          </Header>
        }
        empty={<Box textAlign="center">{T.noPolicies}</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: T.policyNameColumn,
            cell: (p) => <span data-policy-arn={p.arn}>{p.policyName}</span>,
          },
          { id: 'type', header: T.typeColumn, cell: () => T.customerManaged },
          { id: 'description', header: T.policyDescription, cell: (p) => p.description },
        ]}
      />
    </SpaceBetween>
  );
}

const DEFAULT_POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: [], Resource: [] }],
  },
  null,
  4,
);

const POLICY_NAME_RE = /^[\w+=,.@-]{1,128}$/;

export function CreatePolicy() {
  const [mode, setMode] = useState<'visual' | 'json'>('visual');
  const [step, setStep] = useState(0);
  const [text, setText] = useState(DEFAULT_POLICY);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const syntax = jsonError(text);

  async function create() {
    if (submitting) return;
    if (!POLICY_NAME_RE.test(name)) {
      setNameError(T.policyNameError);
      return;
    }
    setNameError(undefined);
    setError(undefined);
    setSubmitting(true);
    try {
      await api('createPolicy', { policyName: name, description, document: text });
      pushFlash({ path: '/policies', type: 'success', content: T.policyCreated(name) });
      navigate('/policies');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  if (step === 0) {
    return (
      <Form
        header={<Header variant="h1">{T.specifyPermissions}</Header>}
        errorText={error}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={() => navigate('/policies')}>
              {T.cancel}
            </Button>
            <Button
              variant="primary"
              onClick={() => {
                if (syntax) {
                  setError(T.fixErrors);
                  return;
                }
                setError(undefined);
                setStep(1);
              }}
            >
              {T.next}
            </Button>
          </SpaceBetween>
        }
      >
        <Container
          header={
            <Header
              variant="h2"
              actions={
                <SegmentedControl
                  label={T.policyEditor}
                  selectedId={mode}
                  onChange={(e) => setMode(e.detail.selectedId as 'visual' | 'json')}
                  options={[
                    { id: 'visual', text: T.visual },
                    { id: 'json', text: T.json },
                  ]}
                />
              }
            >
              {T.policyEditor}
            </Header>
          }
        >
          {mode === 'json' ? (
            <SpaceBetween size="m">
              {syntax && (
                <Alert type="error" header={T.syntaxError} data-testid="policy-syntax-error">
                  {syntax}
                </Alert>
              )}
              <JsonEditor value={text} onChange={setText} />
            </SpaceBetween>
          ) : (
            <Box color="text-status-inactive">{T.visualNotAvailable}</Box>
          )}
        </Container>
      </Form>
    );
  }

  return (
    <Form
      header={<Header variant="h1">{T.reviewAndCreate}</Header>}
      errorText={error}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => navigate('/policies')}>
            {T.cancel}
          </Button>
          <Button onClick={() => setStep(0)}>{T.previous}</Button>
          <Button variant="primary" loading={submitting} onClick={() => void create()}>
            {T.createPolicy}
          </Button>
        </SpaceBetween>
      }
    >
      <Container header={<Header variant="h2">{T.policyDetails}</Header>}>
        <SpaceBetween size="l">
          <FormField
            label={T.policyName}
            constraintText={T.policyNameConstraint}
            errorText={nameError}
          >
            <Input value={name} onChange={(e) => setName(e.detail.value)} />
          </FormField>
          <FormField label={T.policyDescription}>
            <Textarea
              value={description}
              onChange={(e) => setDescription(e.detail.value)}
              rows={3}
            />
          </FormField>
        </SpaceBetween>
      </Container>
    </Form>
  );
}

const keepSelection = () => undefined;

/** The page of a policy and its edit page: `#/policies/details/<URL-encoded ARN>[/edit]`. */
export function policyPath(arn: string, edit = false): string {
  return `/policies/details/${encodeURIComponent(arn)}${edit ? '/edit' : ''}`;
}

/**
 * A policy's summary (#/policies/details/<URL-encoded ARN>): where the policy name links lead.
 * A customer-managed one also has Edit and Delete, and the tabs Permissions (the default
 * version's JSON) and Policy versions.
 */
export function PolicyDetails({ arn }: { arn: string }) {
  const { rows, loading } = usePolicyRows(`policy-${arn}`, keepSelection);
  if (loading) return <Loading />;
  const row = rows.find((r) => r.arn === arn);
  if (!row)
    return (
      <Alert type="error" header={T.policyNotFound}>
        {arn}
      </Alert>
    );
  const summary = (
    <Container header={<Header variant="h2">{T.policyDetails}</Header>}>
      <ColumnLayout columns={3} variant="text-grid">
        <div>
          <Box variant="awsui-key-label">{T.typeColumn}</Box>
          <div>{row.type === 'aws' ? T.awsManaged : T.customerManaged}</div>
        </div>
        <div>
          <Box variant="awsui-key-label">{T.arn}</Box>
          <div data-testid="policy-arn">
            <CopyToClipboard
              variant="inline"
              textToCopy={row.arn}
              copyButtonAriaLabel={T.copyArn}
              copySuccessText={T.arnCopied}
              copyErrorText={T.arnCopyFailed}
            />
          </div>
        </div>
        <div>
          <Box variant="awsui-key-label">{T.policyDescription}</Box>
          <div>{row.description || '-'}</div>
        </div>
      </ColumnLayout>
    </Container>
  );
  if (row.type === 'aws') {
    return (
      <SpaceBetween size="l">
        <Header variant="h1">{row.name}</Header>
        {summary}
      </SpaceBetween>
    );
  }
  return <CustomerPolicy arn={arn} name={row.name} summary={summary} />;
}

function CustomerPolicy(props: { arn: string; name: string; summary: React.ReactNode }) {
  const [revision, setRevision] = useState(0);
  const [tab, setTab] = useState('permissions');
  const [deleting, setDeleting] = useState(false);
  const { data, error } = useApi<{ policy: PolicyData }>(
    'getPolicy',
    { policyArn: props.arn },
    `get-policy-${props.arn}-${revision}`,
  );
  const policy = data?.policy;
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button onClick={() => setDeleting(true)}>{T.delete}</Button>
            <Button variant="primary" onClick={() => navigate(policyPath(props.arn, true))}>
              {T.edit}
            </Button>
          </SpaceBetween>
        }
      >
        {props.name}
      </Header>
      {error && <Alert type="error">{error}</Alert>}
      {props.summary}
      <Tabs
        activeTabId={tab}
        onChange={(e) => setTab(e.detail.activeTabId)}
        tabs={[
          {
            id: 'permissions',
            label: T.permissions,
            content: (
              <Container header={<Header variant="h2">{T.permissions}</Header>}>
                <pre className="replica-json" data-testid="policy-document">
                  {policy ? prettyJson(policy.document) : ''}
                </pre>
              </Container>
            ),
          },
          {
            id: 'versions',
            label: T.policyVersions,
            content: policy ? (
              <PolicyVersions policy={policy} onChange={() => setRevision((r) => r + 1)} />
            ) : (
              <Loading />
            ),
          },
        ]}
      />
      {deleting && (
        <ConfirmDeleteModal
          testId="delete-policy"
          name={props.name}
          warning={T.deletePolicyWarning}
          confirmLabel={T.deletePolicyConfirm}
          errorHeader={T.deletePolicyError}
          onDismiss={() => setDeleting(false)}
          onDelete={async () => {
            // As the console does: the versions besides the default first, then the policy.
            const { policy: now } = await api<{ policy: PolicyData }>('getPolicy', {
              policyArn: props.arn,
            });
            for (const v of now.versions.filter((x) => !x.isDefaultVersion)) {
              await api('deletePolicyVersion', { policyArn: props.arn, versionId: v.versionId });
            }
            await api('deletePolicy', { policyArn: props.arn });
            pushFlash({ path: '/policies', type: 'success', content: T.policyDeleted(props.name) });
            navigate('/policies');
          }}
        />
      )}
    </SpaceBetween>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}

/** The Policy versions tab: newest first, one radio a row; Set as default / Delete. */
function PolicyVersions({ policy, onChange }: { policy: PolicyData; onChange: () => void }) {
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const versions = [...policy.versions].sort(
    (a, b) => Number(b.versionId.slice(1)) - Number(a.versionId.slice(1)),
  );
  const selected = versions.find((v) => v.versionId === selectedId);

  async function run(op: 'deletePolicyVersion' | 'setDefaultPolicyVersion') {
    if (!selected || busy) return;
    setError(undefined);
    setBusy(true);
    try {
      await api(op, { policyArn: policy.arn, versionId: selected.versionId });
      setSelectedId(undefined);
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    setBusy(false);
  }

  return (
    <SpaceBetween size="m">
      {error && (
        <Alert type="error" header={T.policyVersionsError} data-testid="policy-versions-error">
          {error}
        </Alert>
      )}
      <Table<PolicyVersionData>
        data-testid="policy-versions"
        variant="container"
        items={versions}
        trackBy="versionId"
        selectionType="single"
        selectedItems={selected ? [selected] : []}
        onSelectionChange={(e) => setSelectedId(e.detail.selectedItems[0]?.versionId)}
        ariaLabels={{
          tableLabel: T.policyVersions,
          selectionGroupLabel: T.policyVersions,
          itemSelectionLabel: (_s, v) => v.versionId,
        }}
        header={
          <Header
            variant="h2"
            counter={`(${versions.length})`}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  disabled={!selected || selected.isDefaultVersion || busy}
                  onClick={() => void run('setDefaultPolicyVersion')}
                >
                  {T.setAsDefault}
                </Button>
                <Button
                  disabled={!selected || selected.isDefaultVersion || busy}
                  onClick={() => void run('deletePolicyVersion')}
                >
                  {T.delete}
                </Button>
              </SpaceBetween>
            }
          >
            {T.policyVersions}
          </Header>
        }
        columnDefinitions={[
          {
            id: 'version',
            header: T.versionColumn,
            cell: (v) => (
              <span data-version-id={v.versionId}>
                {v.isDefaultVersion ? T.defaultVersion(v.versionId) : v.versionId}
              </span>
            ),
          },
          { id: 'created', header: T.creationTimeColumn, cell: (v) => v.createDate },
        ]}
      />
    </SpaceBetween>
  );
}

/** Edit policy: the default version's JSON, saved as a new version (the default when ticked). */
export function EditPolicy({ arn }: { arn: string }) {
  const { data, loading, error } = useApi<{ policy: PolicyData }>(
    'getPolicy',
    { policyArn: arn },
    `edit-policy-${arn}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.policyNotFound}>
        {error}
      </Alert>
    );
  }
  return <EditPolicyForm policy={data.policy} />;
}

function EditPolicyForm({ policy }: { policy: PolicyData }) {
  const [text, setText] = useState(() => prettyJson(policy.document));
  const [setAsDefault, setSetAsDefault] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const syntax = jsonError(text);
  const back = () => navigate(policyPath(policy.arn));

  async function save() {
    if (submitting) return;
    if (syntax) {
      setError(T.fixErrors);
      return;
    }
    setError(undefined);
    setSubmitting(true);
    try {
      await api('createPolicyVersion', { policyArn: policy.arn, document: text, setAsDefault });
      pushFlash({
        path: `/policies/details/${policy.arn}`,
        type: 'success',
        content: T.policyUpdated(policy.policyName),
      });
      back();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  return (
    <Form
      header={<Header variant="h1">{T.modifyPermissionsIn(policy.policyName)}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={back}>
            {T.cancel}
          </Button>
          <Button variant="primary" loading={submitting} onClick={() => void save()}>
            {T.saveChanges}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="m">
        {error && (
          <Alert type="error" header={T.updatePolicyError} data-testid="edit-policy-error">
            {error}
          </Alert>
        )}
        {syntax && (
          <Alert type="error" header={T.syntaxError} data-testid="policy-syntax-error">
            {syntax}
          </Alert>
        )}
        <Container header={<Header variant="h2">{T.policyEditor}</Header>}>
          <JsonEditor value={text} onChange={setText} />
        </Container>
        <Checkbox checked={setAsDefault} onChange={(e) => setSetAsDefault(e.detail.checked)}>
          {T.setNewVersionDefault}
        </Checkbox>
      </SpaceBetween>
    </Form>
  );
}
