// Saves the outline (src/content/lib/outline.ts) of every page of the IAM console replica, in
// English and Japanese, to tests/fixtures/outlines/<page>-<lang>.json: what a locator miss would
// send from that page. The unit tests rebuild a DOM from each and run the locators against it
// (tests/unit/content/outline.test.ts). The replica is driven by hand, without the extension;
// `pageOutline` is bundled for the page on its own. Needs `npm run build:replica` first.
//   npm run outlines
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import * as prettier from 'prettier';
import type { Page } from 'playwright-core';
import { launchBrowser, ROOT } from '../tests/support/browser.ts';
import { installConsoleReplica, type ConsoleReplica } from '../tests/support/console-replica.ts';

const OUT = path.join(ROOT, 'tests/fixtures/outlines');
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ROLE = 'OutlineRole';
const USER = 'outline-user';

const bundled = await build({
  entryPoints: [path.join(ROOT, 'src/content/lib/outline.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'CrossroleOutline',
  write: false,
  target: 'es2022',
});
const outlineScript = bundled.outputFiles[0]!.text;

/** The labels a step waits for, per language (the replica's own strings). */
type Lang = 'en' | 'ja';
const T = {
  next: { en: 'Next', ja: '次へ' },
  trust: { en: 'Trust relationships', ja: '信頼関係' },
  editTrust: { en: 'Edit trust policy', ja: '信頼ポリシーを編集' },
  security: { en: 'Security credentials', ja: 'セキュリティ認証情報' },
} as const;

/** The main content has rendered and stopped changing. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main h1, main h2') &&
      !document.querySelector('[data-testid="route-loading"], [data-testid="step-loading"]'),
  );
  await page.waitForTimeout(400);
}

async function save(page: Page, name: string, lang: Lang): Promise<void> {
  await settle(page);
  if (!(await page.evaluate(() => 'CrossroleOutline' in window)))
    await page.addScriptTag({ content: outlineScript });
  const outline = await page.evaluate(() =>
    (
      window as unknown as { CrossroleOutline: { pageOutline(): unknown[] } }
    ).CrossroleOutline.pageOutline(),
  );
  // One node a line: a console change shows as a small diff.
  const text = `[\n${outline.map((n) => `  ${JSON.stringify(n)}`).join(',\n')}\n]\n`;
  const options = (await prettier.resolveConfig(path.join(OUT, 'x.json'))) ?? {};
  const file = path.join(OUT, `${name}-${lang}.json`);
  await writeFile(file, await prettier.format(text, { ...options, parser: 'json' }));
  console.log(`${path.relative(ROOT, file)}: ${outline.length} nodes`);
}

async function pages(page: Page, replica: ConsoleReplica, lang: Lang): Promise<void> {
  const go = async (route: string) => {
    await page.goto('about:blank');
    await page.goto(replica.url('aws', route));
  };
  const click = (name: string, role: 'button' | 'tab' = 'button') =>
    page.getByRole(role, { name, exact: true }).first().click();

  await go('/roles');
  await save(page, 'roles', lang);

  // The wizard as a customer reaches it from a deep link, with the External ID field shown.
  const q = [
    'step=selectEntities',
    'trustedEntityType=AWS_ACCOUNT',
    'awsAccount=444455556666',
    'isThirdParty=true',
    'externalId=outline-ext-id',
    `policies=${encodeURIComponent(READ_ONLY)}`,
  ];
  await go(`/roles/create?${q.join('&')}`);
  await save(page, 'create-role-1', lang);
  await click(T.next[lang]);
  await save(page, 'create-role-2', lang);
  await click(T.next[lang]);
  await save(page, 'create-role-3', lang);

  await go(`/roles/details/${ROLE}`);
  await save(page, 'role-permissions', lang);
  await click(T.trust[lang], 'tab');
  await save(page, 'role-trust', lang);
  await click(T.editTrust[lang]);
  await save(page, 'edit-trust-policy', lang);
  await go(`/roles/details/${ROLE}/attach_policies`);
  await save(page, 'attach-policies', lang);

  await go('/policies');
  await save(page, 'policies', lang);
  await go('/policies/create');
  await save(page, 'create-policy', lang);

  await go('/users');
  await save(page, 'users', lang);
  await go('/users/create');
  await save(page, 'create-user', lang);
  await go(`/users/details/${USER}`);
  await click(T.security[lang], 'tab');
  await save(page, 'user-details', lang);
  await go(`/users/details/${USER}/create_access_key`);
  await save(page, 'create-access-key', lang);
}

await mkdir(OUT, { recursive: true });
const browser = await launchBrowser();
try {
  for (const lang of ['en', 'ja'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const replica = await installConsoleReplica(context, {
      language: lang,
      existingRoles: [{ roleName: ROLE, policyArns: [READ_ONLY] }],
      existingUsers: [{ userName: USER }],
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`replica page error (${lang}):`, e.message));
    await pages(page, replica, lang);
    await context.close();
  }
} finally {
  await browser.close();
}
