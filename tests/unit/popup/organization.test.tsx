// @vitest-environment happy-dom
// A whole AWS Organization in the popup (docs/organizations.md): the review's "Where", the OU IDs
// checked before anything starts, and the organization setup's card with what the console showed
// of each account, its member reports folded under it, and the management account's own wizard.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import type { SetupStartInput } from '../../../src/core/messages.ts';
import type { Setup, StackSetState } from '../../../src/core/setup.ts';
import { fakePopupApi, type FakeApi } from '../../support/fake-popup-api.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '', getUILanguage: () => '' } },
}));
const { App } = await import('../../../src/popup/App.tsx');
const { setLanguage } = await import('../../../src/popup/i18n.ts');
const { ouTargets, OU_IDS_MAX } = await import('../../../src/popup/targets.ts');

afterEach(() => {
  cleanup();
  setLanguage(english);
  vi.restoreAllMocks();
});

const starts = (api: FakeApi) =>
  api.calls.filter((c) => c.method === 'start').map((c) => c.args[0] as SetupStartInput);
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('the review, for every account of the Organization', () => {
  it('keeps this account the default, and starts the stack set with the same choices and the whole Organization', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    const externalId = (await screen.findByLabelText('External ID')).textContent ?? '';
    const here = screen.getByRole('radio', { name: /^This account/ }) as HTMLInputElement;
    expect(here.checked).toBe(true);
    expect(screen.getByText('Use infrastructure as code instead')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: /^Every account in my AWS Organization/ }));
    // What it takes and does, and who gets what, all in view; the single-account ways are gone.
    expect(await screen.findByText(/delegated administrator for StackSets/)).toBeTruthy();
    expect(screen.getByText(/accounts that join later get it automatically/)).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain(
      'will be able to assume this role in every target account',
    );
    expect(screen.queryByText('Use infrastructure as code instead')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Update an existing role instead' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open in AWS console' })).toBeNull();
    expect(
      (screen.getByRole('radio', { name: 'The whole Organization' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(
      screen.getByText(
        /^Opens the CloudFormation console \(AWS \(commercial\)\) at Create StackSet, filled in\./,
      ),
    ).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Role name'), { target: { value: 'OrgDemoRole' } });
    fireEvent.click(button('Open in CloudFormation'));
    await waitFor(() => expect(starts(api)).toHaveLength(1));
    expect(starts(api)[0]).toEqual({
      mode: 'organization',
      profileId: 'crossrole-demo',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'OrgDemoRole',
      roleDescription: expect.any(String),
      externalId,
      targets: { kind: 'organization' },
    });
    expect(
      await screen.findByText(/Opened CloudFormation for Crossrole Demo Service/),
    ).toBeTruthy();

    // Back to this account: today's flow, unchanged.
    fireEvent.click(screen.getByRole('radio', { name: /^This account/ }));
    fireEvent.click(button('Open in AWS console'));
    await waitFor(() => expect(starts(api)).toHaveLength(2));
    expect(starts(api)[1]!.mode).toBe('create-role');
    expect(starts(api)[1]).not.toHaveProperty('targets');
  });

  it('sends the OU IDs typed, each once, in the order typed', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    fireEvent.click(
      await screen.findByRole('radio', { name: /^Every account in my AWS Organization/ }),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Only some organizational units (OUs)' }));
    // Nothing typed: the hint says what to type and nothing can start.
    expect(
      screen.getByText(
        'One or more, separated by spaces, commas or new lines: ou-… for an OU, r-… for the root.',
      ),
    ).toBeTruthy();
    expect(button('Open in CloudFormation').disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('OU IDs'), {
      target: { value: 'ou-ab12-cd34ef56,\nr-ab12  ou-ab12-cd34ef56' },
    });
    await waitFor(() => expect(button('Open in CloudFormation').disabled).toBe(false));
    fireEvent.click(button('Open in CloudFormation'));
    await waitFor(() => expect(starts(api)).toHaveLength(1));
    expect(starts(api)[0]).toMatchObject({
      mode: 'organization',
      targets: { kind: 'ous', ouIds: ['ou-ab12-cd34ef56', 'r-ab12'] },
    });
  });

  it('blocks OU IDs the schema refuses, naming each value', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    fireEvent.click(
      await screen.findByRole('radio', { name: /^Every account in my AWS Organization/ }),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Only some organizational units (OUs)' }));
    const input = screen.getByLabelText('OU IDs');
    fireEvent.input(input, { target: { value: 'ou-ab12-cd34ef56 ou-nope' } });
    const help = await screen.findByText(
      '“ou-nope” is not an OU ID. An OU ID looks like ou-…, the root ID like r-….',
    );
    expect(input.getAttribute('aria-describedby')).toBe(help.id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(button('Open in CloudFormation').disabled).toBe(true);
    fireEvent.input(input, { target: { value: '123456789012, OU-AB12-CD34EF56' } });
    expect(
      await screen.findByText(
        '2 values are not OU IDs: “123456789012”, “OU-AB12-CD34EF56”. An OU ID looks like ou-…, the root ID like r-….',
      ),
    ).toBeTruthy();
    fireEvent.click(button('Open in CloudFormation'));
    expect(starts(api)).toEqual([]);
    // The whole Organization needs no ID: the start is possible again.
    fireEvent.click(screen.getByRole('radio', { name: 'The whole Organization' }));
    await waitFor(() => expect(button('Open in CloudFormation').disabled).toBe(false));
  });

  it('takes as many OU IDs as the message schema does, and no more', () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `ou-ab12-${String(i).padStart(8, '0')}`).join(' ');
    expect(ouTargets(ids(OU_IDS_MAX))).toMatchObject({ ok: true });
    expect(ouTargets(ids(OU_IDS_MAX + 1))).toEqual({
      ok: false,
      problem: 'Enter at most 100 OU IDs.',
    });
    expect(ouTargets(' ,\n ')).toEqual({ ok: false, problem: 'Enter at least one OU ID.' });
  });

  it('says it all in Japanese', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi()} />);
    fireEvent.click(
      await screen.findByRole('radio', { name: /^AWS の組織内のすべてのアカウント/ }),
    );
    expect(screen.getByText(/StackSets の委任管理者アカウント/)).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '一部の組織単位のみ' }));
    fireEvent.input(screen.getByLabelText('組織単位の ID'), { target: { value: 'ou-x' } });
    expect(
      await screen.findByText(
        '1 件の値が組織単位の ID ではありません: “ou-x”。組織単位の ID は ou-…、ルートの ID は r-… の形式です。',
      ),
    ).toBeTruthy();
    expect(button('CloudFormation で開く').disabled).toBe(true);
  });
});

const baseSetup = {
  id: 'org-1',
  mode: 'organization',
  state: 'started',
  profileId: 'crossrole-demo',
  serviceName: 'Crossrole Demo Service',
  levelId: 'read-only',
  optionIds: [],
  partition: 'aws',
  serviceAccountId: '999988887777',
  principalArn: 'arn:aws:iam::999988887777:root',
  externalId: 'demo-org-external-id',
  roleName: 'OrgDemoRole',
  roleDescription: 'Lets the demo read',
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  customPolicies: [],
  trustPolicy: {},
  reportUrl: 'http://127.0.0.1:47615/r',
  createdAt: 10,
  updatedAt: 10,
  tabId: 4,
  consoleHost: null,
  hasToken: false,
  accountId: null,
  roleArn: null,
  capturedAt: null,
  trustPolicyVerified: false,
  trustProblems: [],
  problem: null,
  delivery: null,
} satisfies Setup;

const plan: StackSetState = {
  stackSetName: 'OrgDemoRole',
  stackSetDescription: 'Crossrole: OrgDemoRole for Crossrole Demo Service',
  templateBody: '{"Resources":{}}',
  templateFileName: 'OrgDemoRole.template.json',
  templateUrl: null,
  parameters: [],
  targets: { kind: 'organization' },
  region: 'us-east-1',
  maxConcurrentPercentage: 100,
  failureTolerancePercentage: 100,
  stackSetArn: null,
  managementAccountId: null,
  templateVerified: false,
  instances: [],
  reportedAccounts: [],
  lastReadAt: null,
};

const instance = (accountId: string, detailedStatus: string, reason: string | null = null) => ({
  accountId,
  status: detailedStatus === 'SUCCEEDED' ? 'CURRENT' : 'OUTDATED',
  detailedStatus,
  reason,
});

const member = (accountId: string, delivery: Setup['delivery']): Setup => ({
  ...baseSetup,
  id: `member-${accountId}`,
  mode: 'organization-member',
  state: delivery?.status === 'delivered' ? 'delivered' : 'verified',
  parentId: 'org-1',
  organization: { stackSetName: 'OrgDemoRole', managementAccountId: '111111111111' },
  accountId,
  roleArn: `arn:aws:iam::${accountId}:role/OrgDemoRole`,
  createdAt: 20,
  delivery,
});

const delivered: Setup['delivery'] = {
  status: 'delivered',
  attempts: 1,
  firstQueuedAt: 20,
  nextAttemptAt: null,
  lastError: null,
  serviceMessage: null,
  serviceStatus: 'connected',
  deliveredAt: 21,
};

const readBack: Setup = {
  ...baseSetup,
  stackSet: {
    ...plan,
    stackSetArn: 'arn:aws:cloudformation:us-east-1:111111111111:stackset/OrgDemoRole:abc',
    managementAccountId: '111111111111',
    templateVerified: true,
    instances: [
      instance('222222222222', 'SUCCEEDED'),
      instance('333333333333', 'SUCCEEDED'),
      instance('444444444444', 'SUCCEEDED'),
      instance('555555555555', 'RUNNING'),
      instance(
        '666666666666',
        'FAILED',
        'ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:OrgDemoRole already exists.',
      ),
      instance('777777777777', 'SKIPPED_SUSPENDED_ACCOUNT', 'Account 777777777777 is suspended.'),
    ],
    reportedAccounts: ['222222222222', '333333333333', '444444444444'],
    lastReadAt: 30,
  },
  problem: null,
};

const members = [
  member('222222222222', delivered),
  member('333333333333', delivered),
  member('444444444444', {
    status: 'refused',
    attempts: 1,
    firstQueuedAt: 20,
    nextAttemptAt: null,
    lastError: 'HTTP 409',
    serviceMessage: 'Workspace is full',
    serviceStatus: null,
    deliveredAt: null,
  }),
];

describe('the organization setup in the list', () => {
  it('before the read-back, says to fill the wizard and offers the template for its file input', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:template';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    render(<App api={fakePopupApi({ setups: [{ ...baseSetup, stackSet: plan }] })} />);
    expect(await screen.findByText('Stack set OrgDemoRole')).toBeTruthy();
    expect(
      screen.getByText(
        'Fill the Create StackSet wizard in the CloudFormation console, then press Submit.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/for the wizard's “Upload a template file”/)).toBeTruthy();
    fireEvent.click(button('Download the template'));
    expect(saved).toEqual(['OrgDemoRole.template.json']);
    expect(await created[0]!.text()).toBe('{"Resources":{}}');
    // Right after start the management account's wizard is offered, with why.
    expect(screen.getByText(/service-managed stack sets never deploy to it/)).toBeTruthy();
    expect(button('Connect the management account too')).toBeTruthy();
  });

  it('counts the accounts reported and still running, lists the failures with the console’s reason, and folds the member reports under it', async () => {
    const api = fakePopupApi({ setups: [readBack, ...members] });
    render(<App api={api} />);
    expect(await screen.findByText('3 of 6 accounts reported')).toBeTruthy();
    // Still running somewhere: deploying, whatever failed already.
    expect(screen.getByText('Deploying')).toBeTruthy();
    expect(screen.getByText('1 account is still deploying.')).toBeTruthy();
    expect(screen.getByText('2 accounts failed, and are not reported:')).toBeTruthy();
    expect(
      screen.getByText(
        '666666666666 (FAILED): ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:OrgDemoRole already exists.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        '777777777777 (SKIPPED_SUSPENDED_ACCOUNT): Account 777777777777 is suspended.',
      ),
    ).toBeTruthy();
    // The running one is counted, never listed as failed.
    expect(screen.queryByText(/^555555555555/)).toBeNull();
    expect(screen.queryByText(/Fill the Create StackSet wizard/)).toBeNull();

    // One card for the organization; its members in a fold, with the delivery words.
    const list = screen.getByRole('heading', { name: 'Connections in progress' })
      .parentElement as HTMLElement;
    expect(list.querySelectorAll('.card')).toHaveLength(1);
    const fold = screen.getByText('Reports for 3 accounts').closest('details') as HTMLElement;
    expect((fold as HTMLDetailsElement).open).toBe(false);
    expect(within(fold).getByText('Account 222222222222')).toBeTruthy();
    expect(within(fold).getAllByText('Delivered to the service.')).toHaveLength(2);
    expect(within(fold).getByText('Refused by the service: Workspace is full')).toBeTruthy();
    fireEvent.click(
      within(fold).getByRole('button', { name: 'Retry now for account 444444444444' }),
    );
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'retry')?.args).toEqual(['member-444444444444']),
    );
  });

  it('says some accounts failed once nothing runs, and deployed once every account succeeded', async () => {
    const settled = (instances: StackSetState['instances']): Setup => ({
      ...readBack,
      stackSet: { ...readBack.stackSet!, instances },
    });
    const failed = readBack.stackSet!.instances.filter((i) => i.detailedStatus !== 'RUNNING');
    render(<App api={fakePopupApi({ setups: [settled(failed)] })} />);
    expect(await screen.findByText('Some accounts failed')).toBeTruthy();
    expect(screen.queryByText(/still deploying/)).toBeNull();
    cleanup();
    const succeeded = failed.filter((i) => i.detailedStatus === 'SUCCEEDED');
    render(<App api={fakePopupApi({ setups: [settled(succeeded)] })} />);
    expect((await screen.findByText('3 of 3 accounts reported')).className).toBe('ok');
    expect(screen.getByText('Deployed')).toBeTruthy();
    expect(screen.queryByText(/failed/)).toBeNull();
  });

  it('connects the management account with the same service, level, options, role name and External ID', async () => {
    const api = fakePopupApi({ setups: [readBack, ...members] });
    render(<App api={api} />);
    expect(
      await screen.findByText(
        'The management account 111111111111 gets no role from the stack set: service-managed stack sets never deploy to it. Connect it with the single-account wizard.',
      ),
    ).toBeTruthy();
    fireEvent.click(button('Connect the management account too'));
    await waitFor(() => expect(starts(api)).toHaveLength(1));
    expect(starts(api)[0]).toEqual({
      mode: 'create-role',
      profileId: 'crossrole-demo',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'OrgDemoRole',
      roleDescription: 'Lets the demo read',
      externalId: 'demo-org-external-id',
      // The background gives it the Organization's token, which the popup may not hold.
      managementOf: 'org-1',
    });
    expect(
      await screen.findByText(/Opened the IAM console for Crossrole Demo Service/),
    ).toBeTruthy();
    cleanup();

    // Once that setup exists the card says so instead of offering it twice.
    const management: Setup = { ...baseSetup, id: 'mgmt', mode: 'create-role', createdAt: 40 };
    render(<App api={fakePopupApi({ setups: [readBack, management] })} />);
    expect(
      await screen.findByText(/The management account's connection is under way/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect the management account too' })).toBeNull();
  });

  it('shows why the read-back was refused, and members whose organization is gone on their own', async () => {
    render(
      <App
        api={fakePopupApi({
          setups: [
            { ...baseSetup, stackSet: plan, problem: 'The stack set is self-managed.' },
            { ...member('888888888888', delivered), parentId: 'gone' },
          ],
        })}
      />,
    );
    expect(await screen.findByText('The stack set is self-managed.')).toBeTruthy();
    expect(screen.getByText('arn:aws:iam::888888888888:role/OrgDemoRole')).toBeTruthy();
  });

  it('says it all in Japanese', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi({ setups: [readBack, ...members] })} />);
    expect(await screen.findByText('6 アカウント中 3 アカウントを報告済み')).toBeTruthy();
    expect(screen.getByText('1 アカウントはまだデプロイ中です。')).toBeTruthy();
    expect(screen.getByText('2 アカウントで失敗したため、報告していません:')).toBeTruthy();
    expect(screen.getByText('3 アカウント分の報告')).toBeTruthy();
    expect(screen.getByText('スタックセット OrgDemoRole')).toBeTruthy();
    expect(button('管理アカウントも接続する')).toBeTruthy();
  });
});
