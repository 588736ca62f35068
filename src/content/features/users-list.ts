// Users list (`#/users`): after Create user the console comes back here with a success flash
// linking to the user. Crossrole tells the background, whose reply opens the user's security
// credentials.
import type { Feature } from '../feature.ts';
import { waitFor } from '../lib/dom.ts';
import { flashTexts } from '../lib/flash.ts';

function flashUserNames(): string[] {
  return flashTexts().flatMap((f) =>
    f.links.flatMap((href) => {
      const match = /#\/users\/details\/([^?/]+)/.exec(href);
      try {
        return match?.[1] ? [decodeURIComponent(match[1])] : [];
      } catch {
        return [];
      }
    }),
  );
}

export const usersList: Feature = {
  id: 'users-list',
  matches: (path) => path === '/users',
  async init(context, signal) {
    const { setup } = context;
    if (
      !setup ||
      setup.mode !== 'access-keys' ||
      !['started', 'policies-created'].includes(setup.state)
    )
      return;
    const created = await waitFor(
      () => (flashUserNames().includes(setup.roleName) ? setup.roleName : null),
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
