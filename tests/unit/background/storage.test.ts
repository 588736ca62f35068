// storage.local is bounded (src/core/limits.ts) and a captured Role ARN always fits: imports are
// capped in size and count and refused when they would eat into the reserve, finished setups
// are pruned, and a write the browser refuses for its quota is said for what it is, not as
// "could not reach its background". The fake browser enforces a quota as Chrome does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import {
  DEFAULT_STORAGE_QUOTA_BYTES,
  FINISHED_SETUP_MAX_AGE_MS,
  MAX_FINISHED_SETUPS,
  MAX_IMPORTED_PROFILES,
  STORAGE_RESERVE_BYTES,
} from '../../../src/core/limits.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import type { Setup } from '../../../src/core/setup.ts';
import { STORAGE_VERSION } from '../../../src/core/storage-migrations.ts';
import {
  ACCOUNT,
  consoleTab as tab,
  DEMO_EXTERNAL_ID as EXTERNAL_ID,
  demoRolePage,
  demoStart,
  demoTrustText,
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
const { storageBytesInUse } = await import('../../../src/background/store.ts');

const QUOTA = DEFAULT_STORAGE_QUOTA_BYTES;
const TRUST = demoTrustText(EXTERNAL_ID);

/** A valid imported profile of a few kilobytes. */
const service = (id: string, name: string) => ({
  ...(structuredClone(EXAMPLE_PROFILES[1]) as object),
  id,
  name,
});
/** A valid profile of roughly 60 KB (ten levels of ten custom policies), more with descriptions. */
function bigService(id: string, name: string, description?: string) {
  const profile = structuredClone(EXAMPLE_PROFILES[1]) as Record<string, unknown>;
  profile.access = Array.from({ length: 10 }, (_, l) => ({
    id: `l${l}`,
    label: `Level ${l}`,
    ...(description ? { description } : {}),
    default: l === 0,
    customPolicies: Array.from({ length: 10 }, (_, i) => ({
      name: `P${l}x${i}`,
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(500)}` },
        ],
      },
    })),
  }));
  return { ...profile, id, name };
}
const save = (profile: unknown) => handleMessage({ type: 'profile.save', profile }, popup);

async function state() {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as { setups: Setup[]; importedProfiles: { id: string }[] };
}

async function startDemo() {
  const started = await handleMessage(
    { type: 'setup.start', ...demoStart({ roleDescription: '', externalId: EXTERNAL_ID }) },
    popup,
  );
  if (!started.ok) return started;
  const { setupId } = started.value as { setupId: string };
  const calls = fake.current.browser.tabs.create.mock.results;
  const tabId = (await calls[calls.length - 1]!.value).id as number;
  await handleMessage({ type: 'content.hello', route: '/roles/create' }, tab(tabId));
  return { ok: true as const, setupId, tabId };
}

async function capture(setupId: string, tabId: number) {
  const created = await handleMessage(
    { type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' },
    tab(tabId),
  );
  if (!created.ok) return created;
  return handleMessage(demoRolePage(setupId, { trustPolicyText: TRUST }), tab(tabId));
}

/** Adds a key of filler so that storage.local holds `bytes` in all. */
async function fillTo(bytes: number) {
  const { filler: _old, ...data } = fake.current.browser.storage.local.dump();
  fake.current.browser.storage.local.load(data);
  const used = await storageBytesInUse();
  // Key "filler" (6 bytes) plus the JSON string's two quotes.
  fake.current.browser.storage.local.load({ ...data, filler: 'x'.repeat(bytes - used - 8) });
  expect(await storageBytesInUse()).toBe(bytes);
}

beforeEach(() => {
  fake.current = createFakeBrowser({ quotaBytes: QUOTA });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ status: 'connected' }), { status: 200 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('storage bounds', () => {
  it(`refuses a profile over 64 KB and a service past the ${MAX_IMPORTED_PROFILES} kept, naming the limit`, async () => {
    const tooBig = await save(bigService('huge', 'Huge', 'y'.repeat(1000)));
    expect(tooBig).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^\(root\): is [\d,]+ bytes; Crossrole keeps imported profiles of at most 65,536 bytes \(64 KB\)$/,
      ),
    });
    for (let i = 0; i < MAX_IMPORTED_PROFILES; i++)
      expect(await save(service(`s${i}`, `Service ${i}`))).toEqual({ ok: true, value: null });
    expect(await save(service('one-more', 'One more'))).toMatchObject({
      ok: false,
      error: '(root): Crossrole keeps at most 20 imported services: remove one first',
    });
    expect((await state()).importedProfiles).toHaveLength(MAX_IMPORTED_PROFILES);
  });

  it('refuses an import that would eat into the reserve, and still keeps the next captured ARN', async () => {
    // Room for a setup, not for a 60 KB profile, above the reserve.
    await fillTo(QUOTA - STORAGE_RESERVE_BYTES - 20 * 1024);
    const refused = await save(bigService('acme', 'Acme'));
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Crossrole's storage is full: the profile of Acme would take \d+ KB and only 20 KB is left \(1,024 KB stays free for connections in progress\)\. Remove an imported service/,
      ),
    });
    expect((await state()).importedProfiles).toEqual([]);
    const started = await startDemo();
    if (!started.ok) throw new Error(started.error);
    // Whatever else fills storage up to the reserve, the capture fits in it.
    await fillTo(QUOTA - STORAGE_RESERVE_BYTES);
    expect((await startDemo()).ok).toBe(false);
    expect((await capture(started.setupId, started.tabId)).ok).toBe(true);
    const setup = (await state()).setups.find((s) => s.id === started.setupId)!;
    expect(setup.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`);
    expect(setup.state).toBe('delivered');
  });

  it('says storage is full when the browser refuses a write for its quota', async () => {
    const started = await startDemo();
    if (!started.ok) throw new Error(started.error);
    await fillTo(QUOTA - 2);
    expect(
      await handleMessage(
        { type: 'content.roleCreated', setupId: started.setupId, roleName: 'CrossroleDemoRole' },
        tab(started.tabId),
      ),
    ).toMatchObject({
      ok: false,
      error:
        "Crossrole's storage is full: remove an imported service in the popup, or discard finished connections.",
    });
  });

  it(`prunes finished setups older than ${FINISHED_SETUP_MAX_AGE_MS / 86_400_000} days and keeps the newest ${MAX_FINISHED_SETUPS}, with their tokens`, async () => {
    const started = await startDemo();
    if (!started.ok) throw new Error(started.error);
    const [template] = (await state()).setups;
    const now = Date.now();
    const finished = (i: number, age: number, state: Setup['state']): Setup => ({
      ...template!,
      id: `done-${i}`,
      state,
      updatedAt: now - age,
    });
    const setups = [
      template!,
      ...Array.from({ length: 10 }, (_, i) =>
        finished(i, FINISHED_SETUP_MAX_AGE_MS + 60_000, 'delivered'),
      ),
      ...Array.from({ length: 60 }, (_, i) =>
        finished(100 + i, i * 60_000, i % 2 ? 'failed' : 'delivered'),
      ),
    ];
    const data = fake.current.browser.storage.local.dump();
    fake.current.browser.storage.local.load({
      ...data,
      setups,
      reportTokens: Object.fromEntries(setups.map((s) => [s.id, 'tok'])),
    });
    const next = await startDemo();
    expect(next.ok).toBe(true);
    const kept = (await state()).setups.map((s) => s.id);
    expect(kept).toHaveLength(2 + MAX_FINISHED_SETUPS);
    expect(kept).toContain(started.setupId);
    expect(kept.filter((id) => id.startsWith('done-'))).toEqual(
      Array.from({ length: MAX_FINISHED_SETUPS }, (_, i) => `done-${100 + i}`),
    );
    const tokens = fake.current.browser.storage.local.dump().reportTokens as Record<string, string>;
    expect(Object.keys(tokens).sort()).toEqual(
      [started.setupId, ...kept.filter((id) => id.startsWith('done-'))].sort(),
    );
  });
});

describe('one write per fact', () => {
  it('records the connected account in the same write as the delivery', async () => {
    const started = await startDemo();
    if (!started.ok) throw new Error(started.error);
    const set = vi.spyOn(fake.current.browser.storage.local, 'set');
    expect(await capture(started.setupId, started.tabId)).toMatchObject({ ok: true });
    const { deliverDue } = await import('../../../src/background/delivery.ts');
    await deliverDue();
    const writes = set.mock.calls.map(([items]) => items as Record<string, unknown>);
    const delivering = writes.filter((w) =>
      (w.setups as Setup[] | undefined)?.some((s) => s.state === 'delivered'),
    );
    expect(delivering[0]).toHaveProperty('connections', [
      expect.objectContaining({ setupId: started.setupId, accountId: ACCOUNT }),
    ]);
    // And nowhere before it.
    expect(writes.slice(0, writes.indexOf(delivering[0]!)).some((w) => 'connections' in w)).toBe(
      false,
    );
  });
});

describe('storage versions', () => {
  it('queues, once, the verified setup an older version left without a delivery record', async () => {
    const started = await startDemo();
    if (!started.ok) throw new Error(started.error);
    expect(await capture(started.setupId, started.tabId)).toMatchObject({ ok: true });
    // As version 1 could leave it: verified, no delivery record, no version key.
    const local = fake.current.browser.storage.local;
    const { setups } = (await local.get('setups')) as { setups: Setup[] };
    const old = setups.map((s) => ({ ...s, state: 'verified', delivery: null }));
    // And an entry this version cannot read, which the upgrade must keep as it is.
    const unreadable = { id: 'from-elsewhere', state: 'a state to come' };
    await local.set({ setups: [...old, unreadable] });

    await local.remove('storageVersion');
    vi.mocked(fetch).mockClear();

    // A newer worker starts: the upgrade queues the report in one write, keeping what it
    // cannot read; then the delivery sends it.
    vi.resetModules();
    const { storageReady } = await import('../../../src/background/store.ts');
    await storageReady();
    const upgraded = (await local.get(['setups', 'storageVersion'])) as {
      setups: Setup[];
      storageVersion: number;
    };
    expect(upgraded.storageVersion).toBe(STORAGE_VERSION);
    expect(upgraded.setups[0]!.delivery?.status).toBe('queued');
    expect(upgraded.setups[1]).toEqual(unreadable);
    const { deliverDue } = await import('../../../src/background/delivery.ts');
    await deliverDue();
    const { setups: after } = (await local.get('setups')) as { setups: Setup[] };
    expect(after[0]!.delivery?.status).toBe('delivered');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('leaves storage written by a newer version untouched', async () => {
    const local = fake.current.browser.storage.local;
    await local.set({ setups: [], storageVersion: STORAGE_VERSION + 1 });
    vi.resetModules();
    const { storageReady } = await import('../../../src/background/store.ts');
    await storageReady();
    expect(await local.get('storageVersion')).toEqual({ storageVersion: STORAGE_VERSION + 1 });
  });
});
