// Guardrails at creation (docs/guardrails.md), end to end in Chromium on the console replica: an
// organisation whose service control policy denies Create role without a CostCenter tag, a
// service whose profile puts its own tag on the role and asks for two-hour sessions. IAM's
// refusal is shown in its own words and nothing is reported; once the tag is there the role is
// created, its session duration set on the Edit role page, and the service is told the tags and
// the duration the role page showed. The simulated IAM is the judge.
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

describe('guardrails at creation', () => {
  it('shows IAM’s refusal under an SCP, reports nothing, then reports the tags and session duration IAM holds', async () => {
    env.replica.setOptions({ scpRequiredTagKeys: ['CostCenter'] });
    const before = env.service.connections().length;
    const popup = await env.customer.openPopup();
    await popup.getByText('Add a service (profile or connection code)').click();
    await popup.getByLabel('Profile or connection code').fill(JSON.stringify(guardedProfile()));
    await popup.getByRole('button', { name: 'Import' }).click();
    await popup.getByRole('button', { name: 'Confirm and allow' }).click();
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
});
