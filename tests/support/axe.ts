// axe-core's accessibility check of a page, for the popup tests in each language.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Each violation as `<rule>: <targets>`, with every fold opened so hidden parts count too. */
export async function axeViolations(page: Page): Promise<string[]> {
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
