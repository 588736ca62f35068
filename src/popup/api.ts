// Everything the popup asks of the browser and the background, behind one interface so the
// component tests give the popup a fake and check what it asked for.
import builtinProfiles from 'virtual:crossrole/builtin-profiles';
import { developmentBuild } from 'virtual:crossrole/build';
import { browser } from '../platform/browser.ts';
import type {
  ConsoleTab,
  LinkStartInput,
  LinkView,
  Message,
  PopupStateValue,
  Reply,
  SetupStarted,
  SetupStartInput,
} from '../core/messages.ts';
import { problem as problemOf } from '../core/problems.ts';
import { refusal } from '../core/refusal.ts';
import { parseReply, type REPLIES } from '../core/replies.ts';
import { refusalText } from './problems.ts';
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
  /** Starts the disconnect of a connection (docs/lifecycle.md): its role's page opens. */
  disconnect(connectionId: string): Promise<Reply<SetupStarted>>;
  /** Starts a check and update of a connection at a level (docs/lifecycle.md): its role's page opens. */
  update(connectionId: string, levelId: string): Promise<Reply<SetupStarted>>;
  saveProfile(profile: ServiceProfile): Promise<Reply<null>>;
  removeProfile(profileId: string): Promise<Reply<null>>;
  clearDiagnostics(): Promise<Reply<null>>;
  /** Asks the browser for a report origin; must run inside a click handler. */
  requestOrigin(origin: string): Promise<boolean>;
  /** Whether the content scripts may run on every partition's console (the customer can revoke it). */
  hasConsoleAccess(): Promise<boolean>;
  /** Asks the browser for the console hosts again; must run inside a click handler. */
  requestConsoleAccess(): Promise<boolean>;
  copy(text: string): Promise<void>;
  /** The link window (`?link=<id>`): the pending link the background holds. */
  link(linkId: string): Promise<Reply<LinkView>>;
  /** "Confirm and allow" in the link window, after the report origin was allowed. */
  startLink(linkId: string, input: LinkStartInput): Promise<Reply<SetupStarted>>;
  dismissLink(linkId: string): Promise<Reply<null>>;
  /** Closes the link window. */
  closeWindow(): void;
  /** Calls back whenever the background's state changes; returns the unsubscribe. */
  onChange(callback: () => void): () => void;
  now(): Date;
  /** The extension's version, for the diagnostic. */
  version(): string;
}

type Type = Message['type'] & keyof typeof REPLIES;
/** A message's fields but its type (and the request id, which `request` adds). */
type Fields<K extends Type> = Omit<Extract<Message, { type: K }>, 'type' | 'requestId'>;

/** Sends to the background; its answer is checked against the message's reply schema. */
async function send<K extends Type>(type: K, fields: Fields<K>) {
  return parseReply(type, await browser.runtime.sendMessage({ ...fields, type }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request that changes state with one request id for all its tries. A worker stopped
 * while answering drops the reply ("message channel closed before a response was received", or
 * no answer at all): the same request is sent again, a few times with backoff, and the
 * background answers a repeated id with the first outcome, so nothing is done twice.
 */
export async function request<K extends Type>(type: K, fields: Fields<K>) {
  const requestId = crypto.randomUUID();
  let problem = 'no answer';
  for (let attempt = 0; attempt < REQUEST_TRIES; attempt += 1) {
    if (attempt > 0) await sleep(REQUEST_RETRY_BASE_MS * 2 ** (attempt - 1));
    try {
      const answer: unknown = await browser.runtime.sendMessage({ ...fields, type, requestId });
      if (answer !== undefined) return parseReply(type, answer);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  return refusal(problemOf('backgroundNoAnswer', { tries: REQUEST_TRIES, detail: problem }));
}

async function unwrap<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answer = await reply;
  // Said in the popup's language where the refusal is coded.
  if (!answer.ok) throw new Error(refusalText(answer));
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
  state: () => unwrap(send('popup.state', {})),
  async activeConsoleTab() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return null;
    const reply = await send('popup.activeTab', { tabId: tab.id });
    return reply.ok ? reply.value : null;
  },
  start: (input) => request('setup.start', input),
  retry: (setupId) => request('setup.retry', { setupId }),
  discard: (setupId) => request('setup.discard', { setupId }),
  disconnect: (connectionId) => request('connection.disconnect', { connectionId }),
  update: (connectionId, levelId) => request('connection.update', { connectionId, levelId }),
  saveProfile: (profile) => request('profile.save', { profile }),
  removeProfile: (profileId) => request('profile.remove', { profileId }),
  clearDiagnostics: () => send('diagnostics.clear', {}),
  requestOrigin: (origin) => browser.permissions.request({ origins: [originPermission(origin)] }),
  hasConsoleAccess: async () => coversConsole((await browser.permissions.getAll()).origins ?? []),
  requestConsoleAccess: () =>
    browser.permissions.request({ origins: [...CONSOLE_ORIGIN_PATTERNS] }),
  copy: (text) => navigator.clipboard.writeText(text),
  link: (linkId) => send('link.get', { linkId }),
  startLink: (linkId, input) => request('link.start', { ...input, linkId }),
  dismissLink: (linkId) => request('link.dismiss', { linkId }),
  closeWindow: () => window.close(),
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
