// A whole AWS Organization through one CloudFormation stack set with service-managed permissions
// (docs/organizations.md): the stack set planned from the Setup that `planSetup` builds for the
// wizard (its template is src/core/iac.ts's, docs/iac.md), the verdict on what the stack set's
// page shows after the customer's Submit, and which accounts' instances may be reported. Pure:
// no browser API, so the background, the tests and the fuzzers share it.
import { formatPolicyArn, formatRoleArn } from './arn.ts';
import { cloudFormationTemplate, type IacPlan } from './iac.ts';
import { CONSOLE_DOMAINS, type Partition } from './partition.ts';
import type { Setup, StackSetState } from './setup.ts';

export type StackSetTargets = StackSetState['targets'];

/** IAM is global: one stack instance per account, in the console's region of the partition. */
export const STACK_SET_REGIONS: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-eusc': 'eusc-de-east-1',
};

/** What CloudFormation takes as a stack set name, and as a template body the wizard uploads. */
const STACK_SET_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
export const MAX_TEMPLATE_CHARS = 51_200;

/** The template's parameters the wizard fills (docs/iac.md). */
export const PARAMETER_KEYS = ['ExternalId', 'RoleName'] as const;

/**
 * The stack set's name: the role name when CloudFormation allows it, otherwise the role name with
 * every run of other characters (IAM allows `+=,.@_`) made a hyphen, prefixed when it does not
 * start with a letter.
 */
export function stackSetNameFor(roleName: string): string {
  if (STACK_SET_NAME.test(roleName)) return roleName;
  let name = roleName.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z]/.test(name)) name = `Crossrole-${name}`;
  return name.slice(0, 128).replace(/-+$/, '');
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** The stack set of an organization setup, nothing read back yet; or why it cannot be one. */
export function planStackSet(
  setup: Omit<IacPlan, 'mode'>,
  targets: StackSetTargets,
): Outcome<StackSetState> {
  // The same role the wizard would create (iac.ts writes only a new role's template).
  const template = cloudFormationTemplate({ ...setup, mode: 'create-role' });
  if (!template.ok) return template;
  if (template.value.length > MAX_TEMPLATE_CHARS)
    return {
      ok: false,
      error: `The stack set's template would be ${template.value.length.toLocaleString('en-US')} characters; CloudFormation takes ${MAX_TEMPLATE_CHARS.toLocaleString('en-US')} at most from a file.`,
    };
  const stackSetName = stackSetNameFor(setup.roleName);
  return {
    ok: true,
    value: {
      stackSetName,
      stackSetDescription:
        `The IAM role ${setup.serviceName} needs, in every target account (Crossrole).`.slice(
          0,
          1024,
        ),
      templateBody: template.value,
      templateFileName: `${stackSetName}-stackset.json`,
      // No profile names a hosted template (docs/vendors.md): the wizard uploads the file.
      templateUrl: null,
      parameters: [
        { key: 'ExternalId', value: setup.externalId },
        { key: 'RoleName', value: setup.roleName },
      ],
      targets,
      region: STACK_SET_REGIONS[setup.partition],
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 100,
      stackSetArn: null,
      managementAccountId: null,
      templateVerified: false,
      instances: [],
      reportedAccounts: [],
      lastReadAt: null,
    },
  };
}

/** The Create StackSet wizard, in the plan's region (the regional host, as a console link). */
export function stackSetCreateUrl(partition: Partition, region: string): string {
  const r = encodeURIComponent(region);
  return `https://${r}.${CONSOLE_DOMAINS[partition]}/cloudformation/home?region=${r}#/stacksets/create`;
}

/** The stack set a console route is about: `/stacksets/<name>` and its tabs, not the wizard. */
export function stackSetNameFromRoute(route: string): string | null {
  const match = /^#?\/stacksets\/([^/?#]+)(?:[/?]|$)/.exec(route);
  const name = match?.[1];
  return name && name !== 'create' && STACK_SET_NAME.test(name) ? name : null;
}

// --- reading the stack set back ---------------------------------------------------------------

/** A stack set's ARN: `arn:<partition>:cloudformation:<region>:<account>:stackset/<name>:<id>`. */
export type StackSetArn = { partition: string; region: string; accountId: string; name: string };

export function parseStackSetArn(text: string): StackSetArn | null {
  const match =
    /^arn:(aws[a-z-]*):cloudformation:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):stackset\/([A-Za-z][A-Za-z0-9-]{0,127}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
      text.trim(),
    );
  if (!match) return null;
  return { partition: match[1]!, region: match[2]!, accountId: match[3]!, name: match[4]! };
}

/** What the stack set's page showed (the `content.stackSet` message's fields). */
export type StackSetReadBack = {
  stackSetArn: string;
  permissionModel: 'SERVICE_MANAGED' | 'SELF_MANAGED' | null;
  autoDeployment: boolean | null;
  parameters: readonly { key: string; value: string }[];
  templateBody: string | null;
};

export type StackSetVerdict = {
  /** Why the read-back is not the plan: when any, nothing is reported. */
  problems: string[];
  stackSetArn: string;
  managementAccountId: string;
  /** The Template tab showed the plan's template (false when it showed none). */
  templateVerified: boolean;
};

/** JSON values equal as JSON: objects by their keys whatever the order, arrays item by item. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}

function parsedJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The verdict on a stack set's page against the plan: its ARN must name the partition, the
 * plan's region and stack set and the account the console is signed in to (the management
 * account or a delegated administrator); the permission model must be SERVICE_MANAGED; the
 * parameters exactly the plan's; a template shown must be the plan's, compared as parsed JSON.
 */
export function judgeStackSet(
  plan: Pick<StackSetState, 'stackSetName' | 'region' | 'parameters' | 'templateBody'>,
  readBack: StackSetReadBack,
  signedInAccountId: string,
  partition: Partition,
): StackSetVerdict {
  const problems: string[] = [];
  const arn = parseStackSetArn(readBack.stackSetArn);
  if (!arn) {
    problems.push('The page does not show a stack set ARN Crossrole can read.');
  } else {
    if (arn.partition !== partition)
      problems.push(`The stack set ARN is in partition ${arn.partition}, not ${partition}.`);
    if (arn.region !== plan.region)
      problems.push(`The stack set is in region ${arn.region}, not ${plan.region}.`);
    if (arn.accountId !== signedInAccountId)
      problems.push(
        `The stack set ARN names account ${arn.accountId}, but the console is signed in to ${signedInAccountId}.`,
      );
    if (arn.name !== plan.stackSetName)
      problems.push(`The page shows stack set ${arn.name}, not ${plan.stackSetName}.`);
  }
  if (readBack.permissionModel !== 'SERVICE_MANAGED')
    problems.push(
      readBack.permissionModel === null
        ? 'Crossrole could not read the stack set’s permission model.'
        : `The stack set uses ${readBack.permissionModel} permissions, not service-managed ones: it does not deploy to the Organization’s accounts.`,
    );
  for (const expected of plan.parameters) {
    const shown = readBack.parameters.filter((p) => p.key === expected.key);
    if (shown.length !== 1 || shown[0]!.value !== expected.value)
      problems.push(
        shown.length === 0
          ? `The stack set has no parameter ${expected.key}.`
          : `The stack set’s parameter ${expected.key} is not “${expected.value}”.`,
      );
  }
  const extra = readBack.parameters.find((p) => !plan.parameters.some((e) => e.key === p.key));
  if (extra) problems.push(`The stack set has a parameter ${extra.key} the plan does not.`);
  let templateVerified = false;
  if (readBack.templateBody !== null) {
    const shown = parsedJson(readBack.templateBody);
    const planned = parsedJson(plan.templateBody);
    templateVerified = shown.ok && planned.ok && sameJson(shown.value, planned.value);
    if (!templateVerified)
      problems.push('The stack set’s template is not the one Crossrole planned.');
  }
  if (problems.length) problems.push('No account was reported.');
  return {
    problems,
    stackSetArn: readBack.stackSetArn.trim(),
    managementAccountId: arn?.accountId ?? signedInAccountId,
    templateVerified: templateVerified && problems.length === 0,
  };
}

// --- stack instances ------------------------------------------------------------------------

/** One row of the Stack instances tab (the `content.stackInstances` message's rows). */
export type InstanceRow = {
  accountId: string;
  region: string;
  status: string;
  detailedStatus: string | null;
  reason: string | null;
};

/** Detailed statuses (docs/organizations.md, "Statuses") of an instance that will not succeed. */
const FAILED_DETAILED = new Set([
  'FAILED',
  'CANCELLED',
  'INOPERABLE',
  'SKIPPED_SUSPENDED_ACCOUNT',
  'FAILED_IMPORT',
]);

export type FailedAccount = { accountId: string; reason: string };

export function isFailedInstance(row: { status: string; detailedStatus: string | null }): boolean {
  return row.status === 'INOPERABLE' || FAILED_DETAILED.has(row.detailedStatus ?? '');
}

const isAccountId = (text: string) => /^\d{12}$/.test(text);

/** Accounts whose instance failed, not reported, with the console's reason (or its status). */
export function failedAccounts(state: Pick<StackSetState, 'instances' | 'reportedAccounts'>) {
  return state.instances
    .filter((i) => isFailedInstance(i) && !state.reportedAccounts.includes(i.accountId))
    .map((i): FailedAccount => ({
      accountId: i.accountId,
      reason: i.reason ?? i.detailedStatus ?? i.status,
    }));
}

export type InstancesVerdict = {
  /** Every account read so far in the plan's region, each as last read. */
  instances: StackSetState['instances'];
  /** Accounts to report now: their instance succeeded and none was reported for them yet. */
  toReport: string[];
  failed: FailedAccount[];
};

/**
 * What the Stack instances tab says, against the stack set as it stands: rows of the plan's
 * region for valid account ids other than the management account (service-managed stack sets
 * never deploy there), merged into the rows read before (a page may show only some). An account
 * is reported once its instance reads SUCCEEDED with status CURRENT, and never twice.
 */
export function judgeInstances(
  state: Pick<StackSetState, 'region' | 'instances' | 'reportedAccounts' | 'managementAccountId'>,
  rows: readonly InstanceRow[],
): InstancesVerdict {
  const byAccount = new Map(state.instances.map((i) => [i.accountId, i]));
  for (const row of rows) {
    const accountId = row.accountId.trim();
    if (row.region.trim() !== state.region || !isAccountId(accountId)) continue;
    if (accountId === state.managementAccountId) continue;
    byAccount.set(accountId, {
      accountId,
      status: row.status.trim(),
      detailedStatus: row.detailedStatus?.trim() || null,
      reason: row.reason?.trim() || null,
    });
  }
  const instances = [...byAccount.values()];
  const toReport = instances
    .filter(
      (i) =>
        i.status === 'CURRENT' &&
        i.detailedStatus === 'SUCCEEDED' &&
        !state.reportedAccounts.includes(i.accountId),
    )
    .map((i) => i.accountId);
  return {
    instances,
    toReport,
    failed: failedAccounts({
      instances,
      reportedAccounts: [...state.reportedAccounts, ...toReport],
    }),
  };
}

// --- member setups --------------------------------------------------------------------------

/**
 * The id of the member setup that reports `accountId` for organization setup `parentId`: a
 * name-based UUID (RFC 9562 version 8, from SHA-256), so the same account always gets the same
 * report `setupId` and Idempotency-Key, whether the page is read twice or after a restart.
 */
export async function memberSetupId(parentId: string, accountId: string): Promise<string> {
  const name = new TextEncoder().encode(`crossrole:organization-member:${parentId}:${accountId}`);
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', name)).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The setup that reports one member account: verified and queued at once, since the instance's
 * success means the template's resources exist there (docs/organizations.md, "What is reported").
 * The trust policy and permissions count as verified only when the template was read back.
 */
export function memberSetup(
  parent: Setup & { stackSet: StackSetState & { managementAccountId: string } },
  accountId: string,
  id: string,
  now: number,
  delivery: NonNullable<Setup['delivery']>,
): Setup {
  const { stackSet } = parent;
  const verified = stackSet.templateVerified;
  return {
    id,
    mode: 'organization-member',
    state: 'verified',
    profileId: parent.profileId,
    serviceName: parent.serviceName,
    levelId: parent.levelId,
    optionIds: parent.optionIds,
    partition: parent.partition,
    serviceAccountId: parent.serviceAccountId,
    principalArn: parent.principalArn,
    externalId: parent.externalId,
    roleName: parent.roleName,
    roleDescription: parent.roleDescription,
    managedPolicyArns: parent.managedPolicyArns,
    customPolicies: parent.customPolicies.map((p) => ({ ...p, created: true })),
    trustPolicy: parent.trustPolicy,
    reportUrl: parent.reportUrl,
    createdAt: now,
    updatedAt: now,
    tabId: null,
    consoleHost: null,
    hasToken: parent.hasToken,
    accountId,
    roleArn: formatRoleArn(parent.partition, accountId, parent.roleName),
    capturedAt: new Date(now).toISOString(),
    trustPolicyVerified: verified,
    trustProblems: verified
      ? []
      : ['Crossrole could not read the stack set’s template, so the role was not checked.'],
    policyArns: [
      ...parent.managedPolicyArns,
      ...parent.customPolicies.map((p) => formatPolicyArn(parent.partition, accountId, p.name)),
    ],
    otherPolicyNames: [],
    permissionsVerified: verified,
    missingPolicies: [],
    problem: null,
    delivery,
    parentId: parent.id,
    organization: {
      stackSetName: stackSet.stackSetName,
      managementAccountId: stackSet.managementAccountId,
    },
  };
}
