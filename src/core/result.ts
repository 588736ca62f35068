// Parse results: either the value, or every problem found, each naming the field path and the
// rule in plain words, so a vendor or a customer can fix the input without guessing.
import type * as z from 'zod/mini';

export type FieldError = { path: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(...errors: FieldError[]): Result<T> => ({ ok: false, errors });

/** `access[1].customPolicies[0].document` from zod's path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(root)';
}

const NOT_GIVEN = Symbol('not given');

/**
 * zod issues as FieldErrors, with the messages our schemas set (or zod's, made plainer). Pass the
 * parsed `input` so a missing field ("is required") is told apart from one of the wrong type:
 * zod's issues do not carry the input unless asked to.
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  input: unknown = NOT_GIVEN,
): FieldError[] {
  const known = input !== NOT_GIVEN;
  return issues.flatMap(expandUnion).map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: plainMessage(
      issue,
      'input' in issue
        ? { value: issue.input }
        : known
          ? { value: valueAt(input, issue.path) }
          : null,
    ),
  }));
}

/**
 * A union whose input has the shape of exactly one option (say, a list of statements, not one
 * statement) fails for that option's reasons: report those, at their own paths, not "Invalid input".
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const fitting = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (fitting.length !== 1 || fitting[0]!.length === 0) return [issue];
  return fitting[0]!.flatMap((i) => expandUnion({ ...i, path: [...issue.path, ...i.path] }));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const typeName = (expected: string) => (expected === 'record' ? 'object' : expected);

function plainMessage(issue: z.core.$ZodIssue, found: { value: unknown } | null): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_type':
      return found === null || found.value === undefined
        ? `is required (${typeName(issue.expected)})`
        : `must be ${article(typeName(issue.expected))}`;
    case 'invalid_union': {
      if (found !== null && found.value === undefined) return 'is required';
      const expected = [
        ...new Set(
          issue.errors.flatMap((branch) =>
            branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
              ? [typeName(branch[0].expected)]
              : [],
          ),
        ),
      ];
      return expected.length === issue.errors.length && expected.length > 0
        ? `must be ${expected.map(article).join(' or ')}`
        : issue.message && issue.message !== 'Invalid input'
          ? issue.message
          : 'does not match any of the forms allowed here';
    }
    case 'invalid_value':
      // Our schemas' own messages stand; zod's "Invalid input" becomes the values allowed.
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `must be ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      // zod/mini carries no locale: a check without our own message says only "Invalid input".
      return issue.message && issue.message !== 'Invalid input' ? issue.message : fallback(issue);
  }
}

function fallback(issue: z.core.$ZodIssue): string {
  const count = (n: number | bigint, origin: string) => {
    const unit = origin === 'string' ? 'character' : origin === 'array' ? 'item' : '';
    return unit ? `${String(n)} ${unit}${n === 1 ? '' : 's'}` : String(n);
  };
  switch (issue.code) {
    case 'too_small':
      return `must be at least ${count(issue.minimum, issue.origin)}`;
    case 'too_big':
      return `must be at most ${count(issue.maximum, issue.origin)}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be an ISO 8601 date and time, like 2026-12-01T00:00:00Z'
        : `must be a valid ${issue.format}`;
    default:
      return 'is not valid here';
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

/** "6,310": numbers in messages read like numbers. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
