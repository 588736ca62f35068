// The panel's words on IAM pages (src/core/iam-words.ts) travel from the background with the
// setup: each Japanese word must fill the same placeholders as its English one (the content
// script makes a function of a word with placeholders), the tables must not clash, and the whole
// set must pass the bounds the content script checks a reply against.
import { describe, expect, it } from 'vitest';
import { parseContentSetupReply } from '../../../src/core/content-setup.ts';
import { GUARD_WORDS_EN, GUARD_WORDS_JA } from '../../../src/core/guard-words.ts';
import { consoleWordsFor, IAM_WORDS_EN, IAM_WORDS_JA } from '../../../src/core/iam-words.ts';
import { KEY_WORDS_EN, KEY_WORDS_JA } from '../../../src/core/panel-words.ts';
import { LIFECYCLE_WORDS_EN, LIFECYCLE_WORDS_JA } from '../../../src/core/lifecycle-words.ts';

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

describe('the words a console tab is sent', () => {
  it.each([
    ['IAM pages', IAM_WORDS_EN, IAM_WORDS_JA],
    ['access keys', KEY_WORDS_EN, KEY_WORDS_JA],
    ['guardrails', GUARD_WORDS_EN, GUARD_WORDS_JA],
    ['later life', LIFECYCLE_WORDS_EN, LIFECYCLE_WORDS_JA],
  ] as const)('%s: Japanese fills exactly the placeholders English does', (_name, en, ja) => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en))
      expect([key, placeholders((ja as Record<string, string>)[key]!)]).toEqual([
        key,
        placeholders(text),
      ]);
  });

  it('has no key in two tables with different words', () => {
    for (const language of ['en', 'ja'] as const) {
      const tables =
        language === 'en'
          ? [IAM_WORDS_EN, KEY_WORDS_EN, GUARD_WORDS_EN, LIFECYCLE_WORDS_EN]
          : [IAM_WORDS_JA, KEY_WORDS_JA, GUARD_WORDS_JA, LIFECYCLE_WORDS_JA];
      const seen = new Map<string, string>();
      for (const table of tables)
        for (const [key, text] of Object.entries(table)) {
          if (seen.has(key)) expect([key, text]).toEqual([key, seen.get(key)]);
          seen.set(key, text);
        }
    }
  });

  it('passes the bounds the content script checks a hello reply against', () => {
    for (const language of ['en', 'ja', 'de'])
      expect(
        parseContentSetupReply({ ok: true, value: null, words: consoleWordsFor(language) }),
      ).toMatchObject({ ok: true, words: consoleWordsFor(language) });
    expect(consoleWordsFor('de')).toEqual(consoleWordsFor('en'));
  });
});
