// The link pickup (docs/vendors.md §6, docs/security.md "Links from a service"): at
// document_start on a console IAM page, before the console's own scripts rewrite the URL, it
// looks once for `crossrole=<connection code>` on the Create role wizard's hash route. It takes
// the parameter out of the address bar (the code carries a report token, which must not stay in
// the URL or the history) and hands the code to the background, which only makes a pending link
// for the customer to review in Crossrole's own window. Nothing starts, fills or sends here. It
// listens to nothing: a page script that rewrites the hash later cannot make it run again.
import { sendMessage } from '../platform/content-runtime.ts';
import { hashWithoutCode, linkCodeOf } from '../core/connection-link.ts';
import { partitionFromHost } from '../core/partition.ts';

const code =
  partitionFromHost(location.hostname) && window.top === window ? linkCodeOf(location.hash) : null;
if (code !== null) {
  history.replaceState(
    history.state,
    '',
    location.pathname + location.search + hashWithoutCode(location.hash),
  );
  // A worker stopped mid-message drops it: tried again while it restarts, at most three times.
  const send = (attempt: number): void =>
    void sendMessage({ type: 'content.link', code }).then(
      (answer) => {
        if (answer === undefined && attempt < 2) setTimeout(() => send(attempt + 1), 300);
      },
      () => {
        if (attempt < 2) setTimeout(() => send(attempt + 1), 300);
      },
    );
  send(0);
}
