// Fuzzing (tests/support/fuzz.ts): 10,000 random, mutated and hostile inputs per parser, fixed
// seed. No exception escapes, every rejection names a field, no input takes over 100 ms.
import { describe, expect, it } from 'vitest';
import { fuzzInputs, runFuzz } from '../../support/fuzz.ts';
import { FUZZ_TARGETS } from '../../support/fuzz-targets.ts';

describe('fuzz: codes', () => {
  for (const target of FUZZ_TARGETS['codes']!) {
    it(`${target.name}: 10,000 inputs, no exception, every rejection explained, none over 100 ms`, () => {
      const stats = runFuzz(target, fuzzInputs(target, 10_000));
      expect(stats.inputs).toBe(10_000);
      expect({ ...stats, samples: undefined }).toEqual({
        target: target.name,
        inputs: 10_000,
        exceptions: 0,
        unexplained: 0,
        slow: 0,
        samples: undefined,
      });
      expect(stats.samples).toEqual([]);
    }, 60_000);
  }
});
