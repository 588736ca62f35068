// The onboarding flows of the example profiles, end to end in Chromium: the popup, the console
// replica filled by the content scripts, the customer's own clicks, ARN capture and delivery to
// the reference service. Assertions are on what the simulated IAM and the service really hold.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadThroughReplica } from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import { encodeConnectionCode } from '../../src/core/connection-code.ts';

const env = useConnectionEnv();

/** An example profile made local: another id, and reports to the reference env.service. */
function localProfile(id: string): Record<string, unknown> {
  const profile = structuredClone(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === id),
  ) as Record<string, unknown>;
  profile.id = `${id}-local`;
  // Another name too: the built-in original stays in the list beside it.
  profile.name = `${String(profile.name)} (local)`;
  profile.report = { ...(profile.report as object), url: env.service.url };
  return profile;
}

/**
 * What a hostile page script tries against the panel: read its shadow root (directly, or through
 * an `attachShadow` it wrapped before the page loaded), and dispatch clicks and Enter presses at
 * every point of the viewport the panel's host covers.
 */
function forgeClicksOnPanel(): {
  rootSeen: boolean;
  rootsCaptured: number;
  clicksDispatched: number;
} {
  const host = document.querySelector('crossrole-guide');
  let clicksDispatched = 0;
  for (let x = 4; x < innerWidth; x += 12) {
    for (let y = 4; y < innerHeight; y += 12) {
      const target = document.elementFromPoint(x, y);
      if (!host || target !== host) continue;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
        target.dispatchEvent(
          new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }),
        );
      }
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
      );
      clicksDispatched += 1;
    }
  }
  (host as HTMLElement | null)?.click();
  const captured = (window as unknown as { capturedRoots?: unknown[] }).capturedRoots ?? [];
  return { rootSeen: host?.shadowRoot != null, rootsCaptured: captured.length, clicksDispatched };
}

/** The service the popup has chosen: once one is, the list folds to "Service: <name>". */
const chosenService = (popup: Page) => popup.locator('.chosen strong').textContent();

async function importInPopup(popup: Page, text: string): Promise<void> {
  await popup.getByText('Add a service (profile or connection code)').click();
  await popup.getByLabel('Profile or connection code').fill(text);
  await popup.getByRole('button', { name: 'Import' }).click();
  await popup.getByRole('button', { name: 'Confirm and allow' }).click();
}

async function chooseService(popup: Page, name: string): Promise<void> {
  await popup.getByText(name, { exact: true }).first().click();
}

const roleOf = (name: string) => env.replica.iam.role(name);

describe('connecting with a built-in profile', () => {
  it('demo (read-only): one click in the console, the role exists as reviewed and the service has its ARN', async () => {
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await chooseService(popup, 'Crossrole Demo Service');
    const page = await env.customer.openInConsole(popup);
    await env.customer.waitForPanelTitle(page, 'Ready: press Create role');
    await saveScreenshot(page, 'panel/wizard-ready.png');
    await env.customer.click(createRoleButton(page));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1);
    await env.customer.waitForPanelTitle(page, /Sending the role to/);
    await saveScreenshot(page, 'panel/role-captured.png');

    const role = roleOf('CrossroleDemoRole')!;
    const statement = (
      role.trustPolicy as {
        Statement: { Principal: unknown; Condition: Record<string, Record<string, string>> }[];
      }
    ).Statement[0]!;
    expect(statement.Principal).toEqual({ AWS: 'arn:aws:iam::999988887777:root' });
    expect(statement.Condition.StringEquals!['sts:ExternalId']).toBe(connection!.report.externalId);
    expect(statement.Condition).not.toHaveProperty('Bool');
    expect(role.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(connection!.report).toMatchObject({
      roleArn: role.arn,
      accountId: '111122223333',
      trustPolicyVerified: true,
      accessLevel: 'read-only',
    });
    expect(env.customer.effort).toMatchObject({ clicks: 1, keystrokes: 0, pastes: 0 });
  });

  it('when the wizard ignores the URL, every field is still filled in the page', async () => {
    env.replica.setOptions({ ignoreUrlParams: true, slowMs: 1200 });
    const popup = await env.customer.openPopup();
    await chooseService(popup, 'Crossrole Demo Service');
    const page = await env.customer.openInConsole(popup);
    const before = env.service.connections().length;
    await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 60_000);
    await env.customer.click(createRoleButton(page));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1);
    expect(roleOf('CrossroleDemoRole')!.attachedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(connection!.report.trustPolicyVerified).toBe(true);
  });

  it('in the Japanese console, with the role name already taken: the customer takes the suggested name', async () => {
    env.replica.setOptions({ language: 'ja', existingRoles: [{ roleName: 'crossroledemorole' }] });
    const popup = await env.customer.openPopup();
    await chooseService(popup, 'Crossrole Demo Service');
    const page = await env.customer.openInConsole(popup);
    await env.customer.waitForPanelTitle(page, '準備完了: 「ロールを作成」を押してください');
    await env.customer.click(page.getByRole('button', { name: 'ロールを作成', exact: true }));
    await env.customer.waitForPanelTitle(page, 'そのロール名は使われています');
    await saveScreenshot(page, 'panel/name-taken-ja.png');
    await env.customer.pressPanel(page, /を使う$/);
    await env.customer.waitForPanelTitle(page, '準備完了: 「ロールを作成」を押してください');
    await env.customer.click(page.getByRole('button', { name: 'ロールを作成', exact: true }));
    const before = env.service.connections().length;
    const after = await env.service.waitForConnections(before + 1, 30_000);
    expect(after.at(-1)!.report.roleArn).toBe('arn:aws:iam::111122223333:role/CrossroleDemoRole-2');
    expect(roleOf('CrossroleDemoRole-2')).toBeTruthy();
  });
});

describe('the other onboarding flows', () => {
  it('read-only with a minimal custom policy created first, and a narrowed principal fixed by the trust paste', async () => {
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await importInPopup(popup, JSON.stringify(localProfile('example-cloud-diagrams')));
    // The import selects the new service.
    await expect.poll(() => chosenService(popup)).toBe('Example Cloud Diagrams (local)');
    const page = await env.customer.openInConsole(popup);
    await env.customer.waitForPanelTitle(page, 'Create the policy ExampleCloudDiagramsRead');
    await saveScreenshot(page, 'panel/create-policy.png');
    await env.customer.click(page.getByRole('button', { name: 'Create policy', exact: true }));
    expect(env.replica.iam.policies().map((p) => p.policyName)).toEqual([
      'ExampleCloudDiagramsRead',
    ]);
    // IAM holds the profile's document, not the editor's starting text.
    const planned = (
      localProfile('example-cloud-diagrams') as {
        access: { customPolicies?: { name: string; document: unknown }[] }[];
      }
    ).access
      .flatMap((level) => level.customPolicies ?? [])
      .find((p) => p.name === 'ExampleCloudDiagramsRead')!.document;
    expect(JSON.parse(env.replica.iam.policy('ExampleCloudDiagramsRead')!.document)).toEqual(
      planned,
    );

    await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 60_000);
    await env.customer.click(createRoleButton(page));
    // The wizard can only trust the account root; the profile wants one role of the service.
    await env.customer.waitForPanelTitle(page, 'The trust policy needs a fix');
    await env.customer.pressPanel(page, 'Fix the trust policy');
    await env.customer.pressPanel(page, 'Paste the trust statement');
    await env.customer.waitForPanelTitle(page, 'Trust policy ready: press Update policy');
    await saveScreenshot(page, 'panel/trust-paste.png');
    await env.customer.click(page.getByRole('button', { name: 'Update policy', exact: true }));

    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    const role = roleOf('ExampleCloudDiagramsRole')!;
    const statements = (role.trustPolicy as { Statement: { Principal: { AWS: string } }[] })
      .Statement;
    expect(statements.map((s) => s.Principal.AWS)).toEqual([
      'arn:aws:iam::210987654321:role/DiagramsScanner',
    ]);
    expect(role.attachedPolicyArns).toEqual([
      'arn:aws:iam::111122223333:policy/ExampleCloudDiagramsRead',
    ]);
    expect(connection.report).toMatchObject({
      trustPolicyVerified: true,
      policyArns: ['arn:aws:iam::111122223333:policy/ExampleCloudDiagramsRead'],
    });
    expect(env.customer.effort.keystrokes + env.customer.effort.pastes).toBe(0);
  });

  it('cost and inventory: a connection code brings the token and the service-issued External ID', async () => {
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    const code = encodeConnectionCode({
      profile: localProfile('example-cost-inventory'),
      token: 'cost-token-123',
      externalId: 'svc-issued-7f3a9c',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    await importInPopup(popup, code);
    // The import selects the new service.
    await expect.poll(() => chosenService(popup)).toBe('Example Cost & Inventory (local)');
    // The Read-only level lacks cur:DescribeReportDefinitions: the customer is told before starting.
    await popup.getByRole('radio', { name: /^Read-only\s*AWS's ReadOnlyAccess alone/ }).check();
    await expect
      .poll(() => popup.getByText(/cur:DescribeReportDefinitions/).count())
      .toBeGreaterThan(0);
    await popup.getByRole('radio', { name: /^Read-only plus billing/ }).check();
    const page = await env.customer.openInConsole(popup);
    await env.customer.waitForPanelTitle(page, 'Create the policy ExampleCostInventoryBilling');
    await env.customer.click(page.getByRole('button', { name: 'Create policy', exact: true }));
    await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 60_000);
    await env.customer.click(createRoleButton(page));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    expect(connection.report.externalId).toBe('svc-issued-7f3a9c');
    expect(connection.customer).toBe('cost-token-123');
    expect(roleOf('ExampleCostInventoryRole')!.attachedPolicyArns.sort()).toEqual(
      [
        'arn:aws:iam::111122223333:policy/ExampleCostInventoryBilling',
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
      ].sort(),
    );
  });

  it('operations with the optional logs permission ticked', async () => {
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await importInPopup(popup, JSON.stringify(localProfile('example-operations')));
    // The import selects the new service.
    await expect.poll(() => chosenService(popup)).toBe('Example Operations (local)');
    await popup.getByRole('checkbox', { name: /write its findings to CloudWatch Logs/ }).check();
    const page = await env.customer.openInConsole(popup);
    await env.customer.waitForPanelTitle(page, 'Create the policy ExampleOperationsWriteLogs');
    await env.customer.click(page.getByRole('button', { name: 'Create policy', exact: true }));
    await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 60_000);
    await env.customer.click(createRoleButton(page));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    expect(connection.report.options).toEqual(['write-logs']);
    expect(roleOf('ExampleOperationsRole')!.attachedPolicyArns).toHaveLength(3);
  });

  it('full management with the access-keys method: the user, its policies, and the key sent once and kept nowhere', async () => {
    // A page that wraps attachShadow before anything runs, to catch any root made in its world.
    await env.session.context.addInitScript(() => {
      const roots: ShadowRoot[] = [];
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        roots.push(root);
        return root;
      };
      (window as unknown as { capturedRoots: ShadowRoot[] }).capturedRoots = roots;
    });
    const logged: string[] = [];
    const listen = (page: Page) => page.on('console', (m) => logged.push(m.text()));
    env.session.worker.on('console', (m) => logged.push(m.text()));
    const popup = await env.customer.openPopup();
    listen(popup);
    const code = encodeConnectionCode({
      profile: localProfile('example-full-management'),
      token: 'infra-token-456',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    await importInPopup(popup, code);
    await expect.poll(() => chosenService(popup)).toBe('Example Infrastructure Manager (local)');
    // The second choice, behind its warning: a role is the safer one.
    await popup.getByText('Use an IAM user with access keys instead').click();
    await expect.poll(() => popup.getByText(/A role is the safer choice/).count()).toBe(1);
    await expect
      .poll(() => popup.getByText(/create the IAM user ExampleInfrastructureManagerUser/).count())
      .toBe(1);
    await saveScreenshot(popup, 'popup/access-keys-choice.png');
    const opened = env.session.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Create a user and access key' }).click();
    const page = await opened;
    await loadThroughReplica(page);
    env.customer.trackVisits(page);
    listen(page);
    // A clipboard the test can read: whatever Crossrole does, the secret must never land there.
    await page.waitForURL(/\/iam\/home/);
    const consoleOrigin = new URL(page.url()).origin;
    await env.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: consoleOrigin,
    });

    await env.customer.waitForPanelTitle(page, 'Ready: press Create user', 60_000);
    await saveScreenshot(page, 'panel/create-user.png');
    await env.customer.click(page.getByRole('button', { name: 'Create user', exact: true }));
    await env.customer.waitForPanelTitle(page, 'Confirm, then create the key', 30_000);
    await saveScreenshot(page, 'panel/create-access-key.png');
    await env.customer.click(page.getByLabel(/I understand the above recommendation/));
    await env.customer.click(page.getByRole('button', { name: 'Next', exact: true }));
    await env.customer.click(page.getByRole('button', { name: 'Create access key', exact: true }));
    const name = /^Send to /;
    await env.customer.waitForPanelTitle(page, /^Send this key to /, 30_000);
    await saveScreenshot(page, 'panel/send-access-key.png');
    // A page script can neither open the panel's root nor press "Send": it clicks everywhere.
    const forged = await page.evaluate(forgeClicksOnPanel);
    expect(forged).toEqual({
      rootSeen: false,
      rootsCaptured: 0,
      clicksDispatched: forged.clicksDispatched,
    });
    expect(forged.clicksDispatched).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    expect(env.service.accessKeys()).toHaveLength(0);
    expect((await env.customer.panel(page)).title).toMatch(/^Send this key to /);
    await env.customer.pressPanel(page, name);
    await env.customer.waitForPanelTitle(page, /^Sent to /, 30_000);

    const userName = 'ExampleInfrastructureManagerUser';
    const user = env.replica.iam.user(userName)!;
    expect(user.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess']);
    const [key] = env.replica.iam.accessKeys(userName);
    expect(env.replica.iam.accessKeys(userName)).toHaveLength(1);
    const keys = env.service.accessKeys().filter((k) => k.userArn === user.arn);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      event: 'access-key.created',
      accessKeyId: key!.accessKeyId,
      secretAccessKey: key!.secretAccessKey,
      accountId: '111122223333',
      policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    });
    const posts = env.service
      .requests()
      .filter((r) => r.method === 'POST' && r.idempotencyKey === keys[0]!.setupId);
    expect(posts).toHaveLength(1);

    const secret = key!.secretAccessKey;
    const stored = await env.session.worker.evaluate(async () =>
      JSON.stringify([
        await chrome.storage.local.get(null),
        await chrome.storage.session.get(null),
      ]),
    );
    expect(stored).toContain(keys[0]!.setupId); // the setup is there ...
    expect(stored).not.toContain(secret); // ... the secret is not
    expect(logged.join('\n')).not.toContain(secret);
    expect(await page.evaluate(() => navigator.clipboard.readText())).not.toContain(secret);
    // The popup shows the setup as delivered, with the user, not a role to check.
    const after = await env.customer.openPopup();
    await expect
      .poll(() => after.getByText(/ExampleInfrastructureManagerUser/).count())
      .toBeGreaterThan(0);
    await saveScreenshot(after, 'popup/access-key-delivered.png');
  });

  it('updates the External ID in an existing role, keeping its other statements', async () => {
    const other = {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    };
    const old = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'old-external-id' } },
    };
    env.replica.setOptions({
      existingRoles: [
        {
          roleName: 'LegacyDemoRole',
          trustPolicy: { Version: '2012-10-17', Statement: [other, old] },
        },
      ],
    });
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await chooseService(popup, 'Crossrole Demo Service');
    await popup.getByText('Update an existing role instead').click();
    await popup.getByLabel('Existing role name').fill('LegacyDemoRole');
    const opened = env.session.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Update an existing role', exact: true }).click();
    const page = await opened;
    await loadThroughReplica(page);
    await env.customer.pressPanel(page, 'Paste the trust statement');
    await env.customer.waitForPanelTitle(page, 'Trust policy ready: press Update policy');
    await env.customer.click(page.getByRole('button', { name: 'Update policy', exact: true }));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    const statements = (roleOf('LegacyDemoRole')!.trustPolicy as { Statement: unknown[] })
      .Statement;
    expect(statements).toContainEqual(other);
    expect(statements).toHaveLength(2);
    expect(JSON.stringify(statements)).not.toContain('old-external-id');
    expect(JSON.stringify(statements)).toContain(connection.report.externalId);
  });

  it('connects a second account to the same service', async () => {
    const before = env.service.connections().length;
    for (const accountId of ['111122223333', '444455556666']) {
      env.replica.setOptions({ accountId });
      const popup = await env.customer.openPopup();
      await chooseService(popup, 'Crossrole Demo Service');
      const page = await env.customer.openInConsole(popup);
      await env.customer.waitForPanelTitle(page, 'Ready: press Create role');
      await env.customer.click(createRoleButton(page));
      await env.customer.waitForPanelTitle(page, /Sending the role to/);
      await page.close();
      await popup.close();
    }
    const connections = (await env.service.waitForConnections(before + 2, 30_000)).slice(before);
    expect(connections.map((c) => c.report.accountId).sort()).toEqual([
      '111122223333',
      '444455556666',
    ]);
    const popup = await env.customer.openPopup();
    await expect.poll(() => popup.getByText('444455556666').count()).toBeGreaterThan(0);
    await saveScreenshot(popup, 'popup/two-accounts.png');
  });
});
