// Service profiles (docs/vendors.md §1): every example is valid, and each rule, broken once, is an
// error whose path names the field and whose message names the rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultLevel,
  parseProfile,
  profileMethods,
  reportOrigin,
  serviceAccountIn,
  supportedPartitions,
  trustedPrincipalArn,
  type ServiceProfile,
} from '../../../src/core/profile.ts';
import { DEMO_PROFILE_ID, EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import type { FieldError } from '../../../src/core/result.ts';

// Profiles are edited freely here to break one rule at a time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const demo = () => structuredClone(EXAMPLE_PROFILES[0]) as Loose;
const valid = (p: unknown): ServiceProfile => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const example = (id: string) => valid(EXAMPLE_PROFILES.find((p) => (p as Loose).id === id));

function errorsOf(change: (p: Loose) => void): FieldError[] {
  const profile = demo();
  change(profile);
  const result = parseProfile(profile);
  if (result.ok) throw new Error('expected the profile to be refused');
  // The English words and where; the coded problem each may carry is checked in problems.test.ts.
  return result.errors.map(({ path, message }) => ({ path, message }));
}
function accepted(change: (p: Loose) => void): void {
  const profile = demo();
  change(profile);
  const result = parseProfile(profile);
  expect(result.ok ? [] : result.errors).toEqual([]);
}
const policy = (...Statement: object[]) => ({
  name: 'Custom',
  document: { Version: '2012-10-17', Statement },
});
const withCustom = (p: Loose, custom: object) => (p.access[1].customPolicies = [custom]);

describe('example profiles', () => {
  it('are all valid, as values and as JSON text, and round-trip unchanged', () => {
    expect(EXAMPLE_PROFILES.length).toBe(5);
    for (const profile of EXAMPLE_PROFILES) {
      expect(parseProfile(profile)).toEqual({ ok: true, value: profile });
      expect(parseProfile(JSON.stringify(profile, null, 2))).toEqual({ ok: true, value: profile });
    }
  });

  it('model the four onboarding flows of the issue, plus the local demo', () => {
    expect(example(DEMO_PROFILE_ID).report.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const diagrams = example('example-cloud-diagrams');
    expect(diagrams.access.some((l) => l.customPolicies?.length)).toBe(true);
    const cost = example('example-cost-inventory');
    expect(cost.requiredActions).toEqual([
      'sts:AssumeRole',
      'cur:DescribeReportDefinitions',
      'ec2:DescribeAccountAttributes',
      'ec2:DescribeRegions',
      'iam:GetAccountSummary',
    ]);
    expect(defaultLevel(cost).managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    const full = example('example-full-management');
    expect(full.access.flatMap((l) => l.managedPolicyArns ?? [])).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::aws:policy/PowerUserAccess',
        'arn:aws:iam::aws:policy/AdministratorAccess',
      ]),
    );
    expect(profileMethods(full)).toContain('access-keys');
    const ops = example('example-operations');
    expect(ops.options?.[0]?.customPolicies?.[0]?.document).toMatchObject({
      Statement: [{ Action: expect.arrayContaining(['logs:PutLogEvents']) }],
    });
  });
});

describe('each rule of contract §1, broken once', () => {
  const cases: [string, (p: Loose) => void, string, RegExp][] = [
    [
      'an unknown top-level key',
      (p) => (p.reportUrl = 'x'),
      '(root)',
      /^unknown field "reportUrl" \(check the spelling\)$/,
    ],
    ['schemaVersion 2', (p) => (p.schemaVersion = 2), 'schemaVersion', /^must be 1$/],
    [
      'an id with capitals and "_"',
      (p) => (p.id = 'Bad_Id'),
      'id',
      /lower-case letters, digits and "-"/,
    ],
    ['an id of one character', (p) => (p.id = 'a'), 'id', /must be 2–63/],
    ['an id starting with "-"', (p) => (p.id = '-ab'), 'id', /starting with a letter or digit/],
    ['an id of 64 characters', (p) => (p.id = 'a'.repeat(64)), 'id', /must be 2–63/],
    ['an empty name', (p) => (p.name = ''), 'name', /must not be empty/],
    [
      'a name of 65 characters',
      (p) => (p.name = 'x'.repeat(65)),
      'name',
      /^must be at most 64 characters$/,
    ],
    ['a name with a control character', (p) => (p.name = 'Acme\u0007'), 'name', /printable/],
    ['a name with a line separator', (p) => (p.name = 'Acme\u2028Corp'), 'name', /printable/],
    [
      'a name with a right-to-left override',
      (p) => (p.name = 'Acme\u202Egro'),
      'name',
      /printable/,
    ],
    ['a name with a private-use character', (p) => (p.name = 'Acme \uE000'), 'name', /printable/],
    ['an http homepage', (p) => (p.homepage = 'http://example.com'), 'homepage', /https/],
    [
      'an account of 4 digits',
      (p) => (p.trust.accountId = '1234'),
      'trust.accountId',
      /^must be exactly 12 digits$/,
    ],
    [
      'an account with dashes',
      (p) => (p.trust.accountId = '9999-8888-7777'),
      'trust.accountId',
      /12 digits/,
    ],
    [
      'an account as a number',
      (p) => (p.trust.accountId = 999988887777),
      'trust.accountId',
      /^must be a string$/,
    ],
    [
      'a principalArn in another account',
      (p) => (p.trust.principalArn = 'arn:aws:iam::111111111111:role/X'),
      'trust.principalArn',
      /^must be a role or user ARN in account 999988887777 \(partition aws\)$/,
    ],
    [
      'a principalArn in aws-cn',
      (p) => (p.trust.principalArn = 'arn:aws-cn:iam::999988887777:role/X'),
      'trust.principalArn',
      /partition aws/,
    ],
    [
      'a principalArn that is a policy',
      (p) => (p.trust.principalArn = 'arn:aws:iam::999988887777:policy/X'),
      'trust.principalArn',
      /role or user/,
    ],
    [
      'a principalArn that is no ARN',
      (p) => (p.trust.principalArn = '999988887777'),
      'trust.principalArn',
      /role or user ARN/,
    ],
    [
      'a principalArn with a space before it',
      (p) => (p.trust.principalArn = ' arn:aws:iam::999988887777:role/X'),
      'trust.principalArn',
      /role or user ARN/,
    ],
    [
      'a principalArn without "/" after "role"',
      (p) => (p.trust.principalArn = 'arn:aws:iam::999988887777:roleX'),
      'trust.principalArn',
      /role or user ARN/,
    ],
    [
      'a misspelt otherPartitions key',
      (p) => (p.trust.otherPartitions = { 'aws-gov': '123456789012' }),
      'trust.otherPartitions',
      /^unknown field "aws-gov"/,
    ],
    [
      'a bad account in otherPartitions',
      (p) => (p.trust.otherPartitions = { 'aws-cn': '12' }),
      'trust.otherPartitions.aws-cn',
      /12 digits/,
    ],
    [
      'an unknown externalId source',
      (p) => (p.externalId = { source: 'customer' }),
      'externalId.source',
      /^must have "source": "generate" or "service"$/,
    ],
    [
      'a prefix too long for 96 characters',
      (p) => (p.externalId.prefix = 'p'.repeat(75)),
      'externalId.prefix',
      /^is 75 characters long; with the 22 random characters the External ID must stay within 96, so at most 74$/,
    ],
    [
      'a prefix with "/"',
      (p) => (p.externalId.prefix = 'a/'),
      'externalId.prefix',
      /may only contain/,
    ],
    [
      'a prefix under source service',
      (p) => ((p.externalId = { source: 'service', prefix: 'x' }), (p.report.auth = 'token')),
      'externalId',
      /unknown field "prefix"/,
    ],
    [
      'source service without a token',
      (p) => (p.externalId = { source: 'service' }),
      'report.auth',
      /must be "token" when the service issues the External ID/,
    ],
    [
      'a role name with a space',
      (p) => (p.role.name = 'My Role'),
      'role.name',
      /^contains " "; IAM allows letters, digits and \+ = , \. @ _ -$/,
    ],
    ['a role name with "/"', (p) => (p.role.name = 'a/b'), 'role.name', /contains "\/"/],
    [
      'a role name of 65 characters',
      (p) => (p.role.name = 'R'.repeat(65)),
      'role.name',
      /^is 65 characters long, IAM allows 64$/,
    ],
    ['an empty role name', (p) => (p.role.name = ''), 'role.name', /must not be empty/],
    [
      'an emoji in the description',
      (p) => (p.role.description = 'Hi 👋'),
      'role.description',
      /^contains characters IAM does not allow in a description: 👋$/,
    ],
    [
      'a description of 1001 characters',
      (p) => (p.role.description = 'd'.repeat(1001)),
      'role.description',
      /1001 characters long, IAM allows 1000/,
    ],
    [
      'a session of 30 minutes',
      (p) => (p.role.maxSessionDurationSeconds = 1800),
      'role.maxSessionDurationSeconds',
      /at least 3600/,
    ],
    [
      'a session of 13 hours',
      (p) => (p.role.maxSessionDurationSeconds = 46800),
      'role.maxSessionDurationSeconds',
      /at most 43200/,
    ],
    ['no access level', (p) => (p.access = []), 'access', /at least one access level/],
    [
      'eleven access levels',
      (p) =>
        (p.access = Array.from({ length: 11 }, (_, i) => ({
          ...p.access[1],
          id: `l${i}`,
          default: i === 0,
        }))),
      'access',
      /at most 10 access levels/,
    ],
    [
      'no default level',
      (p) => (p.access[0].default = false),
      'access',
      /^exactly one level must be "default": true \(found 0\)$/,
    ],
    [
      'two default levels',
      (p) => (p.access[1].default = true),
      'access',
      /^exactly one level must be "default": true \(found 2\)$/,
    ],
    [
      'two levels with one id',
      (p) => (p.access[1].id = 'read-only'),
      'access',
      /level id "read-only" is used twice/,
    ],
    [
      'a level with no policy',
      (p) => delete p.access[1].managedPolicyArns,
      'access[1]',
      /needs managedPolicyArns or customPolicies/,
    ],
    [
      'eleven policies in a level',
      (p) =>
        (p.access[0].managedPolicyArns = Array.from(
          { length: 11 },
          (_, i) => `arn:aws:iam::aws:policy/P${i}`,
        )),
      'access[0]',
      /^has 11 policies, IAM attaches at most 10 to a role$/,
    ],
    [
      'eleven policies, managed and custom together',
      (p) => {
        p.access[0].managedPolicyArns = Array.from(
          { length: 6 },
          (_, i) => `arn:aws:iam::aws:policy/P${i}`,
        );
        p.access[0].customPolicies = Array.from({ length: 5 }, (_, i) => ({
          ...policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
          name: `C${i}`,
        }));
      },
      'access[0]',
      /has 11 policies/,
    ],
    [
      'a managed policy in aws-cn',
      (p) => (p.access[0].managedPolicyArns = ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess']),
      'access[0].managedPolicyArns[0]',
      /partition aws/,
    ],
    [
      'a managed "policy" that is a role',
      (p) => (p.access[0].managedPolicyArns = ['arn:aws:iam::111122223333:role/R']),
      'access[0].managedPolicyArns[0]',
      /must be a policy ARN/,
    ],
    [
      'a managed policy ARN with a line break after it',
      (p) => (p.access[0].managedPolicyArns = ['arn:aws:iam::aws:policy/ReadOnlyAccess\n']),
      'access[0].managedPolicyArns[0]',
      /^must be written exactly "arn:aws:iam::aws:policy\/ReadOnlyAccess", without spaces around it$/,
    ],
    [
      'a managed policy ARN without "/" after "policy"',
      (p) => (p.access[0].managedPolicyArns = ['arn:aws:iam::aws:policyReadOnlyAccess']),
      'access[0].managedPolicyArns[0]',
      /^must be written exactly "arn:aws:iam::aws:policy\/ReadOnlyAccess"/,
    ],
    [
      'a level id with capitals',
      (p) => (p.access[0].id = 'ReadOnly'),
      'access[0].id',
      /lower-case/,
    ],
    [
      'an unknown key in a level',
      (p) => (p.access[0].defualt = true),
      'access[0]',
      /unknown field "defualt"/,
    ],
    [
      'a statement without Resource',
      (p) => withCustom(p, policy({ Effect: 'Allow', Action: 's3:GetObject' })),
      'access[1].customPolicies[0].document.Statement[0]',
      /^needs exactly one of Resource or NotResource$/,
    ],
    [
      'a statement with Resource and NotResource',
      (p) =>
        withCustom(
          p,
          policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', NotResource: '*' }),
        ),
      'access[1].customPolicies[0].document.Statement[0]',
      /exactly one of Resource or NotResource/,
    ],
    [
      'a statement without Action',
      (p) => withCustom(p, policy({ Effect: 'Allow', Resource: '*' })),
      'access[1].customPolicies[0].document.Statement[0]',
      /^needs exactly one of Action or NotAction$/,
    ],
    [
      'an Action without a service',
      (p) => withCustom(p, policy({ Effect: 'Allow', Action: 'GetObject', Resource: '*' })),
      'access[1].customPolicies[0].document.Statement[0].Action',
      /^must look like "service:Action" \(wildcards \* and \? allowed\)$/,
    ],
    [
      'an Action with a space, in a list',
      (p) =>
        withCustom(
          p,
          policy({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get Object'], Resource: '*' }),
        ),
      'access[1].customPolicies[0].document.Statement[0].Action[1]',
      /service:Action/,
    ],
    [
      'Effect "allow"',
      (p) => withCustom(p, policy({ Effect: 'allow', Action: 's3:GetObject', Resource: '*' })),
      'access[1].customPolicies[0].document.Statement[0].Effect',
      /^must be one of "Allow", "Deny"$/,
    ],
    [
      'a Resource that is no ARN',
      (p) =>
        withCustom(p, policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-bucket' })),
      'access[1].customPolicies[0].document.Statement[0].Resource',
      /must be "\*" or an ARN/,
    ],
    [
      'a Principal in an identity policy',
      (p) =>
        withCustom(
          p,
          policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
        ),
      'access[1].customPolicies[0].document.Statement[0]',
      /unknown field "Principal"/,
    ],
    [
      'policy version 2008-10-17',
      (p) => withCustom(p, { name: 'X', document: { Version: '2008-10-17', Statement: [] } }),
      'access[1].customPolicies[0].document.Version',
      /^must be "2012-10-17"$/,
    ],
    [
      'an empty Statement list',
      (p) => withCustom(p, { name: 'X', document: { Version: '2012-10-17', Statement: [] } }),
      'access[1].customPolicies[0].document.Statement',
      /^must hold at least one statement$/,
    ],
    [
      'a policy name with a space',
      (p) =>
        withCustom(p, {
          ...policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
          name: 'My Policy',
        }),
      'access[1].customPolicies[0].name',
      /may only contain/,
    ],
    [
      'a wildcard in requiredActions',
      (p) => (p.requiredActions = ['ec2:Describe*']),
      'requiredActions[0]',
      /no wildcards/,
    ],
    [
      'an option without a label',
      (p) => (p.options = [{ id: 'o', managedPolicyArns: ['arn:aws:iam::aws:policy/X'] }]),
      'options[0].label',
      /^is required \(string\)$/,
    ],
    [
      'two options with one id',
      (p) =>
        (p.options = [0, 1].map(() => ({
          id: 'o',
          label: 'O',
          managedPolicyArns: ['arn:aws:iam::aws:policy/X'],
        }))),
      'options',
      /option id "o" is used twice/,
    ],
    ['no methods', (p) => (p.methods = []), 'methods', /at least one method/],
    [
      'access keys without role',
      (p) => (p.methods = ['access-keys']),
      'methods',
      /must include "role"/,
    ],
    [
      'an unknown method',
      (p) => (p.methods = ['role', 'ssh']),
      'methods[1]',
      /^must be one of "role", "access-keys"$/,
    ],
    [
      'an http report URL',
      (p) => (p.report.url = 'http://api.example.com/r'),
      'report.url',
      /^must use https:\/\/ \(http:\/\/ only for 127\.0\.0\.1 or localhost, in a development build\)$/,
    ],
    [
      'http to a look-alike of 127.0.0.1',
      (p) => (p.report.url = 'http://127.0.0.1.evil.example/r'),
      'report.url',
      /must use https/,
    ],
    [
      'a report URL that is no URL',
      (p) => (p.report.url = 'api.example.com/r'),
      'report.url',
      /^must be a URL$/,
    ],
    [
      'a report URL with credentials',
      (p) => (p.report.url = 'https://u:p@api.example.com/r'),
      'report.url',
      /user name or password/,
    ],
    [
      'an ftp report URL',
      (p) => (p.report.url = 'ftp://api.example.com/r'),
      'report.url',
      /must use https/,
    ],
    [
      'an unknown report auth',
      (p) => (p.report.auth = 'basic'),
      'report.auth',
      /^must be one of "token", "none"$/,
    ],
    ['no report', (p) => delete p.report, 'report', /^is required \(object\)$/],
  ];

  it.each(cases)('refuses %s', (_, change, path, message) => {
    const errors = errorsOf(change);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses a custom policy of 6,310 characters, saying how far over 6,144 it is', () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(6202)}`,
    };
    const errors = errorsOf((p) => withCustom(p, policy(statement)));
    expect(errors).toEqual([
      {
        path: 'access[1].customPolicies[0].document',
        message: '6,310 characters without whitespace, IAM allows 6,144 (166 over)',
      },
    ]);
    expect(`${errors[0]!.path}: ${errors[0]!.message}`).toContain(
      '6,310 characters without whitespace, IAM allows 6,144',
    );
  });

  it('does not count whitespace: 6,144 characters fit however the document is indented', () => {
    const base = JSON.stringify(
      policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' }).document,
    ).length;
    const fits = policy({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(6144 - base)}`,
    });
    accepted((p) => withCustom(p, fits));
    const text = JSON.stringify(
      { ...demo(), access: [{ ...demo().access[0], customPolicies: [fits] }] },
      null,
      8,
    );
    expect(parseProfile(text).ok).toBe(true);
    const over = policy({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(6145 - base)}`,
    });
    expect(errorsOf((p) => withCustom(p, over))[0]!.message).toMatch(/^6,145 .* \(1 over\)$/);
  });

  it('lists every problem at once, so nothing is half-imported', () => {
    const errors = errorsOf((p) => {
      p.id = 'X';
      p.trust.accountId = '1';
      p.report.url = 'http://x.example';
    });
    expect(errors.map((e) => e.path)).toEqual(['id', 'trust.accountId', 'report.url']);
  });

  it('says "is required" for a missing field and "must be" for a wrong type', () => {
    expect(errorsOf((p) => delete p.name)).toEqual([
      { path: 'name', message: 'is required (string)' },
    ]);
    expect(errorsOf((p) => (p.name = 5))).toEqual([{ path: 'name', message: 'must be a string' }]);
    expect(errorsOf((p) => (p.access = {}))).toContainEqual({
      path: 'access',
      message: 'must be an array',
    });
  });
});

describe('what contract §1 accepts', () => {
  it.each([
    'https://api.example.com/r',
    'http://127.0.0.1:8080/crossrole',
    'http://127.0.0.1/r',
    'http://localhost',
    'http://localhost:3000/r',
  ])('report URL %s', (url) => accepted((p) => (p.report.url = url)));

  it('the limits themselves: ids of 2 and 63, names of 64, prefixes of 74, 10 levels and policies', () => {
    accepted((p) => (p.id = 'ab'));
    accepted((p) => (p.id = `a${'-'.repeat(62)}`));
    accepted((p) => (p.name = 'N'.repeat(64)));
    accepted((p) => (p.externalId.prefix = 'p'.repeat(74)));
    accepted((p) => (p.role.name = 'R'.repeat(64)));
    accepted((p) => (p.role.description = `Latin-1 é ü ñ and\ttabs\n${'d'.repeat(900)}`));
    accepted(
      (p) =>
        (p.access[0].managedPolicyArns = Array.from(
          { length: 10 },
          (_, i) => `arn:aws:iam::aws:policy/P${i}`,
        )),
    );
    accepted(
      (p) =>
        (p.access = Array.from({ length: 10 }, (_, i) => ({
          ...p.access[1],
          id: `l${i}`,
          default: i === 3,
        }))),
    );
    accepted((p) => (p.trust.principalArn = 'arn:aws:iam::999988887777:user/path/Scanner'));
    accepted(
      (p) =>
        (p.trust.otherPartitions = {
          'aws-cn': '111122223333',
          'aws-us-gov': '222233334444',
          'aws-eusc': '333344445555',
        }),
    );
    accepted((p) => ((p.externalId = { source: 'service' }), (p.report.auth = 'token')));
    accepted((p) => (p.methods = ['role', 'access-keys']));
    accepted((p) =>
      withCustom(
        p,
        policy({
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:*'],
          NotResource: 'arn:aws:s3:::x',
        }),
      ),
    );
    accepted((p) =>
      withCustom(p, {
        name: 'One',
        document: {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'ec2:Describe?egions', Resource: ['*'] },
        },
      }),
    );
  });

  it('JSON text, and refuses text that is not JSON', () => {
    expect(parseProfile(JSON.stringify(demo())).ok).toBe(true);
    const bad = parseProfile('{ "schemaVersion": 1, ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toHaveLength(1);
      expect(bad.errors[0]!.path).toBe('(root)');
      expect(bad.errors[0]!.message).toMatch(/^is not valid JSON \(/);
    }
    expect(parseProfile('[]')).toMatchObject({
      ok: false,
      errors: [{ path: '(root)', message: 'must be an object' }],
    });
  });

  it('puts a prefix before every path when asked (for profiles inside connection codes)', () => {
    const result = parseProfile({ ...demo(), id: 'X' }, ['profile']);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['profile.id']);
  });
});

describe('what a profile tells Crossrole', () => {
  it('the service account per partition, and only partitions with one', () => {
    const full = example('example-full-management');
    expect(supportedPartitions(full)).toEqual(['aws', 'aws-cn', 'aws-eusc']);
    expect(serviceAccountIn(full, 'aws-cn')).toBe('544455556666');
    expect(serviceAccountIn(full, 'aws-us-gov')).toBeNull();
    expect(trustedPrincipalArn(full, 'aws-eusc')).toBe('arn:aws-eusc:iam::644455556666:root');
    expect(trustedPrincipalArn(full, 'aws-us-gov')).toBeNull();
  });

  it('a narrowed principal, moved to the partition and its account', () => {
    const diagrams = example('example-cloud-diagrams');
    expect(trustedPrincipalArn(diagrams, 'aws')).toBe(
      'arn:aws:iam::210987654321:role/DiagramsScanner',
    );
    expect(trustedPrincipalArn(diagrams, 'aws-us-gov')).toBe(
      'arn:aws-us-gov:iam::310987654321:role/DiagramsScanner',
    );
  });

  it('the default level, the methods and the report origin', () => {
    const d = example(DEMO_PROFILE_ID);
    expect(defaultLevel(d).id).toBe('read-only');
    expect(profileMethods({ ...d, methods: undefined })).toEqual(['role']);
    expect(reportOrigin(d)).toBe('http://127.0.0.1:47615');
  });
});

describe('parseProfile on arbitrary input', () => {
  it('never throws, and every rejection names a field and a rule (property)', () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...EXAMPLE_PROFILES),
        fc.constantFrom('id', 'name', 'trust', 'role', 'access', 'report', 'externalId', 'methods'),
        fc.anything(),
      )
      .map(([p, key, value]) => ({ ...(p as Loose), [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), mutated), (input) => {
        const result = parseProfile(input);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(e.path).toMatch(/^(\(root\)|[A-Za-z])/);
          expect(e.message.trim()).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
