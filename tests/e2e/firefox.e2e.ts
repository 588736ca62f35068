// The main connection flow in Firefox ESR (headless), with dist/firefox installed as a temporary
// add-on: the popup, the wizard prefilled by the content scripts, the trust-policy paste, ARN
// capture by the event-page background and delivery to the reference service. The console
// replica is served through a loopback HTTPS proxy; the simulated IAM and the service judge.
import { describe, expect, it } from 'vitest';
import { useFirefoxEnv } from '../support/e2e-setup.ts';
import type { ElementRef } from '../support/firefox.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import { ONBOARDING_BUTTON } from '../reference-service/server.ts';

const env = useFirefoxEnv();

// Page-side finders, run in the tab by Marionette. Each returns an element reference or null.
const BUTTON = `return [...document.querySelectorAll('button')].find(
  (b) => b.textContent.trim() === arguments[0] && !b.disabled && b.getClientRects().length > 0) ?? null;`;
const RADIO_LABELLED = `return [...document.querySelectorAll('input[type=radio]')].find(
  (r) => (r.labels?.[0]?.textContent ?? '').trim().startsWith(arguments[0])) ?? null;`;
// Run with the panel's (closed) shadow root as arguments[0].
const PANEL_BUTTON = `return [...arguments[0].querySelectorAll('button')].find(
  (b) => b.textContent.trim().startsWith(arguments[1])) ?? null;`;

async function clickButton(name: string, timeoutMs = 30_000): Promise<void> {
  await clickFound(
    name,
    await env.firefox.waitFor<ElementRef>(`button "${name}"`, BUTTON, timeoutMs, name),
  );
}

async function clickFound(name: string, button: ElementRef): Promise<void> {
  try {
    await env.firefox.click(button);
  } catch (error) {
    const shot = await env.firefox.screenshot(`failed-click-${name.replace(/\W+/g, '-')}.png`);
    throw new Error(`Clicking "${name}" failed (see ${shot}): ${String(error)}`, {
      cause: error,
    });
  }
}

async function waitForPanelTitle(title: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const pattern =
    typeof title === 'string' ? `^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : title.source;
  return env.firefox.waitForInPanel<string>(
    `the panel title ${String(title)}`,
    `const t = arguments[0].querySelector('h2')?.textContent ?? '';
     return new RegExp(arguments[1]).test(t) ? t : null;`,
    timeoutMs,
    pattern,
  );
}

async function clickPanelButton(name: string): Promise<void> {
  await clickFound(
    name,
    await env.firefox.waitForInPanel<ElementRef>(
      `panel button "${name}"`,
      PANEL_BUTTON,
      30_000,
      name,
    ),
  );
}

/** Opens the popup in a tab, as the toolbar button would show it. */
async function openPopup(): Promise<string> {
  const handle = await env.firefox.openTab(env.firefox.popupUrl);
  await env.firefox.waitFor(
    'the popup',
    `return document.querySelector('h1')?.textContent ?? null;`,
  );
  return handle;
}

/** In the open popup: the demo service, then "Open in AWS console" and its new tab. */
async function openDemoInConsole(): Promise<void> {
  const known = await env.firefox.tabs();
  await env.firefox.click(
    await env.firefox.waitFor<ElementRef>(
      'the demo service',
      RADIO_LABELLED,
      10_000,
      'Crossrole Demo Service',
    ),
  );
  await clickButton('Open in AWS console');
  await env.firefox.waitForNewTab(known);
}

type StoredSetup = {
  id: string;
  state: string;
  roleArn: string | null;
  delivery: { status: string; attempts: number } | null;
};

/** What the background keeps, asked as the popup asks it. */
async function popupState(): Promise<{ setups: StoredSetup[] }> {
  const reply = await env.firefox.runAsync<{ ok: boolean; value: { setups: StoredSetup[] } }>(
    `return browser.runtime.sendMessage({ type: 'popup.state' });`,
  );
  return reply.value;
}

describe('Firefox ESR', () => {
  it('demo: the popup opens the prefilled wizard, one click creates the role, the service gets its ARN', async () => {
    const before = env.service.connections().length;
    await openPopup();
    await env.firefox.screenshot('popup.png');
    // The background (an event page in Firefox) answers the popup.
    expect((await popupState()).setups).toEqual([]);
    await openDemoInConsole();
    await env.firefox.waitFor('the console page', `return location.protocol === 'https:';`);
    expect(await env.firefox.url()).toMatch(
      /^https:\/\/(us-east-1\.)?console\.aws\.amazon\.com\/iam\/home/,
    );
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await env.firefox.screenshot('wizard-ready.png');
    await clickButton('Create role');
    await waitForPanelTitle(/^Sending the role to|^Connected/);
    await env.firefox.screenshot('role-captured.png');

    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    const role = env.replica.iam.role('CrossroleDemoRole')!;
    expect(role.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(connection.report).toMatchObject({
      roleArn: role.arn,
      accountId: '111122223333',
      trustPolicyVerified: true,
      client: { browser: 'firefox' },
    });
    expect(JSON.stringify(role.trustPolicy)).toContain(connection.report.externalId);
  });

  it('a connected role’s page: its check against the service today runs in the same tab, and nothing is sent when IAM holds what the service was told', async () => {
    const before = env.service.connections().length;
    await openPopup();
    await openDemoInConsole();
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await clickButton('Create role');
    await env.service.waitForConnections(before + 1, 30_000);
    const eventsBefore = env.service.events().length;

    // The role's page in a tab of its own, where no setup runs (docs/lifecycle.md).
    await env.firefox.openTab(env.replica.url('aws', '/roles/details/CrossroleDemoRole'));
    await waitForPanelTitle('Crossrole Demo Service uses this role');
    await clickPanelButton('Check against Crossrole Demo Service today');
    await waitForPanelTitle(
      'Up to date: CrossroleDemoRole holds what Crossrole Demo Service asks for',
    );
    await env.firefox.screenshot('update-up-to-date.png');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(env.service.events().length).toBe(eventsBefore);
  });

  it('imported profile: the custom policy first, then the trust-policy paste into the Ace editor (page world)', async () => {
    const before = env.service.connections().length;
    await openPopup();
    const profile = structuredClone(
      EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cloud-diagrams'),
    ) as Record<string, unknown>;
    Object.assign(profile, { id: 'cloud-diagrams-local', name: 'Cloud Diagrams (local)' });
    profile.report = { ...(profile.report as object), url: env.service.url };
    await env.firefox.click(
      await env.firefox.waitFor<ElementRef>(
        'the import form',
        `return [...document.querySelectorAll('summary')].find((s) => s.textContent.startsWith('Add a service')) ?? null;`,
      ),
    );
    // The profile is long JSON: set it as a paste would, then the customer's clicks are real.
    await env.firefox.run(
      `const label = [...document.querySelectorAll('label')].find(
         (l) => l.textContent === 'Profile or connection code');
       const field = label.control;
       field.value = arguments[0];
       field.dispatchEvent(new Event('input', { bubbles: true }));`,
      JSON.stringify(profile),
    );
    await clickButton('Import');
    await clickButton('Confirm and allow');
    // Once chosen, the list folds to "Service: <name>".
    await env.firefox.waitFor(
      'the imported service chosen',
      `return document.querySelector('.chosen strong')?.textContent === 'Cloud Diagrams (local)';`,
    );
    const known = await env.firefox.tabs();
    await clickButton('Open in AWS console');
    await env.firefox.waitForNewTab(known);
    await waitForPanelTitle('Create the policy ExampleCloudDiagramsRead', 60_000);
    await clickButton('Create policy');
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await clickButton('Create role');
    await waitForPanelTitle('The trust policy needs a fix');
    await clickPanelButton('Fix the trust policy');
    await clickPanelButton('Paste the trust statement');
    await waitForPanelTitle('Trust policy ready: press Update policy');
    await env.firefox.screenshot('trust-paste.png');
    await clickButton('Update policy');

    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    const role = env.replica.iam.role('ExampleCloudDiagramsRole')!;
    const principals = (
      role.trustPolicy as { Statement: { Principal: { AWS: string } }[] }
    ).Statement.map((s) => s.Principal.AWS);
    expect(principals).toEqual(['arn:aws:iam::210987654321:role/DiagramsScanner']);
    expect(role.attachedPolicyArns).toEqual([
      'arn:aws:iam::111122223333:policy/ExampleCloudDiagramsRead',
    ]);
    expect(connection.report).toMatchObject({ trustPolicyVerified: true, roleArn: role.arn });
  });

  it('keeps the report through an unloaded event page and delivers it once the service is back', async () => {
    const before = env.service.connections().length;
    env.service.setFaults({ down: true });
    const popup = await openPopup();
    const known = await env.firefox.tabs();
    await clickButton('Open in AWS console');
    const consoleTab = await env.firefox.waitForNewTab(known);
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await clickButton('Create role');
    await env.firefox.switchTo(popup);
    // Tried at least once and waiting for the next try (not caught mid-attempt, 'sending').
    const waiting = async () => {
      const [s] = (await popupState()).setups;
      return s?.delivery
        ? `${s.state}, ${s.delivery.status}, tried: ${s.delivery.attempts > 0}`
        : '';
    };
    await expect.poll(waiting, { timeout: 30_000 }).toBe('verified, queued, tried: true');
    const [setup] = (await popupState()).setups;

    await env.firefox.terminateBackground();
    env.service.setFaults({});
    // Nothing pokes the background: its alarm wakes the event page, which sends from storage.
    await env.firefox.switchTo(consoleTab);
    const delivered = await env.service.waitForConnections(before + 1, 60_000);
    expect(delivered.filter((c) => c.idempotencyKey === setup!.id)).toHaveLength(1);
  });

  it('asks again for the console when the customer revoked it, then works', async () => {
    await openPopup();
    // What "Access your data for sites" → off in about:addons does.
    await env.firefox.runAsync(
      `await browser.permissions.remove({ origins: (await browser.permissions.getAll()).origins
         .filter((o) => o.includes('.console.')) });`,
    );
    await env.firefox.run('location.reload();');
    await env.firefox.waitFor(
      'the console access alert',
      `return document.querySelector('[role=alert]')?.textContent.includes('may not run on the AWS console');`,
    );
    const open = await env.firefox.run<boolean>(
      `return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Open in AWS console').disabled;`,
    );
    expect(open).toBe(true);
    await env.firefox.screenshot('console-access-revoked.png');
    await clickButton('Allow on the AWS console');
    await env.firefox.waitFor(
      'the alert to go',
      `return !document.body.textContent.includes('may not run on the AWS console');`,
    );
    const known = await env.firefox.tabs();
    await clickButton('Open in AWS console');
    await env.firefox.waitForNewTab(known);
    // The content script runs again: the wizard is filled.
    await waitForPanelTitle('Ready: press Create role', 60_000);
  });
  it('a service link: the service page, Confirm and allow in Crossrole’s window, Create role in the same tab', async () => {
    const before = env.service.connections().length;
    await env.firefox.openTab(`${env.service.origin}/onboarding`);
    const known = await env.firefox.tabs();
    await env.firefox.click(
      await env.firefox.waitFor<ElementRef>(
        'the service’s button',
        `return [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === arguments[0]) ?? null;`,
        10_000,
        ONBOARDING_BUTTON,
      ),
    );
    const issued = env.service.onboardings().at(-1)!;
    // The console tab, then Crossrole's own window for the link.
    const opened: Record<'console' | 'window', string | null> = { console: null, window: null };
    await expect
      .poll(
        async () => {
          for (const handle of (await env.firefox.tabs()).filter((h) => !known.includes(h))) {
            await env.firefox.switchTo(handle);
            const url = await env.firefox.url();
            if (url.includes('?link=')) opened.window = handle;
            else if (url.startsWith('https://')) opened.console = handle;
          }
          return Boolean(opened.console && opened.window);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await env.firefox.switchTo(opened.window!);
    await env.firefox.waitFor(
      'the link review',
      `return document.body.textContent.includes('Crossrole Reference Service');`,
    );
    await env.firefox.screenshot('link-confirm.png');
    await clickButton('Confirm and allow', 10_000);
    await env.firefox.switchTo(opened.console!);
    expect(await env.firefox.url()).not.toContain('crossrole=');
    await waitForPanelTitle('Ready: press Create role', 60_000);
    await clickButton('Create role');
    const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
    expect(connection.customer).toBe(issued.token);
    expect(connection.report).toMatchObject({
      externalId: issued.externalId,
      permissionsVerified: true,
      client: { browser: 'firefox' },
    });
  });
});
