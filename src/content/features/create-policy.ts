// Create policy (`#/policies/create`): when the setup's access level needs customer-managed
// policies, each is created first. Crossrole switches the editor to JSON, pastes the policy,
// reads it back, fills name and description, and leaves Create policy to the customer.
import { ANY_MODE, type Feature } from '../feature.ts';
import { findButton, findByLabel, setValue, settled, waitFor } from '../lib/dom.ts';
import { writePolicyEditor } from '../lib/editor.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor } from '../lib/labels.ts';
import { stepNumber } from '../lib/steps.ts';
import type { PanelItem } from '../panel.ts';

export const createPolicy: Feature = {
  id: 'create-policy',
  matches: (path) => path === '/policies/create',
  modes: ANY_MODE,
  // arn-captured: a policy an update's customer asked Crossrole to create (docs/lifecycle.md).
  states: ['started', 'arn-captured'],
  async init(context, signal) {
    const { setup } = context;
    const index = setup.customPolicies.findIndex((p) => !p.created);
    const policy = setup.customPolicies[index];
    if (!policy) return;
    const panel = context.panel();
    const step = stepNumber(setup, 'policy', index);
    const json = JSON.stringify(policy.document, null, 2);
    const items: PanelItem[] = [];
    const t = say(context.language);
    const render = (title: string, note?: string) =>
      panel.render({ service: setup.serviceName, title, ...step, items, note });

    // The JSON tab of the Visual | JSON switch.
    const jsonTab = await waitFor(() => findButton(document, labelsFor('json', context.language)), {
      signal,
      timeoutMs: 10_000,
    });
    if (jsonTab && jsonTab.getAttribute('aria-pressed') !== 'true') jsonTab.click();
    const written = await writePolicyEditor(json, signal, context.miss);
    if (signal.aborted) return;
    if (written) {
      items.push({ status: 'done', text: t.policyPasted(policy.name) });
    } else {
      items.push({
        status: 'manual',
        text: t.pastePolicy,
        copy: { value: json, label: 'JSON' },
      });
      render(t.createThePolicy(policy.name), t.thenNext);
      return;
    }
    await settled(signal);
    // Next leads to the name step; it creates nothing.
    const nameField = () =>
      findByLabel<HTMLInputElement>(document, 'input', labelsFor('policyName', context.language));
    if (!nameField()) findButton(document, labelsFor('next', context.language))?.click();
    const name = await waitFor(nameField, { signal, timeoutMs: 10_000 });
    if (!name) context.miss('policy-name');
    const nameOk = name ? setValue(name, policy.name) : false;
    items.push(
      nameOk
        ? { status: 'done', text: t.policyNameDone(policy.name) }
        : {
            status: 'manual',
            text: t.policyNameField,
            copy: { value: policy.name, label: t.policyNameField },
          },
    );
    const description = findByLabel<HTMLTextAreaElement>(
      document,
      'textarea, input',
      labelsFor('description', context.language),
    );
    if (policy.description) {
      const ok = description ? setValue(description, policy.description) : false;
      items.push(
        ok
          ? { status: 'done', text: t.descriptionDone }
          : {
              status: 'manual',
              text: t.descriptionField,
              copy: { value: policy.description, label: t.descriptionField },
            },
      );
    }
    items.push({
      status: 'todo',
      text: t.reviewCreatePolicy,
    });
    render(t.createThePolicy(policy.name), t.policyNote(setup.serviceName));
    panel.highlight(
      findButton(document, labelsFor('createPolicy', context.language)),
      t.createsPolicy(policy.name),
    );
  },
};
