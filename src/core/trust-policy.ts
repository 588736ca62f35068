// Trust policies: the one the role starts with, merging the service's statement into a role's
// existing policy, and checking that a policy trusts exactly the service with its External ID.
import { parseArn } from './arn.ts';
import { actionMatches } from './iam-policy.ts';
import { formatCount } from './result.ts';

export const TRUST_POLICY_MAX_CHARS = 2048;
export const TRUST_POLICY_QUOTA_MAX_CHARS = 4096;

type Json = Record<string, unknown>;

export type TrustExpectation = {
  /** `arn:<p>:iam::<account>:root` or the profile's narrower principal. */
  principalArn: string;
  externalId: string;
};

/** What "Require external ID" produces in the console (aws-console.md §8), never with MFA. */
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
export function checkTrustPolicySize(policy: unknown): string | null {
  const size = JSON.stringify(policy).length;
  if (size <= TRUST_POLICY_MAX_CHARS) return null;
  return `The trust policy is ${formatCount(size)} characters without whitespace; IAM allows ${formatCount(TRUST_POLICY_MAX_CHARS)} by default (the quota can be raised to ${formatCount(TRUST_POLICY_QUOTA_MAX_CHARS)} in Service Quotas).`;
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The AWS principals a statement names ("*" included). */
function awsPrincipals(statement: Json): string[] {
  const principal = statement.Principal;
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
    Object.entries(statement.Principal).flatMap(([key, value]): [string, unknown][] => {
      if (key !== 'AWS') return [[key, value]];
      return rest.length ? [[key, Array.isArray(value) ? rest : rest[0]]] : [];
    }),
  );
  return Object.keys(principal).length ? { ...statement, Principal: principal } : null;
}

export type MergeResult =
  { ok: true; policy: Json; replaced: number } | { ok: false; error: string };

/**
 * The role's current trust policy with the service's statement added, replacing every
 * statement that trusts the service's account (a statement shared with other principals keeps
 * them, without the service). Other statements are kept as they are.
 */
export function mergeTrustPolicy(
  current: unknown,
  expected: TrustExpectation,
  serviceAccountId: string,
): MergeResult {
  let policy = current;
  if (typeof current === 'string') {
    try {
      policy = JSON.parse(current);
    } catch {
      return { ok: false, error: 'The current trust policy is not valid JSON.' };
    }
  }
  if (!isObject(policy))
    return { ok: false, error: 'The current trust policy is not a JSON object.' };
  const statements = asList(policy.Statement);
  let replaced = 0;
  const kept = statements.flatMap((s) => {
    const rest = withoutService(s, serviceAccountId);
    if (rest !== s) replaced += 1;
    return rest === null ? [] : [rest];
  });
  return {
    ok: true,
    policy: { ...policy, Version: '2012-10-17', Statement: [...kept, serviceStatement(expected)] },
    replaced,
  };
}

export type TrustCheck = {
  /** The policy trusts exactly the expected principal, with the expected External ID, without MFA. */
  verified: boolean;
  /** Why it is not verified, in plain words. */
  problems: string[];
  /** Shapes that are risky whatever the service: shown to the customer as warnings. */
  dangers: string[];
};

function conditionValues(condition: unknown, operator: string, key: string): string[] | null {
  if (!isObject(condition)) return null;
  for (const [op, block] of Object.entries(condition)) {
    if (op.toLowerCase() !== operator.toLowerCase() || !isObject(block)) continue;
    for (const [k, value] of Object.entries(block)) {
      if (k.toLowerCase() === key.toLowerCase()) return asList(value).map(String);
    }
  }
  return null;
}

function hasMfaCondition(condition: unknown): boolean {
  return (
    isObject(condition) &&
    Object.values(condition).some(
      (block) => isObject(block) && Object.keys(block).some((k) => /^aws:MultiFactorAuth/i.test(k)),
    )
  );
}

/** Whether an Allow statement covers sts:AssumeRole: by Action (wildcards too) or NotAction. */
function allowsAssumeRole(statement: Json): boolean {
  const patterns = (value: unknown) =>
    asList(value).filter((a): a is string => typeof a === 'string');
  if (statement.NotAction !== undefined)
    return !patterns(statement.NotAction).some((a) => actionMatches(a, 'sts:AssumeRole'));
  return patterns(statement.Action).some((a) => actionMatches(a, 'sts:AssumeRole'));
}

export function verifyTrustPolicy(
  policyInput: unknown,
  expected: TrustExpectation,
  serviceAccountId: string,
): TrustCheck {
  const problems: string[] = [];
  const dangers: string[] = [];
  let policy = policyInput;
  if (typeof policyInput === 'string') {
    try {
      policy = JSON.parse(policyInput);
    } catch {
      return { verified: false, problems: ['The trust policy shown is not valid JSON.'], dangers };
    }
  }
  if (!isObject(policy))
    return { verified: false, problems: ['No trust policy was found.'], dangers };

  let exact = 0;
  for (const raw of asList(policy.Statement)) {
    if (!isObject(raw) || raw.Effect !== 'Allow' || !allowsAssumeRole(raw)) continue;
    if (raw.NotPrincipal !== undefined)
      dangers.push(
        'A statement uses NotPrincipal with Allow: every AWS account except those named can assume this role.',
      );
    const principals = awsPrincipals(raw);
    if (principals.includes('*'))
      dangers.push('A statement lets any AWS account ("*") assume this role.');
    const forService = principals.filter((p) => accountOf(p) === serviceAccountId);
    if (forService.length === 0) continue;
    const externalIds = conditionValues(raw.Condition, 'StringEquals', 'sts:ExternalId');
    if (!externalIds)
      dangers.push("A statement trusts the service's account without requiring an External ID.");
    if (hasMfaCondition(raw.Condition))
      problems.push('The service cannot answer an MFA condition: "Require MFA" must be off.');
    const right = principals.length === 1 && principals[0] === expected.principalArn;
    if (!right)
      problems.push(
        `The role should trust exactly ${expected.principalArn}; it trusts ${principals.join(', ')}.`,
      );
    if (externalIds && !(externalIds.length === 1 && externalIds[0] === expected.externalId)) {
      problems.push('The External ID in the trust policy is not the one for this connection.');
    }
    if (
      right &&
      externalIds?.length === 1 &&
      externalIds[0] === expected.externalId &&
      !hasMfaCondition(raw.Condition)
    )
      exact += 1;
  }
  if (exact === 0 && problems.length === 0)
    problems.push("The trust policy has no statement for the service's account.");
  problems.push(...dangers.filter((d) => d.includes('without requiring')));
  return {
    verified: exact > 0 && problems.length === 0 && dangers.length === 0,
    problems: [...new Set(problems)],
    dangers: [...new Set(dangers)],
  };
}
