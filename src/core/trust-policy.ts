// Trust policies: the one the role starts with, merging the service's statement into a role's
// existing policy, and checking that a policy trusts exactly the service with its External ID.
import { parseArn } from './arn.ts';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { formatPath } from './result.ts';
import { problem, type Problem } from './problems.ts';
import { actionMatches, arnLike, wildcardMatch, wildcardProblem } from './wildcard.ts';

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
  words: { notJson: string; notObject: string },
): { ok: true; policy: Json } | { ok: false; error: string } {
  let policy = input;
  if (typeof input === 'string') {
    const deep = textShapeProblem(input);
    if (deep) return { ok: false, error: `The trust policy is not usable: it ${deep.message}.` };
    try {
      policy = JSON.parse(input);
    } catch {
      return { ok: false, error: words.notJson };
    }
  }
  const shape = shapeProblem(policy);
  if (shape) {
    const where = formatPath(shape.path);
    return { ok: false, error: `The trust policy is not usable: ${where} ${shape.message}.` };
  }
  if (!isObject(policy)) return { ok: false, error: words.notObject };
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
function coversAssumeRole(statement: Json): { covers: boolean; problem: string | null } {
  const field = statement.NotAction !== undefined ? 'NotAction' : 'Action';
  const patterns = asList(statement[field]).filter((a): a is string => typeof a === 'string');
  for (const p of patterns) {
    const problem = wildcardProblem(p);
    if (problem) return { covers: true, problem: `its ${field} "${p.slice(0, 40)}…" ${problem}` };
  }
  const named = patterns.some((a) => actionMatches(a, 'sts:AssumeRole'));
  return { covers: field === 'NotAction' ? !named : named, problem: null };
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
  const read = readPolicy(current, {
    notJson: 'The current trust policy is not valid JSON.',
    notObject: 'The current trust policy is not a JSON object.',
  });
  if (!read.ok) return read;
  const { policy } = read;
  const statements = asList(policy.Statement);
  let replaced = 0;
  const dangers: string[] = [];
  const kept = statements.flatMap((s, index) => {
    if (isObject(s) && s.Effect !== 'Allow') {
      const stop = denyStopsService(s, expected, serviceAccountId);
      if (stop)
        dangers.push(`${statementName(policy, index, s)} ${stop}. It was kept: ${SERVICE_BLOCKED}`);
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
function denyStopsService(
  statement: Json,
  expected: TrustExpectation,
  serviceAccountId: string,
): string | null {
  if (statement.Effect !== 'Deny') return null;
  const action = coversAssumeRole(statement);
  if (!action.covers) return null;
  let who: string;
  if (statement.NotPrincipal !== undefined) {
    const spared = awsPrincipals(statement.NotPrincipal).some(
      (p) => p === expected.principalArn || (isAccountWide(p) && accountOf(p) === serviceAccountId),
    );
    if (spared) return null;
    who =
      'denies sts:AssumeRole to every principal not named in its NotPrincipal, the service included';
  } else {
    const principals = awsPrincipals(statement.Principal);
    const hit = principals.find(
      (p) =>
        p === '*' ||
        p === expected.principalArn ||
        (accountOf(p) === serviceAccountId && (isAccountWide(p) || isRoot(expected.principalArn))),
    );
    if (hit === undefined) return null;
    who = `denies sts:AssumeRole to ${hit === '*' ? 'everyone ("*")' : hit}`;
  }
  if (action.problem) return `${who}, and ${action.problem}`;
  const entries = conditionEntries(statement.Condition);
  if (entries === null) return `${who} (its Condition is not an object)`;
  if (entries.some((e) => conditionFalseForService(e, expected))) return null;
  return entries.length ? `${who} when its conditions hold, which they may for the service` : who;
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
): { externalIds: string[][]; mfa: boolean; blockers: string[] } {
  const externalIds: string[][] = [];
  const blockers: string[] = [];
  let mfa = false;
  const entries = conditionEntries(condition);
  if (entries === null) return { externalIds, mfa, blockers: ['its Condition is not an object'] };
  for (const { operator, key, values } of entries) {
    const label = `the condition ${operator}${key ? ` on ${key}` : ''}`;
    if (isMfaKey(key)) {
      mfa = true;
      continue;
    }
    if (values === null) {
      blockers.push(`${label} has a value that is not a string, number or boolean`);
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
    blockers.push(`${label} could stop the service from assuming the role`);
  }
  return { externalIds, mfa, blockers };
}

export function verifyTrustPolicy(
  policyInput: unknown,
  expected: TrustExpectation,
  serviceAccountId: string,
): TrustCheck {
  const problems: string[] = [];
  const dangers: string[] = [];
  const read = readPolicy(policyInput, {
    notJson: 'The trust policy shown is not valid JSON.',
    notObject: 'No trust policy was found.',
  });
  if (!read.ok) return { verified: false, problems: [read.error], dangers };
  const { policy } = read;

  let exact = 0;
  asList(policy.Statement).forEach((raw, index) => {
    if (!isObject(raw)) return;
    const name = statementName(policy, index, raw);
    if (raw.Effect !== 'Allow') {
      const stop = denyStopsService(raw, expected, serviceAccountId);
      if (stop) problems.push(`${name} ${stop}: ${SERVICE_BLOCKED}`);
      return;
    }
    const action = coversAssumeRole(raw);
    if (!action.covers) return;
    if (raw.NotPrincipal !== undefined)
      dangers.push(
        'A statement uses NotPrincipal with Allow: every AWS account except those named can assume this role.',
      );
    const principals = awsPrincipals(raw.Principal);
    if (principals.includes('*'))
      dangers.push('A statement lets any AWS account ("*") assume this role.');
    const forService = principals.filter((p) => accountOf(p) === serviceAccountId);
    if (forService.length === 0) return;
    if (action.problem) problems.push(`${name}: ${action.problem}.`);
    const { externalIds, mfa, blockers } = allowConditions(raw.Condition, expected);
    if (externalIds.length === 0)
      dangers.push("A statement trusts the service's account without requiring an External ID.");
    if (mfa)
      problems.push('The service cannot answer an MFA condition: "Require MFA" must be off.');
    for (const blocker of blockers) problems.push(`${name}: ${blocker}.`);
    const right = principals.length === 1 && principals[0] === expected.principalArn;
    if (!right)
      problems.push(
        `The role should trust exactly ${expected.principalArn}; it trusts ${principals.join(', ')}.`,
      );
    const idsRight =
      externalIds.length > 0 &&
      externalIds.every((ids) => ids.length === 1 && ids[0] === expected.externalId);
    if (externalIds.length > 0 && !idsRight)
      problems.push('The External ID in the trust policy is not the one for this connection.');
    if (right && idsRight && !mfa && blockers.length === 0 && !action.problem) exact += 1;
  });
  if (exact === 0 && problems.length === 0)
    problems.push("The trust policy has no statement for the service's account.");
  problems.push(...dangers.filter((d) => d.includes('without requiring')));
  return {
    verified: exact > 0 && problems.length === 0 && dangers.length === 0,
    problems: [...new Set(problems)],
    dangers: [...new Set(dangers)],
  };
}
