// A refusal for a console tab's guide panel in the console's language: the content scripts carry
// no problem wording (their size bound, docs/console.md), so the background says a coded problem
// with the popup's renderer, the one place problems are worded, from the language's own table.
import japanese from '../../public/_locales/ja/messages.json' with { type: 'json' };
import type { Reply } from '../core/messages.ts';
import { inTable, type MessageTable } from '../popup/i18n.ts';
import { problemText } from '../popup/problems.ts';
import { getConsoleTab } from './console-tabs.ts';

/**
 * `reply` to console tab `tabId`, its coded problem if any said in the language the tab's hello
 * named (English stays as core said it). The tab is looked up for a coded refusal only.
 */
export async function forPanel<T>(reply: Reply<T>, tabId: number): Promise<Reply<T>> {
  if (reply.ok || !reply.problem) return reply;
  if ((await getConsoleTab(tabId))?.language !== 'ja') return reply;
  const coded = reply.problem;
  return { ...reply, error: inTable(japanese as MessageTable, () => problemText(coded)) };
}
