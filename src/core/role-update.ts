// Keeping a connection right (docs/lifecycle.md): an update is a setup that reads the connected
// role back against what the service's profile asks for today, at the level the customer chose,
// and reports role.updated only when IAM now holds something other than what the service was
// last told. Pure: the background saves what these return.
import { formatPolicyArn, nameInArn } from './arn.ts';
import { roleDetailsUrl } from './console-links.ts';
import type { Connection } from './messages.ts';
import { planPermissions } from './permissions.ts';
import { serviceAccountIn, trustedPrincipalArn, type ServiceProfile } from './profile.ts';
import type { RoleChange } from './report.ts';
import { laterEventFields, type Setup } from './setup.ts';
import { buildTrustPolicy } from './trust-policy.ts';

/** A plan's policies as ARNs: managed ones as they are, custom ones in the role's account. */
function policyArnsOf(
  plan: {
    partition: Setup['partition'];
    managedPolicyArns: string[];
    customPolicies: { name: string }[];
  },
  accountId: string,
): string[] {
  return [
    ...plan.managedPolicyArns,
    ...plan.customPolicies.map((c) => formatPolicyArn(plan.partition, accountId, c.name)),
  ];
}

/** Why a connection cannot be checked and updated through Crossrole (null: it can). */
export function updateProblem(connection: Connection): string | null {
  if (connection.disconnectedAt) return 'This connection is already disconnected.';
  if (!connection.roleName || !connection.externalId || !connection.reportUrl)
    return 'This connection was made before Crossrole kept what an update needs: change the role in the IAM console, and tell the service.';
  return null;
}

/**
 * An update of `connection` to what `profile` asks for today at `levelId` (the connection's own
 * level, or another the customer chose): a setup that starts with the role's ARN known and runs
 * on the role's page. Its read-back decides what changed; the plan is never reported.
 */
export function planUpdate(
  connection: Connection,
  profile: ServiceProfile,
  levelId: string,
  options: { id: string; now: number },
): { ok: true; value: Setup } | { ok: false; error: string } {
  const why = updateProblem(connection);
  if (why) return { ok: false, error: why };
  if (profile.id !== connection.profileId)
    return { ok: false, error: 'This service profile is not the connection’s.' };
  const serviceAccountId = serviceAccountIn(profile, connection.partition);
  const principalArn = trustedPrincipalArn(profile, connection.partition);
  if (!serviceAccountId || !principalArn)
    return { ok: false, error: `${profile.name} no longer names an account in this partition.` };
  // The options still offered by the profile are kept; one it dropped is no longer asked for.
  const optionIds = (connection.optionIds ?? []).filter((id) =>
    profile.options?.some((o) => o.id === id),
  );
  const plan = planPermissions(profile, levelId, optionIds, connection.partition);
  if (plan.errors.length) return { ok: false, error: plan.errors.map((e) => e.message).join(' ') };
  // What the connection's own level asks for today: on a move, the role should hold it no more.
  const before = planPermissions(
    profile,
    connection.levelId ?? '',
    optionIds,
    connection.partition,
  );
  const levelPolicyArns =
    levelId !== connection.levelId && !before.errors.length
      ? policyArnsOf({ ...before, partition: connection.partition }, connection.accountId)
      : [];
  const externalId = connection.externalId ?? '';
  const roleName = connection.roleName ?? nameInArn(connection.roleArn);
  return {
    ok: true,
    value: {
      ...laterEventFields(connection, options.now),
      id: options.id,
      mode: 'update-role',
      state: 'arn-captured',
      serviceName: profile.name,
      levelId,
      optionIds: plan.optionIds,
      serviceAccountId,
      principalArn,
      externalId,
      roleName,
      managedPolicyArns: plan.managedPolicyArns,
      // Taken to exist in the account: one the Attach policies page does not list is created
      // only on the customer's word (content.policyMissing), then attached.
      customPolicies: plan.customPolicies.map((p) => ({
        name: p.name,
        description: p.description ?? '',
        document: p.document,
        created: true,
      })),
      trustPolicy: buildTrustPolicy({ principalArn, externalId }),
      updateFrom: {
        levelId: connection.levelId ?? '',
        policyArns: connection.policyArns ?? [],
        levelPolicyArns,
      },
    },
  };
}

/** Where an update starts: the role's Permissions tab. */
export const updateUrl = (setup: Setup, host: string | null = null): string =>
  roleDetailsUrl(setup.partition, setup.roleName, 'permissions', host);

/**
 * What an update's read-back changed since the service was last told (docs/lifecycle.md): the
 * level, and each policy now attached or no longer attached. A policy the page listed only by
 * name still counts as attached: it is never said to be detached.
 */
export function updateChanges(setup: Setup): RoleChange[] {
  const from = setup.updateFrom;
  if (setup.mode !== 'update-role' || !from || !setup.policyArns) return [];
  const now = setup.policyArns;
  const namedOnly = new Set(setup.otherPolicyNames ?? []);
  const changes: RoleChange[] = [];
  // A custom policy whose page showed another default version, now the profile's document.
  for (const [name, seen] of Object.entries(setup.checkedPolicies ?? {})) {
    const policyArn = formatPolicyArn(setup.partition, setup.accountId ?? '', name);
    if (seen.same && seen.first && seen.now && seen.first !== seen.now && now.includes(policyArn))
      changes.push({ kind: 'policy-version', policyArn, from: seen.first, to: seen.now });
  }
  if (from.levelId && from.levelId !== setup.levelId)
    changes.push({ kind: 'access-level', from: from.levelId, to: setup.levelId });
  for (const policyArn of from.policyArns)
    if (!now.includes(policyArn) && !namedOnly.has(nameInArn(policyArn)))
      changes.push({ kind: 'policy-detached', policyArn });
  for (const policyArn of now)
    if (!from.policyArns.includes(policyArn)) changes.push({ kind: 'policy-attached', policyArn });
  return changes.slice(0, 50);
}

/**
 * On a move to another level, the policies the old level asks for that the new one does not and
 * the role still holds: the customer's to detach (a move to less access is not done until they
 * are), so they are named, never removed by Crossrole. The customer's own policies are not here.
 */
export function keptFromBefore(setup: Setup): string[] {
  if (setup.mode !== 'update-role' || !setup.updateFrom || !setup.policyArns) return [];
  const now = setup.policyArns;
  const planned = new Set(policyArnsOf(setup, setup.accountId ?? ''));
  return setup.updateFrom.levelPolicyArns.filter((arn) => now.includes(arn) && !planned.has(arn));
}

/**
 * The next custom policy of an update whose page is to be read (docs/lifecycle.md): one the plan
 * asks for, the role holds, and whose document was not yet read back as the profile's.
 */
export function policyToCheck(setup: Setup): string | null {
  if (setup.mode !== 'update-role' || !setup.accountId) return null;
  const held = setup.policyArns ?? [];
  const policy = setup.customPolicies.find(
    (p) =>
      held.includes(formatPolicyArn(setup.partition, setup.accountId!, p.name)) &&
      !setup.checkedPolicies?.[p.name]?.same,
  );
  return policy ? formatPolicyArn(setup.partition, setup.accountId, policy.name) : null;
}

/** IAM keeps at most this many versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;

/**
 * A Policy versions tab's rows as text: each row's version id (`v3`), and which is the default
 * (the row that says so, in English or Japanese). Rows naming no version are not versions.
 */
export function parseVersionRows(rows: readonly string[]): {
  versions: string[];
  defaultVersion: string | null;
} {
  const versions: string[] = [];
  let defaultVersion: string | null = null;
  for (const row of rows) {
    // "v3" (the API's id), or "Version 3" / "バージョン 3" as a table may word it.
    const n = /(?:^|[^\w])(?:v|version\s*|バージョン\s*)([1-9]\d{0,2})(?!\w)/i.exec(row)?.[1];
    const id = n && `v${n}`;
    if (!id || versions.includes(id)) continue;
    versions.push(id);
    if (/default|デフォルト|既定/i.test(row)) defaultVersion = defaultVersion ? null : id;
  }
  return { versions, defaultVersion };
}

/** Two policy documents alike for IAM: the same JSON, whatever the order of object keys. */
export function samePolicyDocument(text: string, document: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  try {
    return JSON.stringify(canonical(JSON.parse(text))) === JSON.stringify(canonical(document));
  } catch {
    return false;
  }
}
