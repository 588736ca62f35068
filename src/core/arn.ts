// IAM ARNs and names: parsing, formatting and IAM's limits (docs/console.md, "Limits").
import { isPartition, type Partition } from './partition.ts';
import { problem, type Problem } from './problems.ts';

export type IamArn = {
  partition: Partition;
  accountId: string; // 12 digits, or 'aws' for AWS managed policies
  resourceType: 'role' | 'user' | 'policy';
  path: string; // '/' or '/a/b/'
  name: string;
};

const ARN =
  /^arn:([a-z-]+):iam::(\d{12}|aws):(role|user|policy)(\/(?:[\x21-\x7e]*\/)?)?([\w+=,.@-]+)$/;

export function parseArn(text: string): IamArn | null {
  const m = ARN.exec(text.trim());
  if (!m) return null;
  const [, partition, accountId, resourceType, path, name] = m;
  if (!isPartition(partition) || !accountId || !name) return null;
  if (accountId === 'aws' && resourceType !== 'policy') return null;
  return {
    partition,
    accountId,
    resourceType: resourceType as IamArn['resourceType'],
    path: path ?? '/',
    name,
  };
}

export function formatArn(arn: IamArn): string {
  return `arn:${arn.partition}:iam::${arn.accountId}:${arn.resourceType}${arn.path}${arn.name}`;
}

export const formatRoleArn = (partition: Partition, accountId: string, roleName: string): string =>
  `arn:${partition}:iam::${accountId}:role/${roleName}`;

export const formatUserArn = (partition: Partition, accountId: string, userName: string): string =>
  `arn:${partition}:iam::${accountId}:user/${userName}`;

export const formatPolicyArn = (
  partition: Partition,
  accountId: string,
  policyName: string,
): string => `arn:${partition}:iam::${accountId}:policy/${policyName}`;

/** The same ARN in another partition (`arn:aws:iam::aws:policy/X` → `arn:aws-cn:…`). */
/** A role's or policy's name, from its ARN (a path is not part of the name). */
export const nameInArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

export function toPartition(arnText: string, partition: Partition): string {
  return arnText.replace(/^arn:[a-z-]+:/, `arn:${partition}:`);
}

/** Role ARNs as they appear in page text (docs/console.md, "The signed-in account"). */
export const ROLE_ARN_IN_TEXT = /arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+/g;
export const USER_ARN_IN_TEXT = /arn:aws[a-z-]*:iam::\d{12}:user\/[\w+=,.@/-]+/g;
/** A policy ARN, AWS managed or the account's, as a link or a list shows it. */
export const POLICY_ARN_IN_TEXT = /arn:aws[a-z-]*:iam::(?:\d{12}|aws):policy\/[\w+=,.@/-]+/;

/** IAM's longest role or user name (docs/console.md, "Limits"). */
export const IAM_NAME_MAX_LENGTH = 64;
/** IAM's longest customer-managed policy name. */
export const POLICY_NAME_MAX_LENGTH = 128;

export function validateAccountId(value: string): string | null {
  return /^\d{12}$/.test(value) ? null : 'must be exactly 12 digits';
}

/** What is wrong with a role (or user) name by IAM's rule, or null when it is fine. */
export function roleNameProblem(name: string): Problem | null {
  if (name.length === 0) return problem('nameEmpty');
  if (name.length > IAM_NAME_MAX_LENGTH)
    return problem('nameTooLong', { length: name.length, max: IAM_NAME_MAX_LENGTH });
  const bad = [...new Set(name.replace(/[\w+=,.@-]/g, ''))];
  if (bad.length) return problem('nameBadChars', { chars: bad.map((c) => `"${c}"`).join(', ') });
  return null;
}

/** The same, in English words (the background's refusals). */
export function validateRoleName(name: string): string | null {
  return roleNameProblem(name)?.message ?? null;
}

/**
 * The IAM user for the access-keys method, named after the profile's role so both read as the
 * same service's: "ExampleRole" gives "ExampleUser" (same case), any other name gets "-user".
 * User names follow the role-name rule (64 characters).
 */
export function userNameForRole(roleName: string): string {
  const tail = roleName.slice(-4);
  const user = tail === 'ROLE' ? 'USER' : tail === 'Role' ? 'User' : 'user';
  const base = /role$/i.test(roleName) ? `${roleName.slice(0, -4)}${user}` : `${roleName}-user`;
  return base.length <= IAM_NAME_MAX_LENGTH
    ? base
    : `${roleName.slice(0, IAM_NAME_MAX_LENGTH - '-user'.length)}-user`;
}

/** Customer-managed policy names follow the role-name rule with a 128-character limit. */
export function policyNameProblem(name: string): Problem | null {
  if (name.length === 0) return problem('nameEmpty');
  if (name.length > POLICY_NAME_MAX_LENGTH)
    return problem('nameTooLong', { length: name.length, max: POLICY_NAME_MAX_LENGTH });
  if (!/^[\w+=,.@-]+$/.test(name)) return problem('policyNameBadChars');
  return null;
}

/** The same, in English words. */
export function validatePolicyName(name: string): string | null {
  return policyNameProblem(name)?.message ?? null;
}

// Tab, LF, CR, printable ASCII and Latin-1 (docs/console.md, "Limits").
const DESCRIPTION_CHAR = /[\t\n\r\u0020-\u007e\u00a1-\u00ff]/;

export function descriptionProblem(text: string): Problem | null {
  if (text.length > 1000) return problem('descriptionTooLong', { length: text.length, max: 1000 });
  const bad = [...new Set([...text].filter((c) => !DESCRIPTION_CHAR.test(c)))];
  if (bad.length) return problem('descriptionBadChars', { chars: bad.slice(0, 5).join(' ') });
  return null;
}

/** The same, in English words (the background's refusals). */
export function validateDescription(text: string): string | null {
  return descriptionProblem(text)?.message ?? null;
}

/** Drops what IAM refuses in a description (emoji, CJK, typographic dashes become '-'). */
export function sanitizeDescription(text: string): string {
  return [
    ...text
      .normalize('NFC')
      .replace(/[\u2010-\u2015]/g, '-')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\u2026/g, '...'),
  ]
    .filter((c) => DESCRIPTION_CHAR.test(c))
    .join('')
    .slice(0, 1000);
}
