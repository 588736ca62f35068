// The customer who presses Next the instant a step looks complete, and then lets Crossrole's
// panel fix what that skipped: shared by the end-to-end tests and the bench's truthfulness run.
import type { Page } from 'playwright-core';
import type { Customer } from './connect-driver.ts';
import { waitForPanel } from './panel-driver.ts';

export const WORDS = {
  en: {
    next: 'Next',
    ready: 'Ready: press Create role',
    notReady: 'Not ready yet',
    createRole: 'Create role',
  },
  ja: {
    next: '次へ',
    ready: '準備完了: 「ロールを作成」を押してください',
    notReady: 'まだ準備ができていません',
    createRole: 'ロールを作成',
  },
} as const;

/** Presses Next the moment the step looks complete to a person: the fields show their values. */
export async function hastyNext(
  customer: Customer,
  page: Page,
  language: 'en' | 'ja',
  serviceAccount: string,
): Promise<void> {
  const next = page.getByRole('button', { name: WORDS[language].next, exact: true });
  // Step 1: the account ID is there (the External ID comes with it), unless Crossrole was
  // quicker and step 2 already shows: then the customer has nothing to press on step 1.
  const account = page.locator(`input[value="${serviceAccount}"]`);
  await account
    .or(page.locator('table input[type="checkbox"]'))
    .first()
    .waitFor({ timeout: 30_000 });
  if (await account.isVisible()) await customer.click(next);
  // Step 2: the table is there; the customer does not wait for any tick. (Crossrole may have
  // moved on from step 1 at the same moment, and the customer's press then left step 2 already.)
  const table = page.locator('table input[type="checkbox"]').first();
  if (
    await table.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    )
  )
    await customer.click(next);
}

/**
 * On the review: while the panel says it is not ready, press its one primary button (back to
 * the step to fix), until it says ready. Returns how many presses it took; throws if it never
 * gets there, or if Create role is highlighted while the review is wrong.
 */
export async function fixUntilReady(
  customer: Customer,
  page: Page,
  language: 'en' | 'ja',
  onNotReady?: () => Promise<unknown>,
): Promise<number> {
  const words = WORDS[language];
  const either = new RegExp(`${words.ready}|${words.notReady}`);
  await customer.waitForPanelTitle(page, either, 90_000);
  for (let presses = 0; presses < 3; presses += 1) {
    const { title, highlighted } = await customer.panel(page);
    if (title === words.ready) return presses;
    if (title !== words.notReady) throw new Error(`The review said "${title}"`);
    if (presses === 0) await onNotReady?.();
    if (highlighted) throw new Error('Create role was highlighted while the review was wrong');
    await customer.pressPanel(page, { primary: true });
    // The panel leaves the review (Crossrole went back a step), then comes back to it.
    await waitForPanel(page, (view) => view.title !== words.notReady, 'another title');
    await customer.waitForPanelTitle(page, either, 90_000);
  }
  await customer.waitForPanelTitle(page, words.ready, 1000);
  return 3;
}
