// The content script on IAM console pages (the manifest limits it to the console hosts' /iam
// paths, and it checks the host again). On every hash-route change of the single-page app it
// tears down the previous page's features, tells the background where it is (unless the
// background's own reply sent it there), and starts the features of the new page with the setup
// the background says this tab works on.
import { onBackgroundMessage, sendMessage } from '../platform/content-runtime.ts';
import {
  parseContentSetupReply,
  parseSetupReady,
  parseTrustReply,
  type ContentSetup,
  type ContentSetupReply,
} from '../core/content-setup.ts';
import type { Message } from '../core/messages.ts';
import { parseHashRoute } from '../core/console-links.ts';
import { partitionFromHost } from '../core/partition.ts';
import { actsFor, type FeatureContext } from './feature.ts';
import { FEATURES } from './features/index.ts';
import { waitFor } from './lib/dom.ts';
import { consoleLanguage } from './lib/labels.ts';
import { pageOutline } from './lib/outline.ts';
import { GuidePanel } from './panel.ts';

let current: { path: string; controller: AbortController } | null = null;
const memory = new Map<string, string>();

/**
 * The page the background's last reply sent this tab to, with the setup it gave: that page
 * starts with it and does not announce itself again (the background recorded the route).
 */
let sentTo: { path: string; setup: ContentSetup | null } | null = null;

/** The access-keys panel's words, as the last hello's reply gave them (src/core/panel-words.ts). */
let words: Readonly<Record<string, string>> = {};

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

async function send(message: Message): Promise<ContentSetupReply> {
  const reply = await ask(message, parseContentSetupReply);
  if (reply.ok && reply.next)
    sentTo = { path: parseHashRoute(reply.next.hash).path, setup: reply.value };
  return reply;
}

/** The route without role or policy names, for diagnostics the customer may share. */
function redactRoute(path: string, roleName?: string): string {
  const named = path.replace(/\/(details|edit_trust_policy|edit)\/[^/]+/g, '/$1/*');
  // Routes Crossrole does not know may carry the role's name anywhere.
  return roleName ? named.split(encodeURIComponent(roleName)).join('*') : named;
}

/** `force`: the background said a setup now runs in this tab, so the same page starts again. */
async function onRoute(force = false): Promise<void> {
  const { path, query } = parseHashRoute(location.hash);
  // The wizard writes its state into the hash query: only a new path is a new page.
  if (current?.path === path && !force) return;
  current?.controller.abort();
  const controller = new AbortController();
  current = { path, controller };
  const signal = controller.signal;

  const carried = sentTo?.path === path ? sentTo : null;
  sentTo = null;
  // Only the path: the query can hold an External ID, which the background does not need here.
  const language = consoleLanguage();
  const reply = carried
    ? { ok: true as const, value: carried.setup }
    : await send({ type: 'content.hello', route: path, language });
  if (signal.aborted) return;
  if (reply.ok && reply.words) words = reply.words;
  const setup = reply.ok ? reply.value : null;
  // Features act only for a setup of this tab, each for the methods and states it declares.
  if (!setup) return;
  let panel: GuidePanel | null = null;
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
  for (const feature of FEATURES) {
    if (!actsFor(feature, setup)) continue;
    const byRoute = feature.matches?.(path) === true;
    if (!byRoute && !feature.shows) continue;
    // The page's outline goes with the feature's first miss on this page only (misses repeat).
    let outlined = false;
    const miss = (field: string) => {
      const outline = outlined
        ? undefined
        : pageOutline(undefined, [
            setup.roleName,
            setup.externalId,
            ...setup.customPolicies.map((p) => p.name),
          ]);
      outlined = true;
      void send({
        type: 'content.locatorMiss',
        feature: feature.id,
        field,
        language,
        route: redactRoute(path, setup.roleName),
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

if (partitionFromHost(location.hostname) && window.top === window) {
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
