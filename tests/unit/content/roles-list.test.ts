// @vitest-environment happy-dom
// The roles list after Create role: the success flash naming the setup's role is the
// confirmation the background waits for; then the role's page opens on its trust policy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rolesList } from '../../../src/content/features/roles-list.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const flash = (name: string) =>
  (document.body.innerHTML = `<main><div data-itemid="1">Role
    <a href="#/roles/details/${encodeURIComponent(name)}">${name}</a> created.</div></main>`);

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  location.hash = '#/roles';
});
afterEach(() => controller.abort());

describe('Roles list', () => {
  it('reports the role the flash links to and goes where the reply says (its trust relationships)', async () => {
    flash(SETUP.roleName);
    const next = `#/roles/details/${SETUP.roleName}?section=trust_relationships`;
    const fake = fakeContext({
      path: '/roles',
      reply: () => ({ ok: true, value: SETUP, next: { hash: next } }),
    });
    expect(await fake.start(rolesList, controller.signal)).toBe(true);
    expect(fake.sent).toEqual([
      { type: 'content.roleCreated', setupId: SETUP.id, roleName: SETUP.roleName },
    ]);
    expect(location.hash).toBe(next);
  });

  it('says why when the background refuses, and stays', async () => {
    flash(SETUP.roleName);
    const fake = fakeContext({ path: '/roles', reply: () => ({ ok: false, error: 'Too late.' }) });
    await fake.start(rolesList, controller.signal);
    expect(fake.last()).toMatchObject({
      title: 'Crossrole did not accept this role',
      items: [{ status: 'problem', text: 'Too late.' }],
    });
    expect(location.hash).toBe('#/roles');
  });

  it('offers to tell the background again when it could not be reached, and goes on once it answers', async () => {
    flash(SETUP.roleName);
    const next = `#/roles/details/${SETUP.roleName}?section=trust_relationships`;
    let reachable = false;
    const fake = fakeContext({
      path: '/roles',
      reply: () =>
        reachable
          ? { ok: true, value: SETUP, next: { hash: next } }
          : {
              ok: false,
              error: 'Crossrole could not reach its background (it may be restarting).',
            },
    });
    await fake.start(rolesList, controller.signal);
    const retry = fake.last()?.actions?.find((a) => a.label === 'Try again');
    expect(retry?.primary).toBe(true);
    reachable = true;
    await retry!.run();
    expect(fake.sent).toHaveLength(2);
    expect(location.hash).toBe(next);
  });

  it('ignores a flash about another role', async () => {
    flash('SomeoneElsesRole');
    const fake = fakeContext({ path: '/roles' });
    const done = fake.start(rolesList, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await done;
    expect(fake.sent).toEqual([]);
  });
});
