// The shape of a page feature (Refined GitHub's convention): one file per console page, each
// declaring where it runs (a route predicate, or what the page shows) and for which setups (the
// method and where the setup stands), and an `init(context, signal)`; everything a feature adds
// or listens to is tied to `signal`, which is aborted when the single-page app navigates away.
import type {
  ConnectionView,
  ContentSetup,
  KnownService,
  ContentSetupReply,
  TrustVerdict,
} from '../core/content-setup.ts';
import type { Message, Reply } from '../core/messages.ts';
import type { SetupState } from '../core/setup.ts';
import type { Language } from './lib/labels.ts';
import type { GuidePanel } from './panel.ts';

export type FeatureContext = {
  /** The setup this tab works on, as the background sent it (features run only with one). */
  setup: ContentSetup;
  language: Language;
  /** The panel's words in the console's language, as the background sent them (iam-words.ts). */
  words: Readonly<Record<string, string>>;
  /** The hash route's path (`/roles/create`) and query. */
  path: string;
  query: URLSearchParams;
  /**
   * The background's answer, validated: the setup as it now stands (or null), or why not, and
   * where the tab goes next when the background says (`next.hash`, for `location.hash`).
   */
  send(message: Message): Promise<ContentSetupReply>;
  /** The background's verdict on a trust policy the page shows (`check`) or holds (`merge`). */
  judgeTrust(action: 'check' | 'merge', text: string | null): Promise<Reply<TrustVerdict>>;
  /** Records that a locator found nothing (field name only, no page data). */
  miss(field: string): void;
  /** The guide panel, created on first use and removed with the feature. */
  panel(): GuidePanel;
  /** Remembered across soft navigations within this tab (content-script globals survive them). */
  memory: Map<string, string>;
};

export type Feature = {
  id: string;
  /** The hash-route paths the feature runs on. */
  matches?(path: string): boolean;
  /**
   * Whether the page shows what the feature serves (heading, labelled editor, buttons), for
   * pages whose route is unknown or has changed: checked as the page renders, on any route.
   */
  shows?(language: Language): boolean;
  /** The setup methods the feature acts for. */
  modes: readonly ContentSetup['mode'][];
  /** Where the setup must stand (the background hands a tab only unfinished setups). */
  states: readonly SetupState[];
  init(context: FeatureContext, signal: AbortSignal): Promise<void>;
};

export const ANY_MODE = ['create-role', 'update-trust', 'access-keys'] as const;

/** Whether `feature` acts for `setup`: checked once, by the content script, for every feature. */
export const actsFor = (feature: Feature, setup: ContentSetup): boolean =>
  feature.modes.includes(setup.mode) && (feature.states as readonly string[]).includes(setup.state);

/**
 * What a page with no setup is given when it shows connected roles (docs/lifecycle.md): the
 * roles, and the same means as a feature's context.
 */
export type ConnectedRolesContext = Pick<
  FeatureContext,
  'path' | 'language' | 'words' | 'send' | 'panel'
> & {
  connections: readonly ConnectionView[];
  /** On a role page where none is connected: the services its trust may name. */
  services: readonly KnownService[];
};
