// Names a customer could take for one another (src/core/confusable.ts): case, spacing,
// punctuation, compatibility forms, accents, Cyrillic and Greek look-alikes and invisible
// characters are all seen through; different names stay different.
import { describe, expect, it } from 'vitest';
import { confusableWith, nameSkeleton } from '../../../src/core/confusable.ts';

const builtins = [
  { id: 'crossrole-demo', name: 'Crossrole Demo Service' },
  { id: 'example-cloud-diagrams', name: 'Example Cloud Diagrams' },
];

describe('confusable service names', () => {
  it.each([
    ['the same name', 'Crossrole Demo Service'],
    ['another case', 'CROSSROLE demo service'],
    ['other spacing and punctuation', '  Crossrole-Demo_Service. '],
    ['no spaces', 'CrossroleDemoService'],
    ['full-width letters (NFKC)', 'Ｃｒｏｓｓｒｏｌｅ Ｄｅｍｏ Ｓｅｒｖｉｃｅ'],
    ['Cyrillic о, е and С', 'Сrоssrоle Dеmo Service'],
    ['Greek ο and Ρ-less look-alikes', 'Crοssrοle Demο Service'],
    ['a zero-width space and joiner', 'Cross\u200brole Demo\u200d Service'],
    ['a soft hyphen and a bidi mark', 'Cross\u00adrole\u200e Demo Service'],
    ['accents', 'Crössrôle Démo Sérvice'],
    ['l for i and 0 for o', 'Crossr0le Dem0 Servlce'],
    ['rn for m', 'Crossrole Derno Service'],
  ])('%s reads like the built-in', (_, name) => {
    expect(confusableWith(name, builtins)?.id).toBe('crossrole-demo');
  });

  it.each([
    'Crossrole Demo',
    'Acme Diagrams',
    'Example Cloud Diagram Service',
    'クロスロール デモ',
    '!!!',
  ])('%s is told apart', (name) => {
    expect(confusableWith(name, builtins)).toBeNull();
  });

  it('keeps letters of other scripts, so different Japanese names differ', () => {
    expect(nameSkeleton('監査サービス')).not.toBe(nameSkeleton('閲覧サービス'));
    expect(nameSkeleton('監査 サービス')).toBe(nameSkeleton('監査サービス'));
  });
});
