// Reading the CloudFormation console's StackSet pages (docs/organizations.md, "Console pages"):
// which Create StackSet step is on screen, the stack set's info, parameters and template, and
// its Stack instances table, every page. Everything read is validated and capped: a page script
// may rewrite the DOM, so only the shapes the background expects leave this module.
import { cfnLabels, type CfnLabelKey } from './cfn-labels.ts';
import { findButton, normalize, settled, waitFor } from './dom.ts';
import type { Language } from './labels.ts';
import { mainContent, shown, shownText } from './page.ts';
import {
  dataRows,
  headerTotal,
  nextPageButton,
  rowsKey,
  tableContainer,
  tableLoading,
} from './table.ts';

/** The customer's journey on these pages: five wizard steps, then the stack set's page. */
export const STACK_SET_STEPS = 6;

const STEP_TITLES: CfnLabelKey[] = [
  'stepTemplate',
  'stepDetails',
  'stepOptions',
  'stepDeployment',
  'stepReview',
];

const titled = (heading: string, title: string) =>
  heading === title || heading.startsWith(`${title} `);

/**
 * The wizard step on screen (1–5), by the step title its form heading shows, while the wizard's
 * step list names the other steps too (so a page that merely has a "Review" heading is none).
 */
export function wizardStepOnScreen(language: Language): number | null {
  const main = mainContent();
  if (!main) return null;
  const h1s = shown<HTMLElement>(main, 'h1').map((h) => normalize(h.textContent));
  const step = STEP_TITLES.findIndex((key) =>
    cfnLabels(key, language).some((title) => h1s.some((h) => titled(h, title))),
  );
  if (step < 0) return null;
  const text = shownText(main);
  const listed = STEP_TITLES.filter((key) =>
    cfnLabels(key, language).some((title) => text.includes(title)),
  ).length;
  return listed >= 3 ? step + 1 : null;
}

// --- the stack set's page ----------------------------------------------------------------

export type StackSetInfo = {
  stackSetArn: string | null;
  permissionModel: 'SERVICE_MANAGED' | 'SELF_MANAGED' | null;
  autoDeployment: boolean | null;
};

/** A stack set's ARN: partition, region, 12-digit account, name and id. */
const STACK_SET_ARN =
  /\barn:aws(?:-cn|-us-gov|-eusc)?:cloudformation:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:stackset\/[A-Za-z][A-Za-z0-9-]{0,127}:[0-9a-f-]{36}\b/;

/** The value next to a key-value list's key (`dt`/`dd`, or Cloudscape's key-label boxes). */
export function keyValue(root: ParentNode, labels: readonly string[]): string | null {
  const keys = shown<HTMLElement>(
    root,
    'dt, [class*="awsui_key-label_"], [class*="awsui_key-label-variant_"]',
  ).filter((k) => labels.includes(normalize(k.textContent)));
  for (const key of keys) {
    const value =
      key.nextElementSibling ??
      (key.parentElement && key.parentElement !== root
        ? key.parentElement.nextElementSibling
        : null);
    if (value) return normalize(value.textContent).slice(0, 4096);
  }
  return null;
}

export function readStackSetInfo(root: ParentNode, language: Language): StackSetInfo {
  const arn = keyValue(root, cfnLabels('stackSetArn', language));
  const model = keyValue(root, cfnLabels('permissionModel', language)) ?? '';
  const auto = keyValue(root, cfnLabels('autoDeployment', language)) ?? '';
  const is = (key: CfnLabelKey) => cfnLabels(key, language).includes(auto);
  return {
    stackSetArn: STACK_SET_ARN.exec(arn ?? '')?.[0] ?? null,
    permissionModel: /\bSERVICE_MANAGED\b/.test(model)
      ? 'SERVICE_MANAGED'
      : /\bSELF_MANAGED\b/.test(model)
        ? 'SELF_MANAGED'
        : null,
    autoDeployment: is('activated') ? true : is('deactivated') ? false : null,
  };
}

/** The column index of each wanted header (by its text, whatever else the header holds). */
function columns<K extends string>(
  container: ParentNode,
  wanted: Record<K, readonly string[]>,
): Record<K, number> {
  const headers = shown<HTMLElement>(container, 'table thead th').map((th) =>
    normalize(th.textContent),
  );
  const found = {} as Record<K, number>;
  for (const [key, names] of Object.entries(wanted) as [K, readonly string[]][])
    found[key] = headers.findIndex((h) => names.some((n) => titled(h, n)));
  return found;
}

const cell = (row: HTMLTableRowElement, index: number, max: number): string | null =>
  index < 0 ? null : normalize(row.cells[index]?.textContent).slice(0, max + 1);

/** The Parameters tab's table: Key and Value, at most 50 rows, each capped. */
export function readParameters(
  root: ParentNode,
  language: Language,
): { key: string; value: string }[] {
  const table = shown<HTMLTableElement>(root, 'table')[0];
  const container = table ? (tableContainer(table) ?? table.parentElement) : null;
  if (!container) return [];
  const col = columns(container, {
    key: cfnLabels('key', language),
    value: cfnLabels('value', language),
  });
  if (col.key < 0 || col.value < 0) return [];
  return dataRows(container)
    .slice(0, 50)
    .map((row) => ({ key: cell(row, col.key, 255) ?? '', value: cell(row, col.value, 4096) ?? '' }))
    .filter((p) => p.key.length > 0 && p.key.length <= 255 && p.value.length <= 4096);
}

/** The Template tab's text: its read-only code view (the longest shown one), or null. */
export function readTemplate(root: ParentNode): string | null {
  const views = shown<HTMLElement>(root, 'pre, textarea, code').map((el) =>
    el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? ''),
  );
  const text = views.sort((a, b) => b.length - a.length)[0]?.trim();
  return text && text.length <= 51_200 ? text : null;
}

// --- Stack instances ---------------------------------------------------------------------

export type StackInstance = {
  accountId: string;
  region: string;
  status: string;
  detailedStatus: string | null;
  reason: string | null;
};

/** The API's status words (docs/organizations.md, "Statuses"); anything else is not read. */
const STATUSES = ['CURRENT', 'OUTDATED', 'INOPERABLE'];
const DETAILED = [
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'INOPERABLE',
  'SKIPPED_SUSPENDED_ACCOUNT',
  'FAILED_IMPORT',
];
export const STILL_RUNNING = ['PENDING', 'RUNNING'];

/** The first status word a cell shows (Cloudscape prefixes a status icon's label). */
const statusWord = (text: string | null, words: readonly string[]): string | null =>
  (text ?? '').split(/[\s,]+/).find((w) => words.includes(w)) ?? null;

/** The Stack instances table's container, by its header "Stack instances (N)". */
export function instancesContainer(language: Language): HTMLElement | null {
  const names = cfnLabels('tabInstances', language);
  const heading = shown<HTMLElement>(mainContent(), 'h2, h3, [role="heading"]').find((h) =>
    names.some((n) => normalize(h.textContent).startsWith(`${n} (`)),
  );
  return heading ? tableContainer(heading) : null;
}

/** The rows of the page on screen; `valid` is false when a row is not what the console shows. */
export function readInstancesPage(
  container: ParentNode,
  language: Language,
): { rows: StackInstance[]; valid: boolean } {
  const col = columns(container, {
    account: cfnLabels('account', language),
    region: cfnLabels('region', language),
    status: cfnLabels('status', language),
    detailed: cfnLabels('detailedStatus', language),
    reason: cfnLabels('statusReason', language),
  });
  if (col.account < 0 || col.region < 0 || col.status < 0) return { rows: [], valid: false };
  let valid = true;
  const rows: StackInstance[] = [];
  for (const row of dataRows(container)) {
    const accountId = /\b\d{12}\b/.exec(cell(row, col.account, 64) ?? '')?.[0];
    const region = /\b[a-z]{2}(?:-[a-z]+)+-\d+\b/.exec(cell(row, col.region, 64) ?? '')?.[0];
    const status = statusWord(cell(row, col.status, 64), STATUSES);
    if (!accountId || !region || !status) {
      valid = false;
      continue;
    }
    const reason = cell(row, col.reason, 2048);
    rows.push({
      accountId,
      region,
      status,
      detailedStatus: statusWord(cell(row, col.detailed, 64), DETAILED),
      reason: reason && reason !== '-' ? reason.slice(0, 2048) : null,
    });
  }
  return { rows, valid };
}

/** The pagination's page-number button "1" (Cloudscape's "Page 1 of all pages" / "全ページ中 1 ページ"). */
function firstPage(container: ParentNode): HTMLButtonElement | null {
  return (
    shown<HTMLButtonElement>(
      container,
      '[class*="awsui_root_fvjdu_"] button, nav button, ul button',
    ).find((b) => normalize(b.textContent) === '1') ?? null
  );
}

const MAX_PAGES = 200;

/**
 * Every page of the table, from the first: `complete` when each page read cleanly and the rows
 * (one per account and region) add up to the count in the table's header. `table` finds the
 * table's container again after each page change (the console may re-render it whole).
 */
export async function readAllInstances(
  table: () => HTMLElement | null,
  language: Language,
  signal: AbortSignal,
): Promise<{ instances: StackInstance[]; complete: boolean }> {
  const byKey = new Map<string, StackInstance>();
  let clean = true;
  const loaded = () =>
    waitFor(
      () => {
        const container = table();
        return container && !tableLoading(container) ? container : null;
      },
      { signal, timeoutMs: 15_000 },
    );
  /** Presses `button` and waits for other rows: false when they never came. */
  const turn = async (button: HTMLButtonElement, from: HTMLElement) => {
    const before = rowsKey(from);
    button.click();
    const changed = await waitFor(
      () => {
        const container = table();
        return container && rowsKey(container) !== before ? true : null;
      },
      { signal, timeoutMs: 10_000 },
    );
    await settled(signal, { quietMs: 80 });
    return changed === true;
  };
  let container = await loaded();
  const first = container && firstPage(container);
  if (container && first && first.getAttribute('aria-current') !== 'true')
    await turn(first, container);
  for (let page = 0; page < MAX_PAGES && !signal.aborted; page += 1) {
    container = await loaded();
    if (!container) {
      clean = false;
      break;
    }
    const { rows, valid } = readInstancesPage(container, language);
    clean &&= valid;
    for (const row of rows) byKey.set(`${row.accountId} ${row.region}`, row);
    const next = nextPageButton(container, language);
    if (!next || next.disabled || next.getAttribute('aria-disabled') === 'true') break;
    if (!(await turn(next, container))) {
      clean = false;
      break;
    }
  }
  const instances = [...byKey.values()].slice(0, 5000);
  const total = container ? headerTotal(container) : null;
  return { instances, complete: clean && total !== null && total === instances.length };
}

/** The table's own refresh button, by its accessible name. */
export const refreshButton = (container: ParentNode, language: Language) =>
  findButton(container, cfnLabels('refresh', language));
