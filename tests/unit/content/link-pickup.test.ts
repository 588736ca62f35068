// @vitest-environment happy-dom
// The link pickup (src/content/link-pickup.ts) on a console page: once per load, only on the
// Create role wizard with `crossrole=`, it takes the code out of the URL and sends one message;
// and the content script hears only its own background's `background.setupReady`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSetupReady } from '../../../src/core/content-setup.ts';

const CODE = 'crossrole1.eyJwcm9maWxlIjoieCJ9';
const BASE = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1';
type Listener = (message: unknown, sender: object, respond: (a: unknown) => void) => void;
let runtime: {
  id: string;
  sendMessage: ReturnType<typeof vi.fn>;
  onMessage: { addListener: (l: Listener) => void };
  listeners: Listener[];
};

async function load(url: string) {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  vi.resetModules();
  await import('../../../src/content/link-pickup.ts');
  await Promise.resolve();
}

beforeEach(() => {
  const listeners: Listener[] = [];
  runtime = {
    id: 'ext-id',
    sendMessage: vi.fn(async () => ({ ok: true, value: null })),
    onMessage: { addListener: (l) => void listeners.push(l) },
    listeners,
  };
  vi.stubGlobal('chrome', { runtime });
});
afterEach(() => vi.unstubAllGlobals());

describe('the link pickup', () => {
  it("takes the code out of the URL, keeps the console's own parameters, and sends it once", async () => {
    await load(`${BASE}#/roles/create?step=selectEntities&crossrole=${CODE}&externalId=t-1`);
    expect(location.href).toBe(`${BASE}#/roles/create?step=selectEntities&externalId=t-1`);
    expect(runtime.sendMessage).toHaveBeenCalledTimes(1);
    expect(runtime.sendMessage).toHaveBeenCalledWith({ type: 'content.link', code: CODE });
    // A page script rewriting the hash later does not make it run again.
    location.hash = `#/roles/create?crossrole=${CODE}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await new Promise((r) => setTimeout(r, 10));
    expect(runtime.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('does nothing on another route or without the parameter', async () => {
    await load(`${BASE}#/roles?crossrole=${CODE}`);
    await load(`${BASE}#/roles/create?step=selectEntities`);
    expect(runtime.sendMessage).not.toHaveBeenCalled();
    expect(location.href).toBe(`${BASE}#/roles/create?step=selectEntities`);
  });

  it('does nothing outside the console hosts', async () => {
    await load(
      `https://console.aws.amazon.com.evil.example/iam/home#/roles/create?crossrole=${CODE}`,
    );
    expect(runtime.sendMessage).not.toHaveBeenCalled();
  });

  it('sends an empty code for several, for the background to refuse, and removes them all', async () => {
    await load(`${BASE}#/roles/create?crossrole=${CODE}&crossrole=${CODE}`);
    expect(location.href).toBe(`${BASE}#/roles/create`);
    expect(runtime.sendMessage).toHaveBeenCalledWith({ type: 'content.link', code: '' });
  });

  it('tries again when the worker was restarting, at most three times', async () => {
    vi.useFakeTimers();
    runtime.sendMessage.mockRejectedValue(new Error('Could not establish connection'));
    await load(`${BASE}#/roles/create?crossrole=${CODE}`);
    await vi.advanceTimersByTimeAsync(2000);
    expect(runtime.sendMessage).toHaveBeenCalledTimes(3);
    vi.useRealTimers();
  });
});

describe("the content script's background messages", () => {
  it('takes background.setupReady from its own extension only, with a hash route', async () => {
    vi.resetModules();
    const { onBackgroundMessage } = await import('../../../src/platform/content-runtime.ts');
    const heard: unknown[] = [];
    onBackgroundMessage((m) => (heard.push(m), parseSetupReady(m) !== null));
    const listener = runtime.listeners[0]!;
    const respond = vi.fn();
    const ready = { type: 'background.setupReady', hash: '#/roles/create' };
    listener(ready, { id: 'other-extension' }, respond);
    listener(ready, { id: 'ext-id', tab: { id: 3 } }, respond);
    expect(heard).toEqual([]);
    listener({ type: 'background.other', hash: '#/x' }, { id: 'ext-id' }, respond);
    listener({ ...ready, hash: 'https://evil.example/' }, { id: 'ext-id' }, respond);
    expect(respond).not.toHaveBeenCalled();
    listener(ready, { id: 'ext-id' }, respond);
    expect(respond).toHaveBeenCalledExactlyOnceWith({ ok: true });
  });

  it('parses only the known type with a hash route of the console app', () => {
    expect(parseSetupReady({ type: 'background.setupReady', hash: '#/policies/create' })).toEqual({
      type: 'background.setupReady',
      hash: '#/policies/create',
    });
    for (const bad of [
      null,
      'background.setupReady',
      { type: 'background.setupReady' },
      { type: 'background.setupReady', hash: '#/a b' },
      { type: 'background.setupReady', hash: 'javascript:alert(1)' },
      { type: 'background.setupReady', hash: `#/${'x'.repeat(9000)}` },
      { type: 'content.link', hash: '#/roles' },
    ])
      expect(parseSetupReady(bad)).toBeNull();
  });
});
