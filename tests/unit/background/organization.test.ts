// An Organization end to end in memory (docs/organizations.md): the stack set planned and opened
// in CloudFormation, its page read back against the plan, its instances read over time, and each
// member account that succeeded reported exactly once, with what is in storage asserted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { memberSetupId } from '../../../src/core/organization.ts';
import { parseReport } from '../../../src/core/report.ts';
import type { Setup } from '../../../src/core/setup.ts';
import { ACCOUNT, consoleTab, popupSender as popup } from '../../support/setup-fixtures.ts';
import {
  cloudFormationTab,
  ORG_ROLE,
  organizationStart,
  stackInstancesPage,
  stackSetArn,
  stackSetPage,
} from './organization-fixtures.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');
const { deliverDue } = await import('../../../src/background/delivery.ts');
const { forgetConsoleTab } = await import('../../../src/background/console-tabs.ts');

const fetchMock = vi.fn(
  async (_url: URL | string, _init?: RequestInit) =>
    new Response(JSON.stringify({ status: 'connected' }), { status: 200 }),
);

const MEMBER_A = '222233334444';
const MEMBER_B = '333344445555';
const MEMBER_C = '444455556666';

async function setups(): Promise<Setup[]> {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { setups: Setup[] }).setups;
}
async function connections() {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  return (reply as { value: { connections: { setupId: string; accountId: string }[] } }).value
    .connections;
}
const parentOf = async (id: string) => (await setups()).find((s) => s.id === id)!;
const members = async () => (await setups()).filter((s) => s.mode === 'organization-member');
/** The reports the service received, in order. */
const sent = () =>
  fetchMock.mock.calls.map(([, init]) => ({
    key: (init!.headers as Record<string, string>)['Idempotency-Key'],
    report: JSON.parse(String(init!.body)) as Record<string, unknown>,
  }));

/** Starts an organization setup as the popup does; its tab announces the wizard. */
async function startOrganization(over: Record<string, unknown> = {}) {
  const started = await handleMessage(
    { type: 'setup.start', requestId: 'req-org-0001', ...organizationStart(over) },
    popup,
  );
  if (!started.ok) throw new Error(started.error);
  const { setupId, url } = started.value as { setupId: string; url: string };
  const tabId = (await fake.current.browser.tabs.create.mock.results.at(-1)!.value).id as number;
  const hello = await handleMessage(
    { type: 'content.hello', route: '/stacksets/create' },
    cloudFormationTab(tabId),
  );
  const plan = (await parentOf(setupId)).stackSet!;
  return { setupId, url, tabId, hello, plan };
}

/** An organization setup whose stack set was read back as planned. */
async function readBack() {
  const started = await startOrganization();
  const reply = await handleMessage(
    stackSetPage(started.setupId, started.plan),
    cloudFormationTab(started.tabId, `/stacksets/${ORG_ROLE}/info`),
  );
  expect(reply.ok).toBe(true);
  return started;
}

beforeEach(() => {
  fake.current = createFakeBrowser();
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('an organization setup', () => {
  it('opens Create StackSet in the partition’s region and gives the CloudFormation page the plan', async () => {
    const { url, hello, setupId } = await startOrganization({
      targets: { kind: 'ous', ouIds: ['ou-ab12-cdefgh34'] },
    });
    expect(url).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacksets/create',
    );
    const plan = hello.ok && (hello.value as { organization?: Record<string, unknown> });
    expect(plan && plan.organization).toMatchObject({
      stackSetName: ORG_ROLE,
      templateFileName: `${ORG_ROLE}-stackset.json`,
      templateUrl: null,
      parameters: [
        { key: 'ExternalId', value: 'demo-abcdefghijklmnopqrstuv' },
        { key: 'RoleName', value: ORG_ROLE },
      ],
      targets: { kind: 'ous', ouIds: ['ou-ab12-cdefgh34'] },
      region: 'us-east-1',
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 100,
      stackSetArn: null,
      reportedAccounts: [],
      failedAccounts: [],
    });
    // An IAM page is given no organization setup, nor a stack set page an IAM one.
    const iam = await handleMessage({ type: 'content.hello', route: '/roles' }, consoleTab(99));
    expect(iam).toEqual({ ok: true, value: null });
    expect((await parentOf(setupId)).state).toBe('started');
  });

  it('accepts CloudFormation events only from CloudFormation pages, and role events only from IAM', async () => {
    const { setupId, tabId, plan } = await startOrganization();
    const fromIam = await handleMessage(stackSetPage(setupId, plan), consoleTab(tabId));
    expect(fromIam).toEqual({ ok: false, error: 'Not sent from a CloudFormation console page' });
    const roleFromCfn = await handleMessage(
      { type: 'content.roleCreated', setupId, roleName: ORG_ROLE },
      cloudFormationTab(tabId),
    );
    expect(roleFromCfn).toEqual({ ok: false, error: 'Not sent from an IAM console page' });
    expect((await parentOf(setupId)).state).toBe('started');
  });

  it('reports each account whose instance succeeded exactly once, even when one page is read twice at once', async () => {
    const { setupId, tabId } = await readBack();
    const parent = await parentOf(setupId);
    expect(parent).toMatchObject({
      state: 'role-created',
      accountId: ACCOUNT,
      problem: null,
      stackSet: {
        stackSetArn: stackSetArn(),
        managementAccountId: ACCOUNT,
        templateVerified: true,
      },
    });
    const page = `/stacksets/${ORG_ROLE}/stacks`;
    // Still running: nothing to report yet.
    const running = await handleMessage(
      stackInstancesPage(setupId, [
        [MEMBER_A, 'RUNNING'],
        [MEMBER_B, 'PENDING'],
      ]),
      cloudFormationTab(tabId, page),
    );
    expect(running.ok).toBe(true);
    expect(await members()).toEqual([]);

    const later = stackInstancesPage(setupId, [
      [MEMBER_A, 'SUCCEEDED'],
      [
        MEMBER_B,
        'FAILED',
        `ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:${ORG_ROLE} already exists.`,
      ],
      // The management account and garbage rows are never reported.
      [ACCOUNT, 'SUCCEEDED'],
      ['12345', 'SUCCEEDED'],
    ]);
    const [first, second] = await Promise.all([
      handleMessage(later, cloudFormationTab(tabId, page)),
      handleMessage(later, cloudFormationTab(tabId, page)),
    ]);
    expect(first.ok && second.ok).toBe(true);
    await deliverDue();

    const reported = await members();
    expect(reported.map((m) => m.accountId)).toEqual([MEMBER_A]);
    const member = reported[0]!;
    expect(member.id).toBe(await memberSetupId(setupId, MEMBER_A));
    expect(member).toMatchObject({
      state: 'delivered',
      parentId: setupId,
      roleArn: `arn:aws:iam::${MEMBER_A}:role/${ORG_ROLE}`,
      organization: { stackSetName: ORG_ROLE, managementAccountId: ACCOUNT },
    });
    expect(sent()).toHaveLength(1);
    const [{ key, report }] = sent() as [{ key: string; report: Record<string, unknown> }];
    expect(key).toBe(member.id);
    const parsed = parseReport(report);
    expect(parsed.ok && parsed.value).toMatchObject({
      setupId: member.id,
      accountId: MEMBER_A,
      roleArn: `arn:aws:iam::${MEMBER_A}:role/${ORG_ROLE}`,
      trustPolicyVerified: true,
      permissionsVerified: true,
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      organization: { stackSetName: ORG_ROLE, managementAccountId: ACCOUNT },
    });
    expect((await connections()).map((c) => c.accountId)).toEqual([MEMBER_A]);

    // The failed account keeps its reason, shown to the page and the popup, and is not reported.
    const again = await handleMessage(later, cloudFormationTab(tabId, page));
    const plan =
      again.ok && (again.value as { organization: Record<string, unknown> }).organization;
    expect(plan).toMatchObject({
      reportedAccounts: [MEMBER_A],
      failedAccounts: [{ accountId: MEMBER_B, reason: expect.stringMatching(/already exists/) }],
    });
    expect((await parentOf(setupId)).stackSet!.instances).toContainEqual({
      accountId: MEMBER_B,
      status: 'OUTDATED',
      detailedStatus: 'FAILED',
      reason: expect.stringMatching(/already exists/),
    });
    await deliverDue();
    expect(sent()).toHaveLength(1);

    // Fixed and retried by the customer: reported then.
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_B, 'SUCCEEDED']]),
      cloudFormationTab(tabId, page),
    );
    await deliverDue();
    expect(sent().map((s) => s.report.accountId)).toEqual([MEMBER_A, MEMBER_B]);
  });

  it('reports an account that joined later when the stack set’s page is opened again in a new tab', async () => {
    const { setupId, tabId } = await readBack();
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']]),
      cloudFormationTab(tabId),
    );
    await deliverDue();
    await forgetConsoleTab(tabId); // the customer closed the tab

    // Another CloudFormation page, or another stack set's, does not pick the setup up.
    expect(
      await handleMessage({ type: 'content.hello', route: '/stacksets' }, cloudFormationTab(50)),
    ).toEqual({ ok: true, value: null });
    expect(
      await handleMessage(
        { type: 'content.hello', route: '/stacksets/Other/info', sessionAccountId: ACCOUNT },
        cloudFormationTab(50),
      ),
    ).toEqual({ ok: true, value: null });
    // Signed in to another account: not either.
    expect(
      await handleMessage(
        {
          type: 'content.hello',
          route: `/stacksets/${ORG_ROLE}/stacks`,
          sessionAccountId: '999999999999',
        },
        cloudFormationTab(50),
      ),
    ).toEqual({ ok: true, value: null });

    const page = `/stacksets/${ORG_ROLE}/stacks`;
    const hello = await handleMessage(
      { type: 'content.hello', route: page, sessionAccountId: ACCOUNT },
      cloudFormationTab(51, page),
    );
    expect(hello.ok && (hello.value as { id: string }).id).toBe(setupId);
    // The old tab no longer speaks for the setup; the new one does.
    const fromOld = await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_C, 'SUCCEEDED']]),
      cloudFormationTab(tabId, page),
    );
    expect(fromOld.ok).toBe(false);
    const fromNew = await handleMessage(
      stackInstancesPage(setupId, [
        [MEMBER_A, 'SUCCEEDED'],
        [MEMBER_C, 'SUCCEEDED'],
      ]),
      cloudFormationTab(51, page),
    );
    expect(fromNew.ok).toBe(true);
    await deliverDue();
    expect(sent().map((s) => s.report.accountId)).toEqual([MEMBER_A, MEMBER_C]);
    expect(sent()[1]!.key).toBe(await memberSetupId(setupId, MEMBER_C));
  });

  it('reports a later account from a new tab on the stack set’s page while the first tab is still open', async () => {
    const { setupId, tabId } = await readBack();
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']]),
      cloudFormationTab(tabId),
    );
    const page = `/stacksets/${ORG_ROLE}/stacks`;
    // The first tab is open on the wizard's CloudFormation app; another stack set's page still
    // does not pick the setup up.
    expect(
      await handleMessage(
        { type: 'content.hello', route: '/stacksets/Other/stacks', sessionAccountId: ACCOUNT },
        cloudFormationTab(52),
      ),
    ).toEqual({ ok: true, value: null });
    const hello = await handleMessage(
      { type: 'content.hello', route: page, sessionAccountId: ACCOUNT },
      cloudFormationTab(52, page),
    );
    expect(hello.ok && (hello.value as { id: string }).id).toBe(setupId);
    await handleMessage(
      stackInstancesPage(setupId, [
        [MEMBER_A, 'SUCCEEDED'],
        [MEMBER_B, 'SUCCEEDED'],
      ]),
      cloudFormationTab(52, page),
    );
    await deliverDue();
    expect(sent().map((s) => s.report.accountId)).toEqual([MEMBER_A, MEMBER_B]);
  });

  it.each([
    [
      'another account’s stack set',
      { stackSetArn: stackSetArn('999999999999') },
      /names account 999999999999/,
    ],
    [
      'another region',
      { stackSetArn: stackSetArn(ACCOUNT, ORG_ROLE, 'eu-west-1') },
      /region eu-west-1/,
    ],
    ['another stack set', { stackSetArn: stackSetArn(ACCOUNT, 'Other') }, /stack set Other/],
    ['self-managed permissions', { permissionModel: 'SELF_MANAGED' }, /SELF_MANAGED/],
    [
      'another External ID',
      {
        parameters: [
          { key: 'ExternalId', value: 'attacker-chosen-id' },
          { key: 'RoleName', value: ORG_ROLE },
        ],
      },
      /parameter ExternalId/,
    ],
    ['another template', { templateBody: '{"Resources":{}}' }, /template is not the one/],
    [
      'another signed-in account',
      { sessionAccountId: '999999999999' },
      /names account 111122223333, but the console is signed in to 999999999999/,
    ],
    ['no signed-in account', { sessionAccountId: null }, /could not tell which account/],
  ])('refuses a read-back of %s and reports nothing', async (_name, over, why) => {
    const { setupId, tabId, plan } = await startOrganization();
    const reply = await handleMessage(stackSetPage(setupId, plan, over), cloudFormationTab(tabId));
    expect(reply.ok).toBe(false);
    const parent = await parentOf(setupId);
    expect(parent.problem).toMatch(why);
    expect(parent.state).toBe('started');
    expect(parent.stackSet!.stackSetArn).toBeNull();
    const instances = await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']], {
        stackSetArn: (over as { stackSetArn?: string }).stackSetArn ?? stackSetArn(),
      }),
      cloudFormationTab(tabId),
    );
    expect(instances.ok).toBe(false);
    await deliverDue();
    expect(await members()).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('leaves the role unverified when the Template tab was not read', async () => {
    const { setupId, tabId, plan } = await startOrganization();
    await handleMessage(
      stackSetPage(setupId, plan, { templateBody: null }),
      cloudFormationTab(tabId),
    );
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']]),
      cloudFormationTab(tabId),
    );
    await deliverDue();
    expect(sent()[0]!.report).toMatchObject({
      trustPolicyVerified: false,
      permissionsVerified: false,
    });
  });

  it('refuses instances of another stack set, or read in another account', async () => {
    const { setupId, tabId } = await readBack();
    const other = await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']], {
        stackSetArn: stackSetArn(ACCOUNT, 'Other'),
      }),
      cloudFormationTab(tabId),
    );
    expect(other.ok).toBe(false);
    const account = await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']], { sessionAccountId: '999999999999' }),
      cloudFormationTab(tabId),
    );
    expect(account.ok).toBe(false);
    expect(await members()).toEqual([]);
  });

  it('keeps what was delivered when the organization setup is discarded', async () => {
    const { setupId, tabId } = await readBack();
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']]),
      cloudFormationTab(tabId),
    );
    await deliverDue();
    const discarded = await handleMessage(
      { type: 'setup.discard', requestId: 'req-org-0002', setupId },
      popup,
    );
    expect(discarded.ok).toBe(true);
    expect((await setups()).map((s) => [s.mode, s.accountId])).toEqual([
      ['organization-member', MEMBER_A],
    ]);
    expect((await connections()).map((c) => c.accountId)).toEqual([MEMBER_A]);
  });
});

describe('an organization setup with a connection code', () => {
  const TOKEN = 'cost-token-0123456789';

  it('gives each member the token for its report, drops it after delivery, keeps the parent’s for later accounts', async () => {
    fake.current.granted.add('https://api.costs.example.com/*');
    const started = await handleMessage(
      {
        type: 'setup.start',
        requestId: 'req-org-0003',
        mode: 'organization',
        profileId: 'example-cost-inventory',
        levelId: 'read-only-plus-billing',
        optionIds: [],
        partition: 'aws',
        roleName: 'ExampleCostInventoryRole',
        roleDescription: '',
        externalId: 'tenant-42',
        token: TOKEN,
      },
      popup,
    );
    if (!started.ok) throw new Error(started.error);
    const { setupId } = started.value as { setupId: string };
    const tabId = (await fake.current.browser.tabs.create.mock.results.at(-1)!.value).id as number;
    await handleMessage(
      { type: 'content.hello', route: '/stacksets/create' },
      cloudFormationTab(tabId),
    );
    const plan = (await parentOf(setupId)).stackSet!;
    const arn = stackSetArn(ACCOUNT, 'ExampleCostInventoryRole');
    expect(
      (
        await handleMessage(
          stackSetPage(setupId, plan, { stackSetArn: arn }),
          cloudFormationTab(tabId),
        )
      ).ok,
    ).toBe(true);
    await handleMessage(
      stackInstancesPage(setupId, [[MEMBER_A, 'SUCCEEDED']], { stackSetArn: arn }),
      cloudFormationTab(tabId),
    );
    await deliverDue();
    const [call] = fetchMock.mock.calls;
    expect((call![1]!.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    const tokens = (await fake.current.browser.storage.local.get('reportTokens'))
      .reportTokens as Record<string, string>;
    expect(Object.keys(tokens)).toEqual([setupId]);
    // The custom policies the template creates are in the member's report, in that account.
    const { customPolicies } = await parentOf(setupId);
    expect(customPolicies.length).toBeGreaterThan(0);
    const report = JSON.parse(String(call![1]!.body)) as { policyArns: string[] };
    for (const policy of customPolicies)
      expect(report.policyArns).toContain(`arn:aws:iam::${MEMBER_A}:policy/${policy.name}`);
  });

  it('gives the management account’s setup the Organization’s token when the popup holds it no more', async () => {
    const start = {
      type: 'setup.start',
      mode: 'organization',
      profileId: 'example-cost-inventory',
      levelId: 'read-only-plus-billing',
      optionIds: [],
      partition: 'aws',
      roleName: 'ExampleCostInventoryRole',
      roleDescription: '',
      externalId: 'tenant-42',
    } as const;
    fake.current.granted.add('https://api.costs.example.com/*');
    const org = await handleMessage({ ...start, requestId: 'req-org-0004', token: TOKEN }, popup);
    if (!org.ok) throw new Error(org.error);
    const orgId = (org.value as { setupId: string }).setupId;
    const tokens = async () =>
      (await fake.current.browser.storage.local.get('reportTokens')).reportTokens as Record<
        string,
        string
      >;
    const management = await handleMessage(
      { ...start, requestId: 'req-mgmt-0001', mode: 'create-role', managementOf: orgId },
      popup,
    );
    if (!management.ok) throw new Error(management.error);
    const managementId = (management.value as { setupId: string }).setupId;
    expect((await tokens())[managementId]).toBe(TOKEN);
    // Another External ID is not the Organization's management account: no token, so this
    // service (whose reports need one) refuses to start it.
    const other = await handleMessage(
      {
        ...start,
        requestId: 'req-mgmt-0002',
        mode: 'create-role',
        externalId: 'tenant-43',
        managementOf: orgId,
      },
      popup,
    );
    expect(other).toMatchObject({ ok: false, problem: { code: 'needsCodeFirst' } });
    expect(Object.keys(await tokens()).sort()).toEqual([managementId, orgId].sort());
  });
});
