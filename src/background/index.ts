// The background: a service worker in Chrome, an event page in Firefox. Every listener is
// registered synchronously here, before any await, so a worker woken by an event gets it.
// Globals are a cache; the truth is in extension storage.
import { browser, onOriginsAdded, type Runtime } from '../platform/browser.ts';
import { handleMessage } from './router.ts';
import { forgetConsoleTab } from './console-tabs.ts';
import { DELIVERY_ALARM, deliverDue, deliverWaitingForPermission } from './delivery.ts';
import { showBadge } from './badge.ts';
import { LINKS_ALARM, linkWindowClosed, sweepLinks } from './links.ts';
import { loadSetups, sweepTokens } from './store.ts';

const refreshBadge = () => loadSetups().then(showBadge, () => undefined);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  handleMessage(message, sender),
);
browser.tabs.onRemoved.addListener((tabId) => void forgetConsoleTab(tabId));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === DELIVERY_ALARM) void deliverDue();
  if (alarm.name === LINKS_ALARM) void sweepLinks();
});
// The link window closed without Confirm or Dismiss: the link it showed is abandoned.
browser.windows.onRemoved.addListener((windowId) => void linkWindowClosed(windowId));
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') void refreshBadge();
});
// The customer allowed a report origin in the popup: what waited for it goes now, not at its
// next backoff.
onOriginsAdded((origins) => {
  if (origins.length) void deliverWaitingForPermission();
});
// A browser restart or an update: pick up reports that were waiting.
browser.runtime.onStartup.addListener(() => void deliverDue());
browser.runtime.onInstalled.addListener(() => void deliverDue());

void refreshBadge();
// Tokens of setups that ended or expired while no worker ran go first; deliverDue sweeps again.
void sweepTokens().catch(() => undefined);
void deliverDue();
