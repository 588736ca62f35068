// @vitest-environment happy-dom
// The Create role wizard (docs/console.md, "The wizard"): each step filled and read back, Next
// pressed once per step and only while that step is shown (a hasty customer's own Next must not
// make Crossrole skip the next step), the review read back before Create role is pointed at, and
// going back to the step to fix when it is wrong. Create role itself is never pressed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRoleWizard } from '../../../src/content/features/create-role-wizard.ts';
import type { TrustVerdict } from '../../../src/core/content-setup.ts';
import { fakeContext, SETUP, wizardPage } from '../../support/feature-context.ts';

const ENTITY = `
  <label><input type="radio" name="type" value="AWS_SERVICE" checked>AWS service</label>
  <label><input type="radio" name="type" value="AWS_ACCOUNT">AWS account</label>
  <label><input type="radio" name="account" value="this">This account</label>
  <label><input type="radio" name="account" value="other">Another AWS account</label>
  <label for="account">Account ID</label><input id="account">
  <label><input type="checkbox" id="require">Require external ID</label>
  <div class="external" hidden><label for="external">External ID</label><input id="external"></div>
  <label><input type="checkbox" id="mfa" checked>Require MFA</label>`;
const POLICIES = `
  <input type="search" aria-label="Search">
  <table><tbody>
    <tr><td><input type="checkbox" id="p1"></td><td><a>ReadOnlyAccess</a></td></tr>
    <tr><td><input type="checkbox" id="p2"></td><td><a>AmazonEC2ReadOnlyAccess</a></td></tr>
  </tbody></table>`;
const REVIEW = `
  <label for="name">Role name</label><input id="name">
  <label for="description">Description</label><textarea id="description"></textarea>
  <pre>{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}</pre>
  <ul><li class="policy">ReadOnlyAccess</li></ul>`;

const verdict = (verified: boolean): TrustVerdict => ({
  verified,
  problems: verified ? [] : ['The trust policy does not require your External ID.'],
  merged: null,
  replaced: false,
  kept: 0,
});

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

function page() {
  const wizard = wizardPage([ENTITY, POLICIES, REVIEW], 'Create role');
  // The console shows External ID only once "Require external ID" is ticked.
  const require = wizard.get(1, '#require');
  require.addEventListener('change', () =>
    wizard.get<HTMLElement>(1, '.external').toggleAttribute('hidden', !require.checked),
  );
  return wizard;
}

const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

describe('Create role wizard', () => {
  it('fills every step, presses Next once per step, and points at Create role only when the review is right', async () => {
    const wizard = page();
    const fake = fakeContext({
      path: '/roles/create',
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Ready: press Create role'));

    expect(wizard.get(1, 'input[value="AWS_ACCOUNT"]').checked).toBe(true);
    expect(wizard.get(1, 'input[value="other"]').checked).toBe(true);
    expect(wizard.get(1, '#account').value).toBe(SETUP.serviceAccountId);
    expect(wizard.get(1, '#require').checked).toBe(true);
    expect(wizard.get(1, '#external').value).toBe(SETUP.externalId);
    expect(wizard.get(1, '#mfa').checked).toBe(false);
    expect(wizard.get(2, '#p1').checked).toBe(true);
    expect(wizard.get(2, '#p2').checked).toBe(false); // a look-alike name is not the policy
    expect(wizard.get(3, '#name').value).toBe(SETUP.roleName);
    expect(wizard.get<HTMLTextAreaElement>(3, '#description').value).toBe(SETUP.roleDescription);

    expect(wizard.clicks).toEqual({ next: 2, previous: 0, last: 0 });
    expect(fake.judged).toEqual([
      { action: 'check', text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' },
    ]);
    expect(fake.rendered.map((s) => s.title)).toEqual(
      expect.arrayContaining(['Trusted entity filled in', 'Permissions selected']),
    );
    expect(fake.highlights.at(-1)).toEqual({
      target: wizard.primary,
      caption: `Creates ${SETUP.roleName} for ${SETUP.serviceName}`,
    });
    expect(fake.misses).toEqual([]);
  });

  it('does not press Next again when a hasty customer already left the step: the next step is still filled', async () => {
    const wizard = page();
    // The customer presses Next the moment the last field of step 1 changes.
    wizard.get(1, '#mfa').addEventListener('change', () => wizard.primary.click());
    const fake = fakeContext({
      path: '/roles/create',
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Ready: press Create role'));
    // One Next was the customer's, one Crossrole's (after ticking the policy on step 2).
    expect(wizard.clicks.next).toBe(2);
    expect(wizard.get(2, '#p1').checked).toBe(true);
  });

  it('says what is wrong on the review, highlights nothing, and goes back to the step to fix', async () => {
    const wizard = page();
    const fake = fakeContext({
      path: '/roles/create',
      trust: () => ({ ok: true, value: verdict(false) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Not ready yet'));
    expect(fake.last()!.items).toContainEqual({
      status: 'problem',
      text: 'The trust policy does not require your External ID.',
    });
    expect(fake.highlights.at(-1)).toEqual({ target: null, caption: '' });
    const back = fake.last()!.actions!.find((a) => a.primary)!;
    expect(back.label).toBe('Go back and fix the trusted entity');
    const rendered = fake.rendered.length;
    await back.run();
    expect(wizard.clicks.previous).toBe(2);
    // Back on the trusted entity, Crossrole fills it and goes on again: the review is read anew.
    await until(() => expect(fake.rendered.length).toBeGreaterThan(rendered));
    await until(() => expect(wizard.step()).toBe(3));
    await until(() => expect(fake.judged).toHaveLength(2));
    expect(wizard.clicks.last).toBe(0);
  });

  it('reports a policy missing from the review and offers to go back to the permissions', async () => {
    const wizard = page();
    wizard.get<HTMLElement>(3, '.policy').textContent = 'SomethingElse';
    const fake = fakeContext({
      path: '/roles/create',
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Not ready yet'));
    expect(fake.last()!.items).toContainEqual({
      status: 'problem',
      text: 'Not in the chosen permissions: ReadOnlyAccess.',
    });
    expect(fake.last()!.actions!.map((a) => a.label)).toEqual([
      'Go back and tick the missing policies',
    ]);
  });

  it('tells the background when the customer renames the role, and reads the review again', async () => {
    const wizard = page();
    const fake = fakeContext({
      path: '/roles/create',
      trust: () => ({ ok: true, value: verdict(true) }),
      reply: (message) => ({
        ok: true,
        value:
          message.type === 'content.roleRenamed' ? { ...SETUP, roleName: message.roleName } : null,
      }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Ready: press Create role'));
    const name = wizard.get(3, '#name');
    name.value = 'OtherName';
    name.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() =>
      expect(fake.sent).toContainEqual({
        type: 'content.roleRenamed',
        setupId: SETUP.id,
        roleName: 'OtherName',
      }),
    );
    await until(() => expect(fake.last()?.note).toContain('Create role makes OtherName'));
    expect(name.value).toBe('OtherName');
  });

  it('offers the customer everything to fill by hand when no step shows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    document.body.innerHTML = '<main><p>Something else</p></main>';
    const fake = fakeContext({ path: '/roles/create' });
    void fake.start(createRoleWizard, controller.signal);
    await vi.advanceTimersByTimeAsync(20_500);
    expect(fake.misses).toEqual(['wizard-step']);
    expect(fake.last()!.title).toBe('Crossrole cannot find the Create role form');
    expect(fake.last()!.items.map((i) => i.copy?.value)).toEqual([
      undefined,
      SETUP.serviceAccountId,
      SETUP.externalId,
      undefined,
      'ReadOnlyAccess',
      SETUP.roleName,
    ]);
    // The older form is where the background's setup says, not a link the page computes.
    const [older] = fake.last()!.actions!;
    expect(older?.label).toBe('Try the older form');
    await older!.run();
    expect(location.hash).toBe(SETUP.olderFormHash);
  });

  it('puts the planned tags into the tag editor, a new row each, and reads them back', async () => {
    const wizard = wizardPage(
      [ENTITY, POLICIES, `${REVIEW}<div id="tags"></div><button id="add">Add new tag</button>`],
      'Create role',
    );
    const require = wizard.get(1, '#require');
    require.addEventListener('change', () =>
      wizard.get<HTMLElement>(1, '.external').toggleAttribute('hidden', !require.checked),
    );
    let rows = 0;
    wizard.get(3, '#add').addEventListener('click', () => {
      rows += 1;
      wizard
        .get(3, '#tags')
        .insertAdjacentHTML(
          'beforeend',
          `<label for="k${rows}">Key</label><input id="k${rows}">` +
            `<label for="v${rows}">Value - optional</label><input id="v${rows}">`,
        );
    });
    const tags = [
      { key: 'CostCenter', value: '4711' },
      { key: 'Team', value: 'ops' },
    ];
    const fake = fakeContext({
      path: '/roles/create',
      setup: { tags },
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Ready: press Create role'));
    expect(
      [1, 2].map((n) => [wizard.get(3, `#k${n}`).value, wizard.get(3, `#v${n}`).value]),
    ).toEqual([
      ['CostCenter', '4711'],
      ['Team', 'ops'],
    ]);
    expect(fake.last()!.items).toContainEqual({
      status: 'done',
      text: 'Tags: CostCenter=4711, Team=ops',
    });

    // IAM refuses Create role (a service control policy): its words, and what to do.
    const denial =
      'User: arn:aws:sts::111122223333:assumed-role/Admin/alice is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/ExampleRole with an explicit deny in a service control policy';
    wizard.get(3, '#tags').insertAdjacentHTML('beforebegin', `<div role="alert">${denial}</div>`);
    await until(() => expect(fake.last()?.title).toBe('IAM refused to create the role'));
    expect(fake.last()!.items[0]).toEqual({ status: 'problem', text: denial });
    expect(fake.last()!.note).toContain('nothing was sent to Example Service');
    expect(fake.sent.map((m) => m.type)).not.toContain('content.roleCreated');
  });

  it('leaves a tag the editor does not take to the customer, with the tags to copy', async () => {
    const wizard = page();
    const fake = fakeContext({
      path: '/roles/create',
      setup: { tags: [{ key: 'CostCenter', value: '4711' }] },
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Not ready yet'));
    expect(wizard.step()).toBe(3);
    expect(fake.last()!.items).toContainEqual(
      expect.objectContaining({
        status: 'manual',
        copy: { value: 'CostCenter=4711', label: 'tags' },
      }),
    );
    expect(fake.misses).toContain('tags');
    expect(fake.highlights.at(-1)!.target).toBeNull();
  });

  it('sets the chosen permissions boundary in its own section of the permissions step', async () => {
    const BOUNDARY_SECTION = `<button aria-expanded="false" id="bh">Set permissions boundary - optional</button>
      <div id="bs" hidden>
        <label><input type="radio" name="b" checked>Create role without a permissions boundary</label>
        <label><input type="radio" name="b" id="use">Use a permissions boundary to control the maximum role permissions</label>
        <div><input type="search" aria-label="Filter policies" id="bf">
          <table><tbody>
            <tr><td><input type="radio" name="pick" id="r1"></td><td>OrgBoundaryOld</td></tr>
            <tr><td><input type="radio" name="pick" id="r2"></td><td>OrgBoundary</td></tr>
          </tbody></table></div></div>`;
    const wizard = wizardPage([ENTITY, `${POLICIES}${BOUNDARY_SECTION}`, REVIEW], 'Create role');
    const require = wizard.get(1, '#require');
    require.addEventListener('change', () =>
      wizard.get<HTMLElement>(1, '.external').toggleAttribute('hidden', !require.checked),
    );
    const header = wizard.get<HTMLElement>(2, '#bh');
    header.addEventListener('click', () => {
      header.setAttribute('aria-expanded', 'true');
      wizard.get<HTMLElement>(2, '#bs').hidden = false;
    });
    const fake = fakeContext({
      path: '/roles/create',
      setup: { permissionsBoundary: 'OrgBoundary' },
      trust: () => ({ ok: true, value: verdict(true) }),
    });
    void fake.start(createRoleWizard, controller.signal);
    await until(() => expect(fake.last()?.title).toBe('Ready: press Create role'));
    expect(wizard.get(2, '#use').checked).toBe(true);
    expect(wizard.get(2, '#bf').value).toBe('OrgBoundary');
    expect(wizard.get(2, '#r2').checked).toBe(true);
    expect(wizard.get(2, '#r1').checked).toBe(false);
    expect(fake.rendered.flatMap((r) => r.items.map((i) => i.text))).toContain(
      'Permissions boundary: OrgBoundary',
    );
  });

  it('acts only for the create-role method while the role is not created yet', async () => {
    page();
    for (const setup of [{ mode: 'access-keys' as const }, { state: 'role-created' }]) {
      const fake = fakeContext({ path: '/roles/create', setup });
      expect(await fake.start(createRoleWizard, controller.signal)).toBe(false);
      expect(fake.rendered).toEqual([]);
    }
  });
});
