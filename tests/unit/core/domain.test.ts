// The rest of the pure core: External IDs, trust policies (build, merge, verify), permission
// plans, ARNs, console hosts, connection codes, console links and reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatArn,
  parseArn,
  ROLE_ARN_IN_TEXT,
  sanitizeDescription,
  validateRoleName,
} from '../../../src/core/arn.ts';
import { encodeConnectionCode, parseConnectionCode } from '../../../src/core/connection-code.ts';
import { createRoleUrl, parseHashRoute } from '../../../src/core/console-links.ts';
import { generateExternalId, validateExternalId } from '../../../src/core/external-id.ts';
import { actionMatches, grantsAction, type PolicyDocument } from '../../../src/core/iam-policy.ts';
import {
  accountIdFromHost,
  partitionFromHost,
  regionFromHost,
  PARTITIONS,
} from '../../../src/core/partition.ts';
import { planPermissions } from '../../../src/core/permissions.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import {
  classifyAnswer,
  nextBackoffMs,
  parseReport,
  parseRetryAfter,
} from '../../../src/core/report.ts';
import {
  buildTrustPolicy,
  checkTrustPolicySize,
  mergeTrustPolicy,
  verifyTrustPolicy,
} from '../../../src/core/trust-policy.ts';

const profiles = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('example invalid');
  return r.value;
});
const byId = (id: string) => profiles.find((p) => p.id === id) as ServiceProfile;

describe('External IDs', () => {
  it('carry 22 random alphanumerics (more than 128 bits) after the prefix, within 96 characters', () => {
    expect(22 * Math.log2(62)).toBeGreaterThan(128);
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+=,.@:-]{0,74}$/), (prefix) => {
        const id = generateExternalId(prefix);
        expect(id.startsWith(prefix)).toBe(true);
        expect(id.slice(prefix.length)).toMatch(/^[A-Za-z0-9]{22}$/);
        expect(id.length).toBeLessThanOrEqual(96);
        expect(validateExternalId(id)).toBeNull();
      }),
    );
  });
  it('come from the random source given, without modulo bias (bytes ≥ 248 are skipped)', () => {
    const source = (bytes: Uint8Array) => bytes.fill(250).fill(0, 32);
    expect(generateExternalId('', source)).toBe('A'.repeat(22));
    expect(generateExternalId('x-')).not.toBe(generateExternalId('x-'));
  });
  it("validate a service's ID against AWS's rule", () => {
    expect(validateExternalId('a')).toMatch(/at least 2/);
    expect(validateExternalId('x'.repeat(1225))).toMatch(/1224/);
    expect(validateExternalId('tenant:42/prod@eu')).toBeNull();
    expect(validateExternalId('has space')).toMatch(/may only contain/);
  });
});

describe('trust policies', () => {
  const expected = { principalArn: 'arn:aws:iam::999988887777:root', externalId: 'ext-123' };
  const policy = buildTrustPolicy(expected);

  it('are what "Require external ID" makes, without MFA', () => {
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
        },
      ],
    });
    expect(verifyTrustPolicy(policy, expected, '999988887777')).toEqual({
      verified: true,
      problems: [],
      dangers: [],
    });
  });
  it('are checked against 2,048 characters, naming the 4,096 quota', () => {
    expect(checkTrustPolicySize(policy)).toBeNull();
    expect(
      checkTrustPolicySize(buildTrustPolicy({ ...expected, externalId: 'x'.repeat(2100) })),
    ).toMatch(/2,048 by default .* 4,096/);
  });
  it.each([
    [
      'another External ID',
      { ...expected, externalId: 'other' },
      /not the one for this connection/,
    ],
    [
      'a narrower principal expected',
      { ...expected, principalArn: 'arn:aws:iam::999988887777:role/Scanner' },
      /should trust exactly arn:aws:iam::999988887777:role\/Scanner/,
    ],
  ])('are not verified with %s', (_, want, problem) => {
    const check = verifyTrustPolicy(policy, want, '999988887777');
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(problem);
  });
  it('flag MFA, a missing External ID and "*" principals', () => {
    const mfa = structuredClone(policy) as { Statement: { Condition: Record<string, unknown> }[] };
    mfa.Statement[0]!.Condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
    expect(verifyTrustPolicy(mfa, expected, '999988887777').problems.join()).toMatch(/MFA/);
    const open = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
        ...(policy.Statement as unknown[]),
      ],
    };
    expect(verifyTrustPolicy(open, expected, '999988887777')).toMatchObject({
      verified: false,
      dangers: [expect.stringMatching(/any AWS account/)],
    });
    const bare = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' },
      ],
    };
    expect(verifyTrustPolicy(bare, expected, '999988887777').dangers.join()).toMatch(
      /without requiring an External ID/,
    );
  });
  it("merge: keep other statements, replace the service's, then verify (any other statements)", () => {
    const otherStatement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Principal: fc.oneof(
        fc.record({ Service: fc.constantFrom('ec2.amazonaws.com', 'lambda.amazonaws.com') }),
        fc.record({ AWS: fc.constantFrom('arn:aws:iam::111122223333:root', '123456789012') }),
      ),
      Action: fc.constant('sts:AssumeRole'),
    });
    fc.assert(
      fc.property(fc.array(otherStatement, { maxLength: 4 }), fc.boolean(), (others, hadOld) => {
        const old = {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:role/Old' },
          Action: 'sts:AssumeRole',
        };
        const current = JSON.stringify({
          Version: '2012-10-17',
          Statement: hadOld ? [...others, old] : others,
        });
        const merged = mergeTrustPolicy(current, expected, '999988887777');
        if (!merged.ok) throw new Error(merged.error);
        expect(merged.replaced).toBe(hadOld ? 1 : 0);
        expect((merged.policy.Statement as unknown[]).slice(0, -1)).toEqual(others);
        expect(verifyTrustPolicy(merged.policy, expected, '999988887777').verified).toBe(true);
      }),
    );
    expect(mergeTrustPolicy('{ nope', expected, '999988887777')).toEqual({
      ok: false,
      error: 'The current trust policy is not valid JSON.',
    });
  });
});

describe('permission plans', () => {
  it('convert managed policies to the partition and keep custom policies', () => {
    const plan = planPermissions(
      byId('example-cost-inventory'),
      'read-only-plus-billing',
      [],
      'aws-cn',
    );
    expect(plan.managedPolicyArns).toEqual(['arn:aws-cn:iam::aws:policy/ReadOnlyAccess']);
    expect(plan.customPolicies.map((p) => p.name)).toEqual(['ExampleCostInventoryBilling']);
    expect(plan).toMatchObject({ errors: [], warnings: [] });
  });
  it('warn when nothing clearly grants a required action (ReadOnlyAccess lacks the CUR definitions)', () => {
    const plan = planPermissions(byId('example-cost-inventory'), 'read-only', [], 'aws');
    expect(plan.warnings).toEqual([
      expect.stringMatching(/needs sts:AssumeRole/),
      expect.stringMatching(/needs cur:DescribeReportDefinitions/),
    ]);
  });
  it('refuse more than 10 policies and unknown levels or options', () => {
    const profile = structuredClone(byId('example-operations'));
    profile.options![0]!.managedPolicyArns = Array.from(
      { length: 9 },
      (_, i) => `arn:aws:iam::aws:policy/P${i}`,
    );
    expect(planPermissions(profile, 'monitoring', ['write-logs'], 'aws').errors.join()).toMatch(
      /attaches 12 policies/,
    );
    expect(planPermissions(profile, 'nope', ['also-nope'], 'aws').errors).toHaveLength(2);
  });
  it('match actions with IAM wildcards, Deny first, and NotAction', () => {
    expect(actionMatches('ec2:Describe*', 'ec2:DescribeRegions')).toBe(true);
    expect(actionMatches('ec2:Describe?egions', 'EC2:DESCRIBEREGIONS')).toBe(true);
    expect(actionMatches('ec2:Describe*', 'ec2:RunInstances')).toBe(false);
    const doc = (s: object[]): PolicyDocument => ({
      Version: '2012-10-17',
      Statement: s as PolicyDocument['Statement'],
    });
    expect(
      grantsAction(
        [
          doc([
            { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ec2:DescribeRegions', Resource: '*' },
          ]),
        ],
        'ec2:DescribeRegions',
      ),
    ).toBe(false);
    expect(
      grantsAction(
        [doc([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])],
        'ec2:DescribeRegions',
      ),
    ).toBe(true);
    expect(
      grantsAction(
        [
          doc([
            {
              Effect: 'Allow',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { Bool: { 'aws:SecureTransport': 'true' } },
            },
          ]),
        ],
        'ec2:DescribeRegions',
      ),
    ).toBe(false);
  });
});

describe('ARNs and console hosts', () => {
  it('parse and format roles, users and policies in every partition', () => {
    for (const partition of PARTITIONS) {
      for (const text of [
        `arn:${partition}:iam::111122223333:role/Name`,
        `arn:${partition}:iam::111122223333:user/team/a/Name+1`,
        `arn:${partition}:iam::aws:policy/job-function/ViewOnlyAccess`,
      ]) {
        const arn = parseArn(text);
        expect(arn?.partition).toBe(partition);
        expect(formatArn(arn!)).toBe(text);
      }
    }
    expect(parseArn('arn:aws-evil:iam::111122223333:role/X')).toBeNull();
    expect(parseArn('arn:aws:iam::aws:role/X')).toBeNull();
    expect('ARN arn:aws:iam::111122223333:role/A-b Copy'.match(ROLE_ARN_IN_TEXT)).toEqual([
      'arn:aws:iam::111122223333:role/A-b',
    ]);
  });
  it("validate names and sanitise descriptions to IAM's character set", () => {
    expect(validateRoleName('x'.repeat(65))).toMatch(/65 characters/);
    expect(sanitizeDescription('Read — only “access” 👀 日本')).toBe('Read - only "access"  ');
  });
  it.each([
    ['console.aws.amazon.com', 'aws', null, null],
    ['us-east-1.console.aws.amazon.com', 'aws', 'us-east-1', null],
    ['111122223333-abcd1234.us-east-1.console.aws.amazon.com', 'aws', 'us-east-1', '111122223333'],
    ['cn-north-1.console.amazonaws.cn', 'aws-cn', 'cn-north-1', null],
    ['us-gov-west-1.console.amazonaws-us-gov.com', 'aws-us-gov', 'us-gov-west-1', null],
    ['eusc-de-east-1.console.amazonaws-eusc.eu', 'aws-eusc', 'eusc-de-east-1', null],
  ])('know %s', (host, partition, region, account) => {
    expect([partitionFromHost(host), regionFromHost(host), accountIdFromHost(host)]).toEqual([
      partition,
      region,
      account,
    ]);
  });
  it.each([
    'console.aws.amazon.com.evil.example',
    'evilconsole.aws.amazon.com',
    'a.b.c.console.aws.amazon.com',
    'console.aws.amazon.co',
  ])('refuse the look-alike %s', (host) => {
    expect(partitionFromHost(host)).toBeNull();
  });
});

describe('connection codes', () => {
  const now = new Date('2026-11-24T00:00:00Z');
  it('round-trip, naming a built-in profile or carrying a whole one', () => {
    const code = encodeConnectionCode({
      profile: 'example-cost-inventory',
      token: 't0k',
      externalId: 'svc-1',
      expiresAt: '2026-12-01T00:00:00Z',
    });
    expect(parseConnectionCode(code, profiles, now)).toMatchObject({
      ok: true,
      value: {
        profile: { id: 'example-cost-inventory' },
        token: 't0k',
        externalId: 'svc-1',
        profileIncluded: false,
      },
    });
  });
  it.each([
    [
      'an expired code',
      encodeConnectionCode({ profile: 'crossrole-demo', expiresAt: '2026-01-01T00:00:00Z' }),
      /^expiresAt: the code expired on 2026-01-01T00:00:00Z/,
    ],
    ['a missing prefix', 'xyz', /^\(code\): must start with "crossrole1."/],
    ['bad base64', 'crossrole1.!!!', /not base64url/],
    ['not JSON', `crossrole1.${Buffer.from('nope').toString('base64url')}`, /not JSON/],
    ['an unknown profile', encodeConnectionCode({ profile: 'who' }), /^profile: names "who"/],
    [
      'an invalid embedded profile',
      encodeConnectionCode({ profile: { ...(EXAMPLE_PROFILES[0] as object), id: 'X' } }),
      /^profile\.id:/,
    ],
    [
      'no External ID for a service-issued profile',
      encodeConnectionCode({ profile: 'example-cost-inventory', token: 't' }),
      /^externalId: is required/,
    ],
    [
      'no token for token auth',
      encodeConnectionCode({ profile: 'example-cost-inventory', externalId: 'abc' }),
      /^token: is required/,
    ],
  ])('refuse %s, saying which', (_, code, message) => {
    const result = parseConnectionCode(code, profiles, now);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(`${result.errors[0]!.path}: ${result.errors[0]!.message}`).toMatch(message);
  });
});

describe('console links', () => {
  it("pre-fill the wizard with every parameter, policies repeated, on the partition's host", () => {
    const url = new URL(
      createRoleUrl('aws-cn', {
        serviceAccountId: '123456789012',
        externalId: 'e-1',
        policyArns: ['arn:aws-cn:iam::aws:policy/A', 'arn:aws-cn:iam::aws:policy/B'],
      }),
    );
    expect(url.host).toBe('console.amazonaws.cn');
    const { path, query } = parseHashRoute(url.hash);
    expect(path).toBe('/roles/create');
    expect(Object.fromEntries(query)).toMatchObject({
      step: 'selectEntities',
      trustedEntityType: 'AWS_ACCOUNT',
      awsAccount: '123456789012',
      isThirdParty: 'true',
      externalId: 'e-1',
    });
    expect(query.getAll('policies')).toEqual([
      'arn:aws-cn:iam::aws:policy/A',
      'arn:aws-cn:iam::aws:policy/B',
    ]);
    expect(parseHashRoute('#/roles$new?step=type').path).toBe('/roles');
  });
});

describe('reports', () => {
  it("parse contract §3's example", () => {
    const example = {
      schemaVersion: 1,
      event: 'role.connected',
      setupId: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
      profileId: 'example-inventory',
      roleArn: 'arn:aws:iam::111122223333:role/ExampleInventoryRole',
      accountId: '111122223333',
      partition: 'aws',
      externalId: 'exinv-Qm9yZXN0IGlzIGJldHRlcg',
      accessLevel: 'read-only',
      options: [],
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      trustPolicyVerified: true,
      capturedAt: '2026-11-22T10:00:00.000Z',
      client: { name: 'crossrole', version: '0.1.0', browser: 'chrome' },
    };
    expect(parseReport(example).ok).toBe(true);
    expect(parseReport({ ...example, extra: 1 }).ok).toBe(false);
  });
  it('classify answers as the contract says', () => {
    expect(classifyAnswer(200, null, null, 0)).toEqual({
      kind: 'delivered',
      status: 'connected',
      message: null,
    });
    expect(classifyAnswer(202, { status: 'pending', message: 'Checking' }, null, 0)).toEqual({
      kind: 'delivered',
      status: 'pending',
      message: 'Checking',
    });
    for (const s of [400, 401, 403, 404, 409, 410, 422])
      expect(classifyAnswer(s, { message: 'no' }, null, 0)).toMatchObject({
        kind: 'refused',
        message: 'no',
      });
    for (const s of [408, 425, 429, 500, 503])
      expect(classifyAnswer(s, null, null, 0).kind).toBe('retry');
    expect(classifyAnswer(302, null, null, 0).kind).toBe('refused');
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
  });
  it('back off from 1 s doubling to 5 min, and honour a longer Retry-After', () => {
    expect([1, 2, 3, 4].map((a) => nextBackoffMs(a))).toEqual([1000, 2000, 4000, 8000]);
    expect(nextBackoffMs(20)).toBe(300_000);
    expect(nextBackoffMs(1, 120_000)).toBe(120_000);
  });
});
