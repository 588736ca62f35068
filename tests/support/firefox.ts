// Drives Debian's Firefox ESR with the built extension (dist/firefox) for the Firefox end-to-end
// tests. Marionette, Firefox's own remote protocol, is spoken directly (a length-prefixed JSON
// stream): it installs a temporary add-on, and with system access it can open the extension's
// popup page in a tab, which WebDriver BiDi and content-context navigation both refuse. Console
// pages are served by the replica's HTTPS proxy; the session accepts its self-signed certificate.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS } from './artifacts.ts';
import { ROOT, requireDevelopmentBuild } from './browser.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_DIST = path.join(ROOT, 'dist/firefox');
const ADDON_ID = 'crossrole@crossrole.dev';

/** A WebDriver element reference as Marionette returns it from scripts and finds. */
export type ElementRef = { 'element-6066-11e4-a52e-4f735466cecf': string };
const elementId = (ref: ElementRef) => ref['element-6066-11e4-a52e-4f735466cecf'];

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; name: string };

/** One Marionette connection: commands in order, each answered by id. */
class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private greet: () => void = () => undefined;
  readonly greeted = new Promise<void>((resolve) => (this.greet = resolve));

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`Marionette closed (${p.name})`));
      this.pending.clear();
    });
  }

  static async connect(port: number): Promise<Marionette> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new Marionette(socket);
    // The server speaks first ({"applicationType":"gecko","marionetteProtocol":3}).
    await client.greeted;
    return client;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const text = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const message = JSON.parse(text) as unknown;
      if (!Array.isArray(message)) {
        this.greet();
        continue;
      }
      const [, id, error, result] = message as [
        number,
        number,
        { message: string } | null,
        unknown,
      ];
      const waiter = this.pending.get(id);
      if (!waiter) continue;
      this.pending.delete(id);
      if (error) waiter.reject(new Error(`${waiter.name}: ${error.message}`));
      else waiter.resolve(result);
    }
  }

  command<T = unknown>(name: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    const text = JSON.stringify([0, id, name, params]);
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, name }),
    );
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface FirefoxSession {
  readonly popupUrl: string;
  /** Opens a tab with system rights (extension pages included), selects it and drives it. */
  openTab(url: string): Promise<string>;
  /** The tab handles, oldest first. */
  tabs(): Promise<string[]>;
  /** Waits for a tab that is not in `known` (e.g. one the extension opened) and drives it. */
  waitForNewTab(known: string[], timeoutMs?: number): Promise<string>;
  switchTo(handle: string): Promise<void>;
  url(): Promise<string>;
  /** Runs `body` (a function body; `args` are in `arguments`) in the current tab's page. */
  run<T>(body: string, ...args: unknown[]): Promise<T>;
  /** As `run`, awaiting the promise `body` returns; a rejection in the page throws here. */
  runAsync<T>(body: string, ...args: unknown[]): Promise<T>;
  /** Polls `body` in the page until it returns something truthy, which it resolves with. */
  waitFor<T>(what: string, body: string, timeoutMs?: number, ...args: unknown[]): Promise<T>;
  /**
   * As `waitFor`, with the guide panel's shadow root as `arguments[0]` (`args` follow). The root
   * is closed to the page; Marionette, as WebDriver, reaches closed roots too.
   */
  waitForInPanel<T>(what: string, body: string, timeoutMs?: number, ...args: unknown[]): Promise<T>;
  /** A real (trusted) click on the element a script found. */
  click(element: ElementRef): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Unloads the extension's event page, as Firefox does after it has been idle. */
  terminateBackground(): Promise<void>;
  close(): Promise<void>;
}

async function freeProfile(proxyPort: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crossrole-firefox-'));
  const prefs: Record<string, string | number | boolean> = {
    // Marionette picks a free port and writes it to MarionetteActivePort in the profile.
    'marionette.port': 0,
    // Console hosts reach the replica through its proxy; loopback (the service) goes direct.
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '127.0.0.1,localhost',
    // permissions.request() is granted without the doorhanger, as if the customer said yes: the
    // tests click the extension's own "Allow" buttons, and nobody is there to answer Firefox.
    'extensions.webextOptionalPermissionPrompts': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.aboutwelcome.enabled': false,
    'extensions.getAddons.cache.enabled': false,
  };
  const lines = Object.entries(prefs).map(
    ([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`,
  );
  await writeFile(path.join(dir, 'user.js'), `${lines.join('\n')}\n`);
  return dir;
}

async function waitForPort(profile: string, firefox: ChildProcess): Promise<number> {
  const file = path.join(profile, 'MarionetteActivePort');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (firefox.exitCode !== null) throw new Error(`Firefox exited with ${firefox.exitCode}`);
    if (existsSync(file)) {
      const port = Number((await readFile(file, 'utf8')).trim());
      if (port > 0) return port;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Firefox did not start Marionette within 30 s');
}

/**
 * Starts headless Firefox ESR with a fresh profile, installs dist/firefox as a temporary add-on
 * and returns a session driving its first tab.
 */
export async function launchFirefoxWithExtension(options: {
  proxyPort: number;
  logName?: string;
}): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox ESR is not installed at ${FIREFOX_PATH}: apt-get install firefox-esr`);
  }
  requireDevelopmentBuild(FIREFOX_DIST);
  const profile = await freeProfile(options.proxyPort);
  await mkdir(path.join(ARTIFACTS, 'firefox'), { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS, 'firefox', options.logName ?? 'firefox.log'));
  const firefox = spawn(
    FIREFOX_PATH,
    [
      '--headless',
      '--marionette',
      '-remote-allow-system-access',
      '--no-remote',
      '--profile',
      profile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } },
  );
  firefox.stdout!.pipe(log);
  firefox.stderr!.pipe(log);
  const stop = async () => {
    firefox.kill('SIGTERM');
    await new Promise((r) => (firefox.exitCode !== null ? r(null) : firefox.once('exit', r)));
    await rm(profile, { recursive: true, force: true });
  };
  let marionette: Marionette;
  try {
    marionette = await Marionette.connect(await waitForPort(profile, firefox));
    await marionette.command('WebDriver:NewSession', {
      acceptInsecureCerts: true,
      'moz:webdriverClick': true,
    });
    await marionette.command('Addon:Install', { path: FIREFOX_DIST, temporary: true });
    // The size the Chromium tests use, so screenshots and the panel's placement compare.
    await marionette.command('WebDriver:SetWindowRect', { width: 1280, height: 900 });
  } catch (error) {
    await stop(); // no Firefox left running behind a failed start
    throw error;
  }

  const inChrome = async <T>(body: string, ...args: unknown[]): Promise<T> => {
    await marionette.command('Marionette:SetContext', { value: 'chrome' });
    try {
      const { value } = await marionette.command<{ value: T }>('WebDriver:ExecuteScript', {
        script: body,
        args,
      });
      return value;
    } finally {
      await marionette.command('Marionette:SetContext', { value: 'content' });
    }
  };
  const host = await inChrome<string>(
    `return WebExtensionPolicy.getByID(arguments[0]).mozExtensionHostname;`,
    ADDON_ID,
  );
  const popupUrl = `moz-extension://${host}/src/popup/index.html`;

  const tabs = () => marionette.command<string[]>('WebDriver:GetWindowHandles');
  const switchTo = async (handle: string) => {
    await marionette.command('WebDriver:SwitchToWindow', { handle, focus: true });
  };
  const run = async <T>(body: string, ...args: unknown[]) =>
    (await marionette.command<{ value: T }>('WebDriver:ExecuteScript', { script: body, args }))
      .value;
  const runAsync = async <T>(body: string, ...args: unknown[]): Promise<T> => {
    const { value } = await marionette.command<{ value: { ok: T } | { error: string } }>(
      'WebDriver:ExecuteAsyncScript',
      {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve((async () => { ${body} })()).then(
            (ok) => done({ ok }), (e) => done({ error: String(e) }));`,
        args,
      },
    );
    if ('error' in value) throw new Error(`In the page: ${value.error}`);
    return value.ok;
  };

  /** Polls `read` until it gives something truthy; a throw (a page navigating, no panel yet) is a miss. */
  const poll = async <T>(what: string, timeoutMs: number, read: () => Promise<unknown>) => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = null;
    while (Date.now() < deadline) {
      try {
        const value = await read();
        if (value) return value as T;
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(
      `Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`,
    );
  };

  const driver: FirefoxSession = {
    popupUrl,
    tabs,
    switchTo,
    run,
    runAsync,
    async openTab(url) {
      const before = await tabs();
      await inChrome(
        `gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
           triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
         });`,
        url,
      );
      return driver.waitForNewTab(before);
    },
    async waitForNewTab(known, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const fresh = (await tabs()).find((h) => !known.includes(h));
        if (fresh) {
          await switchTo(fresh);
          return fresh;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`No new tab within ${timeoutMs} ms`);
    },
    async url() {
      return (await marionette.command<{ value: string }>('WebDriver:GetCurrentURL')).value;
    },
    async waitFor(what, body, timeoutMs = 30_000, ...args) {
      return poll(what, timeoutMs, () => run<unknown>(body, ...args));
    },
    async waitForInPanel(what, body, timeoutMs = 30_000, ...args) {
      return poll(what, timeoutMs, async () => {
        const { value: host } = await marionette.command<{ value: ElementRef }>(
          'WebDriver:FindElement',
          { using: 'css selector', value: 'crossrole-guide' },
        );
        const { value: root } = await marionette.command<{ value: unknown }>(
          'WebDriver:GetShadowRoot',
          { id: elementId(host) },
        );
        return run<unknown>(body, root, ...args);
      });
    },
    async click(element) {
      await marionette.command('WebDriver:ElementClick', { id: elementId(element) });
    },
    async screenshot(name) {
      const { value } = await marionette.command<{ value: string }>('WebDriver:TakeScreenshot', {
        full: true,
      });
      const file = path.join(ARTIFACTS, 'firefox', name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, Buffer.from(value, 'base64'));
      return file;
    },
    async terminateBackground() {
      await inChrome(
        `return WebExtensionPolicy.getByID(arguments[0]).extension.terminateBackground();`,
        ADDON_ID,
      );
    },
    async close() {
      await marionette.command('WebDriver:DeleteSession').catch(() => undefined);
      marionette.close();
      await stop();
    },
  };
  return driver;
}
