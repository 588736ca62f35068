// The set-up and teardown the end-to-end files share. Each `use…` registers vitest hooks and
// returns its products, read in tests as `env.session` and so on (each is set before the test
// runs, and gone after it):
//
// - useReferenceService: the reference service on the demo port, for a whole file.
// - useConnectionEnv: that service, and for each test a fresh Chromium with the extension on a
//   fresh profile, the console replica and a customer.
// - useExtensionSession: Chromium with the extension and nothing else, for a whole file.
// - useReplicaEnv: a plain Chromium for a whole file, and a fresh context with the console
//   replica each time a test opens one (no extension, no service).
// - useFirefoxEnv: the reference service, and for each test the replica behind its HTTPS proxy
//   and a fresh Firefox ESR with the extension.
//
// Teardown always runs, after a failed test or a set-up that failed half way too: each resource
// is registered for closing as soon as it exists, closed last-made first, and every close is
// tried even when an earlier one throws.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ARTIFACTS } from './artifacts.ts';
import { launchBrowser, launchWithExtension, type ExtensionSession } from './browser.ts';
import {
  installConsoleReplica,
  serveConsoleReplicaByProxy,
  type ConsoleReplica,
  type ProxiedConsoleReplica,
  type ReplicaOptions,
} from './console-replica.ts';
import { Customer } from './connect-driver.ts';
import { launchFirefoxWithExtension, type FirefoxSession } from './firefox.ts';
import { startReferenceService, type ReferenceService } from '../reference-service/server.ts';

/** The port the demo profile reports to (src/core/profiles/demo.json). */
export const DEMO_SERVICE_PORT = 47615;

type Closer = () => Promise<unknown> | unknown;

/** Runs every closer, even after one throws; then throws what failed. */
export async function closeAll(closers: readonly Closer[]): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'several teardown steps failed');
}

/**
 * A teardown list emptied by `hook` (afterEach or afterAll): what is added is closed last-made
 * first. Add a resource the moment it exists, so a set-up that fails later still closes it.
 */
function teardown(hook: typeof afterEach | typeof afterAll): (close: Closer) => void {
  const closers: Closer[] = [];
  hook(async () => {
    await closeAll(closers.splice(0).reverse());
  });
  return (close) => void closers.push(close);
}

const ready = <T>(value: T | undefined, name: string, when = 'before each test'): T => {
  if (value === undefined) throw new Error(`${name} is set up ${when}, not at load`);
  return value;
};

/** The reference service on the demo profile's port, started once for the file. */
export function useReferenceService(): { readonly service: ReferenceService } {
  let service: ReferenceService | undefined;
  const onTeardown = teardown(afterAll);
  beforeAll(async () => {
    const started = await startReferenceService({ port: DEMO_SERVICE_PORT });
    service = started;
    onTeardown(async () => {
      service = undefined;
      await started.close();
    });
  });
  return {
    get service() {
      return ready(service, 'service', 'before the file runs');
    },
  };
}

/**
 * Chromium with the extension on a new temporary profile (removed at teardown). The profile
 * stays for a reopen until then: closing the session's context does not remove it.
 */
async function launchOnFreshProfile(onTeardown: (close: Closer) => void) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'crossrole-e2e-'));
  onTeardown(() => rm(userDataDir, { recursive: true, force: true }));
  const launch = async () => {
    const session = await launchWithExtension({ userDataDir });
    onTeardown(() => session.close());
    return session;
  };
  return { session: await launch(), launch };
}

export type ConnectionEnv = {
  readonly service: ReferenceService;
  readonly session: ExtensionSession;
  readonly replica: ConsoleReplica;
  readonly customer: Customer;
  /**
   * The browser started again on the same profile, as after a restart (close its context first
   * to have it closed by then); `session` and `customer` are the new browser's from then on. The
   * replica is not served in it: it is the first browser's, its simulated IAM as that one left it.
   */
  reopen(): Promise<ExtensionSession>;
};

/** The reference service for the file; a fresh browser, replica and customer for each test. */
export function useConnectionEnv(): ConnectionEnv {
  const files = useReferenceService();
  let session: ExtensionSession | undefined;
  let replica: ConsoleReplica | undefined;
  let customer: Customer | undefined;
  let launch: (() => Promise<ExtensionSession>) | undefined;
  const onTeardown = teardown(afterEach);
  beforeEach(async () => {
    onTeardown(() => {
      session = replica = customer = launch = undefined;
    });
    const fresh = await launchOnFreshProfile(onTeardown);
    ({ session, launch } = fresh);
    replica = await installConsoleReplica(fresh.session.context);
    customer = new Customer(fresh.session);
  });
  return {
    get service() {
      return files.service;
    },
    get session() {
      return ready(session, 'session');
    },
    get replica() {
      return ready(replica, 'replica');
    },
    get customer() {
      return ready(customer, 'customer');
    },
    async reopen() {
      const again = await ready(launch, 'session')();
      session = again;
      customer = new Customer(again);
      return again;
    },
  };
}

/**
 * Chromium with the extension, launched once for the file (tests share its storage and tabs);
 * `prepare` runs on it before the first test, routes for instance.
 */
export function useExtensionSession(
  prepare: (session: ExtensionSession) => Promise<void> = async () => {},
  launch: Parameters<typeof launchWithExtension>[0] = {},
): { readonly session: ExtensionSession } {
  let session: ExtensionSession | undefined;
  const onTeardown = teardown(afterAll);
  beforeAll(async () => {
    const launched = await launchWithExtension(launch);
    onTeardown(async () => {
      session = undefined;
      await launched.close();
    });
    await prepare(launched);
    session = launched;
  });
  return {
    get session() {
      return ready(session, 'session', 'before the file runs');
    },
  };
}

export type OpenedReplica = {
  readonly context: BrowserContext;
  readonly replica: ConsoleReplica;
  readonly page: Page;
  /** The page's uncaught errors, in order (each also printed). */
  readonly errors: string[];
};

export type ReplicaEnv = {
  /** A new context of the file's browser with the replica installed, and a page in it. */
  open(options?: ReplicaOptions): Promise<OpenedReplica>;
  /** Closes the contexts this test opened so far (all are closed after it anyway). */
  closeOpened(): Promise<void>;
  /** A full-page screenshot to artifacts/replica/`name`. */
  screenshot(page: Page, name: string): Promise<void>;
};

/**
 * The console replica driven by hand, no extension: a plain Chromium for the file, and a fresh
 * 1280 × 900 context each time a test opens the replica (with `reducedMotion`, screenshots show
 * menus and checkboxes settled, not mid-transition).
 */
export function useReplicaEnv(options: { reducedMotion?: boolean } = {}): ReplicaEnv {
  let browser: Browser | undefined;
  const onFileTeardown = teardown(afterAll);
  beforeAll(async () => {
    const launched = await launchBrowser();
    browser = launched;
    onFileTeardown(async () => {
      browser = undefined;
      await launched.close();
    });
  });
  const contexts: BrowserContext[] = [];
  const closeOpened = () => closeAll(contexts.splice(0).map((c) => () => c.close()));
  afterEach(closeOpened);
  return {
    async open(replicaOptions: ReplicaOptions = {}) {
      const context = await ready(browser, 'browser', 'before the file runs').newContext({
        viewport: { width: 1280, height: 900 },
        ...(options.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
      });
      contexts.push(context);
      const replica = await installConsoleReplica(context, replicaOptions);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => {
        errors.push(e.message);
        console.error('replica page error:', e.message);
      });
      return { context, replica, page, errors };
    },
    closeOpened,
    async screenshot(page, name) {
      const dir = path.join(ARTIFACTS, 'replica');
      await mkdir(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, name), fullPage: true });
    },
  };
}

export type FirefoxEnv = {
  readonly service: ReferenceService;
  readonly replica: ProxiedConsoleReplica;
  readonly firefox: FirefoxSession;
};

/**
 * The reference service for the file; for each test the replica behind its loopback HTTPS proxy
 * and a fresh Firefox ESR with the extension, its log in artifacts/firefox named after the test.
 */
export function useFirefoxEnv(): FirefoxEnv {
  const files = useReferenceService();
  let replica: ProxiedConsoleReplica | undefined;
  let firefox: FirefoxSession | undefined;
  const onTeardown = teardown(afterEach);
  beforeEach(async (context) => {
    onTeardown(() => {
      replica = firefox = undefined;
    });
    const served = await serveConsoleReplicaByProxy();
    onTeardown(() => served.uninstall());
    replica = served;
    const launched = await launchFirefoxWithExtension({
      proxyPort: served.proxyPort,
      logName: `${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.log`,
    });
    onTeardown(() => launched.close());
    firefox = launched;
  });
  return {
    get service() {
      return files.service;
    },
    get replica() {
      return ready(replica, 'replica');
    },
    get firefox() {
      return ready(firefox, 'firefox');
    },
  };
}
