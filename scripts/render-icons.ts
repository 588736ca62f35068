// Renders assets/icon.svg to the PNG sizes the manifest lists (Chrome takes no SVG icons).
// Run by hand after changing the SVG: `tsx scripts/render-icons.ts`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, ROOT } from '../tests/support/browser.ts';

const svg = await readFile(path.join(ROOT, 'assets/icon.svg'), 'utf8');
const browser = await launchBrowser();
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({
    path: path.join(ROOT, `public/icons/icon-${size}.png`),
    omitBackground: true,
  });
}
await browser.close();
