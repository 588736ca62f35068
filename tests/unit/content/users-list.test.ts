// @vitest-environment happy-dom
// The users list after Create user (access-keys method): the flash linking to the setup's user
// is reported, then the user's Security credentials open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usersList } from '../../../src/content/features/users-list.ts';
import { fakeContext } from '../../support/feature-context.ts';

const USER = 'Example+User';
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  location.hash = '#/users';
  document.body.innerHTML = `<main><div data-itemid="1">User
    <a href="#/users/details/${encodeURIComponent(USER)}">${USER}</a> created.</div></main>`;
});
afterEach(() => controller.abort());

const options = { path: '/users', setup: { mode: 'access-keys' as const, roleName: USER } };

describe('Users list', () => {
  it('reports the user the flash links to and goes where the reply says (its security credentials)', async () => {
    const next = `#/users/details/${encodeURIComponent(USER)}?section=security_credentials`;
    const fake = fakeContext({
      ...options,
      reply: () => ({ ok: true, value: null, next: { hash: next } }),
    });
    await fake.start(usersList, controller.signal);
    expect(fake.sent).toEqual([
      { type: 'content.userCreated', setupId: 'setup-1', userName: USER },
    ]);
    expect(location.hash).toBe(next);
  });

  it('stays when the background refuses', async () => {
    const fake = fakeContext({ ...options, reply: () => ({ ok: false, error: 'No.' }) });
    await fake.start(usersList, controller.signal);
    expect(location.hash).toBe('#/users');
  });

  it('does nothing for a role setup', async () => {
    const fake = fakeContext({ ...options, setup: { ...options.setup, mode: 'create-role' } });
    expect(await fake.start(usersList, controller.signal)).toBe(false);
    expect(fake.sent).toEqual([]);
  });
});
