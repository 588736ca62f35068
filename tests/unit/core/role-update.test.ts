// An update's rules (docs/lifecycle.md): what it plans from the profile today, what counts as a
// change against what the service was told, and a custom policy's page read back: its versions
// as the rows say them, its document compared as IAM would, the version to delete when IAM keeps
// five, and a new default version reported only once the page shows the profile's document.
import { describe, expect, it } from 'vitest';
import {
  applyPolicyShown,
  connectionOf,
  type PolicyShownEvent,
} from '../../../src/core/lifecycle.ts';
import {
  keptFromBefore,
  parseVersionRows,
  planUpdate,
  policyToCheck,
  samePolicyDocument,
  updateChanges,
  updateProblem,
} from '../../../src/core/role-update.ts';
import { applyEvent } from '../../../src/core/machine.ts';
import type { Setup } from '../../../src/core/setup.ts';
import {
  ACCOUNT,
  capturedSetup,
  consoleSender as sender,
  parsedExampleProfiles,
} from '../../support/setup-fixtures.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const COST = parsedExampleProfiles().find((p) => p.id === 'example-cost-inventory')!;
const POLICY = 'ExampleCostInventoryBilling';
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${POLICY}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const planned = COST.access.find((l) => l.id === 'read-only-plus-billing')!.customPolicies![0]!;

/** The cost example connected at its billing level, as a delivered role.connected leaves it. */
const connection = (over: Partial<Setup> = {}) =>
  connectionOf(
    capturedSetup({
      id: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
      state: 'delivered',
      profileId: COST.id,
      levelId: 'read-only-plus-billing',
      roleName: 'CostRole',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/CostRole`,
      customPolicies: [{ name: POLICY, description: '', document: {}, created: true }],
      policyArns: [POLICY_ARN, READ_ONLY],
      ...over,
    }),
  )!;

function update(levelId: string, read: Partial<Setup> = {}): Setup {
  const planned = planUpdate(connection(), COST, levelId, { id: 'u1', now: NOW });
  if (!planned.ok) throw new Error(planned.error);
  return { ...planned.value, tabId: 7, ...read };
}

const shown = (documentText: string | null, versionRows: string[]): PolicyShownEvent => ({
  type: 'content.policyShown',
  setupId: 'u1',
  policyName: POLICY,
  documentText,
  versionRows,
});

describe('planning an update', () => {
  it('asks for the level’s policies today and remembers what the service was told', () => {
    const setup = update('read-only');
    expect(setup).toMatchObject({
      mode: 'update-role',
      state: 'arn-captured',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/CostRole`,
      managedPolicyArns: [READ_ONLY],
      customPolicies: [],
      connectionId: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
      updateFrom: {
        levelId: 'read-only-plus-billing',
        policyArns: [POLICY_ARN, READ_ONLY],
        // On a move: what the old level asks for, the customer's to detach.
        levelPolicyArns: [READ_ONLY, POLICY_ARN],
      },
    });
    // At its own level, nothing is the old level's.
    expect(update('read-only-plus-billing').updateFrom?.levelPolicyArns).toEqual([]);
  });

  it('refuses a disconnected or older connection, another service’s profile, an unknown level', () => {
    expect(updateProblem({ ...connection(), disconnectedAt: NOW })).toMatch(/already disconnected/);
    expect(updateProblem({ ...connection(), reportUrl: undefined })).toMatch(/made before/);
    const other = { ...COST, id: 'someone-else' };
    expect(planUpdate(connection(), other, 'read-only', { id: 'u', now: NOW })).toMatchObject({
      ok: false,
    });
    const unknown = planUpdate(connection(), COST, 'admin', { id: 'u', now: NOW });
    expect(unknown.ok || unknown.error).toContain('admin');
  });
});

describe('what changed', () => {
  it('says a move, a policy no longer held and one newly held; a name-only row is never detached', () => {
    const moved = update('read-only', { policyArns: [READ_ONLY] });
    expect(updateChanges(moved)).toEqual([
      { kind: 'access-level', from: 'read-only-plus-billing', to: 'read-only' },
      { kind: 'policy-detached', policyArn: POLICY_ARN },
    ]);
    const nameOnly = update('read-only', { policyArns: [READ_ONLY], otherPolicyNames: [POLICY] });
    expect(updateChanges(nameOnly)).toEqual([
      { kind: 'access-level', from: 'read-only-plus-billing', to: 'read-only' },
    ]);
    expect(
      updateChanges(update('read-only-plus-billing', { policyArns: [POLICY_ARN, READ_ONLY] })),
    ).toEqual([]);
  });

  it('keeps the old level’s policies still held for the customer to detach, never their own', () => {
    const held = update('read-only', {
      policyArns: [READ_ONLY, POLICY_ARN, `arn:aws:iam::${ACCOUNT}:policy/Mine`],
    });
    expect(keptFromBefore(held)).toEqual([POLICY_ARN]);
  });
});

describe('a custom policy read on its page', () => {
  const reading = () => update('read-only-plus-billing', { policyArns: [POLICY_ARN, READ_ONLY] });

  it('is read when the role holds it, until its page shows the profile’s document', () => {
    expect(policyToCheck(reading())).toBe(POLICY_ARN);
    expect(policyToCheck(update('read-only', { policyArns: [READ_ONLY] }))).toBeNull();
  });

  it('finds version ids and the default in rows as a table words them', () => {
    expect(
      parseVersionRows(['v3 | 2026-12-01', 'Version 2 (Default) | x', 'バージョン 1 | x', 'no id']),
    ).toEqual({
      versions: ['v3', 'v2', 'v1'],
      defaultVersion: 'v2',
    });
    // Two rows saying default: neither is believed.
    expect(parseVersionRows(['v2 (Default)', 'v1 (デフォルト)']).defaultVersion).toBeNull();
  });

  it('compares documents as IAM would: key order aside, nothing else', () => {
    const text = JSON.stringify({
      Statement: planned.document.Statement,
      Version: planned.document.Version,
    });
    expect(samePolicyDocument(text, planned.document)).toBe(true);
    expect(samePolicyDocument('{"Version":"2012-10-17","Statement":[]}', planned.document)).toBe(
      false,
    );
    expect(samePolicyDocument('not json', planned.document)).toBe(false);
  });

  it('offers an update when it differs, naming the oldest non-default version when IAM keeps five', () => {
    const rows = ['v5', 'v4', 'v3', 'v2', 'v1 (Default)'];
    const step = applyPolicyShown(reading(), shown('{"Statement":[]}', rows), sender());
    expect(step.reply).toMatchObject({
      ok: true,
      value: { policyDiffers: true, versionToDelete: 'v2' },
    });
    expect(step.next?.checkedPolicies).toEqual({
      [POLICY]: { first: 'v1', now: 'v1', same: false },
    });
    const four = applyPolicyShown(reading(), shown('{"Statement":[]}', rows.slice(1)), sender());
    expect(four.reply).toMatchObject({ ok: true, value: { policyDiffers: true } });
    expect(four.reply.ok && four.reply.value).not.toHaveProperty('versionToDelete');
  });

  it('once the page shows the profile’s document as a new default, goes back to the role and reports the version', () => {
    const before = applyPolicyShown(reading(), shown('{}', ['v1 (Default)']), sender()).next!;
    const after = applyPolicyShown(
      before,
      shown(JSON.stringify(planned.document), ['v2 (Default)', 'v1']),
      sender(),
    );
    expect(after.reply).toMatchObject({
      ok: true,
      next: { hash: '#/roles/details/CostRole?section=permissions' },
    });
    expect(policyToCheck(after.next!)).toBeNull();
    expect(updateChanges(after.next!)).toEqual([
      { kind: 'policy-version', policyArn: POLICY_ARN, from: 'v1', to: 'v2' },
    ]);
  });

  it('needs the default version read whenever the document differs or did, so a new version is never unsaid', () => {
    const unread = applyPolicyShown(reading(), shown('{"Statement":[]}', []), sender());
    expect(unread.reply).toMatchObject({
      ok: false,
      error: expect.stringContaining('which version of ExampleCostInventoryBilling is the default'),
    });
    expect(unread.next).toBeNull();
    const before = applyPolicyShown(reading(), shown('{}', ['v1 (Default)']), sender()).next!;
    const after = applyPolicyShown(before, shown(JSON.stringify(planned.document), []), sender());
    expect(after.reply.ok).toBe(false);
    // The same document from the start needs no version: nothing changed.
    const same = applyPolicyShown(reading(), shown(JSON.stringify(planned.document), []), sender());
    expect(same.reply).toMatchObject({ ok: true });
    expect(updateChanges(same.next!)).toEqual([]);
  });

  it('refuses a page of another tab, a policy it does not check, an unreadable document', () => {
    expect(applyPolicyShown(reading(), shown('{}', []), sender({ tabId: 8 })).reply.ok).toBe(false);
    const other = { ...shown('{}', []), policyName: 'Other' };
    expect(applyPolicyShown(reading(), other, sender()).reply).toMatchObject({ ok: false });
    expect(applyPolicyShown(reading(), shown(null, []), sender()).reply).toMatchObject({
      ok: false,
      error: expect.stringContaining('does not show the document'),
    });
  });
});

describe('a policy the account lacks', () => {
  it('is created only on the customer’s word, then the tab goes back to the role to attach it', () => {
    const moving = update('read-only-plus-billing', { policyArns: [READ_ONLY] });
    const asked = applyEvent(
      moving,
      { type: 'content.policyMissing', setupId: 'u1', policyName: POLICY },
      sender(),
      NOW,
    );
    expect(asked.reply).toMatchObject({ ok: true, next: { hash: '#/policies/create' } });
    expect(asked.next?.customPolicies).toMatchObject([{ name: POLICY, created: false }]);
    const created = applyEvent(
      asked.next,
      {
        type: 'content.policyCreated',
        setupId: 'u1',
        policyName: POLICY,
        sessionAccountId: ACCOUNT,
      },
      sender(),
      NOW,
    );
    expect(created.reply).toMatchObject({
      ok: true,
      next: { hash: '#/roles/details/CostRole?section=permissions' },
    });
    expect(created.next).toMatchObject({
      state: 'arn-captured',
      customPolicies: [{ name: POLICY, created: true }],
    });
    // Not a policy of the plan, or not an update: refused.
    const other = { type: 'content.policyMissing', setupId: 'u1', policyName: 'Other' } as const;
    expect(applyEvent(moving, other, sender(), NOW).reply.ok).toBe(false);
    const connecting = { ...moving, mode: 'create-role' as const };
    expect(applyEvent(connecting, { ...other, policyName: POLICY }, sender(), NOW).reply.ok).toBe(
      false,
    );
  });
});
