// The popup in Chromium with the built extension: no axe-core violations in light and dark, full
// keyboard use with a visible focus ring, readable at 200% zoom, and a screenshot of each state.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPopup } from '../support/browser.ts';
import { useExtensionSession } from '../support/e2e-setup.ts';
import { taggedProfile } from '../support/tagged-profile.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { axeViolations } from '../support/axe.ts';

const env = useExtensionSession();

async function popup(): Promise<Page> {
  const page = await openPopup(env.session);
  await page.setViewportSize({ width: 380, height: 600 });
  await page.getByRole('button', { name: 'Open in AWS console' }).waitFor();
  return page;
}

const VIEWPORT = { width: 380, height: 600 }; // Chrome's popup size for this page (cap 800 × 600)

/** The box of what a locator finds, measured with the page at its top (nothing scrolled). */
async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`not rendered: ${locator.toString()}`);
  return {
    top: found.y,
    bottom: found.y + found.height,
    left: found.x,
    right: found.x + found.width,
  };
}

/**
 * What the customer sees on opening the popup, without scrolling: the start button whole inside
 * the viewport, and each of `shown` whole above the action bar (not under it, not below the fold).
 */
async function expectInView(page: Page, button: Locator, shown: Locator[]): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const action = await box(button);
  expect(action.top).toBeGreaterThanOrEqual(0);
  expect(action.left).toBeGreaterThanOrEqual(0);
  expect(action.bottom).toBeLessThanOrEqual(VIEWPORT.height);
  expect(action.right).toBeLessThanOrEqual(VIEWPORT.width);
  const bar = await box(page.locator('.action-bar'));
  for (const locator of shown) {
    await locator.waitFor();
    const part = await box(locator);
    expect(part.top, locator.toString()).toBeGreaterThanOrEqual(0);
    expect(part.bottom, locator.toString()).toBeLessThanOrEqual(bar.top);
  }
}

describe('popup', () => {
  it('has no accessibility violations, in light and in dark', async () => {
    const page = await popup();
    await saveScreenshot(page, 'popup/review-light.png');
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByRole('button', { name: 'Open in AWS console' }).waitFor();
    await saveScreenshot(page, 'popup/review-dark.png');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('warns above "Open in AWS console" about an administrator level, with no violations', async () => {
    const page = await popup();
    // Choosing a service folds the list away (check() would look for the radio afterwards).
    await page.getByRole('radio', { name: /^Example Infrastructure Manager/ }).click();
    await page
      .getByRole('heading', { name: 'What Example Infrastructure Manager will get' })
      .waitFor();
    await page.getByRole('radio', { name: /^Full management, including IAM/ }).check();
    const warning = page.getByRole('group', { name: 'Warnings about what is granted' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('AdministratorAccess allows every action');
    await warning.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'popup/review-warning.png');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows, at 380 × 600 and unscrolled, who gets what above "Open in AWS console"', async () => {
    const page = await popup();
    const demo = (await import('../../src/core/profiles/demo.json', { with: { type: 'json' } }))
      .default;
    const level = demo.access.find((l) => 'default' in l && l.default) ?? demo.access[0]!;
    const policies = level.managedPolicyArns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
    // Choosing the service folds the list away to one line.
    await page.getByRole('radio', { name: /^Crossrole Demo Service/ }).click();
    await page.getByRole('button', { name: 'Change the service' }).waitFor();
    expect(await page.getByRole('radio', { name: /^Example Cloud Diagrams/ }).count()).toBe(0);
    const grants = page.getByRole('note');
    const text = (await grants.textContent()) ?? '';
    expect(text).toContain(`will get: ${policies.join(', ')}. Nothing else.`);
    expect(text).toContain(`(AWS account ${demo.trust.accountId})`);
    const open = page.getByRole('button', { name: 'Open in AWS console' });
    await expectInView(page, open, [page.getByRole('heading', { name: /will get$/ }), grants]);
    await saveScreenshot(page, 'popup/review-380x600.png', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'popup/review-dark-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('puts "Create a user and access key" in the action bar for the access-keys choice, with what it grants in view', async () => {
    const page = await popup();
    await page.getByRole('radio', { name: /^Example Infrastructure Manager/ }).click();
    await page.getByRole('button', { name: 'Use an IAM user with access keys instead' }).click();
    const create = page.getByRole('button', { name: 'Create a user and access key' });
    await create.waitFor();
    // One start button: the access-keys one replaces "Open in AWS console".
    expect(await page.getByRole('button', { name: 'Open in AWS console' }).count()).toBe(0);
    const grants = page.getByRole('note');
    expect(await grants.textContent()).toContain(
      'the IAM user ExampleInfrastructureManagerUser, without console access, with: PowerUserAccess.',
    );
    const warning = page.getByRole('group', { name: 'Warnings about what is granted' });
    expect(await warning.textContent()).toContain('PowerUserAccess');
    await expectInView(page, create, [grants, warning]);
    // Why it cannot start yet (no connection code) is said next to the button.
    expect(await page.locator('.action-bar').getByRole('alert').textContent()).toContain(
      'needs a connection code',
    );
    await saveScreenshot(page, 'popup/access-keys-380x600.png', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'popup/access-keys-dark-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('is usable from the keyboard, with a visible focus ring', async () => {
    const page = await popup();
    const reached = new Set<string>();
    for (let i = 0; i < 40 && !reached.has('Open in AWS console'); i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
          outline: style.outlineStyle,
          width: style.outlineWidth,
        };
      });
      reached.add(focused.name);
      if (focused.name === 'Open in AWS console') {
        expect(focused.outline).toBe('solid');
        expect(focused.width).toBe('2px');
        await saveScreenshot(page, 'popup/keyboard-focus.png');
      }
    }
    expect(reached).toContain('Open in AWS console');
    // Arrows move the choice of service without folding the list; leaving it with Tab folds it,
    // and focus is where Tab took it.
    await page.getByRole('radio', { name: /^Crossrole Demo Service/ }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: /^Example / }).count()).toBe(4);
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Change the service' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Add a service (profile or connection code)',
    );
    await page.getByRole('heading', { name: 'What Example Cloud Diagrams will get' }).waitFor();
    // Enter on a fold's summary opens it: the import field is reachable from the keyboard.
    await page.getByText('Add a service (profile or connection code)').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-text');
    await page.close();
  });

  it('shows import errors and the confirmation, and stays readable at 200% zoom', async () => {
    const page = await popup();
    await page.getByText('Add a service (profile or connection code)').click();
    await page.getByLabel('Profile or connection code').fill('{"schemaVersion": 1, "id": "x"}');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('alert').first().waitFor();
    await saveScreenshot(page, 'popup/import-error.png');
    const profile = {
      ...(JSON.parse(
        JSON.stringify(
          (await import('../../src/core/profiles/cloud-diagrams.json', { with: { type: 'json' } }))
            .default,
        ),
      ) as object),
      id: 'acme',
      name: 'Acme Diagrams',
    };
    await page.getByLabel('Profile or connection code').fill(JSON.stringify(profile));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Connect to Acme Diagrams?').waitFor();
    await saveScreenshot(page, 'popup/import-confirm.png');
    await page.evaluate(() => (document.body.style.zoom = '2'));
    // Measured once the zoomed layout has been painted, not in the middle of it.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await saveScreenshot(page, 'popup/zoom-200.png');
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
  });

  // Last: it leaves nothing behind, but while it runs the imported service and the remembered
  // tags change the list the tests above count their way through.
  it('shows the Tags of a new role: the service’s, the remembered ones, a problem at its field', async () => {
    // As the background keeps them after a start: the customer's tags from last time.
    await env.session.worker.evaluate(() =>
      chrome.storage.local.set({ customerTags: [{ key: 'CostCenter', value: '1234' }] }),
    );
    const page = await popup();
    await page.getByText('Add a service (profile or connection code)').click();
    await page.getByLabel('Profile or connection code').fill(JSON.stringify(taggedProfile()));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Confirm and allow' }).click();
    await page.getByRole('heading', { name: 'What Acme Diagrams will get' }).waitFor();
    const tags = page.getByRole('group', { name: 'Tags' });
    await tags.waitFor();
    expect(await page.getByLabel('Tag key').inputValue()).toBe('CostCenter');
    const note = (await page.getByRole('note').textContent()) ?? '';
    expect(note).toContain('Tags on the role: Vendor = Acme, CostCenter = 1234.');
    expect(note).toContain('Maximum session duration: 2 hours');
    // Add tag from the keyboard: focus lands in the new row's key.
    await page.getByRole('button', { name: 'Add tag' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Tag key',
    );
    await page.keyboard.type('Team');
    await page.keyboard.press('Tab');
    await page.keyboard.type('platform');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Remove tag Team',
    );
    await tags.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'popup/review-tags.png');
    await saveScreenshot(page, 'popup/review-tags-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    // Folded again as the customer left them (axe opened every fold).
    await page.evaluate(() =>
      document.querySelectorAll('details').forEach((d) => (d.open = false)),
    );

    await page.getByLabel('Tag key').last().fill('aws:team');
    await page.getByText('The key may not start with "aws:"', { exact: false }).waitFor();
    const open = page.getByRole('button', { name: 'Open in AWS console' });
    expect(await open.isDisabled()).toBe(true);
    expect(await page.locator('.action-bar').getByRole('alert').textContent()).toBe(
      'A tag needs fixing first: see Tags above.',
    );
    await page.getByLabel('Tag key').last().scrollIntoViewIfNeeded();
    // Both schemes before axe, which opens every fold.
    await saveScreenshot(page, 'popup/review-tags-problem-380x600.png', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'popup/review-tags-problem-dark-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await axeViolations(page)).toEqual([]);

    await env.session.worker.evaluate(() => chrome.storage.local.remove('customerTags'));
    await page.getByRole('button', { name: 'Change the service' }).click();
    await page.getByRole('button', { name: 'Remove Acme Diagrams' }).click();
    await page.getByRole('radio', { name: /^Acme Diagrams/ }).waitFor({ state: 'detached' });
    await page.close();
  });
});
