// What the role's Permissions tab showed, checked against what the setup planned
// (docs/console.md, "Reading a role back"). The report's `policyArns` are built from this
// read-back, never from the plan: a policy counts only when the console listed it on the role.
import { formatPolicyArn, parseArn } from './arn.ts';
import type { Partition } from './partition.ts';

/** One row of the role's permissions table, as read from the page (untrusted). */
export type AttachedPolicy = {
  name: string;
  /** From the row's link when it carries one (`#/policies/details/arn:…`). */
  arn: string | null;
  /** From the Type column: AWS managed, customer managed, or not told. */
  type: 'aws' | 'customer' | null;
};

export type PermissionCheck = {
  /** Attached policies whose ARN is known: planned ones matched, others read from the page. */
  policyArns: string[];
  /** Attached policies the page named without a way to tell their ARN (extras, listed). */
  otherPolicyNames: string[];
  /** Planned policies (by name) that the role does not have. */
  missing: string[];
  /** True only when the whole list was read and every planned policy is on it. */
  verified: boolean;
};

const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

export function checkAttachedPolicies(input: {
  partition: Partition;
  accountId: string;
  managedPolicyArns: readonly string[];
  customPolicyNames: readonly string[];
  attached: readonly AttachedPolicy[];
  /** Every page of the table was read (the count in its header matched the rows). */
  complete: boolean;
}): PermissionCheck {
  const { partition, accountId, attached } = input;
  const used = new Set<number>();
  const policyArns: string[] = [];
  const missing: string[] = [];

  // A planned policy is matched by its ARN when the row shows one, else by exact name and a type
  // that does not contradict it: a customer policy named "ReadOnlyAccess" is not AWS's.
  const match = (arn: string, type: 'aws' | 'customer'): boolean => {
    const rows = attached
      .map((row, index) => ({ row, index }))
      .filter(({ row, index }) => {
        if (used.has(index)) return false;
        if (row.arn !== null) return row.arn === arn;
        return row.name === nameOf(arn) && (row.type === null || row.type === type);
      });
    // Two rows that could both be it: the page is ambiguous, so neither is taken as proof.
    const only = rows.length === 1 ? rows[0] : rows.find(({ row }) => row.arn === arn);
    if (!only) return false;
    used.add(only.index);
    policyArns.push(arn);
    return true;
  };
  for (const arn of input.managedPolicyArns) if (!match(arn, 'aws')) missing.push(nameOf(arn));
  for (const name of input.customPolicyNames) {
    if (!match(formatPolicyArn(partition, accountId, name), 'customer')) missing.push(name);
  }

  const otherPolicyNames: string[] = [];
  attached.forEach((row, index) => {
    if (used.has(index)) return;
    const parsed = row.arn ? parseArn(row.arn) : null;
    if (parsed?.resourceType === 'policy' && parsed.partition === partition) {
      policyArns.push(row.arn as string);
    } else if (row.type === 'customer') {
      policyArns.push(formatPolicyArn(partition, accountId, row.name));
    } else {
      otherPolicyNames.push(row.name);
    }
  });
  return {
    policyArns: [...new Set(policyArns)],
    otherPolicyNames: [...new Set(otherPolicyNames)],
    missing,
    verified: input.complete && missing.length === 0,
  };
}
