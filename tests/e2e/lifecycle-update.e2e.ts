// Check and update (docs/lifecycle.md), end to end in Chromium on the console replica: a
// connection made at "Read-only plus billing", moved to "Read-only" from the popup (the role's page
// asks the customer to detach the old level's policy, reads the role again, and the service gets
// role.updated with what IAM now holds), checked again with nothing to send; and the demo role
// moved to another level in a Japanese console, its new policy attached on the console's own Add
// permissions page and the old one detached. The simulated IAM is the judge; the service only
// hears what was read back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts.ts';
import { loadThroughReplica } from '../support/browser.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import {
  COST_POLICY,
  COST_ROLE,
  COST_SERVICE,
  connectCost,
  costProfile,
  importProfile,
} from '../support/cost-connection.ts';
import { panelView } from '../support/panel-driver.ts';

const env = useConnectionEnv();
const ACCOUNT = '111122223333';
const ROLE = COST_ROLE;
const POLICY = COST_POLICY;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${POLICY}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
const SERVICE = COST_SERVICE;
const DEMO_ROLE = 'CrossroleDemoRole';

const connect = () => connectCost(env);

/** "Check and update…" in the popup at the level labelled `level`, then the tab it opens. */
async function startUpdate(
  level: string,
  options: { screenshot?: string; role?: string; service?: string } = {},
): Promise<{ popup: Page; page: Page }> {
  const { screenshot, role = ROLE, service = SERVICE } = options;
  const popup = await env.customer.openPopup();
  await env.customer.click(
    popup.getByRole('button', { name: `Check and update ${role} in account ${ACCOUNT}` }),
    'popup',
  );
  const question = popup.getByRole('group', {
    name: `Check the role ${role} in account ${ACCOUNT} against what ${service} asks for today?`,
  });
  await question.waitFor();
  await question.getByLabel('Access level').selectOption({ label: level });
  if (screenshot) {
    await question.scrollIntoViewIfNeeded();
    await saveScreenshot(popup, screenshot, { fullPage: false });
  }
  const opened = env.customer.context.waitForEvent('page');
  await env.customer.click(
    question.getByRole('button', { name: 'Open the role to check it' }),
    'popup',
  );
  const page = await opened;
  await loadThroughReplica(page);
  return { popup, page };
}

const attached = () => [...env.replica.iam.role(ROLE)!.attachedPolicyArns].sort();

describe('check and update', () => {
  it('moves to less access once the customer detaches the old policy, then finds it up to date', async () => {
    const connectionId = await connect();
    expect(attached()).toEqual([POLICY_ARN, READ_ONLY].sort());
    const eventsBefore = env.service.events().length;

    const { popup, page } = await startUpdate('Read-only', {
      screenshot: 'popup/update-ask-380x600.png',
    });
    await env.customer.waitForPanelTitle(page, `Detach what ${SERVICE} no longer asks for`, 30_000);
    expect((await panelView(page)).text).toContain(`Still attached from before: ${POLICY}.`);
    await saveScreenshot(page, 'panel/update-detach.png');
    // Nothing is removed by Crossrole, and nothing sent while the old level's policy is there.
    expect(attached()).toEqual([POLICY_ARN, READ_ONLY].sort());
    expect(env.service.events().length).toBe(eventsBefore);

    // The customer removes it on the console's Permissions tab, then asks for a new read.
    const table = page.getByTestId('attached-policies');
    await env.customer.click(table.getByRole('checkbox', { name: POLICY }));
    await env.customer.click(table.getByRole('button', { name: 'Remove', exact: true }));
    await env.customer.click(
      page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }),
    );
    await page.getByText(`Removed ${POLICY} from the role.`).waitFor();
    expect(attached()).toEqual([READ_ONLY]);
    await env.customer.pressPanel(page, 'Read the role again');
    await env.customer.waitForPanelTitle(page, `Sending the role to ${SERVICE}`, 30_000);
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(event.report).toMatchObject({
      event: 'role.updated',
      connectionId,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
      accessLevel: 'read-only',
      policyArns: [READ_ONLY],
      permissionsVerified: true,
      trustPolicyVerified: true,
      changes: [
        { kind: 'access-level', from: 'read-only-plus-billing', to: 'read-only' },
        { kind: 'policy-detached', policyArn: POLICY_ARN },
      ],
    });
    expect(event.report.setupId).not.toBe(connectionId);
    // The service took it: its view of the connection is what IAM holds now.
    const stored = env.service.connections().find((c) => c.report.setupId === connectionId)!;
    expect(stored.latest.policyArns).toEqual([READ_ONLY]);
    await popup.reload();
    await popup.getByText('Update delivered').first().waitFor();
    await page.close();

    // Checked again at the same level: IAM holds what the service was told, so nothing is sent.
    const again = await startUpdate('Read-only');
    await env.customer.waitForPanelTitle(
      again.page,
      `Up to date: ${ROLE} holds what ${SERVICE} asks for`,
      30_000,
    );
    await saveScreenshot(again.page, 'panel/update-up-to-date.png');
    await again.popup.reload();
    const upToDate = again.popup.getByText('Up to date: nothing sent');
    await upToDate.waitFor();
    await upToDate.scrollIntoViewIfNeeded();
    await saveScreenshot(again.popup, 'popup/update-up-to-date-380x600.png', { fullPage: false });
    await again.page.waitForTimeout(1000);
    expect(env.service.events().length).toBe(eventsBefore + 1);
    await again.page.close();
    await again.popup.close();
    await popup.close();
  });

  it('in a Japanese console, moves the demo role to another level: attached on the console’s Add permissions page, the old policy detached, one role.updated', async () => {
    const before = env.service.connections().length;
    const setup = await env.customer.openPopup();
    await setup.getByText('Crossrole Demo Service', { exact: true }).first().click();
    const wizard = await env.customer.openInConsole(setup);
    await env.customer.waitForPanelTitle(wizard, 'Ready: press Create role');
    await env.customer.click(createRoleButton(wizard));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    await wizard.close();
    await setup.close();
    const role = () => [...env.replica.iam.role(DEMO_ROLE)!.attachedPolicyArns].sort();
    expect(role()).toEqual([READ_ONLY]);

    env.replica.setOptions({ language: 'ja' });
    const eventsBefore = env.service.events().length;
    const { page } = await startUpdate('Configuration only', {
      role: DEMO_ROLE,
      service: 'Crossrole Demo Service',
    });
    await env.customer.waitForPanelTitle(page, 'ロールに許可が不足しています', 30_000);
    expect((await panelView(page)).text).toContain('ViewOnlyAccess');
    await env.customer.pressPanel(page, '不足している許可を追加');
    await env.customer.waitForPanelTitle(
      page,
      'ポリシーを選択しました: 「許可を追加」を押してください',
      30_000,
    );
    await saveScreenshot(page, 'panel/update-attach-ja.png');
    await env.customer.click(
      page.locator('main').getByRole('button', { name: '許可を追加', exact: true }),
    );
    // Attached; the old level's ReadOnlyAccess is the customer's to detach before anything goes.
    await env.customer.waitForPanelTitle(
      page,
      'Crossrole Demo Service が求めなくなった許可をデタッチ',
      30_000,
    );
    await saveScreenshot(page, 'panel/update-detach-ja.png');
    expect(role()).toEqual([READ_ONLY, VIEW_ONLY].sort());
    expect(env.service.events().length).toBe(eventsBefore);
    const table = page.getByTestId('attached-policies');
    await env.customer.click(table.getByRole('checkbox', { name: 'ReadOnlyAccess' }));
    await env.customer.click(table.getByRole('button', { name: '削除', exact: true }));
    await env.customer.click(
      page.getByRole('dialog').getByRole('button', { name: '削除', exact: true }),
    );
    await page.getByText('ReadOnlyAccess をロールから削除しました。').waitFor();
    await env.customer.pressPanel(page, 'もう一度読み取る');
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(role()).toEqual([VIEW_ONLY]);
    // The contract's own example (docs/vendors.md, "Later events"), read back from IAM.
    expect(event.report).toMatchObject({
      event: 'role.updated',
      connectionId: connection.report.setupId,
      accessLevel: 'view-only',
      policyArns: [VIEW_ONLY],
      changes: [
        { kind: 'access-level', from: 'read-only', to: 'view-only' },
        { kind: 'policy-detached', policyArn: READ_ONLY },
        { kind: 'policy-attached', policyArn: VIEW_ONLY },
      ],
    });
    await page.close();
  });

  it('updates a custom policy whose document the service changed: a new default version, with IAM’s five kept', async () => {
    const connectionId = await connect();
    // Four more versions: IAM now keeps five, the first (the profile's) the default.
    const old = env.replica.iam.policy(POLICY)!;
    for (let i = 0; i < 4; i += 1)
      env.replica.iam.createPolicyVersion(old.arn, old.document, false);
    // The service's policy grows: its profile, imported again, asks for one more action.
    const grown = costProfile(env);
    const document = grown.access.find((l) => l.id === 'read-only-plus-billing')!
      .customPolicies![0]!.document;
    document.Statement.push({
      Sid: 'ReadBudgets',
      Effect: 'Allow',
      Action: ['budgets:ViewBudget'],
      Resource: '*',
    });
    await (await importProfile(env, grown)).close();
    const eventsBefore = env.service.events().length;

    const { page } = await startUpdate('Read-only plus billing (recommended)');
    await env.customer.waitForPanelTitle(
      page,
      `The policy ${POLICY} is not what ${SERVICE} asks for today`,
      30_000,
    );
    expect((await panelView(page)).text).toContain('Delete v2 on its Policy versions tab first');
    await saveScreenshot(page, 'panel/update-policy-versions-full.png');
    // The customer deletes the oldest version that is not the default, then asks for a new read.
    const versions = page.getByTestId('policy-versions');
    await env.customer.click(versions.getByRole('radio', { name: 'v2' }));
    await env.customer.click(versions.getByRole('button', { name: 'Delete', exact: true }));
    await expect.poll(() => env.replica.iam.policy(POLICY)!.versions.length).toBe(4);
    await env.customer.pressPanel(page, 'Read the policy again');
    await expect
      .poll(async () => (await panelView(page)).text)
      .not.toContain('Delete v2 on its Policy versions tab first');
    await saveScreenshot(page, 'panel/update-policy-differs.png');
    expect(env.service.events().length).toBe(eventsBefore);

    await env.customer.pressPanel(page, 'Update policy');
    await env.customer.waitForPanelTitle(page, `Update the policy ${POLICY}`, 30_000);
    expect((await panelView(page)).text).toContain('document is in the editor, read back');
    await saveScreenshot(page, 'panel/update-policy-edit.png');
    // Nothing is saved before the customer's own Save changes.
    expect(env.replica.iam.policy(POLICY)!.defaultVersionId).toBe('v1');
    await env.customer.click(page.getByRole('button', { name: 'Save changes', exact: true }));

    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    const now = env.replica.iam.policy(POLICY)!;
    expect(now.defaultVersionId).toBe('v6');
    expect(JSON.parse(now.document)).toEqual(document);
    expect(event.report).toMatchObject({
      event: 'role.updated',
      connectionId,
      accessLevel: 'read-only-plus-billing',
      changes: [{ kind: 'policy-version', policyArn: POLICY_ARN, from: 'v1', to: 'v6' }],
    });
    await page.close();
  });

  it('checks a connected role from its own page: a policy detached outside Crossrole is attached again, and nothing is sent', async () => {
    const connectionId = await connect();
    // Someone detaches the service's policy in IAM directly.
    env.replica.iam.detachRolePolicy(ROLE, POLICY_ARN);
    const eventsBefore = env.service.events().length;
    const page = await env.customer.context.newPage();
    await page.goto(env.replica.url('aws', `/roles/details/${ROLE}`));
    await env.customer.waitForPanelTitle(page, `${SERVICE} uses this role`, 30_000);
    await env.customer.pressPanel(page, `Check against ${SERVICE} today`);
    await env.customer.waitForPanelTitle(page, 'The role is missing permissions', 30_000);
    expect((await panelView(page)).text).toContain(POLICY);
    await env.customer.pressPanel(page, 'Add the missing permissions');
    await env.customer.waitForPanelTitle(page, 'Policies ticked: press Add permissions', 30_000);
    await env.customer.click(
      page.locator('main').getByRole('button', { name: 'Add permissions', exact: true }),
    );
    // Back to what the service was told: its policy read on its page, then nothing to send.
    await env.customer.waitForPanelTitle(
      page,
      `Up to date: ${ROLE} holds what ${SERVICE} asks for`,
      30_000,
    );
    expect(attached()).toEqual([POLICY_ARN, READ_ONLY].sort());
    await page.waitForTimeout(1000);
    expect(env.service.events().length).toBe(eventsBefore);
    expect(env.service.connections().find((c) => c.report.setupId === connectionId)).toBeTruthy();
    await page.close();
  });

  it('moves to a level whose policy the account lacks: Crossrole creates it on the customer’s word, then it is attached', async () => {
    const connectionId = await connectCost(env, 'read-only');
    expect(env.replica.iam.policy(POLICY)).toBeFalsy();
    const eventsBefore = env.service.events().length;
    const { page } = await startUpdate('Read-only plus billing (recommended)');
    await env.customer.waitForPanelTitle(page, 'The role is missing permissions', 30_000);
    await env.customer.pressPanel(page, 'Add the missing permissions');
    await env.customer.pressPanel(page, `Not in this account? Create ${POLICY}`);
    await env.customer.waitForPanelTitle(page, `Create the policy ${POLICY}`, 30_000);
    await env.customer.click(page.getByRole('button', { name: 'Create policy', exact: true }));
    // Back on the role, the new policy is attached on the console's own page.
    await env.customer.waitForPanelTitle(page, 'The role is missing permissions', 30_000);
    await env.customer.pressPanel(page, 'Add the missing permissions');
    await env.customer.waitForPanelTitle(page, 'Policies ticked: press Add permissions', 30_000);
    expect(env.service.events().length).toBe(eventsBefore);
    await env.customer.click(
      page.locator('main').getByRole('button', { name: 'Add permissions', exact: true }),
    );
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(attached()).toEqual([POLICY_ARN, READ_ONLY].sort());
    expect(event.report).toMatchObject({
      event: 'role.updated',
      connectionId,
      accessLevel: 'read-only-plus-billing',
      changes: [
        { kind: 'access-level', from: 'read-only', to: 'read-only-plus-billing' },
        { kind: 'policy-attached', policyArn: POLICY_ARN },
      ],
    });
    await page.close();
  });
});
