// What the guide panel says on IAM pages, in the console's language. The words are not in the
// content script (docs/console.md, "The content script's size"): the background sends them with
// the setup (src/core/iam-words.ts), the runner hands them to `useWords`, and `say` fills a
// word's `{0}`, `{1}`… placeholders with its arguments, in order. A word the background did not
// send shows as its key: the background of the same build sends every word.
import type { IAM_WORDS_EN } from '../../core/iam-words.ts';
import type { Language } from './labels.ts';

type En = typeof IAM_WORDS_EN;
/** A word with placeholders is a function of their values; any other is its text. */
export type Messages = {
  readonly [K in keyof En]: En[K] extends `${string}{0}${string}`
    ? (...values: (string | number)[]) => string
    : string;
};

let words: Readonly<Record<string, string>> = {};

/** The words of the last `content.hello` reply (already checked to be bounded strings). */
export const useWords = (next: Readonly<Record<string, string>>): void => void (words = next);

/** A word as the background sent it, unfilled (undefined: not sent). */
export const rawWord = (key: string): string | undefined =>
  Object.hasOwn(words, key) ? words[key] : undefined;

const fill = (text: string, values: (string | number)[]): string =>
  text.replace(/\{(\d)\}/g, (whole, i: string) => String(values[Number(i)] ?? whole));

/** The words, in the language the background chose from this tab's hello (`language` is that). */
export function say(_language?: Language): Messages {
  // The words as they are now: a later hello's words do not change what a page already says.
  const current = words;
  return new Proxy({} as Messages, {
    get(_target, key) {
      const text =
        typeof key === 'string' && Object.hasOwn(current, key) ? current[key]! : String(key);
      return /\{\d\}/.test(text) ? (...values: (string | number)[]) => fill(text, values) : text;
    },
  });
}
