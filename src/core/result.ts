// Parse results: either the value, or every problem found, each naming the field path and the
// rule in plain words, so a vendor or a customer can fix the input without guessing.
import type * as z from 'zod/mini';
import { problem, problemOfMessage, type Problem } from './problems.ts';

/**
 * A field's problem: its path and the rule in English words, and, where core knows the rule by
 * its code, the problem itself, for the popup to say in the customer's language.
 */
export type FieldError = { path: string; message: string; problem?: Problem };

/** A FieldError from a coded problem. */
export const fieldError = (path: string, p: Problem): FieldError => ({
  path,
  message: p.message,
  problem: p,
});
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
  return issues.flatMap(expandUnion).map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    const said = plainProblem(
      issue,
      'input' in issue
        ? { value: issue.input }
        : known
          ? { value: valueAt(input, issue.path) }
          : null,
    );
    return typeof said === 'string' ? { path, message: said } : fieldError(path, said);
  });
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

/** A schema's own message: its problem when the schema coded it (`coded`), else its words. */
const own = (message: string): Problem | string => problemOfMessage(message) ?? message;

/** What is wrong, as a coded problem, or in the words a schema set without a code. */
function plainProblem(issue: z.core.$ZodIssue, found: { value: unknown } | null): Problem | string {
  const params = (issue as { params?: { problem?: Problem } }).params;
  if (issue.code === 'custom' && params?.problem) return params.problem;
  switch (issue.code) {
    case 'unrecognized_keys':
      return problem('unknownFields', {
        fields: issue.keys.map((k) => `"${k}"`).join(', '),
        count: issue.keys.length,
      });
    case 'invalid_type':
      return found === null || found.value === undefined
        ? problem('requiredOfType', { type: typeName(issue.expected) })
        : problem('mustBeType', { types: typeName(issue.expected) });
    case 'invalid_union': {
      if (found !== null && found.value === undefined) return problem('required');
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
        ? problem('mustBeType', { types: expected.join('|') })
        : issue.message && issue.message !== 'Invalid input'
          ? own(issue.message)
          : problem('noMatchingForm');
    }
    case 'invalid_value':
      // Our schemas' own messages stand; zod's "Invalid input" becomes the values allowed.
      return issue.message && issue.message !== 'Invalid input'
        ? own(issue.message)
        : problem('mustBeOneOf', {
            values: issue.values.map((v) => JSON.stringify(v)).join(', '),
            count: issue.values.length,
          });
    default:
      // zod/mini carries no locale: a check without our own message says only "Invalid input".
      return issue.message && issue.message !== 'Invalid input'
        ? own(issue.message)
        : fallback(issue);
  }
}

function fallback(issue: z.core.$ZodIssue): Problem {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      return issue.origin === 'string'
        ? problem('minChars', { min })
        : issue.origin === 'array'
          ? problem('minItems', { min })
          : problem('minValue', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return issue.origin === 'string'
        ? problem('maxChars', { max })
        : issue.origin === 'array'
          ? problem('maxItems', { max })
          : problem('maxValue', { max });
    }
    case 'invalid_format':
      return issue.format === 'datetime'
        ? problem('isoDateTime')
        : problem('validFormat', { format: issue.format });
    default:
      return problem('notValid');
  }
}

export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

/** "6,310": numbers in messages read like numbers. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
