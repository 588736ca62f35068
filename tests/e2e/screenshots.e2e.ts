// Issue 18, "Look at it": every popup state at Chrome's 380 × 600, in English and Japanese, light
// and dark, and the guide panel on each console page it appears on, in both console languages.
// Files: artifacts/screens/popup/<state>-<language>-<scheme>.png and
// artifacts/screens/panel/<page>-<language>.png. Each popup shot also checks what that state
// shows (its title, its main button whole in view) and that axe finds nothing, in both schemes.
//
// No reference service: the states that need a service's answer get it from `context.route` on
// the profiles' report URLs (the demo's loopback one, and the example services' https ones), so
// what the popup shows is what the real background made of a real answer. The first run (nothing
// built in) exists only in a store build: one is built into .build/store-chrome for it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, Route } from 'playwright-core';
import enMessages from '../../public/_locales/en/messages.json' with { type: 'json' };
import jaMessages from '../../public/_locales/ja/messages.json' with { type: 'json' };
import {
  ROOT,
  launchWithExtension,
  loadThroughReplica,
  openPopup,
  type ExtensionSession,
} from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { axeViolations } from '../support/axe.ts';
import { installConsoleReplica, type ConsoleReplica } from '../support/console-replica.ts';
import { Customer } from '../support/connect-driver.ts';
import { panelView } from '../support/panel-driver.ts';
import { say, useWords } from '../../src/content/lib/i18n.ts';
import { consoleWordsFor } from '../../src/core/iam-words.ts';
import { encodeConnectionCode } from '../../src/core/connection-code.ts';

type Language = 'en' | 'ja';
type Scheme = 'light' | 'dark';
const SCHEMES: Scheme[] = ['light', 'dark'];
const VIEWPORT = { width: 380, height: 600 };
const STORE_DIST = path.join(ROOT, '.build/store-chrome');

/** The replica's own button labels (tests/console-replica/src/strings.tsx), as the customer reads them. */
const STRINGS = {
  en: {
    next: 'Next',
    previous: 'Previous',
    createRole: 'Create role',
    updatePolicy: 'Update policy',
    createUser: 'Create user',
    createAccessKey: 'Create access key',
    understandRecommendation: /^I understand the above recommendation/,
  },
  ja: {
    next: '次へ',
    previous: '戻る',
    createRole: 'ロールを作成',
    updatePolicy: 'ポリシーを更新',
    createUser: 'ユーザーの作成',
    createAccessKey: 'アクセスキーを作成',
    understandRecommendation: /^上記のレコメンデーションを理解し/,
  },
} as const;

const MESSAGES = { en: enMessages, ja: jaMessages } as const;
type Key = keyof typeof enMessages;
/** A popup text as chrome.i18n gives it, with its {1}, {2}… filled in. */
function msg(language: Language, key: Key, ...args: string[]): string {
  const text = (MESSAGES[language] as Record<Key, { message: string }>)[key].message;
  return text.replace(/\{(\d)\}/g, (_, n: string) => args[Number(n) - 1] ?? '');
}

/** What each state must show: a title, and the main button whole in the 380 × 600 view. */
interface Shown {
  title: Locator;
  button: Locator;
  /** Also shown, above the action bar when there is one. */
  also?: Locator[];
  /** False for a state taller than the popup: the title is on the page, scrolled past. */
  titleInView?: boolean;
}

async function paint(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

async function wholeInView(locator: Locator, below = VIEWPORT.height): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box, locator.toString()).not.toBeNull();
  expect(box!.y, locator.toString()).toBeGreaterThanOrEqual(0);
  expect(box!.x, locator.toString()).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, locator.toString()).toBeLessThanOrEqual(below);
  expect(box!.x + box!.width, locator.toString()).toBeLessThanOrEqual(VIEWPORT.width);
}

/**
 * Screenshots the popup as it is, in light then dark, after checking the state's title and main
 * button are in view (the title and `also` above the sticky action bar); then axe in both.
 */
async function shootPopup(
  page: Page,
  state: string,
  language: Language,
  shown: Shown,
): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await paint(page);
    const bar = page.locator('.action-bar');
    const barTop = (await bar.count())
      ? ((await bar.boundingBox())?.y ?? VIEWPORT.height)
      : VIEWPORT.height;
    await wholeInView(shown.button);
    expect(await shown.title.isVisible(), shown.title.toString()).toBe(true);
    const parts = shown.titleInView === false ? [] : [shown.title];
    for (const part of [...parts, shown.button, ...(shown.also ?? [])]) {
      // The action bar's own contents are in it, not under it.
      const inBar = await part.evaluate((el) => el.closest('.action-bar') !== null);
      await wholeInView(part, inBar ? VIEWPORT.height : barTop);
    }
    await saveScreenshot(page, `screens/popup/${state}-${language}-${scheme}.png`, {
      fullPage: false,
    });
  }
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeViolations(page), `${state} ${language} ${scheme}`).toEqual([]);
  }
}

/** The popup page at 380 × 600, light, at its top. */
async function popupAt(session: ExtensionSession): Promise<Page> {
  const page = await openPopup(session);
  await page.setViewportSize(VIEWPORT);
  await page.emulateMedia({ colorScheme: 'light' });
  return page;
}

/** A shot of the console page with the panel, once the panel's title is `title`. */
async function shootPanel(
  customer: Customer,
  page: Page,
  name: string,
  language: Language,
  title: string | RegExp,
): Promise<void> {
  await customer.waitForPanelTitle(page, title, 90_000);
  // The panel lays out, and its highlight box finds its button, in the frames after a render.
  await page.waitForTimeout(300);
  const view = await panelView(page);
  expect(view.title).toMatch(typeof title === 'string' ? new RegExp(`^${escape(title)}$`) : title);
  // Nothing in the panel is wider than it, and the panel is inside the window.
  expect(await panelOverflow(page), name).toEqual([]);
  await saveScreenshot(page, `screens/panel/${name}-${language}.png`, { fullPage: false });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What of the panel is cut off: wider than its box (it scrolls sideways), or out of the window. */
async function panelOverflow(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: 'crossrole-guide',
    });
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.find((r) => r.shadowRootType === 'closed');
    if (!shadow) return ['no closed root'];
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      functionDeclaration: `function () {
        const out = [];
        const panel = this.querySelector('.panel');
        if (!panel) return ['no panel'];
        const box = panel.getBoundingClientRect();
        if (panel.scrollWidth > panel.clientWidth + 1) out.push('the panel scrolls sideways');
        for (const el of panel.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width && r.right > box.right + 1)
            out.push(el.tagName + ' past the right edge: ' + (el.textContent || '').slice(0, 40));
        }
        if (box.right > innerWidth || box.bottom > innerHeight + 1 || box.left < 0 || box.top < 0)
          out.push('the panel is outside the window');
        return out;
      }`,
    });
    return result.value as string[];
  } finally {
    await cdp.detach();
  }
}

/** A report route: answers like a service, and keeps what was posted. */
function service(status: number, answer: (body: Record<string, unknown>) => object) {
  const posted: Record<string, unknown>[] = [];
  return {
    posted,
    handler: async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fulfill({ status: 405 });
      const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
      posted.push(body);
      await route.fulfill({
        status,
        contentType: 'application/json',
        body: JSON.stringify(answer(body)),
      });
    },
  };
}

// A store build for the first run, built once for the file (a few seconds) with the same
// vite.config.ts as `npm run build`, written beside the development build instead of over it.
beforeAll(() => {
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'error', '--outDir', STORE_DIST],
    {
      cwd: ROOT,
      env: { ...process.env, CROSSROLE_BUILD: 'store', CROSSROLE_BROWSER: 'chrome' },
      stdio: 'pipe',
    },
  );
}, 120_000);

for (const language of ['en', 'ja'] as const) {
  const t = (key: Key, ...args: string[]) => msg(language, key, ...args);
  // The panel's words as the background sends them to a console in `language`.
  useWords(consoleWordsFor(language));
  const panel = say(language);
  const consoleWords = STRINGS[language];

  describe(`screenshots, ${language}`, () => {
    let session: ExtensionSession;
    let replica: ConsoleReplica;
    let customer: Customer;
    const demo = service(200, (r) => ({
      status: 'connected',
      message: `Connected ${String(r.accountId)} to the Crossrole Demo Service.`,
    }));
    const diagrams = service(409, () => ({
      message: 'This External ID is already connected to another customer',
    }));
    const infra = service(200, () => ({ status: 'connected', message: 'Access key received.' }));

    /** "Open in AWS console" in this language; the console tab it opens, through the replica. */
    async function openInConsole(popup: Page): Promise<Page> {
      const opened = session.context.waitForEvent('page');
      await popup.getByRole('button', { name: t('openInConsole') }).click();
      const page = await opened;
      await loadThroughReplica(page);
      return page;
    }

    beforeAll(async () => {
      session = await launchWithExtension({ language });
      replica = await installConsoleReplica(session.context, { language });
      customer = new Customer(session);
      await session.context.route(/^http:\/\/127\.0\.0\.1:47615\//, demo.handler);
      await session.context.route(/^https:\/\/api\.diagrams\.example\.com\//, diagrams.handler);
      await session.context.route(/^https:\/\/api\.infra\.example\.com\//, infra.handler);
    });
    afterAll(async () => {
      await session?.close();
    });

    it('first run: a store build with nothing built in says what Crossrole does and how to begin', async () => {
      const store = await launchWithExtension({ distDir: STORE_DIST, language });
      try {
        const page = await popupAt(store);
        const what = page.getByText(t('firstRunWhat'));
        await what.waitFor();
        expect(await page.getByRole('radio').count()).toBe(0);
        await shootPopup(page, 'first-run', language, {
          title: page.getByRole('heading', { name: t('services') }),
          button: page.getByRole('button', { name: t('import'), exact: true }),
          also: [what, page.getByText(t('firstRunBegin')), page.getByLabel(t('importLabel'))],
        });
      } finally {
        await store.close();
      }
    });

    it('chosen service and review, before anything starts', async () => {
      const page = await popupAt(session);
      const open = page.getByRole('button', { name: t('openInConsole') });
      await open.waitFor();
      // The list as first shown: the first service chosen, the others one click away.
      expect(
        await page.locator('#service-list').getByRole('radio', { checked: true }).count(),
      ).toBe(1);
      await shootPopup(page, 'chosen-service', language, {
        title: page.getByRole('heading', { name: t('services') }),
        button: open,
        also: [page.getByRole('radio', { name: /^Crossrole Demo Service/ })],
      });
      await page.close();

      const review = await popupAt(session);
      await review.getByRole('radio', { name: /^Crossrole Demo Service/ }).click();
      await review.getByRole('button', { name: t('changeService') }).waitFor();
      await shootPopup(review, 'review', language, {
        title: review.getByRole('heading', { name: t('reviewTitle', 'Crossrole Demo Service') }),
        button: review.getByRole('button', { name: t('openInConsole') }),
        also: [review.getByRole('note')],
      });
      await review.close();
    });

    it('import confirmation and access keys, with a pasted connection code', async () => {
      const page = await popupAt(session);
      await page.getByRole('button', { name: t('openInConsole') }).waitFor();
      const code = encodeConnectionCode({
        profile: 'example-full-management',
        token: 'infra-token-456',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(code.startsWith('crossrole1.')).toBe(true);
      await page.getByText(t('importTitle')).click();
      await page.getByLabel(t('importLabel')).fill(code);
      await page.getByRole('button', { name: t('import'), exact: true }).click();
      const confirmTitle = page.getByRole('heading', {
        name: t('importConfirmTitle', 'Example Infrastructure Manager'),
      });
      await confirmTitle.waitFor();
      const confirm = page.getByRole('button', { name: t('confirmAndAllow') });
      // The confirmation is taller than the popup (what the code brings, every level's grants
      // and warnings): shown as the customer reaches its button, above the action bar.
      await confirm.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
      await shootPopup(page, 'import-confirm', language, {
        title: confirmTitle,
        titleInView: false,
        button: confirm,
        also: [page.getByRole('group', { name: t('risksTitle') }).last()],
      });
      await page.close();

      // Confirmed, the code's token goes with the access-keys way: its button is live.
      const keys = await popupAt(session);
      await keys.getByRole('button', { name: t('openInConsole') }).waitFor();
      await keys.getByText(t('importTitle')).click();
      await keys.getByLabel(t('importLabel')).fill(code);
      await keys.getByRole('button', { name: t('import'), exact: true }).click();
      await keys.getByRole('button', { name: t('confirmAndAllow') }).click();
      await keys.getByRole('button', { name: t('changeService') }).waitFor();
      await keys.getByRole('button', { name: t('accessKeysTitle') }).click();
      const create = keys.getByRole('button', { name: t('useAccessKeys') });
      await create.waitFor();
      expect(await create.isEnabled()).toBe(true);
      await keys.evaluate(() => window.scrollTo(0, 0));
      await shootPopup(keys, 'access-keys', language, {
        title: keys.getByRole('heading', {
          name: t('reviewTitle', 'Example Infrastructure Manager'),
        }),
        button: create,
        also: [keys.getByRole('note')],
      });

      // The users pages' panel, on the way to the key sent.
      const opened = session.context.waitForEvent('page');
      await create.click();
      const console = await opened;
      await loadThroughReplica(console);
      await shootPanel(customer, console, 'create-user', language, /Create user|ユーザーの作成/);
      await customer.click(
        console.getByRole('button', { name: consoleWords.createUser, exact: true }),
      );
      await shootPanel(
        customer,
        console,
        'create-access-key',
        language,
        /create the key|アクセスキー/,
      );
      await customer.click(console.getByLabel(consoleWords.understandRecommendation));
      await customer.click(console.getByRole('button', { name: consoleWords.next, exact: true }));
      await customer.click(
        console.getByRole('button', { name: consoleWords.createAccessKey, exact: true }),
      );
      await shootPanel(
        customer,
        console,
        'send-access-key',
        language,
        /^Send this key to |送信しますか/,
      );
      await customer.pressPanel(console, { primary: true });
      await shootPanel(customer, console, 'access-key-sent', language, /^Sent to |送信しました/);
      expect(infra.posted).toHaveLength(1);
      expect(infra.posted[0]).toMatchObject({ event: 'access-key.created' });
      await console.close();
      await keys.close();
    });

    it('in progress, the wizard steps, the role page, then connected', async () => {
      const popup = await popupAt(session);
      await popup.getByRole('radio', { name: /^Crossrole Demo Service/ }).click();
      const page = await openInConsole(popup);
      await popup.close();

      // In progress: what the popup shows while the console is being filled.
      const progress = await popupAt(session);
      const started = progress.locator('.setups .card', { hasText: 'Crossrole Demo Service' });
      await started.getByText(t('stateStarted'), { exact: true }).waitFor();
      await shootPopup(progress, 'in-progress', language, {
        title: progress.getByRole('heading', { name: t('progress') }),
        button: started.getByRole('button', { name: t('discard') }),
        also: [started],
      });
      await progress.close();

      // The wizard: the review, then each step as the customer sees it going back with Previous.
      await shootPanel(customer, page, 'wizard-3-review', language, panel.readyTitle);
      const previous = page.getByRole('button', { name: consoleWords.previous, exact: true });
      const next = page.getByRole('button', { name: consoleWords.next, exact: true });
      await customer.click(previous);
      await shootPanel(customer, page, 'wizard-2-permissions', language, panel.selectPermissions);
      await customer.click(previous);
      await shootPanel(customer, page, 'wizard-1-trust', language, panel.checkEntity);
      await customer.click(next);
      await customer.waitForPanelTitle(page, panel.selectPermissions, 90_000);
      await customer.click(next);
      await customer.waitForPanelTitle(page, panel.readyTitle, 90_000);
      await customer.click(
        page.getByRole('button', { name: consoleWords.createRole, exact: true }),
      );
      await shootPanel(
        customer,
        page,
        'role-page',
        language,
        panel.sending('Crossrole Demo Service'),
      );
      await expect.poll(() => demo.posted.length, { timeout: 30_000 }).toBe(1);
      const role = replica.iam.role('CrossroleDemoRole')!;
      expect(demo.posted[0]).toMatchObject({ roleArn: role.arn, trustPolicyVerified: true });
      await page.close();

      // Connected: the delivered setup and the connected account.
      const done = await popupAt(session);
      const card = done.locator('.setups .card', { hasText: 'CrossroleDemoRole' });
      await card.getByText(t('stateDelivered'), { exact: true }).waitFor();
      await shootPopup(done, 'connected', language, {
        title: done.getByRole('heading', { name: t('progress') }),
        button: card.getByRole('button', { name: t('copyArn') }),
        also: [card.getByText(role.arn)],
      });
      await done.getByRole('heading', { name: t('connectedAccounts') }).scrollIntoViewIfNeeded();
      await saveScreenshot(done, `screens/popup/connected-accounts-${language}-light.png`, {
        fullPage: false,
      });
      await done.close();
    });

    it('the policy pages and the trust fix, then a delivery refused with its retry', async () => {
      const popup = await popupAt(session);
      await popup.getByRole('radio', { name: /^Example Cloud Diagrams/ }).click();
      const page = await openInConsole(popup);
      await popup.close();
      await shootPanel(
        customer,
        page,
        'create-policy',
        language,
        panel.createThePolicy('ExampleCloudDiagramsRead'),
      );
      await customer.click(
        page.getByRole('button', { name: /^(Create policy|ポリシー(を|の)作成)$/ }),
      );
      await customer.waitForPanelTitle(page, panel.readyTitle, 90_000);
      await customer.click(
        page.getByRole('button', { name: consoleWords.createRole, exact: true }),
      );
      await shootPanel(customer, page, 'role-page-trust-fix', language, panel.trustNeedsFix);
      await customer.pressPanel(page, panel.fixTrust);
      await shootPanel(customer, page, 'edit-trust-policy', language, panel.updateTrust);
      await customer.pressPanel(page, panel.pasteTrust);
      await shootPanel(customer, page, 'edit-trust-policy-ready', language, panel.trustReady);
      await customer.click(
        page.getByRole('button', { name: consoleWords.updatePolicy, exact: true }),
      );
      await expect.poll(() => diagrams.posted.length, { timeout: 30_000 }).toBe(1);
      await page.close();

      // Failed: the service refused; the card says so in its words and offers Retry now.
      const failed = await popupAt(session);
      const card = failed.locator('.setups .card', { hasText: 'Example Cloud Diagrams' });
      await card.getByText(t('stateFailed'), { exact: true }).waitFor();
      expect(await card.textContent()).toContain(
        'This External ID is already connected to another customer',
      );
      await shootPopup(failed, 'failed-retry', language, {
        title: failed.getByRole('heading', { name: t('progress') }),
        button: card.getByRole('button', { name: t('retryNow') }),
        also: [card.getByText(t('stateFailed'), { exact: true })],
      });
      await failed.close();
    });
  });
}
