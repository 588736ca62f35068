// A service's link (docs/vendors.md §6) in Chromium: from the reference service's onboarding page
// to the stored report with a whole profile in the code (not built in), its token and its
// service-issued External ID; the review happens in Crossrole's own window and the setup goes on
// in the same console tab. The same link without Crossrole prefills what AWS's parameters do;
// malformed, expired and impersonating links end with a message and no setup.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../support/artifacts.ts';
import { launchBrowser, loadThroughReplica } from '../support/browser.ts';
import { installConsoleReplica } from '../support/console-replica.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import { ONBOARDING_BUTTON } from '../reference-service/server.ts';
import { encodeConnectionCode } from '../../src/core/connection-code.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';

const env = useConnectionEnv();

/** The link window the background opens for a link (src/popup/index.html?link=<id>). */
const linkWindow = () => env.customer.linkWindow();

/** Setups the background keeps (none may exist after a refused link). */
async function storedSetups(): Promise<unknown[]> {
  const worker = env.session.context.serviceWorkers()[0]!;
  return worker.evaluate(async () => {
    const got = (await chrome.storage.local.get('setups')) as { setups?: unknown[] };
    return got.setups ?? [];
  });
}

/** Opens a console tab on a create-role link, as a click on a service's page would. */
async function openConsoleLink(link: string): Promise<Page> {
  const page = await env.session.context.newPage();
  await page.goto(link);
  await loadThroughReplica(page);
  return page;
}

describe('a service link', () => {
  it('from the service page to the stored report: the button, Confirm and allow, Create role', async () => {
    const before = env.service.connections().length;
    const consolePage = await env.customer.openServiceLink(
      `${env.service.origin}/onboarding`,
      ONBOARDING_BUTTON,
    );
    const issued = env.service.onboardings().at(-1)!;

    const window = await env.customer.linkWindow();
    await window
      .getByRole('heading', { name: /Crossrole Reference Service/ })
      .first()
      .waitFor();
    // Who gets what, said in Crossrole's own page before anything is created.
    const shown = await window.locator('body').innerText();
    expect(shown).toContain('Crossrole Reference Service');
    expect(shown).toContain(new URL(env.service.url).origin);
    expect(shown).toContain('ReadOnlyAccess');
    await saveScreenshot(window, 'link/confirm.png', { fullPage: false });
    await env.customer.confirmLink(window);

    // The same console tab goes on: no new tab, no reload, and the code left the address bar.
    expect(consolePage.url()).not.toContain('crossrole=');
    await env.customer.waitForPanelTitle(consolePage, 'Ready: press Create role', 60_000);
    await saveScreenshot(consolePage, 'link/ready.png');
    await env.customer.click(createRoleButton(consolePage));
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    expect(connection.customer).toBe(issued.token);
    expect(connection.report.externalId).toBe(issued.externalId);
    expect(connection.report.permissionsVerified).toBe(true);
    // The service's button, Confirm, Create role; nothing typed, nothing pasted.
    expect(env.customer.effort).toMatchObject({ clicks: 3, keystrokes: 0, pastes: 0 });
  });

  it('without Crossrole, the same link prefills what the console’s own parameters allow', async () => {
    const onboarding = await env.session.context.newPage();
    await onboarding.goto(`${env.service.origin}/onboarding`);
    const link = await onboarding
      .getByRole('link', { name: ONBOARDING_BUTTON })
      .getAttribute('href');
    const issued = env.service.onboardings().at(-1)!;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await installConsoleReplica(context);
      const page = await context.newPage();
      await page.goto(link!);
      await page.getByLabel('Account ID').waitFor();
      expect(await page.getByLabel('Account ID').inputValue()).toBe(
        issued.link.match(/awsAccount=(\d{12})/)![1],
      );
      expect(await page.getByLabel('External ID', { exact: true }).inputValue()).toBe(
        issued.externalId,
      );
      await saveScreenshot(page, 'link/without-crossrole.png');
    } finally {
      await browser.close();
    }
  });

  it('malformed, expired and impersonating links end with a message and no setup', async () => {
    const reported = env.service.connections().length;
    const demo = EXAMPLE_PROFILES.find(
      (p) => (p as { id: string }).id === 'example-cloud-diagrams',
    );
    const base =
      'https://console.aws.amazon.com/iam/home#/roles/create?step=selectEntities&trustedEntityType=AWS_ACCOUNT&awsAccount=999988887777&isThirdParty=true';
    const cases: [string, string, RegExp][] = [
      ['malformed', 'crossrole1.%%%not-base64', /did not accept this link/],
      [
        'expired',
        encodeConnectionCode({
          profile: { ...(demo as object), id: 'acme-link', name: 'Acme Diagrams' },
          token: 'expired-token',
          externalId: 'svc-expired-1',
          expiresAt: '2020-01-01T00:00:00Z',
        }),
        /2020/,
      ],
      [
        'impersonating',
        encodeConnectionCode({
          profile: { ...(demo as object), id: 'crossrole-demo', name: 'Crossrole Demo Service' },
          token: 'evil-token',
          externalId: 'svc-evil-1',
        }),
        /did not accept this link/,
      ],
    ];
    for (const [name, code, said] of cases) {
      const page = await openConsoleLink(`${base}&crossrole=${encodeURIComponent(code)}`);
      const window = await linkWindow();
      await expect
        .poll(() => window.locator('body').innerText(), { timeout: 10_000 })
        .toMatch(said);
      await saveScreenshot(window, `link/refused-${name}.png`, { fullPage: false });
      const closed = window.waitForEvent('close');
      await window.getByRole('button', { name: 'Close' }).click();
      await closed;
      expect(page.url()).not.toContain('crossrole=');
      await page.close();
    }
    expect(await storedSetups()).toEqual([]);
    expect(env.service.connections()).toHaveLength(reported);
  });
});
