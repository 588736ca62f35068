// Edit role (the role summary's Edit): where the maximum session duration is set after
// creation, since the Create role wizard has no field for it (docs/guardrails.md). Its route is
// not documented, so the page is known by what it shows: a "Maximum session duration" select
// and Save changes, under a heading or breadcrumb naming the setup's role. Crossrole chooses the
// duration and reads it back; the customer presses Save changes, and the role page that follows
// reads the role again before anything is reported.
import { parseSessionDuration } from '../../core/session-duration.ts';
import type { Feature } from '../feature.ts';
import { press, selectedText, TRIGGER } from '../lib/controls.ts';
import { enabledButton, findByLabel, normalize, waitFor } from '../lib/dom.ts';
import { manual } from '../lib/fill.ts';
import { durationWord, guardWord } from '../lib/guard.ts';
import { labelsFor, type Language } from '../lib/labels.ts';
import { mainContent, shown } from '../lib/page.ts';
import { aboutRole } from '../lib/role-page.ts';
import { stepNumber } from '../lib/steps.ts';

const durationSelect = (language: Language): HTMLElement | null => {
  const main = mainContent();
  return main ? findByLabel<HTMLElement>(main, TRIGGER, labelsFor('maxSession', language)) : null;
};
const saveButton = (language: Language) =>
  enabledButton(mainContent() ?? document, labelsFor('saveChanges', language));

export const editRole: Feature = {
  id: 'edit-role',
  shows: (language) => durationSelect(language) !== null && saveButton(language) !== null,
  modes: ['create-role'],
  states: ['arn-captured'],
  async init(context, signal) {
    const { setup, language } = context;
    const wanted = setup.maxSessionDurationSeconds;
    const select = await waitFor(() => durationSelect(language), { signal, timeoutMs: 10_000 });
    if (!wanted || !select || !aboutRole(context.path, setup.roleName)) return;
    const holds = () => parseSessionDuration(selectedText(select)) === wanted;
    if (!holds()) {
      press(select);
      // The option whose text says the duration, in any console language ("2 hours", "2 時間").
      const option = await waitFor(
        () =>
          shown<HTMLElement>(document, '[role="option"]').find(
            (o) => parseSessionDuration(normalize(o.textContent)) === wanted,
          ) ?? null,
        { signal, timeoutMs: 3000 },
      );
      if (option) {
        press(option);
        await waitFor(() => (holds() ? true : null), { signal, timeoutMs: 3000 });
      } else {
        // Closed again, as a person would, for the customer's custom duration.
        select.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      }
    }
    if (signal.aborted) return;
    const duration = durationWord(context, wanted);
    const right = holds();
    if (!right) context.miss('max-session-duration-option');
    context.panel().render({
      service: setup.serviceName,
      title: guardWord(context, 'sessionTitle'),
      ...stepNumber(setup, 'capture'),
      items: [
        right
          ? { status: 'done', text: guardWord(context, 'sessionChosen', { duration }) }
          : // Not one of the console's choices: its custom duration takes seconds.
            manual(
              guardWord(context, 'sessionCustom', { seconds: String(wanted) }),
              String(wanted),
              guardWord(context, 'sessionTitle'),
            ),
        { status: 'todo', text: guardWord(context, 'sessionSave') },
      ],
    });
    context.panel().highlight(saveButton(language), guardWord(context, 'savesSession'));
  },
};
