// The background end to end in memory: a setup started from the popup, the console's events
// checked against the setup and the sender's tab, the ARN captured, and the report delivered
// through faults, with what is in storage asserted at each step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { parseReport } from '../../../src/core/report.ts';
import { consoleWordsFor } from '../../../src/core/iam-words.ts';
import {
  ACCOUNT,
  consoleTab as tab,
  demoStart,
  demoTrustText as TRUST,
  popupSender as popup,
} from '../../support/setup-fixtures.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');
const { deliverDue, deliverWaitingForPermission } =
  await import('../../../src/background/delivery.ts');

type Answer =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';
let answers: Answer[];
/** The Permissions tab of a demo role as the page shows it: ReadOnlyAccess, AWS managed. */
const READ_ONLY_ATTACHED = [{ name: 'ReadOnlyAccess', arn: null, type: 'aws' as const }];

const fetchMock = vi.fn(async (_url: URL | string, _init?: RequestInit) => {
  const next = answers.shift() ?? {
    status: 200,
    body: { status: 'connected', message: 'Welcome' },
  };
  if (next === 'network-error') throw new TypeError('Failed to fetch');
  return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
    status: next.status,
    headers: next.headers,
  });
});

async function state() {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as {
    setups: {
      id: string;
      state: string;
      roleArn: string | null;
      problem: string | null;
      delivery: {
        status: string;
        attempts: number;
        nextAttemptAt: number | null;
        serviceMessage: string | null;
      } | null;
    }[];
    connections: unknown[];
  };
}

/** Starts a setup as the popup does and has the console tab it opened announce `route`. */
/** The Permissions tab of a setup's role when IAM holds exactly what the setup planned. */
async function plannedRows(setupId: string) {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  const all = (reply.ok ? reply.value : { setups: [] }) as {
    setups: { id: string; managedPolicyArns: string[]; customPolicies: { name: string }[] }[];
  };
  const setup = all.setups.find((s) => s.id === setupId)!;
  return [
    ...setup.managedPolicyArns.map((arn) => ({
      name: arn.slice(arn.lastIndexOf('/') + 1),
      arn: null,
      type: 'aws' as const,
    })),
    ...setup.customPolicies.map((p) => ({ name: p.name, arn: null, type: 'customer' as const })),
  ];
}

async function startSetup(start: Record<string, unknown>, route: string) {
  const started = await handleMessage({ type: 'setup.start', ...start }, popup);
  if (!started.ok) throw new Error(started.error);
  const { setupId, url } = started.value as { setupId: string; url: string };
  const tabId = (await fake.current.browser.tabs.create.mock.results[0]!.value).id as number;
  const hello = await handleMessage({ type: 'content.hello', route }, tab(tabId));
  return { setupId, url, tabId, hello };
}

/** Starts a demo setup as the popup does and has its console tab announce itself. */
function startDemo(roleName = 'CrossroleDemoRole') {
  return startSetup(
    demoStart({ roleName, roleDescription: 'Demo — read only ✨' }),
    '/roles/create',
  );
}

beforeEach(() => {
  fake.current = createFakeBrowser();
  answers = [];
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a setup from the popup to the service', () => {
  it('opens the prefilled wizard and tells the console tab what to fill, without the token', async () => {
    const { url, hello } = await startDemo();
    const link = new URL(url);
    expect(link.host).toBe('console.aws.amazon.com');
    const query = new URLSearchParams(link.hash.split('?')[1]);
    expect(query.get('awsAccount')).toBe('999988887777');
    expect(query.get('externalId')).toBe('demo-abcdefghijklmnopqrstuv');
    expect(query.getAll('policies')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(hello.ok && hello.value).toMatchObject({
      roleName: 'CrossroleDemoRole',
      serviceAccountId: '999988887777',
      state: 'started',
    });
    // The description is sanitised to IAM's character set before anything is created.
    expect(hello.ok && (hello.value as { roleDescription: string }).roleDescription).toBe(
      'Demo - read only ',
    );
  });

  it('captures, verifies and delivers exactly one report with the setup id as Idempotency-Key', async () => {
    const { setupId, tabId } = await startDemo();
    expect(
      (
        await handleMessage(
          { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
          tab(tabId),
        )
      ).ok,
    ).toBe(true);
    const arn = `arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`;
    const page = await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`ARN ${arn} Copy`],
        trustPolicyText: TRUST('demo-abcdefghijklmnopqrstuv'),
        attachedPolicies: READ_ONLY_ATTACHED,
        attachedComplete: true,
      },
      tab(tabId),
    );
    expect(page.ok).toBe(true);
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [target, init] = fetchMock.mock.calls[0]!;
    expect(String(target)).toBe('http://127.0.0.1:47615/crossrole/v1/connections');
    expect((init!.headers as Record<string, string>)['Idempotency-Key']).toBe(setupId);
    const report = parseReport(JSON.parse(String(init!.body)));
    expect(report.ok && report.value).toMatchObject({
      roleArn: arn,
      accountId: ACCOUNT,
      trustPolicyVerified: true,
      externalId: 'demo-abcdefghijklmnopqrstuv',
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    const { setups, connections } = await state();
    expect(setups[0]).toMatchObject({
      state: 'delivered',
      roleArn: arn,
      delivery: { status: 'delivered', serviceMessage: 'Welcome' },
    });
    expect(connections).toHaveLength(1);
    expect(fake.current.browser.notifications.create).toHaveBeenCalledTimes(1);
    expect(fake.current.browser.notifications.create).toHaveBeenCalledWith(
      `crossrole-${setupId}`,
      expect.objectContaining({ title: 'Connected to Crossrole Demo Service', message: 'Welcome' }),
    );
  });

  it('refuses events from another tab, a different role name, and an ARN of another account', async () => {
    const { setupId, tabId } = await startDemo();
    expect(
      (
        await handleMessage(
          { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
          tab(tabId + 1),
        )
      ).ok,
    ).toBe(false);
    const wrongName = await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'SomethingElse' },
      tab(tabId),
    );
    expect(wrongName.ok).toBe(false);
    expect((await state()).setups[0]!.problem).toMatch(/SomethingElse/);

    await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    const forged = await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: ['arn:aws:iam::444455556666:role/CrossroleDemoRole'],
        trustPolicyText: null,
      },
      tab(tabId),
    );
    expect(forged.ok).toBe(false);
    // A multi-session host names the account: the page cannot claim another one.
    const otherHost = `https://${ACCOUNT}-abcd1234.us-east-1.console.aws.amazon.com/iam/home#/roles`;
    await handleMessage({ type: 'content.hello', route: '/roles' }, tab(tabId, otherHost));
    const mismatch = await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: '444455556666',
        arnTexts: ['arn:aws:iam::444455556666:role/CrossroleDemoRole'],
        trustPolicyText: null,
      },
      tab(tabId, otherHost),
    );
    expect(mismatch.ok).toBe(false);
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]!.state).toBe('role-created');
  });

  it('does not send a role whose trust policy requires MFA, and says why', async () => {
    const { setupId, tabId } = await startDemo();
    await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    const withMfa = JSON.parse(TRUST('demo-abcdefghijklmnopqrstuv'));
    withMfa.Statement[0].Condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
    await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`],
        trustPolicyText: JSON.stringify(withMfa),
        attachedPolicies: READ_ONLY_ATTACHED,
        attachedComplete: true,
      },
      tab(tabId),
    );
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    const popupState = (await handleMessage({ type: 'popup.state' }, popup)) as {
      ok: true;
      value: { setups: { state: string; trustProblems: string[] }[] };
    };
    expect(popupState.value.setups[0]!.state).toBe('arn-captured');
    expect(popupState.value.setups[0]!.trustProblems.join(' ')).toMatch(/MFA/);
  });
});

describe('what the service is told is what the role page showed', () => {
  async function rolePage(setupId: string, tabId: number, extra: Record<string, unknown>) {
    return handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`],
        trustPolicyText: TRUST('demo-abcdefghijklmnopqrstuv'),
        attachedComplete: true,
        ...extra,
      },
      tab(tabId),
    );
  }
  async function created() {
    const { setupId, tabId } = await startDemo();
    await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    return { setupId, tabId };
  }
  const sent = () => parseReport(JSON.parse(String(fetchMock.mock.calls[0]![1]!.body)));

  it('sends nothing for a role created without its policy, names the gap, then sends once fixed', async () => {
    const { setupId, tabId } = await created();
    const bare = await rolePage(setupId, tabId, { attachedPolicies: [] });
    expect(bare).toMatchObject({
      ok: true,
      value: { state: 'arn-captured', missingPolicies: ['ReadOnlyAccess'] },
    });
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]!.problem).toMatch(/ReadOnlyAccess/);

    // The customer attached it; the page read back again shows it.
    const fixed = await rolePage(setupId, tabId, { attachedPolicies: READ_ONLY_ATTACHED });
    expect(fixed).toMatchObject({ ok: true, value: { state: 'verified' } });
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sent()).toMatchObject({
      ok: true,
      value: {
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissionsVerified: true,
        trustPolicyVerified: true,
      },
    });
  });

  it('reports the tags and the session duration the role page showed, not the plan', async () => {
    const { setupId, tabId } = await created();
    const shown = [
      { key: 'CostCenter', value: '4711' },
      { key: 'Owner', value: 'ops' },
    ];
    const page = await rolePage(setupId, tabId, {
      attachedPolicies: READ_ONLY_ATTACHED,
      tags: shown,
      maxSessionDurationText: '2 hours',
    });
    expect(page).toMatchObject({ ok: true, value: { state: 'verified' } });
    await deliverDue();
    expect(sent()).toMatchObject({
      ok: true,
      value: { tags: shown, maxSessionDurationSeconds: 7200 },
    });
  });

  it('sends neither when the role page did not show them', async () => {
    const { setupId, tabId } = await created();
    await rolePage(setupId, tabId, { attachedPolicies: READ_ONLY_ATTACHED });
    await deliverDue();
    const report = sent();
    expect(report.ok && 'tags' in report.value).toBe(false);
    expect(report.ok && 'maxSessionDurationSeconds' in report.value).toBe(false);
  });

  it('says a refusal in the console’s language to a Japanese console’s panel, in English otherwise', async () => {
    const { setupId, tabId } = await created();
    const other = '444455556666';
    const elsewhere = { sessionAccountId: other, attachedPolicies: READ_ONLY_ATTACHED };
    const english = await rolePage(setupId, tabId, elsewhere);
    expect(english).toMatchObject({
      ok: false,
      error: `The console names different accounts (session data ${other}, role ARN ${ACCOUNT}). Nothing was reported.`,
    });
    // The tab's console speaks Japanese (its hello says so): the same refusal, in Japanese.
    await handleMessage({ type: 'content.hello', route: '/roles', language: 'ja' }, tab(tabId));
    const japanese = await rolePage(setupId, tabId, elsewhere);
    expect(japanese).toMatchObject({
      ok: false,
      error: `コンソールが異なるアカウントを示しています (${other}, ${ACCOUNT})。何も報告していません。`,
      problem: { code: 'accountsDisagree' },
    });
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('does not take a look-alike or a customer policy named like the AWS one', async () => {
    const { setupId, tabId } = await created();
    const lookAlike = await rolePage(setupId, tabId, {
      attachedPolicies: [
        { name: 'AmazonEC2ReadOnlyAccess', arn: null, type: 'aws' },
        { name: 'ReadOnlyAccess', arn: null, type: 'customer' },
      ],
    });
    expect(lookAlike).toMatchObject({ ok: true, value: { missingPolicies: ['ReadOnlyAccess'] } });
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('lists extra policies the customer attached, and reports ARNs only where the page gave them', async () => {
    const { setupId, tabId } = await created();
    await rolePage(setupId, tabId, {
      attachedPolicies: [
        ...READ_ONLY_ATTACHED,
        { name: 'MyAudit', arn: null, type: 'customer' },
        { name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit', type: 'aws' },
        { name: 'SomethingElse', arn: null, type: null },
      ],
    });
    await deliverDue();
    expect(sent()).toMatchObject({
      ok: true,
      value: {
        policyArns: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          `arn:aws:iam::${ACCOUNT}:policy/MyAudit`,
          'arn:aws:iam::aws:policy/SecurityAudit',
        ],
        otherPolicyNames: ['SomethingElse'],
        permissionsVerified: true,
      },
    });
  });

  it('sends nothing when the permissions could not be read, or not every page of them', async () => {
    const { setupId, tabId } = await created();
    expect(await rolePage(setupId, tabId, { attachedPolicies: null })).toMatchObject({
      ok: true,
      value: { state: 'arn-captured' },
    });
    expect(
      await rolePage(setupId, tabId, {
        attachedPolicies: READ_ONLY_ATTACHED,
        attachedComplete: false,
      }),
    ).toMatchObject({ ok: true, value: { state: 'arn-captured' } });
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]!.problem).toMatch(/every page/);
  });

  it('refuses when the session data, the account menu and the ARN shown name different accounts', async () => {
    const { setupId, tabId } = await created();
    const menu = await rolePage(setupId, tabId, {
      attachedPolicies: READ_ONLY_ATTACHED,
      menuAccountId: '666666666666',
    });
    expect(menu.ok).toBe(false);
    expect(!menu.ok && menu.error).toMatch(/account menu 666666666666/);
    const arn = await rolePage(setupId, tabId, {
      attachedPolicies: READ_ONLY_ATTACHED,
      arnTexts: [
        `arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`,
        'arn:aws:iam::666666666666:role/CrossroleDemoRole',
      ],
    });
    expect(arn.ok).toBe(false);
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('the background judges trust policies for the page', () => {
  it('checks the wizard review against the account root, merges for the editor, and only for its own tab', async () => {
    const { setupId, tabId } = await startDemo();
    const ask = (action: 'check' | 'merge', text: string | null, from = tabId) =>
      handleMessage({ type: 'content.trust', setupId, action, text }, tab(from));
    expect(await ask('check', TRUST('demo-abcdefghijklmnopqrstuv'))).toMatchObject({
      ok: true,
      value: { verified: true, problems: [] },
    });
    const wrong = await ask('check', TRUST('someone-elses-id'));
    expect(wrong).toMatchObject({ ok: true, value: { verified: false } });
    expect(wrong.ok && (wrong.value as { problems: string[] }).problems.join(' ')).toMatch(
      /External ID/,
    );
    const other = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    const merged = await ask('merge', JSON.stringify(other));
    expect(merged).toMatchObject({ ok: true, value: { kept: 1, replaced: false } });
    const policy = JSON.parse((merged as { value: { merged: string } }).value.merged);
    expect(policy.Statement).toHaveLength(2);
    expect(await ask('merge', '{not json')).toMatchObject({ ok: false });
    expect(await ask('check', TRUST('demo-abcdefghijklmnopqrstuv'), tabId + 1)).toMatchObject({
      ok: false,
    });
  });
});

describe('delivery through faults', () => {
  async function captured() {
    const { setupId, tabId } = await startDemo();
    await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`],
        trustPolicyText: TRUST('demo-abcdefghijklmnopqrstuv'),
        attachedPolicies: READ_ONLY_ATTACHED,
        attachedComplete: true,
      },
      tab(tabId),
    );
    return setupId;
  }

  it('backs off on 503 and network errors, honours Retry-After, then delivers once', async () => {
    answers = [
      { status: 503 },
      'network-error',
      { status: 429, headers: { 'Retry-After': '120' } },
    ];
    const setupId = await captured();
    await deliverDue();
    let setup = (await state()).setups[0]!;
    expect(setup.delivery).toMatchObject({ status: 'queued', attempts: 1 });
    const firstWait = setup.delivery!.nextAttemptAt! - Date.now();
    expect(firstWait).toBeGreaterThan(500);
    expect(firstWait).toBeLessThanOrEqual(1000);
    expect(fake.current.alarms.get('crossrole-delivery')).toBeDefined();

    vi.useFakeTimers({ toFake: ['Date'] });
    for (const expectedAttempts of [2, 3]) {
      vi.setSystemTime(setup.delivery!.nextAttemptAt! + 1);
      await deliverDue();
      setup = (await state()).setups[0]!;
      expect(setup.delivery!.attempts).toBe(expectedAttempts);
    }
    // Retry-After: 120 s is longer than the backoff (2 s), so it wins.
    expect(setup.delivery!.nextAttemptAt! - Date.now()).toBeGreaterThanOrEqual(119_000);
    vi.setSystemTime(setup.delivery!.nextAttemptAt! + 1);
    await deliverDue();
    expect((await state()).setups[0]).toMatchObject({ state: 'delivered' });
    const keys = fetchMock.mock.calls.map(
      ([, init]) => (init!.headers as Record<string, string>)['Idempotency-Key'],
    );
    expect(new Set(keys)).toEqual(new Set([setupId]));
  });

  it('keeps a refused report with the service message, and "Retry now" queues it again', async () => {
    answers = [{ status: 403, body: { message: 'This account is on a trial plan.' } }];
    const setupId = await captured();
    await deliverDue();
    expect((await state()).setups[0]).toMatchObject({
      state: 'failed',
      delivery: { status: 'refused', serviceMessage: 'This account is on a trial plan.' },
    });
    expect((await handleMessage({ type: 'setup.retry', setupId }, popup)).ok).toBe(true);
    expect((await state()).setups[0]).toMatchObject({ state: 'delivered' });
  });

  it('gives up after 24 hours and keeps the ARN for the customer', async () => {
    answers = Array.from({ length: 50 }, () => ({ status: 500 }));
    await captured();
    await deliverDue();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
    await deliverDue();
    expect((await state()).setups[0]).toMatchObject({
      state: 'failed',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`,
      delivery: { status: 'expired' },
    });
  });

  it('waits without sending when the report origin is not allowed', async () => {
    fake.current.granted.clear();
    await captured();
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]!.delivery).toMatchObject({ status: 'queued' });
  });

  it('sends a report that waited for its origin as soon as the customer allows it', async () => {
    fake.current.granted.clear();
    await captured();
    await deliverDue();
    const waiting = (await state()).setups[0]!.delivery!;
    expect(waiting.nextAttemptAt! - Date.now()).toBeGreaterThan(500);
    // Granted before the backoff is over: the report goes now, not at its next try.
    fake.current.granted.add('http://127.0.0.1/*');
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    await deliverWaitingForPermission();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await state()).setups[0]).toMatchObject({ state: 'delivered' });
  });

  it('does not hurry a report that waits for a backoff, not for a permission', async () => {
    answers = [{ status: 503 }];
    await captured();
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await deliverWaitingForPermission();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('replies carry the next step', () => {
  it('sends the tab to the role page after Create role, and records where the tab went', async () => {
    const { setupId, tabId } = await startDemo();
    const created = await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    expect(created).toMatchObject({
      ok: true,
      value: { state: 'role-created' },
      next: { hash: '#/roles/details/CrossroleDemoRole?section=trust_relationships' },
    });
    // The content script does not announce the page it was sent to: the background knows it.
    const active = await handleMessage({ type: 'popup.activeTab', tabId }, popup);
    expect(active).toMatchObject({
      ok: true,
      value: { tabId, route: '/roles/details/CrossroleDemoRole', partition: 'aws' },
    });
  });

  it('decides and saves each event in one storage step, so a racing one sees the first', async () => {
    const { setupId, tabId } = await startDemo();
    // Create role and a rename arrive together: the rename must see the role created, and is
    // refused (a check on an older read would rename a role that already exists).
    const [created, renamed] = await Promise.all([
      handleMessage(
        { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
        tab(tabId),
      ),
      handleMessage({ type: 'content.roleRenamed', setupId, roleName: 'Renamed' }, tab(tabId)),
    ]);
    expect(created).toMatchObject({ ok: true, value: { state: 'role-created' } });
    expect(renamed).toMatchObject({
      ok: false,
      error: 'The role name can only change before the role is created.',
    });
    const [setup] = (await state()).setups as unknown as { roleName: string; state: string }[];
    expect(setup).toMatchObject({ roleName: 'CrossroleDemoRole', state: 'role-created' });
  });
});

describe('storage', () => {
  it('skips a corrupt setup without losing the others', async () => {
    const { setupId } = await startDemo();
    const stored = fake.current.browser.storage.local.dump();
    fake.current.browser.storage.local.load({
      ...stored,
      setups: [{ id: 'broken', state: 'nonsense' }, ...(stored.setups as unknown[])],
    });
    const { setups } = await state();
    expect(setups.map((s) => s.id)).toEqual([setupId]);
  });

  it('sends an IAM tab the panel’s words with its setup, in the console’s language', async () => {
    const { hello } = await startDemo();
    expect(hello).toMatchObject({ ok: true, words: consoleWordsFor('en') });
  });

  it('remembers the customer’s tags for the next connection, and forgets an unreadable list', async () => {
    const tags = [{ key: 'CostCenter', value: '4711' }];
    await startSetup(demoStart({ tags }), '/roles/create');
    const remembered = await handleMessage({ type: 'popup.state' }, popup);
    expect(remembered).toMatchObject({ ok: true, value: { customerTags: tags } });

    fake.current.browser.storage.local.load({
      ...fake.current.browser.storage.local.dump(),
      customerTags: [
        { key: 'aws:bad', value: '' },
        { key: 'Team', value: 'ops' },
      ],
    });
    const cleaned = await handleMessage({ type: 'popup.state' }, popup);
    expect(cleaned).toMatchObject({
      ok: true,
      value: { customerTags: [{ key: 'Team', value: 'ops' }] },
    });
    fake.current.browser.storage.local.load({ customerTags: 'nonsense' });
    const none = await handleMessage({ type: 'popup.state' }, popup);
    expect(none).toMatchObject({ ok: true, value: { customerTags: [] } });
  });

  it('starts nothing and keeps the remembered tags when a tag is refused', async () => {
    fake.current.browser.storage.local.load({ customerTags: [{ key: 'Team', value: 'ops' }] });
    const refused = await handleMessage(
      { type: 'setup.start', ...demoStart({ tags: [{ key: 'Team', value: 'a;b' }] }) },
      popup,
    );
    expect(refused).toMatchObject({ ok: false, errors: [{ path: 'tags[0].value' }] });
    expect((await state()).setups).toEqual([]);
    expect(fake.current.browser.storage.local.dump().customerTags).toEqual([
      { key: 'Team', value: 'ops' },
    ]);
  });

  it('refuses popup messages from a content script and content messages from the popup', async () => {
    expect((await handleMessage({ type: 'popup.state' }, tab(5))).ok).toBe(false);
    expect((await handleMessage({ type: 'content.hello', route: '/roles' }, popup)).ok).toBe(false);
    expect((await handleMessage({ type: 'setup.start', evil: true }, popup)).ok).toBe(false);
  });
});

describe('the message router never throws', () => {
  it('turns an internal failure into a reply for the customer, without the error text', async () => {
    fake.current.browser.storage.local.get = async () => {
      throw new Error('disk full near token abc');
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await handleMessage({ type: 'popup.state' }, popup);
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/internal error/),
      problem: { code: 'internalError' },
    });
    expect(JSON.stringify([reply, error.mock.calls])).not.toMatch(/abc|disk/);
  });

  it('answers a condition value {"toString":1} from the page, and does not verify it', async () => {
    const { setupId, tabId } = await startDemo();
    await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
      tab(tabId),
    );
    const policy = JSON.parse(TRUST('demo-abcdefghijklmnopqrstuv'));
    policy.Statement[0].Condition.StringEquals['sts:ExternalId'] = { toString: 1 };
    const reply = await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`],
        trustPolicyText: JSON.stringify(policy),
        attachedPolicies: await plannedRows(setupId),
        attachedComplete: true,
      },
      tab(tabId),
    );
    expect(reply.ok).toBe(true);
    expect((await state()).setups[0]!.state).toBe('arn-captured');
  });

  it('refuses a profile nested 10,000 deep with a message naming the field', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    const reply = await handleMessage({ type: 'profile.save', profile: { access: deep } }, popup);
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Message not understood:\nprofile\.access(\[0\])+: is nested more than 32 levels deep$/,
      ),
    });
  });

  it('names the field of a message that does not fit its schema', async () => {
    const reply = await handleMessage({ type: 'setup.retry', setupId: 42 }, popup);
    expect(reply).toMatchObject({
      ok: false,
      error: 'Message not understood:\nsetupId: must be a string',
    });
  });
});

describe('access keys (contract §4)', () => {
  const USER = 'ExampleInfrastructureManagerUser';
  const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  /** An access-keys setup whose user the console has just created, as the content script tells it. */
  async function userCreated() {
    fake.current.granted.add('https://api.infra.example.com/*');
    const { setupId, url, tabId } = await startSetup(
      {
        mode: 'access-keys',
        profileId: 'example-full-management',
        levelId: 'power-user',
        optionIds: [],
        partition: 'aws',
        roleName: USER,
        roleDescription: '',
        externalId: 'infra-abcdefghijklmnopqrstuv',
        token: 'infra-token-456',
      },
      '/users/create',
    );
    const consoleTab = tab(tabId);
    const created = await handleMessage(
      { type: 'content.userCreated', setupId, userName: USER },
      consoleTab,
    );
    expect(created.ok).toBe(true);
    return { setupId, url, consoleTab, tabId };
  }

  const keyEvent = (setupId: string, extra: Record<string, unknown> = {}) => ({
    type: 'content.accessKey',
    setupId,
    userName: USER,
    sessionAccountId: ACCOUNT,
    arnTexts: [`arn:aws:iam::${ACCOUNT}:user/${USER}`],
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    ...extra,
  });

  const everythingStored = () =>
    JSON.stringify([
      fake.current.browser.storage.local.dump(),
      fake.current.browser.storage.session.dump(),
    ]);

  it('opens Create user with the level policies, then sends the key once with the token and keeps no copy', async () => {
    const { setupId, url, consoleTab } = await userCreated();
    const link = new URL(url);
    expect(link.hash).toMatch(/^#\/users\/create/);
    expect(new URLSearchParams(link.hash.split('?')[1]).getAll('policies')).toEqual([
      'arn:aws:iam::aws:policy/PowerUserAccess',
    ]);
    const sent = await handleMessage(keyEvent(setupId), consoleTab);
    expect(sent).toEqual({ ok: true, value: null });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [target, init] = fetchMock.mock.calls[0]!;
    expect(String(target)).toBe('https://api.infra.example.com/crossrole/v1/connections');
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer infra-token-456');
    expect(headers['Idempotency-Key']).toBe(setupId);
    expect(JSON.parse(String(init!.body))).toMatchObject({
      event: 'access-key.created',
      userArn: `arn:aws:iam::${ACCOUNT}:user/${USER}`,
      accessKeyId: KEY_ID,
      secretAccessKey: SECRET,
      policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    });
    expect((await state()).setups[0]).toMatchObject({
      state: 'delivered',
      delivery: { status: 'delivered' },
    });
    // Neither the secret nor the token outlives the delivery in storage.
    expect(everythingStored()).not.toContain(SECRET);
    expect(everythingStored()).not.toContain('infra-token-456');
    // A second press, or a replay, sends nothing more.
    expect((await handleMessage(keyEvent(setupId), consoleTab)).ok).toBe(false);
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('tells the customer to deactivate the key when the service refuses it, and stores no secret', async () => {
    const { setupId, consoleTab } = await userCreated();
    answers = [{ status: 422, body: { message: 'This account is already connected' } }];
    const sent = await handleMessage(keyEvent(setupId), consoleTab);
    expect(sent.ok).toBe(false);
    // The status only: the service's own words are not kept (an answer may echo the secret).
    expect(!sent.ok && sent.error).toMatch(
      /refused the key \(HTTP 422\).*Deactivate access key AKIAIOSFODNN7EXAMPLE .*create another/,
    );
    expect(everythingStored()).not.toContain('already connected');
    const [setup] = (await state()).setups;
    expect(setup).toMatchObject({ state: 'failed' });
    expect(setup!.problem).toMatch(/Deactivate access key AKIAIOSFODNN7EXAMPLE/);
    expect(everythingStored()).not.toContain(SECRET);
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('stores nothing of a 422 that echoes the request, secret included', async () => {
    const { setupId, consoleTab } = await userCreated();
    answers = [{ status: 422, body: { message: `Bad request: ${'x'.repeat(1000)} ${SECRET}` } }];
    expect((await handleMessage(keyEvent(setupId), consoleTab)).ok).toBe(false);
    expect(everythingStored()).not.toContain(SECRET);
    expect(everythingStored()).not.toContain('x'.repeat(100));
  });

  it('sends nothing when the page shows no user ARN, or from a tab of another partition', async () => {
    const { setupId, consoleTab, tabId } = await userCreated();
    const noArn = await handleMessage(keyEvent(setupId, { arnTexts: [] }), consoleTab);
    expect(!noArn.ok && noArn.error).toMatch(/does not show the user/);
    const cn = 'https://cn-north-1.console.amazonaws.cn/iam/home#/users';
    await handleMessage({ type: 'content.hello', route: '/users' }, tab(tabId, cn));
    const china = await handleMessage(
      keyEvent(setupId, { arnTexts: [`arn:aws-cn:iam::${ACCOUNT}:user/${USER}`] }),
      tab(tabId, cn),
    );
    expect(china.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('retries a network error with the same Idempotency-Key, then delivers', async () => {
    const { setupId, consoleTab } = await userCreated();
    answers = ['network-error'];
    expect((await handleMessage(keyEvent(setupId), consoleTab)).ok).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const keys = fetchMock.mock.calls.map(
      ([, init]) => (init!.headers as Record<string, string>)['Idempotency-Key'],
    );
    expect(keys).toEqual([setupId, setupId]);
  });

  it('reads the answer as role reports do: a 503 is retried, a redirect refused for good', async () => {
    const { setupId, consoleTab } = await userCreated();
    answers = [{ status: 503 }];
    expect(await handleMessage(keyEvent(setupId), consoleTab)).toEqual({ ok: true, value: null });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ redirect: 'manual', credentials: 'omit' });
  });

  it('refuses a redirected key for good, saying so, without following it', async () => {
    const { setupId, consoleTab } = await userCreated();
    answers = [{ status: 307, headers: { Location: 'https://elsewhere.example/' } }];
    const sent = await handleMessage(keyEvent(setupId), consoleTab);
    expect(!sent.ok && sent.error).toMatch(
      /redirected the report \(HTTP 307\).*Deactivate access key/,
    );
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends nothing for another user, another account, another tab, or before the user exists', async () => {
    const { setupId, consoleTab, tabId } = await userCreated();
    const other = await handleMessage(keyEvent(setupId, { userName: 'SomeoneElse' }), consoleTab);
    expect(!other.ok && other.error).toMatch(/belongs to "SomeoneElse"/);
    const account = await handleMessage(
      keyEvent(setupId, { arnTexts: [`arn:aws:iam::444455556666:user/${USER}`] }),
      consoleTab,
    );
    expect(!account.ok && account.error).toMatch(/Nothing was sent/);
    const session = await handleMessage(
      keyEvent(setupId, { sessionAccountId: '444455556666' }),
      tab(tabId, 'https://111122223333-abcd.us-east-1.console.aws.amazon.com/iam/home'),
    );
    expect(session.ok).toBe(false);
    const elsewhere = await handleMessage(keyEvent(setupId), tab(tabId + 1));
    expect(elsewhere.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]).toMatchObject({ state: 'role-created' });
  });

  it('refuses a malformed secret at the message boundary', async () => {
    const { setupId, consoleTab } = await userCreated();
    const bad = await handleMessage(keyEvent(setupId, { secretAccessKey: 'short' }), consoleTab);
    expect(bad.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('report tokens (hardening)', () => {
  const TOKEN = 'cost-token-0123456789';
  const ROLE = 'ExampleCostInventoryRole';

  /** A cost-inventory setup (auth: token) captured and queued, as after a connection code. */
  async function capturedWithToken(token = TOKEN, grant = true) {
    if (grant) fake.current.granted.add('https://api.costs.example.com/*');
    const { setupId, tabId } = await startSetup(
      {
        mode: 'create-role',
        profileId: 'example-cost-inventory',
        levelId: 'read-only',
        optionIds: [],
        partition: 'aws',
        roleName: ROLE,
        roleDescription: '',
        externalId: 'tenant-42',
        token,
      },
      '/roles/create',
    );
    await handleMessage({ type: 'content.roleCreated', setupId, roleName: ROLE }, tab(tabId));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'tenant-42' } },
        },
      ],
    });
    const page = await handleMessage(
      {
        type: 'content.rolePage',
        setupId,
        roleName: ROLE,
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/${ROLE}`],
        trustPolicyText: trust,
        attachedPolicies: await plannedRows(setupId),
        attachedComplete: true,
        // The profile asks for one hour, as the summary shows it.
        maxSessionDurationText: '1 hour',
      },
      tab(tabId),
    );
    expect(page.ok).toBe(true);
    return setupId;
  }

  const stored = () => fake.current.browser.storage.local.dump();
  /** Every storage write, in order, as the values written. */
  function recordWrites() {
    const writes: Record<string, unknown>[] = [];
    const set = fake.current.browser.storage.local.set;
    fake.current.browser.storage.local.set = async (values: Record<string, unknown>) => {
      writes.push(structuredClone(values));
      return set(values);
    };
    return writes;
  }
  const writeThatEnded = (writes: Record<string, unknown>[], setupId: string, state: string) =>
    writes.find((w) =>
      (w.setups as { id: string; state: string }[] | undefined)?.some(
        (s) => s.id === setupId && s.state === state,
      ),
    );

  it.each([
    ['a line break', 'abc\r\nX-Injected: 1'],
    ['a space', 'abc def'],
    ['a control character', 'abc\u0007'],
    ['a non-ASCII character', 'jeton-é'],
    ['more than 4096 characters', 't'.repeat(4097)],
  ])(
    'setup.start refuses a token with %s, naming the field, never quoting it',
    async (_, token) => {
      const reply = await handleMessage(
        {
          type: 'setup.start',
          mode: 'create-role',
          profileId: 'example-cost-inventory',
          levelId: 'read-only',
          optionIds: [],
          partition: 'aws',
          roleName: ROLE,
          roleDescription: '',
          externalId: 'tenant-42',
          token,
        },
        popup,
      );
      expect(reply).toMatchObject({
        ok: false,
        error: expect.stringMatching(
          /^Message not understood:\ntoken: must be 1–4096 visible ASCII/,
        ),
      });
      expect(!reply.ok && reply.error).not.toContain(token);
      expect(fake.current.browser.tabs.create).not.toHaveBeenCalled();
    },
  );

  it('drops the token in the same write that marks the report delivered', async () => {
    const writes = recordWrites();
    const setupId = await capturedWithToken(); // captured, verified and sent at once
    expect(
      writes.some((w) => (w.reportTokens as Record<string, string>)?.[setupId] === TOKEN),
    ).toBe(true);
    const [, init] = fetchMock.mock.calls[0]!;
    expect((init!.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    const ended = writeThatEnded(writes, setupId, 'delivered');
    expect(ended).toBeDefined();
    // A worker stopped right after this write keeps no token.
    expect(ended!.reportTokens).toEqual({});
    expect(JSON.stringify(stored())).not.toContain(TOKEN);
  });

  it('drops the token in the same write that marks the report refused, and says why on retry', async () => {
    answers = [{ status: 403, body: { message: 'Unknown customer' } }];
    const writes = recordWrites();
    const setupId = await capturedWithToken();
    expect(writeThatEnded(writes, setupId, 'failed')!.reportTokens).toEqual({});
    expect(JSON.stringify(stored())).not.toContain(TOKEN);
    const retry = await handleMessage({ type: 'setup.retry', setupId }, popup);
    expect(retry).toMatchObject({
      ok: false,
      error: expect.stringMatching(/token was forgotten .* new connection code/),
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sweeps tokens of setups that ended, expired or are gone after a delivery run', async () => {
    answers = Array.from({ length: 5 }, () => ({ status: 503 }));
    const setupId = await capturedWithToken();
    const { sweepTokens } = await import('../../../src/background/store.ts');
    // Tokens left behind by an older version, or by a worker stopped mid-way.
    fake.current.browser.storage.local.load({
      ...stored(),
      reportTokens: { ...(stored().reportTokens as object), gone: 'orphan-token' },
    });
    expect(await sweepTokens()).toBe(1);
    expect(stored().reportTokens).toEqual({ [setupId]: TOKEN });
    // Past the 24-hour window the report expires, and its token goes with it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
    fake.current.browser.storage.local.load({
      ...stored(),
      reportTokens: { ...(stored().reportTokens as object), gone: 'orphan-token' },
    });
    await deliverDue();
    expect((await state()).setups[0]!.delivery!.status).toBe('expired');
    expect(stored().reportTokens).toEqual({});
  });

  it('never writes the token into lastError, even when the network error quotes it', async () => {
    fetchMock.mockImplementationOnce(async () => {
      throw new TypeError(`Headers.append: "Bearer ${TOKEN}" is an invalid header value`);
    });
    const setupId = await capturedWithToken();
    const setup = (await state()).setups.find((s) => s.id === setupId)!;
    expect(setup.delivery!.status).toBe('queued');
    expect(JSON.stringify(stored().setups)).not.toContain(TOKEN);
  });

  it('refuses a stored token that is not header-safe, without sending or quoting it', async () => {
    const setupId = await capturedWithToken(TOKEN, false); // waits for the host permission
    fake.current.browser.storage.local.load({
      ...stored(),
      reportTokens: { [setupId]: 'bad\r\ntoken' },
    });
    fake.current.granted.add('https://api.costs.example.com/*');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5000);
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    const setup = (await state()).setups[0]!;
    expect(setup.state).toBe('failed');
    expect(JSON.stringify(stored())).not.toContain('bad\\r\\ntoken');
  });
});

describe('delivery (hardening)', () => {
  async function captured(roleName = 'CrossroleDemoRole') {
    const { setupId, tabId } = await startDemo(roleName);
    await handleMessage({ type: 'content.roleCreated', setupId, roleName }, tab(tabId));
    return {
      setupId,
      capture: async () =>
        handleMessage(
          {
            type: 'content.rolePage',
            setupId,
            roleName,
            sessionAccountId: ACCOUNT,
            arnTexts: [`arn:aws:iam::${ACCOUNT}:role/${roleName}`],
            trustPolicyText: TRUST('demo-abcdefghijklmnopqrstuv'),
            attachedPolicies: await plannedRows(setupId),
            attachedComplete: true,
          },
          tab(tabId),
        ),
    };
  }

  it('sends a report queued while a run was clearing its alarm, without waiting for a restart', async () => {
    const { setupId, capture } = await captured();
    const alarms = fake.current.browser.alarms;
    const clear = alarms.clear.getMockImplementation()!;
    let queuedMeanwhile: Promise<unknown> | null = null;
    alarms.clear.mockImplementationOnce(async (name: string) => {
      // The run found nothing due and is clearing its alarm: the role is captured just now.
      queuedMeanwhile = capture();
      await new Promise((r) => setTimeout(r, 10));
      return clear(name);
    });
    await deliverDue();
    await queuedMeanwhile;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await state()).setups.find((s) => s.id === setupId)!.state).toBe('delivered');
  });

  it.each([
    ['a 302', () => new Response(null, { status: 302, headers: { Location: 'https://x' } })],
    [
      "a browser's opaque redirect",
      () => {
        const response = new Response(null, { status: 200 });
        Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
        Object.defineProperty(response, 'status', { value: 0 });
        return response;
      },
    ],
  ])('refuses %s for good, saying the service redirected', async (_, answer) => {
    const { capture } = await captured();
    fetchMock.mockImplementationOnce(async () => answer());
    await capture();
    await deliverDue();
    expect(fetchMock.mock.calls[0]![1]!.redirect).toBe('manual');
    const setup = (await state()).setups[0]!;
    expect(setup).toMatchObject({ state: 'failed', delivery: { status: 'refused' } });
    expect(setup.delivery!.serviceMessage).toMatch(
      /service redirected the report.*does not follow redirects/,
    );
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('refuses a stored report URL that spells loopback another way, sending nothing', async () => {
    const { capture } = await captured();
    const data = fake.current.browser.storage.local.dump();
    const setups = data.setups as { reportUrl: string }[];
    setups[0]!.reportUrl = 'http://127.1:47615/crossrole/v1/connections';
    fake.current.browser.storage.local.load(data);
    await capture();
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]).toMatchObject({
      state: 'failed',
      delivery: { status: 'refused' },
    });
  });
});
