// The simulated Organization and StackSets behind the CloudFormation console replica: instances
// move with the clock, honour concurrency and failure tolerance, and fail as the service does.
import { describe, expect, it } from 'vitest';
import {
  OU_ID_RE,
  ROOT_ID_RE,
  SA_MSG,
  SimulatedStackSets,
  StackSetsError,
  memberAccountId,
  type CreateStackSetInput,
  type OrganizationOptions,
} from '../../support/stacksets-sim.ts';

const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: {
    RoleName: { Type: 'String', Default: 'CrossroleRole', AllowedPattern: '[\\w+=,.@-]{1,64}' },
    ExternalId: {
      Type: 'String',
      Description: 'The External ID',
      AllowedPattern: '[\\w+=,.@:/-]{2,1224}',
    },
  },
  Resources: {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { RoleName: { Ref: 'RoleName' }, AssumeRolePolicyDocument: {} },
    },
  },
});

const STEP = 1000;

function setup(org: OrganizationOptions = {}) {
  let now = 1_700_000_000_000;
  const sim = new SimulatedStackSets({
    managementAccountId: '111122223333',
    partition: 'aws',
    organization: { instanceStepMs: STEP, ...org },
    now: () => now,
    templateAt: (url) => (url === 'https://example.com/t.json' ? TEMPLATE : undefined),
  });
  return {
    sim,
    advance(ms: number) {
      now += ms;
    },
  };
}

function input(over: Partial<CreateStackSetInput> = {}): CreateStackSetInput {
  return {
    stackSetName: 'CrossroleRole',
    description: 'Crossrole',
    templateBody: TEMPLATE,
    parameters: [
      { key: 'ExternalId', value: 'ext-123' },
      { key: 'RoleName', value: 'CrossroleRole' },
    ],
    permissionModel: 'SERVICE_MANAGED',
    targets: { kind: 'organization' },
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
    regions: ['us-east-1'],
    operationPreferences: {
      maxConcurrent: { type: 'PERCENTAGE', value: 100 },
      failureTolerance: { type: 'PERCENTAGE', value: 100 },
      regionConcurrency: 'SEQUENTIAL',
    },
    capabilities: ['CAPABILITY_NAMED_IAM'],
    region: 'us-east-1',
    ...over,
  };
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StackSetsError);
    return (e as Error).message;
  }
  throw new Error('expected a StackSets error');
}

function counts(sim: SimulatedStackSets, name = 'CrossroleRole') {
  const out: Record<string, number> = {};
  for (const i of sim.instances(name)) out[i.detailedStatus] = (out[i.detailedStatus] ?? 0) + 1;
  return out;
}

describe('SimulatedStackSets organization', () => {
  it('has a root, two OUs and 50 deterministic member accounts, without the management account', () => {
    const { sim } = setup();
    expect(sim.rootId).toMatch(ROOT_ID_RE);
    const ous = sim.organizationalUnits();
    expect(ous.map((o) => o.name)).toEqual(['Production', 'Development']);
    for (const ou of ous) expect(ou.id).toMatch(OU_ID_RE);
    const members = sim.memberAccounts();
    expect(members).toHaveLength(50);
    expect(new Set(members.map((m) => m.accountId)).size).toBe(50);
    for (const m of members) expect(m.accountId).toMatch(/^\d{12}$/);
    expect(members.map((m) => m.accountId)).not.toContain('111122223333');
    expect(members.filter((m) => m.ouId === ous[0]!.id)).toHaveLength(25);
    expect(setup().sim.memberAccounts()).toEqual(members);
  });
});

describe('SimulatedStackSets stack sets', () => {
  it('records what was submitted, with an ARN naming the management account and region', () => {
    const { sim } = setup();
    const created = sim.createStackSet(input());
    expect(created.arn).toMatch(
      /^arn:aws:cloudformation:us-east-1:111122223333:stackset\/CrossroleRole:[0-9a-f-]{36}$/,
    );
    expect(created.stackSetId).toBe(`CrossroleRole:${created.arn.split(':').pop()}`);
    expect(sim.stackSet('CrossroleRole')).toMatchObject({
      description: 'Crossrole',
      templateBody: TEMPLATE,
      permissionModel: 'SERVICE_MANAGED',
      targets: { kind: 'organization' },
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      regions: ['us-east-1'],
      operationPreferences: {
        maxConcurrent: { type: 'PERCENTAGE', value: 100 },
        failureTolerance: { type: 'PERCENTAGE', value: 100 },
      },
      requiredCapabilities: ['CAPABILITY_NAMED_IAM'],
      capabilityAcknowledged: true,
      // In the template's order, whatever order they were given in.
      parameters: [
        { key: 'RoleName', value: 'CrossroleRole' },
        { key: 'ExternalId', value: 'ext-123' },
      ],
    });
  });

  it('refuses what the service refuses, and creates nothing then', () => {
    const { sim } = setup();
    expect(message(() => sim.createStackSet(input({ capabilities: [] })))).toBe(
      'Requires capabilities : [CAPABILITY_NAMED_IAM]',
    );
    expect(message(() => sim.createStackSet(input({ stackSetName: '1role' })))).toContain(
      '[a-zA-Z][-a-zA-Z0-9]*',
    );
    expect(
      message(() => sim.createStackSet(input({ parameters: [{ key: 'ExternalId', value: 'x' }] }))),
    ).toBe(SA_MSG.parameterPattern('ExternalId', '[\\w+=,.@:/-]{2,1224}'));
    expect(
      message(() =>
        sim.createStackSet(input({ targets: { kind: 'ous', ouIds: ['ou-zz99-00000000'] } })),
      ),
    ).toBe(SA_MSG.ouMissing('ou-zz99-00000000'));
    expect(message(() => sim.createStackSet(input({ regions: ['cn-north-1'] })))).toContain(
      'cn-north-1',
    );
    expect(sim.stackSets()).toEqual([]);
    sim.createStackSet(input());
    expect(message(() => sim.createStackSet(input()))).toBe(SA_MSG.nameExists('CrossroleRole'));
  });

  it('refuses a service-managed stack set without trusted access, until it is activated', () => {
    const { sim } = setup({ trustedAccess: false });
    const answer = sim.handle('createStackSet', input());
    expect(answer).toEqual({
      status: 400,
      body: { message: SA_MSG.trustedAccess, code: 'ValidationError' },
    });
    expect(sim.stackSets()).toEqual([]);
    sim.handle('activateTrustedAccess', {});
    expect(sim.handle('createStackSet', input()).status).toBe(200);
  });

  it('reads templates: parameters, capabilities, URLs, and CloudFormation’s format errors', () => {
    const { sim } = setup();
    expect(sim.templateSummary({ templateUrl: 'https://example.com/t.json' })).toEqual({
      templateBody: TEMPLATE,
      parameters: [
        { key: 'RoleName', description: '', defaultValue: 'CrossroleRole' },
        { key: 'ExternalId', description: 'The External ID' },
      ],
      capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    expect(message(() => sim.templateSummary({ templateUrl: 'https://example.com/x' }))).toBe(
      SA_MSG.templateUrl,
    );
    expect(message(() => sim.templateSummary({ templateBody: '{"Resources":' }))).toBe(
      SA_MSG.jsonSyntax,
    );
    expect(message(() => sim.templateSummary({ templateBody: 'Resources: {}' }))).toBe(
      SA_MSG.yamlSyntax,
    );
    expect(message(() => sim.templateSummary({ templateBody: '{"Resources":{}}' }))).toBe(
      SA_MSG.noResources,
    );
    const noNames = JSON.stringify({
      Resources: { R: { Type: 'AWS::IAM::Role', Properties: {} } },
    });
    expect(sim.templateSummary({ templateBody: noNames }).capabilities).toEqual(['CAPABILITY_IAM']);
  });
});

describe('SimulatedStackSets stack instances', () => {
  it('moves every member PENDING → RUNNING → SUCCEEDED with the clock, 100 % at once', () => {
    const { sim, advance } = setup();
    sim.createStackSet(input());
    expect(counts(sim)).toEqual({ PENDING: 50 });
    expect(sim.instances('CrossroleRole')[0]).toMatchObject({ status: 'OUTDATED', stackId: '' });
    advance(STEP);
    expect(counts(sim)).toEqual({ RUNNING: 50 });
    expect(sim.instances('CrossroleRole')[0]!.stackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:\d{12}:stack\/StackSet-CrossroleRole-[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
    );
    expect(sim.operations('CrossroleRole')[0]!.status).toBe('RUNNING');
    advance(STEP);
    expect(counts(sim)).toEqual({ SUCCEEDED: 50 });
    expect(sim.instances('CrossroleRole').every((i) => i.status === 'CURRENT')).toBe(true);
    expect(sim.instances('CrossroleRole').map((i) => i.account)).not.toContain('111122223333');
    expect(sim.operations('CrossroleRole')[0]!.status).toBe('SUCCEEDED');
  });

  it('honours maximum concurrent accounts: one wave at a time', () => {
    const { sim, advance } = setup({ memberCount: 5 });
    sim.createStackSet(
      input({
        operationPreferences: {
          maxConcurrent: { type: 'NUMBER', value: 2 },
          failureTolerance: { type: 'NUMBER', value: 0 },
        },
      }),
    );
    advance(STEP);
    expect(counts(sim)).toEqual({ RUNNING: 2, PENDING: 3 });
    advance(STEP);
    expect(counts(sim)).toEqual({ SUCCEEDED: 2, RUNNING: 2, PENDING: 1 });
    advance(2 * STEP);
    expect(counts(sim)).toEqual({ SUCCEEDED: 5 });
  });

  it('fails an account whose role exists with the real reason, skips suspended accounts', () => {
    const failing = memberAccountId(3);
    const suspended = memberAccountId(7);
    const { sim, advance } = setup({ roleExistsIn: [failing], suspended: [suspended] });
    sim.createStackSet(input());
    expect(sim.instances('CrossroleRole').find((i) => i.account === suspended)).toMatchObject({
      status: 'OUTDATED',
      detailedStatus: 'SKIPPED_SUSPENDED_ACCOUNT',
      statusReason: `Account ${suspended} is suspended.`,
    });
    advance(2 * STEP);
    expect(sim.instances('CrossroleRole').find((i) => i.account === failing)).toMatchObject({
      status: 'OUTDATED',
      detailedStatus: 'FAILED',
      statusReason:
        'ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:CrossroleRole already exists.',
    });
    expect(counts(sim)).toEqual({ SUCCEEDED: 48, FAILED: 1, SKIPPED_SUSPENDED_ACCOUNT: 1 });
  });

  it('cancels the waves after the failure tolerance is exceeded (console defaults 1 / 0)', () => {
    const { sim, advance } = setup({ memberCount: 4, roleExistsIn: [memberAccountId(1)] });
    sim.createStackSet(input({ operationPreferences: {} }));
    expect(sim.stackSet('CrossroleRole')!.operationPreferences).toEqual({
      maxConcurrent: { type: 'NUMBER', value: 1 },
      failureTolerance: { type: 'NUMBER', value: 0 },
      regionConcurrency: 'SEQUENTIAL',
    });
    advance(2.5 * STEP);
    expect(sim.instances('CrossroleRole').map((i) => i.detailedStatus)).toEqual([
      'SUCCEEDED',
      'RUNNING',
      'PENDING',
      'PENDING',
    ]);
    expect(sim.instances('CrossroleRole')[2]!.statusReason).toBe('');
    // The failure ends the second wave, and the operation stops there.
    advance(0.5 * STEP);
    expect(sim.instances('CrossroleRole').map((i) => i.detailedStatus)).toEqual([
      'SUCCEEDED',
      'FAILED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(sim.instances('CrossroleRole')[3]!.statusReason).toBe(SA_MSG.cancelled);
    advance(10 * STEP);
    expect(sim.operations('CrossroleRole')[0]!.status).toBe('FAILED');
  });

  it('deploys only to the targeted OUs', () => {
    const { sim } = setup();
    const dev = sim.organizationalUnits()[1]!.id;
    sim.createStackSet(input({ targets: { kind: 'ous', ouIds: [dev] } }));
    const rows = sim.instances('CrossroleRole');
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.organizationalUnitId === dev)).toBe(true);
  });

  it('deploys to an account that joins later when automatic deployment is activated', () => {
    const { sim, advance } = setup({ memberCount: 2, instanceStepMs: STEP });
    sim.createStackSet(input());
    sim.createStackSet(
      input({
        stackSetName: 'NoAuto',
        autoDeployment: { enabled: false, retainStacksOnAccountRemoval: false },
      }),
    );
    const prod = sim.organizationalUnits()[0]!.id;
    const dev = sim.organizationalUnits()[1]!.id;
    sim.createStackSet(input({ stackSetName: 'DevOnly', targets: { kind: 'ous', ouIds: [dev] } }));
    advance(2 * STEP);
    const joined = sim.addAccount(prod);
    expect(joined).toMatch(/^\d{12}$/);
    const row = () => sim.instances('CrossroleRole').find((i) => i.account === joined);
    expect(row()?.detailedStatus).toBe('PENDING');
    advance(STEP);
    expect(row()?.detailedStatus).toBe('RUNNING');
    advance(STEP);
    expect(row()).toMatchObject({ detailedStatus: 'SUCCEEDED', status: 'CURRENT' });
    expect(sim.instances('CrossroleRole')).toHaveLength(3);
    expect(sim.instances('NoAuto')).toHaveLength(2);
    expect(sim.instances('DevOnly').map((i) => i.account)).not.toContain(joined);
    expect(sim.operations('CrossroleRole')).toHaveLength(2);
  });

  it('finishes at once with instanceStepMs 0', () => {
    const { sim } = setup({ instanceStepMs: 0, memberCount: 3 });
    sim.createStackSet(input({ operationPreferences: {} }));
    expect(counts(sim)).toEqual({ SUCCEEDED: 3 });
  });

  it('runs regions one after another when sequential, side by side when parallel', () => {
    const { sim, advance } = setup({ memberCount: 1 });
    sim.createStackSet(input({ regions: ['us-east-1', 'eu-west-1'] }));
    sim.createStackSet(
      input({
        stackSetName: 'Parallel',
        regions: ['us-east-1', 'eu-west-1'],
        operationPreferences: {
          maxConcurrent: { type: 'NUMBER', value: 1 },
          failureTolerance: { type: 'NUMBER', value: 0 },
          regionConcurrency: 'PARALLEL',
        },
      }),
    );
    advance(2 * STEP);
    const statusOf = (name: string) =>
      Object.fromEntries(sim.instances(name).map((i) => [i.region, i.detailedStatus]));
    expect(statusOf('CrossroleRole')).toEqual({ 'us-east-1': 'SUCCEEDED', 'eu-west-1': 'PENDING' });
    expect(statusOf('Parallel')).toEqual({ 'us-east-1': 'SUCCEEDED', 'eu-west-1': 'SUCCEEDED' });
  });
});
