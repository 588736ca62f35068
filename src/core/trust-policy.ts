// Trust policies: the one the role starts with, merging the service's statement into a role's
// existing policy, and checking that a policy trusts exactly the service with its External ID.
import { parseArn } from './arn.ts';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { formatPath } from './result.ts';
import { denyWords, problem, type Problem, type ProblemParams } from './problems.ts';
import {
  MAX_WILDCARDS_PER_PATTERN,
  actionMatches,
  arnLike,
  wildcardCount,
  wildcardMatch,
} from './wildcard.ts';

export const TRUST_POLICY_MAX_CHARS = 2048;
export const TRUST_POLICY_QUOTA_MAX_CHARS = 4096;

type Json = Record<string, unknown>;

export type TrustExpectation = {
  /** `arn:<p>:iam::<account>:root` or the profile's narrower principal. */
  principalArn: string;
  externalId: string;
};

/** What "Require external ID" produces in the console (docs/console.md, "Limits"), never with MFA. */
export function serviceStatement(expected: TrustExpectation): Json {
  return {
    Effect: 'Allow',
    Principal: { AWS: expected.principalArn },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': expected.externalId } },
  };
}

export function buildTrustPolicy(expected: TrustExpectation): Json {
  return { Version: '2012-10-17', Statement: [serviceStatement(expected)] };
}

/** IAM's size rule for trust policies; null when it fits the default quota. */
export function trustPolicySizeProblem(policy: unknown): Problem | null {
  const size = JSON.stringify(policy).length;
  if (size <= TRUST_POLICY_MAX_CHARS) return null;
  return problem('trustPolicyTooLarge', {
    size,
    max: TRUST_POLICY_MAX_CHARS,
    quotaMax: TRUST_POLICY_QUOTA_MAX_CHARS,
  });
}

/** The same, in English words (the background's refusals). */
export function checkTrustPolicySize(policy: unknown): string | null {
  return trustPolicySizeProblem(policy)?.message ?? null;
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const ownEntries = (value: Json): [string, unknown][] => Object.entries(value);

/** A policy given as JSON text or a value, shape-checked before anything walks it. */
function readPolicy(
  input: unknown,
): { ok: true; policy: Json } | { ok: false; error: 'notJson' | 'notObject' | Problem } {
  let policy = input;
  if (typeof input === 'string') {
    const deep = textShapeProblem(input);
    if (deep)
      return { ok: false, error: problem('trustNotUsable', { detail: `it ${deep.message}` }) };
    try {
      policy = JSON.parse(input);
    } catch {
      return { ok: false, error: 'notJson' };
    }
  }
  const shape = shapeProblem(policy);
  if (shape) {
    const detail = `${formatPath(shape.path)} ${shape.message}`;
    return { ok: false, error: problem('trustNotUsable', { detail }) };
  }
  if (!isObject(policy)) return { ok: false, error: 'notObject' };
  return { ok: true, policy };
}

/** "Statement[2] (Sid "DenyAll")": how a problem names the statement it is about. */
function statementName(policy: Json, index: number, statement: Json): string {
  const base = Array.isArray(policy.Statement) ? `Statement[${index}]` : 'Statement';
  return typeof statement.Sid === 'string' && /^[A-Za-z0-9]{1,64}$/.test(statement.Sid)
    ? `${base} (Sid "${statement.Sid}")`
    : base;
}

/** The AWS principals a statement names ("*" included); non-strings are ignored. */
function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  return asList(principal.AWS).filter((p): p is string => typeof p === 'string');
}

function accountOf(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) return principal;
  const root = /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(principal);
  if (root) return root[1] ?? null;
  return parseArn(principal)?.accountId ?? null;
}

const isAccountWide = (principal: string): boolean =>
  /^\d{12}$/.test(principal) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(principal);

/**
 * The statement without the service account's AWS principals: unchanged when it names none,
 * null when nothing else remains. Other principals in a shared statement keep their trust.
 */
function withoutService(statement: unknown, serviceAccountId: string): unknown {
  if (!isObject(statement) || !isObject(statement.Principal)) return statement;
  const aws = asList(statement.Principal.AWS);
  const rest = aws.filter((p) => typeof p !== 'string' || accountOf(p) !== serviceAccountId);
  if (rest.length === aws.length) return statement;
  const principal = Object.fromEntries(
    ownEntries(statement.Principal).flatMap(([key, value]): [string, unknown][] => {
      if (key !== 'AWS') return [[key, value]];
      return rest.length ? [[key, Array.isArray(value) ? rest : rest[0]]] : [];
    }),
  );
  return Object.keys(principal).length ? { ...statement, Principal: principal } : null;
}

/** Condition values as strings, or null when one is not a string, number or boolean. */
function conditionStrings(value: unknown): string[] | null {
  const out: string[] = [];
  for (const v of asList(value)) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(`${v}`);
    else return null;
  }
  return out;
}

type ConditionEntry = { operator: string; key: string; values: string[] | null };

/** Every operator/key pair of a Condition block; null when the block is not an object. */
function conditionEntries(condition: unknown): ConditionEntry[] | null {
  if (condition === undefined) return [];
  if (!isObject(condition)) return null;
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of ownEntries(condition)) {
    if (!isObject(block)) {
      entries.push({ operator, key: '', values: null });
      continue;
    }
    for (const [key, value] of ownEntries(block))
      entries.push({ operator, key, values: conditionStrings(value) });
  }
  return entries;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isMfaKey = (key: string) => /^aws:MultiFactorAuth/i.test(key);
const isRoot = (principalArn: string) => /:root$/.test(principalArn);

/** Whether a condition value names the expected principal, as the operator compares. */
function principalConditionMatches(operator: string, pattern: string, principalArn: string) {
  const op = operator.toLowerCase();
  if (op === 'stringequals' || op === 'arnequals') return pattern === principalArn;
  if (op === 'stringlike') return wildcardMatch(pattern, principalArn);
  if (op === 'arnlike') return arnLike(pattern, principalArn);
  return false;
}

/**
 * Whether one Action or NotAction covers sts:AssumeRole (wildcards too); a pattern with too many
 * wildcards is not evaluated and comes back as a problem instead.
 */
type Wildcards = Omit<ProblemParams['trustActionWildcards'], 'statement'>;

function coversAssumeRole(statement: Json): { covers: boolean; wildcards: Wildcards | null } {
  const field = statement.NotAction !== undefined ? 'NotAction' : 'Action';
  const patterns = asList(statement[field]).filter((a): a is string => typeof a === 'string');
  for (const p of patterns) {
    const count = wildcardCount(p);
    if (count > MAX_WILDCARDS_PER_PATTERN) {
      const wildcards = { field, pattern: p.slice(0, 40), count, max: MAX_WILDCARDS_PER_PATTERN };
      return { covers: true, wildcards };
    }
  }
  const named = patterns.some((a) => actionMatches(a, 'sts:AssumeRole'));
  return { covers: field === 'NotAction' ? !named : named, wildcards: null };
}

export type MergeResult =
  { ok: true; policy: Json; replaced: number; dangers: string[] } | { ok: false; error: string };

/**
 * The role's current trust policy with the service's statement added, replacing every Allow
 * that trusts the service's account (a statement shared with other principals keeps them,
 * without the service). Deny statements are the customer's own decision and are kept as they
 * are; one that stops the service comes back in `dangers`, for the customer to look at.
 */
export function mergeTrustPolicy(
  current: unknown,
  expected: TrustExpectation,
  serviceAccountId: string,
): MergeResult {
  const read = readPolicy(current);
  // Shown in the console's trust editor (src/content), not in the popup.
  if (!read.ok)
    return {
      ok: false,
      error:
        read.error === 'notJson'
          ? 'The current trust policy is not valid JSON.'
          : read.error === 'notObject'
            ? 'The current trust policy is not a JSON object.'
            : read.error.message,
    };
  const { policy } = read;
  const statements = asList(policy.Statement);
  let replaced = 0;
  const dangers: string[] = [];
  const kept = statements.flatMap((s, index) => {
    if (isObject(s) && s.Effect !== 'Allow') {
      const stop = denyStopsService(s, expected, serviceAccountId);
      if (stop)
        dangers.push(
          `${statementName(policy, index, s)} ${denyWords(stop)}. It was kept: ${SERVICE_BLOCKED}`,
        );
      return [s];
    }
    const rest = withoutService(s, serviceAccountId);
    if (rest !== s) replaced += 1;
    return rest === null ? [] : [rest];
  });
  return {
    ok: true,
    policy: { ...policy, Version: '2012-10-17', Statement: [...kept, serviceStatement(expected)] },
    replaced,
    dangers,
  };
}

const SERVICE_BLOCKED =
  'the service cannot assume the role while it stays; remove it or narrow it if that is not what you want.';

/**
 * Why a Deny (or any statement that is not an Allow) stops the service from assuming the role,
 * or null when it cannot. IAM applies a Deny before any Allow, so one that may match the service's
 * request (its principal, "*", or a NotPrincipal that leaves it out; sts:AssumeRole by name,
 * wildcard or NotAction) stops it, unless one of its conditions is certainly false for the
 * service: a Deny applies only when all its conditions hold.
 */
type DenyStop =
  | Omit<ProblemParams['trustDenyStops'], 'statement'>
  | Omit<ProblemParams['trustDenyStopsWildcards'], 'statement'>;

function denyStopsService(
  statement: Json,
  expected: TrustExpectation,
  serviceAccountId: string,
): DenyStop | null {
  if (statement.Effect !== 'Deny') return null;
  const action = coversAssumeRole(statement);
  if (!action.covers) return null;
  // "": every principal but those its NotPrincipal names (problems.ts, `denyWords`).
  let principal: string;
  if (statement.NotPrincipal !== undefined) {
    const spared = awsPrincipals(statement.NotPrincipal).some(
      (p) => p === expected.principalArn || (isAccountWide(p) && accountOf(p) === serviceAccountId),
    );
    if (spared) return null;
    principal = '';
  } else {
    const principals = awsPrincipals(statement.Principal);
    const hit = principals.find(
      (p) =>
        p === '*' ||
        p === expected.principalArn ||
        (accountOf(p) === serviceAccountId && (isAccountWide(p) || isRoot(expected.principalArn))),
    );
    if (hit === undefined) return null;
    principal = hit;
  }
  if (action.wildcards) return { ...action.wildcards, principal };
  const entries = conditionEntries(statement.Condition);
  if (entries === null) return { principal, condition: 'notObject' };
  if (entries.some((e) => conditionFalseForService(e, expected))) return null;
  return { principal, condition: entries.length ? 'mayHold' : '' };
}

/** Whether a condition is certainly false for the service's own request. */
function conditionFalseForService(entry: ConditionEntry, expected: TrustExpectation): boolean {
  const { operator, key, values } = entry;
  if (values === null) return false;
  const op = operator.toLowerCase();
  if (same(key, 'sts:ExternalId')) {
    // The service always sends the expected External ID.
    if (op === 'stringnotequals') return values.includes(expected.externalId);
    if (op === 'stringequals') return !values.includes(expected.externalId);
    if (op === 'null') return values.length > 0 && values.every((v) => same(v, 'true'));
  }
  if (same(key, 'aws:PrincipalArn') && !isRoot(expected.principalArn)) {
    const positive = op.replace('not', '');
    if (
      op === 'stringnotequals' ||
      op === 'arnnotequals' ||
      op === 'stringnotlike' ||
      op === 'arnnotlike'
    )
      return values.some((v) => principalConditionMatches(positive, v, expected.principalArn));
  }
  return false;
}

export type TrustCheck = {
  /** The policy trusts exactly the expected principal, with the expected External ID, without MFA. */
  verified: boolean;
  /** Why it is not verified, in plain words. */
  problems: string[];
  /** Shapes that are risky whatever the service: shown to the customer as warnings. */
  dangers: string[];
  /** `problems` then `dangers`, coded, for the popup to say in its language. */
  coded: Problem[];
};

/**
 * What an Allow's conditions do to the service's request: the External IDs it requires, whether
 * it asks for MFA, and every other condition that could stop the service. Only the External ID
 * equality, and an aws:PrincipalArn condition naming the profile's narrower principal, are
 * known to let the service through.
 */
function allowConditions(
  condition: unknown,
  expected: TrustExpectation,
): { externalIds: string[][]; mfa: boolean; blockers: Blocker[] } {
  const externalIds: string[][] = [];
  const blockers: Blocker[] = [];
  let mfa = false;
  const entries = conditionEntries(condition);
  if (entries === null) return { externalIds, mfa, blockers: [{ kind: 'notObject' }] };
  for (const { operator, key, values } of entries) {
    if (isMfaKey(key)) {
      mfa = true;
      continue;
    }
    if (values === null) {
      blockers.push({ kind: 'value', operator, key });
      continue;
    }
    if (same(operator, 'StringEquals') && same(key, 'sts:ExternalId')) {
      externalIds.push(values);
      continue;
    }
    if (
      same(key, 'aws:PrincipalArn') &&
      !isRoot(expected.principalArn) &&
      values.some((v) => principalConditionMatches(operator, v, expected.principalArn))
    )
      continue;
    blockers.push({ kind: 'mayStop', operator, key });
  }
  return { externalIds, mfa, blockers };
}

/** A condition of an Allow that could stop the service. */
type Blocker = { kind: 'notObject' } | { kind: 'value' | 'mayStop'; operator: string; key: string };

function blockerProblem(statement: string, b: Blocker): Problem {
  if (b.kind === 'notObject') return problem('trustConditionNotObject', { statement });
  const { operator, key } = b;
  return b.kind === 'value'
    ? problem('trustConditionValue', { statement, operator, key })
    : problem('trustConditionMayStop', { statement, operator, key });
}

function denyProblem(statement: string, stop: DenyStop): Problem {
  return 'field' in stop
    ? problem('trustDenyStopsWildcards', { statement, ...stop })
    : problem('trustDenyStops', { statement, ...stop });
}

export function verifyTrustPolicy(
  policyInput: unknown,
  expected: TrustExpectation,
  serviceAccountId: string,
): TrustCheck {
  const problems: Problem[] = [];
  const dangers: Problem[] = [];
  const read = readPolicy(policyInput);
  if (!read.ok) {
    const why =
      read.error === 'notJson'
        ? problem('trustNotJson')
        : read.error === 'notObject'
          ? problem('trustNotFound')
          : read.error;
    return { verified: false, problems: [why.message], dangers: [], coded: [why] };
  }
  const { policy } = read;

  let exact = 0;
  asList(policy.Statement).forEach((raw, index) => {
    if (!isObject(raw)) return;
    const statement = statementName(policy, index, raw);
    if (raw.Effect !== 'Allow') {
      const stop = denyStopsService(raw, expected, serviceAccountId);
      if (stop) problems.push(denyProblem(statement, stop));
      return;
    }
    const action = coversAssumeRole(raw);
    if (!action.covers) return;
    if (raw.NotPrincipal !== undefined) dangers.push(problem('trustNotPrincipal'));
    const principals = awsPrincipals(raw.Principal);
    if (principals.includes('*')) dangers.push(problem('trustAnyAccount'));
    const forService = principals.filter((p) => accountOf(p) === serviceAccountId);
    if (forService.length === 0) return;
    if (action.wildcards)
      problems.push(problem('trustActionWildcards', { statement, ...action.wildcards }));
    const { externalIds, mfa, blockers } = allowConditions(raw.Condition, expected);
    if (externalIds.length === 0) dangers.push(problem('trustNoExternalId'));
    if (mfa) problems.push(problem('trustMfa'));
    for (const blocker of blockers) problems.push(blockerProblem(statement, blocker));
    const right = principals.length === 1 && principals[0] === expected.principalArn;
    if (!right)
      problems.push(
        problem('trustWrongPrincipal', {
          expected: expected.principalArn,
          actual: principals.join(', '),
        }),
      );
    const idsRight =
      externalIds.length > 0 &&
      externalIds.every((ids) => ids.length === 1 && ids[0] === expected.externalId);
    if (externalIds.length > 0 && !idsRight) problems.push(problem('trustWrongExternalId'));
    if (right && idsRight && !mfa && blockers.length === 0 && !action.wildcards) exact += 1;
  });
  if (exact === 0 && problems.length === 0) problems.push(problem('trustNoStatement'));
  // No External ID is a danger that also stops the verdict.
  problems.push(...dangers.filter((d) => d.code === 'trustNoExternalId'));
  const unique = (list: Problem[]) => [...new Map(list.map((p) => [p.message, p])).values()];
  const coded = unique([...problems, ...dangers]);
  return {
    verified: exact > 0 && problems.length === 0 && dangers.length === 0,
    problems: unique(problems).map((p) => p.message),
    dangers: unique(dangers).map((p) => p.message),
    coded,
  };
}
