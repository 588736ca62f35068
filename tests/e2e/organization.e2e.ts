// A whole AWS Organization through a service-managed stack set (docs/organizations.md), end to
// end in Chromium: the popup's "Every account in my AWS Organization", the Create StackSet wizard
// filled by the content script, the customer's acknowledgement and Submit, the stack set's pages
// read back, and one report per succeeded account in the reference service. Assertions are on
// what the simulated StackSets recorded and what the service holds.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadThroughReplica } from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import { memberAccountId } from '../support/stacksets-sim.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';

const env = useConnectionEnv();
const MANAGEMENT = '111122223333';
const ACK = /I acknowledge that AWS CloudFormation might create IAM resources with custom names/;

async function chooseOrganization(popup: Page, service: string): Promise<void> {
  await popup.getByText(service, { exact: true }).first().click();
  await popup.getByText('Every account in my AWS Organization', { exact: true }).click();
}

/** The customer's two clicks on the wizard's Review step, once the panel says it is ready. */
async function acknowledgeAndSubmit(page: Page, ack: RegExp, submit: string): Promise<void> {
  await env.customer.click(page.getByRole('checkbox', { name: ack }));
  await env.customer.click(page.getByRole('button', { name: submit, exact: true }));
}

const orgReports = (stackSetName: string) =>
  env.service
    .connections()
    .filter(
      (c) =>
        (c.report as { organization?: { stackSetName: string } }).organization?.stackSetName ===
        stackSetName,
    );

describe('a whole AWS Organization', () => {
  it('50 accounts: each succeeded account reported once, the failed ones shown with their reason, then the management account and an account that joins later', async () => {
    const roleTaken = memberAccountId(3);
    const suspended = memberAccountId(7);
    env.replica.setOptions({
      organization: { roleExistsIn: [roleTaken], suspended: [suspended], instanceStepMs: 150 },
    });
    const popup = await env.customer.openPopup();
    await chooseOrganization(popup, 'Crossrole Demo Service');
    await saveScreenshot(popup, 'popup/organization-review.png');
    const page = await env.customer.openInConsole(popup, 'Open in CloudFormation');
    await env.customer.waitForPanelTitle(page, 'Review, acknowledge, then Submit', 60_000);
    await saveScreenshot(page, 'panel/stackset-review.png');
    // Crossrole never ticks the acknowledgement nor presses Submit.
    expect(env.replica.stackSets).toEqual([]);
    await acknowledgeAndSubmit(page, ACK, 'Submit');

    const [stackSet] = env.replica.stackSets;
    expect(stackSet).toMatchObject({
      stackSetName: 'CrossroleDemoRole',
      permissionModel: 'SERVICE_MANAGED',
      targets: { kind: 'organization' },
      autoDeployment: { enabled: true },
      regions: ['us-east-1'],
      operationPreferences: {
        maxConcurrent: { type: 'PERCENTAGE', value: 100 },
        failureTolerance: { type: 'PERCENTAGE', value: 100 },
      },
      capabilityAcknowledged: true,
    });
    const externalId = stackSet!.parameters.find((p) => p.key === 'ExternalId')!.value;

    const members = env.replica.organization.memberAccounts().map((a) => a.accountId);
    expect(members).toHaveLength(50);
    const succeeded = members.filter((a) => a !== roleTaken && a !== suspended);
    await env.service.waitForConnections(succeeded.length, 120_000);
    const reports = orgReports('CrossroleDemoRole');
    expect(reports.map((c) => c.report.accountId).sort()).toEqual([...succeeded].sort());
    for (const { report } of reports) {
      expect(report).toMatchObject({
        roleArn: `arn:aws:iam::${report.accountId}:role/CrossroleDemoRole`,
        externalId,
        trustPolicyVerified: true,
        organization: { stackSetName: 'CrossroleDemoRole', managementAccountId: MANAGEMENT },
      });
    }
    // The service keeps one connection per Idempotency-Key: one key per account, none twice.
    expect(new Set(reports.map((c) => c.idempotencyKey)).size).toBe(succeeded.length);

    // The failed instances, with the console's reasons, in the panel; nothing reported for them.
    // The panel renders the read that reported them once the background answers it, which is
    // after their delivery: wait for that render, not for an account id (the earlier render lists
    // every account as still deploying).
    await expect
      .poll(async () => (await env.customer.panel(page)).text, { timeout: 30_000 })
      .toContain(`${succeeded.length} of 50 accounts reported`);
    const panelText = (await env.customer.panel(page)).text;
    expect(panelText).toContain(`${roleTaken} failed`);
    expect(panelText).toContain('already exists');
    expect(panelText).toContain(suspended);
    await saveScreenshot(page, 'panel/stackset-instances.png');
    expect(env.customer.effort.clicks).toBe(2);

    // The management account, through the single-account flow the popup offers.
    await popup.reload();
    await saveScreenshot(popup, 'popup/organization-connected.png');
    const iamTab = await env.customer.openInConsole(popup, 'Connect the management account too');
    await env.customer.waitForPanelTitle(iamTab, 'Ready: press Create role');
    const before = env.service.connections().length;
    await env.customer.click(createRoleButton(iamTab));
    const management = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    expect(management.report).toMatchObject({
      accountId: MANAGEMENT,
      roleArn: `arn:aws:iam::${MANAGEMENT}:role/CrossroleDemoRole`,
      externalId,
      trustPolicyVerified: true,
    });
    expect(management.report).not.toHaveProperty('organization');

    // An account joins; automatic deployment gives it the role; the stack set's page, opened
    // again later in a new tab, reports it.
    const joined = env.replica.organization.addAccount();
    const later = await env.session.context.newPage();
    await later.goto(env.replica.cloudFormationUrl('aws', '/stacksets/CrossroleDemoRole/stacks'));
    await loadThroughReplica(later);
    await expect
      .poll(() => orgReports('CrossroleDemoRole').map((c) => c.report.accountId), {
        timeout: 60_000,
      })
      .toContain(joined);
    expect(orgReports('CrossroleDemoRole')).toHaveLength(succeeded.length + 1);
  });

  it('in AWS GovCloud (US), in Japanese: the same, with the partition in every ARN', async () => {
    const profile = structuredClone(
      EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cloud-diagrams'),
    ) as Record<string, unknown>;
    profile.id = 'diagrams-gov';
    profile.name = 'Diagrams (GovCloud)';
    profile.report = { ...(profile.report as object), url: env.service.url };
    env.replica.setOptions({
      language: 'ja',
      organization: { memberCount: 6, instanceStepMs: 100 },
    });
    const popup = await env.customer.openPopup();
    await popup.getByText('Add a service (profile or connection code)').click();
    await popup.getByLabel('Profile or connection code').fill(JSON.stringify(profile));
    await popup.getByRole('button', { name: 'Import' }).click();
    await popup.getByRole('button', { name: 'Confirm and allow' }).click();
    await chooseOrganization(popup, 'Diagrams (GovCloud)');
    await popup.getByLabel('AWS partition').selectOption('aws-us-gov');
    const page = await env.customer.openInConsole(popup, 'Open in CloudFormation');
    expect(new URL(page.url()).hostname).toMatch(/console\.amazonaws-us-gov\.com$/);
    await env.customer.waitForPanelTitle(page, '確認し、承認してから「送信」', 60_000);
    await saveScreenshot(page, 'panel/stackset-review-ja.png');
    await acknowledgeAndSubmit(
      page,
      /AWS CloudFormation によって、カスタム名のついた IAM リソースが作成される場合があることを承認します/,
      '送信',
    );
    const members = env.replica
      .organizationFor('aws-us-gov')
      .memberAccounts()
      .map((a) => a.accountId);
    // The service also holds the first test's reports: only this profile's count here.
    const govReports = () =>
      env.service.connections().filter((c) => c.report.profileId === profile.id);
    await expect.poll(() => govReports().length, { timeout: 90_000 }).toBe(members.length);
    expect(
      govReports()
        .map((c) => c.report.roleArn)
        .sort(),
    ).toEqual(
      members
        .map(
          (a) => `arn:aws-us-gov:iam::${a}:role/${String((profile.role as { name: string }).name)}`,
        )
        .sort(),
    );
    expect(env.replica.stackSetsFor('aws-us-gov')[0]!.regions).toEqual(['us-gov-west-1']);
  });
});
