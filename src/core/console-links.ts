// Links into the IAM console. The create-role link pre-fills the wizard as far as the console
// honours it (docs/console.md, "Deep links"); the content scripts check and repair every field afterwards.
import { DEFAULT_CONSOLE_HOSTS, type Partition } from './partition.ts';

export type CreateRoleLink = {
  serviceAccountId: string;
  externalId: string;
  policyArns: readonly string[];
};

function iamHome(host: string, region: string | null): string {
  return `https://${host}/iam/home${region ? `?region=${encodeURIComponent(region)}` : ''}`;
}

/** `host` is the console host to stay on (the customer's current tab), else the partition's default. */
export function createRoleUrl(
  partition: Partition,
  link: CreateRoleLink,
  host: string | null = null,
  region: string | null = null,
): string {
  const query = new URLSearchParams({
    step: 'selectEntities',
    trustedEntityType: 'AWS_ACCOUNT',
    awsAccount: link.serviceAccountId,
    isThirdParty: 'true',
    externalId: link.externalId,
  });
  for (const arn of link.policyArns) query.append('policies', arn);
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], region)}#/roles/create?${query.toString()}`;
}

export function roleDetailsUrl(
  partition: Partition,
  roleName: string,
  section: 'permissions' | 'trust_relationships' | null = null,
  host: string | null = null,
): string {
  const suffix = section ? `?section=${section}` : '';
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/roles/details/${encodeURIComponent(roleName)}${suffix}`;
}

/** A managed policy's page, `#/policies/details/<ARN>` (docs/lifecycle.md). */
export function policyDetailsUrl(
  partition: Partition,
  policyArn: string,
  host: string | null = null,
): string {
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/policies/details/${encodeURIComponent(policyArn)}`;
}

/** An IAM user's page, on its security credentials tab when asked (access-keys method). */
export function userDetailsUrl(
  partition: Partition,
  userName: string,
  section: 'security_credentials' | null = null,
  host: string | null = null,
): string {
  const suffix = section ? `?section=${section}` : '';
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/users/details/${encodeURIComponent(userName)}${suffix}`;
}

/**
 * The legacy deep link (`#/roles$new?…`, docs/console.md, "Deep links"), offered when the new wizard is not
 * recognised: some consoles still redirect it well, and it carries the role name too.
 */
export function legacyCreateRoleUrl(
  partition: Partition,
  link: CreateRoleLink & { roleName: string },
  host: string | null = null,
): string {
  const query = new URLSearchParams({
    step: 'type',
    roleType: 'crossAccount',
    isThirdParty: '',
    accountID: link.serviceAccountId,
    externalID: link.externalId,
    roleName: link.roleName,
  });
  for (const arn of link.policyArns) query.append('policies', arn);
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/roles$new?${query.toString().replace('isThirdParty=&', 'isThirdParty&')}`;
}

/** The Create user wizard with the policies pre-selected (access-keys method). */
export function createUserUrl(
  partition: Partition,
  policyArns: readonly string[],
  host: string | null = null,
): string {
  const query = new URLSearchParams();
  for (const arn of policyArns) query.append('policies', arn);
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/users/create${query.size ? `?${query.toString()}` : ''}`;
}

export function createPolicyUrl(partition: Partition, host: string | null = null): string {
  return `${iamHome(host ?? DEFAULT_CONSOLE_HOSTS[partition], null)}#/policies/create`;
}

/**
 * The hash route and its query, as the single-page app sees them. The legacy wizard's `$new`
 * belongs to the path (`#/roles$new?step=type` → `/roles$new`, step=type).
 */
export function parseHashRoute(hash: string): { path: string; query: URLSearchParams } {
  const text = hash.replace(/^#/, '');
  const at = text.indexOf('?');
  if (at === -1) return { path: text, query: new URLSearchParams() };
  return { path: text.slice(0, at), query: new URLSearchParams(text.slice(at + 1)) };
}

/**
 * Where a setup's console work goes next: Create policy while a custom policy is missing, then
 * the create-role wizard with every policy pre-selected (customer-managed ones need the account).
 */
export function nextSetupUrl(
  setup: {
    mode: 'create-role' | 'update-trust' | 'access-keys';
    partition: Partition;
    serviceAccountId: string;
    externalId: string;
    managedPolicyArns: readonly string[];
    customPolicies: readonly { name: string; created: boolean }[];
  },
  accountId: string | null,
  host: string | null,
  region: string | null = null,
): string {
  if (setup.customPolicies.some((p) => !p.created)) return createPolicyUrl(setup.partition, host);
  const custom = accountId
    ? setup.customPolicies.map((p) => `arn:${setup.partition}:iam::${accountId}:policy/${p.name}`)
    : [];
  if (setup.mode === 'access-keys') {
    return createUserUrl(setup.partition, [...setup.managedPolicyArns, ...custom], host);
  }
  return createRoleUrl(
    setup.partition,
    {
      serviceAccountId: setup.serviceAccountId,
      externalId: setup.externalId,
      policyArns: [...setup.managedPolicyArns, ...custom],
    },
    host,
    region,
  );
}

/** A route's name segment, decoded; null when empty or not valid percent-encoding. */
function decodedName(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The role a page is about: `/roles/details/<name>` or `/roles/edit_trust_policy/<name>`. */
export function roleNameFromPath(
  path: string,
  page: 'details' | 'edit_trust_policy',
): string | null {
  const head = `/roles/${page}/`;
  const name = path.startsWith(head) ? path.slice(head.length) : '';
  return name.includes('/') ? null : decodedName(name);
}

const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/**
 * The policy a policy's page is about: `/policies/details/<ARN>`, the ARN encoded or as it is
 * (docs/lifecycle.md); never the page of its Edit (`…/edit`).
 */
export function policyArnFromPath(path: string): string | null {
  if (path.endsWith('/edit')) return null;
  const arn = decodedName(/^\/policies\/details\/(arn(?::|%3A).+)$/i.exec(path)?.[1]);
  return arn && POLICY_ARN.test(arn) ? arn : null;
}

/** The policy of its Edit page, `/policies/details/<ARN>/edit` (docs/lifecycle.md: a guess). */
export function editedPolicyArn(path: string): string | null {
  const arn = decodedName(/^\/policies\/details\/(arn(?::|%3A).+)\/edit$/i.exec(path)?.[1]);
  return arn && POLICY_ARN.test(arn) ? arn : null;
}

/** The user of the user's page, `/users/details/<name>`. */
export const userNameFromPath = (path: string): string | null =>
  decodedName(/^\/users\/details\/([^/]+)$/.exec(path)?.[1]);

/** The user of the Create access key page, `/users/details/<name>/create_access_key`. */
export const accessKeyUserFromPath = (path: string): string | null =>
  decodedName(/^\/users\/details\/([^/]+)\/create_access_key$/.exec(path)?.[1]);

/** The role or user a link (a success flash's) points at: `#/roles/details/<name>`, `#/users/…`. */
export const detailsLinkName = (href: string, kind: 'roles' | 'users'): string | null =>
  decodedName(
    (kind === 'roles' ? /#\/roles\/details\/([^?/]+)/ : /#\/users\/details\/([^?/]+)/).exec(
      href,
    )?.[1],
  );
