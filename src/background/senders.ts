// Who sent a message, decided from what the browser says about the sender (uBlock Origin Lite's
// rule): a content script must be our own, in a tab's top frame, on an IAM or CloudFormation
// console page (docs/organizations.md), and says which; an
// extension page must be served from our own origin. Firefox does not set `sender.origin`, so
// the URL is what we check.
import type { Runtime } from '../platform/browser.ts';
import { partitionFromHost } from '../core/partition.ts';
import type { Partition } from '../core/partition.ts';

export type Sender =
  | {
      kind: 'content';
      tabId: number;
      url: URL;
      partition: Partition;
      /** Which console the page is: IAM events come only from IAM, stack set events only from CloudFormation. */
      console: ConsoleService;
    }
  | { kind: 'extension-page' }
  | { kind: 'unknown' };

export type ConsoleService = 'iam' | 'cloudformation';

/** The console a page's path belongs to, or null for any other (EC2, the console home…). */
export function consoleServiceOf(pathname: string): ConsoleService | null {
  if (/^\/iam(v2)?\//.test(pathname)) return 'iam';
  if (/^\/cloudformation\//.test(pathname)) return 'cloudformation';
  return null;
}

export function classifySender(
  sender: Runtime.MessageSender,
  runtimeId: string,
  extensionOrigin: string,
): Sender {
  if (sender.id !== runtimeId || !sender.url) return { kind: 'unknown' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'unknown' };
  }
  if (sender.tab?.id !== undefined) {
    const partition = url.protocol === 'https:' ? partitionFromHost(url.hostname) : null;
    const service = consoleServiceOf(url.pathname);
    if (partition && service && sender.frameId === 0) {
      return { kind: 'content', tabId: sender.tab.id, url, partition, console: service };
    }
  }
  if (`${url.protocol}//${url.host}` === extensionOrigin.replace(/\/$/, ''))
    return { kind: 'extension-page' };
  return { kind: 'unknown' };
}
