// A PopupApi for component tests: built-in profiles from the examples, state held in memory,
// and a record of every call the popup makes.
import type { PopupApi } from '../../src/popup/api.ts';
import type {
  LinkStartInput,
  LinkView,
  PopupStateValue,
  Reply,
  SetupStartInput,
} from '../../src/core/messages.ts';
import { parseProfile, type ServiceProfile } from '../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';

export const EXAMPLES: ServiceProfile[] = EXAMPLE_PROFILES.map((p) => {
  const parsed = parseProfile(p);
  if (!parsed.ok) throw new Error('example profile invalid');
  return parsed.value;
});

export type FakeApi = PopupApi & {
  calls: { method: string; args: unknown[] }[];
  state_: PopupStateValue;
  grant: boolean;
  /** Whether the console hosts are allowed (the customer may have revoked them). */
  consoleAccess: boolean;
  copied: string[];
  /** What `link(id)` answers (the link window). */
  link_: Reply<LinkView>;
};

export function fakePopupApi(overrides: Partial<PopupStateValue> = {}): FakeApi {
  const calls: FakeApi['calls'] = [];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const api: FakeApi = {
    calls,
    grant: true,
    consoleAccess: true,
    copied: [],
    link_: { ok: false, error: 'No such link.' },
    state_: { setups: [], importedProfiles: [], connections: [], diagnostics: [], ...overrides },
    builtinProfiles: EXAMPLES,
    // As vitest.config.ts resolves `virtual:crossrole/build`; a test of the store build sets false.
    developmentBuild: true,
    state: async () => api.state_,
    activeConsoleTab: async () => null,
    start: async (input: SetupStartInput) => {
      record('start', input);
      return {
        ok: true,
        value: { setupId: 'setup-1', url: 'https://console.aws.amazon.com/iam/home' },
      };
    },
    retry: async (id) => (record('retry', id), { ok: true, value: null }),
    discard: async (id) => (record('discard', id), { ok: true, value: null }),
    disconnect: async (id) => (
      record('disconnect', id),
      {
        ok: true,
        value: { setupId: 'disconnect-1', url: 'https://console.aws.amazon.com/iam/home#/roles' },
      }
    ),
    update: async (id, levelId) => (
      record('update', id, levelId),
      {
        ok: true,
        value: { setupId: 'update-1', url: 'https://console.aws.amazon.com/iam/home#/roles' },
      }
    ),
    saveProfile: async (profile) => (record('saveProfile', profile), { ok: true, value: null }),
    removeProfile: async (id) => (record('removeProfile', id), { ok: true, value: null }),
    clearDiagnostics: async () => (record('clearDiagnostics'), { ok: true, value: null }),
    requestOrigin: async (origin) => (record('requestOrigin', origin), api.grant),
    hasConsoleAccess: async () => api.consoleAccess,
    requestConsoleAccess: async () => {
      record('requestConsoleAccess');
      api.consoleAccess = api.grant;
      return api.grant;
    },
    copy: async (text) => void api.copied.push(text),
    link: async (linkId) => (record('link', linkId), api.link_),
    startLink: async (linkId: string, input: LinkStartInput) => {
      record('startLink', linkId, input);
      return {
        ok: true,
        value: { setupId: 'setup-1', url: 'https://console.aws.amazon.com/iam/home' },
      };
    },
    dismissLink: async (linkId) => (record('dismissLink', linkId), { ok: true, value: null }),
    closeWindow: () => void record('closeWindow'),
    onChange: () => () => undefined,
    now: () => new Date('2026-11-24T12:00:00Z'),
    version: () => '0.1.0',
  };
  return api;
}
