// The popup in Chromium with the built extension: no axe-core violations in light and dark, full
// keyboard use with a visible focus ring, readable at 200% zoom, and a screenshot of each state.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, type ExtensionSession } from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close();
});

async function popup(): Promise<Page> {
  const page = await openPopup(session);
  await page.setViewportSize({ width: 380, height: 600 });
  await page.getByRole('button', { name: 'Open in AWS console' }).waitFor();
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  // Through CDP, which the extension page's CSP (script-src 'self') does not apply to.
  await page.evaluate(await readFile(AXE, 'utf8'));
  // Open every fold so hidden parts are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const result = await page.evaluate(async () =>
    (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(),
  );
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
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
    await page.getByRole('radio', { name: /^Example Infrastructure Manager/ }).check();
    await page.getByRole('radio', { name: /^Full management, including IAM/ }).check();
    const warning = page.getByRole('group', { name: 'Warnings about what is granted' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('AdministratorAccess allows every action');
    await warning.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'popup/review-warning.png');
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
});
