// Policies list (`#/policies`): the console comes back here after Create policy with a success
// flash naming the policy. Crossrole tells the background, then goes where its reply says: the
// next policy to create, or the Create role wizard with every policy pre-selected.
import { containsName } from '../../core/name-in-text.ts';
import { ANY_MODE, type Feature } from '../feature.ts';
import { waitFor } from '../lib/dom.ts';
import { flashTexts } from '../lib/flash.ts';
import { sessionAccountId } from '../lib/session.ts';

export const policiesList: Feature = {
  id: 'policies-list',
  matches: (path) => path === '/policies',
  modes: ANY_MODE,
  // arn-captured: an update's new policy (docs/lifecycle.md), then back to the role.
  states: ['started', 'arn-captured'],
  async init(context, signal) {
    const { setup } = context;
    const pending = setup.customPolicies.filter((p) => !p.created).map((p) => p.name);
    // Policy names are ASCII in every console language: look for the name in the flash.
    const created = await waitFor(
      () => pending.find((name) => flashTexts().some((f) => containsName(f.text, name))) ?? null,
      { signal, timeoutMs: 15_000 },
    );
    if (!created) return;
    const reply = await context.send({
      type: 'content.policyCreated',
      setupId: setup.id,
      policyName: created,
      sessionAccountId: sessionAccountId(),
    });
    if (!reply.ok || !reply.next || signal.aborted) return;
    location.hash = reply.next.hash;
  },
};
