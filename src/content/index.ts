// The content script on IAM console pages (the manifest limits it to console hosts' /iam paths).
// It tells the background where it is, and again on every hash-route change of the single-page app.
import { browser } from '../platform/browser.ts';
import { partitionFromHost } from '../core/partition.ts';

function announce(): void {
  // Only the route: the query part can hold an External ID, which the background does not need here.
  const route = location.hash.replace(/^#/, '').split('?')[0] ?? '';
  void browser.runtime.sendMessage({ type: 'content.hello', route }).catch(() => {
    // The background can be mid-restart; the next route change announces again.
  });
}

if (partitionFromHost(location.hostname) && window.top === window) {
  announce();
  window.addEventListener('hashchange', announce);
}
