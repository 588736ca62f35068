// The stack set of an organization setup (src/core/organization.ts, docs/organizations.md): what
// is planned from the wizard's Setup, the verdict on the stack set's page, which instances are
// reported, and the member setups' name-based ids.
import { describe, expect, it } from 'vitest';
import { cloudFormationTemplate } from '../../../src/core/iac.ts';
import { planSetup, toContentSetup } from '../../../src/core/machine.ts';
import {
  judgeInstances,
  judgeStackSet,
  memberSetupId,
  parseStackSetArn,
  sameJson,
  stackSetCreateUrl,
  stackSetNameFor,
  stackSetNameFromRoute,
  STACK_SET_REGIONS,
} from '../../../src/core/organization.ts';
import { isStackSetPlan, parseContentSetupReply } from '../../../src/core/content-setup.ts';
import { PARTITIONS } from '../../../src/core/partition.ts';
import type { Setup, StackSetState } from '../../../src/core/setup.ts';
import { canMove } from '../../../src/core/setup.ts';
import { ACCOUNT, demoStart, parsedExampleProfiles } from '../../support/setup-fixtures.ts';

const profiles = parsedExampleProfiles();
const demo = profiles.find((p) => p.id === 'crossrole-demo')!;
const ID = '0b7c3a52-4f1e-4d5b-9a8e-2f6c1d0e9b7a';

function organization(over: Record<string, unknown> = {}): Setup {
  const result = planSetup(
    demo,
    { ...demoStart({ mode: 'organization', roleName: 'OrgRole' }), ...over },
    { id: ID, now: 0, reuse: null },
  );
  if (!result.ok) throw new Error(result.error);
  return result.value.setup;
}
const plan = (): StackSetState => organization().stackSet!;
const ARN = `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stackset/OrgRole:5d1c2b3a-1111-4222-8333-944455556666`;
const readBack = (over: Record<string, unknown> = {}) => ({
  stackSetArn: ARN,
  permissionModel: 'SERVICE_MANAGED' as const,
  autoDeployment: true,
  parameters: [
    { key: 'ExternalId', value: 'demo-abcdefghijklmnopqrstuv' },
    { key: 'RoleName', value: 'OrgRole' },
  ],
  templateBody: plan().templateBody,
  ...over,
});

describe('planning the stack set', () => {
  it('is the iac.ts template of the same setup, with its parameters, in the partition’s region', () => {
    const setup = organization({ targets: { kind: 'ous', ouIds: ['r-ab12'] } });
    const template = cloudFormationTemplate({ ...setup, mode: 'create-role' });
    expect(template.ok && template.value).toBe(setup.stackSet!.templateBody);
    expect(setup.stackSet).toMatchObject({
      stackSetName: 'OrgRole',
      templateFileName: 'OrgRole-stackset.json',
      templateUrl: null,
      parameters: [
        { key: 'ExternalId', value: setup.externalId },
        { key: 'RoleName', value: 'OrgRole' },
      ],
      targets: { kind: 'ous', ouIds: ['r-ab12'] },
      region: 'us-east-1',
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 100,
      stackSetArn: null,
      reportedAccounts: [],
    });
    const params = Object.keys(
      (JSON.parse(setup.stackSet!.templateBody) as { Parameters: object }).Parameters,
    );
    expect(params.sort()).toEqual(['ExternalId', 'RoleName']);
  });

  it('targets the whole Organization unless OUs are named, and opens Create StackSet', () => {
    const result = planSetup(demo, demoStart({ mode: 'organization' }), {
      id: ID,
      now: 0,
      reuse: null,
    });
    expect(result.ok && result.value.setup.stackSet!.targets).toEqual({ kind: 'organization' });
    expect(result.ok && result.value.url).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacksets/create',
    );
  });

  it('refuses targets for a single account', () => {
    const result = planSetup(
      demo,
      { ...demoStart(), targets: { kind: 'organization' } },
      { id: ID, now: 0, reuse: null },
    );
    expect(result).toEqual({
      ok: false,
      error: 'Deployment targets are only for an Organization.',
    });
  });

  it.each(PARTITIONS)('opens the console of partition %s in its region', (partition) => {
    const url = new URL(stackSetCreateUrl(partition, STACK_SET_REGIONS[partition]));
    expect(url.host.startsWith(`${STACK_SET_REGIONS[partition]}.console.`)).toBe(true);
    expect(url.pathname).toBe('/cloudformation/home');
    expect(url.hash).toBe('#/stacksets/create');
  });

  it.each([
    ['OrgRole', 'OrgRole'],
    ['My_Role.v2', 'My-Role-v2'],
    ['_role', 'role'],
    ['1role', 'Crossrole-1role'],
    ['@', 'Crossrole'],
  ])('names the stack set after role %s: %s', (role, name) => {
    expect(stackSetNameFor(role)).toBe(name);
    expect(name).toMatch(/^[A-Za-z][A-Za-z0-9-]{0,127}$/);
  });

  it('gives the content script a plan its own reader takes, and only the CloudFormation one', () => {
    const content = toContentSetup(organization());
    expect(content.mode).toBe('organization');
    expect(parseContentSetupReply({ ok: true, value: content }, isStackSetPlan)).toEqual({
      ok: true,
      value: content,
    });
    // The IAM app's reader, which does not carry the plan's check, refuses it.
    expect(parseContentSetupReply({ ok: true, value: content })).toBeNull();
    const broken = { ...content, organization: { ...content.organization, region: 'mars' } };
    expect(parseContentSetupReply({ ok: true, value: broken }, isStackSetPlan)).toBeNull();
  });

  it('moves only from started to role-created, and its members only on from verified', () => {
    expect(canMove('started', 'role-created', 'organization')).toBe(true);
    expect(canMove('role-created', 'arn-captured', 'organization')).toBe(false);
    expect(canMove('role-created', 'delivered', 'organization')).toBe(false);
    expect(canMove('verified', 'delivered', 'organization-member')).toBe(true);
    expect(canMove('failed', 'verified', 'organization-member')).toBe(true);
    expect(canMove('started', 'role-created', 'organization-member')).toBe(false);
  });
});

describe('judgeStackSet', () => {
  it('accepts the planned stack set and verifies its template as JSON', () => {
    const pretty = JSON.stringify(JSON.parse(plan().templateBody), null, 4);
    expect(judgeStackSet(plan(), readBack({ templateBody: pretty }), ACCOUNT, 'aws')).toEqual({
      problems: [],
      stackSetArn: ARN,
      managementAccountId: ACCOUNT,
      templateVerified: true,
    });
    expect(
      judgeStackSet(plan(), readBack({ templateBody: null }), ACCOUNT, 'aws').templateVerified,
    ).toBe(false);
  });

  it.each([
    ['a garbled ARN', { stackSetArn: 'arn:aws:cloudformation:stackset' }, /ARN Crossrole can read/],
    [
      'another partition',
      { stackSetArn: ARN.replace('arn:aws:', 'arn:aws-cn:') },
      /partition aws-cn/,
    ],
    ['another account', { stackSetArn: ARN.replace(ACCOUNT, '999999999999') }, /999999999999/],
    ['another name', { stackSetArn: ARN.replace('OrgRole', 'Other') }, /stack set Other/],
    ['self-managed', { permissionModel: 'SELF_MANAGED' }, /SELF_MANAGED/],
    ['unread model', { permissionModel: null }, /permission model/],
    [
      'a missing parameter',
      { parameters: [{ key: 'RoleName', value: 'OrgRole' }] },
      /no parameter ExternalId/,
    ],
    [
      'an extra parameter',
      { parameters: [...readBack().parameters, { key: 'Principal', value: 'x' }] },
      /parameter Principal the plan does not/,
    ],
    [
      'a doubled parameter',
      { parameters: [...readBack().parameters, { key: 'RoleName', value: 'OrgRole' }] },
      /parameter RoleName/,
    ],
    [
      'a changed template',
      { templateBody: plan().templateBody.replace('OrgRole', 'Other') },
      /template/,
    ],
    ['a template that is not JSON', { templateBody: 'Resources: {}' }, /template/],
  ])('refuses %s', (_name, over, why) => {
    const verdict = judgeStackSet(plan(), readBack(over), ACCOUNT, 'aws');
    expect(verdict.problems.join(' ')).toMatch(why);
    expect(verdict.problems.at(-1)).toBe('No account was reported.');
    expect(verdict.templateVerified).toBe(false);
  });

  it('parses stack set ARNs strictly', () => {
    expect(parseStackSetArn(ARN)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: ACCOUNT,
      name: 'OrgRole',
    });
    expect(parseStackSetArn(`${ARN}/x`)).toBeNull();
    expect(parseStackSetArn(ARN.replace('stackset/', 'stack/'))).toBeNull();
  });

  it('compares JSON by keys whatever their order, arrays in order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});

describe('judgeInstances', () => {
  const state = { ...plan(), managementAccountId: ACCOUNT };
  const row = (accountId: string, detailedStatus: string | null, status = 'CURRENT') => ({
    accountId,
    region: 'us-east-1',
    status,
    detailedStatus,
    reason: null,
  });

  it('reports succeeded accounts of the plan’s region once, never the management account', () => {
    const verdict = judgeInstances(state, [
      row('222233334444', 'SUCCEEDED'),
      row('333344445555', 'RUNNING', 'OUTDATED'),
      { ...row('444455556666', 'SUCCEEDED'), region: 'eu-west-1' },
      row(ACCOUNT, 'SUCCEEDED'),
      row('not-an-account', 'SUCCEEDED'),
      row('555566667777', 'SUCCEEDED', 'OUTDATED'),
    ]);
    expect(verdict.toReport).toEqual(['222233334444']);
    expect(verdict.instances.map((i) => i.accountId)).toEqual([
      '222233334444',
      '333344445555',
      '555566667777',
    ]);
    const again = judgeInstances(
      { ...state, instances: verdict.instances, reportedAccounts: ['222233334444'] },
      [row('222233334444', 'SUCCEEDED')],
    );
    expect(again.toReport).toEqual([]);
    // Rows of an earlier page are kept when a later read shows only some.
    expect(again.instances).toHaveLength(3);
  });

  it('lists failed instances with the console’s reason, or their status', () => {
    const verdict = judgeInstances(state, [
      { ...row('222233334444', 'FAILED', 'OUTDATED'), reason: 'OrgRole already exists.' },
      row('333344445555', 'SKIPPED_SUSPENDED_ACCOUNT', 'OUTDATED'),
      row('444455556666', null, 'INOPERABLE'),
    ]);
    expect(verdict.toReport).toEqual([]);
    expect(verdict.failed).toEqual([
      { accountId: '222233334444', reason: 'OrgRole already exists.' },
      { accountId: '333344445555', reason: 'SKIPPED_SUSPENDED_ACCOUNT' },
      { accountId: '444455556666', reason: 'INOPERABLE' },
    ]);
  });
});

describe('memberSetupId', () => {
  it('is a stable UUID per organization setup and account', async () => {
    const id = await memberSetupId(ID, '222233334444');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await memberSetupId(ID, '222233334444')).toBe(id);
    expect(await memberSetupId(ID, '222233334445')).not.toBe(id);
    expect(await memberSetupId('another-setup', '222233334444')).not.toBe(id);
  });

  it('names the stack set a console route is about', () => {
    expect(stackSetNameFromRoute('/stacksets/OrgRole/info')).toBe('OrgRole');
    expect(stackSetNameFromRoute('#/stacksets/OrgRole')).toBe('OrgRole');
    expect(stackSetNameFromRoute('/stacksets/create')).toBeNull();
    expect(stackSetNameFromRoute('/stacksets')).toBeNull();
    expect(stackSetNameFromRoute('/stacksets/bad_name/info')).toBeNull();
  });
});
