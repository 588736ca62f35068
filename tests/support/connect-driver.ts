// Drives a connection as a customer does, for the demo, the end-to-end tests and the benchmark:
// one driver, so what the demo shows is what the tests check and what the bench measures. It
// counts the customer's effort (clicks, keystrokes, pastes, console pages visited) as it goes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS } from './artifacts.ts';
import { loadThroughReplica, openPopup, type ExtensionSession } from './browser.ts';
import {
  panelView,
  pressPanelButton,
  titleIs,
  waitForPanel,
  type ButtonWanted,
  type PanelView,
} from './panel-driver.ts';

export type Effort = { clicks: number; keystrokes: number; pastes: number; pageVisits: number };

export type StepLog = (title: string, detail?: string) => void;

export class Customer {
  readonly effort: Effort = { clicks: 0, keystrokes: 0, pastes: 0, pageVisits: 0 };
  private readonly visited = new Set<string>();

  constructor(
    readonly session: ExtensionSession,
    private readonly log: StepLog = () => undefined,
  ) {}

  get context(): BrowserContext {
    return this.session.context;
  }

  /** A click the customer makes (counted only when in the console, where the goal is measured). */
  async click(target: Locator, where: 'console' | 'popup' = 'console'): Promise<void> {
    await target.click();
    if (where === 'console') this.effort.clicks += 1;
  }

  async type(target: Locator, text: string): Promise<void> {
    await target.fill(text);
    this.effort.keystrokes += text.length;
  }

  /** Counts each distinct console page (hash route path) the customer is taken to. */
  trackVisits(page: Page): void {
    const note = () => {
      const hash = new URL(page.url()).hash.replace(/^#/, '').split('?')[0] ?? '';
      const route = hash.replace(/\/(details|edit_trust_policy)\/[^/]+/, '/$1/*');
      if (!this.visited.has(route)) {
        this.visited.add(route);
        this.effort.pageVisits = this.visited.size;
      }
    };
    // Playwright reports same-document (hash) navigations as framenavigated too.
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) note();
    });
    note();
  }

  async openPopup(): Promise<Page> {
    const popup = await openPopup(this.session);
    await popup.setViewportSize({ width: 380, height: 640 });
    return popup;
  }

  /**
   * Clicks the popup's main action ("Open in AWS console", or for an Organization "Open in
   * CloudFormation") and returns the console tab the extension opens.
   */
  async openInConsole(popup: Page, button = 'Open in AWS console'): Promise<Page> {
    const opened = this.context.waitForEvent('page');
    await popup.getByRole('button', { name: button }).click();
    const page = await opened;
    await loadThroughReplica(page);
    this.trackVisits(page);
    return page;
  }

  /**
   * On a service's onboarding page, presses its Crossrole link (docs/vendors.md §6): the console
   * tab it opens, loaded. Counted as a click: the link's goal is clicks in all.
   */
  async openServiceLink(onboardingUrl: string, button: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(onboardingUrl);
    const opened = this.context.waitForEvent('page');
    await this.click(page.getByRole('link', { name: button }));
    const consoleTab = await opened;
    await loadThroughReplica(consoleTab);
    this.trackVisits(consoleTab);
    return consoleTab;
  }

  /** Crossrole's own window for a link (src/popup/index.html?link=<id>), at its size. */
  async linkWindow(timeout = 20_000): Promise<Page> {
    const isLinkWindow = (p: Page) => p.url().includes('/src/popup/index.html?link=');
    const window =
      this.context.pages().find(isLinkWindow) ??
      (await this.context.waitForEvent('page', { predicate: isLinkWindow, timeout }));
    await window.setViewportSize({ width: 400, height: 640 });
    return window;
  }

  /** Presses "Confirm and allow" once it is enabled (held back a moment); the window closes. */
  async confirmLink(window: Page): Promise<void> {
    const confirm = window.getByRole('button', { name: 'Confirm and allow' });
    await confirm.waitFor();
    for (let i = 0; i < 50 && !(await confirm.isEnabled()); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const closed = window.waitForEvent('close');
    await this.click(confirm);
    await closed;
  }

  /** What the guide panel shows (read through its closed shadow root). */
  panel(page: Page): Promise<PanelView> {
    return panelView(page);
  }

  /** A press on one of the panel's buttons: a real mouse click, counted like any other. */
  async pressPanel(page: Page, wanted: ButtonWanted, timeout = 30_000): Promise<void> {
    await pressPanelButton(page, wanted, timeout);
    this.effort.clicks += 1;
  }

  async waitForPanelTitle(page: Page, title: string | RegExp, timeout = 30_000): Promise<void> {
    try {
      await waitForPanel(page, titleIs(title), `the title ${String(title)}`, timeout);
    } catch (error) {
      // What the customer saw instead, for whoever reads the failure.
      mkdirSync(path.join(ARTIFACTS, 'failures'), { recursive: true });
      await page
        .screenshot({ path: path.join(ARTIFACTS, 'failures', `panel-${Date.now()}.png`) })
        .catch(() => undefined);
      throw error;
    }
  }
}

/** The wizard's primary button on its last step. */
export function createRoleButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Create role', exact: true });
}

/**
 * The manual path on the same replica, following a typical vendor's written guide step by step,
 * for the bench's comparison. Values the guide tells the customer to copy from the service's
 * page (account ID, External ID) are pastes; what the guide says to type is typed.
 */
export async function manualConnection(
  context: BrowserContext,
  consoleUrl = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles',
): Promise<Effort> {
  const effort: Effort = { clicks: 0, keystrokes: 0, pastes: 0, pageVisits: 0 };
  const page = await context.newPage();
  const visited = new Set<string>();
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    visited.add(
      (new URL(frame.url()).hash.split('?')[0] ?? '').replace(/\/details\/[^/]+/, '/details/*'),
    );
  });
  const click = async (target: Locator) => {
    await target.click();
    effort.clicks += 1;
  };
  const type = async (target: Locator, text: string) => {
    await target.click();
    effort.clicks += 1;
    await target.pressSequentially(text);
    effort.keystrokes += text.length;
  };
  const paste = async (target: Locator, text: string) => {
    await target.click();
    effort.clicks += 1;
    await target.fill(text);
    effort.pastes += 1;
  };
  // 1. "Sign in to the AWS console and open IAM → Roles."
  await page.goto(consoleUrl);
  // 2. "Choose Create role."
  await click(page.getByRole('button', { name: 'Create role' }).first());
  // 3. "Choose AWS account, then Another AWS account, and enter our account ID."
  await click(page.getByText('AWS account', { exact: true }));
  await click(page.getByLabel('Another AWS account'));
  effort.clicks += 1; // copying the account ID on the service's page
  await paste(page.getByLabel('Account ID', { exact: true }), '999988887777');
  // 4. "Tick Require external ID and paste the External ID from your settings page."
  await click(page.getByLabel(/Require external ID/));
  effort.clicks += 1; // copying the External ID on the service's page
  await paste(page.getByLabel('External ID', { exact: true }), 'demo-manual0123456789abcd');
  await click(page.getByRole('button', { name: 'Next', exact: true }));
  // 5. "Search for ReadOnlyAccess and tick it."
  await type(
    page.getByRole('searchbox').or(page.getByPlaceholder('Search')).first(),
    'ReadOnlyAccess',
  );
  await click(
    page
      .getByRole('row', { name: /ReadOnlyAccess/ })
      .first()
      .getByRole('checkbox'),
  );
  await click(page.getByRole('button', { name: 'Next', exact: true }));
  // 6. "Name the role CrossroleDemoRole and create it."
  await type(page.getByLabel('Role name', { exact: true }), 'CrossroleDemoRole');
  await click(page.getByRole('button', { name: 'Create role', exact: true }));
  // 7. "Open the role, copy its ARN and paste it into our settings page."
  await click(page.getByRole('link', { name: 'CrossroleDemoRole' }).first());
  await click(page.getByRole('button', { name: 'Copy ARN' }).first());
  effort.pastes += 1; // pasting the ARN on the service's page
  effort.clicks += 1; // and saving it there
  effort.pageVisits = visited.size;
  await page.close();
  return effort;
}
