// Screenshots and other files a person looks at after a run, all under artifacts/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './browser.ts';

export const ARTIFACTS = path.join(ROOT, 'artifacts');

/** The whole page by default; `{ fullPage: false }` for exactly what the viewport shows. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  const file = path.join(ARTIFACTS, name);
  await mkdir(path.dirname(file), { recursive: true });
  const fullPage = options.fullPage ?? true;
  // A full-page capture keeps sticky parts where the viewport put them, over what they cover:
  // the popup's action bar is drawn in its place in the flow instead.
  await page.screenshot({
    path: file,
    fullPage,
    ...(fullPage ? { style: '.action-bar { position: static !important; }' } : {}),
  });
  return file;
}
