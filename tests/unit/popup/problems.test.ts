// Core's coded problems in the popup's two languages (src/popup/problems.ts): every code has its
// message in both _locales files, says each of its values, and in English says what core's own
// English `message` says; field errors keep their path and fall back to core's words uncoded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import {
  problem,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from '../../../src/core/problems.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '', getUILanguage: () => '' } },
}));
const { setLanguage } = await import('../../../src/popup/i18n.ts');
const { fieldErrorText, problemText } = await import('../../../src/popup/problems.ts');

afterEach(() => setLanguage(english));

/** One example of every code: the type makes a new code without an example a compile error. */
const EXAMPLES: { [C in ProblemCode]: ProblemParams[C] } = {
  nameEmpty: {},
  nameTooLong: { length: 70, max: 64 },
  nameBadChars: { chars: '" ", "/"' },
  planNoLevel: { level: 'gold' },
  planNoOption: { option: 'extra-logs' },
  planDuplicatePolicy: { name: 'acmeread' },
  planTooManyPolicies: { count: 11, max: 10 },
  planActionNotGranted: { service: 'Acme', action: 'sts:AssumeRole' },
  trustPolicyTooLarge: { size: 2345, max: 2048, quotaMax: 4096 },
  riskAdministrator: { policy: 'AdministratorAccess' },
  riskIamFullAccess: { policy: 'IAMFullAccess' },
  riskPowerUser: { policy: 'PowerUserAccess' },
  riskFullAccess: { policy: 'AmazonS3FullAccess' },
  riskNotAction: { policy: 'AcmeAll', actions: 'iam:*, organizations:*' },
  riskStar: { policy: 'AcmeStar' },
  riskIamWrite: { policy: 'AcmeRoles', action: 'iam:PassRole' },
  riskServiceWide: { policy: 'AcmeS3', action: 's3:*', service: 's3' },
  riskReadOnlyLabel: { label: 'Read-only', actions: 'AdministratorAccess' },
  importHttpsOnly: {},
  importBuiltinId: { id: 'crossrole-demo' },
  importLikeBuiltin: { name: 'Crossrole Dеmo', other: 'Crossrole Demo Service' },
  importLikeImported: { name: 'ACME diagrams', other: 'Acme Diagrams' },
  importTooLarge: { bytes: 70000, max: 65536 },
  importTooMany: { max: 20 },
  codePrefix: { prefix: 'crossrole1.' },
  codeNotBase64: { prefix: 'crossrole1.' },
  codeNotJson: {},
  codeExpired: { date: '2026-01-01T00:00:00Z' },
  codeUnknownProfile: { id: 'acme-x' },
  codeBuiltinProfileId: { id: 'crossrole-demo' },
  codeExternalIdRequired: { service: 'Acme' },
  codeTokenRequired: { service: 'Acme' },
  externalIdTooShort: { min: 2 },
  externalIdTooLong: { length: 1300, max: 1224 },
  externalIdBadChars: {},
  tooManyValues: { max: 1000000 },
  nestedTooDeep: { max: 32 },
  nestedTooDeepAt: { max: 32, at: 1033 },
  unknownFields: { fields: '"nmae"', count: 1 },
  requiredOfType: { type: 'string' },
  required: {},
  mustBeType: { types: 'string|object' },
  noMatchingForm: {},
  mustBeOneOf: { values: '"token", "none"', count: 2 },
  minChars: { min: 3 },
  minItems: { min: 1 },
  minValue: { min: 3600 },
  maxChars: { max: 200 },
  maxItems: { max: 10 },
  maxValue: { max: 43200 },
  isoDateTime: {},
  validFormat: { format: 'email' },
  notValid: {},
  twelveDigits: {},
  printableOnly: {},
  httpsUrl: {},
  profileIdFormat: {},
  levelIdFormat: {},
  levelIdTwice: { id: 'read' },
  optionIdTwice: { id: 'logs' },
  defaultLevelCount: { found: 2 },
  levelsEmpty: {},
  levelsTooMany: { max: 10 },
  optionsTooMany: { max: 10 },
  methodsEmpty: {},
  methodsNeedRole: {},
  externalIdSource: {},
  sessionTooShort: { seconds: 3600, hours: 1 },
  sessionTooLong: { seconds: 43200, hours: 12 },
  requiredActionFormat: {},
  policyArnFormat: {},
  policyArnExact: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  levelNeedsPolicies: {},
  levelTooManyPolicies: { count: 11, max: 10 },
  customPolicyTooLarge: { size: 6200, max: 6144, over: 56 },
  principalArnFormat: { account: '111122223333' },
  reportAuthToken: {},
  reportUrlNotUrl: {},
  reportUrlCredentials: {},
  reportUrlSpaces: {},
  reportUrlLoopbackSpelling: {},
  reportUrlHttps: {},
  notJson: { detail: 'Unexpected end of JSON input' },
  policyActionFormat: {},
  policyTooManyWildcards: { count: 12, max: 10 },
  policyActionsEmpty: {},
  policyResourceFormat: {},
  policyResourcesEmpty: {},
  policyConditionValue: {},
  policySidFormat: {},
  policyActionOrNotAction: {},
  policyResourceOrNotResource: {},
  policyVersion: { version: '2012-10-17' },
  policyStatementsEmpty: {},
  policyNameBadChars: {},
  descriptionTooLong: { length: 1200, max: 1000 },
  descriptionBadChars: { chars: '✓ 日' },
  prefixTooLong: { length: 80, random: 22, total: 96, max: 74 },
  prefixBadChars: {},
};

const all = (): Problem[] =>
  (Object.keys(EXAMPLES) as ProblemCode[]).map((code) =>
    (problem as (c: ProblemCode, p: object) => Problem)(code, EXAMPLES[code]),
  );

/**
 * Values as the text shows them: strings as they are, numbers formatted for the language (JSON
 * type names are said in the language, and counts only choose the plural form).
 */
const shown = (p: Problem, lang: string) =>
  Object.entries(p)
    .filter(
      ([key]) =>
        key !== 'code' && key !== 'message' && key !== 'count' && key !== 'type' && key !== 'types',
    )
    .map(([, value]) =>
      typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value),
    )
    .filter((value) => value !== '')
    .map((value) => ({ value }));

describe('coded problems in the popup', () => {
  it('say in English what core says in English, for every code', () => {
    // The one wording the popup words differently: the JSON type with its article.
    const worded = new Set<ProblemCode>(['requiredOfType']);
    // Numbers are formatted for the language shown ("1,300"); core's English may not group them.
    const digits = (text: string) => text.replace(/(\d),(\d)/g, '$1$2');
    for (const p of all().filter((p) => !worded.has(p.code)))
      expect(digits(problemText(p)), p.code).toBe(digits(p.message));
    expect(problemText(problem('requiredOfType', { type: 'string' }))).toBe(
      'is required: a string',
    );
  });

  it('say every code in Japanese, with each of its values, and no English sentence', () => {
    setLanguage(japanese);
    for (const p of all()) {
      const text = problemText(p);
      expect(text, p.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text, p.code).not.toBe(p.message);
      for (const { value } of shown(p, 'ja')) expect(text, `${p.code}: ${value}`).toContain(value);
    }
  });

  it('say the examples a customer meets as the AWS console words them', () => {
    setLanguage(japanese);
    expect(problemText(problem('nameTooLong', { length: 70, max: 64 }))).toBe(
      '70 文字あります (IAM で使えるのは 64 文字まで)',
    );
    expect(
      problemText(problem('trustPolicyTooLarge', { size: 2345, max: 2048, quotaMax: 4096 })),
    ).toBe(
      '信頼ポリシーは空白を除いて 2,345 文字あります。IAM のデフォルトの上限は 2,048 文字です (Service Quotas で 4,096 文字まで引き上げられます)。',
    );
    expect(problemText(problem('codeExternalIdRequired', { service: 'Acme' }))).toBe(
      '必須です: Acme が外部 ID を発行します',
    );
    expect(problemText(problem('mustBeType', { types: 'string|object' }))).toBe(
      '文字列 または オブジェクトである必要があります',
    );
    expect(
      problemText(problem('riskIamWrite', { policy: 'AcmeRoles', action: 'iam:PassRole' })),
    ).toContain('アクセス許可');
  });

  it('keep plurals in English and one form in Japanese', () => {
    expect(problemText(problem('unknownFields', { fields: '"a"', count: 1 }))).toBe(
      'unknown field "a" (check the spelling)',
    );
    expect(problemText(problem('unknownFields', { fields: '"a", "b"', count: 2 }))).toBe(
      'unknown fields "a", "b" (check the spelling)',
    );
    expect(problemText(problem('maxChars', { max: 1 }))).toBe('must be at most 1 character');
    setLanguage(japanese);
    expect(problemText(problem('maxChars', { max: 1 }))).toBe('1 文字以下である必要があります');
  });

  it('say a field error by its code, and by core’s words when it has none', () => {
    setLanguage(japanese);
    const coded = problem('importHttpsOnly');
    expect(fieldErrorText({ path: 'report.url', message: coded.message, problem: coded })).toBe(
      'このビルドはレポートを HTTPS でのみ送信します。開発用のアドレスは開発ビルドでのみ使えます',
    );
    expect(fieldErrorText({ path: 'x', message: 'must be 1' })).toBe('must be 1');
  });
});
