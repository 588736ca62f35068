// What an access level or option really grants, in words, and what the customer must be warned
// about before confirming: administrator or IAM-changing grants, `*` and service-wide actions,
// and a label that claims read-only over a grant that can change things. A profile's labels are
// the vendor's words; the grants are what the role gets. Pure: the popup shows the result.
import { actionMatches, statements, type PolicyStatement } from './iam-policy.ts';
import type { AccessLevel } from './profile.ts';
import { problem, type Problem } from './problems.ts';

export type GrantRisk = Problem & {
  /** `danger`: the service could take over the account; `caution`: broad, changes allowed. */
  severity: 'danger' | 'caution';
};

/** One line per policy: what it lets the role do. */
export type GrantLine = { policy: string; kind: 'managed' | 'custom'; grants: string[] };

type PermissionSet = Pick<AccessLevel, 'label' | 'managedPolicyArns' | 'customPolicies'>;

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const managedPolicyName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Verbs of actions that only read (an action name starting with one changes nothing). */
const READ_VERB =
  /^(Get|List|Describe|View|Search|Lookup|Query|Scan|Select|Read|BatchGet|BatchDescribe|Head)/i;

/** AWS managed policies that grant only reads. Any other managed policy may change things. */
const READ_ONLY_MANAGED = /ReadOnly|ViewOnly|^SecurityAudit$/i;

/** IAM actions that create or change identities and permissions (a sample wildcards are tried on). */
const IAM_WRITES = [
  'AddUserToGroup',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'AttachUserPolicy',
  'ChangePassword',
  'CreateAccessKey',
  'CreateLoginProfile',
  'CreatePolicy',
  'CreatePolicyVersion',
  'CreateRole',
  'CreateServiceLinkedRole',
  'CreateUser',
  'DeleteRolePermissionsBoundary',
  'DeleteRolePolicy',
  'DetachRolePolicy',
  'PassRole',
  'PutGroupPolicy',
  'PutRolePermissionsBoundary',
  'PutRolePolicy',
  'PutUserPolicy',
  'SetDefaultPolicyVersion',
  'TagRole',
  'UpdateAccessKey',
  'UpdateAssumeRolePolicy',
  'UpdateLoginProfile',
  'UploadSSHPublicKey',
];

/** Labels that promise reading only, in English and Japanese. */
const READ_ONLY_CLAIM =
  /\b(read|view|audit)(s|er|ers|ing|or|ors|only)?\b|readonly|読み取り|読取|読み込み専用|閲覧|参照|監査|リードオンリー|表示のみ/i;

export function claimsReadOnly(label: string): boolean {
  return READ_ONLY_CLAIM.test(label.normalize('NFKC'));
}

const hasWildcard = (name: string) => /[*?]/.test(name);

/** Whether an action pattern (with IAM's wildcards) may allow an action that changes something. */
export function mayWrite(pattern: string): boolean {
  if (pattern === '*') return true;
  const name = pattern.slice(pattern.indexOf(':') + 1);
  if (!hasWildcard(name)) return !READ_VERB.test(name);
  // A wildcard reads only when what comes before it already spells a read verb ("Describe*").
  const prefix = name.slice(0, name.search(/[*?]/));
  const verb = READ_VERB.exec(prefix);
  return verb === null;
}

/** Whether an action pattern may allow an IAM action that creates or changes permissions. */
export function mayWriteIam(pattern: string): boolean {
  if (pattern === '*') return true;
  const [service, name = ''] = pattern.split(':');
  if (service?.toLowerCase() !== 'iam') return false;
  if (!hasWildcard(name)) return !READ_VERB.test(name);
  return IAM_WRITES.some((action) => actionMatches(pattern, `iam:${action}`));
}

const allows = (s: PolicyStatement) => s.Effect === 'Allow';

/** What each policy of a level or option grants, as the customer should read it. */
export function grantLines(set: PermissionSet): GrantLine[] {
  return [
    ...(set.managedPolicyArns ?? []).map((arn) => ({
      policy: managedPolicyName(arn),
      kind: 'managed' as const,
      grants: [],
    })),
    ...(set.customPolicies ?? []).map((policy) => ({
      policy: policy.name,
      kind: 'custom' as const,
      grants: statements(policy.document).map((s) => {
        const verb = s.Effect === 'Allow' ? 'allows' : 'denies';
        return s.Action !== undefined
          ? `${verb} ${asList(s.Action).join(', ')}`
          : `${verb} every action except ${asList(s.NotAction).join(', ')}`;
      }),
    })),
  ];
}

/** Everything the customer must be warned about in one level or option, worst first. */
export function grantRisks(set: PermissionSet): GrantRisk[] {
  const risks: GrantRisk[] = [];
  const writes: string[] = [];
  for (const arn of set.managedPolicyArns ?? []) {
    const name = managedPolicyName(arn);
    if (/^AdministratorAccess/i.test(name))
      risks.push({ severity: 'danger', ...problem('riskAdministrator', { policy: name }) });
    else if (/^IAM.*FullAccess$|^AWSOrganizationsFullAccess$/i.test(name))
      risks.push({ severity: 'danger', ...problem('riskIamFullAccess', { policy: name }) });
    else if (/^PowerUserAccess$/i.test(name))
      risks.push({ severity: 'caution', ...problem('riskPowerUser', { policy: name }) });
    else if (/FullAccess$/i.test(name))
      risks.push({ severity: 'caution', ...problem('riskFullAccess', { policy: name }) });
    if (!READ_ONLY_MANAGED.test(name)) writes.push(name);
  }
  for (const policy of set.customPolicies ?? []) {
    for (const s of statements(policy.document).filter(allows)) {
      if (s.NotAction !== undefined) {
        risks.push({
          severity: 'danger',
          ...problem('riskNotAction', {
            policy: policy.name,
            actions: asList(s.NotAction).join(', '),
          }),
        });
        writes.push(`${policy.name} (NotAction)`);
        continue;
      }
      for (const action of asList(s.Action)) {
        if (action === '*') {
          risks.push({ severity: 'danger', ...problem('riskStar', { policy: policy.name }) });
        } else if (mayWriteIam(action)) {
          risks.push({
            severity: 'danger',
            ...problem('riskIamWrite', { policy: policy.name, action }),
          });
        } else if (action.endsWith(':*')) {
          risks.push({
            severity: 'caution',
            ...problem('riskServiceWide', {
              policy: policy.name,
              action,
              service: action.slice(0, -2),
            }),
          });
        }
        if (mayWrite(action)) writes.push(action);
      }
    }
  }
  if (writes.length > 0 && claimsReadOnly(set.label)) {
    const shown = writes.slice(0, 3).join(', ') + (writes.length > 3 ? ', …' : '');
    risks.unshift({
      severity: 'danger',
      ...problem('riskReadOnlyLabel', { label: set.label, actions: shown }),
    });
  }
  const seen = new Set<string>();
  return risks
    .filter((r) => !seen.has(r.message) && seen.add(r.message))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1));
}
