// The simulated IAM behind the console replica: IAM's own rules and messages, so the extension's
// e2e tests meet the refusals a real account would give.
import { describe, expect, it } from 'vitest';
import {
  AWS_MANAGED_POLICIES,
  IamError,
  SimulatedIam,
  partitionOfHost,
  policySize,
} from '../../support/iam-sim.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
    },
  ],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function iam() {
  return new SimulatedIam({ accountId: '111122223333', partition: 'aws' });
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return (e as Error).message;
  }
  throw new Error('expected an IAM error');
}

describe('SimulatedIam roles', () => {
  it('stores a role with its ARN, parsed and exact trust policy and policies', () => {
    const sim = iam();
    const text = JSON.stringify(JSON.parse(TRUST), null, 4);
    const role = sim.createRole({
      roleName: 'CrossroleDemoRole',
      description: 'Crossrole',
      trustPolicy: text,
      policyArns: [READ_ONLY],
    });
    expect(role.arn).toBe('arn:aws:iam::111122223333:role/CrossroleDemoRole');
    expect(sim.role('CrossroleDemoRole')).toMatchObject({
      trustPolicy: JSON.parse(TRUST),
      trustPolicyText: text,
      attachedPolicyArns: [READ_ONLY],
      description: 'Crossrole',
    });
    expect(sim.roles()).toHaveLength(1);
    // Copies: a test cannot change the store by accident.
    sim.role('CrossroleDemoRole')!.attachedPolicyArns.push('x');
    expect(sim.role('CrossroleDemoRole')!.attachedPolicyArns).toEqual([READ_ONLY]);
  });

  it('uses the partition in ARNs and refuses policies of another partition', () => {
    const sim = new SimulatedIam({ accountId: '111122223333', partition: 'aws-cn' });
    expect(sim.roleArn('R')).toBe('arn:aws-cn:iam::111122223333:role/R');
    expect(
      sim.createRole({
        roleName: 'R',
        trustPolicy: TRUST,
        policyArns: ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess'],
      }).attachedPolicyArns,
    ).toEqual(['arn:aws-cn:iam::aws:policy/ReadOnlyAccess']);
    expect(
      message(() =>
        sim.createRole({ roleName: 'R2', trustPolicy: TRUST, policyArns: [READ_ONLY] }),
      ),
    ).toBe(`ARN ${READ_ONLY} is not valid.`);
  });

  it('refuses a role name taken in another case', () => {
    const sim = iam();
    sim.createRole({ roleName: 'crossroledemorole', trustPolicy: TRUST });
    expect(
      message(() => sim.createRole({ roleName: 'CrossroleDemoRole', trustPolicy: TRUST })),
    ).toBe('Role with name CrossroleDemoRole already exists.');
    expect(sim.roles()).toHaveLength(1);
  });

  it.each(['', 'a'.repeat(65), 'bad name', 'role/with/path', 'rôle', 'x!'])(
    'refuses the role name %j',
    (name) => {
      expect(() => iam().createRole({ roleName: name, trustPolicy: TRUST })).toThrow(IamError);
    },
  );

  it('accepts every allowed role-name character and 64 characters', () => {
    const sim = iam();
    sim.createRole({ roleName: 'a_Z9+=,.@-', trustPolicy: TRUST });
    sim.createRole({ roleName: 'r'.repeat(64), trustPolicy: TRUST });
    expect(sim.roles()).toHaveLength(2);
    expect(message(() => sim.createRole({ roleName: 'a b', trustPolicy: TRUST }))).toBe(
      'The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
    );
  });

  it('checks the description: 1000 characters of IAM’s character set', () => {
    const sim = iam();
    sim.createRole({ roleName: 'A', trustPolicy: TRUST, description: 'd'.repeat(1000) });
    sim.createRole({ roleName: 'B', trustPolicy: TRUST, description: 'tab\tnew\nline ÿ¡ é' });
    expect(
      message(() =>
        sim.createRole({ roleName: 'C', trustPolicy: TRUST, description: 'd'.repeat(1001) }),
      ),
    ).toMatch(/description.*length less than or equal to 1000/);
    for (const bad of ['emoji 😀', 'ロール', 'euro €', 'bell \u0007']) {
      expect(
        message(() => sim.createRole({ roleName: 'D', trustPolicy: TRUST, description: bad })),
      ).toMatch(/Value at 'description' failed to satisfy constraint/);
    }
    expect(sim.roles()).toHaveLength(2);
  });

  it('checks the trust policy: JSON object, 2048 characters without whitespace', () => {
    const sim = iam();
    for (const bad of ['', '{', 'null', '[]', '"x"']) {
      expect(message(() => sim.createRole({ roleName: 'R', trustPolicy: bad }))).toBe(
        'Syntax errors in policy.',
      );
    }
    const padTo = (n: number) => {
      const base = JSON.parse(TRUST);
      const fixed = JSON.stringify(base).length;
      base.Statement[0].Condition.StringEquals['sts:ExternalId'] = 'e'.repeat(n - fixed + 5);
      return base;
    };
    const exact = padTo(2048);
    expect(JSON.stringify(exact).length).toBe(2048);
    // Whitespace does not count.
    sim.createRole({ roleName: 'Max', trustPolicy: JSON.stringify(exact, null, 8) });
    expect(
      message(() => sim.createRole({ roleName: 'Over', trustPolicy: JSON.stringify(padTo(2049)) })),
    ).toBe('Cannot exceed quota for ACLSizePerRole: 2048');
    expect(policySize('{ "a" :  1 }')).toBe(7);
  });

  it('allows at most 10 attached policies, each existing', () => {
    const sim = iam();
    const arns = AWS_MANAGED_POLICIES.map((p) => `arn:aws:iam::aws:policy/${p}`);
    sim.createRole({ roleName: 'Ten', trustPolicy: TRUST, policyArns: arns.slice(0, 10) });
    expect(
      message(() =>
        sim.createRole({ roleName: 'Eleven', trustPolicy: TRUST, policyArns: arns.slice(0, 11) }),
      ),
    ).toBe('Cannot exceed quota for PoliciesPerRole: 10');
    const missing = 'arn:aws:iam::111122223333:policy/Nope';
    expect(
      message(() => sim.createRole({ roleName: 'M', trustPolicy: TRUST, policyArns: [missing] })),
    ).toBe(`Policy ${missing} does not exist or is not attachable.`);
    expect(
      message(() =>
        sim.createRole({
          roleName: 'M',
          trustPolicy: TRUST,
          policyArns: ['arn:aws:iam::aws:policy/NotAManagedPolicy'],
        }),
      ),
    ).toMatch(/does not exist or is not attachable/);
    const own = sim.createPolicy({
      policyName: 'Mine',
      document: '{"Version":"2012-10-17","Statement":[]}',
    });
    expect(own.arn).toBe('arn:aws:iam::111122223333:policy/Mine');
    sim.createRole({ roleName: 'M', trustPolicy: TRUST, policyArns: [own.arn, READ_ONLY] });
    expect(sim.role('M')!.attachedPolicyArns).toEqual([own.arn, READ_ONLY]);
  });

  it('updates a trust policy under the same rules', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST });
    expect(message(() => sim.updateTrustPolicy('R', '{"Version":'))).toBe(
      'Syntax errors in policy.',
    );
    expect(sim.role('R')!.trustPolicyText).toBe(TRUST);
    sim.updateTrustPolicy('r', '{"Version":"2012-10-17","Statement":[]}');
    expect(sim.role('R')!.trustPolicy).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(message(() => sim.updateTrustPolicy('Missing', TRUST))).toBe(
      'The role with name Missing cannot be found.',
    );
  });
});

describe('SimulatedIam.attachRolePolicies', () => {
  const arns = AWS_MANAGED_POLICIES.map((p) => `arn:aws:iam::aws:policy/${p}`);

  it('adds policies to a role, once each, and counts attachments', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, policyArns: [READ_ONLY] });
    const audit = 'arn:aws:iam::aws:policy/SecurityAudit';
    const role = sim.attachRolePolicies('r', [audit, READ_ONLY, audit]);
    expect(role.attachedPolicyArns).toEqual([READ_ONLY, audit]);
    expect(sim.role('R')!.attachedPolicyArns).toEqual([READ_ONLY, audit]);
    sim.createUser({ userName: 'U', policyArns: [READ_ONLY] });
    expect(sim.listAttachedRolePolicies('R')).toEqual([
      { policyName: 'ReadOnlyAccess', policyArn: READ_ONLY, attachmentCount: 2 },
      { policyName: 'SecurityAudit', policyArn: audit, attachmentCount: 1 },
    ]);
    const own = sim.createPolicy({ policyName: 'Mine', document: '{"Statement":[]}' });
    sim.attachRolePolicies('R', [own.arn]);
    expect(sim.listAttachedRolePolicies('R').map((p) => p.policyName)).toEqual([
      'ReadOnlyAccess',
      'SecurityAudit',
      'Mine',
    ]);
  });

  it('refuses an 11th managed policy with IAM’s quota message and changes nothing', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, policyArns: arns.slice(0, 9) });
    expect(message(() => sim.attachRolePolicies('R', arns.slice(9, 11)))).toBe(
      'Cannot exceed quota for PoliciesPerRole: 10',
    );
    expect(sim.role('R')!.attachedPolicyArns).toEqual(arns.slice(0, 9));
    // Already attached ones do not count twice.
    sim.attachRolePolicies('R', [...arns.slice(0, 9), arns[9]!]);
    expect(sim.role('R')!.attachedPolicyArns).toHaveLength(10);
    expect(message(() => sim.attachRolePolicies('R', [arns[10]!]))).toBe(
      'Cannot exceed quota for PoliciesPerRole: 10',
    );
    sim.attachRolePolicies('R', [arns[0]!]);
    expect(sim.role('R')!.attachedPolicyArns).toHaveLength(10);
  });

  it('refuses a missing role, unknown policies and another partition’s ARNs', () => {
    const sim = iam();
    expect(message(() => sim.attachRolePolicies('Nope', [READ_ONLY]))).toBe(
      'The role with name Nope cannot be found.',
    );
    sim.createRole({ roleName: 'R', trustPolicy: TRUST });
    const missing = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    expect(message(() => sim.attachRolePolicies('R', [READ_ONLY, missing]))).toBe(
      `Policy ${missing} does not exist or is not attachable.`,
    );
    const cn = 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess';
    expect(message(() => sim.attachRolePolicies('R', [cn]))).toBe(`ARN ${cn} is not valid.`);
    expect(sim.role('R')!.attachedPolicyArns).toEqual([]);
  });

  it('follows a raised PoliciesPerRole quota (up to 20)', () => {
    const sim = new SimulatedIam({ policiesPerRole: 12 });
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, policyArns: arns.slice(0, 12) });
    expect(sim.role('R')!.attachedPolicyArns).toHaveLength(12);
    expect(message(() => sim.attachRolePolicies('R', [arns[12]!]))).toBe(
      'Cannot exceed quota for PoliciesPerRole: 12',
    );
    expect(() => new SimulatedIam({ policiesPerRole: 21 })).toThrow(/10 to 20/);
    expect(() => new SimulatedIam({ policiesPerRole: 9 })).toThrow(/10 to 20/);
  });

  it('is the replica API operation attachRolePolicies, recorded with its status', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, policyArns: arns.slice(0, 10) });
    const refused = sim.handle('attachRolePolicies', { roleName: 'R', policyArns: [arns[10]] });
    expect(refused).toEqual({
      status: 400,
      body: { message: 'Cannot exceed quota for PoliciesPerRole: 10', code: 'LimitExceeded' },
    });
    const sim2 = iam();
    sim2.createRole({ roleName: 'R', trustPolicy: TRUST });
    const ok = sim2.handle('attachRolePolicies', { roleName: 'R', policyArns: [READ_ONLY] });
    expect(ok.status).toBe(200);
    expect((ok.body as { role: { attachedPolicyArns: string[] } }).role.attachedPolicyArns).toEqual(
      [READ_ONLY],
    );
    expect(sim.count('attachRolePolicies', 400)).toBe(1);
    expect(sim2.count('attachRolePolicies', 200)).toBe(1);
    expect(sim2.handle('listAttachedRolePolicies', { roleName: 'R' }).body).toEqual({
      attachedPolicies: [
        { policyName: 'ReadOnlyAccess', policyArn: READ_ONLY, attachmentCount: 1 },
      ],
    });
  });
});

describe('SimulatedIam policies', () => {
  it('checks the document (JSON, 6144 characters) and the unique name', () => {
    const sim = iam();
    expect(message(() => sim.createPolicy({ policyName: 'P', document: 'nope' }))).toBe(
      'Syntax errors in policy.',
    );
    const big = { Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(6144) }] };
    expect(
      message(() => sim.createPolicy({ policyName: 'P', document: JSON.stringify(big) })),
    ).toBe('Cannot exceed quota for PolicySize: 6144');
    sim.createPolicy({ policyName: 'P', description: 'd', document: '{"Version":"2012-10-17"}' });
    expect(message(() => sim.createPolicy({ policyName: 'P', document: '{}' }))).toMatch(
      /already exists/,
    );
    expect(() => sim.createPolicy({ policyName: 'bad name', document: '{}' })).toThrow(IamError);
    expect(sim.policies().map((p) => p.policyName)).toEqual(['P']);
  });
});

describe('SimulatedIam.handle (the replica API)', () => {
  it('answers 200 or 400 with IAM’s message and records every call', () => {
    const sim = iam();
    expect(
      sim.handle('createRole', { roleName: 'R', trustPolicy: TRUST, policyArns: [] }),
    ).toMatchObject({
      status: 200,
      body: { role: { roleName: 'R' } },
    });
    expect(sim.handle('createRole', { roleName: 'r', trustPolicy: TRUST })).toEqual({
      status: 400,
      body: { message: 'Role with name r already exists.', code: 'EntityAlreadyExists' },
    });
    expect(sim.handle('getRole', { roleName: 'R' }).status).toBe(200);
    expect(sim.handle('getRole', { roleName: 'X' }).status).toBe(404);
    expect(sim.handle('listRoles', {}).body).toMatchObject({ roles: [{ roleName: 'R' }] });
    expect(sim.handle('listPolicies', {}).body).toEqual({ policies: [] });
    expect(sim.handle('deleteAccountAlias', {}).status).toBe(400);
    expect(sim.handle('createRole', null).status).toBe(400);
    expect(sim.calls.map((c) => [c.op, c.status])).toEqual([
      ['createRole', 200],
      ['createRole', 400],
      ['getRole', 200],
      ['getRole', 404],
      ['listRoles', 200],
      ['listPolicies', 200],
      ['deleteAccountAlias', 400],
      ['createRole', 400],
    ]);
    expect(sim.count('createRole')).toBe(3);
    expect(sim.count('createRole', 200)).toBe(1);
  });
});

describe('partitionOfHost and the managed policy list', () => {
  it.each([
    ['console.aws.amazon.com', 'aws'],
    ['us-east-1.console.aws.amazon.com', 'aws'],
    ['123456789012-abcd1234.eu-west-1.console.aws.amazon.com', 'aws'],
    ['console.amazonaws.cn', 'aws-cn'],
    ['cn-north-1.console.amazonaws.cn', 'aws-cn'],
    ['us-gov-west-1.console.amazonaws-us-gov.com', 'aws-us-gov'],
    ['eusc-de-east-1.console.amazonaws-eusc.eu', 'aws-eusc'],
  ])('%s is %s', (host, partition) => {
    expect(partitionOfHost(host)).toBe(partition);
  });

  it('lists hundreds of real managed policies by path, ReadOnlyAccess deep in its matches', () => {
    expect(AWS_MANAGED_POLICIES.length).toBeGreaterThanOrEqual(400);
    expect(new Set(AWS_MANAGED_POLICIES).size).toBe(AWS_MANAGED_POLICIES.length);
    for (const p of AWS_MANAGED_POLICIES) {
      expect(p).toMatch(/^(?:(?:job-function|service-role)\/)?[\w+=,.@-]{1,128}$/);
    }
    // Every name the tests and the profiles use (src/core/profiles/*.json).
    expect(AWS_MANAGED_POLICIES).toEqual(
      expect.arrayContaining([
        'AdministratorAccess',
        'PowerUserAccess',
        'ReadOnlyAccess',
        'SecurityAudit',
        'job-function/ViewOnlyAccess',
        'CloudWatchReadOnlyAccess',
        'IAMReadOnlyAccess',
        'AmazonS3ReadOnlyAccess',
        'AmazonEC2ReadOnlyAccess',
        'AWSXrayReadOnlyAccess',
        'service-role/AWSConfigRole',
      ]),
    );
    // The table sorts by name ignoring case; filtering "ReadOnlyAccess" matches dozens of names
    // and the exact one is not on the first page of 10.
    const names = AWS_MANAGED_POLICIES.map((p) => p.split('/').pop()!);
    const matches = names
      .filter((n) => n.toLowerCase().includes('readonlyaccess'))
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    expect(matches.length).toBeGreaterThanOrEqual(36);
    expect(matches.indexOf('ReadOnlyAccess')).toBeGreaterThanOrEqual(10);
  });
});
