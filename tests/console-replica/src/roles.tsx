// Roles list, role summary (ARN, Permissions, Trust relationships) and the trust policy editor.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import Textarea from '@cloudscape-design/components/textarea';
import TextFilter from '@cloudscape-design/components/text-filter';
import {
  OPTIONS,
  T,
  api,
  navigate,
  pushFlash,
  replaceHash,
  roleArn,
  ROLE_SECTIONS,
  roleDetailsPath,
  rolePagePath,
  useApi,
  useSlow,
  type AttachedPolicyData,
  type RoleData,
  type RoleSection,
  type Route,
} from './env';
import { ConfirmDeleteModal } from './confirm-delete';
import { JsonEditor, jsonError } from './editor';
import {
  EMPTY_FILTER,
  PolicyTable,
  byName,
  pagePagination,
  policyNameOfArn,
  policyTypeOfArn,
  typeLabel,
  usePolicyRows,
  type PolicyFilterState,
} from './policy-table';

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
  const asked = route.query.get('section');
  const section: RoleSection = (ROLE_SECTIONS as readonly string[]).includes(asked ?? '')
    ? (asked as RoleSection)
    : 'permissions';
  const arn = role.arn || roleArn(role.roleName);
  return (
    <SpaceBetween size="l">
      <RoleHeader role={role} />
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <Button onClick={() => navigate(rolePagePath('edit_role', role.roleName))}>
                {T.edit}
              </Button>
            }
          >
            {T.summary}
          </Header>
        }
        data-testid="role-summary"
      >
        <ColumnLayout columns={3} variant="text-grid">
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
            <Box variant="awsui-key-label" margin={{ top: 's' }}>
              {T.instanceProfileArn}
            </Box>
            <div>-</div>
          </div>
          <div>
            <Box variant="awsui-key-label">{T.lastActivity}</Box>
            <div>-</div>
            <Box variant="awsui-key-label" margin={{ top: 's' }}>
              {T.maxSessionDuration}
            </Box>
            <div data-testid="max-session-duration">
              {T.duration(role.maxSessionDuration ?? 3600)}
            </div>
          </div>
        </ColumnLayout>
      </Container>
      <Tabs
        activeTabId={section}
        onChange={(e) =>
          replaceHashAndNotify(roleDetailsPath(role.roleName, e.detail.activeTabId as RoleSection))
        }
        tabs={[
          {
            id: 'permissions',
            label: T.permissions,
            content: <RolePermissions role={role} />,
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
                        onClick={() => navigate(rolePagePath('edit_trust_policy', role.roleName))}
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
          {
            id: 'tags',
            label: T.tags,
            content: <RoleTags tags={role.tags ?? []} />,
          },
          {
            id: 'access_advisor',
            label: T.accessAdvisor,
            content: (
              <Container header={<Header variant="h2">{T.accessAdvisor}</Header>}>
                <Box color="text-status-inactive">{T.notInReplica}</Box>
              </Container>
            ),
          },
          {
            id: 'revoke_sessions',
            label: T.revokeSessions,
            content: (
              <Container header={<Header variant="h2">{T.revokeSessions}</Header>}>
                <Box color="text-status-inactive">{T.notInReplica}</Box>
              </Container>
            ),
          },
        ]}
      />
    </SpaceBetween>
  );
}

/** The role's name, with Delete (a confirmation that asks for the name). */
function RoleHeader({ role }: { role: RoleData }) {
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <Header variant="h1" actions={<Button onClick={() => setDeleting(true)}>{T.delete}</Button>}>
        {role.roleName}
      </Header>
      {deleting && (
        <ConfirmDeleteModal
          testId="delete-role"
          name={role.roleName}
          warning={T.deleteRoleWarning}
          confirmLabel={T.deleteRoleConfirm}
          errorHeader={T.deleteRoleError}
          onDismiss={() => setDeleting(false)}
          onDelete={async () => {
            // As the console does: detach the managed policies, then delete the role.
            const { role: now } = await api<{ role: RoleData }>('getRole', {
              roleName: role.roleName,
            });
            for (const policyArn of now.attachedPolicyArns) {
              await api('detachRolePolicy', { roleName: role.roleName, policyArn });
            }
            await api('deleteRole', { roleName: role.roleName });
            pushFlash({ path: '/roles', type: 'success', content: T.roleDeleted(role.roleName) });
            navigate('/roles');
          }}
        />
      )}
    </>
  );
}

/** The Tags tab: "Tags (N)", a Key / Value table in the order IAM keeps them. */
function RoleTags({ tags }: { tags: { Key: string; Value: string }[] }) {
  return (
    <Table<{ Key: string; Value: string }>
      data-testid="role-tags"
      variant="container"
      items={tags}
      trackBy="Key"
      header={
        <Header variant="h2" counter={`(${tags.length})`}>
          {T.tags}
        </Header>
      }
      empty={<Box color="text-status-inactive">{T.noTags}</Box>}
      columnDefinitions={[
        { id: 'key', header: T.tagKeyColumn, cell: (t) => t.Key },
        { id: 'value', header: T.tagValueColumn, cell: (t) => t.Value },
      ]}
    />
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
      navigate(roleDetailsPath(role.roleName, 'trust_relationships'));
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
            onClick={() => navigate(roleDetailsPath(role.roleName, 'trust_relationships'))}
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

// ---- attached policies -----------------------------------------------------------------------

interface AttachedRow {
  name: string;
  arn: string;
  type: 'aws' | 'customer';
  attachmentCount: number;
}

/** The role's managed policies by name, loaded after the page (and `slowMs` later still). */
function useAttachedPolicies(
  roleName: string,
  revision = 0,
): {
  rows: AttachedRow[];
  loading: boolean;
  error?: string;
} {
  const ready = useSlow(`attached-${roleName}`);
  const { data, loading, error } = useApi<{ attachedPolicies: AttachedPolicyData[] }>(
    'listAttachedRolePolicies',
    { roleName },
    `attached-${roleName}-${revision}`,
  );
  const rows = (data?.attachedPolicies ?? [])
    .map((p): AttachedRow => ({
      name: p.policyName,
      arn: p.policyArn,
      type: policyTypeOfArn(p.policyArn),
      attachmentCount: p.attachmentCount,
    }))
    .sort(byName);
  return { rows, loading: loading || !ready, error };
}

/** A role's attached policies: a filtered, paginated table of names (never ARNs). */
function AttachedPoliciesTable(props: {
  rows: AttachedRow[];
  loading: boolean;
  title: string;
  actions?: React.ReactNode;
  description?: string;
  testId: string;
  /** Rows the customer may tick (the Permissions tab's Remove acts on them). */
  selected?: AttachedRow[];
  onSelect?: (rows: AttachedRow[]) => void;
}) {
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const size = OPTIONS.attachedPageSize;
  const filtered = props.rows.filter((r) =>
    r.name.toLowerCase().includes(text.trim().toLowerCase()),
  );
  const pagesCount = Math.max(1, Math.ceil(filtered.length / size));
  const currentPage = Math.min(page, pagesCount);
  return (
    <Table<AttachedRow>
      data-testid={props.testId}
      variant="container"
      items={filtered.slice((currentPage - 1) * size, currentPage * size)}
      trackBy="arn"
      loading={props.loading}
      loadingText={T.loading}
      {...(props.onSelect
        ? {
            selectionType: 'multi' as const,
            selectedItems: props.selected ?? [],
            onSelectionChange: (e: { detail: { selectedItems: AttachedRow[] } }) =>
              props.onSelect?.(e.detail.selectedItems),
            ariaLabels: {
              selectionGroupLabel: props.title,
              itemSelectionLabel: (_: unknown, r: AttachedRow) => r.name,
              allItemsSelectionLabel: () => props.title,
            },
          }
        : {})}
      header={
        <Header
          variant="h2"
          counter={props.loading ? undefined : `(${props.rows.length})`}
          description={props.description}
          actions={props.actions}
        >
          {props.title}
        </Header>
      }
      filter={
        <TextFilter
          filteringText={text}
          filteringPlaceholder={T.search}
          filteringAriaLabel={T.search}
          countText={text.trim() ? T.matches(filtered.length) : undefined}
          onChange={(e) => {
            setText(e.detail.filteringText);
            setPage(1);
          }}
        />
      }
      pagination={pagePagination({ currentPage, pagesCount, setPage })}
      empty={
        <Box textAlign="center" color="inherit">
          {text.trim() ? T.noMatches : T.noAttachedPolicies}
        </Box>
      }
      columnDefinitions={[
        {
          id: 'name',
          header: T.policyNameColumn,
          cell: (r) => (
            <span data-policy-arn={r.arn}>
              <Link href={`#/policies/details/${encodeURIComponent(r.arn)}`}>{r.name}</Link>
            </span>
          ),
        },
        { id: 'type', header: T.typeColumn, cell: (r) => typeLabel(r.type) },
        {
          id: 'attached',
          header: T.attachedEntitiesColumn,
          cell: (r) => String(r.attachmentCount),
        },
      ]}
    />
  );
}

/** The Permissions tab: "Permissions policies (N)" with the Add permissions menu. */
function RolePermissions({ role }: { role: RoleData }) {
  const [revision, setRevision] = useState(0);
  const { rows, loading, error } = useAttachedPolicies(role.roleName, revision);
  const [inline, setInline] = useState(false);
  const [selected, setSelected] = useState<AttachedRow[]>([]);
  const [asking, setAsking] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | undefined>();
  const [removed, setRemoved] = useState<string | undefined>();
  const names = selected.map((r) => r.name).join(', ');
  // As the console does: Remove detaches the ticked policies after a confirmation, and the
  // table is listed again in place (no reload, no new route).
  async function remove() {
    setRemoving(true);
    setRemoveError(undefined);
    try {
      for (const r of selected)
        await api('detachRolePolicy', { roleName: role.roleName, policyArn: r.arn });
      setRemoved(names);
      setSelected([]);
      setAsking(false);
      setRevision((n) => n + 1);
    } catch (e) {
      setRemoveError(e instanceof Error ? e.message : String(e));
    } finally {
      setRemoving(false);
    }
  }
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      {removed && (
        <Alert type="success" dismissible onDismiss={() => setRemoved(undefined)}>
          {T.policiesRemoved(removed)}
        </Alert>
      )}
      {asking && (
        <Modal
          visible
          data-testid="remove-policies"
          header={T.removePoliciesTitle(names)}
          closeAriaLabel={T.close}
          onDismiss={() => !removing && setAsking(false)}
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" disabled={removing} onClick={() => setAsking(false)}>
                  {T.cancel}
                </Button>
                <Button variant="primary" loading={removing} onClick={() => void remove()}>
                  {T.remove}
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          <SpaceBetween size="s">
            <Box>{T.removePoliciesText}</Box>
            {removeError && (
              <Alert type="error" header={T.removePoliciesError}>
                {removeError}
              </Alert>
            )}
          </SpaceBetween>
        </Modal>
      )}
      {inline && (
        <Alert
          type="info"
          dismissible
          onDismiss={() => setInline(false)}
          data-testid="inline-policy-unavailable"
        >
          {T.inlineNotAvailable}
        </Alert>
      )}
      <AttachedPoliciesTable
        rows={rows}
        loading={loading}
        title={T.attachedPolicies}
        description={T.rolePermissionsDescription}
        testId="attached-policies"
        selected={selected}
        onSelect={setSelected}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button disabled={selected.length === 0} onClick={() => setAsking(true)}>
              {T.remove}
            </Button>
            <ButtonDropdown
              variant="primary"
              items={[
                {
                  id: 'attach',
                  text: T.attachPolicies,
                  href: `#${rolePagePath('attach_policies', role.roleName)}`,
                },
                { id: 'inline', text: T.createInlinePolicy },
              ]}
              onItemClick={(e) => {
                if (e.detail.id === 'inline') setInline(true);
              }}
            >
              {T.addPermissions}
            </ButtonDropdown>
          </SpaceBetween>
        }
      />
      <PermissionsBoundary arn={role.permissionsBoundaryArn} />
    </SpaceBetween>
  );
}

/** Below the policies: "Permissions boundary (set)" with the policy's link, or "(not set)". */
function PermissionsBoundary({ arn }: { arn?: string }) {
  return (
    <Container
      data-testid="role-permissions-boundary"
      header={
        <Header variant="h2" description={T.setBoundaryDescription}>
          {arn ? T.boundaryHeaderSet : T.boundaryHeaderNotSet}
        </Header>
      }
    >
      {arn ? (
        <ColumnLayout columns={2} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">{T.policyNameColumn}</Box>
            <span data-boundary-arn={arn}>
              <Link href={`#/policies/details/${encodeURIComponent(arn)}`}>
                {policyNameOfArn(arn)}
              </Link>
            </span>
          </div>
          <div>
            <Box variant="awsui-key-label">{T.typeColumn}</Box>
            <div>{typeLabel(policyTypeOfArn(arn))}</div>
          </div>
        </ColumnLayout>
      ) : (
        <Box color="text-status-inactive">{T.boundaryNotSet}</Box>
      )}
    </Container>
  );
}

/** Policies the Attach policies page's hash pre-selects (`policies=<arn>`, repeated or joined). */
function policiesFromQuery(query: URLSearchParams): string[] {
  if (OPTIONS.ignoreUrlParams) return [];
  return query
    .getAll('policies')
    .flatMap((p) => p.split(/,(?=arn:)/))
    .filter((p) => p.length > 0);
}

/** Attach policies: the role's current policies, the others to tick, and Add permissions. */
export function AttachPolicies({ name, route }: { name: string; route: Route }) {
  const { data, loading, error } = useApi<{ role: RoleData }>(
    'getRole',
    { roleName: name },
    `attach-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.roleNotFound}>
        {error}
      </Alert>
    );
  }
  return <AttachPoliciesForm role={data.role} initial={policiesFromQuery(route.query)} />;
}

function AttachPoliciesForm({ role, initial }: { role: RoleData; initial: string[] }) {
  const attached = useAttachedPolicies(role.roleName);
  const [selectedArns, setSelectedArns] = useState<string[]>(() =>
    initial.filter((a) => !role.attachedPolicyArns.includes(a)),
  );
  const [filter, setFilter] = useState<PolicyFilterState>(EMPTY_FILTER);
  const [page, setPage] = useState(1);
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const { rows, loading } = usePolicyRows(`attach-rows-${role.roleName}`, setSelectedArns);
  const others = rows.filter((r) => !role.attachedPolicyArns.includes(r.arn));
  const chosen = selectedArns.filter((a) => others.some((r) => r.arn === a));

  async function submit() {
    if (submitting || chosen.length === 0) return;
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      await api('attachRolePolicies', { roleName: role.roleName, policyArns: chosen });
      pushFlash({
        path: `/roles/details/${role.roleName}`,
        type: 'success',
        content: T.policyAttached,
      });
      navigate(roleDetailsPath(role.roleName, 'permissions'));
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  return (
    <Form
      header={<Header variant="h1">{T.attachPolicyTo(role.roleName)}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button
            variant="link"
            onClick={() => navigate(roleDetailsPath(role.roleName, 'permissions'))}
          >
            {T.cancel}
          </Button>
          <Button
            variant="primary"
            loading={submitting}
            disabled={chosen.length === 0}
            onClick={() => void submit()}
          >
            {T.addPermissions}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        {submitError && (
          <Alert type="error" header={T.attachPoliciesError} data-testid="attach-policies-error">
            {submitError}
          </Alert>
        )}
        <AttachedPoliciesTable
          rows={attached.rows}
          loading={attached.loading}
          title={T.currentPermissionsPolicies}
          testId="current-permissions-policies"
        />
        <PolicyTable
          rows={others}
          loading={loading}
          selectedArns={chosen}
          setSelectedArns={setSelectedArns}
          filter={filter}
          setFilter={setFilter}
          page={page}
          setPage={setPage}
          title={T.otherPermissionsPolicies}
          testId="other-permissions-policies"
        />
      </SpaceBetween>
    </Form>
  );
}

// ---- edit role ---------------------------------------------------------------------------

/** The Maximum session duration choices the console offers, in seconds. */
const DURATION_PRESETS = [1, 2, 4, 8, 12].map((h) => h * 3600);
const CUSTOM = 'custom';

/** Edit role: the description and the maximum session duration (IAM's UpdateRole). */
export function EditRole({ name }: { name: string }) {
  const { data, loading, error } = useApi<{ role: RoleData }>(
    'getRole',
    { roleName: name },
    `edit-role-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.roleNotFound}>
        {error}
      </Alert>
    );
  }
  return <EditRoleForm role={data.role} />;
}

function EditRoleForm({ role }: { role: RoleData }) {
  const current = role.maxSessionDuration ?? 3600;
  const [description, setDescription] = useState(role.description);
  const [choice, setChoice] = useState<string>(
    DURATION_PRESETS.includes(current) ? String(current) : CUSTOM,
  );
  const [custom, setCustom] = useState(String(current));
  const [customError, setCustomError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const options: SelectProps.Option[] = [
    ...DURATION_PRESETS.map((s) => ({ value: String(s), label: T.duration(s) })),
    { value: CUSTOM, label: T.customDuration },
  ];
  const back = () => navigate(roleDetailsPath(role.roleName));

  async function save() {
    if (submitting) return;
    let seconds = Number(choice);
    if (choice === CUSTOM) {
      // Only the form of the number is checked here: its range is IAM's to refuse.
      if (!/^\d+$/.test(custom.trim())) {
        setCustomError(T.durationNotNumber);
        return;
      }
      seconds = Number(custom.trim());
    }
    setCustomError(undefined);
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      await api('updateRole', {
        roleName: role.roleName,
        description,
        maxSessionDuration: seconds,
      });
      pushFlash({
        path: `/roles/details/${role.roleName}`,
        type: 'success',
        content: T.roleUpdated(role.roleName),
      });
      back();
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  return (
    <Form
      header={<Header variant="h1">{T.editRole}</Header>}
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
      <SpaceBetween size="l">
        {submitError && (
          <Alert type="error" header={T.updateRoleError} data-testid="edit-role-error">
            {submitError}
          </Alert>
        )}
        <Container header={<Header variant="h2">{T.summary}</Header>}>
          <SpaceBetween size="l">
            <FormField
              label={T.description}
              description={T.descriptionDescription}
              constraintText={T.descriptionConstraint}
            >
              <Textarea
                value={description}
                onChange={(e) => setDescription(e.detail.value)}
                rows={3}
              />
            </FormField>
            <FormField label={T.maxSessionDuration} description={T.maxSessionDurationDescription}>
              <Select
                selectedOption={options.find((o) => o.value === choice) ?? options[0]!}
                options={options}
                onChange={(e) => setChoice(e.detail.selectedOption.value ?? '3600')}
              />
            </FormField>
            {choice === CUSTOM && (
              <FormField
                label={T.durationSeconds}
                constraintText={T.durationConstraint}
                errorText={customError}
              >
                <Input
                  type="number"
                  inputMode="numeric"
                  value={custom}
                  onChange={(e) => setCustom(e.detail.value)}
                />
              </FormField>
            )}
          </SpaceBetween>
        </Container>
      </SpaceBetween>
    </Form>
  );
}
