// IAM policy documents: the grammar a custom policy must follow, its size as IAM counts it, and
// whether a set of policies grants an action (with IAM's `*` and `?` wildcards).
import * as z from 'zod/mini';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { coded, problem } from './problems.ts';
import { fail, fieldError, formatPath, fromZodIssues, ok, type Result } from './result.ts';
import { MAX_WILDCARDS_PER_PATTERN, actionMatches, wildcardCount } from './wildcard.ts';

export const POLICY_VERSION = '2012-10-17';
export const CUSTOM_POLICY_MAX_CHARS = 6144;

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const actionString = z.string().check(
  z.refine((a) => ACTION.test(a), { message: coded(problem('policyActionFormat')) }),
  z.superRefine((a, ctx) => {
    const count = ACTION.test(a) ? wildcardCount(a) : 0;
    if (count <= MAX_WILDCARDS_PER_PATTERN) return;
    const found = problem('policyTooManyWildcards', { count, max: MAX_WILDCARDS_PER_PATTERN });
    ctx.issues.push({
      code: 'custom',
      message: found.message,
      input: a,
      params: { problem: found },
    });
  }),
);
const actionList = z.union([
  actionString,
  z.array(actionString).check(z.minLength(1, coded(problem('policyActionsEmpty')))),
]);
const resourceString = z.string().check(
  z.refine((r) => r === '*' || r.startsWith('arn:'), {
    message: coded(problem('policyResourceFormat')),
  }),
);
const resourceList = z.union([
  resourceString,
  z.array(resourceString).check(z.minLength(1, coded(problem('policyResourcesEmpty')))),
]);

/** IAM condition values: a string, number or boolean, or a list of them; never an object. */
const isConditionScalar = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const conditionValue = z.unknown().check(
  z.refine((v) => isConditionScalar(v) || (Array.isArray(v) && v.every(isConditionScalar)), {
    message: coded(problem('policyConditionValue')),
  }),
);

export const PolicyStatementSchema = z
  .strictObject({
    Sid: z.optional(z.string().check(z.regex(/^[A-Za-z0-9]*$/, coded(problem('policySidFormat'))))),
    Effect: z.enum(['Allow', 'Deny']),
    Action: z.optional(actionList),
    NotAction: z.optional(actionList),
    Resource: z.optional(resourceList),
    NotResource: z.optional(resourceList),
    Condition: z.optional(z.record(z.string(), z.record(z.string(), conditionValue))),
  })
  .check(
    z.refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), {
      message: coded(problem('policyActionOrNotAction')),
    }),
    z.refine((s) => (s.Resource === undefined) !== (s.NotResource === undefined), {
      message: coded(problem('policyResourceOrNotResource')),
    }),
  );
export type PolicyStatement = z.infer<typeof PolicyStatementSchema>;

/** An identity-based policy document as a vendor writes it into a profile. */
export const PolicyDocumentSchema = z.strictObject({
  Version: z.literal(POLICY_VERSION, coded(problem('policyVersion', { version: POLICY_VERSION }))),
  Id: z.optional(z.string()),
  Statement: z.union([
    PolicyStatementSchema,
    z.array(PolicyStatementSchema).check(z.minLength(1, coded(problem('policyStatementsEmpty')))),
  ]),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

/** A policy document from outside (JSON text or a value), shape-checked before zod sees it. */
export function parsePolicyDocument(input: unknown): Result<PolicyDocument> {
  let value = input;
  if (typeof input === 'string') {
    const deep = textShapeProblem(input);
    if (deep) return fail(fieldError('(root)', deep.problem));
    try {
      value = JSON.parse(input);
    } catch {
      return fail(fieldError('(root)', problem('notJson', { detail: '' })));
    }
  }
  const shape = shapeProblem(value);
  if (shape) return fail(fieldError(formatPath(shape.path), shape.problem));
  const parsed = z.safeParse(PolicyDocumentSchema, value);
  return parsed.success
    ? ok(parsed.data)
    : { ok: false, errors: fromZodIssues(parsed.error.issues, [], value) };
}

/** IAM's size: the JSON text without whitespace outside strings. */
export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}

export function statements(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Whether a statement's Action (or NotAction) covers the action. */
function statementMatches(s: PolicyStatement, action: string): boolean {
  return s.Action !== undefined
    ? asList(s.Action).some((p) => actionMatches(p, action))
    : !asList(s.NotAction).some((p) => actionMatches(p, action));
}

/** Whether any Deny in the documents may apply to the action (a Deny overrides every Allow). */
export function deniesAction(documents: readonly PolicyDocument[], action: string): boolean {
  return documents.some((d) =>
    statements(d).some((s) => s.Effect === 'Deny' && statementMatches(s, action)),
  );
}

/**
 * Whether the documents clearly allow the action on every resource: an unconditional Allow
 * with Resource "*" that matches it and no Deny that matches it. Conditional or resource-scoped
 * grants are not "clearly" granted, so the customer is warned about them.
 */
export function grantsAction(documents: readonly PolicyDocument[], action: string): boolean {
  let allowed = false;
  for (const document of documents) {
    for (const s of statements(document)) {
      if (!statementMatches(s, action)) continue;
      if (s.Effect === 'Deny') return false;
      if (!s.Condition && asList(s.Resource).includes('*')) allowed = true;
    }
  }
  return allowed;
}

export { actionMatches };
