// The replica's policy tables and role pages as the real console has them, driven by hand with
// Playwright (no extension): a catalogue of hundreds of managed policies where ReadOnlyAccess is
// found only by paging, selections kept by ARN across pages and filters, the property-filter
// variant (tokens on Enter), the role's Permissions tab as a paginated table of names, the
// Attach policies page with IAM's quota, the alternate routes and the Japanese console; then the
// guardrails: tags and a permissions boundary in the Create role wizard, the service control
// policy variant that denies CreateRole without a tag, the Edit role page's maximum session
// duration, and the role page's Tags tab and Permissions boundary section. The simulated IAM is
// the judge of what was submitted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS } from '../support/artifacts.ts';
import { useReplicaEnv } from '../support/e2e-setup.ts';
import { AWS_MANAGED_POLICIES } from '../support/iam-sim.ts';
import { pageToPolicy, policyRow } from '../support/replica-page.ts';

const aws = (p: string) => `arn:aws:iam::aws:policy/${p}`;
const READ_ONLY = aws('ReadOnlyAccess');
const SECURITY_AUDIT = aws('SecurityAudit');
const EC2_READ_ONLY = aws('AmazonEC2ReadOnlyAccess');
const VIEW_ONLY = aws('job-function/ViewOnlyAccess');
const TOTAL = AWS_MANAGED_POLICIES.length;
const OWN_POLICY = {
  policyName: 'CrossroleReadBucket',
  description: 'Read the crossrole bucket',
  document: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::crossrole/*' }],
  }),
};
const OWN_ARN = 'arn:aws:iam::111122223333:policy/CrossroleReadBucket';
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'crossrole-ext' } },
    },
  ],
};

const env = useReplicaEnv({ reducedMotion: true });
const { open, screenshot } = env;

const flash = (page: Page) => page.locator('div[data-itemid][class*="awsui_flash-type-success_"]');
const hash = (page: Page) => decodeURIComponent(new URL(page.url()).hash);
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });
/** The ARNs of the policy rows on the page showing (in a table or the whole page). */
const shownArns = (scope: Page | Locator) =>
  scope
    .locator('tbody [data-policy-arn]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy-arn')!));
/** Visible text only (Cloudscape repeats counts and errors in hidden live regions). */
const visible = (scope: Page | Locator, text: string | RegExp) =>
  scope.getByText(text).filter({ visible: true });
const checked = (page: Page, arn: string) => policyRow(page, arn).getByRole('checkbox').isChecked();

describe('IAM console replica: policy catalogue, role permissions, attach policies', () => {
  it('finds ReadOnlyAccess only by paging, keeps the selection across pages and filters', async () => {
    const { replica, page, errors } = await open({ existingPolicies: [OWN_POLICY] });
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await expect.poll(() => shownArns(page).then((a) => a.length)).toBe(10);
    expect(await heading(page, `Permissions policies (${TOTAL + 1})`).count()).toBe(1);
    // The console's order: by name, ignoring case.
    const firstPage = await shownArns(page);
    expect(firstPage[0]).toBe(aws('AdministratorAccess'));
    const names = firstPage.map((a) => a.split('/').pop()!.toLowerCase());
    expect([...names].sort()).toEqual(names);

    // "ReadOnlyAccess" matches dozens of names: the exact one is not on the first page.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('ReadOnlyAccess');
    await expect.poll(() => visible(page, /^\d+ matches$/).count()).toBe(1);
    const count = Number((await visible(page, /^\d+ matches$/).textContent())!.split(' ')[0]);
    expect(count).toBeGreaterThan(36);
    expect(await shownArns(page)).not.toContain(READ_ONLY);
    for (const arn of await shownArns(page)) expect(arn.toLowerCase()).toContain('readonlyaccess');
    // AmazonEC2ReadOnlyAccess is on page 2 of the matches, ReadOnlyAccess much later.
    await pageToPolicy(page, EC2_READ_ONLY);
    await policyRow(page, EC2_READ_ONLY).getByRole('checkbox').click();
    const turned = await pageToPolicy(page, READ_ONLY);
    expect(turned).toBeGreaterThan(1);
    await policyRow(page, READ_ONLY).getByRole('checkbox').click();
    await expect.poll(() => checked(page, READ_ONLY)).toBe(true);
    await screenshot(page, 'roles-wizard-readonly-paged.png');

    // Back to page 1 of the same filter: the earlier tick is still there.
    await page.getByRole('button', { name: 'Page 1', exact: true }).click();
    await pageToPolicy(page, EC2_READ_ONLY);
    expect(await checked(page, EC2_READ_ONLY)).toBe(true);

    // Another filter, another tick; clearing the filter keeps all three.
    await search.fill('securityaudit');
    await expect.poll(() => shownArns(page)).toEqual([SECURITY_AUDIT]);
    await policyRow(page, SECURITY_AUDIT).getByRole('checkbox').click();
    await search.fill('crossrole');
    await expect.poll(() => shownArns(page)).toEqual([OWN_ARN]);
    expect(await policyRow(page, OWN_ARN).textContent()).toContain('Customer managed');
    await search.fill('');
    await expect.poll(() => heading(page, `Permissions policies (3/${TOTAL + 1})`).count()).toBe(1);
    // "Filter by Type" beside the search box, as the console has it today.
    await page.getByRole('button', { name: /Filter by Type/ }).click();
    await page.getByRole('option', { name: 'Customer managed' }).click();
    await expect.poll(() => shownArns(page)).toEqual([OWN_ARN]);
    await screenshot(page, 'roles-wizard-filter-by-type.png');
    await page.getByRole('button', { name: /Filter by Type/ }).click();
    await page.getByRole('option', { name: 'All types' }).click();
    await expect.poll(() => shownArns(page).then((a) => a.length)).toBe(10);
    await search.fill('ReadOnlyAccess');
    await pageToPolicy(page, READ_ONLY);
    expect(await checked(page, READ_ONLY)).toBe(true);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('PagedRole');
    expect(
      await page
        .locator('[data-testid="selected-policies"] [data-policy-arn]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy-arn'))),
    ).toEqual([EC2_READ_ONLY, READ_ONLY, SECURITY_AUDIT]);
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect
      .poll(() => replica.iam.role('PagedRole')?.attachedPolicyArns.sort())
      .toEqual([EC2_READ_ONLY, READ_ONLY, SECURITY_AUDIT].sort());
    expect(errors).toEqual([]);
  });

  it('filters only on Enter in the property-filter variant; tokens by name and type', async () => {
    const { replica, page, errors } = await open({
      policyFilter: 'property',
      existingPolicies: [OWN_POLICY],
    });
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await expect.poll(() => shownArns(page).then((a) => a.length)).toBe(10);
    expect(await page.getByRole('searchbox', { name: 'Search' }).count()).toBe(0);
    const input = page.getByRole('combobox', { name: 'Filter policies' });
    expect(await input.getAttribute('placeholder')).toBe(
      'Filter policies by property or policy name and press enter',
    );
    const before = await shownArns(page);

    // Typed text alone filters nothing.
    await input.fill('ReadOnlyAccess');
    await page.waitForTimeout(300);
    expect(await shownArns(page)).toEqual(before);
    // Enter commits it as a free-text token: a substring of the name.
    await input.press('Enter');
    await expect.poll(() => shownArns(page)).not.toEqual(before);
    expect(await input.inputValue()).toBe('');
    for (const arn of await shownArns(page)) expect(arn.toLowerCase()).toContain('readonlyaccess');
    expect(await visible(page, /^\d+ matches$/).count()).toBe(1);
    expect(await pageToPolicy(page, READ_ONLY)).toBeGreaterThan(0);
    await policyRow(page, READ_ONLY).getByRole('checkbox').click();
    await screenshot(page, 'roles-wizard-property-filter.png');

    // A second token narrows further (and): name contains "EC2".
    await input.fill('Policy name : EC2');
    await input.press('Enter');
    await expect.poll(() => shownArns(page)).toEqual([EC2_READ_ONLY]);
    await policyRow(page, EC2_READ_ONLY).getByRole('checkbox').click();

    // Tokens can be removed; the selection stays.
    for (;;) {
      const remove = page.getByRole('button', { name: /^Remove filter, / });
      if ((await remove.count()) === 0) break;
      await remove.first().click();
    }
    await expect.poll(() => shownArns(page)).toEqual(before);
    expect(await heading(page, `Permissions policies (2/${TOTAL + 1})`).count()).toBe(1);

    // The Type property: only the customer managed policy.
    await input.fill('Type = Customer managed');
    await input.press('Enter');
    await expect.poll(() => shownArns(page)).toEqual([OWN_ARN]);
    await policyRow(page, OWN_ARN).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Role name').fill('PropertyRole');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect
      .poll(() => replica.iam.role('PropertyRole')?.attachedPolicyArns.sort())
      .toEqual([EC2_READ_ONLY, OWN_ARN, READ_ONLY].sort());

    // The Create user wizard has the same filter. A fresh load, not a hash change: the role
    // wizard left behind could still write its own route back into the hash.
    await page.goto('about:blank');
    await page.goto(replica.url('aws', `/users/create?policies=${encodeURIComponent(READ_ONLY)}`));
    await page.getByLabel('User name').fill('property-user');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const userInput = page.getByRole('combobox', { name: 'Filter policies' });
    await userInput.fill('ReadOnlyAccess');
    await userInput.press('Enter');
    await pageToPolicy(page, READ_ONLY);
    expect(await checked(page, READ_ONLY)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows a role with 12 policies as "Permissions policies (12)" on two pages, by name', async () => {
    const twelve = [...AWS_MANAGED_POLICIES.slice(0, 11).map(aws), OWN_ARN];
    const { replica, page, errors } = await open({
      slowMs: 700,
      policiesPerRoleQuota: 20,
      existingPolicies: [OWN_POLICY],
      existingRoles: [{ roleName: 'Twelve', trustPolicy: TRUST, policyArns: twelve }],
    });
    await page.goto(replica.url('aws', '/roles/details/Twelve'));
    // The summary first, the permissions table after its own loading state.
    await page.locator('[data-testid="role-arn"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="role-arn"]').textContent()).toContain(
      'arn:aws:iam::111122223333:role/Twelve',
    );
    const table = page.locator('[data-testid="attached-policies"]');
    expect(await table.locator('tbody [data-policy-arn]').count()).toBe(0);
    expect(await table.getByText('Loading').count()).toBeGreaterThan(0);
    await expect.poll(() => heading(page, 'Permissions policies (12)').count()).toBe(1);
    await expect.poll(() => shownArns(table).then((a) => a.length)).toBe(10);
    // Names, never ARNs; the customer managed one by name only.
    const text = await table.innerText();
    expect(text).not.toMatch(/arn:aws/);
    expect(text).toContain('AWS managed');
    const pageOne = await shownArns(table);
    await screenshot(page, 'roles-permissions-tab.png');
    await table.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => shownArns(table).then((a) => a.length)).toBe(2);
    const pageTwo = await shownArns(table);
    expect([...pageOne, ...pageTwo].sort()).toEqual([...twelve].sort());
    expect(await table.getByRole('button', { name: 'Page 2', exact: true }).count()).toBe(1);
    expect(await table.getByRole('button', { name: 'Page 3', exact: true }).count()).toBe(0);
    const own = policyRow(page, OWN_ARN, table);
    await expect.poll(() => own.count()).toBe(1);
    expect(await own.innerText()).toContain('CrossroleReadBucket');
    expect(await own.innerText()).toContain('Customer managed');
    expect(await own.getByRole('link', { name: 'CrossroleReadBucket' }).count()).toBe(1);
    await screenshot(page, 'roles-permissions-tab-page2.png');

    // The name links to the policy's page.
    await own.getByRole('link', { name: 'CrossroleReadBucket' }).click();
    await expect.poll(() => hash(page)).toBe(`#/policies/details/${OWN_ARN}`);
    await expect.poll(() => page.locator('[data-testid="policy-arn"]').textContent()).toBe(OWN_ARN);
    expect(await heading(page, 'CrossroleReadBucket').count()).toBe(1);
    expect(await visible(page, 'Read the crossrole bucket').count()).toBe(1);
    await screenshot(page, 'policy-details.png');
    await page.goBack();
    await expect
      .poll(() => heading(page, 'Permissions policies (12)').count(), { timeout: 10_000 })
      .toBe(1);

    // Its own filter (a name substring).
    await table.getByRole('searchbox', { name: 'Search' }).fill('amplify');
    await expect.poll(() => shownArns(table)).toEqual([aws('AdministratorAccess-Amplify')]);

    // Add permissions: Attach policies / Create inline policy.
    await page.getByRole('button', { name: 'Add permissions' }).click();
    expect(await page.getByRole('menuitem', { name: 'Attach policies' }).count()).toBe(1);
    await page.getByRole('menuitem', { name: 'Create inline policy' }).click();
    await expect
      .poll(() => page.locator('[data-testid="inline-policy-unavailable"]').textContent())
      .toContain('not in this replica');

    // The console's tabs and summary fields (the ARN still beside its copy button).
    expect(await page.getByRole('tab').allInnerTexts()).toEqual([
      'Permissions',
      'Trust relationships',
      'Tags',
      'Access Advisor',
      'Revoke sessions',
    ]);
    const summary = await page.locator('[data-testid="role-summary"]').innerText();
    for (const label of ['Creation date', 'ARN', 'Instance profile ARN', 'Last activity']) {
      expect(summary).toContain(label);
    }
    expect(summary).toContain('Maximum session duration');
    await page.getByRole('tab', { name: 'Tags' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Twelve?section=tags');
    await screenshot(page, 'roles-tags-tab.png');

    // Trust relationships is still there.
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    expect(JSON.parse((await page.locator('[data-testid="trust-policy"]').textContent())!)).toEqual(
      TRUST,
    );
    expect(errors).toEqual([]);
  });

  it('takes its page sizes from policyPageSize and attachedPageSize', async () => {
    const seven = AWS_MANAGED_POLICIES.slice(0, 7).map(aws);
    const { replica, page } = await open({
      policyPageSize: 25,
      attachedPageSize: 5,
      existingRoles: [{ roleName: 'Sizes', trustPolicy: TRUST, policyArns: seven }],
    });
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await expect.poll(() => shownArns(page).then((a) => a.length)).toBe(25);
    await page.goto(replica.url('aws', '/roles/details/Sizes'));
    const table = page.locator('[data-testid="attached-policies"]');
    await expect.poll(() => shownArns(table).then((a) => a.length)).toBe(5);
    await table.getByRole('button', { name: 'Page 2', exact: true }).click();
    await expect.poll(() => shownArns(table)).toEqual(seven.slice(5));
    await page.goto(replica.url('aws', '/roles/details/Sizes/attach_policies'));
    const others = page.locator('[data-testid="other-permissions-policies"]');
    await expect.poll(() => shownArns(others).then((a) => a.length)).toBe(25);
    const current = page.locator('[data-testid="current-permissions-policies"]');
    await expect.poll(() => shownArns(current)).toEqual(seven.slice(0, 5));
  });

  it('attaches a policy on the Attach policies page and IAM has it', async () => {
    const { replica, page, errors } = await open({
      existingRoles: [{ roleName: 'Attach-Me', trustPolicy: TRUST, policyArns: [READ_ONLY] }],
    });
    await page.goto(replica.url('aws', '/roles/details/Attach-Me'));
    await expect.poll(() => heading(page, 'Permissions policies (1)').count()).toBe(1);
    await page.getByRole('button', { name: 'Add permissions' }).click();
    await page.getByRole('menuitem', { name: 'Attach policies' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Attach-Me/attach_policies');

    await expect.poll(() => heading(page, 'Attach policy to Attach-Me').count()).toBe(1);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    const trail = await crumbs.innerText();
    const at = ['IAM', 'Roles', 'Attach-Me', 'Add permissions'].map((t) => trail.indexOf(t));
    expect(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!))).toBe(true);
    expect(await crumbs.getByRole('link', { name: 'Attach-Me' }).getAttribute('href')).toBe(
      '#/roles/details/Attach-Me',
    );
    await expect.poll(() => heading(page, 'Current permissions policies (1)').count()).toBe(1);
    await expect
      .poll(() => heading(page, `Other permissions policies (${TOTAL - 1})`).count())
      .toBe(1);
    const others = page.locator('[data-testid="other-permissions-policies"]');
    const add = page.getByRole('button', { name: 'Add permissions', exact: true });
    expect(await add.isDisabled()).toBe(true);
    await others.getByRole('searchbox', { name: 'Search' }).fill('ReadOnlyAccess');
    await expect.poll(() => visible(others, /^\d+ matches$/).count()).toBe(1);
    // Already attached: not among the others, on any page.
    await expect(pageToPolicy(page, READ_ONLY, { scope: others })).rejects.toThrow(/no page/);
    await others.getByRole('searchbox', { name: 'Search' }).fill('SecurityAudit');
    await policyRow(page, SECURITY_AUDIT, others).getByRole('checkbox').click();
    await expect
      .poll(() => heading(page, `Other permissions policies (1/${TOTAL - 1})`).count())
      .toBe(1);
    await screenshot(page, 'roles-attach-policies.png');
    await add.click();

    await expect.poll(() => hash(page)).toBe('#/roles/details/Attach-Me?section=permissions');
    await expect
      .poll(() => flash(page).textContent())
      .toContain('Policy was successfully attached to role.');
    expect(replica.iam.role('Attach-Me')!.attachedPolicyArns).toEqual([READ_ONLY, SECURITY_AUDIT]);
    expect(replica.iam.count('attachRolePolicies', 200)).toBe(1);
    await expect.poll(() => heading(page, 'Permissions policies (2)').count()).toBe(1);
    await expect
      .poll(() => shownArns(page.locator('[data-testid="attached-policies"]')))
      .toEqual([READ_ONLY, SECURITY_AUDIT]);
    await screenshot(page, 'roles-permissions-after-attach.png');

    // ?policies= pre-selects, like the wizard (an attached one is dropped); Cancel attaches nothing.
    const q = [VIEW_ONLY, READ_ONLY].map((a) => `policies=${encodeURIComponent(a)}`).join('&');
    await page.goto(replica.url('aws', `/roles/details/Attach-Me/attach_policies?${q}`));
    await expect
      .poll(() => heading(page, `Other permissions policies (1/${TOTAL - 2})`).count())
      .toBe(1);
    expect(await add.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Attach-Me?section=permissions');
    expect(replica.iam.count('attachRolePolicies')).toBe(1);

    // The ignoreUrlParams variant pre-selects nothing.
    replica.setOptions({ ignoreUrlParams: true });
    await page.goto('about:blank'); // a new page load: options are read at load
    await page.goto(replica.url('aws', `/roles/details/Attach-Me/attach_policies?${q}`));
    await expect
      .poll(() => heading(page, `Other permissions policies (${TOTAL - 2})`).count())
      .toBe(1);
    expect(errors).toEqual([]);
  });

  it('attaches to a role whose name has every allowed punctuation, in both route variants', async () => {
    const name = 'Odd+Name=1,2.3@x_y-z';
    for (const roleRoutes of ['default', 'alternate'] as const) {
      const { replica, page, errors } = await open({
        roleRoutes,
        existingRoles: [{ roleName: name, trustPolicy: TRUST }],
      });
      await page.goto(replica.url('aws', `/roles/details/${encodeURIComponent(name)}`));
      await expect.poll(() => heading(page, 'Permissions policies (0)').count()).toBe(1);
      await page.getByRole('button', { name: 'Add permissions' }).click();
      await page.getByRole('menuitem', { name: 'Attach policies' }).click();
      await expect.poll(() => heading(page, `Attach policy to ${name}`).count()).toBe(1);
      const others = page.locator('[data-testid="other-permissions-policies"]');
      await others.getByRole('searchbox', { name: 'Search' }).fill('SecurityAudit');
      await policyRow(page, SECURITY_AUDIT, others).getByRole('checkbox').click();
      await page.getByRole('button', { name: 'Add permissions', exact: true }).click();
      await expect
        .poll(() => flash(page).textContent())
        .toContain('Policy was successfully attached to role.');
      expect(hash(page)).toBe(`#/roles/details/${name}?section=permissions`);
      expect(replica.iam.role(name)!.attachedPolicyArns).toEqual([SECURITY_AUDIT]);
      await page.getByRole('tab', { name: 'Trust relationships' }).click();
      await page.getByRole('button', { name: 'Edit trust policy' }).click();
      await expect.poll(() => heading(page, 'Edit trust policy').count()).toBe(1);
      expect(hash(page)).toBe(
        roleRoutes === 'default'
          ? `#/roles/edit_trust_policy/${name}`
          : `#/roles/${name}/trust-policy/edit`,
      );
      expect(errors).toEqual([]);
      await env.closeOpened();
    }
  });

  it("shows IAM's quota error on the Attach policies page (property filter variant)", async () => {
    const nine = AWS_MANAGED_POLICIES.slice(0, 9).map(aws);
    const { replica, page } = await open({
      policyFilter: 'property',
      existingRoles: [{ roleName: 'Full', trustPolicy: TRUST, policyArns: nine }],
    });
    await page.goto(replica.url('aws', '/roles/details/Full/attach_policies'));
    const others = page.locator('[data-testid="other-permissions-policies"]');
    const input = others.getByRole('combobox', { name: 'Filter policies' });
    await input.fill('SecurityAudit');
    await input.press('Enter');
    await expect.poll(() => shownArns(others)).toEqual([SECURITY_AUDIT]);
    await policyRow(page, SECURITY_AUDIT, others).getByRole('checkbox').click();
    await page.getByRole('button', { name: /^Remove filter, / }).click();
    await input.fill('ViewOnlyAccess');
    await input.press('Enter');
    await expect.poll(() => shownArns(others)).toEqual([VIEW_ONLY]);
    await policyRow(page, VIEW_ONLY, others).getByRole('checkbox').click();
    await expect
      .poll(() => heading(page, `Other permissions policies (2/${TOTAL - 9})`).count())
      .toBe(1);
    await page.getByRole('button', { name: 'Add permissions', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-testid="attach-policies-error"]').textContent())
      .toContain('Cannot exceed quota for PoliciesPerRole: 10');
    expect(hash(page)).toBe('#/roles/details/Full/attach_policies');
    expect(replica.iam.role('Full')!.attachedPolicyArns).toEqual(nine);
    expect(replica.iam.count('attachRolePolicies', 400)).toBe(1);
    await screenshot(page, 'roles-attach-quota-error.png');

    // One of the two fits.
    await policyRow(page, VIEW_ONLY, others).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Add permissions', exact: true }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Full?section=permissions');
    expect(replica.iam.role('Full')!.attachedPolicyArns).toEqual([...nine, SECURITY_AUDIT]);
    await expect.poll(() => heading(page, 'Permissions policies (10)').count()).toBe(1);
  });

  it('serves Edit trust policy and Attach policies at the alternate routes', async () => {
    const { replica, page, errors } = await open({
      roleRoutes: 'alternate',
      existingRoles: [{ roleName: 'Alt', trustPolicy: TRUST }],
    });
    await page.goto(replica.url('aws', '/roles/details/Alt?section=trust_relationships'));
    await page.getByRole('button', { name: 'Edit trust policy' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/Alt/trust-policy/edit');
    await expect.poll(() => heading(page, 'Edit trust policy').count()).toBe(1);
    await page.locator('.ace_editor').waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(await crumbs.innerText()).toContain('Edit trust policy');
    await screenshot(page, 'roles-alternate-edit-trust-policy.png');
    const next = { ...TRUST, Statement: [{ ...TRUST.Statement[0]!, Condition: {} }] };
    await page.evaluate(
      (t) => {
        const el = document.querySelector('.ace_editor') as unknown as {
          env: { editor: { setValue(v: string, c: number): void } };
        };
        el.env.editor.setValue(t, -1);
      },
      JSON.stringify(next, null, 2),
    );
    await page.getByRole('button', { name: 'Update policy' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Alt?section=trust_relationships');
    expect(replica.iam.role('Alt')!.trustPolicy).toEqual(next);

    await page.getByRole('tab', { name: 'Permissions' }).click();
    await page.getByRole('button', { name: 'Add permissions' }).click();
    expect(await page.getByRole('menuitem', { name: 'Attach policies' }).getAttribute('href')).toBe(
      '#/roles/Alt/permissions/attach',
    );
    await page.getByRole('menuitem', { name: 'Attach policies' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/Alt/permissions/attach');
    await expect.poll(() => heading(page, 'Attach policy to Alt').count()).toBe(1);
    expect(await crumbs.getByRole('link', { name: 'Alt' }).getAttribute('href')).toBe(
      '#/roles/details/Alt',
    );
    const others = page.locator('[data-testid="other-permissions-policies"]');
    await others.getByRole('searchbox', { name: 'Search' }).fill('ViewOnlyAccess');
    await policyRow(page, VIEW_ONLY, others).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Add permissions', exact: true }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Alt?section=permissions');
    expect(replica.iam.role('Alt')!.attachedPolicyArns).toEqual([VIEW_ONLY]);

    // The default routes are not served in this variant; the legacy #/roles/<name> still is.
    await page.goto(replica.url('aws', '/roles/edit_trust_policy/Alt'));
    await heading(page, /Dashboard|IAM/)
      .first()
      .waitFor();
    expect(await page.locator('.ace_editor').count()).toBe(0);
    await page.goto(replica.url('aws', '/roles/details/Alt/attach_policies'));
    await heading(page, /Dashboard|IAM/)
      .first()
      .waitFor();
    expect(await heading(page, 'Attach policy to Alt').count()).toBe(0);
    await page.goto(replica.url('aws', '/roles/Alt'));
    await expect.poll(() => hash(page)).toBe('#/roles/details/Alt');
    expect(errors).toEqual([]);
  });

  it('speaks Japanese on the role pages', async () => {
    const { replica, page, errors } = await open({
      language: 'ja',
      roleRoutes: 'alternate',
      existingRoles: [{ roleName: 'JaRole', trustPolicy: TRUST, policyArns: [READ_ONLY] }],
    });
    await page.goto(replica.url('aws', '/roles/details/JaRole'));
    await expect.poll(() => heading(page, '許可ポリシー (1)').count()).toBe(1);
    expect(await page.getByRole('tab', { name: '許可' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const table = page.locator('[data-testid="attached-policies"]');
    expect(await table.innerText()).toContain('AWS 管理');
    expect(await table.getByRole('columnheader', { name: 'ポリシー名' }).count()).toBe(1);
    await page.getByRole('button', { name: '許可を追加' }).click();
    expect(await page.getByRole('menuitem', { name: 'インラインポリシーを作成' }).count()).toBe(1);
    await screenshot(page, 'roles-permissions-tab-ja.png');
    await page.getByRole('menuitem', { name: 'ポリシーをアタッチ' }).click();
    await expect.poll(() => heading(page, 'JaRole にポリシーをアタッチ').count()).toBe(1);
    await expect.poll(() => heading(page, '現在の許可ポリシー (1)').count()).toBe(1);
    await expect.poll(() => heading(page, `その他の許可ポリシー (${TOTAL - 1})`).count()).toBe(1);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(await crumbs.innerText()).toContain('許可を追加');
    const others = page.locator('[data-testid="other-permissions-policies"]');
    await others.getByRole('searchbox', { name: '検索' }).fill('SecurityAudit');
    await policyRow(page, SECURITY_AUDIT, others).getByRole('checkbox').click();
    await screenshot(page, 'roles-attach-policies-ja.png');
    await page.getByRole('button', { name: '許可を追加', exact: true }).click();
    await expect
      .poll(() => flash(page).textContent())
      .toContain('ポリシーがロールに正常にアタッチされました。');
    expect(replica.iam.role('JaRole')!.attachedPolicyArns).toEqual([READ_ONLY, SECURITY_AUDIT]);

    await page.getByRole('tab', { name: '信頼関係' }).click();
    await page.getByRole('button', { name: '信頼ポリシーを編集' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/JaRole/trust-policy/edit');
    await expect.poll(() => heading(page, '信頼ポリシーを編集').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'ポリシーを更新' }).count()).toBe(1);

    // The property filter speaks Japanese too.
    replica.setOptions({ policyFilter: 'property' });
    await page.goto('about:blank'); // a new page load: options are read at load
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    const input = page.getByRole('combobox', { name: 'ポリシーをフィルタリング' });
    await input.fill('ReadOnlyAccess');
    await input.press('Enter');
    await expect.poll(() => visible(page, /^\d+ 件の一致$/).count()).toBe(1);
    await pageToPolicy(page, READ_ONLY, { nextPage: '次のページ' });
    expect(await page.getByRole('button', { name: /^フィルターを取り外し、/ }).count()).toBe(1);
    await screenshot(page, 'roles-wizard-property-filter-ja.png');
    expect(errors).toEqual([]);
  });
});

describe('IAM console replica: tags, permissions boundary, SCP, maximum session duration', () => {
  const boundaryRow = (page: Page, arn: string) =>
    page.locator('tr').filter({ has: page.locator(`[data-boundary-arn="${arn}"]`) });
  const boundarySection = (page: Page, name = /^Set permissions boundary - optional/) =>
    page.getByRole('button', { name });

  it('creates a role with two tags and a permissions boundary; IAM and the role page have them', async () => {
    const { replica, page, errors } = await open({ existingPolicies: [OWN_POLICY] });
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await page.getByRole('searchbox', { name: 'Search' }).fill('SecurityAudit');
    await policyRow(page, SECURITY_AUDIT).getByRole('checkbox').click();

    // The boundary section starts closed; opened, it offers no boundary by default.
    expect(await page.getByRole('radio', { name: /permissions boundary/ }).count()).toBe(0);
    await boundarySection(page).click();
    const none = page.getByRole('radio', { name: 'Create role without a permissions boundary' });
    const use = page.getByRole('radio', {
      name: 'Use a permissions boundary to control the maximum role permissions',
    });
    expect(await none.isChecked()).toBe(true);
    expect(await page.locator('[data-testid="permissions-boundary-policies"]').count()).toBe(0);
    await use.click();
    const boundary = page.locator('[data-testid="permissions-boundary-policies"]');
    // The same catalogue, paginated, one radio a row.
    await expect.poll(() => boundary.locator('tbody [data-boundary-arn]').count()).toBe(10);
    expect(await boundary.getByRole('checkbox').count()).toBe(0);
    expect(await boundary.getByRole('columnheader', { name: 'Policy name' }).count()).toBe(1);
    expect(await boundary.getByRole('columnheader', { name: 'Type' }).count()).toBe(1);
    await boundary.getByRole('button', { name: 'Next page' }).click();
    await expect
      .poll(() =>
        boundary.locator('tbody [data-boundary-arn]').first().getAttribute('data-boundary-arn'),
      )
      .not.toBe(aws('AdministratorAccess'));
    // Next without a chosen policy is refused on this step.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(() => visible(page, 'Choose a policy to use as the permissions boundary.').count())
      .toBe(1);
    expect(await heading(page, 'Add permissions').count()).toBe(1);
    const filter = boundary.getByRole('searchbox', { name: 'Filter policies' });
    expect(await filter.getAttribute('placeholder')).toBe('Filter policies');
    await filter.fill('crossrole');
    await expect.poll(() => boundary.locator('tbody [data-boundary-arn]').count()).toBe(1);
    expect(await boundaryRow(page, OWN_ARN).innerText()).toContain('Customer managed');
    await boundary.getByRole('radio', { name: 'CrossroleReadBucket' }).click();
    expect(await boundary.getByRole('radio', { name: 'CrossroleReadBucket' }).isChecked()).toBe(
      true,
    );
    await screenshot(page, 'guardrails-wizard-boundary.png');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Step 3: the review names the boundary; the tags editor starts empty.
    const review = page.locator('[data-testid="permissions-boundary-review"]');
    await expect.poll(() => review.innerText()).toContain('Permissions boundary');
    expect(await review.innerText()).toContain('CrossroleReadBucket');
    const tags = page.locator('[data-testid="role-tags-editor"]');
    expect(await tags.getByRole('heading', { name: 'Add tags - optional' }).count()).toBe(1);
    expect(await tags.innerText()).toContain(
      'Tags are key-value pairs that you can add to AWS resources to help identify, organize, or search for resources.',
    );
    expect(await visible(tags, 'No tags associated with the resource.').count()).toBe(1);
    expect(await visible(tags, 'You can add up to 50 more tags.').count()).toBe(1);
    const add = tags.getByRole('button', { name: 'Add new tag' });
    for (let i = 0; i < 3; i++) await add.click();
    // Every row's inputs are named by their FormField labels (hidden after the first row).
    const keys = tags.getByRole('textbox', { name: 'Key', exact: true });
    const values = tags.getByRole('textbox', { name: 'Value - optional', exact: true });
    expect(await keys.count()).toBe(3);
    expect(await values.count()).toBe(3);
    expect(await visible(tags, 'You can add up to 47 more tags.').count()).toBe(1);
    await keys.nth(0).fill('Owner');
    await values.nth(0).fill('Platform team');
    await keys.nth(1).fill('Scratch');
    await keys.nth(2).fill('cost-center');
    await values.nth(2).fill('4200');
    await tags.getByRole('button', { name: 'Remove' }).nth(1).click();
    expect(await keys.count()).toBe(2);
    expect(await keys.nth(1).inputValue()).toBe('cost-center');
    expect(await visible(tags, 'You can add up to 48 more tags.').count()).toBe(1);
    await page.getByLabel('Role name').fill('GuardedRole');
    await tags.scrollIntoViewIfNeeded();
    await screenshot(page, 'guardrails-wizard-tags.png');
    await tags.screenshot({ path: path.join(ARTIFACTS, 'replica', 'guardrails-tags-section.png') });
    await page.getByRole('button', { name: 'Create role' }).click();

    await expect.poll(() => flash(page).textContent()).toContain('Role GuardedRole created.');
    const role = replica.iam.role('GuardedRole')!;
    expect(role.tags).toEqual([
      { Key: 'Owner', Value: 'Platform team' },
      { Key: 'cost-center', Value: '4200' },
    ]);
    expect(role.permissionsBoundaryArn).toBe(OWN_ARN);
    expect(role.attachedPolicyArns).toEqual([SECURITY_AUDIT]);
    expect(role.maxSessionDuration).toBe(3600);

    // The role page: the boundary below the policies, the tags on their tab.
    await flash(page).getByRole('link', { name: 'GuardedRole' }).click();
    const section = page.locator('[data-testid="role-permissions-boundary"]');
    await expect.poll(() => heading(page, 'Permissions boundary (set)').count()).toBe(1);
    const link = section.getByRole('link', { name: 'CrossroleReadBucket' });
    expect(await link.getAttribute('href')).toContain(encodeURIComponent(OWN_ARN));
    expect(await section.innerText()).toContain('Customer managed');
    await page.getByRole('tab', { name: 'Tags' }).click();
    const table = page.locator('[data-testid="role-tags"]');
    await expect.poll(() => heading(page, 'Tags (2)').count()).toBe(1);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Key', 'Value']);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText)),
      );
    expect(rows).toEqual([
      ['Owner', 'Platform team'],
      ['cost-center', '4200'],
    ]);
    await screenshot(page, 'guardrails-role-tags-tab.png');
    expect(errors).toEqual([]);
  });

  it("is denied by the SCP without the tag, shows IAM's message, and creates once the tag is added", async () => {
    const { replica, page, errors } = await open({ scpRequiredTagKeys: ['Owner'] });
    await page.goto(replica.url('aws', '/roles/create?step=review'));
    await page.getByLabel('Role name').fill('VendorAccess');
    await page.getByRole('button', { name: 'Create role' }).click();
    const alert = page.locator('[data-testid="create-role-error"]');
    const denied =
      'User: arn:aws:sts::111122223333:assumed-role/Admin/alice is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/VendorAccess with an explicit deny in a service control policy';
    await expect.poll(() => alert.textContent()).toContain(denied);
    expect(await visible(alert, denied).count()).toBe(1);
    expect(await visible(alert, 'Failed to create role').count()).toBe(1);
    expect(hash(page)).toContain('/roles/create');
    expect(await heading(page, 'Name, review, and create').count()).toBe(1);
    expect(replica.iam.roles()).toEqual([]);
    expect(replica.iam.count('createRole', 403)).toBe(1);
    await screenshot(page, 'guardrails-scp-denied.png');

    // Two keys equal but for case: IAM's own refusal, still on step 3.
    const tags = page.locator('[data-testid="role-tags-editor"]');
    await tags.getByRole('button', { name: 'Add new tag' }).click();
    await tags.getByRole('button', { name: 'Add new tag' }).click();
    const keys = tags.getByRole('textbox', { name: 'Key', exact: true });
    await keys.nth(0).fill('owner');
    await keys.nth(1).fill('OWNER');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect
      .poll(() => alert.textContent())
      .toContain('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    expect(replica.iam.roles()).toEqual([]);

    // The required tag (matched ignoring case): created.
    await tags.getByRole('button', { name: 'Remove' }).nth(1).click();
    await tags.getByRole('textbox', { name: 'Value - optional', exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Create role' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles');
    expect(await flash(page).textContent()).toContain('Role VendorAccess created.');
    expect(replica.iam.role('VendorAccess')!.tags).toEqual([{ Key: 'owner', Value: 'alice' }]);
    expect(replica.iam.count('createRole', 200)).toBe(1);

    // setOptions turns the SCP off in place: the role stays.
    replica.setOptions({ scpRequiredTagKeys: [] });
    expect(replica.iam.role('VendorAccess')).toBeDefined();
    expect(errors).toEqual([]);
  });

  it('edits the maximum session duration: IAM refuses 50000 s, then 2 hours shows on the summary', async () => {
    const { replica, page, errors } = await open({
      existingRoles: [{ roleName: 'EditMe', description: 'Before', trustPolicy: TRUST }],
    });
    await page.goto(replica.url('aws', '/roles/details/EditMe'));
    const summary = page.locator('[data-testid="role-summary"]');
    const duration = page.locator('[data-testid="max-session-duration"]');
    await expect.poll(() => duration.textContent()).toBe('1 hour');
    expect(await page.locator('[data-testid="role-permissions-boundary"]').innerText()).toContain(
      'Permissions boundary is not set',
    );
    expect(await heading(page, 'Permissions boundary (not set)').count()).toBe(1);
    await page.getByRole('tab', { name: 'Tags' }).click();
    await expect.poll(() => heading(page, 'Tags (0)').count()).toBe(1);
    expect(await visible(page, 'No tags associated with the resource.').count()).toBe(1);

    await summary.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/EditMe/edit');
    await expect.poll(() => heading(page, 'Edit role').count()).toBe(1);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    const trail = await crumbs.innerText();
    const at = ['IAM', 'Roles', 'EditMe', 'Edit role'].map((t) => trail.indexOf(t));
    expect(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!))).toBe(true);
    expect(await page.getByLabel('Description').inputValue()).toBe('Before');
    const select = page.getByRole('button', { name: /^Maximum session duration/ });
    expect(await select.innerText()).toContain('1 hour');
    await select.click();
    const optionTexts = await page.getByRole('option').allInnerTexts();
    // Cloudscape adds a hidden "Selected …" to the chosen option.
    expect(optionTexts.map((t) => t.split('\n')[0])).toEqual([
      '1 hour',
      '2 hours',
      '4 hours',
      '8 hours',
      '12 hours',
      'Custom duration',
    ]);
    await page.getByRole('option', { name: 'Custom duration' }).click();
    const seconds = page.getByLabel('Duration in seconds');
    expect(await seconds.getAttribute('type')).toBe('number');
    await seconds.fill('50000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.locator('[data-testid="edit-role-error"]');
    await expect
      .poll(() => alert.textContent())
      .toContain(
        "1 validation error detected: Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
      );
    expect(replica.iam.role('EditMe')!.maxSessionDuration).toBe(3600);
    await seconds.fill('1800');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => alert.textContent())
      .toContain('Member must have value greater than or equal to 3600');
    expect(replica.iam.count('updateRole', 400)).toBe(2);

    await select.click();
    await page.getByRole('option', { name: '2 hours', exact: true }).click();
    expect(await page.getByLabel('Duration in seconds').count()).toBe(0);
    await page.getByLabel('Description').fill('After');
    await screenshot(page, 'guardrails-edit-role.png');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/EditMe');
    await expect.poll(() => flash(page).textContent()).toContain('Role EditMe updated.');
    await expect.poll(() => duration.textContent()).toBe('2 hours');
    expect(await summary.innerText()).toContain('After');
    expect(replica.iam.role('EditMe')).toMatchObject({
      description: 'After',
      maxSessionDuration: 7200,
    });
    await screenshot(page, 'guardrails-summary-2-hours.png');

    // Cancel changes nothing.
    await summary.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/EditMe');
    expect(replica.iam.count('updateRole', 200)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('shows what IAM holds for seeded roles; Edit role at the alternate route', async () => {
    const { replica, page, errors } = await open({
      roleRoutes: 'alternate',
      existingRoles: [
        {
          roleName: 'Seeded',
          trustPolicy: TRUST,
          tags: [
            { Key: 'Team', Value: 'Payments' },
            { Key: 'Empty', Value: '' },
          ],
          maxSessionDuration: 5400,
          permissionsBoundaryArn: aws('PowerUserAccess'),
        },
        { roleName: 'Long', trustPolicy: TRUST, maxSessionDuration: 43200 },
      ],
    });
    expect(replica.iam.role('Seeded')).toMatchObject({
      maxSessionDuration: 5400,
      permissionsBoundaryArn: aws('PowerUserAccess'),
    });
    await page.goto(replica.url('aws', '/roles/details/Seeded'));
    const duration = page.locator('[data-testid="max-session-duration"]');
    await expect.poll(() => duration.textContent()).toBe('1 hour 30 minutes');
    const section = page.locator('[data-testid="role-permissions-boundary"]');
    await expect.poll(() => heading(page, 'Permissions boundary (set)').count()).toBe(1);
    expect(await section.getByRole('link', { name: 'PowerUserAccess' }).getAttribute('href')).toBe(
      `#/policies/details/${encodeURIComponent(aws('PowerUserAccess'))}`,
    );
    expect(await section.innerText()).toContain('AWS managed');
    await page.getByRole('tab', { name: 'Tags' }).click();
    await expect.poll(() => heading(page, 'Tags (2)').count()).toBe(1);
    const table = page.locator('[data-testid="role-tags"]');
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^Team\s+Payments$/),
      expect.stringMatching(/^Empty\s*$/),
    ]);

    // A custom duration opens as Custom, its seconds filled in; the alternate route.
    await page
      .locator('[data-testid="role-summary"]')
      .getByRole('button', { name: 'Edit', exact: true })
      .click();
    await expect.poll(() => hash(page)).toBe('#/roles/Seeded/edit');
    await expect.poll(() => heading(page, 'Edit role').count()).toBe(1);
    expect(
      await page.getByRole('button', { name: /^Maximum session duration/ }).innerText(),
    ).toContain('Custom duration');
    expect(await page.getByLabel('Duration in seconds').inputValue()).toBe('5400');
    await page.getByLabel('Duration in seconds').fill('43200');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => hash(page)).toBe('#/roles/details/Seeded');
    await expect.poll(() => duration.textContent()).toBe('12 hours');
    expect(replica.iam.role('Seeded')!.maxSessionDuration).toBe(43200);
    // The default route is not served in this variant.
    await page.goto(replica.url('aws', '/roles/details/Long/edit'));
    await heading(page, /Dashboard|IAM/)
      .first()
      .waitFor();
    expect(await heading(page, 'Edit role').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('speaks Japanese: boundary, tags, Edit role, the Tags tab', async () => {
    const { replica, page, errors } = await open({
      language: 'ja',
      existingRoles: [
        { roleName: 'JaRole', trustPolicy: TRUST, tags: [{ Key: 'チーム', Value: '決済' }] },
      ],
    });
    await page.goto(replica.url('aws', '/roles/create?step=addPermission'));
    await boundarySection(page, /^アクセス許可の境界の設定 - オプション/).click();
    expect(
      await page.getByRole('radio', { name: 'アクセス許可の境界なしでロールを作成' }).isChecked(),
    ).toBe(true);
    await page
      .getByRole('radio', {
        name: 'アクセス許可の境界を使用してロールの最大アクセス許可を制御する',
      })
      .click();
    const filter = page.getByRole('searchbox', { name: 'ポリシーをフィルタリング' });
    await filter.fill('PowerUserAccess');
    await page.getByRole('radio', { name: 'PowerUserAccess', exact: true }).click();
    await page.getByRole('button', { name: '次へ', exact: true }).click();
    const review = page.locator('[data-testid="permissions-boundary-review"]');
    await expect.poll(() => review.innerText()).toContain('アクセス許可の境界');
    expect(await review.innerText()).toContain('PowerUserAccess');
    const tags = page.locator('[data-testid="role-tags-editor"]');
    expect(await tags.getByRole('heading', { name: 'タグを追加 - オプション' }).count()).toBe(1);
    expect(await visible(tags, 'リソースに関連付けられたタグはありません。').count()).toBe(1);
    expect(await visible(tags, 'さらに最大 50 個のタグを追加できます。').count()).toBe(1);
    await tags.getByRole('button', { name: '新しいタグを追加' }).click();
    await tags.getByRole('textbox', { name: 'キー', exact: true }).fill('Owner');
    await tags.getByRole('textbox', { name: '値 - オプション', exact: true }).fill('alice');
    expect(await tags.getByRole('button', { name: '削除' }).count()).toBe(1);
    await page.getByLabel('ロール名').fill('JaCreated');
    await screenshot(page, 'guardrails-wizard-tags-ja.png');
    await page.getByRole('button', { name: 'ロールを作成' }).click();
    await expect
      .poll(() => replica.iam.role('JaCreated')?.tags)
      .toEqual([{ Key: 'Owner', Value: 'alice' }]);
    expect(replica.iam.role('JaCreated')!.permissionsBoundaryArn).toBe(aws('PowerUserAccess'));

    await page.goto(replica.url('aws', '/roles/details/JaRole'));
    await expect.poll(() => heading(page, 'アクセス許可の境界 (未設定)').count()).toBe(1);
    const duration = page.locator('[data-testid="max-session-duration"]');
    expect(await duration.textContent()).toBe('1 時間');
    await page.getByRole('tab', { name: 'タグ' }).click();
    await expect.poll(() => heading(page, 'タグ (1)').count()).toBe(1);
    expect(
      await page.locator('[data-testid="role-tags"]').getByRole('columnheader').allInnerTexts(),
    ).toEqual(['キー', '値']);
    await page
      .locator('[data-testid="role-summary"]')
      .getByRole('button', { name: '編集', exact: true })
      .click();
    await expect.poll(() => heading(page, 'ロールを編集').count()).toBe(1);
    await page.getByRole('button', { name: /^最大セッション時間/ }).click();
    await page.getByRole('option', { name: 'カスタム期間' }).click();
    expect(await page.getByLabel('期間 (秒)').count()).toBe(1);
    await page.getByRole('button', { name: /^最大セッション時間/ }).click();
    await page.getByRole('option', { name: '2 時間', exact: true }).click();
    expect(await page.getByRole('button', { name: 'キャンセル' }).count()).toBe(1);
    await screenshot(page, 'guardrails-edit-role-ja.png');
    await page.getByRole('button', { name: '変更の保存' }).click();
    await expect
      .poll(() => flash(page).textContent())
      .toContain('ロール JaRole が更新されました。');
    await expect.poll(() => duration.textContent()).toBe('2 時間');
    expect(errors).toEqual([]);
  });
});

describe('IAM console replica: policy versions, deleting policies and roles', () => {
  const policyPage = `/policies/details/${encodeURIComponent(OWN_ARN)}`;
  const docWith = (action: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::crossrole/*' }],
  });
  /** Sets the Ace editor's text in the page world, as the extension's bridge does. */
  const setEditorText = (page: Page, text: string) =>
    page.evaluate((t) => {
      const el = document.querySelector('.ace_editor') as unknown as {
        env: { editor: { setValue(v: string, c: number): void } };
      };
      el.env.editor.setValue(t, -1);
    }, text);
  const versionsShown = (page: Page) =>
    page
      .locator('[data-testid="policy-versions"] tbody [data-version-id]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));

  it('saves edits as new versions (5 at most), lists them and deletes a non-default one', async () => {
    const { replica, page, errors } = await open({ existingPolicies: [OWN_POLICY] });
    await page.goto(replica.url('aws', policyPage));
    await expect.poll(() => heading(page, 'CrossroleReadBucket').count()).toBe(1);
    await expect
      .poll(() => page.locator('[data-testid="policy-document"]').textContent())
      .toContain('s3:GetObject');
    const edit = async () => {
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await expect
        .poll(() => heading(page, 'Modify permissions in CrossroleReadBucket').count())
        .toBe(1);
      await page.locator('.ace_editor').waitFor();
    };
    await edit();
    expect(hash(page)).toBe(`#/policies/details/${OWN_ARN}/edit`);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(await crumbs.innerText()).toContain('Edit policy');
    const asDefault = page.getByRole('checkbox', { name: 'Set this new version as the default.' });
    expect(await asDefault.isChecked()).toBe(true);
    await setEditorText(page, JSON.stringify(docWith('s3:ListBucket'), null, 2));
    await screenshot(page, 'guardrails-edit-policy.png');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => hash(page)).toBe(`#/policies/details/${OWN_ARN}`);
    await expect
      .poll(() => flash(page).textContent())
      .toContain('Policy CrossroleReadBucket updated.');
    expect(replica.iam.policy('CrossroleReadBucket')).toMatchObject({ defaultVersionId: 'v2' });
    expect(JSON.parse(replica.iam.policy('CrossroleReadBucket')!.document)).toEqual(
      docWith('s3:ListBucket'),
    );
    await expect
      .poll(() => page.locator('[data-testid="policy-document"]').textContent())
      .toContain('s3:ListBucket');

    // v3 not as the default; then v4, v5; a sixth is IAM's LimitExceeded.
    await edit();
    await setEditorText(page, JSON.stringify(docWith('s3:PutObject')));
    await asDefault.click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => hash(page)).toBe(`#/policies/details/${OWN_ARN}`);
    expect(replica.iam.policy('CrossroleReadBucket')!.defaultVersionId).toBe('v2');
    for (const action of ['s3:DeleteObject', 's3:GetBucketLocation']) {
      await edit();
      await setEditorText(page, JSON.stringify(docWith(action)));
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => hash(page)).toBe(`#/policies/details/${OWN_ARN}`);
    }
    await edit();
    await setEditorText(page, JSON.stringify(docWith('s3:GetObjectTagging')));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.locator('[data-testid="edit-policy-error"]').textContent())
      .toContain(
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      );
    expect(hash(page)).toBe(`#/policies/details/${OWN_ARN}/edit`);
    expect(replica.iam.policy('CrossroleReadBucket')!.versions).toHaveLength(5);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Policy versions' }).click();
    await expect.poll(() => versionsShown(page)).toEqual(['v5 (Default)', 'v4', 'v3', 'v2', 'v1']);
    expect(await heading(page, 'Policy versions (5)').count()).toBe(1);
    const versions = page.locator('[data-testid="policy-versions"]');
    const remove = versions.getByRole('button', { name: 'Delete', exact: true });
    expect(await remove.isDisabled()).toBe(true);
    await versions.getByRole('radio', { name: 'v5' }).click();
    expect(await remove.isDisabled()).toBe(true);
    await versions.getByRole('radio', { name: 'v1' }).click();
    expect(await remove.isDisabled()).toBe(false);
    await screenshot(page, 'guardrails-policy-versions.png');
    await remove.click();
    await expect.poll(() => versionsShown(page)).toEqual(['v5 (Default)', 'v4', 'v3', 'v2']);
    expect(replica.iam.policy('CrossroleReadBucket')!.versions.map((v) => v.versionId)).toEqual([
      'v2',
      'v3',
      'v4',
      'v5',
    ]);
    // Set as default moves the default.
    await versions.getByRole('radio', { name: 'v2' }).click();
    await versions.getByRole('button', { name: 'Set as default' }).click();
    await expect.poll(() => versionsShown(page)).toEqual(['v5', 'v4', 'v3', 'v2 (Default)']);
    expect(replica.iam.policy('CrossroleReadBucket')!.defaultVersionId).toBe('v2');
    expect(errors).toEqual([]);
  });

  it('deletes a role once its name is typed; its policy can be deleted only after that', async () => {
    const { replica, page, errors } = await open({
      existingPolicies: [OWN_POLICY],
      existingRoles: [
        { roleName: 'DeleteMe', trustPolicy: TRUST, policyArns: [OWN_ARN, READ_ONLY] },
      ],
    });
    // The policy is attached: IAM refuses, inside the confirmation.
    await page.goto(replica.url('aws', policyPage));
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const policyModal = page.getByRole('dialog', { name: 'Delete CrossroleReadBucket?' });
    await policyModal.waitFor();
    const policyConfirm = policyModal.getByLabel(
      'To confirm deletion, enter the policy name in the text input field.',
    );
    const policyDelete = policyModal.getByRole('button', { name: 'Delete', exact: true });
    expect(await policyDelete.isDisabled()).toBe(true);
    await policyConfirm.fill('CrossroleReadBucket');
    await policyDelete.click();
    await expect
      .poll(() => policyModal.locator('[data-testid="delete-policy-error"]').textContent())
      .toContain('Cannot delete a policy attached to entities.');
    expect(replica.iam.policy('CrossroleReadBucket')).toBeDefined();
    await policyModal.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => policyModal.count()).toBe(0);

    // The role: Delete stays disabled until the exact name is typed.
    await page.goto(replica.url('aws', '/roles/details/DeleteMe'));
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const roleModal = page.getByRole('dialog', { name: 'Delete DeleteMe?' });
    await roleModal.waitFor();
    const confirm = roleModal.getByLabel(
      'To confirm deletion, enter the role name in the text input field.',
    );
    const roleDelete = roleModal.getByRole('button', { name: 'Delete', exact: true });
    expect(await roleDelete.isDisabled()).toBe(true);
    await confirm.fill('deleteme');
    expect(await roleDelete.isDisabled()).toBe(true);
    await confirm.fill('DeleteMe');
    expect(await roleDelete.isDisabled()).toBe(false);
    await screenshot(page, 'guardrails-delete-role.png');
    await roleDelete.click();
    await expect.poll(() => hash(page)).toBe('#/roles');
    await expect.poll(() => flash(page).textContent()).toContain('Role DeleteMe deleted.');
    expect(replica.iam.role('DeleteMe')).toBeUndefined();
    expect(replica.iam.count('detachRolePolicy', 200)).toBe(2);
    expect(replica.iam.count('deleteRole', 200)).toBe(1);

    // Now the policy goes, with its versions.
    replica.iam.createPolicyVersion(OWN_ARN, JSON.stringify(docWith('s3:ListBucket')), true);
    await page.goto(replica.url('aws', policyPage));
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await policyConfirm.fill('CrossroleReadBucket');
    await policyDelete.click();
    await expect.poll(() => hash(page)).toBe('#/policies');
    await expect
      .poll(() => flash(page).textContent())
      .toContain('Policy CrossroleReadBucket deleted.');
    expect(replica.iam.policies()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('speaks Japanese in the delete confirmation and on the policy page', async () => {
    const { replica, page, errors } = await open({
      language: 'ja',
      existingPolicies: [OWN_POLICY],
      existingRoles: [{ roleName: 'JaGone', trustPolicy: TRUST }],
    });
    await page.goto(replica.url('aws', '/roles/details/JaGone'));
    // The role's own Delete, in its header (the Permissions tab's Remove is also 削除).
    await page.getByRole('button', { name: '削除', exact: true }).first().click();
    const modal = page.getByRole('dialog', { name: 'JaGone を削除しますか?' });
    await modal
      .getByLabel('削除を確認するには、テキスト入力フィールドにロール名を入力します。')
      .fill('JaGone');
    await modal.getByRole('button', { name: '削除', exact: true }).click();
    await expect
      .poll(() => flash(page).textContent())
      .toContain('ロール JaGone が削除されました。');
    await page.goto(replica.url('aws', policyPage));
    await page.getByRole('tab', { name: 'ポリシーのバージョン' }).click();
    await expect.poll(() => versionsShown(page)).toEqual(['v1 (デフォルト)']);
    await page.getByRole('button', { name: '編集', exact: true }).click();
    await expect.poll(() => heading(page, 'CrossroleReadBucket の許可を変更').count()).toBe(1);
    expect(
      await page
        .getByRole('checkbox', { name: 'この新しいバージョンをデフォルトとして設定します。' })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: '変更の保存' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
