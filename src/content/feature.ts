// The shape of a page feature (Refined GitHub's convention): one file per console page, each
// with a route predicate and an `init(context, signal)`; everything a feature adds or listens to
// is tied to `signal`, which is aborted when the single-page app navigates away.
import type { ContentSetup, ContentSetupReply, TrustVerdict } from '../core/content-setup.ts';
import type { Message, Reply } from '../core/messages.ts';
import type { Language } from './lib/labels.ts';
import type { GuidePanel } from './panel.ts';

export type FeatureContext = {
  /** The setup this tab works on, as the background sent it; null when there is none. */
  setup: ContentSetup | null;
  language: Language;
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
  /** Whether the feature runs on this hash-route path. */
  matches(path: string): boolean;
  /**
   * Whether the page shows what the feature serves (heading, labelled editor, buttons), for
   * pages whose route is unknown or has changed: checked as the page renders, on any route.
   */
  shows?(language: Language): boolean;
  init(context: FeatureContext, signal: AbortSignal): Promise<void>;
};
