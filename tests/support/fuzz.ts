// Fuzzing the parsers of outside input: inputs (random values, mutations of valid examples, and
// the hostile shapes: 1 MB, 10,000 levels deep, prototype keys, wildcard-heavy strings) from a
// fixed seed, and the counting: exceptions, rejections that do not explain themselves, and
// inputs slower than 100 ms (a slow one is tried once more before it counts, so a pause of the
// machine does not). Used by tests/unit/fuzz and by `npm run bench`.
import fc from 'fast-check';

export const SLOW_MS = 100;
/**
 * What the unit tests call a runaway input: a backtracking regex or a quadratic walk takes
 * seconds there. The 100 ms goal is the bench's (`npm run bench`), measured on a quiet machine;
 * a unit test timed at 100 ms fails whenever the machine is busy.
 */
export const RUNAWAY_MS = 2000;
export const FUZZ_SEED = 20261125;

/** What a parser said: accepted, or rejected with reasons that must each name a field. */
export type Verdict =
  { accepted: true } | { accepted: false; reasons: { path: string; message: string }[] };

export type FuzzTarget = {
  name: string;
  /** Valid examples, mutated into most of the inputs. */
  examples: readonly unknown[];
  /** Whether the parser also reads JSON text (then some inputs are given as text). */
  text?: boolean;
  /** Turns a generated input into what the parser is given (outside the timing). */
  prepare?: (input: unknown) => unknown;
  run: (input: unknown) => Verdict;
};

export type FuzzStats = {
  target: string;
  inputs: number;
  exceptions: number;
  unexplained: number;
  slow: number;
  /** The first few problems, for the failure message. */
  samples: string[];
};

// --- inputs -----------------------------------------------------------------------------------

/** A small seeded PRNG (mulberry32): the same inputs on every run and every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
];
const MB = 1024 * 1024;

/** An object with a prototype key as its own key, the way JSON.parse makes one. */
const protoObject = (key: string, value: unknown): unknown =>
  Object.defineProperty({}, key, { value, enumerable: true, configurable: true, writable: true });

export function deepArray(levels: number, inner: unknown = 'x'): unknown {
  let value = inner;
  for (let i = 0; i < levels; i += 1) value = [value];
  return value;
}

export function deepObject(levels: number, key = 'a'): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i += 1) value = { [key]: value };
  return value;
}

const wildcardHeavy = (random: () => number): string => {
  const stars = 10 + Math.floor(random() * 500);
  const head = random() < 0.5 ? 'sts:' : 'arn:aws:iam::999988887777:role/';
  return head + Array.from({ length: stars }, () => (random() < 0.7 ? '*a' : '?')).join('') + 'X';
};

/** Values that have broken parsers before, or could: each is used as a whole input and inside mutations. */
export function hostileValues(random: () => number): unknown[] {
  const key = PROTO_KEYS[Math.floor(random() * PROTO_KEYS.length)]!;
  return [
    deepArray(10_000),
    deepObject(10_000),
    deepObject(40, key),
    protoObject(key, 1),
    protoObject('__proto__', { polluted: true }),
    { toString: 1 },
    { valueOf: 1, toString: 1 },
    key,
    wildcardHeavy(random),
    'a'.repeat(MB),
    '\u0000\r\n\t\u2028\u202e',
    Array.from({ length: 1000 }, () => 'x'),
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    Number.NaN,
    null,
    true,
    [],
    {},
  ];
}

/** Texts for parsers that read JSON: huge, deep, truncated, or not JSON at all. */
export function hostileTexts(random: () => number): string[] {
  return [
    `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    `${'['.repeat(MB / 2)}${']'.repeat(MB / 2)}`,
    JSON.stringify('x'.repeat(MB)),
    `[${Array.from({ length: MB / 8 }, () => '"abcd"').join(',')}]`,
    `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
    JSON.stringify({ Statement: [{ Action: wildcardHeavy(random) }] }),
    '{',
    '',
    'crossrole1.',
    `crossrole1.${'A'.repeat(MB)}`,
  ];
}

function children(value: unknown): [PropertyKey, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return [];
}

/** Every place in a (small, JSON-shaped) value, as the path to it. */
function places(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []) {
  out.push(path);
  if (path.length < 12) for (const [k, v] of children(value)) places(v, [...path, k], out);
  return out;
}

function setAt(
  root: unknown,
  path: PropertyKey[],
  change: (v: unknown) => unknown | typeof DELETE,
) {
  if (path.length === 0) {
    const next = change(root);
    return next === DELETE ? undefined : next;
  }
  let parent = root as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1]!;
  const next = change(parent[last]);
  if (next === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (last === '__proto__') {
    Object.defineProperty(parent, last, {
      value: next,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  } else parent[last] = next;
  return root;
}

const DELETE = Symbol('delete');

const STRING_EDITS: ((s: string, r: () => number) => string)[] = [
  (s) => s + '\r\n',
  (s) => s.toUpperCase(),
  (s) => s.slice(0, Math.max(0, s.length - 1)),
  (s) => `${s}*?*`,
  (s) => s.replace(/./u, '\u0000'),
  (s) => s.repeat(50),
  (s) => ` ${s} `,
  (s, r) => s.slice(0, Math.floor(r() * s.length)) + '😀' + s.slice(Math.floor(r() * s.length)),
];

/** One valid example changed in one to three places: deleted, replaced, retyped, wrapped, edited. */
export function mutate(example: unknown, random: () => number, pool: unknown[]): unknown {
  let value = structuredClone(example);
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e += 1) {
    const all = places(value);
    const path = all[Math.floor(random() * all.length)]!;
    const pick = random();
    value = setAt(value, path, (v) => {
      if (pick < 0.15) return DELETE;
      if (pick < 0.35) return pool[Math.floor(random() * pool.length)];
      if (pick < 0.45) return [v];
      if (pick < 0.55) return protoObject(PROTO_KEYS[Math.floor(random() * PROTO_KEYS.length)]!, v);
      if (pick < 0.65 && typeof v === 'object' && v !== null && !Array.isArray(v))
        return { ...(v as object), [PROTO_KEYS[Math.floor(random() * PROTO_KEYS.length)]!]: 'x' };
      if (typeof v === 'string')
        return STRING_EDITS[Math.floor(random() * STRING_EDITS.length)]!(v, random);
      if (typeof v === 'number') return [0, -1, 1.5, 1e21, `${v}`][Math.floor(random() * 5)];
      if (typeof v === 'boolean') return `${v}`;
      return pool[Math.floor(random() * pool.length)];
    });
  }
  return value;
}

/**
 * `count` inputs for a target: its hostile values and texts first, then mutations of its examples
 * (about 60%), then random values from fast-check (about 40%), some as JSON text.
 */
export function fuzzInputs(target: FuzzTarget, count: number, seed: number = FUZZ_SEED): unknown[] {
  const random = prng(seed);
  const hostile = [...hostileValues(random), ...(target.text ? hostileTexts(random) : [])];
  const randomValues = fc.sample(fc.oneof(fc.anything({ maxDepth: 4 }), fc.json()), {
    seed,
    numRuns: Math.ceil(count * 0.4),
  });
  const pool = [...randomValues.slice(0, 200), ...hostileValues(random)];
  const inputs: unknown[] = [...hostile];
  let r = 0;
  while (inputs.length < count) {
    const base =
      target.examples.length && random() < 0.6
        ? mutate(target.examples[Math.floor(random() * target.examples.length)], random, pool)
        : randomValues[r++ % randomValues.length];
    if (target.text && random() < 0.3) {
      try {
        inputs.push(JSON.stringify(base) ?? String(base));
        continue;
      } catch {
        // Too deep to stringify: use the value itself.
      }
    }
    inputs.push(base);
  }
  return inputs;
}

// --- counting ---------------------------------------------------------------------------------

function explains(verdict: Verdict): boolean {
  if (verdict.accepted) return true;
  return (
    verdict.reasons.length > 0 &&
    verdict.reasons.every(
      (r) =>
        typeof r.path === 'string' &&
        r.path.length > 0 &&
        typeof r.message === 'string' &&
        r.message.trim().length > 0 &&
        r.message !== 'Invalid input',
    )
  );
}

const describe = (input: unknown): string => {
  try {
    const text = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
    return text.length > 120 ? `${text.slice(0, 120)}… (${text.length} chars)` : text;
  } catch {
    return '(a value too deep to show)';
  }
};

/** Runs a target on every input; never throws, counts what went wrong. */
export function runFuzz(
  target: FuzzTarget,
  inputs: readonly unknown[],
  slowMs = SLOW_MS,
): FuzzStats {
  const stats: FuzzStats = {
    target: target.name,
    inputs: 0,
    exceptions: 0,
    unexplained: 0,
    slow: 0,
    samples: [],
  };
  const once = (input: unknown): { ms: number; verdict: Verdict | null; error: unknown } => {
    const started = performance.now();
    try {
      const verdict = target.run(input);
      return { ms: performance.now() - started, verdict, error: null };
    } catch (error) {
      return { ms: performance.now() - started, verdict: null, error };
    }
  };
  for (const generated of inputs) {
    const input = target.prepare ? target.prepare(generated) : generated;
    stats.inputs += 1;
    let result = once(input);
    if (result.ms > slowMs) {
      result = once(input);
      if (result.ms > slowMs) {
        stats.slow += 1;
        if (stats.samples.length < 5)
          stats.samples.push(`slow (${Math.round(result.ms)} ms): ${describe(input)}`);
      }
    }
    if (result.verdict === null) {
      stats.exceptions += 1;
      if (stats.samples.length < 5)
        stats.samples.push(`threw ${String(result.error).slice(0, 200)}: ${describe(input)}`);
    } else if (!explains(result.verdict)) {
      stats.unexplained += 1;
      if (stats.samples.length < 5)
        stats.samples.push(`unexplained ${describe(result.verdict)}: ${describe(input)}`);
    }
  }
  return stats;
}

/**
 * The fuzz tests of one group of targets: one file per group, so vitest spreads the groups over
 * its workers. No exception escapes, every rejection names a field, no input runs away.
 */
export async function describeFuzz(group: string): Promise<void> {
  const { describe, expect, it } = await import('vitest');
  const { FUZZ_TARGETS } = await import('./fuzz-targets.ts');
  describe(`fuzz: ${group}`, () => {
    for (const target of FUZZ_TARGETS[group]!) {
      it(`${target.name}: 10,000 inputs, no exception, every rejection explained, none runs away`, () => {
        const stats = runFuzz(target, fuzzInputs(target, 10_000), RUNAWAY_MS);
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
}
