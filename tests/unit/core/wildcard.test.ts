// IAM wildcards without regexes: the greedy matcher agrees with a plain dynamic-programming
// reference on small inputs, and its work is bounded by |text| × |pattern| whatever the stars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionMatches, PolicyDocumentSchema } from '../../../src/core/iam-policy.ts';
import {
  arnLike,
  MAX_WILDCARDS_PER_PATTERN,
  wildcardMatch,
  wildcardProblem,
} from '../../../src/core/wildcard.ts';
import * as z from 'zod/mini';
import { fromZodIssues } from '../../../src/core/result.ts';

/** The textbook O(n·m) table: obviously right, too slow to ship on long inputs, fine on small. */
function reference(pattern: string, text: string, ignoreCase = false): boolean {
  const p = Array.from(ignoreCase ? pattern.toLowerCase() : pattern);
  const t = Array.from(ignoreCase ? text.toLowerCase() : text);
  let row = Array.from({ length: t.length + 1 }, (_, j) => j === 0);
  for (const c of p) {
    const next = Array.from({ length: t.length + 1 }, () => false);
    next[0] = c === '*' && row[0]!;
    for (let j = 1; j <= t.length; j += 1) {
      next[j] = c === '*' ? row[j]! || next[j - 1]! : row[j - 1]! && (c === '?' || c === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

const small = (chars: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));

describe('wildcard matching', () => {
  it('agrees with the reference on small inputs, case-sensitive (condition values)', () => {
    fc.assert(
      fc.property(small(['a', 'b', '*', '?', '😀'], 10), small(['a', 'b', '😀'], 12), (p, t) => {
        expect(wildcardMatch(p, t)).toBe(reference(p, t));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('agrees with the reference ignoring case (actions)', () => {
    fc.assert(
      fc.property(small(['a', 'B', '*', '?', ':'], 10), small(['A', 'b', ':'], 12), (p, t) => {
        expect(wildcardMatch(p, t, { ignoreCase: true })).toBe(reference(p, t, true));
        expect(actionMatches(p, t)).toBe(reference(p, t, true));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it('never does more than |text| × |pattern| comparisons, whatever the stars (property)', () => {
    fc.assert(
      fc.property(small(['a', 'b', '*', '?'], 300), small(['a', 'b'], 400), (p, t) => {
        const counter = { steps: 0 };
        wildcardMatch(p, t, { counter });
        expect(counter.steps).toBeLessThanOrEqual((t.length + 1) * (p.length + 1));
      }),
      { numRuns: 300, seed: 9 },
    );
    // The shape that made the old regex double per star: many stars, a near miss at the end.
    for (const stars of [15, 30, 60]) {
      const pattern = `sts:${'*a'.repeat(stars)}*X`;
      const text = `sts:${'a'.repeat(4 * stars)}`;
      const counter = { steps: 0 };
      expect(wildcardMatch(pattern, text, { counter })).toBe(false);
      expect(counter.steps).toBeLessThanOrEqual(4 * stars * 4);
    }
  });

  it('matches a pathological action pattern at once (generous bound, property)', () => {
    // A backtracking regex needs minutes for the larger of these; the matcher, microseconds.
    const started = performance.now();
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 40 }), fc.integer({ min: 40, max: 200 }), (k, n) => {
        expect(actionMatches(`sts:${'*a'.repeat(k)}*b`, `sts:${'a'.repeat(n)}`)).toBe(false);
      }),
      { numRuns: 50, seed: 10 },
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads ArnLike part by part, case-sensitive', () => {
    const arn = 'arn:aws:iam::999988887777:role/Scanner';
    expect(arnLike('arn:aws:iam::999988887777:role/*', arn)).toBe(true);
    expect(arnLike('arn:aws:iam::*:role/Scan?er', arn)).toBe(true);
    expect(arnLike('arn:aws:iam::999988887777:role/scanner', arn)).toBe(false);
    // A star does not cross into another part.
    expect(arnLike('arn:*:role/Scanner', arn)).toBe(false);
    expect(arnLike('arn:aws:iam::999988887777:*', arn)).toBe(true);
  });

  it('refuses a pattern with too many wildcards, naming the field', () => {
    expect(wildcardProblem('a'.repeat(5) + '*'.repeat(MAX_WILDCARDS_PER_PATTERN))).toBeNull();
    expect(wildcardProblem('*'.repeat(MAX_WILDCARDS_PER_PATTERN + 1))).toMatch(/11 wildcards/);
    const parsed = z.safeParse(PolicyDocumentSchema, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: [`ec2:${'?*'.repeat(6)}`], Resource: '*' }],
    });
    expect(parsed.success).toBe(false);
    expect(fromZodIssues(parsed.error!.issues)).toEqual([
      {
        path: 'Statement[0].Action[0]',
        message: expect.stringMatching(/12 wildcards .* at most 10/),
        problem: expect.objectContaining({ code: 'policyTooManyWildcards', count: 12, max: 10 }),
      },
    ]);
  });
});
