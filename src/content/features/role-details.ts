// Role details (`#/roles/details/<name>`): after the role was created (or its trust policy
// updated) in this setup, read what the page shows (ARNs in its text, the trust policy, the
// signed-in account) and hand it to the background, which computes and checks the ARN itself.
import type { ContentSetup } from '../../core/content-setup.ts';
import { ROLE_ARN_IN_TEXT } from '../../core/arn.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import { findButton, findByLabel, visibleText, waitFor } from '../lib/dom.ts';
import { labelsFor } from '../lib/labels.ts';
import { sessionAccountId } from '../lib/session.ts';
import { stepNumber } from '../lib/steps.ts';

export const PENDING_TRUST_UPDATE = 'pendingTrustUpdate';

export function roleNameFromPath(path: string, prefix: string): string | null {
  const head = `/roles/${prefix}/`;
  const name = path.startsWith(head) ? path.slice(head.length) : '';
  if (!name || name.includes('/')) return null;
  try {
    return decodeURIComponent(name);
  } catch {
    return null;
  }
}

/** A trust policy as JSON text shown on the page (a `pre`, a read-only editor, a code block). */
export function trustPolicyOnPage(): string | null {
  for (const block of document.querySelectorAll('pre, code, .ace_editor, textarea')) {
    const text = block.classList.contains('ace_editor')
      ? [...block.querySelectorAll('.ace_line')].map((l) => l.textContent).join('\n')
      : ((block as HTMLTextAreaElement).value ?? block.textContent ?? '');
    const raw = block instanceof HTMLTextAreaElement ? block.value : text;
    if (!/sts:AssumeRole/i.test(raw)) continue;
    try {
      JSON.parse(raw);
      return raw;
    } catch {
      // Not a whole JSON document.
    }
  }
  return null;
}

export const roleDetails: Feature = {
  id: 'role-details',
  matches: (path) => roleNameFromPath(path, 'details') !== null,
  async init(context, signal) {
    const { setup } = context;
    const roleName = roleNameFromPath(context.path, 'details');
    if (!setup || roleName !== setup.roleName) return;
    if (context.memory.get(PENDING_TRUST_UPDATE) === setup.id) {
      context.memory.delete(PENDING_TRUST_UPDATE);
      const updated = await context.send({
        type: 'content.trustUpdated',
        setupId: setup.id,
        roleName,
      });
      if (!updated.ok) return show(context, 'Crossrole did not accept this update', updated.error);
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

function show(context: FeatureContext, title: string, problem: string): void {
  const setup = context.setup;
  if (!setup) return;
  context.panel().render({
    service: setup.serviceName,
    title,
    ...stepNumber(setup, 'capture'),
    items: [{ status: 'problem', text: problem }],
  });
}

async function selectTrustTab(context: FeatureContext): Promise<void> {
  const tab = findByLabel<HTMLElement>(
    document,
    '[role="tab"]',
    labelsFor('trustRelationships', context.language),
  );
  if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
}

async function openTrustEditor(context: FeatureContext, signal: AbortSignal): Promise<void> {
  await selectTrustTab(context);
  const edit = await waitFor(
    () => findButton(document, labelsFor('editTrustPolicy', context.language)),
    { signal, timeoutMs: 10_000 },
  );
  if (!edit) {
    context.miss('edit-trust-policy-button');
    show(
      context,
      'Open the trust policy editor',
      'Choose the Trust relationships tab, then Edit trust policy.',
    );
    return;
  }
  edit.click();
}

async function capture(
  context: FeatureContext,
  setup: ContentSetup,
  signal: AbortSignal,
): Promise<void> {
  const panel = context.panel();
  const step = stepNumber(setup, 'capture');
  panel.render({
    service: setup.serviceName,
    title: 'Reading the new role…',
    ...step,
    items: [{ status: 'todo', text: 'Reading the Role ARN and the trust policy from this page.' }],
  });
  await selectTrustTab(context);
  const arnTexts = await waitFor(
    () => {
      const found = visibleText().match(ROLE_ARN_IN_TEXT);
      return found?.length ? [...new Set(found)].slice(0, 20) : null;
    },
    { signal, timeoutMs: 15_000 },
  );
  if (!arnTexts) context.miss('role-arn');
  const trustPolicyText = await waitFor(trustPolicyOnPage, { signal, timeoutMs: 5000 });
  if (!trustPolicyText) context.miss('trust-policy');
  if (signal.aborted) return;
  const reply = await context.send({
    type: 'content.rolePage',
    setupId: setup.id,
    roleName: setup.roleName,
    sessionAccountId: sessionAccountId(),
    arnTexts: arnTexts ?? [],
    trustPolicyText,
  });
  if (signal.aborted) return;
  if (!reply.ok) {
    panel.render({
      service: setup.serviceName,
      title: 'Role not reported',
      ...step,
      items: [{ status: 'problem', text: reply.error }],
    });
    return;
  }
  // A repeated report after a worker restart may find it already delivered.
  const verified = reply.value?.state === 'verified' || reply.value?.state === 'delivered';
  panel.render({
    service: setup.serviceName,
    title: verified ? `Sending the role to ${setup.serviceName}` : 'The trust policy needs a fix',
    ...step,
    items: verified
      ? [
          { status: 'done', text: 'Role ARN captured and checked against this page' },
          {
            status: trustPolicyText ? 'done' : 'manual',
            text: trustPolicyText
              ? 'Trust policy verified'
              : 'Trust policy not readable here; sent as unverified',
          },
          {
            status: 'todo',
            text: `Crossrole delivers it to ${setup.serviceName} and keeps trying if the service is down. Follow it in the Crossrole button.`,
          },
        ]
      : [
          {
            status: 'problem',
            text: 'The role does not trust exactly the service with your External ID. Use Edit trust policy: Crossrole pastes the right statement.',
          },
        ],
    actions: verified
      ? []
      : [
          {
            label: 'Fix the trust policy',
            primary: true,
            run: () => openTrustEditor(context, signal),
          },
        ],
  });
}
