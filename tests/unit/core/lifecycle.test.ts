// A connection after day one (docs/lifecycle.md): what a delivered report keeps of it, and the
// disconnect, planned from the connection, moved only by pages that show IAM has no such role
// or policy any more, and reported as a role.disconnected the contract takes.
import { describe, expect, it } from 'vitest';
import {
  applyDisconnectEvent,
  connectionOf,
  connectionsAfter,
  disconnectProblem,
  disconnectReport,
  connectionsOnPage,
  planDisconnect,
  planRoleMissing,
  servicesForRolePage,
  type DisconnectEvent,
  type RoleMissingEvent,
} from '../../../src/core/lifecycle.ts';
import { toContentSetup } from '../../../src/core/machine.ts';
import type { Connection } from '../../../src/core/messages.ts';
import { notFoundShown } from '../../../src/core/not-found.ts';
import { parseRoleEvent } from '../../../src/core/report.ts';
import type { Setup } from '../../../src/core/setup.ts';
import {
  ACCOUNT,
  capturedSetup,
  consoleSender as sender,
  parsedExampleProfiles,
} from '../../support/setup-fixtures.ts';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const CONNECTION_ID = '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11';
const DISCONNECT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const ROLE = 'CostRole';
const POLICY = 'CostBilling';
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${POLICY}`;
const CLIENT = { name: 'crossrole', version: '0.2.0', browser: 'chrome' } as const;

/** A delivered create-role setup whose custom policy Crossrole created. */
function delivered(over: Partial<Setup> = {}): Setup {
  return capturedSetup({
    id: CONNECTION_ID,
    state: 'delivered',
    roleName: ROLE,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
    customPolicies: [{ name: POLICY, description: '', document: {}, created: true }],
    policyArns: [POLICY_ARN, 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ...over,
  });
}

function connection(over: Partial<Connection> = {}): Connection {
  return { ...connectionOf(delivered())!, ...over };
}

function disconnecting(over: Partial<Connection> = {}): Setup {
  const planned = planDisconnect(connection(over), { id: DISCONNECT_ID, now: NOW });
  if (!planned.ok) throw new Error(planned.error);
  return { ...planned.value, tabId: 7 };
}

const roleGone = (text = `The role with name ${ROLE} cannot be found.`): DisconnectEvent => ({
  type: 'content.roleGone',
  setupId: DISCONNECT_ID,
  roleName: ROLE,
  sessionAccountId: ACCOUNT,
  shownText: text,
});
const policyGone = (text = `Policy ${POLICY_ARN} does not exist or is not attachable.`) =>
  ({
    type: 'content.policyGone',
    setupId: DISCONNECT_ID,
    policyName: POLICY,
    sessionAccountId: ACCOUNT,
    shownText: text,
  }) as const;

describe('a connection', () => {
  it('keeps what later events need, and offers only the policies its setup created', () => {
    expect(connectionOf(delivered())).toMatchObject({
      setupId: CONNECTION_ID,
      roleName: ROLE,
      externalId: delivered().externalId,
      reportUrl: delivered().reportUrl,
      createdPolicyArns: [POLICY_ARN],
    });
    // An existing role's trust updated: its policies are the customer's, never offered.
    const existing = connectionOf(delivered({ mode: 'update-trust' }))!;
    expect(existing.createdPolicyArns).toEqual([]);
    // Its role was the customer's before: Crossrole does not offer to delete it.
    expect(disconnectProblem(existing)).toMatch(/yours before/);
    expect(connectionOf({ ...delivered(), mode: 'disconnect' })).toBeNull();
  });

  it('is made when a report is delivered, and ended when a disconnect is read back', () => {
    const verified = delivered({ state: 'verified' });
    const made = connectionsAfter([], verified, delivered(), NOW)!;
    expect(made.map((c) => c.setupId)).toEqual([CONNECTION_ID]);
    const started = disconnecting();
    const ended = connectionsAfter(made, started, { ...started, state: 'verified' }, NOW)!;
    expect(ended[0]!.disconnectedAt).toBe(NOW);
    expect(connectionsAfter(made, started, started, NOW)).toBeNull();
  });

  it('cannot be disconnected twice, nor when made before Crossrole kept what it needs', () => {
    expect(disconnectProblem(connection({ disconnectedAt: NOW }))).toMatch(/already/);
    const { roleName: _r, reportUrl: _u, ...old } = connection();
    expect(disconnectProblem(old)).toMatch(/before Crossrole kept/);
    expect(planDisconnect(old, { id: DISCONNECT_ID, now: NOW }).ok).toBe(false);
  });
});

describe('a disconnect', () => {
  it('starts on the role page, with the policies to delete as ARNs for the content script', () => {
    const setup = disconnecting();
    expect(setup).toMatchObject({ mode: 'disconnect', state: 'started', hasToken: false });
    expect(toContentSetup(setup)).toMatchObject({
      mode: 'disconnect',
      roleGone: false,
      policiesToDelete: [POLICY_ARN],
    });
  });

  it('moves on only when the page names the role as not found, then goes to its policy', () => {
    const setup = disconnecting();
    for (const text of [
      'Role not found',
      `The role with name ${ROLE}Old cannot be found.`,
      `${ROLE} was deleted`,
    ]) {
      const step = applyDisconnectEvent(setup, roleGone(text), sender(), NOW);
      expect([text, step.reply.ok, step.next]).toEqual([text, false, null]);
    }
    const step = applyDisconnectEvent(setup, roleGone(), sender(), NOW);
    expect(step.next?.roleGoneAt).toBe(new Date(NOW).toISOString());
    expect(step.reply).toMatchObject({
      ok: true,
      next: { hash: `#/policies/details/${encodeURIComponent(POLICY_ARN)}` },
    });
    expect(step.effects).toEqual([]);
  });

  it('refuses a policy before the role is gone, a policy it did not create, another account', () => {
    const setup = disconnecting();
    expect(applyDisconnectEvent(setup, policyGone(), sender(), NOW).reply.ok).toBe(false);
    const gone = applyDisconnectEvent(setup, roleGone(), sender(), NOW).next!;
    const other = { ...policyGone(), policyName: 'SomeoneElses' };
    expect(applyDisconnectEvent(gone, other, sender(), NOW).reply.ok).toBe(false);
    const elsewhere = sender({ host: '444455556666-abcdefgh.us-east-1.console.aws.amazon.com' });
    expect(applyDisconnectEvent(setup, roleGone(), elsewhere, NOW).reply).toMatchObject({
      ok: false,
    });
    expect(applyDisconnectEvent(setup, roleGone(), sender({ tabId: 8 }), NOW).reply.ok).toBe(false);
  });

  it('queues role.disconnected once every policy is deleted or kept, and the contract takes it', () => {
    const gone = applyDisconnectEvent(disconnecting(), roleGone(), sender(), NOW).next!;
    const deleted = applyDisconnectEvent(gone, policyGone(), sender(), NOW);
    expect(deleted.next).toMatchObject({ state: 'verified', deletedPolicyArns: [POLICY_ARN] });
    expect(deleted.effects).toEqual([{ type: 'deliver' }]);
    const report = disconnectReport(deleted.next!, CLIENT)!;
    expect(report).toMatchObject({
      event: 'role.disconnected',
      connectionId: CONNECTION_ID,
      setupId: DISCONNECT_ID,
      reason: 'deleted-by-customer',
      deletedPolicyArns: [POLICY_ARN],
      disconnectedAt: new Date(NOW).toISOString(),
    });
    expect(parseRoleEvent(report)).toMatchObject({ ok: true });

    const kept = applyDisconnectEvent(
      gone,
      { type: 'content.policyKept', setupId: DISCONNECT_ID, policyName: POLICY },
      sender(),
      NOW,
    ).next!;
    expect(kept.state).toBe('verified');
    expect(disconnectReport(kept, CLIENT)?.deletedPolicyArns).toEqual([]);
    // Nothing to report before the role was read back gone.
    expect(disconnectReport(disconnecting(), CLIENT)).toBeNull();
  });

  it('with no policy to delete, ends on the role page', () => {
    const setup = disconnecting({ createdPolicyArns: [] });
    const step = applyDisconnectEvent(setup, roleGone(), sender(), NOW);
    expect(step.next?.state).toBe('verified');
    expect(step.effects).toEqual([{ type: 'deliver' }]);
  });
});

describe('a page saying IAM has no such role or policy', () => {
  it.each([
    [`The role with name ${ROLE} cannot be found.`, ROLE, true],
    [`Role not found The role with name ${ROLE} cannot be found.`, ROLE, true],
    [`ロールが見つかりません ${ROLE}`, ROLE, true],
    [`Policy not found ${POLICY_ARN}`, POLICY_ARN, true],
    [`Policy ${POLICY_ARN} does not exist or is not attachable.`, POLICY_ARN, true],
    [`The role with name ${ROLE}2 cannot be found.`, ROLE, false],
    [`The role with name My${ROLE} cannot be found.`, ROLE, false],
    [`Policy ${POLICY_ARN}Extra does not exist`, POLICY_ARN, false],
    [`${ROLE} was deleted.`, ROLE, false],
    [`Access denied for ${ROLE}`, ROLE, false],
  ])('%s → %s: %s', (text, name, gone) => {
    expect(notFoundShown(text, name)).toBe(gone);
  });
});

describe('a connected role seen on a page with no setup', () => {
  const page = (route: string, over: Record<string, unknown> = {}) => ({
    partition: 'aws',
    host: 'us-east-1.console.aws.amazon.com',
    route,
    sessionAccountId: ACCOUNT,
    ...over,
  });

  it('is named to its role page and the roles list of its account only', () => {
    const live = [connection(), connection({ setupId: 'other', roleName: 'Else' })];
    expect(connectionsOnPage(live, page(`/roles/details/${ROLE}`)).map((c) => c.roleName)).toEqual([
      ROLE,
    ]);
    expect(connectionsOnPage(live, page('/roles'))).toHaveLength(2);
    expect(connectionsOnPage(live, page('/policies'))).toEqual([]);
    expect(connectionsOnPage(live, page('/roles', { sessionAccountId: '444455556666' }))).toEqual(
      [],
    );
    expect(connectionsOnPage(live, page('/roles', { sessionAccountId: null }))).toEqual([]);
    expect(connectionsOnPage(live, page('/roles', { partition: 'aws-cn' }))).toEqual([]);
    expect(connectionsOnPage([connection({ disconnectedAt: NOW })], page('/roles'))).toEqual([]);
    const [view] = connectionsOnPage(live, page(`/roles/details/${ROLE}`), () => 'Read-only');
    expect(view).toEqual({
      id: CONNECTION_ID,
      serviceName: delivered().serviceName,
      roleName: ROLE,
      since: new Date(delivered().updatedAt).toISOString(),
      level: 'Read-only',
    });
    expect(view).not.toHaveProperty('externalId');
  });

  const missing = (over: Partial<RoleMissingEvent> = {}): RoleMissingEvent => ({
    type: 'content.roleMissing',
    connectionId: CONNECTION_ID,
    roleName: ROLE,
    sessionAccountId: ACCOUNT,
    ...over,
  });

  it('is reported gone only on a page that proves it, in its account', () => {
    const plan = (event: RoleMissingEvent, s = sender()) =>
      planRoleMissing(connection(), event, s, { id: DISCONNECT_ID, now: NOW });
    const byList = plan(missing({ listed: { names: ['Other'], total: 1 } }));
    expect(byList).toMatchObject({
      ok: true,
      value: { mode: 'disconnect', disconnectReason: 'role-not-found', policiesToDelete: [] },
    });
    const byPage = plan(missing({ shownText: `The role with name ${ROLE} cannot be found.` }));
    expect(byPage.ok).toBe(true);
    for (const event of [
      missing({ listed: { names: ['Other'], total: 30 } }),
      missing({ listed: { names: [ROLE], total: 1 } }),
      missing({ shownText: 'Access denied' }),
      missing(),
      missing({ sessionAccountId: '444455556666', listed: { names: [], total: 0 } }),
      missing({ roleName: 'Else', listed: { names: [], total: 0 } }),
    ])
      expect([event, plan(event).ok]).toEqual([event, false]);
  });
});

describe('a role page with no connection', () => {
  it('is told the known services’ accounts of its partition, and no other page is', () => {
    const profiles = parsedExampleProfiles();
    const services = servicesForRolePage(profiles, 'aws', '/roles/details/SomeRole');
    expect(services).toContainEqual({ name: 'Crossrole Demo Service', accountId: '999988887777' });
    expect(services.every((s) => /^\d{12}$/.test(s.accountId))).toBe(true);
    expect(servicesForRolePage(profiles, 'aws', '/roles')).toEqual([]);
    expect(servicesForRolePage(profiles, 'aws', '/policies')).toEqual([]);
  });
});
