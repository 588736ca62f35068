// The main connection flow in Firefox ESR (headless), with dist/firefox installed as a temporary
// add-on: the popup, the wizard prefilled by the content scripts, the trust-policy paste, ARN
// capture by the event-page background and delivery to the reference service. The console
// replica is served through a loopback HTTPS proxy; the simulated IAM and the service judge.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  serveConsoleReplicaByProxy,
  type ProxiedConsoleReplica,
} from '../support/console-replica.ts';
import {
  launchFirefoxWithExtension,
  type ElementRef,
  type FirefoxSession,
} from '../support/firefox.ts';
import { startReferenceService, type ReferenceService } from '../reference-service/server.ts';

let service: ReferenceService;
let replica: ProxiedConsoleReplica;
let firefox: FirefoxSession;

beforeAll(async () => {
  service = await startReferenceService({ port: 47615 });
});
afterAll(async () => {
  await service?.close();
});
beforeEach(async (context) => {
  replica = await serveConsoleReplicaByProxy();
  firefox = await launchFirefoxWithExtension({
    proxyPort: replica.proxyPort,
    logName: `${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.log`,
  });
});
afterEach(async () => {
  await firefox?.close();
  await replica?.uninstall();
});

// Page-side finders, run in the tab by Marionette. Each returns an element reference or null.
const BUTTON = `return [...document.querySelectorAll('button')].find(
  (b) => b.textContent.trim() === arguments[0] && !b.disabled) ?? null;`;
const RADIO_LABELLED = `return [...document.querySelectorAll('input[type=radio]')].find(
  (r) => (r.labels?.[0]?.textContent ?? '').trim().startsWith(arguments[0])) ?? null;`;
const PANEL = `const root = document.querySelector('crossrole-guide')?.shadowRoot;`;
const PANEL_TITLE = `${PANEL} return root?.querySelector('h2')?.textContent ?? null;`;
const PANEL_BUTTON = `${PANEL} return [...(root?.querySelectorAll('button') ?? [])].find(
  (b) => b.textContent.trim().startsWith(arguments[0])) ?? null;`;

async function clickButton(name: string, timeoutMs = 30_000): Promise<void> {
  await firefox.click(
    await firefox.waitFor<ElementRef>(`button "${name}"`, BUTTON, timeoutMs, name),
  );
}

async function waitForPanelTitle(title: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const pattern =
    typeof title === 'string' ? `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : title.source;
  return firefox.waitFor<string>(
    `the panel title ${String(title)}`,
    `${PANEL} const t = root?.querySelector('h2')?.textContent ?? '';
     return new RegExp(arguments[0]).test(t) ? t : null;`,
    timeoutMs,
    pattern,
  );
}

/** Opens the popup in a tab, as the toolbar button would show it. */
async function openPopup(): Promise<string> {
  const handle = await firefox.openTab(firefox.popupUrl);
  await firefox.waitFor('the popup', `return document.querySelector('h1')?.textContent ?? null;`);
  return handle;
}

/** What the background keeps, asked as the popup asks it. */
async function popupState(): Promise<{ setups: { state: string; roleArn: string | null }[] }> {
  const reply = await firefox.runAsync<{ ok: boolean; value: never }>(
    `return browser.runtime.sendMessage({ type: 'popup.state' });`,
  );
  return reply.value;
}

describe('Firefox ESR', () => {
  it('demo: the popup opens the prefilled wizard, one click creates the role, the service gets its ARN', async () => {
    const before = service.connections().length;
    await openPopup();
    await firefox.screenshot('popup.png');
    // The background (an event page in Firefox) answers the popup.
    expect((await popupState()).setups).toEqual([]);
    const known = await firefox.tabs();
    await firefox.click(
      await firefox.waitFor<ElementRef>(
        'the demo service',
        RADIO_LABELLED,
        10_000,
        'Crossrole Demo Service',
      ),
    );
    await clickButton('Open in AWS console');
    await firefox.waitForNewTab(known);
    await firefox.waitFor('the console page', `return location.protocol === 'https:';`);
    expect(await firefox.url()).toMatch(
      /^https:\/\/(us-east-1\.)?console\.aws\.amazon\.com\/iam\/home/,
    );
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await firefox.screenshot('wizard-ready.png');
    await clickButton('Create role');
    await waitForPanelTitle(/^Sending the role to|^Connected/);
    await firefox.screenshot('role-captured.png');

    const connection = (await service.waitForConnections(before + 1, 30_000)).at(-1)!;
    const role = replica.iam.role('CrossroleDemoRole')!;
    expect(role.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(connection.report).toMatchObject({
      roleArn: role.arn,
      accountId: '111122223333',
      trustPolicyVerified: true,
      client: { browser: 'firefox' },
    });
    expect(JSON.stringify(role.trustPolicy)).toContain(connection.report.externalId);
  });
});
