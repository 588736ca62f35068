// The protocol both ways: every reply the background gives fits the reply schema of its message
// (src/core/replies.ts), and the content script's hand-written readers take exactly what those
// schemas take for the replies it reads. Driven through the real router with the fake browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import {
  isStackSetPlan,
  parseContentSetupReply,
  parseTrustReply,
} from '../../../src/core/content-setup.ts';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { problem } from '../../../src/core/problems.ts';
import { parseReply, REPLIES } from '../../../src/core/replies.ts';
import {
  ACCOUNT,
  consoleTab as tab,
  demoRolePage,
  demoStart,
  demoTrustText,
  EXAMPLE_ACCESS_KEY,
  popupSender as popup,
} from '../../support/setup-fixtures.ts';
import { consoleWordsFor } from '../../../src/core/iam-words.ts';
import type { StackSetState } from '../../../src/core/setup.ts';
import {
  cloudFormationTab,
  organizationStart,
  stackInstancesPage,
  stackSetPage,
  type Row,
} from './organization-fixtures.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');

const TRUST = demoTrustText();

beforeEach(() => {
  fake.current = createFakeBrowser();
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ status: 'connected' }), { status: 200 })),
  );
});

/** Every reply seen, by the type of the message it answered. */
const seen = new Map<string, unknown[]>();
async function ask(message: { type: string } & Record<string, unknown>, from: object) {
  const reply = await handleMessage(message, from as never);
  seen.set(message.type, [...(seen.get(message.type) ?? []), reply]);
  return reply;
}

describe('every reply fits its schema', () => {
  it('through a whole setup, refusals included', async () => {
    const start = {
      type: 'setup.start',
      requestId: 'req-00000001',
      ...demoStart({ roleDescription: '' }),
    };
    const started = await ask(start, popup);
    await ask({ ...start, requestId: 'req-00000002', profileId: 'nope' }, popup);
    const setupId = (started as { value: { setupId: string } }).value.setupId;
    const tabId = (await fake.current.browser.tabs.create.mock.results[0]!.value).id as number;
    await ask({ type: 'content.hello', route: '/roles/create' }, tab(tabId));
    await ask({ type: 'content.hello', route: '/roles' }, tab(tabId + 1));
    await ask({ type: 'popup.activeTab', tabId }, popup);
    await ask({ type: 'popup.activeTab', tabId: 999 }, popup);
    await ask({ type: 'content.trust', setupId, action: 'check', text: TRUST }, tab(tabId));
    await ask({ type: 'content.trust', setupId, action: 'merge', text: '{' }, tab(tabId));
    await ask({ type: 'content.roleRenamed', setupId, roleName: 'bad name' }, tab(tabId));
    await ask({ type: 'content.policyCreated', setupId, policyName: 'Nope' }, tab(tabId));
    await ask({ type: 'content.userCreated', setupId, userName: 'U' }, tab(tabId));
    const created = { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' };
    await ask(created, tab(tabId + 1));
    await ask(created, tab(tabId));
    await ask({ type: 'content.trustUpdated', setupId, roleName: 'Other' }, tab(tabId));
    await ask(demoRolePage(setupId), tab(tabId));
    await ask(
      {
        type: 'content.accessKey',
        setupId,
        userName: 'U',
        sessionAccountId: ACCOUNT,
        arnTexts: [],
        ...EXAMPLE_ACCESS_KEY,
      },
      tab(tabId),
    );
    await ask(
      {
        type: 'content.locatorMiss',
        feature: 'roles-list',
        field: 'flash',
        language: 'en',
        route: '/roles',
      },
      tab(tabId),
    );
    // An access-keys setup: its hello carries the panel's words in the console's language.
    fake.current.granted.add('https://api.infra.example.com/*');
    await ask(
      {
        ...start,
        requestId: 'req-00000009',
        mode: 'access-keys',
        profileId: 'example-full-management',
        levelId: 'power-user',
        roleName: 'ExampleInfrastructureManagerUser',
        externalId: 'infra-abcdefghijklmnopqrstuv',
        token: 'infra-token-456',
      },
      popup,
    );
    const keysTab = (await fake.current.browser.tabs.create.mock.results[1]!.value).id as number;
    const japanese = await ask(
      { type: 'content.hello', route: '/users/create', language: 'ja' },
      tab(keysTab),
    );
    expect(japanese).toMatchObject({ ok: true, value: { mode: 'access-keys' } });
    expect(japanese).toHaveProperty('words', consoleWordsFor('ja'));
    const english = await ask({ type: 'content.hello', route: '/users/create' }, tab(keysTab));
    expect(english).toHaveProperty('words', consoleWordsFor('en'));
    // A tab with no setup of its own is sent no words.
    const role = await ask(
      { type: 'content.hello', route: '/roles/create', language: 'ja' },
      tab(tabId),
    );
    expect(role).toMatchObject({ ok: true, value: null });
    expect(role).not.toHaveProperty('words');
    await ask({ type: 'popup.state' }, popup);
    await ask({ type: 'setup.retry', requestId: 'req-00000003', setupId }, popup);
    // The delivered connection checked against its profile today (docs/lifecycle.md): an
    // unknown connection is refused; a known one opens its role's Permissions tab.
    await ask(
      {
        type: 'connection.update',
        requestId: 'req-00000016',
        connectionId: 'unknown',
        levelId: 'read-only',
      },
      popup,
    );
    const check = await ask(
      {
        type: 'connection.update',
        requestId: 'req-00000017',
        connectionId: setupId,
        levelId: 'read-only',
      },
      popup,
    );
    expect(check).toMatchObject({
      ok: true,
      value: {
        url: expect.stringContaining('/roles/details/CrossroleDemoRole?section=permissions'),
      },
    });
    // A custom policy's page of that update, from a tab it does not run in: refused.
    await ask(
      {
        type: 'content.policyShown',
        setupId: (check as { value: { setupId: string } }).value.setupId,
        policyName: 'Nope',
        documentText: '{}',
        versionRows: ['v1 (Default)'],
      },
      tab(tabId),
    );
    await ask(
      { type: 'content.checkConnection', connectionId: 'unknown', sessionAccountId: ACCOUNT },
      tab(tabId),
    );
    await ask({ type: 'content.policyMissing', setupId, policyName: 'Nope' }, tab(tabId));
    // The delivered connection disconnected (docs/lifecycle.md): read back, refused, reported.
    await ask(
      { type: 'connection.disconnect', requestId: 'req-00000014', connectionId: 'unknown' },
      popup,
    );
    const off = await ask(
      { type: 'connection.disconnect', requestId: 'req-00000015', connectionId: setupId },
      popup,
    );
    expect(off).toMatchObject({ ok: true });
    const offId = (off as { value: { setupId: string } }).value.setupId;
    const offTab = (await fake.current.browser.tabs.create.mock.results.at(-1)!.value).id as number;
    const hello = await ask(
      { type: 'content.hello', route: '/roles/details/CrossroleDemoRole' },
      tab(offTab),
    );
    expect(hello).toMatchObject({ ok: true, value: { mode: 'disconnect', roleGone: false } });
    const gone = {
      type: 'content.roleGone',
      setupId: offId,
      roleName: 'CrossroleDemoRole',
      sessionAccountId: ACCOUNT,
      shownText: 'Role deleted',
    };
    await ask(gone, tab(offTab));
    await ask({ type: 'content.policyKept', setupId: offId, policyName: 'Nope' }, tab(offTab));
    await ask(
      { ...gone, type: 'content.policyGone', policyName: 'Nope', roleName: undefined },
      tab(offTab),
    );
    const read = await ask(
      { ...gone, shownText: 'The role with name CrossroleDemoRole cannot be found.' },
      tab(offTab),
    );
    expect(read).toMatchObject({ ok: true, value: { state: 'verified' } });
    // A connected role seen gone elsewhere: an unknown connection, then this one, told already.
    const missing = {
      type: 'content.roleMissing',
      connectionId: 'unknown',
      roleName: 'CrossroleDemoRole',
      sessionAccountId: ACCOUNT,
      listed: { names: [], total: 0 },
    };
    expect(await ask(missing, tab(offTab))).toMatchObject({ ok: false });
    expect(await ask({ ...missing, connectionId: setupId }, tab(offTab))).toMatchObject({
      ok: true,
      value: null,
    });
    await ask({ type: 'profile.save', requestId: 'req-00000004', profile: { id: 1 } }, popup);
    await ask(
      { type: 'profile.save', requestId: 'req-00000005', profile: EXAMPLE_PROFILES[1] },
      popup,
    );
    await ask({ type: 'popup.state' }, popup);
    await ask(
      { type: 'profile.remove', requestId: 'req-00000006', profileId: 'example-operations' },
      popup,
    );
    await ask({ type: 'diagnostics.clear' }, popup);
    await ask({ type: 'setup.discard', requestId: 'req-00000007', setupId }, popup);
    await ask({ type: 'setup.discard', requestId: 'req-00000008', setupId }, popup);

    // A link from a service: picked up, refused, shown, started and dismissed.
    const linkCode = encodeConnectionCode({
      profile: { ...(EXAMPLE_PROFILES[2] as object), id: 'acme-costs', name: 'Acme Costs' },
      token: 'acme-token',
      externalId: 'acme-tenant-1',
    });
    await ask({ type: 'content.link', code: linkCode }, tab(tabId));
    await ask({ type: 'content.link', code: 'crossrole1.@' }, tab(tabId + 5));
    await ask({ type: 'content.link', code: linkCode }, popup);
    const linkIds = fake.current.browser.windows.create.mock.calls
      .map((c) => new URL(c[0].url).searchParams.get('link'))
      .concat(
        fake.current.browser.tabs.update.mock.calls.flatMap((c) =>
          c[1].url?.startsWith('chrome-extension:')
            ? [new URL(c[1].url).searchParams.get('link')]
            : [],
        ),
      );
    const [accepted, refused] = linkIds as [string, string];
    await ask({ type: 'link.get', linkId: accepted }, popup);
    await ask({ type: 'link.get', linkId: refused }, popup);
    await ask({ type: 'link.get', linkId: accepted }, tab(tabId));
    const linkStart = {
      type: 'link.start',
      requestId: 'req-00000009',
      linkId: refused,
      mode: 'create-role',
      profileId: 'acme-costs',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'AcmeRole',
      roleDescription: '',
      externalId: 'acme-tenant-1',
    };
    await ask(linkStart, popup);
    await ask({ ...linkStart, requestId: 'req-00000010', linkId: accepted }, popup);
    await ask({ type: 'link.dismiss', requestId: 'req-00000011', linkId: refused }, popup);
    await ask({ type: 'link.dismiss', requestId: 'req-00000012', linkId: accepted }, popup);

    // An Organization (docs/organizations.md): the stack set's page refused, then as planned,
    // and its instances refused before the read-back, then read.
    const org = await ask(
      { type: 'setup.start', requestId: 'req-00000013', ...organizationStart() },
      popup,
    );
    const orgId = (org as { value: { setupId: string } }).value.setupId;
    const orgTab = (await fake.current.browser.tabs.create.mock.results.at(-1)!.value).id as number;
    await ask({ type: 'content.hello', route: '/stacksets/create' }, cloudFormationTab(orgTab));
    const orgState = (await handleMessage({ type: 'popup.state' }, popup as never)) as {
      value: { setups: { id: string; stackSet?: StackSetState }[] };
    };
    const plan = orgState.value.setups.find((s) => s.id === orgId)!.stackSet!;
    const rows: Row[] = [
      ['222233334444', 'SUCCEEDED'],
      ['333344445555', 'FAILED', 'exists'],
    ];
    await ask(stackInstancesPage(orgId, rows), cloudFormationTab(orgTab));
    await ask(
      stackSetPage(orgId, plan, { permissionModel: 'SELF_MANAGED' }),
      cloudFormationTab(orgTab),
    );
    await ask(stackSetPage(orgId, plan), cloudFormationTab(orgTab));
    await ask(stackInstancesPage(orgId, rows), cloudFormationTab(orgTab));

    expect([...seen.keys()].sort()).toEqual(Object.keys(REPLIES).sort());
    for (const [type, replies] of seen) {
      for (const reply of replies) {
        const parsed = z.safeParse(REPLIES[type as keyof typeof REPLIES], reply);
        expect(parsed.success, `${type}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
        expect(parsed.data).toEqual(reply);
        if (type === 'content.trust') expect(parseTrustReply(reply)).toEqual(reply);
        else if (type.startsWith('content.'))
          // The page reads a refusal's `error` alone (its code is for the popup's renderer).
          expect(parseContentSetupReply(reply, isStackSetPlan)).toEqual(
            (reply as { ok: boolean }).ok
              ? reply
              : { ok: false, error: (reply as { error: string }).error },
          );
      }
    }
    // Both sorts of answer were seen for what the popup and the pages act on.
    for (const type of [
      'setup.start',
      'content.roleCreated',
      'content.trust',
      'setup.discard',
      'content.link',
      'link.get',
      'link.start',
      'link.dismiss',
      'content.stackSet',
      'content.stackInstances',
    ])
      expect(new Set(seen.get(type)!.map((r) => (r as { ok: boolean }).ok))).toEqual(
        new Set([true, false]),
      );
  });
});

describe('parseReply', () => {
  it('names what does not fit, and never passes it on', () => {
    expect(parseReply('setup.start', { ok: true, value: { setupId: 3 } })).toMatchObject({
      ok: false,
      problem: { code: 'replyNotUnderstood', type: 'setup.start' },
      error: expect.stringMatching(
        /^Crossrole did not understand its background's answer to setup\.start \(.*value\.setupId/,
      ),
    });
    expect(parseReply('popup.state', { ok: true, value: { setups: 'x' } }).ok).toBe(false);
    expect(parseReply('diagnostics.clear', undefined).ok).toBe(false);
    expect(parseReply('diagnostics.clear', { ok: false, error: 'No.' })).toEqual({
      ok: false,
      error: 'No.',
    });
    expect(parseReply('popup.activeTab', { ok: true, value: null })).toEqual({
      ok: true,
      value: null,
    });
  });
});

describe('coded refusals (src/core/refusal.ts)', () => {
  const linkGone = problem('linkGone');
  const tooLong = problem('nameTooLong', { length: 70, max: 64 });

  it('pass a problem and field errors on to the popup, with their codes', () => {
    const reply = {
      ok: false,
      error: 'Role name is 70 characters long, IAM allows 64.',
      problem: linkGone,
      errors: [{ path: 'roleName', message: tooLong.message, problem: tooLong }],
    };
    expect(parseReply('link.dismiss', reply)).toEqual(reply);
  });

  it('refuse a problem that is not one core says: unknown code, wrong values, other words', () => {
    for (const forged of [
      { code: 'noSuchCode', message: 'x' },
      { ...tooLong, length: 71 },
      { ...tooLong, message: 'is long' },
      { ...tooLong, length: { toString: 1 } },
      'linkGone',
    ]) {
      const notUnderstood = { ok: false, problem: { code: 'replyNotUnderstood' } };
      expect(parseReply('link.dismiss', { ok: false, error: 'x', problem: forged })).toMatchObject(
        notUnderstood,
      );
      const errors = [{ path: 'a', message: 'b', problem: forged }];
      expect(parseReply('link.dismiss', { ok: false, error: 'x', errors })).toMatchObject(
        notUnderstood,
      );
    }
  });
});
