// The console's policy picker (Create role step 2, Create user, Attach policies): for each
// policy, filter with the most exact query the filter takes, page through the table's own
// pagination until a row's name equals the policy's exactly (never a look-alike such as
// AmazonEC2ReadOnlyAccess), tick it and read the tick back; then check every tick again, since
// a tick made under one filter or on another page can be lost (docs/console.md, "Policy tables").
import { enabled, findByLabel, normalize, setChecked, setValue, settled, waitFor } from './dom.ts';
import { labelsFor, type Language } from './labels.ts';
import { shown } from './page.ts';
import {
  dataRows,
  firstPageButton,
  nextPageButton,
  rowsKey,
  tableContainer,
  tableLoading,
} from './table.ts';
import type { PanelItem } from '../panel.ts';
import { CLOUDSCAPE } from './cloudscape.ts';
import { say } from './i18n.ts';

/** How many pages Crossrole pages through before it falls back to guiding the customer. */
export const MAX_PAGES = 200;

type Filter = { input: HTMLInputElement; kind: 'text' | 'property' };

/** The filter of the table that has row checkboxes (a page may show a read-only table too). */
function findFilter(root: ParentNode, language: Language): Filter | null {
  const picks = (input: HTMLInputElement) =>
    tableContainer(input)?.querySelector('table input[type="checkbox"]') != null;
  // A property filter commits free text as a token on Enter; a text filter filters as you type.
  const property = shown<HTMLInputElement>(root, `${CLOUDSCAPE.propertyFilter} input`).find(picks);
  if (property) return { input: property, kind: 'property' };
  const labelled = findByLabel<HTMLInputElement>(root, 'input', labelsFor('search', language));
  const text =
    shown<HTMLInputElement>(root, `${CLOUDSCAPE.textFilter} input, input[type="search"]`).find(
      picks,
    ) ?? (labelled && picks(labelled) ? labelled : null);
  return text ? { input: text, kind: 'text' } : null;
}

/** A row's policy name: its first link, else each cell (a table without links). */
function rowNames(row: HTMLTableRowElement): string[] {
  const link = row.querySelector('a');
  return link ? [normalize(link.textContent)] : [...row.cells].map((c) => normalize(c.textContent));
}

/** The row whose name is exactly `name`, with its checkbox. */
function rowFor(container: ParentNode, name: string): HTMLInputElement | null {
  for (const row of dataRows(container)) {
    const box = row.querySelector<HTMLInputElement>('input[type="checkbox"]');
    if (box && rowNames(row).includes(name)) return box;
  }
  return null;
}

/**
 * The table shows the answer to `query`: loaded, and every row's name holds it. Until then the
 * rows may still be the unfiltered ones (the filter or the console's search is late).
 */
function showsAnswerTo(container: ParentNode, query: string): boolean {
  const rows = dataRows(container);
  const q = query.toLowerCase();
  return (
    !tableLoading(container) &&
    rows.length > 0 &&
    rows.every((row) => rowNames(row).some((n) => n.toLowerCase().includes(q)))
  );
}

/** Removes committed property-filter tokens (each has its own dismiss button). */
function clearTokens(filter: Filter): void {
  const root = filter.input.closest(CLOUDSCAPE.propertyFilter);
  for (const button of shown<HTMLButtonElement>(
    root,
    `${CLOUDSCAPE.filterToken} ${CLOUDSCAPE.tokenDismiss}, ${CLOUDSCAPE.tokenDismiss}`,
  ))
    button.click();
}

async function applyFilter(filter: Filter, query: string, signal: AbortSignal): Promise<void> {
  if (filter.kind === 'property') {
    clearTokens(filter);
    await settled(signal);
  }
  setValue(filter.input, query);
  if (filter.kind === 'property' && query) {
    filter.input.focus();
    for (const type of ['keydown', 'keyup'] as const) {
      const event = new KeyboardEvent(type, { key: 'Enter', code: 'Enter', bubbles: true });
      // Browsers ignore keyCode in the event's init; Cloudscape's filter reads it.
      for (const name of ['keyCode', 'which'])
        Object.defineProperty(event, name, { get: () => 13 });
      filter.input.dispatchEvent(event);
    }
  }
  await settled(signal);
}

/** Finds `name` on whichever page it is; the checkbox of its row, or null past the last page. */
async function findOnPages(
  container: ParentNode,
  name: string,
  language: Language,
  signal: AbortSignal,
): Promise<HTMLInputElement | null> {
  const first = firstPageButton(container);
  if (first && first.getAttribute('aria-current') !== 'true') {
    first.click();
    await settled(signal);
  }
  // The first page may still be loading or unfiltered; later pages have rendered once their
  // rows changed. A first page that answers the query without the name is not waited on.
  const firstBox = await waitFor(
    () => rowFor(container, name) ?? (showsAnswerTo(container, name) ? false : null),
    { signal, timeoutMs: 2000 },
  );
  if (firstBox) return firstBox;
  for (let page = 0; page < MAX_PAGES && !signal.aborted; page += 1) {
    const box = rowFor(container, name);
    if (box) return box;
    const next = nextPageButton(container, language);
    if (!enabled(next)) return null;
    const before = rowsKey(container);
    next.click();
    await waitFor(() => (rowsKey(container) !== before ? true : null), { signal, timeoutMs: 5000 });
  }
  return null;
}

export async function selectPolicies(
  names: readonly string[],
  language: Language,
  signal: AbortSignal,
  miss: (field: string) => void,
  root: ParentNode = document,
): Promise<{ items: PanelItem[]; allOk: boolean }> {
  const t = say(language);
  const filter = findFilter(root, language);
  if (!filter) miss('policy-filter');
  const container = (filter && tableContainer(filter.input)) ?? root;
  const ticked = new Map<string, boolean>();
  for (const name of names) {
    if (filter) await applyFilter(filter, name, signal);
    const box = await findOnPages(container, name, language, signal);
    if (!box) miss('policy-row');
    ticked.set(name, box ? setChecked(box, true) : false);
  }
  // Read every tick back: ticks survive filters and pages in the console, but a re-render or
  // the customer may have undone one. Rows still shown are read where they are; the others are
  // found again under their own filter.
  await settled(signal);
  const again: string[] = [];
  for (const name of names) {
    if (!ticked.get(name)) continue;
    const box = rowFor(container, name);
    if (box) ticked.set(name, box.checked);
    else again.push(name);
  }
  for (const name of again) {
    if (filter) await applyFilter(filter, name, signal);
    const box = await findOnPages(container, name, language, signal);
    ticked.set(name, box?.checked === true);
  }
  // Leave the table unfiltered, as the customer found it (committed tokens too).
  if (filter && (filter.kind === 'property' || filter.input.value))
    await applyFilter(filter, '', signal);
  const items: PanelItem[] = names.map((name) =>
    ticked.get(name)
      ? { status: 'done', text: t.policySelected(name) }
      : { status: 'manual', text: t.searchAndTick, copy: { value: name, label: name } },
  );
  return { items, allOk: names.every((name) => ticked.get(name)) };
}
