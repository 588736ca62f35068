// Limits on the shape of outside input (profiles, connection codes, policies read from the page,
// service answers, messages), checked before anything recursive touches it: JSON.stringify, zod
// and Array#join recurse, and 10,000 nested arrays fit easily in any size limit. The walk here
// is iterative and bounded, so it cannot overflow the stack itself.
import { problem, type Problem } from './problems.ts';

/** Far deeper than any profile (about 12 levels), policy (about 6) or message (about 3) needs. */
export const MAX_NESTING_DEPTH = 32;
/** Values visited before the walk gives up: a 1 MB JSON text holds at most about 500,000. */
export const MAX_JSON_VALUES = 1_000_000;

export type ShapeProblem = { path: PropertyKey[]; message: string; problem: Problem };

const at = (path: PropertyKey[], p: Problem): ShapeProblem => ({
  path,
  message: p.message,
  problem: p,
});

type Frame = { value: unknown; depth: number; parent: Frame | null; key: PropertyKey | null };

const pathOf = (frame: Frame): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.unshift(f.key);
  return path;
};

/**
 * The first place where `value` nests deeper than `maxDepth` objects or arrays (the value
 * itself is depth 1), or holds more than `maxValues` values; null when its shape is fine.
 * Shared or cyclic references (possible in structured clones) end at the depth limit.
 */
export function shapeProblem(
  value: unknown,
  maxDepth: number = MAX_NESTING_DEPTH,
  maxValues: number = MAX_JSON_VALUES,
): ShapeProblem | null {
  const stack: Frame[] = [{ value, depth: 1, parent: null, key: null }];
  let seen = 0;
  while (stack.length) {
    const frame = stack.pop()!;
    seen += 1;
    if (seen > maxValues) return at([], problem('tooManyValues', { max: maxValues }));
    const v = frame.value;
    if (typeof v !== 'object' || v === null) continue;
    if (frame.depth > maxDepth)
      return at(pathOf(frame), problem('nestedTooDeep', { max: maxDepth }));
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1)
        stack.push({ value: v[i], depth: frame.depth + 1, parent: frame, key: i });
    } else {
      // Own enumerable string keys only, as JSON and zod see them; a getter is never called.
      for (const key of Object.keys(v).reverse()) {
        const descriptor = Object.getOwnPropertyDescriptor(v, key);
        const child = descriptor && 'value' in descriptor ? descriptor.value : undefined;
        stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return null;
}

/** Past this depth a JSON text is refused before JSON.parse builds it (0.5 M nested arrays take 100 ms). */
export const MAX_TEXT_NESTING_SCAN = 20_000;

/**
 * A JSON text nested so deep that parsing it is itself the cost: refused from the text, with the
 * character where it first went past MAX_NESTING_DEPTH. Shallower texts are parsed and then
 * walked by shapeProblem, which names the field. Linear: one pass, brackets in strings skipped.
 */
export function textShapeProblem(text: string): ShapeProblem | null {
  let depth = 0;
  let firstTooDeep = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > MAX_NESTING_DEPTH && firstTooDeep < 0) firstTooDeep = i;
      if (depth > MAX_TEXT_NESTING_SCAN)
        return at([], problem('nestedTooDeepAt', { max: MAX_NESTING_DEPTH, at: firstTooDeep + 1 }));
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return null;
}
