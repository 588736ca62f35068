// Roles list (`#/roles`): after Create role the console comes back here with a success flash
// linking to the new role. That is the confirmation the background waits for; its reply opens
// the role's page, where the ARN and the trust policy are read.
import type { Feature } from '../feature.ts';
import { waitFor } from '../lib/dom.ts';
import { flashNames } from '../lib/flash.ts';
import { say } from '../lib/i18n.ts';
import { stepNumber } from '../lib/steps.ts';

export const rolesList: Feature = {
  id: 'roles-list',
  matches: (path) => path === '/roles',
  modes: ['create-role'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const { setup } = context;
    const created = await waitFor(
      () => (flashNames('roles').includes(setup.roleName) ? setup.roleName : null),
      { signal, timeoutMs: 15_000 },
    );
    if (!created) return;
    // The role exists in IAM now: a refusal or a background that stayed unreachable is said,
    // with a button to tell it again (the background takes a repeated report as one).
    const report = async (): Promise<void> => {
      const reply = await context.send({
        type: 'content.roleCreated',
        setupId: setup.id,
        roleName: created,
      });
      if (signal.aborted) return;
      if (!reply.ok) {
        const t = say(context.language);
        context.panel().render({
          service: setup.serviceName,
          title: t.roleNotAccepted,
          ...stepNumber(setup, 'capture'),
          items: [{ status: 'problem', text: reply.error }],
          actions: [{ label: t.tryAgain, primary: true, run: report }],
        });
        return;
      }
      if (reply.next) location.hash = reply.next.hash;
    };
    await report();
  },
};
