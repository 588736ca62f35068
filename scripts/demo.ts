// `npm run demo`: the connect flow as a customer meets it, driven headless in Chromium with the
// built extension, printing each step with its time and saving a screenshot per step.
// `npm run demo -- --headed` shows the browser where a display exists.
import path from 'node:path';
import { launchWithExtension, openPopup } from '../tests/support/browser.ts';
import { ARTIFACTS, saveScreenshot } from '../tests/support/artifacts.ts';

const headed = process.argv.includes('--headed');
const SHOTS = 'demo';
const started = performance.now();
let stepNo = 0;

async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
  stepNo += 1;
  const t0 = performance.now();
  try {
    const result = await run();
    console.log(
      `✓ ${String(stepNo).padStart(2)}. ${title} (${Math.round(performance.now() - t0)} ms)`,
    );
    return result;
  } catch (error) {
    console.error(`✗ ${String(stepNo).padStart(2)}. ${title} FAILED`);
    throw error;
  }
}

const session = await step('Start Chromium with the built extension (dist/chrome)', () =>
  launchWithExtension({ headless: !headed }),
);
try {
  const popup = await step('Open the Crossrole popup', async () => {
    const page = await openPopup(session);
    await page.getByRole('heading', { name: 'Crossrole' }).waitFor();
    return page;
  });
  const services = await step('Read the services the popup offers', async () =>
    popup.locator('.services li').allTextContents(),
  );
  console.log(`   services: ${services.join(', ')}`);
  await step('Save a screenshot of the popup', () =>
    saveScreenshot(popup, `${SHOTS}/01-popup.png`),
  );
  console.log(
    `\nDone in ${Math.round(performance.now() - started)} ms. Screenshots: ${path.join(ARTIFACTS, SHOTS)}`,
  );
} finally {
  await session.close();
}
