// Inside Playwright's evaluate() callbacks on extension pages and the service worker, `chrome` is
// the browser's own API; in MV3 it returns promises like the polyfill's `browser`.
declare const chrome: import('webextension-polyfill').Browser;
