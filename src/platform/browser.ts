// The one place that touches the WebExtension API. Everything else imports `browser` from here,
// so unit tests replace this module instead of mocking the polyfill, and browser differences
// (Chrome's service worker vs Firefox's event page) are decided in one file.
import browser from 'webextension-polyfill';

export type { Runtime, Storage, Tabs, Alarms, Permissions } from 'webextension-polyfill';
export { browser };

/** Which browser we run in, for the report's `client.browser` and the few places that differ. */
export function browserName(): 'chrome' | 'firefox' {
  return browser.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chrome';
}

/** Calls back with the origins the customer has just granted (`permissions.onAdded`). */
export function onOriginsAdded(listener: (origins: string[]) => void): void {
  browser.permissions.onAdded.addListener((granted) => listener(granted.origins ?? []));
}
