// Small Playwright helpers for tests that drive the console replica by hand.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The table row that shows a policy (the replica marks each name cell with its ARN). */
export function policyRow(page: Page, arn: string, scope: Page | Locator = page): Locator {
  // `has` is matched inside each row, so it must be a page-level locator.
  return scope.locator('tr').filter({ has: page.locator(`[data-policy-arn="${arn}"]`) });
}

/**
 * Turns the pages of a policy table (from the one showing) until the row of `arn` shows, as a
 * person would: the console's filter matches dozens of names, so the row may be on any page.
 * Returns how many pages were turned; throws when the last page has gone by without it.
 */
export async function pageToPolicy(
  page: Page,
  arn: string,
  opts: { scope?: Locator; nextPage?: string } = {},
): Promise<number> {
  const scope = opts.scope ?? page.locator('body');
  const row = policyRow(page, arn, scope);
  const next = scope.getByRole('button', { name: opts.nextPage ?? 'Next page' }).first();
  const firstArn = () =>
    scope.locator('tbody [data-policy-arn]').first().getAttribute('data-policy-arn');
  for (let turned = 0; turned < 200; turned++) {
    if ((await row.count()) > 0) return turned;
    if (await next.isDisabled()) break;
    const before = await firstArn();
    await next.click();
    await expect.poll(firstArn).not.toBe(before);
  }
  throw new Error(`no page of the table shows ${arn}`);
}
