// Popup strings come from the extension's _locales (English at least). `{1}`…`{9}` mark values;
// the English table is the fallback where `i18n.getMessage` has nothing (component tests).
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { browser } from '../platform/browser.ts';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, ...values: (string | number)[]): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key);
  } catch {
    // Outside an extension page.
  }
  if (!text) text = english[key].message;
  return text.replace(/\{(\d)\}/g, (_, n: string) => String(values[Number(n) - 1] ?? ''));
}
