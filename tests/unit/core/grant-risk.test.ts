// What a level grants and what the customer is warned about (src/core/grant-risk.ts):
// administrator and IAM-changing grants, `*`, service-wide actions, NotAction, and labels that
// claim read-only over grants that change things; read-only grants raise nothing.
import { describe, expect, it } from 'vitest';
import {
  claimsReadOnly,
  grantLines,
  grantRisks,
  mayWrite,
  mayWriteIam,
} from '../../../src/core/grant-risk.ts';
import type { CustomPolicy } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const managed = (...names: string[]) => names.map((n) => `arn:aws:iam::aws:policy/${n}`);
const custom = (name: string, ...Statement: object[]): CustomPolicy =>
  ({ name, document: { Version: '2012-10-17', Statement } }) as CustomPolicy;
const allow = (Action: string | string[]) => ({ Effect: 'Allow', Action, Resource: '*' });
const messages = (set: Parameters<typeof grantRisks>[0]) =>
  grantRisks(set).map((r) => `${r.severity}: ${r.message}`);

describe('grant risks', () => {
  it('warns, first of all, when a level labelled read-only grants AdministratorAccess', () => {
    const risks = grantRisks({
      label: 'Read-only (recommended)',
      managedPolicyArns: managed('AdministratorAccess'),
    });
    expect(risks.map((r) => r.severity)).toEqual(['danger', 'danger']);
    expect(risks[0]!.message).toBe(
      '"Read-only (recommended)" sounds read-only, but it grants actions that change things: AdministratorAccess.',
    );
    expect(risks[1]!.message).toMatch(/^AdministratorAccess allows every action on every resource/);
  });

  it.each([
    ['IAMFullAccess', /create users, roles and policies/],
    ['AdministratorAccess-Amplify', /every action on every resource/],
  ])('calls %s a danger', (name, message) => {
    const [risk] = grantRisks({ label: 'Manage', managedPolicyArns: managed(name) });
    expect(risk).toMatchObject({ severity: 'danger', message: expect.stringMatching(message) });
  });

  it.each([
    'iam:CreateRole',
    'iam:Put*',
    'iam:Attach*',
    'iam:PassRole',
    'iam:Update*',
    'iam:*',
    'iam:*Policy',
    'IAM:createuser',
  ])('calls the IAM write %s a danger', (action) => {
    expect(messages({ label: 'Deploy', customPolicies: [custom('P', allow(action))] })).toEqual([
      `danger: P allows ${action}, which can create or change IAM users, roles or policies: the service could give itself more access.`,
    ]);
  });

  it('calls "*" and Allow with NotAction a danger, and svc:* a caution', () => {
    expect(messages({ label: 'X', customPolicies: [custom('P', allow('*'))] })).toEqual([
      'danger: P allows "*": every action on every AWS service, as AdministratorAccess does.',
    ]);
    expect(
      messages({
        label: 'X',
        customPolicies: [custom('P', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
      }),
    ).toEqual([
      "danger: P allows every action except iam:* (NotAction), IAM's included unless excepted.",
    ]);
    expect(messages({ label: 'X', customPolicies: [custom('P', allow('s3:*'))] })).toEqual([
      'caution: P allows s3:*: every s3 action, changes and deletions included.',
    ]);
  });

  it('warns about a write under a read-only label in English or Japanese, and not about reads', () => {
    const logs = [custom('Logs', allow(['logs:PutLogEvents', 'logs:Describe*']))];
    for (const label of [
      'Read only',
      'View logs',
      'Auditor',
      'ReadOnly',
      '読み取り専用',
      '閲覧のみ',
      '監査',
    ])
      expect(grantRisks({ label, customPolicies: logs })[0]?.message).toContain(
        'sounds read-only, but it grants actions that change things: logs:PutLogEvents.',
      );
    expect(grantRisks({ label: 'Write logs', customPolicies: logs })).toEqual([]);
    const reads = [
      custom('R', allow(['ec2:Describe*', 's3:GetObject', 'ce:List*', 'budgets:ViewBudget'])),
    ];
    expect(grantRisks({ label: 'Read-only', customPolicies: reads })).toEqual([]);
    expect(
      grantRisks({
        label: 'Read-only',
        managedPolicyArns: managed(
          'ReadOnlyAccess',
          'job-function/ViewOnlyAccess',
          'SecurityAudit',
        ),
      }),
    ).toEqual([]);
    // Deny statements grant nothing.
    expect(
      grantRisks({
        label: 'Read',
        customPolicies: [custom('D', { Effect: 'Deny', Action: '*', Resource: '*' })],
      }),
    ).toEqual([]);
  });

  it('raises nothing for the demo and diagrams examples, and a danger for the administrator level', () => {
    type Example = { access: Parameters<typeof grantRisks>[0][]; id: string };
    const examples = EXAMPLE_PROFILES as Example[];
    for (const id of ['crossrole-demo', 'example-cloud-diagrams'])
      for (const level of examples.find((p) => p.id === id)!.access)
        expect(grantRisks(level)).toEqual([]);
    const admin = examples.find((p) => p.id === 'example-full-management')!.access[1]!;
    expect(grantRisks(admin)[0]?.severity).toBe('danger');
  });

  it('names each warning by a popup message that says it in English and Japanese', () => {
    const risks = grantRisks({
      label: 'Read-only',
      managedPolicyArns: managed(
        'AdministratorAccess',
        'IAMFullAccess',
        'PowerUserAccess',
        'AmazonS3FullAccess',
      ),
      customPolicies: [
        custom('Star', allow('*')),
        custom('Iam', allow('iam:CreateRole')),
        custom('Wide', allow('ec2:*')),
        custom('Not', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      ],
    });
    // Each a coded problem the popup says in its language (tests/unit/popup/problems.test.ts).
    expect(new Set(risks.map((r) => r.code)).size).toBe(9);
  });

  it('tells reads from writes in action patterns', () => {
    expect(
      ['ec2:DescribeInstances', 'ec2:Describe*', 's3:Get*', 'iam:List*'].map(mayWrite),
    ).toEqual([false, false, false, false]);
    expect(
      ['ec2:RunInstances', 'ec2:*', 'ec2:D*', '*', 's3:*Object', 'sts:AssumeRole'].map(mayWrite),
    ).toEqual([true, true, true, true, true, true]);
    expect(['iam:Get*', 'iam:ListRoles', 's3:PutObject'].map(mayWriteIam)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('lists every policy with what it allows and denies', () => {
    expect(
      grantLines({
        label: 'L',
        managedPolicyArns: managed('job-function/ViewOnlyAccess'),
        customPolicies: [
          custom('P', allow(['a:B', 'c:D']), { Effect: 'Deny', NotAction: 'x:Y', Resource: '*' }),
        ],
      }),
    ).toEqual([
      { policy: 'ViewOnlyAccess', kind: 'managed', grants: [] },
      {
        policy: 'P',
        kind: 'custom',
        grants: ['allows a:B, c:D', 'denies every action except x:Y'],
      },
    ]);
  });

  it('hears read-only claims in labels', () => {
    expect(
      ['Read-only (recommended)', 'Viewer', 'Security audit', '参照'].map(claimsReadOnly),
    ).toEqual([true, true, true, true]);
    expect(
      ['Ready to manage', 'Reviews', 'Full management', 'Configuration only'].map(claimsReadOnly),
    ).toEqual([false, false, false, false]);
  });
});
