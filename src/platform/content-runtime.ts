// The browser APIs a content script needs, messages to and from the background, without the
// webextension-polyfill: the polyfill is a third of the content script's weight, and both
// browsers' MV3 `runtime.sendMessage` already return promises (Firefox's `browser`, Chrome's
// `chrome`). Everything else keeps using src/platform/browser.ts.
type Sender = { id?: string; tab?: unknown };
type Runtime = {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(
        listener: (message: unknown, sender: Sender, respond: (answer: unknown) => void) => void,
      ): void;
    };
  };
};

const api =
  (globalThis as { browser?: Runtime; chrome?: Runtime }).browser ??
  (globalThis as { chrome?: Runtime }).chrome;

export function sendMessage(message: unknown): Promise<unknown> {
  if (!api) return Promise.reject(new Error('No extension runtime here'));
  return api.runtime.sendMessage(message);
}

/**
 * Calls back with what this extension's background sends the tab (`tabs.sendMessage`), and
 * answers `{ ok: true }` when `listener` took it. Anything from elsewhere (another extension, or
 * a content script, which has a tab) is dropped unanswered.
 */
export function onBackgroundMessage(listener: (message: unknown) => boolean): void {
  api?.runtime.onMessage.addListener((message, sender, respond) => {
    if (sender.id !== api.runtime.id || sender.tab !== undefined) return;
    if (listener(message)) respond({ ok: true });
  });
}
