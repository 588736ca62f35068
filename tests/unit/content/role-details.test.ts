// @vitest-environment happy-dom
// The role's page: a trust update the customer made is reported first; an update-trust setup
// opens the trust policy editor (once the console lets its button be pressed); a created role
// is read back and reported as IAM shows it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleDetails } from '../../../src/content/features/role-details.ts';
import { PENDING_TRUST_UPDATE } from '../../../src/content/lib/role-page.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const ARN = `arn:aws:iam::111122223333:role/${SETUP.roleName}`;
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}';

function page() {
  document.body.innerHTML = `<main><h1>${SETUP.roleName}</h1><div>ARN <span>${ARN}</span></div>
    <div role="tablist">
      <button role="tab" aria-selected="true">Permissions</button>
      <button role="tab" aria-selected="false">Trust relationships</button>
    </div>
    <div role="tabpanel" id="panel"></div>
    <button id="edit">Edit trust policy</button></main>`;
  const clicks = { edit: 0 };
  const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  for (const tab of tabs)
    tab.addEventListener('click', () => {
      for (const t of tabs) t.setAttribute('aria-selected', String(t === tab));
      document.getElementById('panel')!.innerHTML =
        tab.textContent === 'Trust relationships' ? `<pre>${TRUST}</pre>` : '';
    });
  document.getElementById('edit')!.addEventListener('click', () => (clicks.edit += 1));
  return clicks;
}
const path = `/roles/details/${SETUP.roleName}`;

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Role details', () => {
  it('reports the customer’s trust update once, and says so when it is refused', async () => {
    page();
    const fake = fakeContext({ path, reply: () => ({ ok: false, error: 'Not this role.' }) });
    fake.memory.set(PENDING_TRUST_UPDATE, SETUP.id);
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([
      { type: 'content.trustUpdated', setupId: SETUP.id, roleName: SETUP.roleName },
    ]);
    expect(fake.memory.has(PENDING_TRUST_UPDATE)).toBe(false);
    expect(fake.last()).toMatchObject({
      title: 'Crossrole did not accept this update',
      items: [{ status: 'problem', text: 'Not this role.' }],
    });
  });

  it('opens the trust policy editor for an update-trust setup', async () => {
    const clicks = page();
    const fake = fakeContext({ path, setup: { mode: 'update-trust' } });
    await fake.start(roleDetails, controller.signal);
    expect(document.querySelector('[aria-selected="true"]')!.textContent).toBe(
      'Trust relationships',
    );
    expect(clicks.edit).toBe(1);
    expect(fake.sent).toEqual([]);
  });

  it('reads the created role back and reports the ARN texts and the trust policy it shows', async () => {
    page();
    const fake = fakeContext({
      path,
      setup: { mode: 'update-trust', state: 'role-created' },
      reply: () => ({ ok: true, value: { ...SETUP, state: 'verified' } }),
    });
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        type: 'content.rolePage',
        setupId: SETUP.id,
        roleName: SETUP.roleName,
        arnTexts: [ARN],
        trustPolicyText: TRUST,
        attachedPolicies: null,
      }),
    ]);
    expect(fake.last()!.title).toBe(`Sending the role to ${SETUP.serviceName}`);
  });

  it('does nothing on another role’s page', async () => {
    page();
    const fake = fakeContext({
      path: '/roles/details/OtherRole',
      setup: { state: 'role-created' },
    });
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([]);
    expect(fake.rendered).toEqual([]);
  });
});
