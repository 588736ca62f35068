// Attach policies (Add permissions on a role): when the role read back lacks a policy of the
// setup, Crossrole opens this page from the role's Permissions tab, ticks the missing policies
// in its table (whichever page they are on) and highlights Add permissions; the customer
// presses it, and the role page reads the role back again. The page's route is not documented,
// so it is known by what it shows: a heading "Attach policy to <role>" (or the breadcrumb "Add
// permissions"), a policy table and the Add permissions button (docs/console.md).
import { ANY_MODE, type Feature } from '../feature.ts';
import { findButton, waitFor } from '../lib/dom.ts';
import { guardWord } from '../lib/guard.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor, type Language } from '../lib/labels.ts';
import { headingNaming, mainContent } from '../lib/page.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { stepNumber } from '../lib/steps.ts';

/** The page's title names the role it attaches to: "Attach policy to <role>". */
const attachTarget = (language: Language): string | null =>
  headingNaming('attachPolicyTo', language);

function addButton(language: Language): HTMLButtonElement | null {
  const main = mainContent();
  // Cloudscape draws its checkboxes over transparent inputs: structure, not visibility, here.
  if (!main?.querySelector('table input[type="checkbox"]')) return null;
  return findButton(main, labelsFor('addPermissions', language));
}

export const attachPolicies: Feature = {
  id: 'attach-policies',
  shows: (language) => attachTarget(language) !== null && addButton(language) !== null,
  modes: ANY_MODE,
  states: ['arn-captured'],
  async init(context, signal) {
    const { setup, language } = context;
    if (!setup.missingPolicies?.length) return;
    // Japanese titles put the role first ("<role> にポリシーをアタッチ"): accept either side.
    const target = attachTarget(language)?.replace(/\s*(に|to)$/, '');
    if (target !== setup.roleName) return;
    const t = say(language);
    const panel = context.panel();
    const step = stepNumber(setup, 'capture');
    panel.render({
      service: setup.serviceName,
      title: t.attachTitle,
      ...step,
      items: setup.missingPolicies.map((name) => ({ status: 'todo', text: name })),
    });
    const { items, allOk } = await selectPolicies(
      setup.missingPolicies,
      language,
      signal,
      context.miss,
      mainContent() ?? document,
    );
    if (signal.aborted) return;
    const add = await waitFor(() => addButton(language), { signal, timeoutMs: 5000 });
    // An update's own policy that the account lacks can be created first (docs/lifecycle.md).
    const absent = setup.update
      ? setup.missingPolicies.filter(
          (name, i) =>
            items[i]?.status !== 'done' && setup.customPolicies.some((p) => p.name === name),
        )
      : [];
    panel.render({
      service: setup.serviceName,
      title: allOk ? t.attachReady : t.attachTitle,
      ...step,
      items,
      actions: absent.map((policy) => ({
        label: guardWord(context, 'policyCreate', { policy }),
        run: async () => {
          const reply = await context.send({
            type: 'content.policyMissing',
            setupId: setup.id,
            policyName: policy,
          });
          if (reply.ok && reply.next) location.hash = reply.next.hash;
        },
      })),
      note: t.attachNote(setup.roleName),
    });
    panel.highlight(allOk ? add : null, t.attaches(setup.roleName));
  },
};
