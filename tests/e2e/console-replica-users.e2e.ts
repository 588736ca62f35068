// The replica's IAM user pages for the access-keys method, driven by hand with Playwright (no
// extension): Create user with a policy attached directly, the Security credentials tab, Create
// access key with the third-party advice and its confirmation, and Retrieve access keys showing
// exactly the key and secret the simulated IAM made — once. The simulated IAM is the judge.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageToPolicy, policyRow } from '../support/replica-page.ts';
import { useReplicaEnv } from '../support/e2e-setup.ts';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SECURITY_AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit';
const USER = 'crossrole-demo';

const env = useReplicaEnv();
const { open, screenshot } = env;

const radio = (page: Page, value: string) => page.locator(`input[type=radio][value="${value}"]`);
const flash = (page: Page) => page.locator('div[data-itemid][class*="awsui_flash-type-success_"]');
const shown = (page: Page, text: string | RegExp) =>
  page.getByText(text).filter({ visible: true }).count();
const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);

describe('IAM console replica: users and access keys', () => {
  it('creates a user with ReadOnlyAccess and an access key whose secret shows once', async () => {
    const { replica, page, errors } = await open();
    await page.goto(replica.url('aws', '/users'));
    await expect.poll(() => page.getByRole('heading', { name: /^Users/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => hash(page)).toBe('#/users/create');

    // Step 1: user name; console access stays unticked.
    await page.getByLabel('User name').fill(USER);
    const consoleAccess = page.getByRole('checkbox', {
      name: 'Provide user access to the AWS Management Console - optional',
    });
    expect(await consoleAccess.isChecked()).toBe(false);
    await screenshot(page, 'users-create-step1.png');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 2: "Add user to group" by default, with no groups; attach ReadOnlyAccess directly.
    await expect.poll(() => radio(page, 'ADD_TO_GROUP').isChecked()).toBe(true);
    expect(await shown(page, 'No groups')).toBe(1);
    expect(await page.getByText('Copy permissions', { exact: true }).count()).toBe(1);
    await page.locator('[data-value="ATTACH_DIRECTLY"]').click();
    await expect.poll(() => page.locator('[data-policy-arn]').count()).toBe(10);
    expect(await page.locator(`[data-policy-arn="${READ_ONLY}"]`).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search' }).fill('ReadOnlyAccess');
    await pageToPolicy(page, READ_ONLY);
    await policyRow(page, READ_ONLY).getByRole('checkbox').click();
    await expect
      .poll(() => policyRow(page, READ_ONLY).getByRole('checkbox').isChecked())
      .toBe(true);
    await screenshot(page, 'users-create-step2.png');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 3: review and create.
    await expect
      .poll(() => page.locator('[data-testid="review-user-name"]').textContent())
      .toBe(USER);
    expect(
      await page
        .locator('[data-testid="selected-policies"] [data-policy-arn]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy-arn'))),
    ).toEqual([READ_ONLY]);
    await screenshot(page, 'users-create-review.png');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => hash(page)).toBe('#/users');
    const link = flash(page).getByRole('link', { name: USER });
    await expect.poll(() => link.getAttribute('href')).toBe(`#/users/details/${USER}`);
    expect(await flash(page).textContent()).toContain(`User ${USER} created.`);
    const user = replica.iam.user(USER)!;
    expect(user.arn).toBe(`arn:aws:iam::111122223333:user/${USER}`);
    expect(user.attachedPolicyArns).toEqual([READ_ONLY]);
    expect(replica.iam.count('createUser', 200)).toBe(1);
    await screenshot(page, 'users-list.png');

    // Summary: ARN with a copy button; Security credentials has no keys yet.
    await link.click();
    await expect
      .poll(() => page.locator('[data-testid="user-arn"]').textContent())
      .toContain(user.arn);
    expect(await page.getByRole('button', { name: 'Copy ARN' }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Security credentials' }).click();
    await expect
      .poll(() => hash(page))
      .toBe(`#/users/details/${USER}?section=security_credentials`);
    await expect.poll(() => page.getByRole('heading', { name: 'Access keys (0)' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Create access key' }).click();
    await expect.poll(() => hash(page)).toBe(`#/users/details/${USER}/create_access_key`);

    // Use case: nothing chosen → error; Third-party service → advice, and Next needs the tick.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => shown(page, 'Choose a use case.')).toBe(1);
    await page.getByRole('radio', { name: 'Third-party service' }).click();
    const advice = page.locator('[data-testid="alternative-recommended"]');
    await expect.poll(() => advice.textContent()).toContain('Alternative recommended');
    expect(await advice.textContent()).toContain(
      'Use a temporary security credential (IAM role) instead of long-term access keys. Give the third party access through an IAM role',
    );
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => shown(page, /Confirm that you understand the recommendation/)).toBe(1);
    await page
      .getByRole('checkbox', {
        name: 'I understand the above recommendation and want to proceed to create an access key.',
      })
      .click();
    await screenshot(page, 'users-access-key-use-case.png');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Description tag; the primary button creates the key.
    await page.getByLabel('Description tag value').fill('Crossrole demo service');
    expect(replica.iam.count('createAccessKey')).toBe(0);
    await page.getByRole('button', { name: 'Create access key' }).click();

    // Retrieve access keys: the key ID, the secret masked until "Show".
    const keyId = page.locator('[data-testid="access-key-id"]');
    await expect.poll(() => keyId.textContent()).toMatch(/AKIA[A-Z0-9]{16}/);
    const secret = page.locator('[data-testid="secret-access-key"]');
    expect(await secret.textContent()).toBe('**********');
    expect(await shown(page, /This is the only time that the secret access key/)).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy access key' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy secret access key' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download .csv file' }).count()).toBe(1);
    // The key exists: no way back to the earlier steps.
    expect(await page.getByRole('button', { name: 'Previous' }).isVisible()).toBe(false);
    await screenshot(page, 'users-access-key-retrieve-masked.png');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => secret.textContent()).toMatch(/^[A-Za-z0-9+/]{40}$/);

    const keys = replica.iam.accessKeys(USER);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.status).toBe('Active');
    expect(keys[0]!.description).toBe('Crossrole demo service');
    expect((await keyId.textContent())!.trim()).toBe(keys[0]!.accessKeyId);
    expect(await secret.textContent()).toBe(keys[0]!.secretAccessKey);
    expect(replica.iam.count('createAccessKey', 200)).toBe(1);
    // The hash names the key but never the secret.
    expect(page.url()).toContain(`accessKeyId=${keys[0]!.accessKeyId}`);
    expect(page.url()).not.toContain(keys[0]!.secretAccessKey);
    await screenshot(page, 'users-access-key-retrieve.png');

    // A reload cannot show the secret again.
    await page.reload();
    await expect
      .poll(() => page.locator('[data-testid="secret-unavailable"]').textContent())
      .toContain('no longer available');
    expect(await page.locator('[data-testid="access-key-id"]').textContent()).toContain(
      keys[0]!.accessKeyId,
    );
    expect(await page.locator('body').innerText()).not.toContain(keys[0]!.secretAccessKey);
    await screenshot(page, 'users-access-key-reloaded.png');
    expect(replica.iam.count('createAccessKey')).toBe(1);

    // Done → the user's security credentials, now listing the key.
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(() => hash(page))
      .toBe(`#/users/details/${USER}?section=security_credentials`);
    await expect.poll(() => page.getByRole('heading', { name: 'Access keys (1)' }).count()).toBe(1);
    expect(await page.locator(`[data-access-key-id="${keys[0]!.accessKeyId}"]`).count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain(keys[0]!.secretAccessKey);
    await screenshot(page, 'users-security-credentials.png');
    expect(errors).toEqual([]);
  });

  it('pre-selects policies from the URL and shows IAM errors; refuses a third key', async () => {
    const { replica, page } = await open({ existingUsers: [{ userName: 'Taken' }] });
    const q = [READ_ONLY, SECURITY_AUDIT].map((a) => `policies=${encodeURIComponent(a)}`);
    await page.goto(replica.url('aws', `/users/create?${q.join('&')}`));
    await page.getByLabel('User name').fill('bad name');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => shown(page, /Use alphanumeric and/)).toBe(1);
    await page.getByLabel('User name').fill('taken');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => radio(page, 'ATTACH_DIRECTLY').isChecked()).toBe(true);
    await expect.poll(() => page.locator('tbody input[type=checkbox]:checked').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /Permissions policies \(2\// }).count()).toBe(1);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    expect(
      await page
        .locator('[data-testid="selected-policies"] [data-policy-arn]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy-arn'))),
    ).toEqual([READ_ONLY, SECURITY_AUDIT]);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect
      .poll(() => page.locator('[data-testid="create-user-error"]').textContent())
      .toContain('User with name taken already exists.');
    expect(replica.iam.count('createUser', 400)).toBe(1);
    expect(replica.iam.users().map((u) => u.userName)).toEqual(['Taken']);

    // Two keys made outside the page: the button is off and a direct visit meets IAM's quota.
    replica.iam.createAccessKey('Taken');
    replica.iam.createAccessKey('Taken');
    await page.goto(replica.url('aws', '/users/details/Taken?section=security_credentials'));
    await expect.poll(() => page.getByRole('heading', { name: 'Access keys (2)' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create access key' }).isDisabled()).toBe(true);
    await page.goto(replica.url('aws', '/users/details/Taken/create_access_key'));
    await page.getByRole('radio', { name: 'Other' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Create access key' }).click();
    await expect
      .poll(() => page.locator('[data-testid="create-access-key-error"]').textContent())
      .toContain('Cannot exceed quota for AccessKeysPerUser: 2');
    expect(replica.iam.accessKeys('Taken')).toHaveLength(2);
  });

  it('speaks Japanese as the console does', async () => {
    const { replica, page } = await open({ language: 'ja' });
    await page.goto(replica.url('aws', '/users/create'));
    await page.getByLabel('ユーザー名').fill(USER);
    expect(
      await page
        .getByRole('checkbox', {
          name: 'AWS マネジメントコンソールへのユーザーアクセスを提供する - オプション',
        })
        .isChecked(),
    ).toBe(false);
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await expect.poll(() => shown(page, 'グループなし')).toBe(1);
    expect(await page.getByText('グループにユーザーを追加', { exact: true }).count()).toBe(1);
    expect(await page.getByText('許可のコピー', { exact: true }).count()).toBe(1);
    await page.locator('[data-value="ATTACH_DIRECTLY"]').click();
    expect(await page.getByText('ポリシーを直接アタッチする', { exact: true }).count()).toBe(1);
    await page.getByRole('searchbox', { name: '検索' }).fill('ReadOnlyAccess');
    await pageToPolicy(page, READ_ONLY, { nextPage: '次のページ' });
    await policyRow(page, READ_ONLY).getByRole('checkbox').click();
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByRole('button', { name: 'ユーザーの作成' }).click();
    await expect.poll(() => hash(page)).toBe('#/users');
    expect(await flash(page).textContent()).toContain(`ユーザー ${USER} が作成されました。`);
    expect(replica.iam.user(USER)!.attachedPolicyArns).toEqual([READ_ONLY]);

    await page.goto(replica.url('aws', `/users/details/${USER}?section=security_credentials`));
    await expect
      .poll(() => page.getByRole('tab', { name: 'セキュリティ認証情報' }).count())
      .toBe(1);
    await page.getByRole('button', { name: 'アクセスキーを作成' }).click();
    await page.getByRole('radio', { name: 'サードパーティーサービス' }).click();
    await expect.poll(() => shown(page, '推奨される代替案')).toBe(1);
    await page
      .getByRole('checkbox', {
        name: '上記のレコメンデーションを理解し、アクセスキーを作成します。',
      })
      .click();
    await screenshot(page, 'users-ja-use-case.png');
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByLabel('説明タグ値').fill('Crossrole');
    await page.getByRole('button', { name: 'アクセスキーを作成' }).click();
    await expect.poll(() => shown(page, 'シークレットアクセスキー')).toBeGreaterThan(0);
    await page.getByRole('button', { name: '表示', exact: true }).click();
    const key = replica.iam.accessKeys(USER)[0]!;
    await expect
      .poll(() => page.locator('[data-testid="secret-access-key"]').textContent())
      .toBe(key.secretAccessKey);
    expect(await page.getByRole('button', { name: '.csv ファイルをダウンロード' }).count()).toBe(1);
    await screenshot(page, 'users-ja-retrieve.png');
    await page.getByRole('button', { name: '完了' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'アクセスキー (1)' }).count())
      .toBe(1);
  });
});
