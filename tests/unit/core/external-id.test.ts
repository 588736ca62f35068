// External IDs (docs/vendors.md §1, docs/console.md, "Limits"): generated ones carry at least 128 bits in
// characters every AWS SDK accepts and stay within 96 characters; service-issued ones follow
// AWS's own rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXTERNAL_ID_MAX_GENERATED,
  generateExternalId,
  validateExternalId,
  validateExternalIdPrefix,
  type RandomSource,
} from '../../../src/core/external-id.ts';

const RANDOM_CHARS = 22;
const prefixArb = fc.stringMatching(/^[\w+=,.@:-]{0,74}$/);

/** A deterministic source: xorshift32 from a seed, so a run can be reproduced byte for byte. */
function seeded(seed: number): RandomSource {
  let state = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}

describe('generated External IDs', () => {
  it('are the prefix then 22 characters of [A-Za-z0-9], within 96 characters', () => {
    fc.assert(
      fc.property(prefixArb, (prefix) => {
        const id = generateExternalId(prefix);
        expect(id.startsWith(prefix)).toBe(true);
        expect(id.slice(prefix.length)).toMatch(/^[A-Za-z0-9]+$/);
        expect(id.length).toBe(prefix.length + RANDOM_CHARS);
        expect(id.length).toBeLessThanOrEqual(EXTERNAL_ID_MAX_GENERATED);
        expect(validateExternalId(id)).toBeNull();
      }),
    );
  });

  it('carry at least 128 bits: 62^22 > 2^128', () => {
    expect(62n ** BigInt(RANDOM_CHARS)).toBeGreaterThan(2n ** 128n);
    // One character fewer would not be enough, so 22 is the shortest that is.
    expect(62n ** BigInt(RANDOM_CHARS - 1)).toBeLessThan(2n ** 128n);
    expect(generateExternalId('').length).toBe(RANDOM_CHARS);
  });

  it('use every one of the 62 symbols, and differ from call to call', () => {
    const seen = new Set<string>();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = generateExternalId();
      ids.add(id);
      for (const c of id) seen.add(c);
    }
    expect(ids.size).toBe(200);
    expect(seen.size).toBe(62);
  });

  it('are reproducible from a deterministic random source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), prefixArb, (seed, prefix) => {
        const a = generateExternalId(prefix, seeded(seed));
        expect(generateExternalId(prefix, seeded(seed))).toBe(a);
        expect(a.slice(prefix.length)).toMatch(/^[A-Za-z0-9]{22}$/);
      }),
      { numRuns: 50 },
    );
    expect(generateExternalId('x-', seeded(1))).not.toBe(generateExternalId('x-', seeded(2)));
  });

  it('take randomness only from the source given, skipping bytes ≥ 248 (no modulo bias)', () => {
    // 62 × 4 = 248: bytes 248–255 would favour the first 8 symbols, so they are dropped.
    const calls: number[] = [];
    const source: RandomSource = (bytes) => {
      calls.push(bytes.length);
      return calls.length === 1 ? bytes.fill(255) : bytes.fill(0).fill(61, 0, 1).fill(62, 1, 2);
    };
    const id = generateExternalId('', source);
    expect(calls.length).toBe(2); // the first buffer held only unusable bytes
    expect(id).toBe(`9A${'A'.repeat(20)}`); // 61 → '9', 62 → 62 % 62 = 'A', 0 → 'A'
  });

  it('refuse a prefix that would take the ID past 96 characters or uses other characters', () => {
    expect(validateExternalIdPrefix('p'.repeat(74))).toBeNull();
    expect(validateExternalIdPrefix('p'.repeat(75))).toMatch(/75 characters .* at most 74/);
    expect(validateExternalIdPrefix('a/b')).toMatch(/may only contain/);
    expect(validateExternalIdPrefix('a b')).toMatch(/may only contain/);
    expect(() => generateExternalId('p'.repeat(75))).toThrow(/External ID prefix is 75/);
  });
});

describe("service-issued External IDs (AWS's rule)", () => {
  it('are 2 to 1224 characters', () => {
    expect(validateExternalId('a')).toMatch(/at least 2/);
    expect(validateExternalId('')).toMatch(/at least 2/);
    expect(validateExternalId('ab')).toBeNull();
    expect(validateExternalId('x'.repeat(1224))).toBeNull();
    expect(validateExternalId('x'.repeat(1225))).toMatch(/1225 characters long, AWS allows 1224/);
  });

  it("allow letters, digits and + = , . @ : / _ -, including '/' and ':'", () => {
    expect(validateExternalId('tenant:42/prod@eu+a=b,c.d_e-f')).toBeNull();
    expect(validateExternalId('a/b')).toBeNull();
    expect(validateExternalId('a:b')).toBeNull();
    for (const bad of ['has space', 'semi;colon', 'quote"', 'é-accent', 'star*', 'new\nline'])
      expect(validateExternalId(bad), bad).toMatch(/may only contain/);
  });

  it('accept exactly the strings of the allowed set and length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const allowed = /^[A-Za-z0-9_+=,.@:/-]{2,1224}$/.test(s);
        expect(validateExternalId(s) === null).toBe(allowed);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+=,.@:/-]{2,300}$/), (s) => {
        expect(validateExternalId(s)).toBeNull();
      }),
    );
  });
});
