// The foundation, proven in a real Chromium with the built extension: the worker starts, the
// content script runs only on IAM console pages, the popup renders, and a stopped worker
// answers from storage.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPopup, stopServiceWorker } from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { useExtensionSession } from '../support/e2e-setup.ts';

const PAGE = '<!doctype html><title>IAM</title><h1>Identity and Access Management</h1>';

const env = useExtensionSession(async (session) => {
  // Our own page at real console URLs, with no network: content scripts inject as on the real site.
  await session.context.route(/^https:\/\/[^/]*(console\.aws\.amazon\.com|\.example)\//, (route) =>
    route.fulfill({ contentType: 'text/html', body: PAGE }),
  );
});

/** The console tabs the background has recorded, read straight from its storage. */
function recordedTabs(): Promise<
  Record<string, { route: string; partition: string; host: string }>
> {
  return env.session.worker.evaluate(async () => {
    const { consoleTabs } = await chrome.storage.session.get('consoleTabs');
    return (consoleTabs ?? {}) as Record<
      string,
      { route: string; partition: string; host: string }
    >;
  });
}

/** Asks the background, as the popup does, what it knows about a tab. */
function askAboutTab(popup: Page, tabId: number) {
  return popup.evaluate(
    (id) => chrome.runtime.sendMessage({ type: 'popup.activeTab', tabId: id }),
    tabId,
  );
}

async function waitForRecordedHost(host: string) {
  await expect
    .poll(async () => Object.values(await recordedTabs()).map((t) => t.host), { timeout: 10_000 })
    .toContain(host);
  const [id, tab] = Object.entries(await recordedTabs()).find(([, t]) => t.host === host)!;
  return { tabId: Number(id), tab };
}

describe('the built extension in Chromium', () => {
  it('starts its service worker from dist/chrome', () => {
    expect(env.session.worker.url()).toBe(
      `chrome-extension://${env.session.extensionId}/service-worker-loader.js`,
    );
  });

  it('runs the content script on an IAM console page, and follows hash routes', async () => {
    const page = await env.session.context.newPage();
    await page.goto('https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles');
    const { tab } = await waitForRecordedHost('us-east-1.console.aws.amazon.com');
    expect(tab).toMatchObject({ partition: 'aws', route: '/roles' });

    await page.evaluate(() => (location.hash = '#/roles/create?step=selectEntities&externalId=x'));
    await expect
      .poll(async () => (await waitForRecordedHost('us-east-1.console.aws.amazon.com')).tab.route)
      .toBe('/roles/create');
    await page.close();
  });

  it('does not run on console pages outside IAM, nor on look-alike hosts', async () => {
    const ec2 = await env.session.context.newPage();
    await ec2.goto('https://eu-west-1.console.aws.amazon.com/ec2/home');
    const fake = await env.session.context.newPage();
    await fake.goto('https://console.aws.amazon.com.evil.example/iam/home#/roles');
    // Give a content script ample time to announce itself, then check nothing did.
    await ec2.waitForTimeout(1500);
    const hosts = Object.values(await recordedTabs()).map((t) => t.host);
    expect(hosts).not.toContain('eu-west-1.console.aws.amazon.com');
    expect(hosts).not.toContain('console.aws.amazon.com.evil.example');
    await Promise.all([ec2.close(), fake.close()]);
  });

  it('renders the popup with the built-in services', async () => {
    const popup = await openPopup(env.session);
    await expect
      .poll(() => popup.getByRole('heading', { name: 'Crossrole', exact: true }).count())
      .toBe(1);
    await expect
      .poll(() => popup.getByRole('radio', { name: 'Crossrole Demo Service' }).count())
      .toBe(1);
    await saveScreenshot(popup, 'foundation/popup.png');
    await popup.close();
  });

  it('answers from storage after its service worker is stopped', async () => {
    const page = await env.session.context.newPage();
    await page.goto('https://us-west-2.console.aws.amazon.com/iam/home#/policies');
    const { tabId } = await waitForRecordedHost('us-west-2.console.aws.amazon.com');
    const popup = await openPopup(env.session);
    expect(await askAboutTab(popup, tabId)).toMatchObject({
      ok: true,
      value: { route: '/policies' },
    });

    await env.session.worker.evaluate(
      () => ((globalThis as { crossroleMarker?: number }).crossroleMarker = 1),
    );
    await stopServiceWorker(env.session);
    // The marker proves the worker really restarted (its globals are gone)...
    await expect
      .poll(() =>
        env.session.worker.evaluate(
          () => (globalThis as { crossroleMarker?: number }).crossroleMarker,
        ),
      )
      .toBeUndefined();
    // ...and it still knows the console tab, from storage.session.
    expect(await askAboutTab(popup, tabId)).toMatchObject({
      ok: true,
      value: { route: '/policies' },
    });
    await Promise.all([page.close(), popup.close()]);
  });

  it('refuses a console-tab announcement from an extension page', async () => {
    const popup = await openPopup(env.session);
    const reply = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'content.hello', route: '/roles' }),
    );
    expect(reply).toEqual({ ok: false, error: 'Not sent from an IAM console page' });
    await popup.close();
  });
});
