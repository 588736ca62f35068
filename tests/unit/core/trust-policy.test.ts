// Trust policies: the one a new role starts with (docs/console.md, "Limits"), its size, merging the
// service's statement into an existing role's policy, and verifying that a policy trusts exactly
// the service's principal with the expected External ID.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTrustPolicy,
  checkTrustPolicySize,
  mergeTrustPolicy,
  serviceStatement,
  TRUST_POLICY_MAX_CHARS,
  verifyTrustPolicy,
} from '../../../src/core/trust-policy.ts';

const SERVICE = '999988887777';
const ROOT = `arn:aws:iam::${SERVICE}:root`;
const expected = { principalArn: ROOT, externalId: 'ext-123' };
type Statement = Record<string, unknown>;
const policyOf = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });
const exactStatement = (): Statement => ({
  Effect: 'Allow',
  Principal: { AWS: ROOT },
  Action: 'sts:AssumeRole',
  Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
});
const ec2Statement: Statement = {
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
};

describe('the trust policy a new role gets', () => {
  it('is exactly what "Require external ID" produces, never with MFA', () => {
    expect(buildTrustPolicy(expected)).toEqual({
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
    expect(JSON.stringify(buildTrustPolicy(expected))).not.toMatch(/MultiFactor/i);
  });

  it('trusts a narrower principal when the profile names one', () => {
    const narrow = { principalArn: `arn:aws-cn:iam::${SERVICE}:role/Scanner`, externalId: 'e-1' };
    expect(serviceStatement(narrow)).toMatchObject({
      Principal: { AWS: 'arn:aws-cn:iam::999988887777:role/Scanner' },
    });
  });

  it('is checked against 2,048 characters without whitespace, naming the 4,096 quota', () => {
    expect(checkTrustPolicySize(buildTrustPolicy(expected))).toBeNull();
    const base = JSON.stringify(buildTrustPolicy({ ...expected, externalId: '' })).length;
    const fits = buildTrustPolicy({ ...expected, externalId: 'x'.repeat(2048 - base) });
    expect(JSON.stringify(fits).length).toBe(TRUST_POLICY_MAX_CHARS);
    expect(checkTrustPolicySize(fits)).toBeNull();
    const over = buildTrustPolicy({ ...expected, externalId: 'x'.repeat(2049 - base) });
    const message = checkTrustPolicySize(over);
    expect(message).toMatch(/2,049 characters without whitespace/);
    expect(message).toMatch(/2,048/);
    expect(message).toMatch(/4,096/);
  });
});

describe('merging the service into an existing trust policy', () => {
  it('adds the statement when the service is absent, keeping the others as they are', () => {
    const merged = mergeTrustPolicy(policyOf(ec2Statement), expected, SERVICE);
    expect(merged).toEqual({
      ok: true,
      replaced: 0,
      dangers: [],
      policy: policyOf(ec2Statement, exactStatement()),
    });
  });

  it.each([
    [
      'trusted another principal of the service account',
      { AWS: `arn:aws:iam::${SERVICE}:role/Old` },
      { StringEquals: { 'sts:ExternalId': 'old' } },
    ],
    ['lacked an External ID', { AWS: ROOT }, undefined],
    ['named the account by its bare ID', { AWS: SERVICE }, undefined],
    [
      'trusted the account root with another External ID',
      { AWS: [ROOT] },
      { StringEquals: { 'sts:ExternalId': 'old' } },
    ],
  ])("replaces the service's statement when the old one %s", (_, Principal, Condition) => {
    const old: Statement = { Effect: 'Allow', Principal, Action: 'sts:AssumeRole' };
    if (Condition) old.Condition = Condition;
    const merged = mergeTrustPolicy(policyOf(ec2Statement, old), expected, SERVICE);
    expect(merged).toEqual({
      ok: true,
      replaced: 1,
      dangers: [],
      policy: policyOf(ec2Statement, exactStatement()),
    });
  });

  it("keeps another account's trust when it shared a statement with the service", () => {
    const shared: Statement = {
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:root', ROOT] },
      Action: 'sts:AssumeRole',
    };
    const merged = mergeTrustPolicy(policyOf(shared), expected, SERVICE);
    if (!merged.ok) throw new Error(merged.error);
    expect(merged.policy.Statement).toEqual([
      { ...shared, Principal: { AWS: ['arn:aws:iam::111122223333:root'] } },
      exactStatement(),
    ]);
    expect(verifyTrustPolicy(merged.policy, expected, SERVICE).verified).toBe(true);
  });

  it('accepts JSON text, keeps other top-level keys, and refuses what is not a JSON object', () => {
    const text = JSON.stringify({ Version: '2008-10-17', Id: 'x', Statement: ec2Statement });
    expect(mergeTrustPolicy(text, expected, SERVICE)).toEqual({
      ok: true,
      replaced: 0,
      dangers: [],
      policy: { Version: '2012-10-17', Id: 'x', Statement: [ec2Statement, exactStatement()] },
    });
    expect(mergeTrustPolicy('{ nope', expected, SERVICE)).toEqual({
      ok: false,
      error: 'The current trust policy is not valid JSON.',
    });
    expect(mergeTrustPolicy('[1]', expected, SERVICE)).toMatchObject({ ok: false });
    expect(mergeTrustPolicy(null, expected, SERVICE)).toMatchObject({ ok: false });
  });

  it('then verifies, whatever other statements the role had (property)', () => {
    const otherAccount = fc
      .tuple(
        fc.stringMatching(/^\d{12}$/).filter((a) => a !== SERVICE),
        fc.constantFrom('', 'root', 'role/R'),
      )
      .map(([a, kind]) => (kind ? `arn:aws:iam::${a}:${kind}` : a));
    const principal = fc.oneof(
      fc.record({ Service: fc.constantFrom('ec2.amazonaws.com', 'lambda.amazonaws.com') }),
      fc.record({
        AWS: fc.oneof(otherAccount, fc.array(otherAccount, { minLength: 1, maxLength: 3 })),
      }),
      fc.record({ Federated: fc.constant('cognito-identity.amazonaws.com') }),
    );
    const other = fc.record(
      {
        Sid: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
        Effect: fc.constantFrom('Allow', 'Deny'),
        Principal: principal,
        Action: fc.oneof(
          fc.constantFrom('sts:AssumeRole', 'sts:TagSession', 'sts:AssumeRoleWithWebIdentity'),
          fc.constant(['sts:AssumeRole', 'sts:TagSession']),
        ),
        Condition: fc.record({
          StringEquals: fc.record({ 'sts:ExternalId': fc.stringMatching(/^[\w-]{2,10}$/) }),
        }),
      },
      { requiredKeys: ['Effect', 'Principal', 'Action'] },
    );
    const serviceOld = fc.record({
      Effect: fc.constant('Allow'),
      Principal: fc.record({
        AWS: fc.constantFrom(ROOT, SERVICE, `arn:aws:iam::${SERVICE}:role/Old`),
      }),
      Action: fc.constant('sts:AssumeRole'),
    });
    fc.assert(
      fc.property(
        fc.array(other, { maxLength: 5 }),
        fc.option(serviceOld),
        fc.boolean(),
        (others, old, asText) => {
          const current = policyOf(...others, ...(old ? [old] : []));
          const merged = mergeTrustPolicy(
            asText ? JSON.stringify(current) : current,
            expected,
            SERVICE,
          );
          if (!merged.ok) throw new Error(merged.error);
          expect(merged.replaced).toBe(old ? 1 : 0);
          expect(merged.policy.Statement).toEqual([...others, exactStatement()]);
          expect(verifyTrustPolicy(merged.policy, expected, SERVICE)).toEqual({
            verified: true,
            problems: [],
            dangers: [],
            coded: [],
          });
        },
      ),
    );
  });
});

describe('verifying a trust policy', () => {
  const verify = (policy: unknown, want = expected) => verifyTrustPolicy(policy, want, SERVICE);

  it('verifies the exact statement, also as JSON text and beside unrelated statements', () => {
    const ok = { verified: true, problems: [], dangers: [], coded: [] };
    expect(verify(buildTrustPolicy(expected))).toEqual(ok);
    expect(verify(JSON.stringify(buildTrustPolicy(expected), null, 2))).toEqual(ok);
    expect(verify(policyOf(ec2Statement, exactStatement()))).toEqual(ok);
    expect(verify({ Version: '2012-10-17', Statement: exactStatement() })).toEqual(ok);
  });

  it('does not verify a wrong External ID', () => {
    const check = verify(buildTrustPolicy({ ...expected, externalId: 'other' }));
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(/External ID .* not the one for this connection/);
  });

  it('does not verify an MFA condition, and says to turn "Require MFA" off', () => {
    const s = exactStatement();
    s.Condition = { ...(s.Condition as object), Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const check = verify(policyOf(s));
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(/MFA.*must be off/);
  });

  it('does not verify a missing External ID, and calls it dangerous', () => {
    const s = exactStatement();
    delete s.Condition;
    const check = verify(policyOf(s));
    expect(check.verified).toBe(false);
    expect(check.dangers.join(' ')).toMatch(/without requiring an External ID/);
    expect(check.problems.join(' ')).toMatch(/without requiring an External ID/);
  });

  it('does not verify when another statement trusts the service without the External ID', () => {
    const loose: Statement = {
      Effect: 'Allow',
      Principal: { AWS: SERVICE },
      Action: 'sts:AssumeRole',
    };
    const check = verify(policyOf(exactStatement(), loose));
    expect(check.verified).toBe(false);
    expect(check.dangers.join(' ')).toMatch(/without requiring an External ID/);
  });

  it.each([
    ['"AWS": "*"', { Principal: { AWS: '*' } }],
    ['Principal: "*"', { Principal: '*' }],
    ['"*" in a list', { Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }],
    ['a wildcard action', { Principal: { AWS: '*' }, Action: 'sts:Assume*' }],
    ['NotAction', { Principal: { AWS: '*' }, Action: undefined, NotAction: 'sts:TagSession' }],
  ])('flags %s as a danger, whatever the condition', (_, change) => {
    const open: Statement = { Effect: 'Allow', Action: 'sts:AssumeRole', ...change };
    if (open.Action === undefined) delete open.Action;
    const check = verify(policyOf(exactStatement(), open));
    expect(check.verified).toBe(false);
    expect(check.dangers.join(' ')).toMatch(/any AWS account \("\*"\)/);
  });

  it('flags Allow with NotPrincipal, which trusts everyone but the principals named', () => {
    const check = verify(
      policyOf(exactStatement(), {
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'sts:AssumeRole',
      }),
    );
    expect(check.verified).toBe(false);
    expect(check.dangers.join(' ')).toMatch(/NotPrincipal .* every AWS account except/);
  });

  it('does not verify an extra principal beside the service', () => {
    const s = exactStatement();
    s.Principal = { AWS: [ROOT, 'arn:aws:iam::111122223333:root'] };
    const check = verify(policyOf(s));
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(
      /should trust exactly arn:aws:iam::999988887777:root; it trusts .*111122223333/,
    );
  });

  it('does not verify the account root when the profile narrows to one role', () => {
    const narrow = { principalArn: `arn:aws:iam::${SERVICE}:role/Scanner`, externalId: 'ext-123' };
    const check = verify(buildTrustPolicy(expected), narrow);
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(
      /should trust exactly arn:aws:iam::999988887777:role\/Scanner; it trusts arn:aws:iam::999988887777:root/,
    );
    expect(verify(buildTrustPolicy(narrow), narrow).verified).toBe(true);
  });

  it('does not verify a policy without the service, or one that is not a policy', () => {
    expect(verify(policyOf(ec2Statement))).toMatchObject({
      verified: false,
      problems: [expect.stringMatching(/no statement for the service's account/)],
    });
    expect(verify('{ nope').problems).toEqual(['The trust policy shown is not valid JSON.']);
    expect(verify(null).verified).toBe(false);
    const denied = exactStatement();
    denied.Effect = 'Deny';
    expect(verify(policyOf(denied)).verified).toBe(false);
  });

  it('never throws and never verifies arbitrary values (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json()), (value) => {
        const check = verify(value);
        expect(check.verified).toBe(false);
        expect(check.problems.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('what stops the service (Deny statements and conditions)', () => {
  const verify = (policy: unknown, want = expected) => verifyTrustPolicy(policy, want, SERVICE);
  const deny = (change: Statement): Statement => ({
    Sid: 'NoService',
    Effect: 'Deny',
    Principal: { AWS: ROOT },
    Action: 'sts:AssumeRole',
    ...change,
  });

  it.each([
    ['the account root', {}],
    ['the bare account ID', { Principal: { AWS: SERVICE } }],
    ['"*"', { Principal: '*' }],
    ['"AWS": "*"', { Principal: { AWS: '*' } }],
    [
      'another role of the account, when the root is trusted',
      { Principal: { AWS: `arn:aws:iam::${SERVICE}:role/X` } },
    ],
    [
      'a NotPrincipal that leaves the service out',
      { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } },
    ],
    ['sts:* ', { Action: 'sts:*' }],
    ['"*" as the action', { Action: ['s3:GetObject', '*'] }],
    ['NotAction', { Action: undefined, NotAction: 'sts:TagSession' }],
    ['a condition that may hold', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  ])('does not verify an Allow beside a Deny of %s, naming the statement', (_, change) => {
    const d = deny(change);
    for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k];
    const check = verify(policyOf(exactStatement(), d));
    expect(check.verified).toBe(false);
    expect(check.problems.join(' ')).toMatch(
      /^Statement\[1\] \(Sid "NoService"\) denies .*the service cannot assume the role/,
    );
  });

  it.each([
    ['another account', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }],
    ['a NotPrincipal naming the service', { Principal: undefined, NotPrincipal: { AWS: ROOT } }],
    ['another action', { Action: 'sts:TagSession' }],
    [
      'every other External ID',
      { Condition: { StringNotEquals: { 'sts:ExternalId': 'ext-123' } } },
    ],
    ['no External ID', { Condition: { Null: { 'sts:ExternalId': 'true' } } }],
  ])('still verifies beside a Deny that spares the service: %s', (_, change) => {
    const d = deny(change);
    for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k];
    expect(verify(policyOf(exactStatement(), d))).toEqual({
      verified: true,
      problems: [],
      dangers: [],
      coded: [],
    });
  });

  it.each([
    [
      'an expired date',
      { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      /DateLessThan on aws:CurrentTime/,
    ],
    [
      'a source IP range',
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      /IpAddress on aws:SourceIp/,
    ],
    [
      'an organization',
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
      /StringEquals on aws:PrincipalOrgID/,
    ],
    [
      'an External ID that may be absent',
      { StringEqualsIfExists: { 'sts:ExternalId': 'ext-123' } },
      /StringEqualsIfExists/,
    ],
    [
      'a principal condition while the root is trusted',
      { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${SERVICE}:role/*` } },
      /ArnLike on aws:PrincipalArn/,
    ],
  ])(
    'does not verify an Allow with %s, naming the statement and the condition',
    (_, extra, why) => {
      const s = exactStatement();
      s.Condition = { ...(s.Condition as object), ...extra };
      const check = verify(policyOf(ec2Statement, s));
      expect(check.verified).toBe(false);
      const problem = check.problems.find((p) => p.startsWith('Statement[1]:'));
      expect(problem).toMatch(why);
      expect(problem).toMatch(/could stop the service from assuming the role/);
    },
  );

  it('accepts a principal condition that names the narrower principal the profile trusts', () => {
    const narrow = { principalArn: `arn:aws:iam::${SERVICE}:role/Scanner`, externalId: 'ext-123' };
    const withPrincipal = (ArnLike: string) => {
      const s = serviceStatement(narrow);
      s.Condition = { ...(s.Condition as object), ArnLike: { 'aws:PrincipalArn': ArnLike } };
      return policyOf(s);
    };
    expect(verify(withPrincipal(`arn:aws:iam::${SERVICE}:role/Scan*`), narrow).verified).toBe(true);
    const other = verify(withPrincipal(`arn:aws:iam::${SERVICE}:role/Other`), narrow);
    expect(other.verified).toBe(false);
    expect(other.problems.join(' ')).toMatch(/ArnLike on aws:PrincipalArn could stop the service/);
  });

  it('reads condition values by type: an object is a problem, never converted', () => {
    for (const value of [{ toString: 1 }, { valueOf: 1, toString: 1 }, [['ext-123']], null]) {
      const s = exactStatement();
      s.Condition = { StringEquals: { 'sts:ExternalId': value } };
      const check = verify(policyOf(s));
      expect(check.verified).toBe(false);
      expect(check.problems.join(' ')).toMatch(
        /Statement\[0\]: the condition StringEquals on sts:ExternalId has a value that is not a string/,
      );
    }
  });

  it('refuses a policy nested past the limit, naming where, without throwing', () => {
    // As the page shows it: text, well within the 20,000 characters a message may carry.
    const text = JSON.stringify(policyOf(exactStatement())).replace(
      '"ext-123"',
      `${'['.repeat(9000)}"ext-123"${']'.repeat(9000)}`,
    );
    expect(text.length).toBeLessThan(20_000);
    const check = verify(text);
    expect(check).toMatchObject({ verified: false });
    expect(check.problems[0]).toMatch(
      /^The trust policy is not usable: Statement\[0\]\.Condition\.StringEquals\.sts:ExternalId(\[0\])+ is nested more than 32 levels deep\.$/,
    );
    expect(mergeTrustPolicy(text, expected, SERVICE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nested more than 32 levels deep/),
    });
  });

  it("keeps the customer's own Deny naming the service when merging, and warns about it", () => {
    const own = deny({});
    const merged = mergeTrustPolicy(policyOf(ec2Statement, own), expected, SERVICE);
    expect(merged).toMatchObject({
      ok: true,
      replaced: 0,
      policy: policyOf(ec2Statement, own, exactStatement()),
      dangers: [
        expect.stringMatching(
          /^Statement\[1\] \(Sid "NoService"\) denies sts:AssumeRole to arn:aws:iam::999988887777:root\. It was kept: the service cannot assume the role/,
        ),
      ],
    });
    if (!merged.ok) throw new Error(merged.error);
    // And verification, after the merge, says why it is not verified.
    expect(verify(merged.policy).verified).toBe(false);
  });
});
