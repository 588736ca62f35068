// The permissions policies table both wizards show (Create role step 2, Create user "Attach
// policies directly"): every AWS managed policy the replica knows plus the account's customer
// managed ones, a search filter, row checkboxes, 10 rows a page.
import { useEffect, useMemo } from 'react';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { T, managedPolicyArn, useApi, type PolicyData } from './env';
import { AWS_MANAGED_POLICY_PATHS } from './managed-policies';

export const PAGE_SIZE = 10;

export interface PolicyRow {
  name: string;
  arn: string;
  type: 'aws' | 'customer';
  description: string;
}

/**
 * The policies to choose from. Once the list is known, `setSelectedArns` is called to drop
 * pre-selected ARNs that name no listed policy.
 */
export function usePolicyRows(
  key: string,
  setSelectedArns: (f: (arns: string[]) => string[]) => void,
): { rows: PolicyRow[]; loading: boolean } {
  const customer = useApi<{ policies: PolicyData[] }>('listPolicies', {}, key);
  const rows: PolicyRow[] = useMemo(() => {
    const aws = AWS_MANAGED_POLICY_PATHS.map((p): PolicyRow => ({
      name: p.split('/').pop()!,
      arn: managedPolicyArn(p),
      type: 'aws',
      description: '',
    }));
    const own = (customer.data?.policies ?? []).map((p): PolicyRow => ({
      name: p.policyName,
      arn: p.arn,
      type: 'customer',
      description: p.description,
    }));
    return [...aws, ...own];
  }, [customer.data]);
  useEffect(() => {
    if (customer.loading) return;
    setSelectedArns((arns) => arns.filter((a) => rows.some((r) => r.arn === a)));
  }, [customer.loading, rows]);
  return { rows, loading: customer.loading };
}

export function PolicyTable(props: {
  rows: PolicyRow[];
  loading: boolean;
  selectedArns: string[];
  setSelectedArns: (arns: string[]) => void;
  filter: string;
  setFilter: (filter: string) => void;
  page: number;
  setPage: (page: number) => void;
  description: string;
}) {
  const { rows, selectedArns, filter, page } = props;
  const filtered = rows.filter((r) => r.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const pagesCount = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const currentPage = Math.min(page, pagesCount);
  const pageRows = filtered.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE);
  const selectedRows = rows.filter((r) => selectedArns.includes(r.arn));
  return (
    <Table<PolicyRow>
      data-testid="permissions-policies"
      variant="container"
      items={pageRows}
      trackBy="arn"
      selectionType="multi"
      selectedItems={selectedRows}
      onSelectionChange={(e) => props.setSelectedArns(e.detail.selectedItems.map((r) => r.arn))}
      loading={props.loading}
      loadingText={T.loading}
      ariaLabels={{
        selectionGroupLabel: T.permissionsPolicies,
        allItemsSelectionLabel: () => T.permissionsPolicies,
        itemSelectionLabel: (_sel, row) => row.name,
      }}
      header={
        <Header
          variant="h2"
          counter={`(${selectedArns.length}/${rows.length})`}
          description={props.description}
        >
          {T.permissionsPolicies}
        </Header>
      }
      filter={
        <TextFilter
          filteringText={filter}
          filteringPlaceholder={T.search}
          filteringAriaLabel={T.search}
          countText={`${filtered.length}`}
          onChange={(e) => {
            props.setFilter(e.detail.filteringText);
            props.setPage(1);
          }}
        />
      }
      pagination={
        <Pagination
          currentPageIndex={currentPage}
          pagesCount={pagesCount}
          onChange={(e) => props.setPage(e.detail.currentPageIndex)}
          ariaLabels={{
            nextPageLabel: 'Next page',
            previousPageLabel: 'Previous page',
            pageLabel: (n) => `Page ${n}`,
          }}
        />
      }
      empty={<Box textAlign="center">{T.noMatches}</Box>}
      columnDefinitions={[
        {
          id: 'name',
          header: T.policyNameColumn,
          cell: (r) => <span data-policy-arn={r.arn}>{r.name}</span>,
        },
        {
          id: 'type',
          header: T.typeColumn,
          cell: (r) => (r.type === 'aws' ? T.awsManaged : T.customerManaged),
        },
      ]}
    />
  );
}

/** The selected policies as the review steps list them. */
export function SelectedPolicies({ rows }: { rows: PolicyRow[] }) {
  if (rows.length === 0) return <Box color="text-status-inactive">{T.noPoliciesSelected}</Box>;
  return (
    <ul className="replica-policy-list" data-testid="selected-policies">
      {rows.map((r) => (
        <li key={r.arn}>
          <span data-policy-arn={r.arn}>{r.name}</span>{' '}
          <Box variant="small" display="inline">
            {r.type === 'aws' ? T.awsManaged : T.customerManaged}
          </Box>
        </li>
      ))}
    </ul>
  );
}
