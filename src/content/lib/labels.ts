// What the console's controls are called (src/core/console-labels.ts): the lists of the tab's
// console language, as the background sent them with the panel's words.
import { labelWord, type LabelKey } from '../../core/console-labels.ts';
import { rawWord } from './i18n.ts';

export type { LabelKey };
export type Language = 'en' | 'ja';

/** The console's language: the document's `lang`, else English. */
export function consoleLanguage(doc: Document = document): Language {
  return (doc.documentElement.lang || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * Labels to try: the page's language first, English as the fallback (untranslated parts). The
 * background chose the language from this tab's hello; `_language` is the same one.
 */
export function labelsFor(key: LabelKey, _language: Language): readonly string[] {
  return (rawWord(labelWord(key)) ?? '').split('\n').filter(Boolean);
}
