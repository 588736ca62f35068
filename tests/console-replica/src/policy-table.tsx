// The permissions policies table the wizards (Create role step 2, Create user "Attach policies
// directly") and the Attach policies page show: every AWS managed policy the replica knows plus
// the account's customer managed ones, sorted by name as the console sorts them, a filter (a
// search box, or a property filter in the 'property' variant), row checkboxes kept by ARN across
// pages and filters, `policyPageSize` rows a page.
import { useEffect, useMemo, useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Select from '@cloudscape-design/components/select';
import PropertyFilter, {
  type PropertyFilterProps,
} from '@cloudscape-design/components/property-filter';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { OPTIONS, T, managedPolicyArn, useApi, type PolicyData } from './env';
import { AWS_MANAGED_POLICY_PATHS } from './managed-policies';

export interface PolicyRow {
  name: string;
  arn: string;
  type: 'aws' | 'customer';
  description: string;
}

/**
 * What a policy table filters by: the search text and the "Filter by Type" choice (text
 * variant), or the tokens (property variant).
 */
export interface PolicyFilterState {
  text: string;
  type: 'all' | PolicyRow['type'];
  query: PropertyFilterProps.Query;
}

export const EMPTY_FILTER: PolicyFilterState = {
  text: '',
  type: 'all',
  query: { tokens: [], operation: 'and' },
};

/** The console's order: by name, ignoring case. */
export function byName(a: { name: string }, b: { name: string }): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function typeLabel(type: PolicyRow['type']): string {
  return type === 'aws' ? T.awsManaged : T.customerManaged;
}

/** A policy name from its ARN (the last path segment). */
export function policyNameOfArn(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

export function policyTypeOfArn(arn: string): PolicyRow['type'] {
  return /^arn:[\w-]+:iam::aws:policy\//.test(arn) ? 'aws' : 'customer';
}

/**
 * The policies to choose from, sorted by name. Once the list is known, `setSelectedArns` is
 * called to drop pre-selected ARNs that name no listed policy.
 */
export function usePolicyRows(
  key: string,
  setSelectedArns: (f: (arns: string[]) => string[]) => void,
): { rows: PolicyRow[]; loading: boolean } {
  const customer = useApi<{ policies: PolicyData[] }>('listPolicies', {}, key);
  const rows: PolicyRow[] = useMemo(() => {
    const aws = AWS_MANAGED_POLICY_PATHS.map((p): PolicyRow => ({
      name: policyNameOfArn(p),
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
    return [...aws, ...own].sort(byName);
  }, [customer.data]);
  useEffect(() => {
    if (customer.loading) return;
    setSelectedArns((arns) => arns.filter((a) => rows.some((r) => r.arn === a)));
  }, [customer.loading, rows]);
  return { rows, loading: customer.loading };
}

function tokenMatches(row: PolicyRow, token: PropertyFilterProps.Token): boolean {
  const value = String(token.value ?? '').toLowerCase();
  const field = token.propertyKey === 'type' ? typeLabel(row.type) : row.name;
  const f = field.toLowerCase();
  switch (token.operator) {
    case ':':
      return f.includes(value);
    case '!:':
      return !f.includes(value);
    case '=':
      return f === value;
    case '!=':
      return f !== value;
    case '^':
      return f.startsWith(value);
    case '!^':
      return !f.startsWith(value);
    default:
      return true;
  }
}

/** Whether a row passes the filter of the variant in force. */
export function filterMatches(row: PolicyRow, filter: PolicyFilterState): boolean {
  if (OPTIONS.policyFilter !== 'property') {
    if (filter.type !== 'all' && row.type !== filter.type) return false;
    return row.name.toLowerCase().includes(filter.text.trim().toLowerCase());
  }
  const tokens = filter.query.tokens;
  if (tokens.length === 0) return true;
  return filter.query.operation === 'or'
    ? tokens.some((t) => tokenMatches(row, t))
    : tokens.every((t) => tokenMatches(row, t));
}

function filterActive(filter: PolicyFilterState): boolean {
  return OPTIONS.policyFilter === 'property'
    ? filter.query.tokens.length > 0
    : filter.text.trim().length > 0 || filter.type !== 'all';
}

/** The filter control of the variant in force (a TextFilter or a PropertyFilter). */
export function PolicyFilterControl(props: {
  filter: PolicyFilterState;
  setFilter: (filter: PolicyFilterState) => void;
  count: number;
  onChange?: () => void;
}) {
  const { filter } = props;
  const countText = filterActive(filter) ? T.matches(props.count) : undefined;
  if (OPTIONS.policyFilter === 'property') {
    return (
      <PropertyFilter
        query={filter.query}
        onChange={(e) => {
          props.setFilter({ ...filter, query: e.detail });
          props.onChange?.();
        }}
        filteringPlaceholder={T.filterPoliciesPlaceholder}
        filteringAriaLabel={T.filterPoliciesAriaLabel}
        countText={countText}
        expandToViewport
        freeTextFiltering={{ operators: [':', '!:'], defaultOperator: ':' }}
        filteringProperties={[
          {
            key: 'name',
            propertyLabel: T.policyNameColumn,
            groupValuesLabel: T.policyNameValues,
            operators: [':', '!:', '=', '!='],
          },
          {
            key: 'type',
            propertyLabel: T.typeColumn,
            groupValuesLabel: T.typeValues,
            operators: ['=', '!='],
          },
        ]}
        filteringOptions={[
          { propertyKey: 'type', value: T.awsManaged },
          { propertyKey: 'type', value: T.customerManaged },
        ]}
      />
    );
  }
  // The console today: a search box and a "Filter by Type" select beside it.
  const typeOptions = [
    { value: 'all', label: T.allTypes },
    { value: 'aws', label: T.awsManaged },
    { value: 'customer', label: T.customerManaged },
  ];
  return (
    <div className="replica-filter-row">
      <div className="replica-filter-text">
        <TextFilter
          filteringText={filter.text}
          filteringPlaceholder={T.search}
          filteringAriaLabel={T.search}
          countText={countText}
          onChange={(e) => {
            props.setFilter({ ...filter, text: e.detail.filteringText });
            props.onChange?.();
          }}
        />
      </div>
      <div className="replica-filter-select">
        <Select
          inlineLabelText={T.filterByType}
          ariaLabel={T.filterByType}
          selectedOption={typeOptions.find((o) => o.value === filter.type) ?? typeOptions[0]!}
          options={typeOptions}
          onChange={(e) => {
            props.setFilter({
              ...filter,
              type: (e.detail.selectedOption.value ?? 'all') as PolicyFilterState['type'],
            });
            props.onChange?.();
          }}
        />
      </div>
    </div>
  );
}

export function pagePagination(props: {
  currentPage: number;
  pagesCount: number;
  setPage: (page: number) => void;
}) {
  return (
    <Pagination
      currentPageIndex={props.currentPage}
      pagesCount={props.pagesCount}
      onChange={(e) => props.setPage(e.detail.currentPageIndex)}
      ariaLabels={{
        nextPageLabel: T.nextPage,
        previousPageLabel: T.previousPage,
        pageLabel: (n) => T.pageLabel(n),
      }}
    />
  );
}

export function PolicyTable(props: {
  rows: PolicyRow[];
  loading: boolean;
  selectedArns: string[];
  setSelectedArns: (arns: string[]) => void;
  filter: PolicyFilterState;
  setFilter: (filter: PolicyFilterState) => void;
  page: number;
  setPage: (page: number) => void;
  description?: string;
  /** Header text (default "Permissions policies"). */
  title?: string;
  testId?: string;
}) {
  const { rows, selectedArns, filter, page } = props;
  const size = OPTIONS.policyPageSize;
  const filtered = rows.filter((r) => filterMatches(r, filter));
  const pagesCount = Math.max(1, Math.ceil(filtered.length / size));
  const currentPage = Math.min(page, pagesCount);
  const pageRows = filtered.slice((currentPage - 1) * size, currentPage * size);
  const selectedRows = rows.filter((r) => selectedArns.includes(r.arn));
  const title = props.title ?? T.permissionsPolicies;
  return (
    <Table<PolicyRow>
      data-testid={props.testId ?? 'permissions-policies'}
      variant="container"
      items={pageRows}
      trackBy="arn"
      selectionType="multi"
      selectedItems={selectedRows}
      onSelectionChange={(e) => props.setSelectedArns(e.detail.selectedItems.map((r) => r.arn))}
      loading={props.loading}
      loadingText={T.loading}
      ariaLabels={{
        selectionGroupLabel: title,
        allItemsSelectionLabel: () => title,
        itemSelectionLabel: (_sel, row) => row.name,
      }}
      header={
        <Header
          variant="h2"
          counter={
            // Cloudscape's convention, as the console shows it: (total), or (selected/total).
            selectedRows.length > 0 ? `(${selectedRows.length}/${rows.length})` : `(${rows.length})`
          }
          description={props.description}
        >
          {title}
        </Header>
      }
      filter={
        <PolicyFilterControl
          filter={filter}
          setFilter={props.setFilter}
          count={filtered.length}
          onChange={() => props.setPage(1)}
        />
      }
      pagination={pagePagination({ currentPage, pagesCount, setPage: props.setPage })}
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
          cell: (r) => typeLabel(r.type),
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
            {typeLabel(r.type)}
          </Box>
        </li>
      ))}
    </ul>
  );
}

/**
 * The permissions boundary picker (Create role step 2, "Use a permissions boundary…"): the same
 * catalogue as the permissions table, one radio a row, its own text filter ("Filter policies")
 * and pagination. Rows carry `data-boundary-arn` (not `data-policy-arn`: they are not the
 * permissions policies).
 */
export function BoundaryTable(props: {
  rows: PolicyRow[];
  loading: boolean;
  selectedArn: string | undefined;
  setSelectedArn: (arn: string) => void;
}) {
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const size = OPTIONS.policyPageSize;
  const q = text.trim().toLowerCase();
  const filtered = props.rows.filter((r) => r.name.toLowerCase().includes(q));
  const pagesCount = Math.max(1, Math.ceil(filtered.length / size));
  const currentPage = Math.min(page, pagesCount);
  const selected = props.rows.filter((r) => r.arn === props.selectedArn);
  return (
    <Table<PolicyRow>
      data-testid="permissions-boundary-policies"
      variant="embedded"
      items={filtered.slice((currentPage - 1) * size, currentPage * size)}
      trackBy="arn"
      selectionType="single"
      selectedItems={selected}
      onSelectionChange={(e) => {
        const arn = e.detail.selectedItems[0]?.arn;
        if (arn) props.setSelectedArn(arn);
      }}
      loading={props.loading}
      loadingText={T.loading}
      ariaLabels={{
        tableLabel: T.boundaryPolicies,
        selectionGroupLabel: T.boundaryPolicies,
        itemSelectionLabel: (_sel, row) => row.name,
      }}
      filter={
        <TextFilter
          filteringText={text}
          filteringPlaceholder={T.filterPoliciesAriaLabel}
          filteringAriaLabel={T.filterPoliciesAriaLabel}
          countText={q ? T.matches(filtered.length) : undefined}
          onChange={(e) => {
            setText(e.detail.filteringText);
            setPage(1);
          }}
        />
      }
      pagination={pagePagination({ currentPage, pagesCount, setPage })}
      empty={<Box textAlign="center">{T.noMatches}</Box>}
      columnDefinitions={[
        {
          id: 'name',
          header: T.policyNameColumn,
          cell: (r) => <span data-boundary-arn={r.arn}>{r.name}</span>,
        },
        { id: 'type', header: T.typeColumn, cell: (r) => typeLabel(r.type) },
      ]}
    />
  );
}
