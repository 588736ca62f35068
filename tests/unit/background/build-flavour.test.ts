// Loopback HTTP report addresses (the local reference service) work only in a development build
// (`npm run build -- --development`): the store build refuses to keep a profile that reports to
// one, to send a role's report to one, and to send an access key to one. The same setups in a
// development build go through. `virtual:crossrole/build` is switched per test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import {
  ACCOUNT,
  consoleTab as tab,
  demoRolePage,
  demoStart,
  popupSender as popup,
} from '../../support/setup-fixtures.ts';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const LOOPBACK = 'http://127.0.0.1:47615/crossrole/v1/connections';
const fake = vi.hoisted(() => ({
  current: null as unknown as FakeBrowser,
  developmentBuild: false,
}));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/build', async () =>
  (await import('../../support/background-mocks.ts')).buildFlavourMock(fake),
);
// The examples, with the access-keys one reporting to loopback like the demo profile does.
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock((p) =>
    p.id === 'example-full-management' ? { ...p, report: { ...p.report, url: LOOPBACK } } : p,
  ),
);

const { handleMessage } = await import('../../../src/background/router.ts');
const { deliverDue } = await import('../../../src/background/delivery.ts');

const fetchMock = vi.fn(
  async (_url: URL | string, _init?: RequestInit) =>
    new Response(JSON.stringify({ status: 'connected', message: 'Welcome' }), { status: 200 }),
);

async function state() {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as {
    setups: { state: string; delivery: { status: string; lastError: string | null } | null }[];
    importedProfiles: { id: string }[];
  };
}

async function start(input: Record<string, unknown>, route: string) {
  const started = await handleMessage({ type: 'setup.start', ...input }, popup);
  if (!started.ok) throw new Error(started.error);
  const { setupId } = started.value as { setupId: string };
  const tabId = (await fake.current.browser.tabs.create.mock.results[0]!.value).id as number;
  await handleMessage({ type: 'content.hello', route }, tab(tabId));
  return { setupId, consoleTab: tab(tabId) };
}

/** A demo role (reporting to 127.0.0.1) created, read back and queued for delivery. */
async function demoRoleCaptured() {
  const { setupId, consoleTab } = await start(demoStart({ roleDescription: '' }), '/roles/create');
  await handleMessage(
    { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
    consoleTab,
  );
  const page = await handleMessage(demoRolePage(setupId), consoleTab);
  expect(page.ok).toBe(true);
}

/** An access key for a user of the (loopback) access-keys profile, as the console shows it. */
async function accessKeySent() {
  const user = 'ExampleInfrastructureManagerUser';
  const { setupId, consoleTab } = await start(
    {
      mode: 'access-keys',
      profileId: 'example-full-management',
      levelId: 'power-user',
      optionIds: [],
      partition: 'aws',
      roleName: user,
      roleDescription: '',
      externalId: 'infra-abcdefghijklmnopqrstuv',
      token: 'infra-token-456',
    },
    '/users/create',
  );
  expect(
    (await handleMessage({ type: 'content.userCreated', setupId, userName: user }, consoleTab)).ok,
  ).toBe(true);
  return handleMessage(
    {
      type: 'content.accessKey',
      setupId,
      userName: user,
      sessionAccountId: ACCOUNT,
      arnTexts: [`arn:aws:iam::${ACCOUNT}:user/${user}`],
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    consoleTab,
  );
}

const loopbackService = () => {
  const profile = structuredClone(EXAMPLE_PROFILES[1]) as { report: object };
  return {
    ...profile,
    id: 'local-diagrams',
    name: 'Local Diagrams',
    report: { ...profile.report, url: LOOPBACK },
  };
};

beforeEach(() => {
  fake.current = createFakeBrowser();
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

/** A link to a service reporting to loopback, picked up in a console tab: what its window is shown. */
async function loopbackLink() {
  const code = encodeConnectionCode({
    profile: {
      ...loopbackService(),
      externalId: { source: 'service' },
      report: { url: LOOPBACK, auth: 'token' },
    },
    token: 'local-token',
    externalId: 'local-tenant-1',
  });
  expect(await handleMessage({ type: 'content.link', code }, tab(7))).toEqual({
    ok: true,
    value: null,
  });
  const url = new URL(fake.current.browser.windows.create.mock.calls[0]![0].url);
  const view = await handleMessage(
    { type: 'link.get', linkId: url.searchParams.get('link') },
    popup,
  );
  return (view as { value: { code: string | null; errors: { path: string; message: string }[] } })
    .value;
}

describe('a store build', () => {
  beforeEach(() => {
    fake.developmentBuild = false;
  });

  it('refuses a link whose service reports to loopback, naming the field', async () => {
    expect(await loopbackLink()).toMatchObject({
      code: null,
      errors: [
        {
          path: 'profile.report.url',
          message: expect.stringMatching(/^this build sends reports over HTTPS only/),
        },
      ],
    });
  });

  it('refuses to keep a profile that reports to loopback, naming the field', async () => {
    expect(
      await handleMessage({ type: 'profile.save', profile: loopbackService() }, popup),
    ).toMatchObject({
      ok: false,
      error:
        'report.url: this build sends reports over HTTPS only; development addresses work only in a development build',
    });
    expect((await state()).importedProfiles).toEqual([]);
  });

  it("sends no role's report to loopback", async () => {
    await demoRoleCaptured();
    await deliverDue();
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await state()).setups[0]).toMatchObject({
      state: 'failed',
      delivery: { status: 'refused', lastError: expect.stringMatching(/not HTTPS/) },
    });
  });

  it('sends no access key to loopback', async () => {
    expect(await accessKeySent()).toMatchObject({
      ok: false,
      error: 'The service does not use HTTPS; the key was not sent.',
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('a development build', () => {
  beforeEach(() => {
    fake.developmentBuild = true;
  });

  it('takes a link whose service reports to loopback', async () => {
    expect(await loopbackLink()).toMatchObject({
      code: expect.stringMatching(/^crossrole1\./),
      errors: [],
    });
  });

  it('keeps a profile that reports to loopback', async () => {
    expect(
      await handleMessage({ type: 'profile.save', profile: loopbackService() }, popup),
    ).toEqual({ ok: true, value: null });
    expect((await state()).importedProfiles.map((p) => p.id)).toEqual(['local-diagrams']);
  });

  it("sends a role's report to loopback", async () => {
    await demoRoleCaptured();
    await deliverDue();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(LOOPBACK);
    expect((await state()).setups[0]).toMatchObject({ state: 'delivered' });
  });

  it('sends an access key to loopback', async () => {
    expect(await accessKeySent()).toEqual({ ok: true, value: null });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(LOOPBACK);
  });
});
