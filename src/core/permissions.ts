// The permission plan for one connection: the access level plus the options the customer
// ticked, made concrete for a partition, with IAM's limits and the service's required actions
// checked before anything is created.
import { toPartition } from './arn.ts';
import { deniesAction, grantsAction, type PolicyDocument } from './iam-policy.ts';
import type { Partition } from './partition.ts';
import { problem, type Problem } from './problems.ts';
import { MAX_POLICIES_PER_ROLE, type CustomPolicy, type ServiceProfile } from './profile.ts';

export type PermissionPlan = {
  levelId: string;
  optionIds: string[];
  /** AWS managed policies, in the target partition. */
  managedPolicyArns: string[];
  /** Customer-managed policies to create before the role, in order. */
  customPolicies: CustomPolicy[];
  /** Stop: the plan cannot be created as it is. */
  errors: Problem[];
  /** Tell the customer before starting. */
  warnings: Problem[];
};

/**
 * What AWS's managed policies are known NOT to grant (engineering.md, checked against the
 * policies' documents). Anything not listed here is assumed granted when such a policy is chosen.
 */
const MANAGED_POLICY_GAPS: Record<string, readonly string[]> = {
  ReadOnlyAccess: ['cur:*', 'sts:AssumeRole'],
  ViewOnlyAccess: ['s3:GetObject', 'dynamodb:Scan', 'dynamodb:Query', 'cur:*', 'ce:*'],
  SecurityAudit: ['s3:GetObject', 'dynamodb:Scan', 'cur:*', 'ce:*'],
};

const policyName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The read-only managed policies grant no action that changes anything. */
const WRITE_VERB =
  /^(Create|Run|Put|Delete|Update|Modify|Attach|Detach|Start|Stop|Terminate|Reboot|Tag|Untag|Write|Send|Invoke|Set|Add|Remove|Associate|Disassociate|Enable|Disable)/;

function managedMayGrant(arns: readonly string[], action: string): boolean {
  const [service, name = ''] = action.split(':');
  return arns.some((arn) => {
    const gaps = MANAGED_POLICY_GAPS[policyName(arn)];
    if (!gaps) return true;
    if (WRITE_VERB.test(name)) return false;
    return !gaps.some(
      (gap) =>
        gap.toLowerCase() === action.toLowerCase() ||
        gap.toLowerCase() === `${service}:*`.toLowerCase(),
    );
  });
}

export function planPermissions(
  profile: ServiceProfile,
  levelId: string,
  optionIds: readonly string[],
  partition: Partition,
): PermissionPlan {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const level = profile.access.find((l) => l.id === levelId);
  if (!level) errors.push(problem('planNoLevel', { level: levelId }));
  const options = optionIds.map((id) => {
    const option = profile.options?.find((o) => o.id === id);
    if (!option) errors.push(problem('planNoOption', { option: id }));
    return option;
  });
  const sets = [level, ...options].filter((s) => s !== undefined);
  const managedPolicyArns = [
    ...new Set(
      sets.flatMap((s) => s.managedPolicyArns ?? []).map((arn) => toPartition(arn, partition)),
    ),
  ];
  const customPolicies = sets.flatMap((s) => s.customPolicies ?? []);

  const names = customPolicies.map((p) => p.name.toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) errors.push(problem('planDuplicatePolicy', { name: twice }));
  const total = managedPolicyArns.length + customPolicies.length;
  if (total > MAX_POLICIES_PER_ROLE) {
    errors.push(problem('planTooManyPolicies', { count: total, max: MAX_POLICIES_PER_ROLE }));
  }

  const documents: PolicyDocument[] = customPolicies.map((p) => p.document);
  for (const action of profile.requiredActions ?? []) {
    if (grantsAction(documents, action)) continue;
    // A Deny in a custom policy overrides whatever a managed policy grants.
    if (
      managedPolicyArns.length > 0 &&
      !deniesAction(documents, action) &&
      managedMayGrant(managedPolicyArns, action)
    )
      continue;
    warnings.push(problem('planActionNotGranted', { service: profile.name, action }));
  }
  return {
    levelId,
    optionIds: [...optionIds],
    managedPolicyArns,
    customPolicies,
    errors,
    warnings,
  };
}

/** The options ticked by default. */
export function defaultOptionIds(profile: ServiceProfile): string[] {
  return (profile.options ?? []).filter((o) => o.default).map((o) => o.id);
}
