// A disconnect (docs/lifecycle.md): on the role's page the panel says what deleting does and
// points at the console's own Delete, which the customer presses and confirms; once the page
// shows IAM's "cannot be found" for the role, that is sent back. Then the same for each policy
// Crossrole created for the role, which the customer may keep instead. The lists the console
// returns to after a delete send the tab back to the page being read.
import { policyArnFromPath, roleNameFromPath } from '../../core/console-links.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import { enabledButton, normalize, waitFor } from '../lib/dom.ts';
import { guardWord } from '../lib/guard.ts';
import { labelsFor } from '../lib/labels.ts';
import { headingNamed, mainContent, notFoundError, shown, shownText } from '../lib/page.ts';
import { sessionAccountId } from '../lib/session.ts';
import { policyName } from '../lib/steps.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

/** The customer has the whole time they need to press Delete. */
const DELETE_WAIT_MS = 30 * 60_000;

export const disconnect: Feature = {
  id: 'disconnect',
  matches: (path) =>
    path === '/roles' ||
    path === '/policies' ||
    roleNameFromPath(path, 'details') !== null ||
    policyArnFromPath(path) !== null,
  modes: ['disconnect'],
  states: ['started'],
  async init(context, signal) {
    const { setup, path } = context;
    const policyArn = setup.policiesToDelete?.[0];
    if (!setup.roleGone && roleNameFromPath(path, 'details') === setup.roleName)
      return rolePage(context, signal);
    if (setup.roleGone && policyArn && policyArnFromPath(path) === policyArn)
      return policyPage(context, policyArn, signal);
    // The list the console returns to after a delete: back to the page being read.
    if ((path === '/roles' || path === '/policies') && setup.resumeHash)
      location.hash = setup.resumeHash;
  },
};

/** The confirmation the console opens on Delete, while it is shown, and any error inside it. */
function deleteDialog(): { error: string | null } | null {
  const dialog = shown<HTMLElement>(document, '[role="dialog"]').find((d) =>
    d.querySelector('input'),
  );
  if (!dialog) return null;
  const error = shown<HTMLElement>(dialog, '[role="alert"], [class*="awsui_alert_"]')[0];
  return { error: error ? normalize(shownText(error)).slice(0, 500) : null };
}

type Render = (title: string, items: PanelItem[], actions?: PanelAction[], note?: string) => void;

function renderer(context: FeatureContext): Render {
  return (title, items, actions = [], note) =>
    context.panel().render({
      ...(note ? { note } : {}),
      service: context.setup.serviceName,
      title,
      // The role, then the policies Crossrole made for it (while any is left).
      step: context.setup.roleGone ? 2 : 1,
      totalSteps: context.setup.roleGone || context.setup.policiesToDelete?.length ? 2 : 1,
      items,
      actions,
    });
}

/**
 * Waits while the customer deletes what the page is about, saying what the confirmation asks
 * and what IAM answered, until the page shows it gone (or the feature is torn down).
 */
async function guideDelete(
  context: FeatureContext,
  signal: AbortSignal,
  what: { present: () => boolean; gone: () => string | null; intro: () => void; name: string },
): Promise<string | null> {
  const render = renderer(context);
  const typing = guardWord(context, 'disconnectTyping', { role: what.name });
  const first = await waitFor(() => what.gone() ?? (what.present() ? '' : null), {
    signal,
    timeoutMs: 15_000,
  });
  if (first) return first;
  if (first === null) {
    context.miss('disconnect-page');
    return null;
  }
  what.intro();
  let dialogShown: string | null = null;
  /** Gone, or else the panel follows the confirmation: what to type, or IAM's refusal. */
  const goneOrGuide = (): string | null => {
    const gone = what.gone();
    if (gone) return gone;
    const dialog = deleteDialog();
    const state = dialog ? (dialog.error ?? 'typing') : 'page';
    if (state === dialogShown) return null;
    dialogShown = state;
    if (dialog?.error)
      render(guardWord(context, 'disconnectRefused'), [{ status: 'problem', text: dialog.error }]);
    else if (dialog) render(typing, [{ status: 'todo', text: typing }]);
    else what.intro();
    return null;
  };
  return waitFor(goneOrGuide, { signal, timeoutMs: DELETE_WAIT_MS });
}

async function rolePage(context: FeatureContext, signal: AbortSignal): Promise<void> {
  const { setup } = context;
  const render = renderer(context);
  const word = (key: Parameters<typeof guardWord>[1]) => guardWord(context, key);
  const deleteButton = () =>
    enabledButton(mainContent() ?? document, labelsFor('delete', context.language));
  const intro = () => {
    const button = deleteButton();
    if (!button) context.miss('delete-role');
    render(
      word('disconnectTitle'),
      [
        button
          ? { status: 'todo', text: word('disconnectDelete') }
          : { status: 'problem', text: word('disconnectNoDelete') },
      ],
      [],
      word('disconnectNotice'),
    );
    context.panel().highlight(button);
  };
  const gone = await guideDelete(context, signal, {
    present: () => headingNamed(setup.roleName) !== null,
    gone: () => notFoundError(setup.roleName),
    intro,
    name: setup.roleName,
  });
  if (!gone || signal.aborted) return;
  context.panel().highlight(null);
  render(word('disconnectChecking'), [{ status: 'todo', text: word('disconnectChecking') }]);
  const reply = await context.send({
    type: 'content.roleGone',
    setupId: setup.id,
    roleName: setup.roleName,
    sessionAccountId: sessionAccountId(),
    shownText: gone,
  });
  settle(context, reply, [{ status: 'done', text: word('disconnectRoleGone') }]);
}

async function policyPage(
  context: FeatureContext,
  policyArn: string,
  signal: AbortSignal,
): Promise<void> {
  const { setup } = context;
  const render = renderer(context);
  const name = policyName(policyArn);
  const word = (key: Parameters<typeof guardWord>[1]) => guardWord(context, key, { policy: name });
  const done: PanelItem = { status: 'done', text: word('disconnectRoleGone') };
  const keep: PanelAction = {
    label: word('disconnectKeep'),
    run: async () => {
      const reply = await context.send({
        type: 'content.policyKept',
        setupId: setup.id,
        policyName: name,
      });
      settle(context, reply, [done]);
    },
  };
  const intro = () => {
    render(
      word('disconnectPolicyTitle'),
      [done, { status: 'todo', text: word('disconnectPolicyWhy') }],
      [keep],
    );
    context
      .panel()
      .highlight(enabledButton(mainContent() ?? document, labelsFor('delete', context.language)));
  };
  const gone = await guideDelete(context, signal, {
    present: () => headingNamed(name) !== null,
    gone: () => notFoundError(policyArn),
    intro,
    name,
  });
  if (!gone || signal.aborted) return;
  context.panel().highlight(null);
  const reply = await context.send({
    type: 'content.policyGone',
    setupId: setup.id,
    policyName: name,
    sessionAccountId: sessionAccountId(),
    shownText: gone,
  });
  settle(context, reply, [done]);
}

/** After a read-back: the next page, or the end, or the background's refusal. */
function settle(
  context: FeatureContext,
  reply: Awaited<ReturnType<FeatureContext['send']>>,
  items: PanelItem[],
): void {
  const render = renderer(context);
  if (!reply.ok)
    return render(guardWord(context, 'disconnectTitle'), [
      { status: 'problem', text: reply.error },
    ]);
  if (reply.next) {
    location.hash = reply.next.hash;
    return;
  }
  render(guardWord(context, 'disconnectDoneTitle'), [
    ...items,
    { status: 'done', text: guardWord(context, 'disconnectDone') },
  ]);
}
