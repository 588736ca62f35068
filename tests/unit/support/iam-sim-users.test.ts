// The simulated IAM's users and access keys: IAM's rules and messages for the access-keys method
// (contract §4), and the one-time secret tests compare with what a service received.
import { describe, expect, it } from 'vitest';
import { IamError, MSG, SimulatedIam, type SimAccessKey } from '../../support/iam-sim.ts';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function iam() {
  return new SimulatedIam({ accountId: '111122223333', partition: 'aws' });
}

function error(fn: () => unknown): IamError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IamError) return e;
    throw e;
  }
  throw new Error('expected an IamError');
}

describe('SimulatedIam users', () => {
  it('creates a user with its ARN and policies, found case-insensitively', () => {
    const sim = iam();
    const user = sim.createUser({ userName: 'crossrole-svc', policyArns: [READ_ONLY, READ_ONLY] });
    expect(user.arn).toBe('arn:aws:iam::111122223333:user/crossrole-svc');
    expect(user.attachedPolicyArns).toEqual([READ_ONLY]);
    expect(sim.user('CROSSROLE-SVC')?.userName).toBe('crossrole-svc');
    expect(sim.users().map((u) => u.userName)).toEqual(['crossrole-svc']);
    expect(sim.createUser({ userName: 'plain' }).attachedPolicyArns).toEqual([]);
    expect(new SimulatedIam({ partition: 'aws-cn' }).userArn('x')).toBe(
      'arn:aws-cn:iam::111122223333:user/x',
    );
  });

  it('refuses bad names, taken names (any case), unknown policies and more than 10', () => {
    const sim = iam();
    expect(error(() => sim.createUser({ userName: '' })).message).toBe(MSG.userNameLength(0));
    expect(error(() => sim.createUser({ userName: 'a'.repeat(65) })).message).toBe(
      MSG.userNameLength(65),
    );
    sim.createUser({ userName: 'u'.repeat(64) });
    expect(error(() => sim.createUser({ userName: 'has space' })).message).toBe(
      MSG.userNameInvalid,
    );
    expect(error(() => sim.createUser({ userName: 'a/b' })).message).toBe(MSG.userNameInvalid);
    sim.createUser({ userName: 'Crossrole+svc=,.@_-1' });
    const taken = error(() => sim.createUser({ userName: 'CROSSROLE+SVC=,.@_-1' }));
    expect(taken.message).toBe('User with name CROSSROLE+SVC=,.@_-1 already exists.');
    expect(taken.code).toBe('EntityAlreadyExists');
    const missing = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    expect(error(() => sim.createUser({ userName: 'x', policyArns: [missing] })).message).toBe(
      MSG.policyMissing(missing),
    );
    const eleven = [
      'AdministratorAccess',
      'AmazonS3ReadOnlyAccess',
      'AmazonEC2ReadOnlyAccess',
      'AmazonRDSReadOnlyAccess',
      'AmazonSNSReadOnlyAccess',
      'AmazonSQSReadOnlyAccess',
      'PowerUserAccess',
      'ReadOnlyAccess',
      'SecurityAudit',
      'IAMReadOnlyAccess',
      'CloudWatchReadOnlyAccess',
    ].map((p) => `arn:aws:iam::aws:policy/${p}`);
    const quota = error(() => sim.createUser({ userName: 'x', policyArns: eleven }));
    expect(quota.message).toBe('Cannot exceed quota for PoliciesPerUser: 10');
    expect(sim.createUser({ userName: 'x', policyArns: eleven.slice(0, 10) }).arn).toMatch(
      /:user\/x$/,
    );
    expect(sim.user('nobody')).toBeUndefined();
    expect(error(() => sim.getUser('nobody')).message).toBe(
      'The user with name nobody cannot be found.',
    );
  });
});

describe('SimulatedIam access keys', () => {
  it('makes AKIA key IDs and 40-character secrets, kept for tests, listed without the secret', () => {
    const sim = iam();
    sim.createUser({ userName: 'svc' });
    const made = sim.createAccessKey('SVC', 'Crossrole');
    expect(made.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(made.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(made.userName).toBe('svc');
    const [key] = sim.accessKeys('svc') as [SimAccessKey];
    expect(key).toMatchObject({
      accessKeyId: made.accessKeyId,
      secretAccessKey: made.secretAccessKey,
      status: 'Active',
      description: 'Crossrole',
    });
    expect(key.secretSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(key.createDate)).not.toBeNaN();
    const listed = sim.listAccessKeys('svc');
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(made.secretAccessKey);
    expect(sim.accessKeys('nobody')).toEqual([]);
  });

  it('allows two keys a user, deactivated ones included; refuses unknown users and bad tags', () => {
    const sim = iam();
    sim.createUser({ userName: 'svc' });
    sim.createUser({ userName: 'other' });
    const first = sim.createAccessKey('svc');
    const second = sim.createAccessKey('svc');
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.secretAccessKey).not.toBe(first.secretAccessKey);
    const quota = error(() => sim.createAccessKey('svc'));
    expect(quota.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2');
    expect(quota.code).toBe('LimitExceeded');
    expect(sim.deactivateAccessKey('svc', first.accessKeyId).status).toBe('Inactive');
    expect(sim.accessKeys('svc').map((k) => k.status)).toEqual(['Inactive', 'Active']);
    expect(error(() => sim.createAccessKey('svc')).message).toBe(MSG.accessKeysPerUser);
    expect(sim.createAccessKey('other').accessKeyId).toMatch(/^AKIA/);
    expect(error(() => sim.deactivateAccessKey('other', first.accessKeyId)).code).toBe(
      'NoSuchEntity',
    );
    expect(error(() => sim.createAccessKey('nobody')).code).toBe('NoSuchEntity');
    expect(error(() => sim.createAccessKey('other', 'x'.repeat(257))).message).toBe(
      MSG.tagValueLength,
    );
    expect(error(() => sim.createAccessKey('other', 'semi;colon')).message).toBe(
      MSG.tagValueInvalid,
    );
  });

  it('answers the replica API ops and records them; the secret only in createAccessKey', () => {
    const sim = iam();
    expect(sim.handle('createUser', { userName: 'svc', policyArns: [READ_ONLY] }).status).toBe(200);
    const dup = sim.handle('createUser', { userName: 'SVC' });
    expect(dup).toEqual({
      status: 400,
      body: { message: 'User with name SVC already exists.', code: 'EntityAlreadyExists' },
    });
    expect(sim.handle('getUser', { userName: 'svc' }).body).toMatchObject({
      user: { userName: 'svc', attachedPolicyArns: [READ_ONLY] },
    });
    expect(sim.handle('getUser', { userName: 'nobody' }).status).toBe(404);
    const created = sim.handle('createAccessKey', { userName: 'svc', description: 'tag' }) as {
      status: number;
      body: { accessKey: { accessKeyId: string; secretAccessKey: string } };
    };
    expect(created.status).toBe(200);
    expect(created.body.accessKey.secretAccessKey).toBe(sim.accessKeys('svc')[0]!.secretAccessKey);
    const listed = sim.handle('listAccessKeys', { userName: 'svc' });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.accessKey.secretAccessKey);
    const users = sim.handle('listUsers', {});
    expect(JSON.stringify(users.body)).toContain(created.body.accessKey.accessKeyId);
    expect(JSON.stringify(users.body)).not.toContain(created.body.accessKey.secretAccessKey);
    expect(sim.count('createUser')).toBe(2);
    expect(sim.count('createUser', 400)).toBe(1);
    expect(sim.count('createAccessKey', 200)).toBe(1);
    expect(sim.count('listAccessKeys')).toBe(1);
    expect(sim.count('listUsers')).toBe(1);
    expect(JSON.stringify(sim.calls)).not.toContain(created.body.accessKey.secretAccessKey);
  });
});
