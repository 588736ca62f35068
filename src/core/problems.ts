// Problems core finds in what the customer or a service gave (a role name, a plan, a profile, a
// connection code), as a stable code with its values, so the popup can say each in its own
// language (src/popup/problems.ts renders them through _locales). Each keeps its English
// sentence in `message`, for the background, logs, vendors and tests. Pure: no browser API.

/** The values each problem carries, by its code. Numbers stay numbers (formatted where shown). */
export type ProblemParams = {
  // Names (role, user, policy)
  nameEmpty: object;
  nameTooLong: { length: number; max: number };
  nameBadChars: { chars: string };
  // The permission plan (src/core/permissions.ts)
  planNoLevel: { level: string };
  planNoOption: { option: string };
  planDuplicatePolicy: { name: string };
  planTooManyPolicies: { count: number; max: number };
  planActionNotGranted: { service: string; action: string };
  trustPolicyTooLarge: { size: number; max: number; quotaMax: number };
  // Grant risks (src/core/grant-risk.ts)
  riskAdministrator: { policy: string };
  riskIamFullAccess: { policy: string };
  riskPowerUser: { policy: string };
  riskFullAccess: { policy: string };
  riskNotAction: { policy: string; actions: string };
  riskStar: { policy: string };
  riskIamWrite: { policy: string; action: string };
  riskServiceWide: { policy: string; action: string; service: string };
  riskReadOnlyLabel: { label: string; actions: string };
  // Imports (src/core/imports.ts)
  importHttpsOnly: object;
  importBuiltinId: { id: string };
  importLikeBuiltin: { name: string; other: string };
  importLikeImported: { name: string; other: string };
  importTooLarge: { bytes: number; max: number };
  importTooMany: { max: number };
  // Connection codes (src/core/connection-code.ts)
  codePrefix: { prefix: string };
  codeNotBase64: { prefix: string };
  codeNotJson: object;
  codeExpired: { date: string };
  codeUnknownProfile: { id: string };
  codeBuiltinProfileId: { id: string };
  codeExternalIdRequired: { service: string };
  codeTokenRequired: { service: string };
  // External IDs (src/core/external-id.ts)
  externalIdTooShort: { min: number };
  externalIdTooLong: { length: number; max: number };
  externalIdBadChars: object;
  // Shapes of outside input (src/core/json-limits.ts)
  tooManyValues: { max: number };
  nestedTooDeep: { max: number };
  nestedTooDeepAt: { max: number; at: number };
  // Fields, from the schemas (src/core/result.ts)
  unknownFields: { fields: string; count: number };
  requiredOfType: { type: string };
  required: object;
  /** `types`: JSON type names (string, number, boolean, object, array, null), joined by "|". */
  mustBeType: { types: string };
  noMatchingForm: object;
  mustBeOneOf: { values: string; count: number };
  minChars: { min: number };
  minItems: { min: number };
  minValue: { min: number };
  maxChars: { max: number };
  maxItems: { max: number };
  maxValue: { max: number };
  isoDateTime: object;
  validFormat: { format: string };
  notValid: object;
  twelveDigits: object;
  printableOnly: object;
  httpsUrl: object;
  // Service profiles (src/core/profile.ts)
  profileIdFormat: object;
  levelIdFormat: object;
  levelIdTwice: { id: string };
  optionIdTwice: { id: string };
  defaultLevelCount: { found: number };
  levelsEmpty: object;
  levelsTooMany: { max: number };
  optionsTooMany: { max: number };
  methodsEmpty: object;
  methodsNeedRole: object;
  externalIdSource: object;
  sessionTooShort: { seconds: number; hours: number };
  sessionTooLong: { seconds: number; hours: number };
  requiredActionFormat: object;
  policyArnFormat: object;
  policyArnExact: { arn: string };
  levelNeedsPolicies: object;
  levelTooManyPolicies: { count: number; max: number };
  customPolicyTooLarge: { size: number; max: number; over: number };
  principalArnFormat: { account: string };
  reportAuthToken: object;
  reportUrlNotUrl: object;
  reportUrlCredentials: object;
  reportUrlSpaces: object;
  reportUrlLoopbackSpelling: object;
  reportUrlHttps: object;
  /** `detail`: the JSON parser's own words (the browser's, in English). */
  notJson: { detail: string };
  // Policy documents (src/core/iam-policy.ts)
  policyActionFormat: object;
  policyTooManyWildcards: { count: number; max: number };
  policyActionsEmpty: object;
  policyResourceFormat: object;
  policyResourcesEmpty: object;
  policyConditionValue: object;
  policySidFormat: object;
  policyActionOrNotAction: object;
  policyResourceOrNotResource: object;
  policyVersion: { version: string };
  policyStatementsEmpty: object;
  // IAM names and texts (src/core/arn.ts, src/core/external-id.ts)
  policyNameBadChars: object;
  descriptionTooLong: { length: number; max: number };
  descriptionBadChars: { chars: string };
  prefixTooLong: { length: number; random: number; total: number; max: number };
  prefixBadChars: object;
  // Links (src/core/connection-link.ts, src/background/links.ts)
  linkNoCode: object;
  linkCodeTooLong: { length: number; max: number };
  /** `partition`: the partition's name (PARTITION_LABELS). */
  linkNoPartitionAccount: { service: string; partition: string };
  // The background's refusals, as the popup receives them (src/core/refusal.ts)
  internalError: object;
  storageFull: object;
  notFromExtension: object;
  messageNotUnderstood: object;
  requestIdReused: object;
  /** `detail`: the browser's own words on the failed send. */
  backgroundNoAnswer: { tries: number; detail: string };
  /** `why`: the reply's field paths and rules, in core's English. */
  replyNotUnderstood: { type: string; why: string };
  unknownService: { id: string };
  unknownSetup: object;
  consoleTabGone: object;
  noPartitionAccount: { service: string; partition: string };
  noAccessKeys: { service: string };
  noRoleForOrganization: { service: string };
  // What the console showed that stopped a report (src/core/machine.ts), kept on the setup.
  // `nothing`: what was held back, "reported" (the role), "sent" (a key) or "accounts".
  /** `accounts`: the ids named (the refusal's log text also says which source named which). */
  accountsDisagree: { accounts: string; nothing: string };
  accountUnknown: { nothing: string };
  accountChanged: { started: string; now: string; nothing: string };
  roleNameMismatch: { reported: string; expected: string; service: string };
  arnMismatch: { shown: string; expected: string };
  arnNotShown: object;
  permissionsUnread: object;
  permissionsMissing: { policies: string };
  permissionsIncomplete: object;
  tagsUnread: object;
  tagsMissing: { tags: string };
  sessionDurationUnread: object;
  sessionDurationDiffers: { shown: number; wanted: number };
  // Role tags (src/core/tags.ts)
  tagKeyFormat: { max: number };
  tagValueFormat: { max: number };
  tagKeyAws: object;
  tagKeyTwice: { key: string };
  tagKeyService: { key: string; service: string };
  tagsTooMany: { count: number; max: number };
  // Permissions boundary (docs/guardrails.md)
  boundaryFormat: object;
  boundaryUnread: object;
  boundaryDiffers: { shown: string; wanted: string };
  needsCodeFirst: { service: string };
  linkGone: object;
  linkRefused: object;
  linkForOther: { service: string; id: string };
  linkOtherPartition: { partition: string; other: string };
  linkTabGone: object;
  linkProfileNotKept: { service: string };
  // Trust verification (src/core/trust-policy.ts), shown with the setup in the popup
  trustNotJson: object;
  trustNotFound: object;
  /** `detail`: the shape problem in core's English. */
  trustNotUsable: { detail: string };
  trustUnread: object;
  /**
   * A Deny that stops the service. `principal`: the one it names, "*", or "" for a NotPrincipal
   * that leaves the service out; `condition`: "" (none), "notObject" or "mayHold".
   */
  trustDenyStops: { statement: string; principal: string; condition: string };
  trustDenyStopsWildcards: TrustWildcards & { principal: string };
  trustActionWildcards: TrustWildcards;
  trustConditionNotObject: { statement: string };
  /** `key`: "" when the condition names no key. */
  trustConditionValue: { statement: string; operator: string; key: string };
  trustConditionMayStop: { statement: string; operator: string; key: string };
  trustMfa: object;
  trustWrongPrincipal: { expected: string; actual: string };
  trustWrongExternalId: object;
  trustNoStatement: object;
  trustNoExternalId: object;
  trustNotPrincipal: object;
  trustAnyAccount: object;
};

/** An Action or NotAction pattern of a trust policy statement with too many wildcards. */
type TrustWildcards = {
  statement: string;
  field: string;
  pattern: string;
  count: number;
  max: number;
};

export type ProblemCode = keyof ProblemParams;

/** A problem: its code, its values, and its English sentence. */
export type Problem = {
  [C in ProblemCode]: { code: C; message: string } & ProblemParams[C];
}[ProblemCode];

const typeWords = (types: string) => types.split('|').map(article).join(' or ');

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** "6,310": numbers in English sentences read like numbers. */
const n = (value: number) => value.toLocaleString('en-US');

const NOTHING = 'Nothing was reported.';
/** What a refusal held back, as its last sentence. */
const held = (p: { nothing: string }) =>
  p.nothing === 'sent'
    ? 'Nothing was sent.'
    : p.nothing === 'accounts'
      ? 'No account was reported.'
      : NOTHING;

const SERVICE_BLOCKED =
  'the service cannot assume the role while it stays; remove it or narrow it if that is not what you want.';

const condition = (p: { operator: string; key: string }) =>
  `the condition ${p.operator}${p.key ? ` on ${p.key}` : ''}`;

const wildcards = (p: Omit<TrustWildcards, 'statement'>) =>
  `its ${p.field} "${p.pattern}…" has ${p.count} wildcards (* and ?); at most ${p.max} are allowed in one pattern`;

/**
 * What a Deny does to the service, in English ("denies sts:AssumeRole to …"): the verdict's
 * sentence and mergeTrustPolicy's warning word it alike.
 */
export function denyWords(
  p: { principal: string } & ({ condition: string } | Omit<TrustWildcards, 'statement'>),
): string {
  const who =
    p.principal === ''
      ? 'denies sts:AssumeRole to every principal not named in its NotPrincipal, the service included'
      : `denies sts:AssumeRole to ${p.principal === '*' ? 'everyone ("*")' : p.principal}`;
  if ('field' in p) return `${who}, and ${wildcards(p)}`;
  if (p.condition === 'notObject') return `${who} (its Condition is not an object)`;
  if (p.condition === 'mayHold')
    return `${who} when its conditions hold, which they may for the service`;
  return who;
}

const ENGLISH: { [C in ProblemCode]: (p: ProblemParams[C]) => string } = {
  nameEmpty: () => 'must not be empty',
  nameTooLong: (p) => `is ${p.length} characters long, IAM allows ${p.max}`,
  nameBadChars: (p) => `contains ${p.chars}; IAM allows letters, digits and + = , . @ _ -`,
  planNoLevel: (p) => `The service has no access level "${p.level}".`,
  planNoOption: (p) => `The service has no option "${p.option}".`,
  planDuplicatePolicy: (p) => `Two custom policies are both named "${p.name}".`,
  planTooManyPolicies: (p) =>
    `This choice attaches ${p.count} policies; IAM attaches at most ${p.max} to a role by default. Untick an option.`,
  planActionNotGranted: (p) =>
    `${p.service} needs ${p.action}, and nothing in this choice clearly grants it: the service may not work.`,
  trustPolicyTooLarge: (p) =>
    `The trust policy is ${n(p.size)} characters without whitespace; IAM allows ${n(p.max)} by default (the quota can be raised to ${n(p.quotaMax)} in Service Quotas).`,
  riskAdministrator: (p) =>
    `${p.policy} allows every action on every resource in your account, IAM included: the service could do anything you can.`,
  riskIamFullAccess: (p) =>
    `${p.policy} lets the service create users, roles and policies, and so give itself any permission.`,
  riskPowerUser: (p) =>
    `${p.policy} lets the service change and delete resources in every AWS service except IAM.`,
  riskFullAccess: (p) =>
    `${p.policy} allows every action of its service, changes and deletions included.`,
  riskNotAction: (p) =>
    `${p.policy} allows every action except ${p.actions} (NotAction), IAM's included unless excepted.`,
  riskStar: (p) =>
    `${p.policy} allows "*": every action on every AWS service, as AdministratorAccess does.`,
  riskIamWrite: (p) =>
    `${p.policy} allows ${p.action}, which can create or change IAM users, roles or policies: the service could give itself more access.`,
  riskServiceWide: (p) =>
    `${p.policy} allows ${p.action}: every ${p.service} action, changes and deletions included.`,
  riskReadOnlyLabel: (p) =>
    `"${p.label}" sounds read-only, but it grants actions that change things: ${p.actions}.`,
  importHttpsOnly: () =>
    'this build sends reports over HTTPS only; development addresses work only in a development build',
  importBuiltinId: (p) =>
    `"${p.id}" is a service built into Crossrole and cannot be replaced; use a connection code that names it instead`,
  importLikeBuiltin: (p) =>
    `"${p.name}" reads like "${p.other}", a service built into Crossrole: the two could not be told apart in the list`,
  importLikeImported: (p) =>
    `"${p.name}" reads like "${p.other}", a service already imported: the two could not be told apart in the list`,
  importTooLarge: (p) =>
    `is ${n(p.bytes)} bytes; Crossrole keeps imported profiles of at most ${n(p.max)} bytes (64 KB)`,
  importTooMany: (p) => `Crossrole keeps at most ${p.max} imported services: remove one first`,
  codePrefix: (p) => `must start with "${p.prefix}"`,
  codeNotBase64: (p) => `is malformed: the part after "${p.prefix}" is not base64url`,
  codeNotJson: () => 'is malformed: its content is not JSON',
  codeExpired: (p) => `the code expired on ${p.date}; ask the service for a new one`,
  codeUnknownProfile: (p) =>
    `names "${p.id}", which is not a service Crossrole knows; the service must include its whole profile`,
  codeBuiltinProfileId: (p) =>
    `is "${p.id}", a service built into Crossrole: a code may name it by id, but never carry a profile of its own under that id (Crossrole would show one service and connect another)`,
  codeExternalIdRequired: (p) => `is required: ${p.service} issues the External ID`,
  codeTokenRequired: (p) => `is required: ${p.service} authenticates reports with a token`,
  externalIdTooShort: (p) => `must be at least ${p.min} characters long`,
  externalIdTooLong: (p) => `is ${p.length} characters long, AWS allows ${p.max}`,
  externalIdBadChars: () => 'may only contain letters, digits and + = , . @ : / _ -',
  tooManyValues: (p) => `holds more than ${n(p.max)} values`,
  nestedTooDeep: (p) => `is nested more than ${p.max} levels deep`,
  nestedTooDeepAt: (p) => `is nested more than ${p.max} levels deep (from character ${n(p.at)})`,
  unknownFields: (p) => `unknown field${p.count > 1 ? 's' : ''} ${p.fields} (check the spelling)`,
  requiredOfType: (p) => `is required (${p.type})`,
  required: () => 'is required',
  mustBeType: (p) => `must be ${typeWords(p.types)}`,
  noMatchingForm: () => 'does not match any of the forms allowed here',
  mustBeOneOf: (p) => `must be ${p.count > 1 ? 'one of ' : ''}${p.values}`,
  minChars: (p) => `must be at least ${p.min} character${p.min === 1 ? '' : 's'}`,
  minItems: (p) => `must be at least ${p.min} item${p.min === 1 ? '' : 's'}`,
  minValue: (p) => `must be at least ${p.min}`,
  maxChars: (p) => `must be at most ${p.max} character${p.max === 1 ? '' : 's'}`,
  maxItems: (p) => `must be at most ${p.max} item${p.max === 1 ? '' : 's'}`,
  maxValue: (p) => `must be at most ${p.max}`,
  isoDateTime: () => 'must be an ISO 8601 date and time, like 2026-12-01T00:00:00Z',
  validFormat: (p) => `must be a valid ${p.format}`,
  notValid: () => 'is not valid here',
  twelveDigits: () => 'must be exactly 12 digits',
  printableOnly: () => 'must contain only printable characters',
  httpsUrl: () => 'must be an https:// URL',
  profileIdFormat: () =>
    'must be 2–63 lower-case letters, digits and "-", starting with a letter or digit',
  levelIdFormat: () => 'must be lower-case letters, digits and "-" (at most 63)',
  levelIdTwice: (p) => `level id "${p.id}" is used twice`,
  optionIdTwice: (p) => `option id "${p.id}" is used twice`,
  defaultLevelCount: (p) => `exactly one level must be "default": true (found ${p.found})`,
  levelsEmpty: () => 'must list at least one access level',
  levelsTooMany: (p) => `must list at most ${p.max} access levels`,
  optionsTooMany: (p) => `must list at most ${p.max} options`,
  methodsEmpty: () => 'must list at least one method',
  methodsNeedRole: () => 'must include "role"',
  externalIdSource: () => 'must have "source": "generate" or "service"',
  sessionTooShort: (p) =>
    `must be at least ${p.seconds} (${p.hours} hour${p.hours === 1 ? '' : 's'})`,
  sessionTooLong: (p) =>
    `must be at most ${p.seconds} (${p.hours} hour${p.hours === 1 ? '' : 's'})`,
  requiredActionFormat: () => 'must be an action like "ec2:DescribeRegions" (no wildcards)',
  policyArnFormat: () =>
    'must be a policy ARN in partition aws, like "arn:aws:iam::aws:policy/ReadOnlyAccess" (Crossrole converts it for other partitions)',
  policyArnExact: (p) => `must be written exactly "${p.arn}", without spaces around it`,
  levelNeedsPolicies: () => 'needs managedPolicyArns or customPolicies',
  levelTooManyPolicies: (p) => `has ${p.count} policies, IAM attaches at most ${p.max} to a role`,
  customPolicyTooLarge: (p) =>
    `${n(p.size)} characters without whitespace, IAM allows ${n(p.max)} (${n(p.over)} over)`,
  principalArnFormat: (p) => `must be a role or user ARN in account ${p.account} (partition aws)`,
  reportAuthToken: () =>
    'must be "token" when the service issues the External ID (it comes with a connection code)',
  reportUrlNotUrl: () => 'must be a URL',
  reportUrlCredentials: () => 'must not contain a user name or password',
  reportUrlSpaces: () => 'must not contain spaces or control characters',
  reportUrlLoopbackSpelling: () =>
    'must spell a development address exactly http://127.0.0.1:<port>, http://localhost:<port> or http://[::1]:<port> (other spellings of loopback, such as 127.1 or 0x7f000001, are refused)',
  reportUrlHttps: () =>
    'must use https:// (http:// only for 127.0.0.1 or localhost, in a development build)',
  notJson: (p) => (p.detail ? `is not valid JSON (${p.detail})` : 'is not valid JSON'),
  policyActionFormat: () => 'must look like "service:Action" (wildcards * and ? allowed)',
  policyTooManyWildcards: (p) =>
    `has ${p.count} wildcards (* and ?); at most ${p.max} are allowed in one pattern`,
  policyActionsEmpty: () => 'must list at least one action',
  policyResourceFormat: () => 'must be "*" or an ARN',
  policyResourcesEmpty: () => 'must list at least one resource',
  policyConditionValue: () => 'must be a string, a number, a boolean or a list of them',
  policySidFormat: () => 'may only contain letters and digits',
  policyActionOrNotAction: () => 'needs exactly one of Action or NotAction',
  policyResourceOrNotResource: () => 'needs exactly one of Resource or NotResource',
  policyVersion: (p) => `must be "${p.version}"`,
  policyStatementsEmpty: () => 'must hold at least one statement',
  policyNameBadChars: () => 'may only contain letters, digits and + = , . @ _ -',
  descriptionTooLong: (p) => `is ${p.length} characters long, IAM allows ${p.max}`,
  descriptionBadChars: (p) => `contains characters IAM does not allow in a description: ${p.chars}`,
  prefixTooLong: (p) =>
    `is ${p.length} characters long; with the ${p.random} random characters the External ID must stay within ${p.total}, so at most ${p.max}`,
  prefixBadChars: () => 'may only contain letters, digits and + = , . @ : _ -',
  linkNoCode: () =>
    'the link carries no connection code, or more than one; ask the service for its link again',
  linkCodeTooLong: (p) => `is ${n(p.length)} characters; a link's code has at most ${n(p.max)}`,
  linkNoPartitionAccount: (p) =>
    `${p.service} has no AWS account in ${p.partition}, the partition of the console tab the link opened`,
  internalError: () =>
    'Crossrole could not do that because of an internal error. Try again; if it keeps happening, reload the extension.',
  storageFull: () =>
    "Crossrole's storage is full: remove an imported service in the popup, or discard finished connections.",
  notFromExtension: () => 'Not sent from the extension',
  messageNotUnderstood: () => 'Message not understood',
  requestIdReused: () => 'This request id was already used for another request.',
  backgroundNoAnswer: (p) =>
    `Crossrole's background did not answer after ${p.tries} tries (${p.detail}). Check the connections in progress before you try again.`,
  replyNotUnderstood: (p) =>
    `Crossrole did not understand its background's answer to ${p.type} (${p.why}).`,
  unknownService: (p) => `Unknown service "${p.id}".`,
  unknownSetup: () => 'Unknown setup.',
  consoleTabGone: () => 'The console tab to continue in is gone: open the service’s link again.',
  noPartitionAccount: (p) => `${p.service} has no AWS account in partition ${p.partition}.`,
  noAccessKeys: (p) => `${p.service} does not accept access keys: connect it with a role.`,
  noRoleForOrganization: (p) =>
    `${p.service} does not accept a role, so it cannot connect an Organization.`,
  accountsDisagree: (p) => `The console names different accounts (${p.accounts}). ${held(p)}`,
  accountUnknown: (p) =>
    `Crossrole could not tell which account the console is signed in to. ${held(p)}`,
  accountChanged: (p) =>
    `This setup started in account ${p.started}, but the console is now signed in to ${p.now}. ${held(p)}`,
  roleNameMismatch: (p) =>
    `The console reported role "${p.reported}", but this setup is for "${p.expected}". Nothing was reported to ${p.service}.`,
  arnMismatch: (p) => `The role page shows ${p.shown}, not the expected ${p.expected}. ${NOTHING}`,
  arnNotShown: () => 'The role page does not show the role ARN yet.',
  permissionsUnread: () => `Crossrole could not read the role's Permissions tab. ${NOTHING}`,
  permissionsMissing: (p) => `The role does not have ${p.policies}. ${NOTHING}`,
  permissionsIncomplete: () =>
    `Crossrole could not read every page of the role's permissions. ${NOTHING}`,
  tagsUnread: () => `Crossrole could not read the role's Tags tab. ${NOTHING}`,
  tagsMissing: (p) => `IAM shows the role without the tags ${p.tags}. ${NOTHING}`,
  sessionDurationUnread: () =>
    `Crossrole could not read the role's maximum session duration. ${NOTHING}`,
  sessionDurationDiffers: (p) =>
    `The role's maximum session duration is ${n(p.shown)} seconds; the service asks for ${n(p.wanted)}. ${NOTHING}`,
  tagKeyFormat: (p) => `must be 1–${p.max} letters, digits, spaces and _ . : / = + - @`,
  tagValueFormat: (p) => `must be at most ${p.max} letters, digits, spaces and _ . : / = + - @`,
  tagKeyAws: () => 'may not start with "aws:": AWS keeps that prefix for its own tags',
  tagKeyTwice: (p) => `tag key "${p.key}" is used twice (IAM ignores the letter case of keys)`,
  tagKeyService: (p) => `tag key "${p.key}" is set by ${p.service}`,
  tagsTooMany: (p) => `${p.count} tags: IAM allows at most ${p.max} on a role`,
  boundaryFormat: () =>
    'must be the name of a policy in the account (1–128 of letters, digits and + = , . @ _ -) or its ARN',
  boundaryUnread: () => `Crossrole could not read the role's permissions boundary. ${NOTHING}`,
  boundaryDiffers: (p) =>
    `IAM shows the role's permissions boundary as ${p.shown}, not ${p.wanted}. ${NOTHING}`,
  needsCodeFirst: (p) => `${p.service} needs a connection code: paste it first.`,
  linkGone: () =>
    'This link is no longer waiting: it was dismissed, or it expired (a link waits 15 minutes). Open the service’s link again.',
  linkRefused: () => 'Crossrole refused this link: nothing can start from it.',
  linkForOther: (p) => `This link is for ${p.service}, not "${p.id}".`,
  linkOtherPartition: (p) => `This link's console tab is in ${p.partition}, not ${p.other}.`,
  linkTabGone: () =>
    'The console tab this link opened was closed or left the console: open the service’s link again.',
  linkProfileNotKept: (p) => `Crossrole could not keep ${p.service}'s profile.`,
  trustNotJson: () => 'The trust policy shown is not valid JSON.',
  trustNotFound: () => 'No trust policy was found.',
  trustNotUsable: (p) => `The trust policy is not usable: ${p.detail}.`,
  trustUnread: () => 'Crossrole could not read the trust policy on the role page.',
  trustDenyStops: (p) => `${p.statement} ${denyWords(p)}: ${SERVICE_BLOCKED}`,
  trustDenyStopsWildcards: (p) => `${p.statement} ${denyWords(p)}: ${SERVICE_BLOCKED}`,
  trustActionWildcards: (p) => `${p.statement}: ${wildcards(p)}.`,
  trustConditionNotObject: (p) => `${p.statement}: its Condition is not an object.`,
  trustConditionValue: (p) =>
    `${p.statement}: ${condition(p)} has a value that is not a string, number or boolean.`,
  trustConditionMayStop: (p) =>
    `${p.statement}: ${condition(p)} could stop the service from assuming the role.`,
  trustMfa: () => 'The service cannot answer an MFA condition: "Require MFA" must be off.',
  trustWrongPrincipal: (p) => `The role should trust exactly ${p.expected}; it trusts ${p.actual}.`,
  trustWrongExternalId: () =>
    'The External ID in the trust policy is not the one for this connection.',
  trustNoStatement: () => "The trust policy has no statement for the service's account.",
  trustNoExternalId: () =>
    "A statement trusts the service's account without requiring an External ID.",
  trustNotPrincipal: () =>
    'A statement uses NotPrincipal with Allow: every AWS account except those named can assume this role.',
  trustAnyAccount: () => 'A statement lets any AWS account ("*") assume this role.',
};

/**
 * Whether `value` is a problem Crossrole itself said: a known code, values that are strings or
 * numbers only, and the English sentence its code says with those values (so a renderer never
 * meets a value missing or of the wrong type).
 */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { code, message, ...values } = value as Record<string, unknown>;
  // The table itself, not a Set of its codes made at load: the content scripts import this
  // module and would then carry every problem's English.
  if (typeof code !== 'string' || !Object.hasOwn(ENGLISH, code) || typeof message !== 'string')
    return false;
  if (!Object.values(values).every((v) => typeof v === 'string' || typeof v === 'number'))
    return false;
  try {
    return (ENGLISH[code as ProblemCode] as (p: object) => string)(values) === message;
  } catch {
    return false;
  }
}

/** The problem `code` with its values, and its English sentence. */
export function problem<C extends ProblemCode>(
  code: C,
  ...params: object extends ProblemParams[C] ? [] : [ProblemParams[C]]
): Problem {
  const values = (params[0] ?? {}) as ProblemParams[C];
  const message = (ENGLISH[code] as (p: ProblemParams[C]) => string)(values);
  return { ...values, code, message } as Problem;
}

/**
 * The problems a schema's own checks say, by their English sentence: zod/mini keeps only the
 * message of a check, so `coded` registers it here and `fromZodIssues` finds its code again.
 * Filled once, at module load, with fixed sentences only.
 */
const BY_MESSAGE = new Map<string, Problem>();

/** The English sentence of `p`, remembered with its code for the schema check it is given to. */
export function coded(p: Problem): string {
  BY_MESSAGE.set(p.message, p);
  return p.message;
}

export const problemOfMessage = (message: string): Problem | undefined => BY_MESSAGE.get(message);
