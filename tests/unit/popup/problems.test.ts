// Core's coded problems in the popup's two languages (src/popup/problems.ts): every code has its
// message in both _locales files, says each of its values, and in English says what core's own
// English `message` says; field errors keep their path and fall back to core's words uncoded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import demo from '../../../src/core/profiles/demo.json' with { type: 'json' };
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
const { fieldErrorText, problemText, refusalText } = await import('../../../src/popup/problems.ts');
const { parseProfile } = await import('../../../src/core/profile.ts');

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
  linkNoCode: {},
  linkCodeTooLong: { length: 9000, max: 8000 },
  linkNoPartitionAccount: { service: 'Acme', partition: 'AWS China' },
  internalError: {},
  storageFull: {},
  notFromExtension: {},
  messageNotUnderstood: {},
  requestIdReused: {},
  backgroundNoAnswer: { tries: 4, detail: 'A listener indicated an asynchronous response' },
  replyNotUnderstood: { type: 'setup.start', why: 'value.setupId: is required (string)' },
  unknownService: { id: 'acme-x' },
  unknownSetup: {},
  consoleTabGone: {},
  noPartitionAccount: { service: 'Acme', partition: 'aws-cn' },
  noAccessKeys: { service: 'Acme' },
  noRoleForOrganization: { service: 'Acme' },
  accountsDisagree: { accounts: '111122223333, 444455556666', nothing: 'reported' },
  accountUnknown: { nothing: 'accounts' },
  accountChanged: { started: '111122223333', now: '444455556666', nothing: 'sent' },
  roleNameMismatch: { reported: 'Other', expected: 'AcmeRole', service: 'Acme' },
  arnMismatch: {
    shown: 'arn:aws:iam::111122223333:role/Other',
    expected: 'arn:aws:iam::111122223333:role/AcmeRole',
  },
  arnNotShown: {},
  permissionsUnread: {},
  permissionsMissing: { policies: 'ReadOnlyAccess' },
  permissionsIncomplete: {},
  tagsUnread: {},
  tagsMissing: { tags: 'CostCenter=4711' },
  sessionDurationUnread: {},
  sessionDurationDiffers: { shown: 3600, wanted: 7200 },
  tagKeyFormat: { max: 128 },
  tagValueFormat: { max: 256 },
  tagKeyAws: {},
  tagKeyTwice: { key: 'costcenter' },
  tagKeyService: { key: 'Vendor', service: 'Acme' },
  tagsTooMany: { count: 51, max: 50 },
  boundaryFormat: {},
  boundaryUnread: {},
  boundaryDiffers: { shown: '(none)', wanted: 'OrgBoundary' },
  needsCodeFirst: { service: 'Acme' },
  linkGone: {},
  linkRefused: {},
  linkForOther: { service: 'Acme', id: 'crossrole-demo' },
  linkOtherPartition: { partition: 'AWS China', other: 'AWS (commercial)' },
  linkTabGone: {},
  linkProfileNotKept: { service: 'Acme' },
  trustNotJson: {},
  trustNotFound: {},
  trustNotUsable: { detail: 'Statement[0] is nested more than 32 levels deep' },
  trustUnread: {},
  trustDenyStops: {
    statement: 'Statement[1] (Sid "DenyAll")',
    principal: 'arn:aws:iam::111122223333:root',
    condition: '',
  },
  trustDenyStopsWildcards: {
    statement: 'Statement[1]',
    principal: 'arn:aws:iam::111122223333:root',
    field: 'NotAction',
    pattern: 's?s?s?s?s?s?',
    count: 12,
    max: 10,
  },
  trustActionWildcards: {
    statement: 'Statement[0]',
    field: 'Action',
    pattern: 'sts:*?*?*?*?*?*?',
    count: 12,
    max: 10,
  },
  trustConditionNotObject: { statement: 'Statement[0]' },
  trustConditionValue: { statement: 'Statement[0]', operator: 'StringEquals', key: 'aws:SourceIp' },
  trustConditionMayStop: { statement: 'Statement[0]', operator: 'IpAddress', key: 'aws:SourceIp' },
  trustMfa: {},
  trustWrongPrincipal: {
    expected: 'arn:aws:iam::111122223333:root',
    actual: 'arn:aws:iam::111122223333:root, arn:aws:iam::444455556666:root',
  },
  trustWrongExternalId: {},
  trustNoStatement: {},
  trustNoExternalId: {},
  trustNotPrincipal: {},
  trustAnyAccount: {},
};

const all = (): Problem[] =>
  (Object.keys(EXAMPLES) as ProblemCode[]).map((code) =>
    (problem as (c: ProblemCode, p: object) => Problem)(code, EXAMPLES[code]),
  );

/**
 * Values as the text shows them: strings as they are, numbers formatted for the language (JSON
 * type names are said in the language, counts only choose the plural form, and `nothing` only
 * chooses which sentence ends a refusal).
 */
const shown = (p: Problem, lang: string) =>
  Object.entries(p)
    .filter(
      ([key]) =>
        key !== 'code' &&
        key !== 'message' &&
        key !== 'count' &&
        key !== 'type' &&
        key !== 'types' &&
        key !== 'nothing',
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

/** A problem as a customer reads it, in English and in Japanese. */
const both = (p: Problem): [string, string] => {
  setLanguage(english);
  const en = problemText(p);
  setLanguage(japanese);
  return [en, problemText(p)];
};

describe('the profile, policy, name and refusal problems of #18', () => {
  it.each<[Problem, string, string]>([
    [
      problem('policyArnFormat'),
      'must be a policy ARN in partition aws, like "arn:aws:iam::aws:policy/ReadOnlyAccess" (Crossrole converts it for other partitions)',
      'パーティション aws のポリシー ARN (例: 「arn:aws:iam::aws:policy/ReadOnlyAccess」) である必要があります (他のパーティションでは Crossrole が変換します)',
    ],
    [
      problem('reportUrlHttps'),
      'must use https:// (http:// only for 127.0.0.1 or localhost, in a development build)',
      'https:// を使う必要があります (http:// は開発ビルドで 127.0.0.1 または localhost に対してのみ使えます)',
    ],
    [
      problem('reportUrlCredentials'),
      'must not contain a user name or password',
      'ユーザー名やパスワードを含めることはできません',
    ],
    [
      problem('profileIdFormat'),
      'must be 2–63 lower-case letters, digits and "-", starting with a letter or digit',
      '英小文字、数字、「-」の 2〜63 文字で、英小文字か数字で始まる必要があります',
    ],
    [
      problem('levelIdTwice', { id: 'read' }),
      'level id "read" is used twice',
      'アクセスレベルの ID「read」が 2 回使われています',
    ],
    [
      problem('principalArnFormat', { account: '111122223333' }),
      'must be a role or user ARN in account 111122223333 (partition aws)',
      'アカウント 111122223333 のロールまたはユーザーの ARN である必要があります (パーティション aws)',
    ],
    [
      problem('reportAuthToken'),
      'must be "token" when the service issues the External ID (it comes with a connection code)',
      'サービスが外部 ID を発行する場合は「token」である必要があります (外部 ID は接続コードで届きます)',
    ],
    [
      problem('customPolicyTooLarge', { size: 6200, max: 6144, over: 56 }),
      '6,200 characters without whitespace, IAM allows 6,144 (56 over)',
      '空白を除いて 6,200 文字あります (IAM で使えるのは 6,144 文字まで、56 文字超過)',
    ],
    [
      problem('policyNameBadChars'),
      'may only contain letters, digits and + = , . @ _ -',
      '使えるのは英数字と + = , . @ _ - のみです',
    ],
    [
      problem('descriptionBadChars', { chars: '✓' }),
      'contains characters IAM does not allow in a description: ✓',
      'IAM が説明に使えない文字を含んでいます: ✓',
    ],
    [
      problem('prefixTooLong', { length: 80, random: 22, total: 96, max: 74 }),
      'is 80 characters long; with the 22 random characters the External ID must stay within 96, so at most 74',
      '80 文字あります。外部 ID はランダムな 22 文字を加えて 96 文字以内に収める必要があるため、74 文字までです',
    ],
    [
      problem('notJson', { detail: 'Unexpected end of JSON input' }),
      'is not valid JSON (Unexpected end of JSON input)',
      '有効な JSON ではありません (Unexpected end of JSON input)',
    ],
    [
      problem('linkGone'),
      'This link is no longer waiting: it was dismissed, or it expired (a link waits 15 minutes). Open the service’s link again.',
      'このリンクはもう待機していません。閉じられたか、期限切れになりました (リンクの待機時間は 15 分です)。サービスのリンクをもう一度開いてください。',
    ],
    [
      problem('noAccessKeys', { service: 'Acme' }),
      'Acme does not accept access keys: connect it with a role.',
      'Acme はアクセスキーを受け付けません。ロールで接続してください。',
    ],
  ])('%#: %j', (p, en, ja) => {
    expect(both(p)).toEqual([en, ja]);
  });

  it('choose the plural form by the count, in English only', () => {
    const oneHour = problem('sessionTooShort', { seconds: 3600, hours: 1 });
    const twelveHours = problem('sessionTooLong', { seconds: 43200, hours: 12 });
    expect(both(oneHour)).toEqual([
      'must be at least 3,600 (1 hour)',
      '3,600 秒 (1 時間) 以上である必要があります',
    ]);
    expect(both(twelveHours)).toEqual([
      'must be at most 43,200 (12 hours)',
      '43,200 秒 (12 時間) 以下である必要があります',
    ]);
  });

  it('code every field error of a broken profile, so none stays in English', () => {
    const broken = {
      ...demo,
      schemaVersion: 2,
      id: 'Bad Id',
      trust: { ...demo.trust, principalArn: 'arn:aws:iam::999999999999:role/Other' },
      externalId: { source: 'generate', prefix: 'bad prefix!' },
      role: { ...demo.role, description: 'emoji ✓', maxSessionDurationSeconds: 60 },
      access: [
        {
          id: 'Read',
          label: 'Read',
          default: true,
          managedPolicyArns: ['arn:aws:iam::aws:policy/X '],
        },
        {
          id: 'Read',
          label: 'Again',
          default: true,
          customPolicies: [
            { name: 'bad name', document: { Version: '2008-10-17', Statement: [] } },
          ],
        },
      ],
      requiredActions: ['ec2:*'],
      methods: ['access-keys'],
      report: { url: 'https://user:pw@example.com/r', auth: 'none' },
    };
    const parsed = parseProfile(JSON.stringify(broken));
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors.length).toBeGreaterThan(12);
    expect(errors.filter((e) => !e.problem)).toEqual([]);
    setLanguage(japanese);
    for (const e of errors)
      expect(fieldErrorText(e), e.path).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const notJson = parseProfile('{');
    expect(!notJson.ok && notJson.errors[0]!.problem?.code).toBe('notJson');
  });

  it('say a refusal by its problem, by its field errors, or by its English where it has no code', () => {
    setLanguage(japanese);
    const tooLong = problem('nameTooLong', { length: 70, max: 64 });
    expect(refusalText({ error: 'x', problem: problem('unknownSetup') })).toBe('不明な接続です。');
    expect(
      refusalText({
        error: 'Role name is 70 characters long, IAM allows 64.',
        errors: [
          { path: 'roleName', message: tooLong.message, problem: tooLong },
          { path: '', message: 'uncoded' },
        ],
      }),
    ).toBe('roleName: 70 文字あります (IAM で使えるのは 64 文字まで)\nuncoded');
    expect(refusalText({ error: 'Refused by an older background.' })).toBe(
      'Refused by an older background.',
    );
  });
});
