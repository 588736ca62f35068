// The simulated IAM's guardrails: role tags under IAM's rules, the service control policy variant
// that denies CreateRole without given tags, permissions boundaries, and UpdateRole's maximum
// session duration, each refused in IAM's own words.
import { describe, expect, it } from 'vitest';
import { IamError, MSG, SimulatedIam } from '../../support/iam-sim.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
    },
  ],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const POWER_USER = 'arn:aws:iam::aws:policy/PowerUserAccess';

function iam(options: ConstructorParameters<typeof SimulatedIam>[0] = {}) {
  return new SimulatedIam({ accountId: '111122223333', partition: 'aws', ...options });
}

function refusal(fn: () => unknown): IamError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return e as IamError;
  }
  throw new Error('expected an IAM error');
}

describe('SimulatedIam role tags', () => {
  it('keeps tags as given, none by default, with the default session duration', () => {
    const sim = iam();
    expect(sim.createRole({ roleName: 'Plain', trustPolicy: TRUST })).toMatchObject({
      tags: [],
      maxSessionDuration: 3600,
    });
    expect(sim.role('Plain')!.permissionsBoundaryArn).toBeUndefined();
    const tags = [
      { Key: 'Owner', Value: 'Team Ünïcode 1' },
      { Key: 'cost:center/x=y+z-@_.', Value: '' },
    ];
    sim.createRole({ roleName: 'Tagged', trustPolicy: TRUST, tags });
    expect(sim.role('Tagged')!.tags).toEqual(tags);
    // A missing value is the empty string, as in IAM.
    sim.createRole({ roleName: 'NoValue', trustPolicy: TRUST, tags: [{ Key: 'k' } as never] });
    expect(sim.role('NoValue')!.tags).toEqual([{ Key: 'k', Value: '' }]);
  });

  it('allows 50 tags, refuses 51', () => {
    const sim = iam();
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(
      sim.createRole({ roleName: 'Fifty', trustPolicy: TRUST, tags: tags(50) }).tags,
    ).toHaveLength(50);
    const e = refusal(() =>
      sim.createRole({ roleName: 'More', trustPolicy: TRUST, tags: tags(51) }),
    );
    expect(e.message).toBe(MSG.tooManyTags);
    expect(e.message).toContain('Member must have length less than or equal to 50');
    expect(sim.role('More')).toBeUndefined();
  });

  it('checks keys and values: lengths and characters, naming the tag by its place', () => {
    const sim = iam();
    const create = (tags: { Key: string; Value: string }[]) => () =>
      sim.createRole({ roleName: 'R', trustPolicy: TRUST, tags });
    expect(
      refusal(
        create([
          { Key: 'ok', Value: '' },
          { Key: '', Value: 'v' },
        ]),
      ).message,
    ).toBe(
      "1 validation error detected: Value at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(refusal(create([{ Key: 'k'.repeat(129), Value: '' }])).message).toBe(
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    expect(refusal(create([{ Key: 'a,b', Value: '' }])).message).toBe(
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
    expect(refusal(create([{ Key: 'k', Value: 'v'.repeat(257) }])).message).toBe(
      "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
    expect(refusal(create([{ Key: 'k', Value: 'a*b' }])).message).toContain(
      "Value at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    // 128 and 256 characters are fine.
    sim.createRole({
      roleName: 'Long',
      trustPolicy: TRUST,
      tags: [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }],
    });
    expect(sim.roles().map((r) => r.roleName)).toEqual(['Long']);
  });

  it('refuses aws: keys in any case and keys equal ignoring case', () => {
    const sim = iam();
    for (const Key of ['aws:owner', 'AWS:Owner', 'Aws:x']) {
      const e = refusal(() =>
        sim.createRole({ roleName: 'R', trustPolicy: TRUST, tags: [{ Key, Value: 'v' }] }),
      );
      expect(e.code).toBe('InvalidInput');
    }
    // "aws" alone, or aws without the colon, is an ordinary key.
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, tags: [{ Key: 'awsome', Value: '' }] });
    const dup = refusal(() =>
      sim.createRole({
        roleName: 'R2',
        trustPolicy: TRUST,
        tags: [
          { Key: 'Owner', Value: 'a' },
          { Key: 'owner', Value: 'b' },
        ],
      }),
    );
    expect(dup.message).toBe(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    expect(dup.code).toBe('InvalidInput');
  });
});

describe('SimulatedIam service control policy variant', () => {
  it('denies CreateRole without each required tag, in IAM’s words, and creates nothing', () => {
    const sim = iam({ scpRequiredTagKeys: ['Owner', 'CostCenter'] });
    const denied = refusal(() =>
      sim.createRole({
        roleName: 'Vendor',
        trustPolicy: TRUST,
        tags: [{ Key: 'owner', Value: 'x' }],
      }),
    );
    expect(denied.message).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/Admin/alice is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/Vendor with an explicit deny in a service control policy',
    );
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('AccessDenied');
    expect(sim.roles()).toEqual([]);
    // Keys match ignoring case; an empty value still carries the key.
    sim.createRole({
      roleName: 'Vendor',
      trustPolicy: TRUST,
      tags: [
        { Key: 'owner', Value: 'x' },
        { Key: 'COSTCENTER', Value: '' },
      ],
    });
    expect(sim.role('Vendor')!.tags).toHaveLength(2);
  });

  it('uses the partition and caller in the message; the replica API answers 403', () => {
    const sim = new SimulatedIam({
      accountId: '777788889999',
      partition: 'aws-cn',
      scpRequiredTagKeys: ['Owner'],
    });
    const answer = sim.handle('createRole', { roleName: 'R', trustPolicy: TRUST });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      message:
        'User: arn:aws-cn:sts::777788889999:assumed-role/Admin/alice is not authorized to perform: iam:CreateRole on resource: arn:aws-cn:iam::777788889999:role/R with an explicit deny in a service control policy',
      code: 'AccessDenied',
    });
    // It can be turned off in place.
    sim.scpRequiredTagKeys = [];
    expect(sim.handle('createRole', { roleName: 'R', trustPolicy: TRUST }).status).toBe(200);
  });

  it('still reports a bad request before the deny', () => {
    const sim = iam({ scpRequiredTagKeys: ['Owner'] });
    expect(
      refusal(() =>
        sim.createRole({
          roleName: 'R',
          trustPolicy: TRUST,
          tags: [
            { Key: 'Owner', Value: '' },
            { Key: 'owner', Value: '' },
          ],
        }),
      ).code,
    ).toBe('InvalidInput');
  });
});

describe('SimulatedIam permissions boundary', () => {
  it('keeps an existing managed policy as the boundary, AWS or customer managed', () => {
    const sim = iam();
    sim.createRole({ roleName: 'A', trustPolicy: TRUST, permissionsBoundaryArn: POWER_USER });
    expect(sim.role('A')!.permissionsBoundaryArn).toBe(POWER_USER);
    const own = sim.createPolicy({ policyName: 'Boundary', document: '{"Version":"2012-10-17"}' });
    sim.createRole({
      roleName: 'B',
      trustPolicy: TRUST,
      policyArns: [READ_ONLY],
      permissionsBoundaryArn: own.arn,
    });
    expect(sim.role('B')).toMatchObject({
      permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/Boundary',
      attachedPolicyArns: [READ_ONLY],
    });
    // The boundary is not an attachment.
    expect(sim.attachmentCount(own.arn)).toBe(0);
  });

  it('refuses an unknown policy with IAM’s NoSuchEntity message', () => {
    const sim = iam();
    const missing = 'arn:aws:iam::111122223333:policy/Nope';
    const e = refusal(() =>
      sim.createRole({ roleName: 'A', trustPolicy: TRUST, permissionsBoundaryArn: missing }),
    );
    expect(e.message).toBe(`Scope ARN: ${missing} does not exist or is not attachable.`);
    expect(e.status).toBe(404);
    expect(e.code).toBe('NoSuchEntity');
    expect(
      refusal(() =>
        sim.createRole({
          roleName: 'A',
          trustPolicy: TRUST,
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/NoSuchManagedPolicy',
        }),
      ).message,
    ).toBe(
      'Scope ARN: arn:aws:iam::aws:policy/NoSuchManagedPolicy does not exist or is not attachable.',
    );
    expect(sim.roles()).toEqual([]);
  });
});

describe('SimulatedIam.updateRole', () => {
  it('sets the description and the maximum session duration, 3600 to 43200 seconds', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', description: 'old', trustPolicy: TRUST });
    expect(sim.updateRole({ roleName: 'r', maxSessionDuration: 7200 })).toMatchObject({
      description: 'old',
      maxSessionDuration: 7200,
    });
    sim.updateRole({ roleName: 'R', description: 'new', maxSessionDuration: 43200 });
    expect(sim.role('R')).toMatchObject({ description: 'new', maxSessionDuration: 43200 });
    sim.updateRole({ roleName: 'R', maxSessionDuration: 3600 });
    expect(sim.role('R')!.maxSessionDuration).toBe(3600);
  });

  it('refuses durations out of range in IAM’s words and changes nothing', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST });
    expect(
      refusal(() => sim.updateRole({ roleName: 'R', description: 'x', maxSessionDuration: 43201 }))
        .message,
    ).toBe(
      "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    expect(refusal(() => sim.updateRole({ roleName: 'R', maxSessionDuration: 3599 })).message).toBe(
      "1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    );
    expect(sim.role('R')).toMatchObject({ description: '', maxSessionDuration: 3600 });
    expect(refusal(() => sim.updateRole({ roleName: 'R', description: 'emoji ✓' })).message).toBe(
      MSG.descriptionInvalid,
    );
    expect(
      refusal(() => sim.updateRole({ roleName: 'Nobody', maxSessionDuration: 7200 })).status,
    ).toBe(404);
  });

  it('is the replica API operation updateRole; createRole takes a seeded duration too', () => {
    const sim = iam();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, maxSessionDuration: 14400 });
    expect(sim.role('R')!.maxSessionDuration).toBe(14400);
    const ok = sim.handle('updateRole', { roleName: 'R', maxSessionDuration: 28800 });
    expect(ok.status).toBe(200);
    expect((ok.body as { role: { maxSessionDuration: number } }).role.maxSessionDuration).toBe(
      28800,
    );
    expect(sim.handle('updateRole', { roleName: 'R', maxSessionDuration: 50000 }).status).toBe(400);
    expect(sim.count('updateRole', 400)).toBe(1);
    expect(
      refusal(() => sim.createRole({ roleName: 'S', trustPolicy: TRUST, maxSessionDuration: 60 }))
        .message,
    ).toContain("Value '60' at 'maxSessionDuration'");
  });
});
