// The simulated IAM's policy versions and deletions: five versions a policy, the default never
// deleted, a policy not deleted while attached, a role not deleted while policies are attached,
// each in IAM's own words.
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
const doc = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function refusal(fn: () => unknown): IamError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return e as IamError;
  }
  throw new Error('expected an IAM error');
}

function withPolicy() {
  const sim = new SimulatedIam({ accountId: '111122223333', partition: 'aws' });
  const p = sim.createPolicy({ policyName: 'Mine', document: doc('s3:GetObject') });
  return { sim, arn: p.arn };
}

describe('SimulatedIam policy versions', () => {
  it('starts at v1 as the default; a new default version replaces the document', () => {
    const { sim, arn } = withPolicy();
    expect(sim.getPolicy(arn)).toMatchObject({
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', isDefaultVersion: true, document: doc('s3:GetObject') }],
    });
    expect(sim.createPolicyVersion(arn, doc('s3:PutObject'), true).versionId).toBe('v2');
    expect(sim.policy('Mine')).toMatchObject({
      defaultVersionId: 'v2',
      document: doc('s3:PutObject'),
    });
    // Not the default when not asked.
    sim.createPolicyVersion(arn, doc('s3:ListBucket'), false);
    expect(sim.policy('Mine')!.defaultVersionId).toBe('v2');
    expect(sim.policy('Mine')!.versions.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([
      ['v1', false],
      ['v2', true],
      ['v3', false],
    ]);
    sim.setDefaultPolicyVersion(arn, 'v3');
    expect(sim.policy('Mine')!.document).toBe(doc('s3:ListBucket'));
  });

  it('keeps at most 5 versions, in IAM’s words; ids are never reused', () => {
    const { sim, arn } = withPolicy();
    for (let i = 2; i <= 5; i++) sim.createPolicyVersion(arn, doc(`s3:Get${i}`), true);
    const e = refusal(() => sim.createPolicyVersion(arn, doc('s3:Get6'), true));
    expect(e.message).toBe(
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    expect(e.code).toBe('LimitExceeded');
    expect(sim.policy('Mine')!.versions).toHaveLength(5);
    sim.deletePolicyVersion(arn, 'v2');
    expect(sim.createPolicyVersion(arn, doc('s3:Get6'), false).versionId).toBe('v6');
    expect(sim.handle('createPolicyVersion', { policyArn: arn, document: doc('x:y') }).status).toBe(
      400,
    );
  });

  it('never deletes the default version; refuses unknown versions and bad documents', () => {
    const { sim, arn } = withPolicy();
    expect(refusal(() => sim.deletePolicyVersion(arn, 'v1')).message).toBe(
      'Cannot delete the default version of a policy.',
    );
    expect(refusal(() => sim.deletePolicyVersion(arn, 'v7')).message).toBe(
      `Policy ${arn} version v7 does not exist or is not attachable.`,
    );
    expect(refusal(() => sim.createPolicyVersion(arn, '{nope', true)).message).toBe(MSG.syntax);
    expect(
      refusal(() => sim.createPolicyVersion('arn:aws:iam::111122223333:policy/Other', '{}', true))
        .status,
    ).toBe(404);
  });
});

describe('SimulatedIam deletions', () => {
  it('refuses to delete a policy attached to a role; deletes it once detached', () => {
    const { sim, arn } = withPolicy();
    sim.createRole({ roleName: 'R', trustPolicy: TRUST, policyArns: [arn, READ_ONLY] });
    expect(refusal(() => sim.deletePolicy(arn)).message).toBe(
      'Cannot delete a policy attached to entities.',
    );
    expect(sim.handle('deletePolicy', { policyArn: arn }).status).toBe(400);
    sim.detachRolePolicy('R', arn);
    expect(sim.role('R')!.attachedPolicyArns).toEqual([READ_ONLY]);
    // Versions besides the default go first, as the console does it.
    sim.createPolicyVersion(arn, doc('s3:PutObject'), true);
    expect(refusal(() => sim.deletePolicy(arn)).code).toBe('DeleteConflict');
    sim.deletePolicyVersion(arn, 'v1');
    expect(sim.handle('deletePolicy', { policyArn: arn }).status).toBe(200);
    expect(sim.policies()).toEqual([]);
    expect(refusal(() => sim.getPolicy(arn)).status).toBe(404);
  });

  it('refuses to delete a role with attached policies; deletes it after they are detached', () => {
    const sim = new SimulatedIam();
    sim.createRole({ roleName: 'Gone', trustPolicy: TRUST, policyArns: [READ_ONLY] });
    expect(refusal(() => sim.deleteRole('Gone')).message).toBe(
      'Cannot delete entity, must detach all policies first.',
    );
    expect(refusal(() => sim.detachRolePolicy('Gone', 'arn:aws:iam::aws:policy/X')).status).toBe(
      404,
    );
    expect(sim.handle('detachRolePolicy', { roleName: 'gone', policyArn: READ_ONLY }).status).toBe(
      200,
    );
    expect(sim.handle('deleteRole', { roleName: 'GONE' }).status).toBe(200);
    expect(sim.roles()).toEqual([]);
    expect(sim.handle('deleteRole', { roleName: 'Gone' }).status).toBe(404);
  });
});
