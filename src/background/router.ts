// Every message the background accepts, validated and checked against its sender before acting.
import * as z from 'zod/mini';
import { browser, type Runtime } from '../platform/browser.ts';
import { Message, type Reply } from '../core/messages.ts';
import { classifySender } from './senders.ts';
import { getConsoleTab, rememberConsoleTab } from './console-tabs.ts';

export async function handleMessage(
  raw: unknown,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  const parsed = z.safeParse(Message, raw);
  if (!parsed.success) return { ok: false, error: 'Message not understood' };
  const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
  const message = parsed.data;

  switch (message.type) {
    case 'content.hello': {
      if (from.kind !== 'content') return { ok: false, error: 'Not sent from an IAM console page' };
      await rememberConsoleTab({
        tabId: from.tabId,
        partition: from.partition,
        host: from.url.hostname,
        route: message.route,
        seenAt: Date.now(),
      });
      return { ok: true, value: null };
    }
    case 'popup.activeTab': {
      if (from.kind !== 'extension-page')
        return { ok: false, error: 'Not sent from the extension' };
      return { ok: true, value: await getConsoleTab(message.tabId) };
    }
    default:
      return { ok: false, error: `Not handled yet: ${message.type}` };
  }
}
