// Role details (`#/roles/details/<name>`): after the role was created (or its trust policy
// updated, or policies attached) in this setup, read the role back as IAM shows it — the ARN,
// the trust policy, every attached policy — and hand it to the background, which computes and
// checks the ARN itself and reports only what was read. When the role lacks a policy, the panel
// names it and opens the console's own Add permissions page for the role.
import type { ContentSetup } from '../../core/content-setup.ts';
import { roleNameFromPath } from '../../core/console-links.ts';
import { ANY_MODE, type Feature, type FeatureContext } from '../feature.ts';
import { enabledButton, normalize, waitFor } from '../lib/dom.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor } from '../lib/labels.ts';
import { mainContent, selectTab, shown } from '../lib/page.ts';
import {
  PENDING_TRUST_UPDATE,
  readAttachedPolicies,
  roleArnTexts,
  rolePageRoot,
  trustPolicyShown,
} from '../lib/role-page.ts';
import { menuAccountId, sessionAccountId } from '../lib/session.ts';
import { stepNumber } from '../lib/steps.ts';
import {
  durationWord,
  editNear,
  guardWord,
  readTags,
  shownBoundary,
  summaryValue,
} from '../lib/guard.ts';
import { parseSessionDuration } from '../../core/session-duration.ts';
import { missingTags, tagsText } from '../../core/tags.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

export const roleDetails: Feature = {
  id: 'role-details',
  matches: (path) => roleNameFromPath(path, 'details') !== null,
  modes: ANY_MODE,
  // Every state: a trust update the customer made is reported whatever the setup's state.
  states: ['started', 'policies-created', 'role-created', 'arn-captured'],
  async init(context, signal) {
    const { setup } = context;
    const roleName = roleNameFromPath(context.path, 'details');
    if (roleName !== setup.roleName) return;
    if (context.memory.get(PENDING_TRUST_UPDATE) === setup.id) {
      context.memory.delete(PENDING_TRUST_UPDATE);
      const updated = await context.send({
        type: 'content.trustUpdated',
        setupId: setup.id,
        roleName,
      });
      if (!updated.ok) return show(context, say(context.language).notAccepted, updated.error);
      await capture(context, updated.value ?? setup, signal);
      return;
    }
    if (setup.mode === 'update-trust' && setup.state === 'started') {
      await openTrustEditor(context, signal);
      return;
    }
    if (setup.state === 'role-created' || setup.state === 'arn-captured')
      await capture(context, setup, signal);
  },
};

const done = (text: string): PanelItem => ({ status: 'done', text });

function show(context: FeatureContext, title: string, problem: string): void {
  const setup = context.setup;
  context.panel().render({
    service: setup.serviceName,
    title,
    ...stepNumber(setup, 'capture'),
    items: [{ status: 'problem', text: problem }],
  });
}

async function openTrustEditor(context: FeatureContext, signal: AbortSignal): Promise<void> {
  await selectTab('trustRelationships', context.language, signal);
  const edit = await waitFor(
    () => enabledButton(mainContent() ?? document, labelsFor('editTrustPolicy', context.language)),
    { signal, timeoutMs: 10_000 },
  );
  if (!edit) {
    context.miss('edit-trust-policy-button');
    const t = say(context.language);
    return show(context, t.openTrustEditor, t.noEditTrustButton);
  }
  edit.click();
}

/** Add permissions → Attach policies, the console's own page for attaching to this role. */
async function openAttachPolicies(context: FeatureContext, signal: AbortSignal): Promise<void> {
  await selectTab('permissions', context.language, signal);
  const language = context.language;
  const add = await waitFor(
    () => enabledButton(mainContent() ?? document, labelsFor('addPermissions', language)),
    { signal, timeoutMs: 10_000 },
  );
  add?.click();
  // A dropdown's items render outside the tab panel, as menu items; the innermost one (a link
  // or the menuitem itself, not its list item) is what takes the click.
  const names = labelsFor('attachPolicies', language);
  const attach = add
    ? await waitFor(
        () =>
          shown<HTMLElement>(document, '[role="menuitem"], [role="menu"] a, [role="menu"] li')
            .filter((item) => names.includes(normalize(item.textContent)))
            .sort((a, b) => Number(a.contains(b)) - Number(b.contains(a)))[0] ?? null,
        { signal, timeoutMs: 5000 },
      )
    : null;
  if (!attach) {
    context.miss('attach-policies');
    const t = say(language);
    return show(context, t.permissionsNeedFix, t.noAddPermissionsButton);
  }
  attach.click();
}

async function capture(
  context: FeatureContext,
  setup: ContentSetup,
  signal: AbortSignal,
): Promise<void> {
  const t = say(context.language);
  const panel = context.panel();
  const step = stepNumber(setup, 'capture');
  const render = (title: string, items: PanelItem[], actions: PanelAction[] = []) =>
    panel.render({ service: setup.serviceName, title, ...step, items, actions });
  render(t.reading, [{ status: 'todo', text: t.readingText }]);

  const root = await waitFor(() => rolePageRoot(setup.roleName), { signal, timeoutMs: 15_000 });
  if (!root) context.miss('role-heading');
  const arnTexts = await waitFor(() => (roleArnTexts().length ? roleArnTexts() : null), {
    signal,
    timeoutMs: 15_000,
  });
  if (!arnTexts) context.miss('role-arn');
  const trustTab = await selectTab('trustRelationships', context.language, signal);
  const trustPolicyText = trustTab
    ? await waitFor(trustPolicyShown, { signal, timeoutMs: 5000 })
    : null;
  if (!trustPolicyText) context.miss('trust-policy');
  const attached =
    setup.mode === 'update-trust'
      ? null
      : (await selectTab('permissions', context.language, signal))
        ? await readAttachedPolicies(context.language, signal)
        : null;
  if (setup.mode !== 'update-trust' && !attached) context.miss('attached-policies');
  // Read while the Permissions tab is shown: a boundary the customer chose counts too.
  const boundaryArn = attached ? shownBoundary(context.language) : undefined;
  if (setup.permissionsBoundary && boundaryArn === undefined) context.miss('role-boundary');
  // Guardrails planned (docs/guardrails.md): the Tags tab, and the summary's session duration.
  const tags = setup.tags?.length
    ? (await selectTab('tags', context.language, signal))
      ? await readTags(signal)
      : null
    : null;
  if (setup.tags?.length && !tags) context.miss('role-tags');
  const wanted = setup.maxSessionDurationSeconds;
  const durationText = wanted ? summaryValue('maxSession', context.language) : null;
  if (wanted && !durationText) context.miss('max-session-duration');
  if (signal.aborted) return;
  const reply = await context.send({
    type: 'content.rolePage',
    setupId: setup.id,
    roleName: setup.roleName,
    sessionAccountId: sessionAccountId(),
    menuAccountId: menuAccountId(),
    arnTexts: arnTexts ?? [],
    trustPolicyText,
    attachedPolicies: attached?.policies.slice(0, 100) ?? null,
    attachedComplete: attached?.complete ?? false,
    tags,
    maxSessionDurationText: durationText,
    ...(boundaryArn !== undefined ? { permissionsBoundaryArn: boundaryArn } : {}),
  });
  if (signal.aborted) return;
  const readAgain = {
    label: t.readAgain,
    primary: true,
    run: () => capture(context, setup, signal),
  };
  if (!reply.ok)
    return render(t.roleNotReported, [{ status: 'problem', text: reply.error }], [readAgain]);
  // An update goes on to a custom policy's page, to read its document (docs/lifecycle.md).
  if (reply.next) {
    location.hash = reply.next.hash;
    return;
  }
  const value = reply.value;
  const missing = value?.missingPolicies ?? [];
  // A repeated report after a worker restart may find it already delivered.
  const state = value?.state;
  if (state === 'verified' || state === 'delivered') {
    const names = attached?.policies.map((p) => p.name).join(', ') ?? '';
    // An update whose read-back matched what the service was told sends nothing.
    const upToDate = value?.upToDate === true;
    return render(upToDate ? guardWord(context, 'updateUpToDate') : t.sending(setup.serviceName), [
      { status: 'done', text: t.arnChecked },
      trustPolicyText
        ? { status: 'done', text: t.trustVerified }
        : { status: 'manual', text: t.trustNotReadable },
      ...(names ? [{ status: 'done' as const, text: t.permissionsVerified(names) }] : []),
      ...(tags?.length ? [done(guardWord(context, 'tagsChecked', { tags: tagsText(tags) }))] : []),
      ...(boundaryArn
        ? [done(guardWord(context, 'boundaryChecked', { policy: boundaryArn }))]
        : []),
      ...(wanted
        ? [done(guardWord(context, 'sessionChecked', { duration: durationWord(context, wanted) }))]
        : []),
      upToDate
        ? done(guardWord(context, 'updateNothingSent'))
        : { status: 'todo', text: t.delivering(setup.serviceName) },
    ]);
  }
  if (missing.length) {
    return render(
      t.permissionsNeedFix,
      [{ status: 'problem', text: t.permissionsMissing(missing.join(', ')) }],
      [{ label: t.addMissing, primary: true, run: () => openAttachPolicies(context, signal) }],
    );
  }
  // An update waits while the role holds policies its level no longer asks for (docs/lifecycle.md).
  const kept = value?.keptPolicies ?? [];
  if (kept.length)
    return render(
      guardWord(context, 'updateKeptTitle'),
      kept.map((policy) => ({
        status: 'problem',
        text: guardWord(context, 'updateKept', { policy }),
      })),
      [readAgain],
    );
  const shown = durationText ? parseSessionDuration(durationText) : null;
  if (wanted && shown !== wanted) {
    const duration = durationWord(context, wanted);
    const edit = {
      label: guardWord(context, 'sessionButton', { duration }),
      primary: true,
      run: () => {
        const button = editNear('maxSession', context.language);
        if (button) return button.click();
        render(guardWord(context, 'sessionTitle'), [
          { status: 'problem', text: guardWord(context, 'noEditButton', { duration }) },
        ]);
      },
    };
    return render(
      guardWord(context, 'sessionTitle'),
      [
        {
          status: 'problem',
          text: guardWord(context, 'sessionWanted', {
            duration,
            shown: durationText ?? '?',
          }),
        },
      ],
      [edit, readAgain],
    );
  }
  const policy = setup.permissionsBoundary;
  if (policy && boundaryArn?.slice(boundaryArn.lastIndexOf('/') + 1) !== policy)
    return render(
      t.roleNotReported,
      [{ status: 'problem', text: guardWord(context, 'boundaryWrong', { policy }) }],
      [readAgain],
    );
  const lacking = tags && setup.tags ? missingTags(setup.tags, tags) : [];
  if (lacking.length || (setup.tags?.length && !tags)) {
    return render(
      t.roleNotReported,
      [
        {
          status: 'problem',
          text: guardWord(context, 'tagsMissing', {
            tags: tagsText(lacking.length ? lacking : (setup.tags ?? [])),
          }),
        },
      ],
      [readAgain],
    );
  }
  if (setup.mode !== 'update-trust' && !attached?.complete) {
    return render(
      t.permissionsUnread,
      [{ status: 'problem', text: t.permissionsUnreadText }],
      [readAgain],
    );
  }
  render(
    t.trustNeedsFix,
    [
      ...(value?.trustProblems ?? []).map((text) => ({ status: 'problem' as const, text })),
      { status: 'problem', text: t.trustWrong },
    ],
    [{ label: t.fixTrust, primary: true, run: () => openTrustEditor(context, signal) }],
  );
}
