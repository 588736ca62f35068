// Edit trust policy: one click merges the service's statement into the role's current trust
// policy (every other statement kept), puts it into the editor and reads it back. What the
// editor says is only guidance (a page script could answer for it): the trust counts as
// verified only when the role page shows it after the customer's Update policy. The page has no
// documented route, so the feature knows it by what it shows: a heading "Edit trust policy", a
// policy editor and an "Update policy" button, for the setup's role (docs/console.md).
import { roleNameFromPath } from '../../core/console-links.ts';
import { ANY_MODE, type Feature } from '../feature.ts';
import { findButton, waitFor } from '../lib/dom.ts';
import { findEditorElement, readEditorText, sameJson, writeEditorText } from '../lib/editor.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor, type Language } from '../lib/labels.ts';
import { headings, mainContent } from '../lib/page.ts';
import { aboutRole, PENDING_TRUST_UPDATE } from '../lib/role-page.ts';
import { stepNumber } from '../lib/steps.ts';
import type { PanelItem } from '../panel.ts';

function updateButton(language: Language): HTMLButtonElement | null {
  const main = mainContent();
  return main && findEditorElement(main)
    ? findButton(main, labelsFor('updatePolicy', language))
    : null;
}

/** The edit page by its content: its heading, an editor and Update policy. */
function showsEditor(language: Language): boolean {
  const titles = labelsFor('editTrustPolicy', language);
  return updateButton(language) !== null && headings().some((h) => titles.includes(h));
}

export const editTrustPolicy: Feature = {
  id: 'edit-trust-policy',
  matches: (path) => roleNameFromPath(path, 'edit_trust_policy') !== null,
  shows: showsEditor,
  modes: ANY_MODE,
  states: ['started', 'role-created', 'arn-captured'],
  async init(context, signal) {
    const { setup, language } = context;
    const page = await waitFor(() => updateButton(language), {
      signal,
      timeoutMs: 24 * 60 * 60 * 1000,
    });
    if (!page || signal.aborted || !aboutRole(context.path, setup.roleName)) return;

    const t = say(language);
    const panel = context.panel();
    const step = stepNumber(setup, 'trust');
    let merged: string | null = null;

    const render = (title: string, items: PanelItem[], note?: string) =>
      panel.render({
        service: setup.serviceName,
        title,
        ...step,
        items,
        note,
        actions: [{ label: t.pasteTrust, primary: merged === null, run: paste }],
      });

    async function paste(): Promise<void> {
      const reply = await context.judgeTrust('merge', await readEditorText());
      if (!reply.ok)
        return render(t.trustUnreadableEditor, [{ status: 'problem', text: reply.error }]);
      const result = reply.value;
      merged = result.merged ?? '';
      const method = await writeEditorText(merged);
      const back = await readEditorText();
      if (method !== 'clipboard' && sameJson(back, merged)) {
        render(t.trustReady, [
          {
            status: 'done',
            text: (result.replaced ? t.statementReplaced : t.statementAdded)(setup.serviceName),
          },
          ...(result.kept > 0
            ? [
                {
                  status: 'done' as const,
                  text: result.kept === 1 ? t.keptOne : t.keptMany(result.kept),
                },
              ]
            : []),
          // A Deny of the customer's that stops the service is kept, and shown here to decide on.
          ...result.problems.map((text) => ({ status: 'problem' as const, text })),
          { status: 'todo', text: t.reviewUpdate },
        ]);
        panel.highlight(page, t.savesTrust(setup.serviceName, setup.roleName));
        return;
      }
      context.miss('trust-policy-editor');
      await navigator.clipboard.writeText(merged).catch(() => undefined);
      render(
        t.pasteYourself,
        [
          {
            status: 'manual',
            text: t.pasteYourselfText,
            copy: { value: merged, label: 'JSON' },
          },
          { status: 'todo', text: t.thenUpdate },
        ],
        t.onClipboard,
      );
    }

    render(t.updateTrust, [
      { status: 'todo', text: t.updateTrustText(setup.serviceName, setup.serviceAccountId) },
    ]);
    // Only the customer's own press counts as "the customer updated the policy".
    const pressed = (event: Event) =>
      event.isTrusted && context.memory.set(PENDING_TRUST_UPDATE, setup.id);
    page.addEventListener('click', pressed, { signal, capture: true });
  },
};
