// Guardrails at creation (docs/guardrails.md), end to end in Chromium on the console replica: an
// organisation whose service control policy denies Create role without a CostCenter tag, a
// service whose profile puts its own tag on the role and asks for two-hour sessions. IAM's
// refusal is shown in its own words and nothing is reported; once the tag is there the role is
// created, its session duration set on the Edit role page, and the service is told the tags and
// the duration the role page showed. The simulated IAM is the judge.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/artifacts.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';
import { panelView } from '../support/panel-driver.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';

const env = useConnectionEnv();

/** The demo profile, imported under another name, with a tag of its own and two-hour sessions. */
function guardedProfile(): Record<string, unknown> {
  const profile = structuredClone(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'crossrole-demo'),
  ) as Record<string, unknown> & { role: Record<string, unknown> };
  profile.id = 'guarded-demo';
  profile.name = 'Guarded Demo';
  profile.role = {
    ...profile.role,
    name: 'GuardedDemoRole',
    tags: [{ key: 'Vendor', value: 'Guarded Demo' }],
    maxSessionDurationSeconds: 7200,
  };
  profile.report = { url: env.service.url, auth: 'none' };
  return profile;
}

/** Imports the guarded profile, unless this browser already keeps it. */
async function importGuarded(popup: Page): Promise<void> {
  await popup.getByText('Add a service (profile or connection code)').waitFor();
  if (await popup.getByText('Guarded Demo', { exact: true }).count()) return;
  await popup.getByText('Add a service (profile or connection code)').click();
  await popup.getByLabel('Profile or connection code').fill(JSON.stringify(guardedProfile()));
  await popup.getByRole('button', { name: 'Import' }).click();
  await popup.getByRole('button', { name: 'Confirm and allow' }).click();
}

describe('guardrails at creation', () => {
  it('shows IAM’s refusal under an SCP, reports nothing, then reports the tags and session duration IAM holds', async () => {
    env.replica.setOptions({ scpRequiredTagKeys: ['CostCenter'] });
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await importGuarded(popup);
    await popup.getByText('Guarded Demo', { exact: true }).first().click();
    const page = await env.customer.openInConsole(popup);

    // The service's tag is in the wizard's tag editor, read back on the review.
    await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 90_000);
    expect((await panelView(page)).text).toContain('Tags: Vendor=Guarded Demo');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Key' }).first().inputValue())
      .toBe('Vendor');
    await saveScreenshot(page, 'panel/guardrails-tags-review.png');

    // The organisation's SCP denies it: IAM's message, what to do, nothing created or sent.
    await env.customer.click(createRoleButton(page));
    await env.customer.waitForPanelTitle(page, 'IAM refused to create the role', 30_000);
    const refused = await panelView(page);
    expect(refused.text).toContain(
      'is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/GuardedDemoRole with an explicit deny in a service control policy',
    );
    expect(refused.text).toContain('Add tags');
    await saveScreenshot(page, 'panel/guardrails-scp-refused.png');
    expect(env.replica.iam.role('GuardedDemoRole')).toBeFalsy();
    expect(env.service.connections().length).toBe(before);

    // The customer adds the tag their administrator named, in the wizard, and creates again.
    await env.customer.click(page.getByRole('button', { name: 'Add new tag', exact: true }));
    await env.customer.type(page.getByRole('textbox', { name: 'Key' }).nth(1), 'CostCenter');
    await env.customer.type(page.getByRole('textbox', { name: /^Value/ }).nth(1), '4711');
    await env.customer.click(createRoleButton(page));

    // Created with IAM's default hour: nothing is sent until the role allows two.
    await env.customer.waitForPanelTitle(page, 'Set the maximum session duration', 60_000);
    expect(env.replica.iam.role('GuardedDemoRole')!.maxSessionDuration).toBe(3600);
    expect(env.service.connections().length).toBe(before);
    await saveScreenshot(page, 'panel/guardrails-session-needed.png');
    await env.customer.pressPanel(page, 'Set 2 hours');
    await env.customer.waitForPanelTitle(page, 'Set the maximum session duration', 30_000);
    await expect
      .poll(async () => (await panelView(page)).text, { timeout: 15_000 })
      .toContain('Maximum session duration: 2 hours');
    await saveScreenshot(page, 'panel/guardrails-edit-role.png');
    expect(env.service.connections().length).toBe(before);
    await env.customer.click(page.getByRole('button', { name: 'Save changes', exact: true }));

    const connection = (await env.service.waitForConnections(before + 1, 60_000)).at(-1)!;
    const role = env.replica.iam.role('GuardedDemoRole')!;
    expect(role.maxSessionDuration).toBe(7200);
    expect(connection.report.maxSessionDurationSeconds).toBe(7200);
    const held = role.tags.map((t) => ({ key: t.Key, value: t.Value }));
    expect(held).toEqual(
      expect.arrayContaining([
        { key: 'Vendor', value: 'Guarded Demo' },
        { key: 'CostCenter', value: '4711' },
      ]),
    );
    expect(connection.report.tags).toEqual(held);
  });

  it('in a Japanese console: the customer’s tag and boundary from the popup are set, read back and reported, and the tag is remembered', async () => {
    env.replica.setOptions({ language: 'ja', scpRequiredTagKeys: ['CostCenter'] });
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await importGuarded(popup);
    await popup.getByText('Guarded Demo', { exact: true }).first().click();
    // No tag given in the popup before: none is remembered yet.
    const addTags = popup.getByRole('button', { name: 'Add tags your organisation requires' });
    if (await addTags.isVisible()) await env.customer.click(addTags, 'popup');
    await env.customer.click(popup.getByRole('button', { name: 'Add tag' }), 'popup');
    await env.customer.type(popup.getByLabel('Tag key').last(), 'CostCenter');
    await env.customer.type(popup.getByLabel('Tag value').last(), '4711');
    await env.customer.type(popup.getByLabel('Permissions boundary (optional)'), 'PowerUserAccess');
    await popup.getByRole('textbox', { name: 'Role name' }).fill('GuardedDemoRoleJa');
    const page = await env.customer.openInConsole(popup);

    await env.customer.waitForPanelTitle(
      page,
      '準備完了: 「ロールを作成」を押してください',
      90_000,
    );
    const review = (await panelView(page)).text;
    expect(review).toContain('タグ: Vendor=Guarded Demo, CostCenter=4711');
    await saveScreenshot(page, 'panel/guardrails-review-ja.png');
    await env.customer.click(page.getByRole('button', { name: 'ロールを作成', exact: true }));
    await env.customer.waitForPanelTitle(page, '最大セッション時間を設定してください', 60_000);
    await env.customer.pressPanel(page, '2 時間に設定');
    await expect
      .poll(async () => (await panelView(page)).text, { timeout: 15_000 })
      .toContain('最大セッション時間: 2 時間');
    await env.customer.click(page.getByRole('button', { name: '変更の保存', exact: true }));

    const connection = (await env.service.waitForConnections(before + 1, 60_000)).at(-1)!;
    const role = env.replica.iam.role('GuardedDemoRoleJa')!;
    expect(role.permissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
    expect(connection.report.permissionsBoundaryArn).toBe(role.permissionsBoundaryArn);
    expect(connection.report.maxSessionDurationSeconds).toBe(7200);
    expect(connection.report.tags).toEqual(role.tags.map((t) => ({ key: t.Key, value: t.Value })));
    expect(connection.report.tags).toContainEqual({ key: 'CostCenter', value: '4711' });

    // The customer's tag is offered again for the next connection.
    const next = await env.customer.openPopup();
    await next.getByText('Guarded Demo', { exact: true }).first().click();
    expect(await next.getByLabel('Tag key').last().inputValue()).toBe('CostCenter');
  });
});
