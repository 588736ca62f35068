// An in-memory stand-in for the `browser` object of src/platform/browser.ts, for unit tests of
// the background: storage that round-trips through JSON like the real one, alarms fired by the
// test, and a record of tabs, notifications and badge changes. With `quotaBytes`, storage.local
// refuses a write past it as Chrome does ("QUOTA_BYTES quota exceeded", nothing written).
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    emit: (...args: unknown[]) =>
      [...listeners].map((l) => (l as (...a: unknown[]) => unknown)(...args)),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

function storageArea(name: string, onChanged: ReturnType<typeof event>, quotaBytes?: number) {
  let data: Record<string, unknown> = {};
  return {
    ...(quotaBytes === undefined ? {} : { QUOTA_BYTES: quotaBytes }),
    dump: () => structuredClone(data),
    load: (values: Record<string, unknown>) => void (data = structuredClone(values)),
    async get(keys?: string | string[] | null) {
      const wanted =
        keys === undefined || keys === null
          ? Object.keys(data)
          : Array.isArray(keys)
            ? keys
            : [keys];
      return Object.fromEntries(
        wanted.filter((k) => k in data).map((k) => [k, JSON.parse(JSON.stringify(data[k]))]),
      );
    },
    async set(values: Record<string, unknown>) {
      if (quotaBytes !== undefined) {
        const next = { ...data, ...values };
        const used = Object.entries(next).reduce(
          (sum, [k, v]) => sum + bytes(k) + bytes(JSON.stringify(v)),
          0,
        );
        if (used > quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
      }
      const changes: Record<string, { oldValue?: unknown; newValue: unknown }> = {};
      for (const [k, v] of Object.entries(values)) {
        changes[k] = { oldValue: data[k], newValue: v };
        data[k] = JSON.parse(JSON.stringify(v));
      }
      onChanged.emit(changes, name);
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

export function createFakeBrowser(options: { quotaBytes?: number } = {}) {
  const onChanged = event();
  const alarms = new Map<string, { name: string; scheduledTime: number }>();
  const granted = new Set<string>(['http://127.0.0.1/*']);
  let nextTabId = 100;
  let nextWindowId = 1;
  /** Windows the fake opened (`windows.create`), with their one tab. */
  const windows = new Map<number, { tabId: number; url: string }>();
  const closedTabs = new Set<number>();
  const windowsRemoved = event();
  const browser = {
    runtime: {
      id: 'fake-extension-id',
      getURL: (path: string) => `chrome-extension://fake-extension-id/${path.replace(/^\//, '')}`,
      getManifest: () => ({ version: '0.1.0' }),
      onMessage: event(),
      onStartup: event(),
      onInstalled: event(),
      sendMessage: vi.fn(),
    },
    storage: {
      local: storageArea('local', onChanged, options.quotaBytes),
      session: storageArea('session', onChanged),
      onChanged,
    },
    tabs: {
      create: vi.fn(async ({ url }: { url: string }) => ({ id: nextTabId++, url })),
      update: vi.fn(async (tabId: number, props: { url?: string; active?: boolean }) => {
        if (closedTabs.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
        for (const w of windows.values()) if (w.tabId === tabId && props.url) w.url = props.url;
        return { id: tabId, windowId: 1, ...props };
      }),
      query: vi.fn(async () => []),
      /** What a console tab's content script answers `background.setupReady` with. */
      sendMessage: vi.fn(
        async (_tabId: number, _message: unknown, _options?: unknown): Promise<unknown> => ({
          ok: true,
        }),
      ),
      onRemoved: event(),
    },
    windows: {
      create: vi.fn(async ({ url }: { url: string; type?: string; width?: number }) => {
        const id = nextWindowId++;
        const tabId = nextTabId++;
        windows.set(id, { tabId, url });
        return { id, tabs: [{ id: tabId, url }] };
      }),
      update: vi.fn(async (windowId: number, _props: { focused?: boolean }) => {
        if (windowId !== 1 && !windows.has(windowId))
          throw new Error(`No window with id: ${windowId}.`);
        return { id: windowId };
      }),
      onRemoved: windowsRemoved,
    },
    alarms: {
      create: vi.fn(
        async (name: string, info: { when: number }) =>
          void alarms.set(name, { name, scheduledTime: info.when }),
      ),
      clear: vi.fn(async (name: string) => alarms.delete(name)),
      get: async (name: string) => alarms.get(name),
      onAlarm: event(),
    },
    permissions: {
      contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) =>
        origins.every((o) => granted.has(o)),
      ),
      request: vi.fn(async () => true),
    },
    notifications: { create: vi.fn(async () => 'id') },
    action: {
      setBadgeText: vi.fn(async () => undefined),
      setBadgeBackgroundColor: vi.fn(async () => undefined),
      setTitle: vi.fn(async () => undefined),
    },
    i18n: { getMessage: () => '' },
  };
  /** The customer closes a window the fake opened: its tab goes, and `windows.onRemoved` fires. */
  const closeWindow = async (windowId: number) => {
    const w = windows.get(windowId);
    if (w) closedTabs.add(w.tabId);
    windows.delete(windowId);
    await Promise.all(windowsRemoved.emit(windowId));
  };
  return { browser, alarms, granted, windows, closeWindow };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
