// Edit trust policy: one click merges the service's statement into the role's current trust
// policy (every other statement kept), puts it into the editor, reads it back and compares it
// as parsed JSON. The page has no documented route, so the feature recognises it by its
// content: a policy editor and an "Update policy" button under a role's route.
import { mergeTrustPolicy } from '../../core/trust-policy.ts';
import type { Feature } from '../feature.ts';
import { findButton, waitFor } from '../lib/dom.ts';
import { findEditorElement, readEditorText, sameJson, writeEditorText } from '../lib/editor.ts';
import { labelsFor } from '../lib/labels.ts';
import { stepNumber } from '../lib/steps.ts';
import type { PanelItem } from '../panel.ts';
import { PENDING_TRUST_UPDATE, roleNameFromPath } from './role-details.ts';

const editedRole = (path: string): string | null =>
  roleNameFromPath(path, 'edit_trust_policy') ?? roleNameFromPath(path, 'details');

export const editTrustPolicy: Feature = {
  id: 'edit-trust-policy',
  matches: (path) => editedRole(path) !== null,
  async init(context, signal) {
    const { setup } = context;
    const roleName = editedRole(context.path);
    if (!setup || roleName !== setup.roleName) return;
    if (!['started', 'role-created', 'arn-captured'].includes(setup.state)) return;
    const labels = labelsFor('updatePolicy', context.language);
    const page = await waitFor(
      () => {
        const update = findButton(document, labels);
        return update && findEditorElement() ? update : null;
      },
      { signal, timeoutMs: 24 * 60 * 60 * 1000 },
    );
    if (!page || signal.aborted) return;

    const panel = context.panel();
    const step = stepNumber(setup, 'trust');
    const expected = { principalArn: setup.principalArn, externalId: setup.externalId };
    let merged: string | null = null;

    const render = (title: string, items: PanelItem[], note?: string) =>
      panel.render({
        service: setup.serviceName,
        title,
        ...step,
        items,
        note,
        actions: [
          {
            label: 'Paste the trust statement',
            primary: merged === null,
            run: paste,
          },
        ],
      });

    async function paste(): Promise<void> {
      const current = await readEditorText();
      const result = mergeTrustPolicy(
        current ?? '{"Version":"2012-10-17","Statement":[]}',
        expected,
        setup!.serviceAccountId,
      );
      if (!result.ok)
        return render('The current trust policy cannot be read', [
          { status: 'problem', text: result.error },
        ]);
      merged = JSON.stringify(result.policy, null, 2);
      const method = await writeEditorText(merged);
      const back = await readEditorText();
      if (method !== 'clipboard' && sameJson(back, merged)) {
        const kept =
          (Array.isArray(result.policy.Statement) ? result.policy.Statement.length : 1) - 1;
        render('Trust policy ready: press Update policy', [
          {
            status: 'done',
            text: `Statement for ${setup!.serviceName} ${result.replaced ? 'replaced' : 'added'}, with your External ID`,
          },
          ...(kept > 0
            ? [
                {
                  status: 'done' as const,
                  text: `${kept} other statement${kept === 1 ? '' : 's'} kept as they were`,
                },
              ]
            : []),
          // A Deny of the customer's that stops the service is kept, and shown here to decide on.
          ...result.dangers.map((text) => ({ status: 'problem' as const, text })),
          { status: 'todo', text: 'Review it, then press Update policy.' },
        ]);
        panel.highlight(
          page,
          `Saves the trust policy: ${setup!.serviceName} can assume ${setup!.roleName}`,
        );
        return;
      }
      context.miss('trust-policy-editor');
      await navigator.clipboard.writeText(merged).catch(() => undefined);
      render(
        'Paste the trust policy yourself',
        [
          {
            status: 'manual',
            text: 'Click into the editor, select all (Ctrl/⌘+A) and paste (Ctrl/⌘+V).',
            copy: { value: merged, label: 'trust policy' },
          },
          { status: 'todo', text: 'Then press Update policy.' },
        ],
        'Crossrole could not write into this editor; the policy is on your clipboard.',
      );
    }

    render('Update the trust policy', [
      {
        status: 'todo',
        text: `"Paste the trust statement" adds the statement for ${setup.serviceName} (AWS account ${setup.serviceAccountId}, your External ID) and keeps every other statement.`,
      },
    ]);
    page.addEventListener('click', () => context.memory.set(PENDING_TRUST_UPDATE, setup.id), {
      signal,
      capture: true,
    });
  },
};
