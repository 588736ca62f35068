// The popup in a Japanese browser: Chromium's UI language picks public/_locales/ja, the page says
// lang="ja", the start button and who gets what fit 380 × 600, and axe finds no violation, in
// light and in dark. Screenshots: artifacts/popup/*-ja-*.png.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ja from '../../public/_locales/ja/messages.json' with { type: 'json' };
import { openPopup } from '../support/browser.ts';
import { useExtensionSession } from '../support/e2e-setup.ts';
import { taggedProfile } from '../support/tagged-profile.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { axeViolations } from '../support/axe.ts';

const env = useExtensionSession(undefined, { language: 'ja' });

const VIEWPORT = { width: 380, height: 600 };

async function popup(): Promise<Page> {
  const page = await openPopup(env.session);
  await page.setViewportSize(VIEWPORT);
  await page.getByRole('button', { name: ja.openInConsole.message }).waitFor();
  return page;
}

async function wholeInView(page: Page, name: string): Promise<void> {
  const box = await page.getByRole('button', { name, exact: true }).boundingBox();
  expect(box, name).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(VIEWPORT.height);
}

describe('the popup in Japanese', () => {
  it('speaks Japanese, keeps its start button in view, and has no violations, light and dark', async () => {
    const page = await popup();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.getByRole('heading', { name: ja.services.message }).count()).toBeGreaterThan(
      0,
    );
    await wholeInView(page, ja.openInConsole.message);
    await saveScreenshot(page, 'popup/review-ja-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'popup/review-ja-dark-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('offers the access-keys way in Japanese, with its button in the bar', async () => {
    const page = await popup();
    await page.getByRole('radio', { name: /^Example Infrastructure Manager/ }).click();
    await page.getByRole('button', { name: ja.accessKeysTitle.message }).click();
    await wholeInView(page, ja.useAccessKeys.message);
    await saveScreenshot(page, 'popup/access-keys-ja-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says the Tags of a new role in Japanese, with a problem at its field', async () => {
    await env.session.worker.evaluate(() =>
      chrome.storage.local.set({ customerTags: [{ key: 'CostCenter', value: '1234' }] }),
    );
    const page = await popup();
    await page.getByText(ja.importTitle.message).click();
    await page.getByLabel(ja.importLabel.message).fill(JSON.stringify(taggedProfile()));
    await page.getByRole('button', { name: ja.import.message }).click();
    await page.getByRole('button', { name: ja.confirmAndAllow.message }).click();
    const tags = page.getByRole('group', { name: ja.tagsTitle.message });
    await tags.waitFor();
    expect(await page.getByRole('note').textContent()).toContain(
      '最大セッション時間: 2 時間。ロールの作成後に、ロールのページで設定します。',
    );
    await page.getByRole('button', { name: ja.tagAdd.message }).click();
    await page.getByLabel(ja.tagKeyLabel.message).last().fill('aws:team');
    await page.getByText('キーが無効です:', { exact: false }).waitFor();
    await tags.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'popup/review-tags-ja-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    // Nothing left behind for the other tests of the file.
    await env.session.worker.evaluate(() => chrome.storage.local.remove('customerTags'));
    await page.getByRole('button', { name: ja.changeService.message }).click();
    await page.getByRole('button', { name: 'Acme Diagrams を削除' }).click();
    await page.getByRole('radio', { name: /^Acme Diagrams/ }).waitFor({ state: 'detached' });
    await page.close();
  });

  it('asks in Japanese which level to check a connected account against, its question taking the focus', async () => {
    // A delivered connection of the demo service, as the background keeps it.
    await env.session.worker.evaluate(() =>
      chrome.storage.local.set({
        connections: [
          {
            setupId: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
            profileId: 'crossrole-demo',
            serviceName: 'Crossrole Demo Service',
            partition: 'aws',
            accountId: '111122223333',
            roleArn: 'arn:aws:iam::111122223333:role/CrossroleDemoRole',
            deliveredAt: Date.UTC(2026, 11, 1),
            roleName: 'CrossroleDemoRole',
            externalId: 'demo-abcdefghijklmnopqrstuv',
            reportUrl: 'http://127.0.0.1:47615/crossrole/report',
            levelId: 'read-only',
            optionIds: [],
            policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            createdPolicyArns: [],
          },
        ],
      }),
    );
    const page = await popup();
    await page
      .getByRole('button', { name: 'アカウント 111122223333 の CrossroleDemoRole を確認して更新' })
      .click();
    const question = page.getByRole('group', {
      name: 'アカウント 111122223333 のロール CrossroleDemoRole を、Crossrole Demo Service が今求める内容と照合しますか?',
    });
    await question.waitFor();
    const level = question.getByLabel(ja.updateLevel.message);
    expect(await level.evaluate((el) => el === document.activeElement)).toBe(true);
    await question.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'popup/update-ask-ja-380x600.png', { fullPage: false });
    expect(await axeViolations(page)).toEqual([]);
    await env.session.worker.evaluate(() => chrome.storage.local.remove('connections'));
    await page.close();
  });
});
