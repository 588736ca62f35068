// The runner of a console app's content script (IAM's, CloudFormation's: each entry passes its
// own features; the manifest limits each to its app's paths on the console hosts, and the runner
// checks the host again). On every hash-route change of the single-page app it tears down the
// previous page's features, tells the background where it is (unless the background's own reply
// sent it there), and starts the features of the new page with the setup the background says
// this tab works on.
import { onBackgroundMessage, sendMessage } from '../../platform/content-runtime.ts';
import {
  parseContentSetupReply,
  parseSetupReady,
  parseTrustReply,
  type ContentSetup,
  type ContentSetupReply,
  type PlanCheck,
} from '../../core/content-setup.ts';
import type { Message } from '../../core/messages.ts';
import { parseHashRoute } from '../../core/console-links.ts';
import { partitionFromHost } from '../../core/partition.ts';
import {
  actsFor,
  type ConnectedRolesContext,
  type Feature,
  type FeatureContext,
} from '../feature.ts';
import { GuidePanel } from '../panel.ts';
import { waitFor } from './dom.ts';
import { useWords } from './i18n.ts';
import { consoleLanguage } from './labels.ts';
import { pageOutline } from './outline.ts';
import { sessionAccountId } from './session.ts';

type Refusal = { ok: false; error: string };

/** How long a message to the background is tried again before the panel says it failed. */
const ASK_FOR_MS = 30_000;

/** Sends to the background; its answer is validated (by `parse`) like any other input. */
async function ask<R>(
  message: Message,
  parse: (answer: unknown) => R | null,
): Promise<R | Refusal> {
  let answer: unknown;
  // A service worker stopped mid-message drops it: try again while it restarts, which can take
  // seconds on a busy machine. What the page reports is a fact (a role was created), so it is
  // worth asking for a while rather than leaving the customer with an unreported role.
  const giveUpAt = Date.now() + ASK_FOR_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      answer = await sendMessage(message);
      if (answer !== undefined) break;
    } catch {
      // The worker is restarting; retried below.
    }
    if (Date.now() >= giveUpAt) {
      return {
        ok: false,
        error: 'Crossrole could not reach its background (it may be restarting).',
      };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 3000)));
  }
  return parse(answer) ?? { ok: false, error: 'Crossrole did not understand its background.' };
}

/**
 * The route without role, policy or stack set names, for diagnostics the customer may share.
 * `names`: the setup's own names, which routes Crossrole does not know may carry anywhere.
 */
function redactRoute(path: string, names: readonly string[]): string {
  const named = path.replace(/\/(details|edit_trust_policy|edit)\/[^/]+/g, '/$1/*');
  return names.reduce(
    (route, name) => (name ? route.split(encodeURIComponent(name)).join('*') : route),
    named,
  );
}

export type RunnerOptions = {
  /**
   * The page a route belongs to: features start again only when it changes. Default: the path
   * (the wizard writes its state into the hash query); a stack set's tabs are one page.
   */
  pageOf?(path: string): string;
  /** The check of a stack set plan, for the one app that is given one (CloudFormation's). */
  isPlan?: PlanCheck;
  /** Connected roles on a page with no setup (IAM's, docs/lifecycle.md). */
  connectedRoles?(context: ConnectedRolesContext, signal: AbortSignal): Promise<void>;
};

/** Starts `features` on this console tab's pages, for the setup the background gives it. */
export function runContentScript(features: readonly Feature[], options: RunnerOptions = {}): void {
  if (!partitionFromHost(location.hostname) || window.top !== window) return;
  const pageOf = options.pageOf ?? ((path: string) => path);
  let current: { page: string; controller: AbortController } | null = null;
  const memory = new Map<string, string>();
  /**
   * The page the background's last reply sent this tab to, with the setup it gave: that page
   * starts with it and does not announce itself again (the background recorded the route).
   */
  let sentTo: { path: string; setup: ContentSetup | null } | null = null;
  /** The panel's words, as the last hello's reply gave them (src/core/iam-words.ts). */
  let words: Readonly<Record<string, string>> = {};

  async function send(message: Message): Promise<ContentSetupReply> {
    const reply = await ask(message, (answer) => parseContentSetupReply(answer, options.isPlan));
    if (reply.ok && reply.next)
      sentTo = { path: parseHashRoute(reply.next.hash).path, setup: reply.value };
    return reply;
  }

  /** `force`: the background said a setup now runs in this tab, so the same page starts again. */
  async function onRoute(force = false): Promise<void> {
    const { path, query } = parseHashRoute(location.hash);
    const page = pageOf(path);
    if (current?.page === page && !force) return;
    current?.controller.abort();
    const controller = new AbortController();
    current = { page, controller };
    const signal = controller.signal;

    const carried = sentTo?.path === path ? sentTo : null;
    sentTo = null;
    // Only the path: the query can hold an External ID, which the background does not need here.
    const language = consoleLanguage();
    const reply = carried
      ? { ok: true as const, value: carried.setup }
      : await send({
          type: 'content.hello',
          route: path,
          language,
          sessionAccountId: sessionAccountId(),
        });
    if (signal.aborted) return;
    if (reply.ok && reply.words) useWords((words = reply.words));
    const setup = reply.ok ? reply.value : null;
    // Features act only for a setup of this tab, each for the methods and states it declares;
    // without one, a page may still show a connected role (docs/lifecycle.md).
    if (!setup) {
      const connections = (reply.ok && reply.connections) || [];
      const services = (reply.ok && reply.services) || [];
      if ((connections.length || services.length) && options.connectedRoles) {
        let shownPanel: GuidePanel | null = null;
        void options.connectedRoles(
          {
            connections,
            services,
            path,
            language,
            words,
            send,
            panel: () => (shownPanel ??= new GuidePanel(signal, language)),
          },
          signal,
        );
      }
      return;
    }
    let panel: GuidePanel | null = null;
    // The setup's own names and values, kept out of diagnostics (a stack set's too).
    const plan = setup.organization;
    const routeNames = [setup.roleName, ...(plan ? [plan.stackSetName] : [])];
    const secrets = [
      setup.roleName,
      setup.externalId,
      ...setup.customPolicies.map((p) => p.name),
      ...(plan ? [plan.stackSetName, ...plan.parameters.map((p) => p.value)] : []),
    ];
    const context: FeatureContext = {
      setup,
      language,
      words,
      path,
      query,
      send,
      judgeTrust: (action, text) =>
        ask({ type: 'content.trust', setupId: setup.id, action, text }, parseTrustReply),
      miss: () => undefined,
      panel: () => (panel ??= new GuidePanel(signal, language)),
      memory,
    };
    for (const feature of features) {
      if (!actsFor(feature, setup)) continue;
      const byRoute = feature.matches?.(path) === true;
      if (!byRoute && !feature.shows) continue;
      // The page's outline goes with the feature's first miss on this page only (misses repeat).
      let outlined = false;
      const miss = (field: string) => {
        const outline = outlined ? undefined : pageOutline(undefined, secrets);
        outlined = true;
        void send({
          type: 'content.locatorMiss',
          feature: feature.id,
          field,
          language,
          route: redactRoute(path, routeNames),
          outline,
        });
      };
      const featureContext = { ...context, miss };
      // A page known by what it shows starts once it shows it (the console renders late).
      const shown = byRoute
        ? Promise.resolve(true)
        : waitFor(() => (feature.shows?.(language) ? true : null), {
            signal,
            timeoutMs: 24 * 60 * 60 * 1000,
          });
      void shown
        .then((ready) =>
          ready && !signal.aborted ? feature.init(featureContext, signal) : undefined,
        )
        .catch((error: unknown) =>
          console.warn(
            `Crossrole: ${feature.id} stopped:`,
            error instanceof Error ? error.message : 'unknown error',
          ),
        );
    }
  }

  void onRoute();
  window.addEventListener('hashchange', () => void onRoute());
  // A link's setup was confirmed in Crossrole's window (docs/vendors.md §6): go on in this page
  // as it is, or on the setup's first page (Create policy first) when it is another.
  onBackgroundMessage((message) => {
    const ready = parseSetupReady(message);
    if (!ready) return false;
    if (parseHashRoute(ready.hash).path === parseHashRoute(location.hash).path) void onRoute(true);
    else location.hash = ready.hash;
    return true;
  });
}
