// The content script's reader of the background's replies: the page can reach neither end, but
// a reply is still input, checked field by field before a feature acts on it.
import { describe, expect, it } from 'vitest';
import { parseContentSetupReply } from '../../../src/core/content-setup.ts';
import {
  KEY_WORDS_EN,
  KEY_WORDS_JA,
  MAX_KEY_WORDS,
  MAX_KEY_WORD_CHARS,
  fillWords,
  keyWordsFor,
  wordOf,
} from '../../../src/core/panel-words.ts';

const setup = {
  id: 'a1',
  mode: 'create-role',
  state: 'started',
  serviceName: 'Demo',
  partition: 'aws',
  serviceAccountId: '444455556666',
  principalArn: 'arn:aws:iam::444455556666:root',
  externalId: 'demo-123',
  roleName: 'DemoRole',
  roleDescription: '',
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  customPolicies: [
    { name: 'P', description: '', document: { Version: '2012-10-17' }, created: false },
  ],
  trustPolicy: { Version: '2012-10-17' },
  missingPolicies: ['ReadOnlyAccess'],
};

describe('parseContentSetupReply', () => {
  it('takes a setup, no setup and a refusal', () => {
    expect(parseContentSetupReply({ ok: true, value: setup })).toEqual({ ok: true, value: setup });
    expect(parseContentSetupReply({ ok: true, value: null })).toEqual({ ok: true, value: null });
    expect(parseContentSetupReply({ ok: false, error: 'No.' })).toEqual({
      ok: false,
      error: 'No.',
    });
  });
  it.each([
    ['not an object', 'yes'],
    ['no ok', { value: null }],
    ['a refusal without words', { ok: false }],
    ['an unknown mode', { ok: true, value: { ...setup, mode: 'root' } }],
    ['an unknown partition', { ok: true, value: { ...setup, partition: 'aws-x' } }],
    ['a number for a name', { ok: true, value: { ...setup, roleName: 7 } }],
    ['policies that are not strings', { ok: true, value: { ...setup, managedPolicyArns: [{}] } }],
    [
      'a custom policy without a document',
      {
        ok: true,
        value: { ...setup, customPolicies: [{ name: 'P', description: '', created: false }] },
      },
    ],
    [
      'missing policies that are not a list',
      { ok: true, value: { ...setup, missingPolicies: 'x' } },
    ],
    ['a huge text', { ok: true, value: { ...setup, serviceName: 'x'.repeat(30_000) } }],
  ])('refuses %s', (_why, reply) => {
    expect(parseContentSetupReply(reply)).toBeNull();
  });
});

describe('parseContentSetupReply: the next step', () => {
  it('takes a hash route of the console app', () => {
    const next = { hash: '#/roles/details/DemoRole?section=trust_relationships' };
    expect(parseContentSetupReply({ ok: true, value: setup, next })).toEqual({
      ok: true,
      value: setup,
      next,
    });
    expect(
      parseContentSetupReply({ ok: true, value: null, next: { hash: '#/policies/create' } }),
    ).toEqual({ ok: true, value: null, next: { hash: '#/policies/create' } });
  });
  it.each([
    ['a URL', { hash: 'https://evil.example/#/roles' }],
    ['a script', { hash: 'javascript:alert(1)' }],
    ['a hash with a space', { hash: '#/roles x' }],
    ['a bare string', '#/roles'],
    ['no hash', {}],
    ['a huge hash', { hash: `#/${'x'.repeat(9000)}` }],
  ])('refuses %s', (_why, next) => {
    expect(parseContentSetupReply({ ok: true, value: setup, next })).toBeNull();
  });
});

describe('the access-keys panel words a reply carries', () => {
  it('are taken as bounded strings, and a reply with anything else is not understood', () => {
    const reply = { ok: true, value: null, words: { sentTitle: '{service} に送信しました' } };
    expect(parseContentSetupReply(reply)).toEqual(reply);
    for (const words of [
      [],
      { sentTitle: 5 },
      { sentTitle: 'x'.repeat(MAX_KEY_WORD_CHARS + 1) },
      Object.fromEntries(Array.from({ length: MAX_KEY_WORDS + 1 }, (_, i) => [`k${i}`, 'x'])),
    ])
      expect(parseContentSetupReply({ ok: true, value: null, words })).toBeNull();
  });

  it("are read by the content script's own keys only, and filled by it", () => {
    const sent = JSON.parse(
      '{"notDelivered":"アクセスキーは届けられませんでした","__proto__":"x","toString":"y"}',
    ) as Record<string, string>;
    expect(wordOf(sent, 'notDelivered')).toBe('アクセスキーは届けられませんでした');
    // A word the reply lacks shows as its key, never as an inherited property.
    expect(wordOf(sent, 'sentTitle')).toBe('sentTitle');
    expect(wordOf({}, 'toString' as never)).toBe('toString');
    // A value is put in as it is, never read as a placeholder itself; others stay as written.
    expect(fillWords(KEY_WORDS_JA.received, { service: '{key}', key: 'AKIA' })).toBe(
      '{key} がアクセスキー AKIA を受け取りました。Crossrole はシークレットアクセスキーを消去しました。',
    );
    expect(fillWords('{secret} {user}', { user: 'U' })).toBe('{secret} U');
  });

  it('say the same placeholders in both languages, and Japanese for every word', () => {
    const marks = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(KEY_WORDS_EN) as (keyof typeof KEY_WORDS_EN)[]) {
      expect(marks(KEY_WORDS_JA[key]), key).toEqual(marks(KEY_WORDS_EN[key]));
      expect(KEY_WORDS_JA[key], key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(keyWordsFor('ja')).toBe(KEY_WORDS_JA);
    expect(keyWordsFor('en')).toBe(KEY_WORDS_EN);
    expect(keyWordsFor(undefined)).toBe(KEY_WORDS_EN);
  });
});
