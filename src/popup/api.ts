// Everything the popup asks of the browser and the background, behind one interface so the
// component tests give the popup a fake and check what it asked for.
import builtinProfiles from 'virtual:crossrole/builtin-profiles';
import { developmentBuild } from 'virtual:crossrole/build';
import { browser } from '../platform/browser.ts';
import type {
  ConsoleTab,
  PopupStateValue,
  Reply,
  SetupStarted,
  SetupStartInput,
} from '../core/messages.ts';
import { REQUEST_RETRY_BASE_MS, REQUEST_TRIES } from '../core/limits.ts';
import { CONSOLE_ORIGIN_PATTERNS, coversConsole } from '../core/partition.ts';
import type { ServiceProfile } from '../core/profile.ts';

export interface PopupApi {
  builtinProfiles: readonly ServiceProfile[];
  /** A development build (`npm run build -- --development`): loopback report addresses allowed. */
  developmentBuild: boolean;
  state(): Promise<PopupStateValue>;
  /** The active tab, when it is an IAM console page the background has heard from. */
  activeConsoleTab(): Promise<ConsoleTab | null>;
  start(input: SetupStartInput): Promise<Reply<SetupStarted>>;
  retry(setupId: string): Promise<Reply<null>>;
  discard(setupId: string): Promise<Reply<null>>;
  saveProfile(profile: ServiceProfile): Promise<Reply<null>>;
  removeProfile(profileId: string): Promise<Reply<null>>;
  clearDiagnostics(): Promise<Reply<null>>;
  /** Whether the extension may reach a report origin (built-in ones are in the manifest). */
  hasOrigin(origin: string): Promise<boolean>;
  /** Asks the browser for a report origin; must run inside a click handler. */
  requestOrigin(origin: string): Promise<boolean>;
  /** Whether the content scripts may run on every partition's console (the customer can revoke it). */
  hasConsoleAccess(): Promise<boolean>;
  /** Asks the browser for the console hosts again; must run inside a click handler. */
  requestConsoleAccess(): Promise<boolean>;
  copy(text: string): Promise<void>;
  /** Calls back whenever the background's state changes; returns the unsubscribe. */
  onChange(callback: () => void): () => void;
  now(): Date;
  /** The extension's version, for the diagnostic. */
  version(): string;
}

const send = <T>(message: unknown) => browser.runtime.sendMessage(message) as Promise<Reply<T>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request that changes state with one request id for all its tries. A worker stopped
 * while answering drops the reply ("message channel closed before a response was received", or
 * no answer at all): the same request is sent again, a few times with backoff, and the
 * background answers a repeated id with the first outcome, so nothing is done twice.
 */
export async function request<T>(message: Record<string, unknown>): Promise<Reply<T>> {
  const requestId = crypto.randomUUID();
  let problem = 'no answer';
  for (let attempt = 0; attempt < REQUEST_TRIES; attempt += 1) {
    if (attempt > 0) await sleep(REQUEST_RETRY_BASE_MS * 2 ** (attempt - 1));
    try {
      const answer = (await browser.runtime.sendMessage({ ...message, requestId })) as
        Reply<T> | undefined;
      if (answer !== undefined) return answer;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    ok: false,
    error: `Crossrole's background did not answer after ${REQUEST_TRIES} tries (${problem}). Check the connections in progress before you try again.`,
  };
}

async function unwrap<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
}

/** A match pattern for an origin: ports are not part of match patterns. */
export function originPermission(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export const browserApi: PopupApi = {
  builtinProfiles,
  developmentBuild,
  state: () => unwrap(send<PopupStateValue>({ type: 'popup.state' })),
  async activeConsoleTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    const reply = await send<ConsoleTab | null>({ type: 'popup.activeTab', tabId: tab.id });
    return reply.ok ? reply.value : null;
  },
  start: (input) => request<SetupStarted>({ type: 'setup.start', ...input }),
  retry: (setupId) => request<null>({ type: 'setup.retry', setupId }),
  discard: (setupId) => request<null>({ type: 'setup.discard', setupId }),
  saveProfile: (profile) => request<null>({ type: 'profile.save', profile }),
  removeProfile: (profileId) => request<null>({ type: 'profile.remove', profileId }),
  clearDiagnostics: () => send<null>({ type: 'diagnostics.clear' }),
  hasOrigin: (origin) => browser.permissions.contains({ origins: [originPermission(origin)] }),
  requestOrigin: (origin) => browser.permissions.request({ origins: [originPermission(origin)] }),
  hasConsoleAccess: async () => coversConsole((await browser.permissions.getAll()).origins ?? []),
  requestConsoleAccess: () =>
    browser.permissions.request({ origins: [...CONSOLE_ORIGIN_PATTERNS] }),
  copy: (text) => navigator.clipboard.writeText(text),
  onChange(callback) {
    const listener = (_changes: unknown, area: string) => {
      if (area === 'local') callback();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  now: () => new Date(),
  version: () => browser.runtime.getManifest().version,
};
