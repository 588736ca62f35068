// Screenshots and other files a person looks at after a run, all under artifacts/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './browser.ts';

export const ARTIFACTS = path.join(ROOT, 'artifacts');

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, name);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
