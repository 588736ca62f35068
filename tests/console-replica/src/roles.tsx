// Roles list, role summary (ARN, Permissions, Trust relationships) and the trust policy editor.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Form from '@cloudscape-design/components/form';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import {
  T,
  api,
  navigate,
  pushFlash,
  replaceHash,
  roleArn,
  useApi,
  type RoleData,
  type Route,
} from './env';
import { JsonEditor, jsonError } from './editor';

function principalsOf(trust: unknown): string {
  const statements = (trust as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const out: string[] = [];
  for (const st of list as { Principal?: unknown }[]) {
    const p = st.Principal;
    if (p && typeof p === 'object') {
      for (const v of Object.values(p as Record<string, unknown>)) {
        out.push(...(Array.isArray(v) ? v.map(String) : [String(v)]));
      }
    } else if (p) out.push(String(p));
  }
  return out.join(', ');
}

export function Loading() {
  return (
    <Box textAlign="center" padding="xxl" data-testid="route-loading">
      <Spinner size="large" />
    </Box>
  );
}

export function RolesList() {
  const { data, loading, error } = useApi<{ roles: RoleData[] }>('listRoles', {}, 'roles');
  const roles = data?.roles ?? [];
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      <Table<RoleData>
        data-testid="roles-table"
        variant="full-page"
        items={roles}
        loading={loading}
        loadingText={T.loading}
        trackBy="roleName"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${roles.length})`}
            description={T.rolesDescription}
            actions={
              <Button variant="primary" onClick={() => navigate('/roles/create')}>
                {T.createRole}
              </Button>
            }
          >
            {T.roles}
          </Header>
        }
        empty={<Box textAlign="center">{T.noRoles}</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: T.roleNameColumn,
            cell: (r) => (
              <Link href={`#/roles/details/${encodeURIComponent(r.roleName)}`}>{r.roleName}</Link>
            ),
          },
          {
            id: 'trusted',
            header: T.trustedEntitiesColumn,
            cell: (r) => principalsOf(r.trustPolicy),
          },
          { id: 'created', header: T.creationTimeColumn, cell: (r) => r.createDate },
        ]}
      />
    </SpaceBetween>
  );
}

export function RoleDetails({ name, route }: { name: string; route: Route }) {
  const { data, loading, error } = useApi<{ role: RoleData }>(
    'getRole',
    { roleName: name },
    `role-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.roleNotFound}>
        {error}
      </Alert>
    );
  }
  const role = data.role;
  const section =
    route.query.get('section') === 'trust_relationships' ? 'trust_relationships' : 'permissions';
  const arn = role.arn || roleArn(role.roleName);
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{role.roleName}</Header>
      <Container header={<Header variant="h2">{T.summary}</Header>} data-testid="role-summary">
        <ColumnLayout columns={2} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">{T.created}</Box>
            <div>{role.createDate}</div>
            <Box variant="awsui-key-label" margin={{ top: 's' }}>
              {T.description}
            </Box>
            <div>{role.description || '-'}</div>
          </div>
          <div>
            <Box variant="awsui-key-label">{T.arn}</Box>
            <div data-testid="role-arn">
              <CopyToClipboard
                variant="inline"
                textToCopy={arn}
                copyButtonAriaLabel={T.copyArn}
                copySuccessText={T.arnCopied}
                copyErrorText={T.arnCopyFailed}
              />
            </div>
          </div>
        </ColumnLayout>
      </Container>
      <Tabs
        activeTabId={section}
        onChange={(e) =>
          replaceHashAndNotify(
            `/roles/details/${encodeURIComponent(role.roleName)}?section=${e.detail.activeTabId}`,
          )
        }
        tabs={[
          {
            id: 'permissions',
            label: T.permissions,
            content: (
              <Container header={<Header variant="h2">{T.attachedPolicies}</Header>}>
                {role.attachedPolicyArns.length === 0 ? (
                  <Box color="text-status-inactive">{T.noAttachedPolicies}</Box>
                ) : (
                  <ul className="replica-policy-list" data-testid="attached-policies">
                    {role.attachedPolicyArns.map((a) => (
                      <li key={a} data-policy-arn={a}>
                        {a}
                      </li>
                    ))}
                  </ul>
                )}
              </Container>
            ),
          },
          {
            id: 'trust_relationships',
            label: T.trustRelationships,
            content: (
              <Container
                header={
                  <Header
                    variant="h2"
                    description={T.trustedEntitiesDescription}
                    actions={
                      <Button
                        onClick={() =>
                          navigate(`/roles/edit_trust_policy/${encodeURIComponent(role.roleName)}`)
                        }
                      >
                        {T.editTrustPolicy}
                      </Button>
                    }
                  >
                    {T.trustedEntities}
                  </Header>
                }
              >
                <pre className="replica-json" data-testid="trust-policy">
                  {JSON.stringify(role.trustPolicy, null, 4)}
                </pre>
              </Container>
            ),
          },
        ]}
      />
    </SpaceBetween>
  );
}

/** Tab changes rewrite the hash; tell the router, since replaceState fires no hashchange. */
function replaceHashAndNotify(hash: string) {
  replaceHash(hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function EditTrustPolicy({ name }: { name: string }) {
  const { data, loading, error } = useApi<{ role: RoleData }>(
    'getRole',
    { roleName: name },
    `edit-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.roleNotFound}>
        {error}
      </Alert>
    );
  }
  return <TrustPolicyForm role={data.role} />;
}

function TrustPolicyForm({ role }: { role: RoleData }) {
  const [text, setText] = useState(() => JSON.stringify(role.trustPolicy, null, 4));
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const syntax = jsonError(text);

  async function update() {
    if (submitting) return;
    if (syntax) {
      setSubmitError(T.fixErrors);
      return;
    }
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      await api('updateTrustPolicy', { roleName: role.roleName, trustPolicy: text });
      pushFlash({
        path: `/roles/details/${role.roleName}`,
        type: 'success',
        content: T.trustPolicyUpdated,
      });
      navigate(`/roles/details/${encodeURIComponent(role.roleName)}?section=trust_relationships`);
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  return (
    <Form
      header={<Header variant="h1">{T.editTrustPolicyHeader}</Header>}
      errorText={submitError}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button
            variant="link"
            onClick={() =>
              navigate(
                `/roles/details/${encodeURIComponent(role.roleName)}?section=trust_relationships`,
              )
            }
          >
            {T.cancel}
          </Button>
          <Button variant="primary" loading={submitting} onClick={() => void update()}>
            {T.updatePolicy}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="m">
        {syntax && (
          <Alert type="error" header={T.syntaxError} data-testid="policy-syntax-error">
            {syntax}
          </Alert>
        )}
        <Container header={<Header variant="h2">{T.policyEditor}</Header>}>
          <JsonEditor value={text} onChange={setText} />
        </Container>
      </SpaceBetween>
    </Form>
  );
}
