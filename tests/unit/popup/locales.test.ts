// The popup's Japanese file against the English one: the same keys, the same `{n}` values in
// each message, nothing empty, and no English left behind but product and AWS names.
import { describe, expect, it } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };

type Table = Record<string, { message: string; description?: string }>;
const en: Table = english;
const ja: Table = japanese;

/** Latin words a Japanese text keeps as they are: names of products, AWS terms, formats. */
const KEPT_WORDS = new Set([
  'AWS',
  'IAM',
  'Crossrole',
  'ARN',
  'ID',
  'JSON',
  'HTTPS',
  'URL',
  'KB',
  'ISO',
]);
/** Messages that are not prose: the file's own language tag. */
const NOT_PROSE = new Set(['messagesLanguage']);

const placeholders = (text: string) => (text.match(/\{\d\}/g) ?? []).sort();
const words = (text: string) => text.replace(/\{\d\}/g, ' ').match(/[A-Za-z][A-Za-z'-]*/g) ?? [];

describe('Japanese popup messages', () => {
  it('has exactly the English keys', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every placeholder of each message, and leaves none empty', () => {
    const wrong = Object.keys(en).filter(
      (key) =>
        ja[key]!.message.trim() === '' ||
        placeholders(ja[key]!.message).join() !== placeholders(en[key]!.message).join(),
    );
    expect(wrong).toEqual([]);
  });

  it('leaves no English where the English is more than two words', () => {
    const untranslated = Object.keys(en).filter((key) => {
      if (NOT_PROSE.has(key) || words(en[key]!.message).length <= 2) return false;
      const text = ja[key]!.message;
      return (
        text === en[key]!.message ||
        !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) ||
        words(text).some((w) => !KEPT_WORDS.has(w))
      );
    });
    expect(untranslated).toEqual([]);
  });

  it('keeps Latin words only for names, in every message', () => {
    const stray = Object.keys(ja)
      .filter((key) => !NOT_PROSE.has(key))
      .flatMap((key) =>
        words(ja[key]!.message)
          .filter((w) => !KEPT_WORDS.has(w))
          .map((w) => `${key}: ${w}`),
      );
    expect(stray).toEqual([]);
  });

  it('uses no exclamation marks', () => {
    expect(Object.values(ja).filter((m) => /[!！]/.test(m.message))).toEqual([]);
  });

  it('names the extension Crossrole, with a store description of at most 132 characters', () => {
    expect(ja.extName!.message).toBe('Crossrole');
    // The Chrome Web Store's limit for the manifest's description.
    expect(ja.extDescription!.message.length).toBeLessThanOrEqual(132);
    expect(en.extDescription!.message.length).toBeLessThanOrEqual(132);
  });

  it('says its own language, for plural rules, number formats and <html lang>', () => {
    expect(en.messagesLanguage!.message).toBe('en');
    expect(ja.messagesLanguage!.message).toBe('ja');
  });

  it('has no "(s)" plural left: plurals come in _one and _other forms', () => {
    for (const table of [en, ja]) {
      expect(Object.values(table).filter((m) => /\(s\)/.test(m.message))).toEqual([]);
      const keys = Object.keys(table);
      for (const key of keys.filter((k) => k.endsWith('_one')))
        expect(keys).toContain(key.replace(/_one$/, '_other'));
    }
  });
});
