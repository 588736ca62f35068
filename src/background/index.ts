// The background: a service worker in Chrome, an event page in Firefox. Every listener is
// registered synchronously here, before any await, so a worker woken by an event gets it.
// Globals are a cache; the truth is in extension storage.
import { browser, type Runtime } from '../platform/browser.ts';
import { handleMessage } from './router.ts';
import { forgetConsoleTab } from './console-tabs.ts';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender),
);
browser.tabs.onRemoved.addListener((tabId) => void forgetConsoleTab(tabId));
