// Core's problems (src/core/problems.ts) in the popup's language: each code has its message in
// _locales, its values put in as `{1}`…; a field error without a code keeps core's English words.
// Field paths (`report.url`) stay as they are: they name the vendor's JSON.
import type { Problem, ProblemCode, ProblemParams } from '../core/problems.ts';
import type { Refused } from '../core/refusal.ts';
import type { FieldError } from '../core/result.ts';
import { plural, t, type MessageKey } from './i18n.ts';

const TYPE_WORDS: Record<string, MessageKey> = {
  string: 'typeString',
  number: 'typeNumber',
  boolean: 'typeBoolean',
  object: 'typeObject',
  array: 'typeArray',
};

/** JSON type names as the language says them ("a string or an object"). */
const typeWords = (types: string): string =>
  types
    .split('|')
    .map((type) => (TYPE_WORDS[type] ? t(TYPE_WORDS[type]) : type))
    .reduce((list, word) => t('listOr', list, word));

/** What a refusal held back (src/core/problems.ts, `nothing`), as its last sentence. */
const heldText = (nothing: string): string =>
  t(
    nothing === 'sent'
      ? 'problemHeldSent'
      : nothing === 'accounts'
        ? 'problemHeldAccounts'
        : 'problemHeldReported',
  );

type Wildcards = { field: string; pattern: string; count: number; max: number };

/** A trust policy pattern with too many wildcards (src/core/trust-policy.ts). */
const wildcardsText = (p: Wildcards): string =>
  plural('problemTrustWildcards', p.count, p.field, p.pattern, p.max, '*', '?');

/** What a Deny does to the service, as core's `denyWords` says it in English. */
function denyText(p: { principal: string } & ({ condition: string } | Wildcards)): string {
  const principal = p.principal === '*' ? t('problemTrustEveryone', '*') : p.principal;
  const who =
    p.principal === ''
      ? t('problemTrustDenyNotPrincipal', 'sts:AssumeRole', 'NotPrincipal')
      : t('problemTrustDenyTo', 'sts:AssumeRole', principal);
  if ('field' in p) return t('problemTrustDenyWildcards', who, wildcardsText(p));
  if (p.condition === 'notObject') return t('problemTrustDenyNotObject', who, 'Condition');
  if (p.condition === 'mayHold') return t('problemTrustDenyMayHold', who);
  return who;
}

const RENDER: { [C in ProblemCode]: (p: ProblemParams[C]) => string } = {
  nameEmpty: () => t('problemNameEmpty'),
  nameTooLong: (p) => t('problemNameTooLong', p.length, p.max),
  nameBadChars: (p) => t('problemNameBadChars', p.chars),
  planNoLevel: (p) => t('problemPlanNoLevel', p.level),
  planNoOption: (p) => t('problemPlanNoOption', p.option),
  planDuplicatePolicy: (p) => t('problemPlanDuplicatePolicy', p.name),
  planTooManyPolicies: (p) => t('problemPlanTooManyPolicies', p.count, p.max),
  planActionNotGranted: (p) => t('problemPlanActionNotGranted', p.service, p.action),
  trustPolicyTooLarge: (p) =>
    t('problemTrustPolicyTooLarge', p.size, p.max, p.quotaMax, 'Service Quotas'),
  riskAdministrator: (p) => t('problemRiskAdministrator', p.policy),
  riskIamFullAccess: (p) => t('problemRiskIamFullAccess', p.policy),
  riskPowerUser: (p) => t('problemRiskPowerUser', p.policy),
  riskFullAccess: (p) => t('problemRiskFullAccess', p.policy),
  riskNotAction: (p) => t('problemRiskNotAction', p.policy, p.actions, 'NotAction'),
  riskStar: (p) => t('problemRiskStar', p.policy, 'AdministratorAccess'),
  riskIamWrite: (p) => t('problemRiskIamWrite', p.policy, p.action),
  riskServiceWide: (p) => t('problemRiskServiceWide', p.policy, p.action, p.service),
  riskReadOnlyLabel: (p) => t('problemRiskReadOnlyLabel', p.label, p.actions),
  importHttpsOnly: () => t('problemImportHttpsOnly'),
  importBuiltinId: (p) => t('problemImportBuiltinId', p.id),
  importLikeBuiltin: (p) => t('problemImportLikeBuiltin', p.name, p.other),
  importLikeImported: (p) => t('problemImportLikeImported', p.name, p.other),
  importTooLarge: (p) => t('problemImportTooLarge', p.bytes, p.max),
  importTooMany: (p) => t('problemImportTooMany', p.max),
  codePrefix: (p) => t('problemCodePrefix', p.prefix),
  codeNotBase64: (p) => t('problemCodeNotBase64', p.prefix, 'base64url'),
  codeNotJson: () => t('problemCodeNotJson'),
  codeExpired: (p) => t('problemCodeExpired', p.date),
  codeUnknownProfile: (p) => t('problemCodeUnknownProfile', p.id),
  codeBuiltinProfileId: (p) => t('problemCodeBuiltinProfileId', p.id),
  codeExternalIdRequired: (p) => t('problemCodeExternalIdRequired', p.service),
  codeTokenRequired: (p) => t('problemCodeTokenRequired', p.service),
  externalIdTooShort: (p) => t('problemExternalIdTooShort', p.min),
  externalIdTooLong: (p) => t('problemExternalIdTooLong', p.length, p.max),
  externalIdBadChars: () => t('problemExternalIdBadChars'),
  tooManyValues: (p) => t('problemTooManyValues', p.max),
  nestedTooDeep: (p) => t('problemNestedTooDeep', p.max),
  nestedTooDeepAt: (p) => t('problemNestedTooDeepAt', p.max, p.at),
  unknownFields: (p) => plural('problemUnknownFields', p.count, p.fields),
  requiredOfType: (p) => t('problemRequiredOfType', typeWords(p.type)),
  required: () => t('problemRequired'),
  mustBeType: (p) => t('problemMustBeType', typeWords(p.types)),
  noMatchingForm: () => t('problemNoMatchingForm'),
  mustBeOneOf: (p) => plural('problemMustBeOneOf', p.count, p.values),
  minChars: (p) => plural('problemMinChars', p.min),
  minItems: (p) => plural('problemMinItems', p.min),
  minValue: (p) => t('problemMinValue', p.min),
  maxChars: (p) => plural('problemMaxChars', p.max),
  maxItems: (p) => plural('problemMaxItems', p.max),
  maxValue: (p) => t('problemMaxValue', p.max),
  isoDateTime: () => t('problemIsoDateTime', '2026-12-01T00:00:00Z'),
  validFormat: (p) => t('problemValidFormat', p.format),
  notValid: () => t('problemNotValid'),
  twelveDigits: () => t('problemTwelveDigits'),
  printableOnly: () => t('problemPrintableOnly'),
  httpsUrl: () => t('problemHttpsUrl', 'https://'),
  profileIdFormat: () => t('problemProfileIdFormat'),
  levelIdFormat: () => t('problemLevelIdFormat'),
  levelIdTwice: (p) => t('problemLevelIdTwice', p.id),
  optionIdTwice: (p) => t('problemOptionIdTwice', p.id),
  defaultLevelCount: (p) => t('problemDefaultLevelCount', p.found, '"default": true'),
  levelsEmpty: () => t('problemLevelsEmpty'),
  levelsTooMany: (p) => plural('problemLevelsTooMany', p.max),
  optionsTooMany: (p) => plural('problemOptionsTooMany', p.max),
  methodsEmpty: () => t('problemMethodsEmpty'),
  methodsNeedRole: () => t('problemMethodsNeedRole', 'role'),
  externalIdSource: () => t('problemExternalIdSource', '"source"', '"generate"', '"service"'),
  sessionTooShort: (p) => plural('problemSessionTooShort', p.hours, p.seconds),
  sessionTooLong: (p) => plural('problemSessionTooLong', p.hours, p.seconds),
  requiredActionFormat: () => t('problemRequiredActionFormat', 'ec2:DescribeRegions'),
  policyArnFormat: () =>
    t('problemPolicyArnFormat', 'aws', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
  policyArnExact: (p) => t('problemPolicyArnExact', p.arn),
  levelNeedsPolicies: () => t('problemLevelNeedsPolicies', 'managedPolicyArns', 'customPolicies'),
  levelTooManyPolicies: (p) => plural('problemLevelTooManyPolicies', p.count, p.max),
  customPolicyTooLarge: (p) => t('problemCustomPolicyTooLarge', p.size, p.max, p.over),
  principalArnFormat: (p) => t('problemPrincipalArnFormat', p.account, 'aws'),
  reportAuthToken: () => t('problemReportAuthToken', 'token'),
  reportUrlNotUrl: () => t('problemReportUrlNotUrl'),
  reportUrlCredentials: () => t('problemReportUrlCredentials'),
  reportUrlSpaces: () => t('problemReportUrlSpaces'),
  reportUrlLoopbackSpelling: () =>
    t(
      'problemReportUrlLoopbackSpelling',
      'http://127.0.0.1:<port>',
      'http://localhost:<port>',
      'http://[::1]:<port>',
      '127.1',
      '0x7f000001',
    ),
  reportUrlHttps: () => t('problemReportUrlHttps', 'https://', 'http://', '127.0.0.1', 'localhost'),
  notJson: (p) => (p.detail ? t('problemNotJsonDetail', p.detail) : t('problemNotJson')),
  policyActionFormat: () => t('problemPolicyActionFormat', 'service:Action', '*', '?'),
  policyTooManyWildcards: (p) => plural('problemPolicyTooManyWildcards', p.count, p.max, '*', '?'),
  policyActionsEmpty: () => t('problemPolicyActionsEmpty'),
  policyResourceFormat: () => t('problemPolicyResourceFormat', '*'),
  policyResourcesEmpty: () => t('problemPolicyResourcesEmpty'),
  policyConditionValue: () => t('problemPolicyConditionValue'),
  policySidFormat: () => t('problemPolicySidFormat'),
  policyActionOrNotAction: () => t('problemPolicyExactlyOneOf', 'Action', 'NotAction'),
  policyResourceOrNotResource: () => t('problemPolicyExactlyOneOf', 'Resource', 'NotResource'),
  policyVersion: (p) => t('problemPolicyVersion', p.version),
  policyStatementsEmpty: () => t('problemPolicyStatementsEmpty'),
  policyNameBadChars: () => t('problemPolicyNameBadChars'),
  descriptionTooLong: (p) => t('problemDescriptionTooLong', p.length, p.max),
  descriptionBadChars: (p) => t('problemDescriptionBadChars', p.chars),
  prefixTooLong: (p) => t('problemPrefixTooLong', p.length, p.random, p.total, p.max),
  prefixBadChars: () => t('problemPrefixBadChars'),
  linkNoCode: () => t('problemLinkNoCode'),
  linkCodeTooLong: (p) => t('problemLinkCodeTooLong', p.length, p.max),
  linkNoPartitionAccount: (p) => t('problemLinkNoPartitionAccount', p.service, p.partition),
  internalError: () => t('problemInternalError'),
  storageFull: () => t('problemStorageFull'),
  notFromExtension: () => t('problemNotFromExtension'),
  messageNotUnderstood: () => t('problemMessageNotUnderstood'),
  requestIdReused: () => t('problemRequestIdReused'),
  backgroundNoAnswer: (p) => t('problemBackgroundNoAnswer', p.tries, p.detail),
  replyNotUnderstood: (p) => t('problemReplyNotUnderstood', p.type, p.why),
  unknownService: (p) => t('problemUnknownService', p.id),
  unknownSetup: () => t('problemUnknownSetup'),
  consoleTabGone: () => t('problemConsoleTabGone'),
  noPartitionAccount: (p) => t('problemNoPartitionAccount', p.service, p.partition),
  noAccessKeys: (p) => t('problemNoAccessKeys', p.service),
  noRoleForOrganization: (p) => t('problemNoRoleForOrganization', p.service),
  accountsDisagree: (p) => t('problemAccountsDisagree', p.accounts, heldText(p.nothing)),
  accountUnknown: (p) => t('problemAccountUnknown', heldText(p.nothing)),
  accountChanged: (p) => t('problemAccountChanged', p.started, p.now, heldText(p.nothing)),
  roleNameMismatch: (p) => t('problemRoleNameMismatch', p.reported, p.expected, p.service),
  arnMismatch: (p) => t('problemArnMismatch', p.shown, p.expected, t('problemHeldReported')),
  arnNotShown: () => t('problemArnNotShown'),
  permissionsUnread: () => t('problemPermissionsUnread', t('problemHeldReported')),
  permissionsMissing: (p) => t('problemPermissionsMissing', p.policies, t('problemHeldReported')),
  permissionsIncomplete: () => t('problemPermissionsIncomplete', t('problemHeldReported')),
  tagsUnread: () => t('problemTagsUnread', t('problemHeldReported')),
  tagsMissing: (p) => t('problemTagsMissing', p.tags, t('problemHeldReported')),
  sessionDurationUnread: () => t('problemSessionDurationUnread', t('problemHeldReported')),
  sessionDurationDiffers: (p) =>
    t('problemSessionDurationDiffers', p.shown, p.wanted, t('problemHeldReported')),
  tagKeyFormat: (p) => t('problemTagKeyFormat', p.max),
  tagValueFormat: (p) => t('problemTagValueFormat', p.max),
  tagKeyAws: () => t('problemTagKeyAws', 'aws:'),
  tagKeyTwice: (p) => t('problemTagKeyTwice', p.key),
  tagKeyService: (p) => t('problemTagKeyService', p.key, p.service),
  tagsTooMany: (p) => t('problemTagsTooMany', p.count, p.max),
  boundaryFormat: () => t('problemBoundaryFormat'),
  boundaryUnread: () => t('problemBoundaryUnread', t('problemHeldReported')),
  boundaryDiffers: (p) => t('problemBoundaryDiffers', p.shown, p.wanted, t('problemHeldReported')),
  needsCodeFirst: (p) => t('problemNeedsCodeFirst', p.service),
  linkGone: () => t('problemLinkGone'),
  linkRefused: () => t('problemLinkRefused'),
  linkForOther: (p) => t('problemLinkForOther', p.service, p.id),
  linkOtherPartition: (p) => t('problemLinkOtherPartition', p.partition, p.other),
  linkTabGone: () => t('problemLinkTabGone'),
  linkProfileNotKept: (p) => t('problemLinkProfileNotKept', p.service),
  trustNotJson: () => t('problemTrustNotJson'),
  trustNotFound: () => t('problemTrustNotFound'),
  trustNotUsable: (p) => t('problemTrustNotUsable', p.detail),
  trustUnread: () => t('problemTrustUnread'),
  trustDenyStops: (p) => t('problemTrustDenyStops', p.statement, denyText(p)),
  trustDenyStopsWildcards: (p) => t('problemTrustDenyStops', p.statement, denyText(p)),
  trustActionWildcards: (p) => t('problemTrustActionWildcards', p.statement, wildcardsText(p)),
  trustConditionNotObject: (p) => t('problemTrustConditionNotObject', p.statement, 'Condition'),
  trustConditionValue: (p) =>
    p.key
      ? t('problemTrustConditionValueOn', p.statement, p.operator, p.key)
      : t('problemTrustConditionValue', p.statement, p.operator),
  trustConditionMayStop: (p) =>
    p.key
      ? t('problemTrustConditionMayStopOn', p.statement, p.operator, p.key)
      : t('problemTrustConditionMayStop', p.statement, p.operator),
  trustMfa: () => t('problemTrustMfa', 'Require MFA', 'MFA'),
  trustWrongPrincipal: (p) => t('problemTrustWrongPrincipal', p.expected, p.actual),
  trustWrongExternalId: () => t('problemTrustWrongExternalId'),
  trustNoStatement: () => t('problemTrustNoStatement'),
  trustNoExternalId: () => t('problemTrustNoExternalId'),
  trustNotPrincipal: () => t('problemTrustNotPrincipal', 'NotPrincipal', 'Allow'),
  trustAnyAccount: () => t('problemTrustAnyAccount', '*'),
};

/** A problem in the popup's language (its English, should a renderer fail on its values). */
export function problemText(p: Problem): string {
  try {
    return (RENDER[p.code] as (values: Problem) => string)(p);
  } catch {
    return p.message;
  }
}

/** A field error's sentence in the popup's language (core's English where it has no code). */
export const fieldErrorText = (e: FieldError): string =>
  e.problem ? problemText(e.problem) : e.message;

/**
 * A refusal from the background (src/core/refusal.ts) in the popup's language: its problem, or
 * its field errors one a line (`path: rule`, the path left out where it names no field), or its
 * English `error` where it carries no code.
 */
export function refusalText(r: Pick<Refused, 'error' | 'problem' | 'errors'>): string {
  if (r.problem) return problemText(r.problem);
  if (r.errors?.length)
    return r.errors
      .map((e) => (e.path ? `${e.path}: ${fieldErrorText(e)}` : fieldErrorText(e)))
      .join('\n');
  return r.error;
}
