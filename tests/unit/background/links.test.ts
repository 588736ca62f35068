// Links from a service (docs/vendors.md §6) in the background, driven through the real router
// with the fake browser. A crafted link from a page cannot start, confirm or speed up anything:
// `content.link` only makes a pending link shown in Crossrole's own window; only that window
// (an extension page naming a link the background holds) starts the setup, in the link's tab.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import { LINK_PENDING_TTL_MS } from '../../../src/core/limits.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import type { FieldError } from '../../../src/core/result.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { linkedServiceProfile } from '../../support/setup-fixtures.ts';

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
const { LINK_GONE, LINKS_ALARM, linkWindowClosed, sweepLinks } =
  await import('../../../src/background/links.ts');

const EXTENSION = 'chrome-extension://fake-extension-id/src/popup/index.html';
const CONSOLE = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles/create';
const popup = { id: 'fake-extension-id', url: `${EXTENSION}?link=x` };
const tab = (tabId: number, url = CONSOLE, frameId = 0) => ({
  id: 'fake-extension-id',
  url,
  tab: { id: tabId } as never,
  frameId,
});

const acme = linkedServiceProfile();
const TOKEN = 'acme-token-0123456789';
const code = (overrides: Record<string, unknown> = {}) =>
  encodeConnectionCode({
    profile: acme,
    token: TOKEN,
    externalId: 'acme-tenant-42',
    label: 'Acme Corp',
    ...overrides,
  });

const send = (message: Record<string, unknown>, from: object) =>
  handleMessage(message, from as never);
const pickUp = (text: string, from: object = tab(7)) =>
  send({ type: 'content.link', code: text }, from);

/** Whether storage.session holds this code (the token is inside it, base64url). */
const sessionHolds = (text: string) =>
  JSON.stringify(fake.current.browser.storage.session.dump()).includes(text);

/** The id of the link the window was last turned to. */
function shownLinkId(): string {
  const b = fake.current.browser;
  const urls = [
    ...b.windows.create.mock.calls.map((c) => c[0].url),
    ...b.tabs.update.mock.calls.flatMap((c) => (c[1].url ? [c[1].url] : [])),
  ].filter((u) => u.startsWith(EXTENSION));
  const last = urls[urls.length - 1];
  if (!last) throw new Error('no link window');
  return new URL(last).searchParams.get('link')!;
}

async function setups() {
  const reply = await send({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return (
    reply.value as {
      setups: {
        id: string;
        tabId: number | null;
        consoleHost: string | null;
        externalId: string;
        profileId: string;
        hasToken: boolean;
      }[];
    }
  ).setups;
}

const start = (linkId: string, overrides: Record<string, unknown> = {}) =>
  send(
    {
      type: 'link.start',
      requestId: 'req-link-0001',
      linkId,
      mode: 'create-role',
      profileId: 'acme-costs',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'AcmeCostsRole',
      roleDescription: '',
      externalId: 'something-else',
      ...overrides,
    },
    popup,
  );

/** Nothing was started, asked for or sent because of a link. */
async function nothingStarted() {
  const b = fake.current.browser;
  expect(await setups()).toEqual([]);
  expect(b.permissions.request).not.toHaveBeenCalled();
  expect(b.tabs.create).not.toHaveBeenCalled();
  expect(b.tabs.sendMessage).not.toHaveBeenCalled();
  expect(
    b.tabs.update.mock.calls.filter((c) => !String(c[1].url ?? '').startsWith(EXTENSION)),
  ).toEqual([]);
  const local = JSON.stringify(b.storage.local.dump());
  expect(local).not.toContain(TOKEN);
  expect(local).not.toContain('crossrole1.');
}

beforeEach(() => {
  fake.current = createFakeBrowser();
  fake.current.browser.windows.onRemoved.addListener((id: number) => void linkWindowClosed(id));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('content.link', () => {
  it("only makes a pending link, shown in Crossrole's own window: no setup, no permission, no tab", async () => {
    expect(await pickUp(code())).toEqual({ ok: true, value: null });
    const b = fake.current.browser;
    expect(b.windows.create).toHaveBeenCalledTimes(1);
    expect(b.windows.create.mock.calls[0]![0]).toMatchObject({
      type: 'popup',
      width: 400,
      height: 640,
    });
    expect(b.windows.create.mock.calls[0]![0].url).toMatch(
      /^chrome-extension:\/\/fake-extension-id\/src\/popup\/index\.html\?link=[0-9a-f-]{36}$/,
    );
    await nothingStarted();
    const view = await send({ type: 'link.get', linkId: shownLinkId() }, popup);
    expect(view).toEqual({
      ok: true,
      value: {
        id: shownLinkId(),
        tabId: 7,
        host: 'us-east-1.console.aws.amazon.com',
        partition: 'aws',
        expiresAt: expect.any(Number),
        code: code(),
        errors: [],
      },
    });
    // Kept for the session only: nothing of the code in local storage.
    expect(sessionHolds(code())).toBe(true);
  });

  it('from the same tab replaces the first, in the same window', async () => {
    await pickUp(code({ label: 'first' }));
    const first = shownLinkId();
    await pickUp(code({ label: 'second' }));
    const second = shownLinkId();
    expect(second).not.toBe(first);
    expect(await send({ type: 'link.get', linkId: first }, popup)).toMatchObject({
      ok: false,
      error: LINK_GONE,
    });
    expect((await send({ type: 'link.get', linkId: second }, popup)).ok).toBe(true);
    const b = fake.current.browser;
    expect(b.windows.create).toHaveBeenCalledTimes(1);
    expect(b.windows.update).toHaveBeenCalledWith(1, { focused: true });
    expect(sessionHolds(code({ label: 'first' }))).toBe(false);
    await nothingStarted();
  });

  it('keeps at most three pending links, the newest', async () => {
    const ids: string[] = [];
    for (const tabId of [1, 2, 3, 4, 5]) {
      await pickUp(code(), tab(tabId));
      ids.push(shownLinkId());
    }
    const kept = [];
    for (const id of ids) kept.push((await send({ type: 'link.get', linkId: id }, popup)).ok);
    expect(kept).toEqual([false, false, true, true, true]);
  });

  it.each([
    [
      'a page outside the console',
      { id: 'fake-extension-id', url: 'https://evil.example/iam/home', tab: { id: 7 }, frameId: 0 },
    ],
    ['a sub-frame of the console', tab(7, CONSOLE, 2)],
    ['a console page outside IAM', tab(7, 'https://console.aws.amazon.com/ec2/home#/roles/create')],
    ['another extension', { ...tab(7), id: 'other-extension' }],
    ['an extension page', popup],
  ])('is refused from %s, and opens nothing', async (_name, from) => {
    const reply = await pickUp(code(), from);
    expect(reply).toMatchObject({ ok: false, error: 'Not sent from an IAM console page' });
    expect(fake.current.browser.windows.create).not.toHaveBeenCalled();
    expect(fake.current.browser.storage.session.dump().pendingLinks).toBeUndefined();
    await nothingStarted();
  });

  it.each([
    [
      'a malformed code',
      'crossrole1.@@@',
      /^\(code\): is malformed: the part after "crossrole1\." is not base64url/,
    ],
    ['no code or several', '', /^crossrole: the link carries no connection code, or more than one/],
    [
      'a code too long',
      `crossrole1.${'A'.repeat(140_000)}`.slice(0, 128 * 1024 + 1),
      /^crossrole: is 131,073 characters/,
    ],
    [
      'an expired code',
      code({ expiresAt: '2020-01-01T00:00:00Z' }),
      /^expiresAt: the code expired on 2020-01-01T00:00:00Z/,
    ],
    [
      'a profile under a built-in id',
      code({ profile: { ...acme, id: 'crossrole-demo' } }),
      /^profile\.id: is "crossrole-demo", a service built into Crossrole/,
    ],
    [
      'a profile named like a built-in',
      code({ profile: { ...acme, name: 'Crossrole Dеmo Service' } }),
      /^profile\.name: "Crossrole Dеmo Service" reads like "Crossrole Demo Service"/,
    ],
    [
      "a service without an account in the tab's partition",
      code(),
      /^profile\.trust: Acme Costs has no AWS account in AWS China/,
    ],
  ])(
    'with %s ends with the reason in the window, and nothing can start',
    async (name, text, why) => {
      const from = name.includes('partition')
        ? tab(7, 'https://console.amazonaws.cn/iam/home#/roles/create')
        : tab(7);
      expect(await pickUp(text, from)).toEqual({ ok: true, value: null });
      const linkId = shownLinkId();
      const view = await send({ type: 'link.get', linkId }, popup);
      expect(view.ok).toBe(true);
      const value = (view as { value: { code: string | null; errors: FieldError[] } }).value;
      expect(value.code).toBeNull();
      expect(`${value.errors[0]!.path}: ${value.errors[0]!.message}`).toMatch(why);
      // Coded, so the link window says it in the customer's language.
      expect(value.errors[0]!.problem?.message).toBe(value.errors[0]!.message);
      // The refused code is not kept, and link.start has nothing to start from.
      expect(text !== '' && sessionHolds(text)).toBe(false);
      expect(await start(linkId)).toMatchObject({
        ok: false,
        error: 'Crossrole refused this link: nothing can start from it.',
        problem: { code: 'linkRefused' },
      });
      await nothingStarted();
    },
  );

  it('expires after 15 minutes, its code forgotten', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T12:00:00Z'));
    await pickUp(code());
    const linkId = shownLinkId();
    const alarm = fake.current.alarms.get(LINKS_ALARM);
    expect(alarm?.scheduledTime).toBe(Date.now() + LINK_PENDING_TTL_MS);
    vi.setSystemTime(Date.now() + LINK_PENDING_TTL_MS - 1);
    expect((await send({ type: 'link.get', linkId }, popup)).ok).toBe(true);
    vi.setSystemTime(Date.now() + 1);
    await sweepLinks();
    expect(sessionHolds(code())).toBe(false);
    expect(await send({ type: 'link.get', linkId }, popup)).toMatchObject({
      ok: false,
      error: LINK_GONE,
    });
    expect(await start(linkId)).toMatchObject({ ok: false, error: LINK_GONE });
    expect(fake.current.alarms.has(LINKS_ALARM)).toBe(false);
    await nothingStarted();
  });

  it('is forgotten when dismissed, and when its window is closed', async () => {
    await pickUp(code());
    const linkId = shownLinkId();
    expect(await send({ type: 'link.dismiss', requestId: 'req-dismiss-1', linkId }, popup)).toEqual(
      { ok: true, value: null },
    );
    expect(sessionHolds(code())).toBe(false);
    expect(await send({ type: 'link.get', linkId }, popup)).toMatchObject({
      ok: false,
      error: LINK_GONE,
    });
    expect(
      await send({ type: 'link.dismiss', requestId: 'req-dismiss-2', linkId }, popup),
    ).toMatchObject({ ok: false, error: LINK_GONE });

    await pickUp(code(), tab(8));
    const other = shownLinkId();
    await fake.current.closeWindow(1);
    await vi.waitFor(async () =>
      expect(await send({ type: 'link.get', linkId: other }, popup)).toMatchObject({
        ok: false,
        error: LINK_GONE,
      }),
    );
    expect(sessionHolds(code())).toBe(false);
    // The next link opens a new window.
    await pickUp(code(), tab(8));
    expect(fake.current.browser.windows.create).toHaveBeenCalledTimes(2);
    await nothingStarted();
  });
});

describe('the link window', () => {
  it('alone may read, start or dismiss a link: a content script is refused', async () => {
    await pickUp(code());
    const linkId = shownLinkId();
    for (const message of [
      { type: 'link.get', linkId },
      { type: 'link.dismiss', linkId },
      {
        type: 'link.start',
        linkId,
        mode: 'create-role',
        profileId: 'acme-costs',
        levelId: 'read-only',
        optionIds: [],
        partition: 'aws',
        roleName: 'R',
        roleDescription: '',
        externalId: 'xx',
      },
    ])
      expect(await send(message, tab(7))).toMatchObject({
        ok: false,
        error: 'Not sent from the extension',
      });
    expect(await start('00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      error: LINK_GONE,
    });
    await nothingStarted();
    expect((await send({ type: 'link.get', linkId }, popup)).ok).toBe(true);
  });

  it("starts the setup in the link's tab with the code's token and External ID, and tells the tab to run again", async () => {
    await pickUp(code());
    await send({ type: 'content.hello', route: '/roles/create' }, tab(7));
    const linkId = shownLinkId();
    const started = await start(linkId);
    expect(started).toMatchObject({ ok: true, value: { setupId: expect.any(String) } });
    const [setup] = await setups();
    expect(setup).toMatchObject({
      profileId: 'acme-costs',
      tabId: 7,
      consoleHost: 'us-east-1.console.aws.amazon.com',
      // The code's, not the message's.
      externalId: 'acme-tenant-42',
      hasToken: true,
    });
    const b = fake.current.browser;
    expect(JSON.stringify(b.storage.local.dump())).toContain(TOKEN);
    // No new tab and no navigation: the tab is brought forward and its content script told.
    expect(b.tabs.create).not.toHaveBeenCalled();
    expect(b.tabs.update).toHaveBeenCalledWith(7, { active: true });
    expect(b.tabs.update.mock.calls.filter((c) => c[0] === 7 && c[1].url)).toEqual([]);
    expect(b.tabs.sendMessage).toHaveBeenCalledTimes(1);
    const [tabId, message, options] = b.tabs.sendMessage.mock.calls[0]!;
    expect(tabId).toBe(7);
    expect(options).toEqual({ frameId: 0 });
    expect(message).toEqual({
      type: 'background.setupReady',
      hash: expect.stringMatching(/^#\/roles\/create\?step=selectEntities&/),
    });
    expect((message as { hash: string }).hash).toContain('externalId=acme-tenant-42');
    // The profile is kept as an import, the pending link (and its code) forgotten.
    const state = await send({ type: 'popup.state' }, popup);
    expect(
      (state as { value: { importedProfiles: { id: string }[] } }).value.importedProfiles.map(
        (p) => p.id,
      ),
    ).toEqual(['acme-costs']);
    expect(sessionHolds(code())).toBe(false);
    // The tab announces its page again and gets the setup.
    const hello = await send({ type: 'content.hello', route: '/roles/create' }, tab(7));
    expect(hello).toMatchObject({
      ok: true,
      value: { id: setup!.id, externalId: 'acme-tenant-42' },
    });
    // The same request again (a lost reply) starts nothing new.
    expect(await start(linkId)).toEqual(started);
    expect(await setups()).toHaveLength(1);
  });

  it("sends the tab to the setup's first page when that is another (a custom policy first)", async () => {
    await pickUp(code());
    const linkId = shownLinkId();
    expect((await start(linkId, { levelId: 'read-only-plus-billing' })).ok).toBe(true);
    const [, message] = fake.current.browser.tabs.sendMessage.mock.calls[0]!;
    expect(message).toEqual({ type: 'background.setupReady', hash: '#/policies/create' });
  });

  it("opens the setup's URL in the tab only when no content script answers there", async () => {
    fake.current.browser.tabs.sendMessage.mockRejectedValueOnce(
      new Error('Receiving end does not exist.'),
    );
    await pickUp(code());
    const started = await start(shownLinkId());
    expect(started.ok).toBe(true);
    const url = (started as { value: { url: string } }).value.url;
    expect(fake.current.browser.tabs.update).toHaveBeenCalledWith(7, { url, active: true });
    expect(fake.current.browser.tabs.create).not.toHaveBeenCalled();
  });

  it("refuses to start when the link's tab is gone, another service or another partition is named", async () => {
    await pickUp(code());
    const linkId = shownLinkId();
    expect(
      await start(linkId, { requestId: 'req-link-0002', profileId: 'crossrole-demo' }),
    ).toMatchObject({
      ok: false,
      error: 'This link is for Acme Costs, not "crossrole-demo".',
    });
    expect(
      await start(linkId, { requestId: 'req-link-0003', partition: 'aws-us-gov' }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^This link's console tab is in AWS \(commercial\)/),
    });
    // The customer closed the tab (index.ts forgets it on tabs.onRemoved).
    const { forgetConsoleTab } = await import('../../../src/background/console-tabs.ts');
    await forgetConsoleTab(7);
    expect(await start(linkId, { requestId: 'req-link-0004' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The console tab this link opened was closed/),
    });
    await nothingStarted();
  });
});
