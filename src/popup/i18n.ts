// Popup strings come from the extension's _locales (English and Japanese): the browser picks the
// file by its UI language. `{1}`…`{9}` mark values; numbers among them are formatted for the
// language shown. Where `i18n.getMessage` has nothing (component tests, outside an extension
// page) a fallback table answers: English, or the one a test sets with `setLanguage`. Only
// English is bundled for it, since in the extension getMessage always answers.
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { browser } from '../platform/browser.ts';

export type MessageKey = keyof typeof english;
export type MessageTable = Record<MessageKey, { message: string }>;

/** Keys with `<key>_one` / `<key>_other` forms, chosen by `plural`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];

let fallback: MessageTable = english;

/** The table that answers where getMessage has nothing; tests render Japanese with it. */
export function setLanguage(table: MessageTable): void {
  fallback = table;
}

/** While set, the one table that answers (no getMessage): see `inTable`. */
let only: MessageTable | null = null;

/**
 * `render` with `table` alone answering, for a language other than the browser's: the background
 * says a refusal in a console tab's language (src/background/panel-language.ts). Synchronous, so
 * nothing else renders meanwhile.
 */
export function inTable<T>(table: MessageTable, render: () => T): T {
  const before = only;
  only = table;
  try {
    return render();
  } finally {
    only = before;
  }
}

function message(key: MessageKey): string {
  if (only) return only[key].message;
  let text = '';
  try {
    text = browser.i18n.getMessage(key);
  } catch {
    // Outside an extension page.
  }
  return text || fallback[key].message;
}

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/**
 * The language of the texts shown, as a BCP 47 tag: the UI language when the browser found a
 * messages file for it (so "en-GB" keeps its region for numbers), else the language of the file
 * it fell back to. A UI language Crossrole has no file for must not set plural rules, number
 * formats or `<html lang>` for English text.
 */
export function language(): string {
  const shown = message('messagesLanguage') || 'en';
  if (only) return shown;
  let ui = '';
  try {
    ui = browser.i18n.getUILanguage().replace(/_/g, '-');
  } catch {
    // Outside an extension page.
  }
  if (!ui || primary(ui) !== primary(shown)) return shown;
  try {
    return Intl.getCanonicalLocales(ui)[0] ?? shown;
  } catch {
    return shown;
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** A number as the language shown writes it ("1,000" in English). */
export function formatNumber(n: number): string {
  const lang = language();
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(n);
}

export function t(key: MessageKey, ...values: (string | number)[]): string {
  return message(key).replace(/\{(\d)\}/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    return typeof value === 'number' ? formatNumber(value) : (value ?? '');
  });
}

/**
 * `<key>_<category>` by the language's plural rules (`Intl.PluralRules`), `<key>_other` where the
 * file has no form for the category (Japanese has only "other"). `n` is `{1}`; `values` follow.
 */
export function plural(key: PluralKey, n: number, ...values: (string | number)[]): string {
  const lang = language();
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = `${key}_${rules.select(n)}`;
  return t(form in english ? (form as MessageKey) : `${key}_other`, n, ...values);
}
