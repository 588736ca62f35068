// Users list (`#/users`): after Create user the console comes back here with a success flash
// linking to the user. Crossrole tells the background, whose reply opens the user's security
// credentials.
import type { Feature } from '../feature.ts';
import { waitFor } from '../lib/dom.ts';
import { flashNames } from '../lib/flash.ts';

export const usersList: Feature = {
  id: 'users-list',
  matches: (path) => path === '/users',
  modes: ['access-keys'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const { setup } = context;
    const created = await waitFor(
      () => (flashNames('users').includes(setup.roleName) ? setup.roleName : null),
      { signal, timeoutMs: 15_000 },
    );
    if (!created) return;
    const reply = await context.send({
      type: 'content.userCreated',
      setupId: setup.id,
      userName: created,
    });
    if (!reply.ok || !reply.next || signal.aborted) return;
    location.hash = reply.next.hash;
  },
};
