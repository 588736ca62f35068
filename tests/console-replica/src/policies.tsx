// Customer-managed policies: the list, and Create policy (Visual | JSON, then name and create).
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
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
import Textarea from '@cloudscape-design/components/textarea';
import { T, api, navigate, pushFlash, useApi, type PolicyData } from './env';
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

/** A policy's summary (#/policies/details/<URL-encoded ARN>): where the policy name links lead. */
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
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{row.name}</Header>
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
    </SpaceBetween>
  );
}
