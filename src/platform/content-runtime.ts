// The one browser API a content script needs, sending a message to the background, without the
// webextension-polyfill: the polyfill is a third of the content script's weight, and both
// browsers' MV3 `runtime.sendMessage` already return promises (Firefox's `browser`, Chrome's
// `chrome`). Everything else keeps using src/platform/browser.ts.
type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const api =
  (globalThis as { browser?: Runtime; chrome?: Runtime }).browser ??
  (globalThis as { chrome?: Runtime }).chrome;

export function sendMessage(message: unknown): Promise<unknown> {
  if (!api) return Promise.reject(new Error('No extension runtime here'));
  return api.runtime.sendMessage(message);
}
