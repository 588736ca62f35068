// The protocol both ways: every reply the background gives fits the reply schema of its message
// (src/core/replies.ts), and the content script's hand-written readers take exactly what those
// schemas take for the replies it reads. Driven through the real router with the fake browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { parseContentSetupReply, parseTrustReply } from '../../../src/core/content-setup.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { parseReply, REPLIES } from '../../../src/core/replies.ts';
import { KEY_WORDS_EN, KEY_WORDS_JA } from '../../../src/core/panel-words.ts';

const fake = vi.hoisted(() => ({
  current: null as unknown as ReturnType<typeof createFakeBrowser>,
}));
vi.mock('../../../src/platform/browser.ts', () => ({
  get browser() {
    return fake.current.browser;
  },
  browserName: () => 'chrome',
}));
vi.mock('virtual:crossrole/builtin-profiles', () => ({
  default: EXAMPLE_PROFILES.map((p) => {
    const parsed = parseProfile(p);
    if (!parsed.ok) throw new Error('example profile invalid');
    return parsed.value;
  }),
}));

const { handleMessage } = await import('../../../src/background/router.ts');

const popup = {
  id: 'fake-extension-id',
  url: 'chrome-extension://fake-extension-id/src/popup/index.html',
};
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles';
const ACCOUNT = '111122223333';
const tab = (tabId: number) => ({
  id: 'fake-extension-id',
  url: CONSOLE,
  tab: { id: tabId } as never,
  frameId: 0,
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'demo-abcdefghijklmnopqrstuv' } },
    },
  ],
});

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
      mode: 'create-role',
      profileId: 'crossrole-demo',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'CrossroleDemoRole',
      roleDescription: '',
      externalId: 'demo-abcdefghijklmnopqrstuv',
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
    await ask(
      {
        type: 'content.rolePage',
        setupId,
        roleName: 'CrossroleDemoRole',
        sessionAccountId: ACCOUNT,
        arnTexts: [`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`],
        trustPolicyText: TRUST,
        attachedPolicies: [{ name: 'ReadOnlyAccess', arn: null, type: 'aws' }],
        attachedComplete: true,
      },
      tab(tabId),
    );
    await ask(
      {
        type: 'content.accessKey',
        setupId,
        userName: 'U',
        sessionAccountId: ACCOUNT,
        arnTexts: [],
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
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
    expect(japanese).toHaveProperty('words', KEY_WORDS_JA);
    const english = await ask({ type: 'content.hello', route: '/users/create' }, tab(keysTab));
    expect(english).toHaveProperty('words', KEY_WORDS_EN);
    // A role setup's pages have their words in the content script: none are sent.
    const role = await ask(
      { type: 'content.hello', route: '/roles/create', language: 'ja' },
      tab(tabId),
    );
    expect(role).not.toHaveProperty('words');
    await ask({ type: 'popup.state' }, popup);
    await ask({ type: 'setup.retry', requestId: 'req-00000003', setupId }, popup);
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

    expect([...seen.keys()].sort()).toEqual(Object.keys(REPLIES).sort());
    for (const [type, replies] of seen) {
      for (const reply of replies) {
        const parsed = z.safeParse(REPLIES[type as keyof typeof REPLIES], reply);
        expect(parsed.success, `${type}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
        expect(parsed.data).toEqual(reply);
        if (type === 'content.trust') expect(parseTrustReply(reply)).toEqual(reply);
        else if (type.startsWith('content.')) expect(parseContentSetupReply(reply)).toEqual(reply);
      }
    }
    // Both sorts of answer were seen for what the popup and the pages act on.
    for (const type of ['setup.start', 'content.roleCreated', 'content.trust', 'setup.discard'])
      expect(new Set(seen.get(type)!.map((r) => (r as { ok: boolean }).ok))).toEqual(
        new Set([true, false]),
      );
  });
});

describe('parseReply', () => {
  it('names what does not fit, and never passes it on', () => {
    expect(parseReply('setup.start', { ok: true, value: { setupId: 3 } })).toEqual({
      ok: false,
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
