// `npm run demo`: the whole connection as a customer meets it, driven in headless Chromium with
// the development build of the extension (`npm run demo` makes it: the store build carries no
// demo profile), the console replica and the reference service on loopback. Prints each
// step with a tick and its time, saves a screenshot per step into one folder, and ends with what
// the service stored. `npm run demo -- --headed` shows the browser (needs a display);
// `npm run demo -- --from-service` starts on the service's onboarding page, with its link.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../tests/support/browser.ts';
import { ARTIFACTS, saveScreenshot } from '../tests/support/artifacts.ts';
import { installConsoleReplica } from '../tests/support/console-replica.ts';
import { Customer, createRoleButton } from '../tests/support/connect-driver.ts';
import { ONBOARDING_BUTTON, startReferenceService } from '../tests/reference-service/server.ts';

const headed = process.argv.includes('--headed');
// Starts on the reference service's onboarding page: its button is a Crossrole link
// (docs/vendors.md §6) for a service that is not built in.
const fromService = process.argv.includes('--from-service');
if (headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('--headed needs a display (DISPLAY is not set); run without it for headless.');
  process.exit(2);
}
const SHOTS = fromService ? 'demo-from-service' : 'demo';
// One folder per run: screenshots from an earlier run would mislead.
await rm(path.join(ARTIFACTS, SHOTS), { recursive: true, force: true });
const started = performance.now();
let stepNo = 0;

async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
  stepNo += 1;
  const label = `${String(stepNo).padStart(2)}. ${title}`;
  const t0 = performance.now();
  try {
    const result = await run();
    console.log(`✓ ${label} (${Math.round(performance.now() - t0)} ms)`);
    return result;
  } catch (error) {
    console.error(`✗ ${label} — FAILED after ${Math.round(performance.now() - t0)} ms`);
    console.error(`  ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    throw error;
  }
}

const shot = (page: Parameters<typeof saveScreenshot>[0], name: string) =>
  saveScreenshot(page, `${SHOTS}/${String(stepNo).padStart(2, '0')}-${name}.png`);

/** The popup way: choose the demo service, review, "Open in AWS console". */
async function startFromPopup(customer: Customer): Promise<{ consolePage: Page; popup: Page }> {
  const popup = await step('Open Crossrole and choose "Crossrole Demo Service"', async () => {
    const page = await customer.openPopup();
    await page.getByText('Crossrole Demo Service').first().click();
    await page.getByRole('button', { name: 'Open in AWS console' }).waitFor();
    await shot(page, 'popup-review');
    return page;
  });
  const consolePage = await step(
    'Review what will be granted, then "Open in AWS console"',
    async () => {
      const page = await customer.openInConsole(popup);
      await page.waitForURL(/#\/roles\/create/);
      return page;
    },
  );
  return { consolePage, popup };
}

/** The link way: the service's button opens the console; Crossrole's window asks to confirm. */
async function startFromService(customer: Customer): Promise<{ consolePage: Page; popup: Page }> {
  const consolePage = await step(
    `On the service's onboarding page, press "${ONBOARDING_BUTTON}"`,
    () => customer.openServiceLink(`${service.origin}/onboarding`, ONBOARDING_BUTTON),
  );
  await step(
    'In Crossrole\'s own window, review who gets what and "Confirm and allow"',
    async () => {
      const window = await customer.linkWindow();
      await window.getByRole('button', { name: 'Confirm and allow' }).waitFor();
      await shot(window, 'link-confirm');
      await customer.confirmLink(window);
      await consolePage.bringToFront();
    },
  );
  return { consolePage, popup: await customer.openPopup() };
}

const service = await step('Start the reference service on 127.0.0.1:47615', () =>
  startReferenceService({ port: 47615 }),
);
const session = await step('Start Chromium with the development build (dist/chrome)', () =>
  launchWithExtension({ headless: !headed }),
);
let failed = false;
try {
  const replica = await step('Serve the console replica at the real AWS console URLs', () =>
    installConsoleReplica(session.context),
  );
  const customer = new Customer(session);

  const start = fromService ? startFromService : startFromPopup;
  const { consolePage, popup } = await start(customer);
  await step(
    'Crossrole fills the trusted entity: another account, External ID, no MFA',
    async () => {
      await customer.waitForPanelTitle(
        consolePage,
        /Trusted entity filled in|Permissions selected|Ready: press Create role/,
      );
      await shot(consolePage, 'wizard-trusted-entity');
    },
  );
  await step('Crossrole selects the permissions and names the role', async () => {
    await customer.waitForPanelTitle(consolePage, 'Ready: press Create role');
    await shot(consolePage, 'wizard-review');
  });
  await step('The customer presses Create role (their only click in the console)', async () => {
    await customer.click(createRoleButton(consolePage));
    await consolePage.waitForURL(/#\/roles\/details\//);
  });
  const connection = await step(
    'Role ARN captured, trust policy verified, report delivered',
    async () => {
      const [stored] = await service.waitForConnections(1, 30_000);
      await customer.waitForPanelTitle(consolePage, /Sending the role to/);
      await shot(consolePage, 'role-captured');
      return stored!;
    },
  );
  await step('The popup shows the connection', async () => {
    await popup.reload();
    await popup.getByRole('heading').first().waitFor();
    await popup.getByText(connection.report.roleArn).first().waitFor();
    await shot(popup, 'popup-connected');
  });
  const role = replica.iam.role(connection.report.roleArn.split('/').pop()!);
  console.log('\nWhat the service stored:');
  console.log(JSON.stringify({ ...connection.report, client: undefined }, null, 2));
  console.log(`\nThe role in the simulated IAM trusts: ${JSON.stringify(role?.trustPolicy)}`);
  console.log(
    `Customer effort${fromService ? " from the service's page" : ' in the console'}: ${customer.effort.clicks} click(s), ${customer.effort.keystrokes} keystrokes, ${customer.effort.pastes} pastes.`,
  );
} catch {
  failed = true;
} finally {
  await session.close();
  await service.close();
}
console.log(
  `\n${failed ? 'FAILED' : 'Done'} in ${Math.round(performance.now() - started)} ms. Screenshots: ${path.join(ARTIFACTS, SHOTS)}`,
);
process.exit(failed ? 1 : 0);
