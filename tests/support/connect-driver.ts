// Drives a connection as a customer does, for the demo, the end-to-end tests and the benchmark:
// one driver, so what the demo shows is what the tests check and what the bench measures. It
// counts the customer's effort (clicks, keystrokes, pastes, console pages visited) as it goes.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openPopup, type ExtensionSession } from './browser.ts';

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

  /** Clicks "Open in AWS console" in the popup and returns the console tab the extension opens. */
  async openInConsole(popup: Page): Promise<Page> {
    const opened = this.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Open in AWS console' }).click();
    const page = await opened;
    this.trackVisits(page);
    return page;
  }

  /** The guide panel (an open shadow root, which Playwright locators pierce). */
  panel(page: Page): Locator {
    return page.locator('crossrole-guide');
  }

  async waitForPanelTitle(page: Page, title: string | RegExp, timeout = 30_000): Promise<void> {
    await this.panel(page).getByRole('heading', { name: title }).waitFor({ timeout });
  }
}

/** The wizard's primary button on its last step. */
export function createRoleButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Create role', exact: true });
}
