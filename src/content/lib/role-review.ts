// The Create role wizard's review, read back before the customer presses Create role
// (docs/console.md, "The wizard"): the read-only trust policy preview, judged by the background,
// every chosen policy by its exact name, and IAM's refusal of a name taken in another case.
import type { FeatureContext } from '../feature.ts';
import type { PanelItem } from '../panel.ts';
import { nameFollowedOnLineBy } from '../../core/name-in-text.ts';
import { accessibleLabel, normalize, setValue, waitFor } from './dom.ts';
import { say } from './i18n.ts';
import { mainContent, shown, shownText } from './page.ts';
import { stepNumber } from './steps.ts';

/** IAM's message when a role name is taken, in the console languages Crossrole reads. */
const CLASH_PHRASES = ['already exists', '既に存在'] as const;

/** The trust policy preview: a shown block of the review that parses as a policy. */
export function trustPreview(root: ParentNode): string | null {
  for (const block of shown(root, 'pre, code, textarea[readonly], .ace_editor')) {
    const text = block.classList.contains('ace_editor')
      ? [...block.querySelectorAll('.ace_line')].map((l) => l.textContent).join('\n')
      : (block.textContent ?? '');
    if (!text.includes('Statement')) continue;
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object') return text;
    } catch {
      // Not this block.
    }
  }
  return null;
}

/** Policy names the review lists: shown elements whose whole text is a policy's name. */
export function reviewedPolicies(root: ParentNode, expected: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const el of shown(root, 'a, span, li, td, div, p')) {
    if (el.children.length > 1) continue;
    const text = normalize(el.textContent);
    if (expected.includes(text)) found.add(text);
  }
  return found;
}

/** The review's trust preview and policies, as panel lines; null once the page is left. */
export async function checkReview(
  context: FeatureContext,
  root: ParentNode,
  expected: readonly string[],
  signal: AbortSignal,
): Promise<{ items: PanelItem[]; trustOk: boolean; missing: string[] } | null> {
  const t = say(context.language);
  const items: PanelItem[] = [];
  const preview = await waitFor(() => trustPreview(root), { signal, timeoutMs: 5000 });
  if (!preview) context.miss('trust-policy-preview');
  // The background judges it (against the account root: the wizard trusts nothing narrower).
  const verdict = preview ? await context.judgeTrust('check', preview) : null;
  if (signal.aborted) return null;
  const check = verdict?.ok ? verdict.value : null;
  if (check?.verified)
    items.push({ status: 'done', text: t.trustChecked(context.setup.serviceName) });
  else if (check) for (const text of check.problems) items.push({ status: 'problem', text });
  else
    items.push({
      status: 'problem',
      text: verdict?.ok === false ? verdict.error : t.trustUnreadable,
    });
  const listed = reviewedPolicies(root, expected);
  const missing = expected.filter((p) => !listed.has(p));
  items.push(
    missing.length
      ? { status: 'problem', text: t.policiesMissing(missing.join(', ')) }
      : { status: 'done', text: t.policiesListed(expected.join(', ')) },
  );
  return { items, trustOk: check?.verified === true, missing };
}

/**
 * IAM refuses a name taken in another case: once it says so, the panel says it beside the field
 * the customer must change, and offers a free variant (`rename` tells the background).
 */
export async function offerAnotherName(
  context: FeatureContext,
  name: HTMLInputElement | HTMLTextAreaElement,
  roleName: string,
  signal: AbortSignal,
  rename: (roleName: string) => Promise<void>,
): Promise<void> {
  const t = say(context.language);
  // IAM's message names the role, so an earlier clash under another name does not count.
  const clash = await waitFor(
    () =>
      nameFollowedOnLineBy(shownText(mainContent()), roleName, CLASH_PHRASES, true) ? true : null,
    { signal, timeoutMs: 10 * 60 * 1000 },
  );
  if (!clash || signal.aborted) return;
  const label = accessibleLabel(name) || t.roleNameField;
  const suggestion = `${roleName.slice(0, 62)}-2`;
  context.panel().render({
    service: context.setup.serviceName,
    title: t.nameTaken,
    ...stepNumber(context.setup, 'review'),
    items: [{ status: 'problem', text: t.nameTakenText(roleName, label, suggestion) }],
    note: t.nameUnique(label),
    actions: [
      {
        label: t.useName(suggestion),
        primary: true,
        run: async () => {
          if (setValue(name, suggestion)) await rename(suggestion);
        },
      },
    ],
  });
}
