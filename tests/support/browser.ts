// One place that knows how to start the system Chromium for tests, with or without the built
// extension. Playwright's own browser download does not work on these machines (no internet).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Worker,
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses; --no-sandbox because CI runs as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=en-US',
];

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CHROME_DIST = path.join(ROOT, 'dist/chrome');

/**
 * The demo, the benchmark and the end-to-end tests drive the demo profile against the reference
 * service on loopback: only a development build carries both (`npm run build` is the store build).
 * Said at once, rather than as a popup that never lists "Crossrole Demo Service".
 */
export function requireDevelopmentBuild(distDir: string): void {
  const file = path.join(distDir, 'manifest.json');
  const rel = path.relative(ROOT, distDir);
  if (!existsSync(file))
    throw new Error(`${rel} is missing: run \`npm run build -- --development\` first.`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    optional_host_permissions?: string[];
  };
  if (!manifest.optional_host_permissions?.includes('http://127.0.0.1/*'))
    throw new Error(
      `${rel} is a store build, without the demo profile: run \`npm run build -- --development\` first.`,
    );
}

/** A plain browser, for pages that do not need the extension. */
export function launchBrowser(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
  });
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (Playwright keeps the same handle across a worker restart). */
  worker: Worker;
  userDataDir: string;
  /** Closes the browser; removes the profile folder unless it was given by the caller. */
  close(): Promise<void>;
}

/**
 * Chromium with the built extension loaded. Pass `userDataDir` to reopen the same profile (to test
 * a browser restart); otherwise a fresh temporary one is made and removed on close.
 */
export async function launchWithExtension(
  options: {
    userDataDir?: string;
    distDir?: string;
    headless?: boolean;
    viewport?: { width: number; height: number };
    /** The browser's UI language (`ja`): what chrome.i18n picks the extension's _locales by. */
    language?: string;
  } = {},
): Promise<ExtensionSession> {
  const distDir = options.distDir ?? CHROME_DIST;
  if (options.distDir === undefined) requireDevelopmentBuild(distDir);
  const ownDir = options.userDataDir === undefined;
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'crossrole-profile-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.language
      ? { locale: options.language, env: { ...process.env, LANGUAGE: options.language } }
      : {}),
    args: [
      ...CHROMIUM_ARGS,
      ...(options.language ? [`--lang=${options.language}`] : []),
      `--disable-extensions-except=${distDir}`,
      `--load-extension=${distDir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async close() {
      await context.close();
      if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Playwright cannot route the first load of a tab an extension opens with `tabs.create`
 * (microsoft/playwright#21061): it goes to the real network, which test machines do not have,
 * and shows Chrome's error page, which Chrome then reloads on its own with a growing back-off.
 * Reloading it at once retries the same URL through the route, as the real network would have
 * served it the first time.
 */
export async function loadThroughReplica(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  for (let attempt = 0; attempt < 3 && page.url().startsWith('chrome-error:'); attempt += 1) {
    // Chrome's own reload can fire at the same moment and abort this one: either will do.
    await page.reload().catch(() => undefined);
    await page.waitForLoadState('domcontentloaded').catch(() => undefined);
  }
}

/** Opens the popup as a page (the same document the toolbar button shows). */
export async function openPopup(session: ExtensionSession, query = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html${query}`);
  return page;
}

/**
 * Stops the extension's service worker as Chrome does after 30 s idle (Playwright's attachment
 * otherwise keeps it alive). Globals are lost; storage survives; the next event wakes it.
 */
export async function stopServiceWorker(session: ExtensionSession, via?: Page): Promise<void> {
  // `via`: an open extension page to talk CDP through, so no new tab appears mid-test.
  const page = via ?? (await session.context.newPage());
  if (!via) await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  if (!via) await page.close();
}
