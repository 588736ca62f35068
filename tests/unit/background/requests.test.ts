// A start is never lost or doubled: the popup sends each request that changes state with one
// request id for all its tries, and the background answers a repeated id with the first outcome
// (src/background/requests.ts). Here the popup's real API talks to the real router through the
// fake browser, and the reply of a try is dropped as when the worker stops while answering.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { demoStart, popupSender as popup } from '../../support/setup-fixtures.ts';
import { MAX_REQUEST_OUTCOMES, REQUEST_OUTCOME_TTL_MS } from '../../../src/core/limits.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');
const { browserApi } = await import('../../../src/popup/api.ts');

const CLOSED =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';
const input = demoStart({ roleDescription: '' });

async function setups() {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { setups: { id: string; tabId: number | null }[] }).setups;
}
const sent = () =>
  fake.current.browser.runtime.sendMessage.mock.calls.map((c) => c[0] as { requestId?: string });

/** The browser's messaging: the router answers, except that the replies of `drop` tries are lost. */
function connect(drop: number[] = []) {
  let tries = 0;
  fake.current.browser.runtime.sendMessage.mockImplementation(async (message: unknown) => {
    tries += 1;
    const reply = await handleMessage(message, popup);
    if (drop.includes(tries)) throw new Error(CLOSED);
    return reply;
  });
}

beforeEach(() => {
  fake.current = createFakeBrowser();
});
afterEach(() => vi.useRealTimers());

describe('popup requests that change state', () => {
  it('start exactly one setup when the first reply is dropped, and say which', async () => {
    connect([1]);
    const reply = await browserApi.start(input);
    expect(reply.ok).toBe(true);
    const all = await setups();
    expect(all).toHaveLength(1);
    expect(reply.ok && reply.value.setupId).toBe(all[0]!.id);
    expect(fake.current.browser.tabs.create).toHaveBeenCalledTimes(1);
    // Both tries carried the same id, made by the popup.
    const [first, second] = sent();
    expect(first!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.requestId).toBe(first!.requestId);
  });

  it('finish the same setup when the worker stopped mid-start, before its tab opened', async () => {
    // The worker stops inside the start: the browser drops the reply, whatever the handler did.
    connect([1]);
    fake.current.browser.tabs.create.mockRejectedValueOnce(new Error('worker stopped'));
    const reply = await browserApi.start(input);
    expect(reply.ok).toBe(true);
    const all = await setups();
    expect(all).toHaveLength(1);
    expect(reply.ok && reply.value.setupId).toBe(all[0]!.id);
    expect(all[0]!.tabId).not.toBeNull();
  });

  it('answer a repeated request id with the same setup, also while the first still runs', async () => {
    const start = { type: 'setup.start', requestId: 'req-00000001', ...input };
    const [a, b] = await Promise.all([handleMessage(start, popup), handleMessage(start, popup)]);
    const c = await handleMessage(start, popup);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(await setups()).toHaveLength(1);
    expect(fake.current.browser.tabs.create).toHaveBeenCalledTimes(1);
    // A new request (a new click) is a new setup.
    await handleMessage({ ...start, requestId: 'req-00000002' }, popup);
    expect(await setups()).toHaveLength(2);
  });

  it('give the first outcome of a discard again, and refuse an id reused for another request', async () => {
    const started = await handleMessage(
      { type: 'setup.start', requestId: 'req-start-1', ...input },
      popup,
    );
    const setupId = started.ok ? (started.value as { setupId: string }).setupId : '';
    const discard = { type: 'setup.discard', requestId: 'req-discard-1', setupId };
    expect(await handleMessage(discard, popup)).toEqual({ ok: true, value: null });
    expect(await handleMessage(discard, popup)).toEqual({ ok: true, value: null });
    expect(
      await handleMessage(
        { type: 'profile.remove', requestId: 'req-discard-1', profileId: 'x' },
        popup,
      ),
    ).toMatchObject({ ok: false, error: 'This request id was already used for another request.' });
  });

  it(`remember at most ${MAX_REQUEST_OUTCOMES} outcomes, each for ${REQUEST_OUTCOME_TTL_MS / 60_000} minutes, in storage.session`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < MAX_REQUEST_OUTCOMES + 5; i++)
      await handleMessage(
        { type: 'profile.remove', requestId: `req-remove-${i}`, profileId: 'x' },
        popup,
      );
    const stored = () =>
      Object.keys(
        (fake.current.browser.storage.session.dump().requestOutcomes ?? {}) as Record<
          string,
          unknown
        >,
      );
    expect(stored()).toHaveLength(MAX_REQUEST_OUTCOMES);
    expect(fake.current.browser.storage.local.dump().requestOutcomes).toBeUndefined();
    vi.setSystemTime(Date.now() + REQUEST_OUTCOME_TTL_MS + 1);
    await handleMessage({ type: 'profile.remove', requestId: 'req-later', profileId: 'x' }, popup);
    expect(stored()).toEqual(['req-later']);
  });

  it('give up after a few tries, saying so, when no reply ever comes', async () => {
    fake.current.browser.runtime.sendMessage.mockRejectedValue(new Error(CLOSED));
    const reply = await browserApi.retry('s1');
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Crossrole's background did not answer after 4 tries \(A listener/,
      ),
      problem: { code: 'backgroundNoAnswer', tries: 4 },
    });
    expect(new Set(sent().map((m) => m.requestId)).size).toBe(1);
    expect(sent()).toHaveLength(4);
  });
});
