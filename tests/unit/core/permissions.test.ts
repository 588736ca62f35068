// Permission plans (docs/vendors.md §1 `access`, `options`, `requiredActions`): managed policies in the
// customer's partition, custom policies to create first, IAM's 10-policy limit, and warnings when
// nothing chosen clearly grants an action the service needs.
import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  deniesAction,
  grantsAction,
  type PolicyDocument,
} from '../../../src/core/iam-policy.ts';
import { PARTITIONS } from '../../../src/core/partition.ts';
import { defaultOptionIds, planPermissions } from '../../../src/core/permissions.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const profiles = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('example invalid');
  return r.value;
});
const byId = (id: string) => structuredClone(profiles.find((p) => p.id === id)!);

const doc = (...Statement: object[]): PolicyDocument =>
  ({ Version: '2012-10-17', Statement }) as PolicyDocument;

/** The demo profile with one level made of the given custom policy documents only. */
function customOnly(requiredActions: string[], ...documents: PolicyDocument[]): ServiceProfile {
  const profile = byId('crossrole-demo');
  profile.requiredActions = requiredActions;
  profile.access = [
    {
      id: 'custom',
      label: 'Custom',
      default: true,
      customPolicies: documents.map((document, i) => ({ name: `P${i}`, document })),
    },
  ];
  const parsed = parseProfile(profile);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}
const warningsFor = (profile: ServiceProfile) =>
  planPermissions(profile, 'custom', [], 'aws').warnings.map((w) => w.message);

describe('permission plans', () => {
  it.each(PARTITIONS)('write managed policy ARNs for partition %s', (partition) => {
    const plan = planPermissions(byId('example-operations'), 'monitoring', [], partition);
    expect(plan.managedPolicyArns).toEqual([
      `arn:${partition}:iam::aws:policy/CloudWatchReadOnlyAccess`,
      `arn:${partition}:iam::aws:policy/job-function/ViewOnlyAccess`,
    ]);
  });

  it('convert to arn:aws-cn:iam::aws:policy/… and list custom policies to create first', () => {
    const plan = planPermissions(
      byId('example-cost-inventory'),
      'read-only-plus-billing',
      [],
      'aws-cn',
    );
    expect(plan).toMatchObject({
      levelId: 'read-only-plus-billing',
      optionIds: [],
      managedPolicyArns: ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess'],
      errors: [],
      warnings: [],
    });
    expect(plan.customPolicies.map((p) => p.name)).toEqual(['ExampleCostInventoryBilling']);
  });

  it('add the ticked options, once each managed policy', () => {
    const profile = byId('example-operations');
    expect(defaultOptionIds(profile)).toEqual([]);
    profile.options![0]!.managedPolicyArns = [
      'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess',
      'arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess',
    ];
    const plan = planPermissions(profile, 'monitoring', ['write-logs'], 'aws');
    expect(plan.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      'arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess',
    ]);
    expect(plan.customPolicies.map((p) => p.name)).toEqual(['ExampleOperationsWriteLogs']);
    expect(plan.errors).toEqual([]);
  });

  it('refuse more than 10 policies in all, and name the count', () => {
    const profile = byId('example-operations');
    profile.options![0]!.managedPolicyArns = Array.from(
      { length: 8 },
      (_, i) => `arn:aws:iam::aws:policy/P${i}`,
    );
    // 2 (level) + 8 managed + 1 custom = 11
    expect(planPermissions(profile, 'monitoring', ['write-logs'], 'aws').errors).toEqual([
      {
        code: 'planTooManyPolicies',
        count: 11,
        max: 10,
        message: expect.stringMatching(/attaches 11 policies; IAM attaches at most 10/),
      },
    ]);
    profile.options![0]!.managedPolicyArns.pop();
    expect(planPermissions(profile, 'monitoring', ['write-logs'], 'aws').errors).toEqual([]);
  });

  it('refuse unknown levels and options, and two custom policies with one name', () => {
    const profile = byId('example-operations');
    expect(planPermissions(profile, 'nope', ['also-nope'], 'aws').errors).toEqual([
      { code: 'planNoLevel', level: 'nope', message: 'The service has no access level "nope".' },
      {
        code: 'planNoOption',
        option: 'also-nope',
        message: 'The service has no option "also-nope".',
      },
    ]);
    profile.access[0]!.customPolicies = [
      { ...profile.options![0]!.customPolicies![0]!, name: 'exampleoperationswritelogs' },
    ];
    expect(
      planPermissions(profile, 'monitoring', ['write-logs'], 'aws').errors[0]?.message,
    ).toMatch(/Two custom policies are both named/);
  });
});

describe('required actions', () => {
  it('are granted by a wildcard such as ec2:Describe*', () => {
    const profile = customOnly(
      ['ec2:DescribeRegions'],
      doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }),
    );
    expect(warningsFor(profile)).toEqual([]);
  });

  it('warn, naming the action, when nothing chosen grants one', () => {
    const profile = customOnly(
      ['ec2:DescribeRegions', 'iam:GetAccountSummary'],
      doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }),
    );
    expect(warningsFor(profile)).toEqual([
      'Crossrole Demo Service needs iam:GetAccountSummary, and nothing in this choice clearly grants it: the service may not work.',
    ]);
  });

  it('are not granted when a Deny overrides the Allow, even beside a managed policy', () => {
    const deny = doc(
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      { Effect: 'Deny', Action: 'ec2:DescribeRegions', Resource: '*' },
    );
    expect(warningsFor(customOnly(['ec2:DescribeRegions'], deny))).toHaveLength(1);
    const profile = customOnly(['ec2:DescribeRegions'], deny);
    profile.access[0]!.managedPolicyArns = ['arn:aws:iam::aws:policy/ReadOnlyAccess'];
    expect(warningsFor(profile)).toEqual([expect.stringMatching(/needs ec2:DescribeRegions/)]);
  });

  it('are granted by NotAction that leaves them out, not by one that names them', () => {
    expect(
      warningsFor(
        customOnly(
          ['ec2:DescribeRegions'],
          doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
        ),
      ),
    ).toEqual([]);
    expect(
      warningsFor(
        customOnly(
          ['ec2:DescribeRegions'],
          doc({ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }),
        ),
      ),
    ).toHaveLength(1);
  });

  it('are not counted when the grant is conditional or limited to some resources', () => {
    expect(
      warningsFor(
        customOnly(
          ['ec2:DescribeRegions'],
          doc({
            Effect: 'Allow',
            Action: 'ec2:DescribeRegions',
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
          }),
        ),
      ),
    ).toHaveLength(1);
    expect(
      warningsFor(
        customOnly(
          ['s3:GetObject'],
          doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }),
        ),
      ),
    ).toHaveLength(1);
  });

  it("warn about ReadOnlyAccess's known gap, cur:DescribeReportDefinitions (and sts:AssumeRole)", () => {
    const plan = planPermissions(byId('example-cost-inventory'), 'read-only', [], 'aws');
    expect(plan.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/needs sts:AssumeRole/),
      expect.stringMatching(/needs cur:DescribeReportDefinitions/),
    ]);
    // The other required actions are read-only ones ReadOnlyAccess grants.
    expect(plan.warnings.map((w) => w.message).join()).not.toMatch(/ec2:|iam:/);
  });

  it('trust a managed policy Crossrole knows nothing about', () => {
    const profile = byId('example-cost-inventory');
    profile.access[1]!.managedPolicyArns = ['arn:aws:iam::aws:policy/AdministratorAccess'];
    expect(planPermissions(profile, 'read-only', [], 'aws').warnings).toEqual([]);
  });
});

describe('IAM action matching', () => {
  it.each([
    ['ec2:Describe*', 'ec2:DescribeRegions', true],
    ['ec2:describe*', 'EC2:DescribeRegions', true],
    ['ec2:Describe?egions', 'ec2:DescribeRegions', true],
    ['ec2:Describe?', 'ec2:DescribeRegions', false],
    ['*', 'iam:GetAccountSummary', true],
    ['ec2:*', 'ec2:RunInstances', true],
    ['ec2:Describe*', 'ec2:RunInstances', false],
    ['ec2:DescribeRegions', 'ec2:DescribeRegionsX', false],
    ['s3:Get.bject', 's3:GetObject', false], // '.' is literal, not a regex wildcard
  ])('%s matches %s: %s', (pattern, action, result) => {
    expect(actionMatches(pattern, action)).toBe(result);
  });

  it('a Deny applies whatever its condition; an Allow needs Resource "*" and no condition', () => {
    const conditionalDeny = doc(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'ec2:*',
        Resource: '*',
        Condition: { Bool: { 'aws:ViaAWSService': 'false' } },
      },
    );
    expect(deniesAction([conditionalDeny], 'ec2:DescribeRegions')).toBe(true);
    expect(grantsAction([conditionalDeny], 'ec2:DescribeRegions')).toBe(false);
    expect(grantsAction([conditionalDeny], 'iam:GetAccountSummary')).toBe(true);
    expect(
      grantsAction(
        [doc({ Effect: 'Allow', Action: ['a:B', 'ec2:*'], Resource: ['arn:aws:s3:::x', '*'] })],
        'ec2:DescribeRegions',
      ),
    ).toBe(true);
    expect(grantsAction([], 'ec2:DescribeRegions')).toBe(false);
  });
});
