// Field errors in plain words: paths like `access[1].customPolicies[0].document`, and zod's
// terse issues turned into sentences a vendor can act on.
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { formatCount, formatErrors, formatPath, fromZodIssues } from '../../../src/core/result.ts';

const issuesOf = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) throw new Error('expected a failure');
  // The English words and where; the coded problems are checked in problems.test.ts.
  return fromZodIssues(parsed.error.issues, [], value).map(({ path, message }) => ({
    path,
    message,
  }));
};

describe('field errors', () => {
  it('format paths with dots and brackets', () => {
    expect(formatPath(['access', 1, 'customPolicies', 0, 'document'])).toBe(
      'access[1].customPolicies[0].document',
    );
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(
      formatErrors([
        { path: 'a', message: 'b' },
        { path: 'c', message: 'd' },
      ]),
    ).toBe('a: b\nc: d');
    expect(formatCount(6310)).toBe('6,310');
  });

  it('tell a missing field from one of the wrong type', () => {
    const schema = z.strictObject({ a: z.string(), b: z.array(z.number()) });
    expect(issuesOf(schema, { b: 'x' })).toEqual([
      { path: 'a', message: 'is required (string)' },
      { path: 'b', message: 'must be an array' },
    ]);
    expect(issuesOf(schema, { a: 'x', b: [], c: 1, d: 2 })).toEqual([
      { path: '(root)', message: 'unknown fields "c", "d" (check the spelling)' },
    ]);
  });

  it('never say only "Invalid input" for checks without a message of their own', () => {
    const schema = z.strictObject({
      s: z.string().check(z.minLength(2), z.maxLength(3)),
      l: z.array(z.string()).check(z.maxLength(1)),
      e: z.enum(['x', 'y']),
      k: z.literal('only'),
      u: z.union([z.string(), z.number()]),
      t: z.iso.datetime(),
    });
    const messages = issuesOf(schema, {
      s: 'a',
      l: ['a', 'b'],
      e: 'z',
      k: 'other',
      u: true,
      t: 'soon',
    });
    expect(messages).toEqual([
      { path: 's', message: 'must be at least 2 characters' },
      { path: 'l', message: 'must be at most 1 item' },
      { path: 'e', message: 'must be one of "x", "y"' },
      { path: 'k', message: 'must be "only"' },
      { path: 'u', message: 'must be a string or a number' },
      { path: 't', message: 'must be an ISO 8601 date and time, like 2026-12-01T00:00:00Z' },
    ]);
  });

  it('report the reasons of the one union option whose shape the input has', () => {
    const item = z.strictObject({ n: z.number() });
    const schema = z.strictObject({ x: z.union([item, z.array(item)]) });
    expect(issuesOf(schema, { x: [{ n: 1 }, { n: 'two' }] })).toEqual([
      { path: 'x[1].n', message: 'must be a number' },
    ]);
    expect(issuesOf(schema, {})).toEqual([{ path: 'x', message: 'is required' }]);
  });

  it('put a prefix before every path', () => {
    const parsed = z.safeParse(z.strictObject({ id: z.string() }), {});
    expect(!parsed.success && fromZodIssues(parsed.error.issues, ['profile'], {})).toMatchObject([
      { path: 'profile.id', message: 'is required (string)' },
    ]);
  });
});
