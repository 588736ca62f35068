// Whole IAM names in console text, without a regex built from the name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsName, nameFollowedOnLineBy } from '../../../src/core/name-in-text.ts';

describe('names in text', () => {
  it('finds a name only as a whole IAM name, regex characters literal', () => {
    expect(containsName('Policy My.Policy+1 created.', 'My.Policy+1')).toBe(true);
    expect(containsName('Policy MyXPolicy+1 created.', 'My.Policy+1')).toBe(false);
    expect(containsName('Policy My.Policy+12 created.', 'My.Policy+1')).toBe(false);
    expect(containsName('x-My created', 'My')).toBe(false);
    expect(containsName('', 'My')).toBe(false);
  });

  it('finds a clash message on the same line, ignoring case', () => {
    const phrases = ['already exists', '既に存在'];
    expect(nameFollowedOnLineBy('Role MYROLE already exists.', 'MyRole', phrases, true)).toBe(true);
    expect(nameFollowedOnLineBy('Role MyRole\nalready exists.', 'MyRole', phrases, true)).toBe(
      false,
    );
    expect(nameFollowedOnLineBy('ロール MyRole は既に存在します', 'MyRole', phrases, true)).toBe(
      true,
    );
    expect(nameFollowedOnLineBy('Role MyRole2 already exists', 'MyRole', phrases, true)).toBe(
      false,
    );
  });

  it('agrees with the regex it replaces on small inputs (property)', () => {
    const chars = ['a', 'b', '.', '+', '-', ' ', '*', '(', '\\'];
    const text = fc.array(fc.constantFrom(...chars), { maxLength: 14 }).map((a) => a.join(''));
    const name = fc
      .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 3 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, name, (t, n) => {
        const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const reference = new RegExp(`(^|[^\\w+=,.@-])${escaped}([^\\w+=,.@-]|$)`).test(t);
        expect(containsName(t, n)).toBe(reference);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
