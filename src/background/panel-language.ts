// A refusal for a console tab's guide panel in the console's language: the content scripts carry
// no problem wording (their size bound, docs/console.md), so the background says a coded problem
// with the popup's renderer, the one place problems are worded, from the language's own table.
import japanese from '../../public/_locales/ja/messages.json' with { type: 'json' };
import type { ConsoleTab, Reply } from '../core/messages.ts';
import { inTable, type MessageTable } from '../popup/i18n.ts';
import { problemText } from '../popup/problems.ts';

/** `reply` with its coded problem, if any, said in `language` (English stays as core said it). */
export function forPanel<T>(reply: Reply<T>, language: ConsoleTab['language']): Reply<T> {
  if (reply.ok || !reply.problem || language !== 'ja') return reply;
  const coded = reply.problem;
  return { ...reply, error: inTable(japanese as MessageTable, () => problemText(coded)) };
}
