// Disconnect (docs/lifecycle.md), end to end in Chromium on the console replica: a connection
// made with a custom policy, then "Disconnect…" in the popup, which says what is deleted and who
// stops; the role's page, where the customer presses the console's Delete and types the name;
// IAM's "cannot be found" read back; the policy Crossrole created, deleted (or kept) the same
// way; and role.disconnected taken by the reference service. The simulated IAM is the judge.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts.ts';
import { loadThroughReplica } from '../support/browser.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import { COST_POLICY, COST_ROLE, connectCost } from '../support/cost-connection.ts';
import { panelView } from '../support/panel-driver.ts';

const env = useConnectionEnv();
const ACCOUNT = '111122223333';
const ROLE = COST_ROLE;
const POLICY = COST_POLICY;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${POLICY}`;

const connect = () => connectCost(env);

/** "Disconnect…" in the popup, its question, then the console tab it opens. */
async function startDisconnect(screenshot: string): Promise<{ popup: Page; page: Page }> {
  const popup = await env.customer.openPopup();
  const ask = popup.getByRole('button', { name: `Disconnect ${ROLE} in account ${ACCOUNT}` });
  await env.customer.click(ask, 'popup');
  const question = popup.getByRole('group', {
    name: `Delete the role ${ROLE} in account ${ACCOUNT}?`,
  });
  await question.waitFor();
  expect(await question.textContent()).toContain(POLICY);
  await question.scrollIntoViewIfNeeded();
  await saveScreenshot(popup, screenshot, { fullPage: false });
  const opened = env.customer.context.waitForEvent('page');
  await env.customer.click(
    question.getByRole('button', { name: 'Open the role to delete it' }),
    'popup',
  );
  const page = await opened;
  await loadThroughReplica(page);
  return { popup, page };
}

/** The console's own Delete and its type-the-name confirmation, as the customer does them. */
async function deleteOnPage(page: Page, name: string): Promise<void> {
  await env.customer.click(
    page.locator('main').getByRole('button', { name: 'Delete', exact: true }).first(),
  );
  const dialog = page.getByRole('dialog');
  await env.customer.type(dialog.getByRole('textbox'), name);
  await env.customer.click(dialog.getByRole('button', { name: 'Delete', exact: true }));
}

describe('disconnect', () => {
  it('deletes the role and the policy Crossrole made, each read back gone, then tells the service once', async () => {
    const connectionId = await connect();
    expect(env.replica.iam.role(ROLE)).toBeTruthy();
    const eventsBefore = env.service.events().length;

    const { popup, page } = await startDisconnect('popup/disconnect-ask-380x600.png');
    await env.customer.waitForPanelTitle(
      page,
      `Disconnect Cost Inventory (local): delete the role ${ROLE}`,
      30_000,
    );
    expect((await panelView(page)).text).toContain('you press Delete');
    await saveScreenshot(page, 'panel/disconnect-role.png');
    // Nothing is deleted, and nothing sent, before the customer's own Delete.
    expect(env.replica.iam.role(ROLE)).toBeTruthy();
    expect(env.service.events().length).toBe(eventsBefore);

    await deleteOnPage(page, ROLE);
    await env.customer.waitForPanelTitle(page, `Delete the policy ${POLICY}?`, 30_000);
    expect(env.replica.iam.role(ROLE)).toBeFalsy();
    expect((await panelView(page)).text).toContain(`The role ${ROLE} is deleted.`);
    await saveScreenshot(page, 'panel/disconnect-policy.png');
    // Not yet: the policy is still to delete or keep.
    expect(env.service.events().length).toBe(eventsBefore);

    await deleteOnPage(page, POLICY);
    await env.customer.waitForPanelTitle(page, 'Disconnected from Cost Inventory (local)', 30_000);
    await saveScreenshot(page, 'panel/disconnect-done.png');
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(env.replica.iam.policies().map((p) => p.policyName)).not.toContain(POLICY);
    expect(event.report).toMatchObject({
      event: 'role.disconnected',
      connectionId,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
      reason: 'deleted-by-customer',
      deletedPolicyArns: [POLICY_ARN],
    });
    expect(event.report.setupId).not.toBe(connectionId);
    const stored = env.service.connections().find((c) => c.report.setupId === connectionId)!;
    expect(stored.disconnected?.setupId).toBe(event.report.setupId);

    // The popup says it is over, and offers no second disconnect.
    await popup.reload();
    await popup.getByText(/^Disconnected on /).waitFor();
    await saveScreenshot(popup, 'popup/disconnected.png');
    expect(
      await popup.getByRole('button', { name: `Disconnect ${ROLE} in account ${ACCOUNT}` }).count(),
    ).toBe(0);
    // Sent once: a delivered event is not sent again.
    await page.waitForTimeout(1500);
    expect(env.service.events().length).toBe(eventsBefore + 1);
  });

  it('in a Japanese console, keeps the policy when the customer says so, and reports only the role', async () => {
    const connectionId = await connect();
    env.replica.setOptions({ language: 'ja' });
    const eventsBefore = env.service.events().length;
    const { page } = await startDisconnect('popup/disconnect-ask-again-380x600.png');
    await env.customer.waitForPanelTitle(
      page,
      `Cost Inventory (local) との接続を解除: ロール ${ROLE} を削除`,
      30_000,
    );
    await saveScreenshot(page, 'panel/disconnect-role-ja.png');
    await env.customer.click(
      page.locator('main').getByRole('button', { name: '削除', exact: true }).first(),
    );
    const dialog = page.getByRole('dialog');
    await env.customer.type(dialog.getByRole('textbox'), ROLE);
    await env.customer.click(dialog.getByRole('button', { name: '削除', exact: true }));
    await env.customer.waitForPanelTitle(page, `ポリシー ${POLICY} を削除しますか?`, 30_000);
    await env.customer.pressPanel(page, 'このポリシーを残す');
    await env.customer.waitForPanelTitle(
      page,
      'Cost Inventory (local) との接続を解除しました',
      30_000,
    );
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(event.report).toMatchObject({
      event: 'role.disconnected',
      connectionId,
      deletedPolicyArns: [],
    });
    expect(env.replica.iam.role(ROLE)).toBeFalsy();
    expect(env.replica.iam.policies().map((p) => p.policyName)).toContain(POLICY);
  });

  it('says who uses a connected role on its page, and notices it deleted outside Crossrole', async () => {
    const connectionId = await connect();
    const eventsBefore = env.service.events().length;
    // Its page, in a tab where no setup runs: who uses it, at which level, since when.
    const page = await env.customer.context.newPage();
    await page.goto(env.replica.url('aws', `/roles/details/${ROLE}`));
    await env.customer.waitForPanelTitle(page, 'Cost Inventory (local) uses this role', 30_000);
    expect((await panelView(page)).text).toContain('access level Read-only plus billing');
    await saveScreenshot(page, 'panel/connected-role.png');

    // Someone deletes the role in IAM directly; the roles list, shown whole, lacks it.
    for (const arn of env.replica.iam.role(ROLE)!.attachedPolicyArns)
      env.replica.iam.detachRolePolicy(ROLE, arn);
    env.replica.iam.deleteRole(ROLE);
    await page.goto(env.replica.url('aws', '/roles'));
    await env.customer.waitForPanelTitle(
      page,
      `Cost Inventory (local)’s role ${ROLE} is gone`,
      30_000,
    );
    await saveScreenshot(page, 'panel/connected-role-gone.png');
    // Nothing is sent before the customer says so in Crossrole's panel.
    expect(env.service.events().length).toBe(eventsBefore);
    await env.customer.pressPanel(page, 'Tell Cost Inventory (local)');
    const event = (await env.service.waitForEvents(eventsBefore + 1, 30_000)).at(-1)!;
    expect(event.report).toMatchObject({
      event: 'role.disconnected',
      connectionId,
      reason: 'role-not-found',
      deletedPolicyArns: [],
    });
    await expect
      .poll(async () => (await panelView(page)).text)
      .toContain(`Cost Inventory (local) is told that the role ${ROLE} is gone.`);
    // Its page says nothing more of it: the connection is over.
    await page.goto(env.replica.url('aws', `/roles/details/${ROLE}`));
    await page.getByText('Role not found').waitFor();
    await page.waitForTimeout(1000);
    expect((await panelView(page)).title).toBeNull();
    expect(env.service.events().length).toBe(eventsBefore + 1);
  });

  it('names the known service a role connected elsewhere trusts, once its trust is shown', async () => {
    env.replica.iam.createRole({
      roleName: 'MadeByHand',
      trustPolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999988887777:root' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'by-hand-1' } },
          },
        ],
      }),
    });
    const page = await env.customer.context.newPage();
    await page.goto(env.replica.url('aws', '/roles/details/MadeByHand'));
    await page.getByRole('heading', { name: 'MadeByHand' }).waitFor();
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    await env.customer.waitForPanelTitle(page, 'Crossrole Demo Service can use this role', 30_000);
    expect((await panelView(page)).text).toContain('Update an existing role instead');
    await saveScreenshot(page, 'panel/trusted-by-known-service.png');
    await page.close();
  });
});
