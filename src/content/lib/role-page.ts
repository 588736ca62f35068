// Reading a role back from its page (docs/console.md, "Reading a role back"): the ARN in the
// summary, the trust policy on the Trust relationships tab, and every attached policy on the
// Permissions tab, page after page. Only what a person sees in the IAM app's main content under
// the role's heading counts; everything is untrusted and re-checked by the background.
import { POLICY_ARN_IN_TEXT, ROLE_ARN_IN_TEXT } from '../../core/arn.ts';
import { roleNameFromPath } from '../../core/console-links.ts';
import type { AttachedPolicy } from '../../core/attached-policies.ts';
import { enabled, normalize, settled, waitFor } from './dom.ts';
import { labelsFor, type Language } from './labels.ts';
import { headingNamed, mainContent, shown, shownText } from './page.ts';
import {
  dataRows,
  headerTotal,
  nextPageButton,
  rowsKey,
  tableContainer,
  tableLoading,
} from './table.ts';
import { MAX_PAGES } from './policy-table.ts';

/**
 * Remembered when the customer presses Update policy on Edit trust policy: the role page that
 * follows reports the update (docs/console.md, "Reading a role back").
 */
export const PENDING_TRUST_UPDATE = 'pendingTrustUpdate';

/** Whether the page is about `roleName`: its route, or a shown breadcrumb or heading naming it. */
export function aboutRole(path: string, roleName: string): boolean {
  const fromRoute = roleNameFromPath(path, 'edit_trust_policy');
  if (fromRoute !== null) return fromRoute === roleName;
  return shown(document, 'nav a, nav li, [class*="awsui_breadcrumb"] a, main h1').some(
    (el) => normalize(el.textContent) === roleName,
  );
}

/** The role page's main content, once it shows the role's heading. */
export function rolePageRoot(roleName: string): HTMLElement | null {
  return headingNamed(roleName) ? mainContent() : null;
}

/** The selected tab's panel, or the main content when the page has no tabs. */
function activePanel(): HTMLElement | null {
  const main = mainContent();
  return shown<HTMLElement>(main, '[role="tabpanel"]')[0] ?? main;
}

/** Role ARNs shown in the main content. */
export function roleArnTexts(): string[] {
  const found = shownText(mainContent()).match(ROLE_ARN_IN_TEXT);
  return found ? [...new Set(found)].slice(0, 20) : [];
}

/** A trust policy shown as JSON on the selected tab (a `pre`, a read-only editor, a code block). */
export function trustPolicyShown(): string | null {
  for (const block of shown(activePanel(), 'pre, code, .ace_editor, textarea')) {
    const raw =
      block instanceof HTMLTextAreaElement
        ? block.value
        : block.classList.contains('ace_editor')
          ? [...block.querySelectorAll('.ace_line')].map((l) => l.textContent).join('\n')
          : (block.textContent ?? '');
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

function policyArnFromLink(row: HTMLTableRowElement): string | null {
  const href = row.querySelector('a')?.getAttribute('href') ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    return null;
  }
  return POLICY_ARN_IN_TEXT.exec(decoded)?.[0] ?? null;
}

function readRow(row: HTMLTableRowElement, language: Language): AttachedPolicy | null {
  const link = row.querySelector('a');
  const name = normalize(
    link?.textContent ?? [...row.cells].find((c) => !c.querySelector('input'))?.textContent ?? '',
  );
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) return null;
  const text = normalize(row.textContent);
  const has = (key: 'awsManaged' | 'customerManaged') =>
    labelsFor(key, language).some((label) => text.includes(label));
  return {
    name,
    arn: policyArnFromLink(row),
    type: has('customerManaged') ? 'customer' : has('awsManaged') ? 'aws' : null,
  };
}

/** A plain list of policies (names or ARNs, one an item) instead of a table. */
function listedPolicies(): AttachedPolicy[] | null {
  const items = shown<HTMLElement>(activePanel(), 'ul li, ol li');
  const policies = items.flatMap((item): AttachedPolicy[] => {
    const text = normalize(item.querySelector('a, span')?.textContent ?? item.textContent);
    const found = POLICY_ARN_IN_TEXT.exec(text)?.[0];
    const arn = found === text ? found : null;
    const name = arn ? arn.slice(arn.lastIndexOf('/') + 1) : text;
    return /^[\w+=,.@-]{1,128}$/.test(name) ? [{ name, arn, type: null }] : [];
  });
  return policies.length && policies.length === items.length ? policies : null;
}

/**
 * Every row of the Permissions tab's policy table, following its pagination; `complete` when the
 * last page was reached and the rows add up to the header's count (when it shows one).
 */
export async function readAttachedPolicies(
  language: Language,
  signal: AbortSignal,
): Promise<{ policies: AttachedPolicy[]; complete: boolean } | null> {
  // Ready once it has rows, or says it has none; never while it is still loading.
  const ready = () => {
    const found = shown(activePanel(), 'table')[0];
    if (!found) return listedPolicies() ? 'list' : null;
    const box = tableContainer(found) ?? activePanel();
    if (!box || tableLoading(box)) return null;
    return dataRows(box).length || headerTotal(box) === 0 ? found : null;
  };
  const table = await waitFor(ready, { signal, timeoutMs: 15_000 });
  if (!table) return null;
  if (table === 'list') {
    await settled(signal);
    const policies = listedPolicies();
    return policies ? { policies, complete: true } : null;
  }
  const container = tableContainer(table) ?? activePanel();
  if (!container) return null;
  await settled(signal, { quietMs: 60, root: container });
  const policies: AttachedPolicy[] = [];
  for (let page = 0; page < MAX_PAGES && !signal.aborted; page += 1) {
    for (const row of dataRows(container)) {
      const policy = readRow(row, language);
      if (policy && !policies.some((p) => p.name === policy.name && p.arn === policy.arn))
        policies.push(policy);
    }
    const next = nextPageButton(container, language);
    if (!enabled(next)) {
      const total = headerTotal(container);
      return { policies, complete: total === null || total === policies.length };
    }
    const before = rowsKey(container);
    next.click();
    const changed = await waitFor(() => (rowsKey(container) !== before ? true : null), {
      signal,
      timeoutMs: 5000,
    });
    if (!changed) return { policies, complete: false };
  }
  return { policies, complete: false };
}
