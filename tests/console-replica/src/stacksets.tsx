// The StackSets list (#/stacksets) and a stack set's page (#/stacksets/<name>/<tab>), whose tabs
// each have their own route. Stack instances are read when the tab opens and when Refresh is
// pressed, never by themselves (docs/console.md, "CloudFormation StackSets").
import { useEffect, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import { OPTIONS, REGION, api, navigate, useApi, type Route } from './env';
import { C } from './cf-strings';
import { Loading } from './roles';

export interface StackSetData {
  stackSetName: string;
  stackSetId: string;
  arn: string;
  region: string;
  description: string;
  templateBody: string;
  parameters: { key: string; value: string }[];
  permissionModel: 'SERVICE_MANAGED' | 'SELF_MANAGED';
  autoDeployment: { enabled: boolean; retainStacksOnAccountRemoval: boolean };
  regions: string[];
}

export interface OrganizationData {
  managementAccountId: string;
  rootId: string;
  organizationalUnits: { id: string; name: string }[];
  trustedAccess: boolean;
  regions: Record<string, string>;
}

interface InstanceData {
  account: string;
  region: string;
  stackId: string;
  status: string;
  detailedStatus: string;
  statusReason: string;
}

interface OperationData {
  operationId: string;
  action: string;
  status: string;
  creationTimestamp: string;
  endTimestamp: string;
}

export const STACK_SET_TABS = ['info', 'stacks', 'operations', 'parameters', 'template'] as const;
export type StackSetTab = (typeof STACK_SET_TABS)[number];

/** `/stacksets/<name>/<tab>?permissions=service|self`, as the console routes a stack set. */
export function stackSetPath(
  name: string,
  tab: StackSetTab,
  permissions: 'service' | 'self' = 'service',
): string {
  return `/stacksets/${encodeURIComponent(name)}/${tab}?permissions=${permissions}`;
}

/** The stack set page a route path is, if any (the name still URL-encoded). */
export function matchStackSetPage(path: string): { name: string; tab: StackSetTab } | null {
  const m = /^\/stacksets\/([^/]+)\/([a-z]+)$/.exec(path);
  if (!m || !(STACK_SET_TABS as readonly string[]).includes(m[2]!)) return null;
  return { name: m[1]!, tab: m[2] as StackSetTab };
}

export function StackSetsList() {
  const [refresh, setRefresh] = useState(0);
  const org = useApi<OrganizationData>('describeOrganization', {}, `org-${refresh}`);
  const { data, loading, error } = useApi<{ stackSets: StackSetData[] }>(
    'listStackSets',
    { region: REGION },
    'stacksets',
  );
  const [activating, setActivating] = useState(false);
  const list = data?.stackSets ?? [];
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      {org.data && !org.data.trustedAccess && (
        <Alert
          type="info"
          action={
            <Button
              loading={activating}
              onClick={() => {
                setActivating(true);
                void api('activateTrustedAccess').finally(() => {
                  setActivating(false);
                  setRefresh((n) => n + 1);
                });
              }}
            >
              {C.activateTrustedAccess}
            </Button>
          }
        >
          {C.trustedAccessOff}
        </Alert>
      )}
      <Table<StackSetData>
        data-testid="stacksets-table"
        variant="full-page"
        items={list}
        loading={loading}
        loadingText={C.loading}
        trackBy="stackSetId"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${list.length})`}
            description={C.stackSetsDescription}
            actions={
              <Button variant="primary" onClick={() => navigate('/stacksets/create')}>
                {C.createStackSet}
              </Button>
            }
          >
            {C.stackSets}
          </Header>
        }
        empty={<Box textAlign="center">{C.noStackSets}</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: C.stackSetNameColumn,
            cell: (s) => (
              <Link href={`#${stackSetPath(s.stackSetName, 'info', permissionsOf(s))}`}>
                {s.stackSetName}
              </Link>
            ),
          },
          { id: 'status', header: C.statusColumn, cell: () => 'ACTIVE' },
          { id: 'description', header: C.descriptionColumn, cell: (s) => s.description || '-' },
          { id: 'model', header: C.permissionModelColumn, cell: (s) => s.permissionModel },
        ]}
      />
    </SpaceBetween>
  );
}

function permissionsOf(s: StackSetData): 'service' | 'self' {
  return s.permissionModel === 'SERVICE_MANAGED' ? 'service' : 'self';
}

export function StackSetPage({
  name,
  tab,
  route,
}: {
  name: string;
  tab: StackSetTab;
  route: Route;
}) {
  const { data, loading, error } = useApi<{ stackSet: StackSetData }>(
    'describeStackSet',
    { region: REGION, stackSetName: name },
    `stackset-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={C.stackSetNotFound}>
        {error}
      </Alert>
    );
  }
  const s = data.stackSet;
  const permissions = route.query.get('permissions') === 'self' ? 'self' : permissionsOf(s);
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{s.stackSetName}</Header>
      <Tabs
        activeTabId={tab}
        onChange={(e) =>
          navigate(stackSetPath(s.stackSetName, e.detail.activeTabId as StackSetTab, permissions))
        }
        tabs={[
          { id: 'info', label: C.tabInfo, content: <StackSetInfo stackSet={s} /> },
          {
            id: 'stacks',
            label: C.tabInstances,
            content: tab === 'stacks' ? <StackInstances name={s.stackSetName} /> : null,
          },
          {
            id: 'operations',
            label: C.tabOperations,
            content: tab === 'operations' ? <Operations name={s.stackSetName} /> : null,
          },
          { id: 'parameters', label: C.tabParameters, content: <Parameters stackSet={s} /> },
          {
            id: 'template',
            label: C.tabTemplate,
            content: (
              <Container header={<Header variant="h2">{C.template}</Header>}>
                <pre className="replica-json" data-testid="stackset-template" aria-readonly="true">
                  {s.templateBody}
                </pre>
              </Container>
            ),
          },
        ]}
      />
    </SpaceBetween>
  );
}

function StackSetInfo({ stackSet: s }: { stackSet: StackSetData }) {
  return (
    <Container header={<Header variant="h2">{C.overview}</Header>} data-testid="stackset-info">
      <KeyValuePairs
        columns={3}
        items={[
          { label: C.stackSetName, value: s.stackSetName },
          {
            label: C.stackSetArn,
            value: (
              <CopyToClipboard
                variant="inline"
                textToCopy={s.arn}
                copyButtonAriaLabel={C.copyArn}
                copySuccessText={C.arnCopied}
                copyErrorText={C.arnCopyFailed}
              />
            ),
          },
          { label: C.stackSetId, value: s.stackSetId },
          { label: C.description, value: s.description || '-' },
          { label: C.status, value: 'ACTIVE' },
          { label: C.permissionModel, value: s.permissionModel },
          ...(s.permissionModel === 'SERVICE_MANAGED'
            ? [
                {
                  label: C.autoDeployment,
                  value: s.autoDeployment.enabled ? C.activated : C.deactivated,
                },
                {
                  label: C.accountRemoval,
                  value: !s.autoDeployment.enabled
                    ? '-'
                    : s.autoDeployment.retainStacksOnAccountRemoval
                      ? C.retainStacks
                      : C.deleteStacks,
                },
              ]
            : []),
          { label: C.driftStatus, value: 'NOT_CHECKED' },
        ]}
      />
    </Container>
  );
}

function Parameters({ stackSet: s }: { stackSet: StackSetData }) {
  return (
    <Table
      data-testid="stackset-parameters"
      items={s.parameters}
      trackBy="key"
      header={<Header variant="h2">{C.parameters}</Header>}
      empty={<Box textAlign="center">{C.noParameters}</Box>}
      columnDefinitions={[
        { id: 'key', header: C.colKey, cell: (p) => p.key },
        { id: 'value', header: C.colValue, cell: (p) => p.value },
      ]}
    />
  );
}

/** Loads `op` on mount and on each Refresh only: the console's tables do not poll [L]. */
function useRefreshable<T>(op: string, input: unknown) {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: true,
  });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const started = Date.now();
    api<T>(op, input).then(
      (data) => {
        // The slow variant shows the table's loading state for slowMs after each read.
        const wait = Math.max(0, OPTIONS.slowMs - (Date.now() - started));
        setTimeout(() => live && setState({ data, loading: false }), wait);
      },
      (e: unknown) =>
        live && setState({ error: e instanceof Error ? e.message : String(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [op, generation]);
  return { ...state, refresh: () => setGeneration((g) => g + 1) };
}

function StackInstances({ name }: { name: string }) {
  const { data, loading, error, refresh } = useRefreshable<{ instances: InstanceData[] }>(
    'listStackInstances',
    { region: REGION, stackSetName: name },
  );
  const [page, setPage] = useState(1);
  const rows = data?.instances ?? [];
  const size = OPTIONS.instancesPageSize;
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(page, pages);
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      <Table<InstanceData>
        data-testid="stack-instances-table"
        wrapLines
        items={rows.slice((current - 1) * size, current * size)}
        loading={loading}
        loadingText={C.loadingInstances}
        trackBy={(r) => `${r.account}|${r.region}`}
        header={
          <Header
            variant="h2"
            counter={data ? `(${rows.length})` : undefined}
            actions={<Button iconName="refresh" ariaLabel={C.refresh} onClick={refresh} />}
          >
            {C.instancesHeader}
          </Header>
        }
        empty={<Box textAlign="center">{C.noInstances}</Box>}
        pagination={
          <Pagination
            currentPageIndex={current}
            pagesCount={pages}
            onChange={(e) => setPage(e.detail.currentPageIndex)}
            ariaLabels={{
              nextPageLabel: C.nextPage,
              previousPageLabel: C.previousPage,
              pageLabel: C.pageLabel,
            }}
          />
        }
        columnDefinitions={[
          { id: 'account', header: C.colAccount, cell: (r) => r.account },
          { id: 'stackId', header: C.colStackId, cell: (r) => r.stackId || '-' },
          { id: 'region', header: C.colRegion, cell: (r) => r.region },
          { id: 'status', header: C.colStatus, cell: (r) => r.status },
          { id: 'detailedStatus', header: C.colDetailedStatus, cell: (r) => r.detailedStatus },
          { id: 'reason', header: C.colStatusReason, cell: (r) => r.statusReason || '-' },
        ]}
      />
    </SpaceBetween>
  );
}

function Operations({ name }: { name: string }) {
  const { data, loading, error, refresh } = useRefreshable<{ operations: OperationData[] }>(
    'listOperations',
    { region: REGION, stackSetName: name },
  );
  const rows = data?.operations ?? [];
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      <Table<OperationData>
        data-testid="stackset-operations"
        items={rows}
        loading={loading}
        loadingText={C.loading}
        trackBy="operationId"
        header={
          <Header
            variant="h2"
            counter={data ? `(${rows.length})` : undefined}
            actions={<Button iconName="refresh" ariaLabel={C.refresh} onClick={refresh} />}
          >
            {C.tabOperations}
          </Header>
        }
        empty={<Box textAlign="center">{C.noOperations}</Box>}
        columnDefinitions={[
          { id: 'id', header: C.colOperationId, cell: (o) => o.operationId },
          { id: 'action', header: C.colAction, cell: (o) => o.action },
          { id: 'status', header: C.colStatus, cell: (o) => o.status },
          { id: 'created', header: C.colCreated, cell: (o) => o.creationTimestamp },
          { id: 'ended', header: C.colEnded, cell: (o) => o.endTimestamp || '-' },
        ]}
      />
    </SpaceBetween>
  );
}
