// The IAM console replica, driven by hand with Playwright (no extension): the URL pre-fill, the
// wizard's fields, the trust policy it really submits, IAM's errors, the policy editors, the
// Japanese console and the slow variant. The simulated IAM is the judge of what was submitted.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageToPolicy, policyRow } from '../support/replica-page.ts';
import { useReplicaEnv } from '../support/e2e-setup.ts';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SECURITY_AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit';
const SERVICE_ACCOUNT = '444455556666';
const EXTERNAL_ID = 'crossrole-7f3a9c2e-ext';

const env = useReplicaEnv();
const { open, screenshot } = env;

function prefillRoute(policies: string[] = [READ_ONLY, SECURITY_AUDIT], account = SERVICE_ACCOUNT) {
  const q = [
    'step=selectEntities',
    'trustedEntityType=AWS_ACCOUNT',
    `awsAccount=${account}`,
    'isThirdParty=true',
    `externalId=${EXTERNAL_ID}`,
    ...policies.map((p) => `policies=${encodeURIComponent(p)}`),
  ];
  return `/roles/create?${q.join('&')}`;
}

function expectedTrust(account = SERVICE_ACCOUNT, partition = 'aws', externalId = EXTERNAL_ID) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

const tile = (page: Page, value: string) => page.locator(`input[type=radio][value="${value}"]`);
const flash = (page: Page) => page.locator('div[data-itemid][class*="awsui_flash-type-success_"]');
/** Visible text (Cloudscape also copies error texts into hidden live regions). */
const shown = (page: Page, text: string | RegExp) =>
  page.getByText(text).filter({ visible: true }).count();

/** Sets the Ace editor's text in the page world, as the extension's bridge does. */
function setEditorText(page: Page, text: string) {
  return page.evaluate((t) => {
    const el = document.querySelector('.ace_editor') as unknown as {
      env: { editor: { setValue(v: string, c: number): void } };
    };
    el.env.editor.setValue(t, -1);
  }, text);
}
function editorText(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('.ace_editor') as unknown as {
      env: { editor: { getValue(): string } };
    };
    return el.env.editor.getValue();
  });
}

describe('IAM console replica', () => {
  it('pre-fills the wizard from the URL and creates the role IAM stores', async () => {
    const { replica, page } = await open();
    await page.goto(replica.url('aws', prefillRoute()));

    // The page carries the session data and the account menu like the console.
    const session = JSON.parse(
      (await page.locator('meta[name="awsc-session-data"]').getAttribute('content'))!,
    ) as { accountId: string; sessionARN: string };
    expect(session.accountId).toBe('111122223333');
    expect(session.sessionARN).toMatch(/^arn:aws:sts::111122223333:/);
    await page.getByRole('button', { name: /1111-2222-3333/ }).click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="account-detail-menu"] button[data-testid="awsc-copy-accountid"]')
          .textContent(),
      )
      .toBe('1111-2222-3333');

    // Step 1 came pre-filled.
    await expect.poll(() => tile(page, 'AWS_ACCOUNT').isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Another AWS account' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Account ID', { exact: true }).inputValue()).toBe(SERVICE_ACCOUNT);
    expect(
      await page
        .getByRole('checkbox', {
          name: 'Require external ID (Best practice when a third party will assume this role)',
        })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('External ID', { exact: true }).inputValue()).toBe(EXTERNAL_ID);
    expect(await page.getByRole('checkbox', { name: 'Require MFA' }).isChecked()).toBe(false);
    await screenshot(page, 'wizard-step1.png');

    // Step 2: both policies are ticked; ReadOnlyAccess is not on the first page.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Permissions policies/ }).count())
      .toBe(1);
    await expect.poll(() => page.locator('[data-policy-arn]').count()).toBe(10);
    expect(await page.locator(`[data-policy-arn="${READ_ONLY}"]`).count()).toBe(0);
    // The filter matches dozens of names: ReadOnlyAccess is not on its first page either.
    await page.getByRole('searchbox', { name: 'Search' }).fill('ReadOnlyAccess');
    expect(await pageToPolicy(page, READ_ONLY)).toBeGreaterThan(0);
    await expect
      .poll(() => policyRow(page, READ_ONLY).getByRole('checkbox').isChecked())
      .toBe(true);
    await page.getByRole('searchbox', { name: 'Search' }).fill('SecurityAudit');
    await expect
      .poll(() => policyRow(page, SECURITY_AUDIT).getByRole('checkbox').isChecked())
      .toBe(true);

    // Step 3: name and description by hand; the preview is the policy IAM will store.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('CrossroleDemoRole');
    await page.getByLabel('Description').fill('Lets Crossrole read this account (external ID).');
    const preview = await page.locator('[data-testid="trust-policy-preview"]').textContent();
    expect(JSON.parse(preview!)).toEqual(expectedTrust());
    expect(
      await page
        .locator('[data-testid="selected-policies"] [data-policy-arn]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy-arn'))),
    ).toEqual([READ_ONLY, SECURITY_AUDIT]);
    await page.getByRole('button', { name: 'Create role' }).click();

    // Back on the roles list with a flash that links to the role.
    await expect.poll(() => new URL(page.url()).hash).toBe('#/roles');
    const link = flash(page).getByRole('link', { name: 'CrossroleDemoRole' });
    await expect.poll(() => link.getAttribute('href')).toBe('#/roles/details/CrossroleDemoRole');
    expect(await flash(page).textContent()).toContain('Role CrossroleDemoRole created.');

    const role = replica.iam.role('CrossroleDemoRole')!;
    expect(role).toBeDefined();
    expect(role.roleName).toBe('CrossroleDemoRole');
    expect(role.arn).toBe('arn:aws:iam::111122223333:role/CrossroleDemoRole');
    expect(role.description).toBe('Lets Crossrole read this account (external ID).');
    expect(JSON.stringify(role.trustPolicy)).toBe(JSON.stringify(expectedTrust()));
    expect(role.trustPolicyText).toBe(preview);
    expect(role.attachedPolicyArns).toEqual([READ_ONLY, SECURITY_AUDIT]);
    expect(replica.iam.count('createRole')).toBe(1);

    // The flash leads to the summary, with the ARN beside a copy button.
    await link.click();
    await expect
      .poll(() => page.locator('[data-testid="role-arn"]').textContent())
      .toContain(role.arn);
    expect(await page.getByRole('button', { name: 'Copy ARN' }).count()).toBe(1);
    expect(await page.locator('body').innerText()).toMatch(
      /arn:aws[a-z-]*:iam::\d{12}:role\/CrossroleDemoRole/,
    );
    expect(await page.locator('[data-testid="attached-policies"] [data-policy-arn]').count()).toBe(
      2,
    );
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    await expect.poll(() => new URL(page.url()).hash).toContain('section=trust_relationships');
    expect(JSON.parse((await page.locator('[data-testid="trust-policy"]').textContent())!)).toEqual(
      expectedTrust(),
    );
    await screenshot(page, 'role-details.png');
  });

  it('ignores the URL in the ignoreUrlParams variant; everything filled by hand', async () => {
    const { replica, page } = await open({ ignoreUrlParams: true });
    await page.goto(replica.url('aws', prefillRoute()));
    await expect.poll(() => tile(page, 'AWS_SERVICE').isChecked()).toBe(true);
    expect(await tile(page, 'AWS_ACCOUNT').isChecked()).toBe(false);
    expect(await page.getByLabel('Account ID', { exact: true }).count()).toBe(0);

    await page.locator('[data-value="AWS_ACCOUNT"]').click();
    await expect.poll(() => tile(page, 'AWS_ACCOUNT').isChecked()).toBe(true);
    // The wizard writes its state back into the hash.
    await expect.poll(() => page.url()).toContain('trustedEntityType=AWS_ACCOUNT');
    expect(await page.getByRole('radio', { name: 'This account (111122223333)' }).isChecked()).toBe(
      true,
    );
    await page.getByRole('radio', { name: 'Another AWS account' }).click();
    await page.getByLabel('Account ID', { exact: true }).fill('1234');
    await page
      .getByRole('checkbox', {
        name: 'Require external ID (Best practice when a third party will assume this role)',
      })
      .click();
    await page.getByLabel('External ID', { exact: true }).fill('x');

    // Next validates: both fields show their error and the wizard stays on step 1.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => shown(page, 'Account ID must be a 12-digit number.')).toBe(1);
    expect(await shown(page, /External ID must have 2–1224 characters/)).toBe(1);
    await page.getByLabel('Account ID', { exact: true }).fill(SERVICE_ACCOUNT);
    await page.getByLabel('External ID', { exact: true }).fill(EXTERNAL_ID);
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 2: nothing pre-selected; ReadOnlyAccess found through the filter and ticked.
    await expect.poll(() => page.locator('[data-policy-arn]').count()).toBe(10);
    expect(await page.locator('tbody input[type=checkbox]:checked').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search' }).fill('ReadOnlyAccess');
    await pageToPolicy(page, READ_ONLY);
    await policyRow(page, READ_ONLY).getByRole('checkbox').click();
    await expect
      .poll(() => policyRow(page, READ_ONLY).getByRole('checkbox').isChecked())
      .toBe(true);
    await expect.poll(() => page.url()).toContain(`policies=${encodeURIComponent(READ_ONLY)}`);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('CrossroleByHand');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/roles');
    const role = replica.iam.role('CrossroleByHand')!;
    expect(JSON.stringify(role.trustPolicy)).toBe(JSON.stringify(expectedTrust()));
    expect(role.attachedPolicyArns).toEqual([READ_ONLY]);
    expect(role.description).toBe('');
  });

  it('builds the MFA and no-condition trust policies as the console does', async () => {
    const { replica, page } = await open({ ignoreUrlParams: true });
    await page.goto(replica.url('aws', '/roles/create'));
    await page.locator('[data-value="AWS_ACCOUNT"]').click();
    await page.getByRole('checkbox', { name: 'Require MFA' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const preview = page.locator('[data-testid="trust-policy-preview"]');
    expect(JSON.parse((await preview.textContent())!).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
    await page.getByRole('button', { name: 'Edit' }).first().click();
    await page.getByRole('checkbox', { name: 'Require MFA' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const shownPolicy = (await preview.textContent())!;
    expect(JSON.parse(shownPolicy).Statement[0].Condition).toEqual({});
    await page.getByLabel('Role name').fill('SameAccountRole');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => replica.iam.role('SameAccountRole')?.trustPolicyText).toBe(shownPolicy);
    expect(JSON.stringify(replica.iam.role('SameAccountRole')!.trustPolicy)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{}}]}',
    );
  });

  it('speaks Japanese in the ja variant', async () => {
    const { replica, page } = await open({ language: 'ja' });
    await page.goto(replica.url('aws', prefillRoute([READ_ONLY])));
    await expect
      .poll(() => page.getByRole('heading', { name: '信頼されたエンティティを選択' }).count())
      .toBe(1);
    expect(await page.getByRole('radio', { name: /^AWS アカウント/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '別の AWS アカウント' }).isChecked()).toBe(true);
    expect(await page.getByLabel('アカウント ID', { exact: true }).inputValue()).toBe(
      SERVICE_ACCOUNT,
    );
    expect(
      await page
        .getByRole('checkbox', {
          name: '外部 ID を要求する (第三者がこのロールを引き受ける場合のベストプラクティス)',
        })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('外部 ID', { exact: true }).inputValue()).toBe(EXTERNAL_ID);
    expect(await page.getByRole('checkbox', { name: 'MFA が必要' }).isChecked()).toBe(false);
    expect(await page.getByRole('button', { name: 'Next', exact: true }).count()).toBe(0);

    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: /許可ポリシー/ }).count()).toBe(1);
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    await page.getByLabel('ロール名').fill('CrossroleJa');
    await page.getByLabel('説明').fill('Crossrole');
    await page.getByRole('button', { name: 'ロールを作成' }).click();
    await expect
      .poll(() => flash(page).textContent())
      .toContain('ロール CrossroleJa が作成されました。');
    expect(replica.iam.role('CrossroleJa')!.attachedPolicyArns).toEqual([READ_ONLY]);

    await flash(page).getByRole('link', { name: 'CrossroleJa' }).click();
    await expect.poll(() => page.getByRole('tab', { name: '許可' }).count()).toBe(1);
    await page.getByRole('tab', { name: '信頼関係' }).click();
    await page.getByRole('button', { name: '信頼ポリシーを編集' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'ポリシーを更新' }).count()).toBe(1);
    await page.goto(replica.url('aws', '/policies/create'));
    await expect.poll(() => page.getByRole('button', { name: '次へ' }).count()).toBe(1);
  });

  it("shows IAM's error on step 3 when the role name is taken in another case", async () => {
    const { replica, page } = await open({ existingRoles: [{ roleName: 'crossroledemorole' }] });
    await page.goto(replica.url('aws', prefillRoute()));
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('CrossroleDemoRole');
    await page.getByRole('button', { name: 'Create role' }).click();
    const alert = page.locator('[data-testid="create-role-error"]');
    await expect
      .poll(() => alert.textContent())
      .toContain('Role with name CrossroleDemoRole already exists.');
    expect(new URL(page.url()).hash).toContain('/roles/create');
    expect(await page.getByLabel('Role name').inputValue()).toBe('CrossroleDemoRole');
    expect(replica.iam.roles().map((r) => r.roleName)).toEqual(['crossroledemorole']);
    expect(replica.iam.count('createRole', 400)).toBe(1);

    // A description IAM refuses is reported the same way.
    await page.getByLabel('Role name').fill('CrossroleDemoRole2');
    await page.getByLabel('Description').fill('Crossrole ✓ role');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => alert.textContent()).toContain("Value at 'description' failed");
    expect(replica.iam.roles()).toHaveLength(1);

    // A client-side check catches a bad name before IAM sees it.
    await page.getByLabel('Role name').fill('bad name!');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect
      .poll(() => shown(page, "Use alphanumeric and '+=,.@-_' characters, 1 to 64 characters."))
      .toBe(1);
    expect(replica.iam.count('createRole')).toBe(2);

    await page.getByLabel('Role name').fill('CrossroleDemoRole2');
    await page.getByLabel('Description').fill('Crossrole role');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/roles');
    expect(replica.iam.roles()).toHaveLength(2);
  });

  it('edits a trust policy in the Ace editor and refuses invalid JSON', async () => {
    const { replica, page } = await open({ existingRoles: [{ roleName: 'EditMe' }] });
    await page.goto(replica.url('aws', '/roles/details/EditMe?section=trust_relationships'));
    await expect
      .poll(() =>
        page.getByRole('tab', { name: 'Trust relationships' }).getAttribute('aria-selected'),
      )
      .toBe('true');
    await page.getByRole('button', { name: 'Edit trust policy' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/roles/edit_trust_policy/EditMe');
    await page.locator('.ace_editor').waitFor();
    expect(await page.locator('textarea.ace_text-input').count()).toBe(1);
    await expect
      .poll(async () => JSON.parse(await editorText(page)))
      .toEqual(replica.iam.role('EditMe')!.trustPolicy);
    const before = replica.iam.role('EditMe')!.trustPolicyText;

    // Invalid JSON: a live syntax error, and Update policy fails visibly without calling IAM.
    await setEditorText(page, '{"Version": "2012-10-17", "Statement": [');
    await expect.poll(() => page.locator('[data-testid="policy-syntax-error"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Update policy' }).click();
    await expect
      .poll(() => shown(page, 'Fix the syntax errors in the policy before you update it.'))
      .toBe(1);
    expect(replica.iam.count('updateTrustPolicy')).toBe(0);
    expect(replica.iam.role('EditMe')!.trustPolicyText).toBe(before);

    // Too large for IAM: IAM's own message.
    const big = expectedTrust();
    big.Statement[0]!.Condition.StringEquals['sts:ExternalId'] = 'x'.repeat(2100);
    await setEditorText(page, JSON.stringify(big, null, 2));
    await page.getByRole('button', { name: 'Update policy' }).click();
    await expect.poll(() => shown(page, 'Cannot exceed quota for ACLSizePerRole: 2048')).toBe(1);
    expect(replica.iam.role('EditMe')!.trustPolicyText).toBe(before);

    const next = JSON.stringify(expectedTrust(), null, 2);
    await setEditorText(page, next);
    await expect.poll(() => page.locator('[data-testid="policy-syntax-error"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Update policy' }).click();
    await expect
      .poll(() => new URL(page.url()).hash)
      .toBe('#/roles/details/EditMe?section=trust_relationships');
    await expect.poll(() => flash(page).textContent()).toContain('Trust policy updated.');
    expect(replica.iam.role('EditMe')!.trustPolicyText).toBe(next);
    expect(replica.iam.role('EditMe')!.trustPolicy).toEqual(expectedTrust());
    expect(replica.iam.count('updateTrustPolicy', 200)).toBe(1);
    expect(JSON.parse((await page.locator('[data-testid="trust-policy"]').textContent())!)).toEqual(
      expectedTrust(),
    );
  });

  it('creates a customer-managed policy in the JSON editor and lists it in the wizard', async () => {
    const { replica, page } = await open();
    await page.goto(replica.url('aws', '/policies'));
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/policies/create');
    expect(await page.locator('.ace_editor').count()).toBe(0);
    await page.getByRole('button', { name: 'JSON' }).click();
    await page.locator('.ace_editor').waitFor();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::crossrole/*' },
      ],
    });
    await setEditorText(page, '{ not json');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => shown(page, /Fix the syntax errors/)).toBe(1);
    await setEditorText(page, doc);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Policy name').fill('CrossroleReadBucket');
    await page.getByLabel('Description').fill('Read the crossrole bucket');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/policies');
    await expect
      .poll(() => flash(page).textContent())
      .toContain('Policy CrossroleReadBucket created.');
    const policy = replica.iam.policies()[0]!;
    expect(policy).toMatchObject({
      policyName: 'CrossroleReadBucket',
      arn: 'arn:aws:iam::111122223333:policy/CrossroleReadBucket',
      description: 'Read the crossrole bucket',
      document: doc,
    });

    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await page.getByRole('searchbox', { name: 'Search' }).fill('Crossrole');
    const row = policyRow(page, policy.arn);
    await expect.poll(() => row.textContent()).toContain('Customer managed');
  });

  it('shows content late in the slowMs variant', async () => {
    const { replica, page } = await open({ slowMs: 1500 });
    let t0 = Date.now();
    await page.goto(replica.url('aws', prefillRoute()));
    expect(await page.getByLabel('Account ID', { exact: true }).count()).toBe(0);
    await page.getByLabel('Account ID', { exact: true }).waitFor({ timeout: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    t0 = Date.now();
    expect(await page.locator('[data-policy-arn]').count()).toBe(0);
    await page.locator('[data-policy-arn]').first().waitFor({ timeout: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1300);

    t0 = Date.now();
    await page.goto(replica.url('aws', '/roles'));
    expect(await page.getByRole('button', { name: 'Create role' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Create role' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);

    // setOptions changes the variant for the next page load.
    replica.setOptions({ slowMs: 0 });
    await page.reload();
    await page.getByRole('button', { name: 'Create role' }).waitFor({ timeout: 1000 });
  });

  it('serves every partition, /iamv2/ and the legacy wizard link', async () => {
    const { replica, page } = await open({ accountId: '777788889999' });
    const cnRead = 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess';
    await page.goto(replica.url('aws-cn', prefillRoute([cnRead])));
    const meta = JSON.parse(
      (await page.locator('meta[name="awsc-session-data"]').getAttribute('content'))!,
    ) as { accountId: string; sessionARN: string };
    expect(meta).toMatchObject({ accountId: '777788889999' });
    expect(meta.sessionARN).toMatch(/^arn:aws-cn:sts::777788889999:assumed-role\//);
    expect(await page.locator('meta#awsc-mezz-region').getAttribute('content')).toBe('cn-north-1');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('ReadOnlyAccess');
    await pageToPolicy(page, cnRead);
    await expect.poll(() => policyRow(page, cnRead).getByRole('checkbox').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('ChinaRole');
    expect(
      JSON.parse((await page.locator('[data-testid="trust-policy-preview"]').textContent())!),
    ).toEqual(expectedTrust(SERVICE_ACCOUNT, 'aws-cn'));
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect
      .poll(() => replica.iamFor('aws-cn').role('ChinaRole')?.arn)
      .toBe('arn:aws-cn:iam::777788889999:role/ChinaRole');
    expect(replica.iam.roles()).toHaveLength(0);

    for (const url of [
      'https://console.amazonaws-us-gov.com/iamv2/home#/roles',
      'https://123456789012-abcd1234.eu-west-1.console.aws.amazon.com/iam/home?region=eu-west-1#/roles',
      'https://console.amazonaws-eusc.eu/iam/home#/roles',
    ]) {
      await page.goto(url);
      await page.getByRole('button', { name: 'Create role' }).waitFor();
    }
    expect(await page.locator('meta#awsc-mezz-region').getAttribute('content')).toBe(
      'eusc-de-east-1',
    );

    await page.goto(
      `https://console.aws.amazon.com/iam/home#/roles$new?step=type&roleType=crossAccount&isThirdParty&accountID=${SERVICE_ACCOUNT}&externalID=${EXTERNAL_ID}&roleName=Ignored&policies=${encodeURIComponent(READ_ONLY)}`,
    );
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/roles\/create\?/);
    await expect.poll(() => tile(page, 'AWS_ACCOUNT').isChecked()).toBe(true);
    expect(await page.getByLabel('Account ID', { exact: true }).inputValue()).toBe(SERVICE_ACCOUNT);
    expect(await page.getByLabel('External ID', { exact: true }).inputValue()).toBe(EXTERNAL_ID);
  });
});
