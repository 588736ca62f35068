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
    expect(sim.handle('deleteRole', {}).status).toBe(400);
    expect(sim.handle('createRole', null).status).toBe(400);
    expect(sim.calls.map((c) => [c.op, c.status])).toEqual([
      ['createRole', 200],
      ['createRole', 400],
      ['getRole', 200],
      ['getRole', 404],
      ['listRoles', 200],
      ['listPolicies', 200],
      ['deleteRole', 400],
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

  it('puts ReadOnlyAccess on page 2 and lists the job-function policies by path', () => {
    const i = AWS_MANAGED_POLICIES.indexOf('ReadOnlyAccess');
    expect(i).toBeGreaterThanOrEqual(10);
    expect(i).toBeLessThan(20);
    expect(AWS_MANAGED_POLICIES).toEqual(
      expect.arrayContaining([
        'AdministratorAccess',
        'PowerUserAccess',
        'SecurityAudit',
        'job-function/ViewOnlyAccess',
        'CloudWatchReadOnlyAccess',
        'AmazonS3ReadOnlyAccess',
      ]),
    );
    expect(AWS_MANAGED_POLICIES.length).toBeGreaterThanOrEqual(25);
  });
});
