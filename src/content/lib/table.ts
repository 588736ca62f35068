// The console's Cloudscape tables (policy pickers, a role's permissions): rows, the count in
// the header, and the table's own pagination. Found by structure and accessible names, never by
// position on the page: each operation starts from the table's container.
import { normalize } from './dom.ts';
import { labelsFor, type Language } from './labels.ts';
import { CLOUDSCAPE } from './cloudscape.ts';
import { isShown, shown } from './page.ts';

/** The smallest shown ancestor of `from` that holds a table (the table's own container). */
export function tableContainer(from: Element): HTMLElement | null {
  for (let node = from.parentElement; node; node = node.parentElement) {
    if (node.querySelector('table') && isShown(node)) return node;
  }
  return null;
}

/** What Cloudscape shows while a table loads. */
const LOADING = `${CLOUDSCAPE.tableLoading}, [role="progressbar"]`;

/** Whether the table in `container` is still loading its rows. */
export const tableLoading = (container: ParentNode): boolean =>
  shown(container, LOADING).length > 0;

/** Data rows: an empty table's single "No policies" row spans every column and is not one. */
export function dataRows(container: ParentNode): HTMLTableRowElement[] {
  return shown<HTMLTableRowElement>(container, 'table tbody tr').filter(
    (row) => !(row.cells.length === 1 && row.cells[0]?.colSpan && row.cells[0].colSpan > 1),
  );
}

/** The total in the header's counter: "(12)" or "(1/1150)" (selected/total). */
export function headerTotal(container: ParentNode): number | null {
  for (const counter of shown(
    container,
    `${CLOUDSCAPE.headerCounter}, h1 span, h2 span, h3 span`,
  )) {
    const match = /\((?:\d[\d,]*\/)?(\d[\d,]*)\)/.exec(normalize(counter.textContent));
    if (match?.[1]) return Number(match[1].replace(/,/g, ''));
  }
  return null;
}

function pagination(container: ParentNode): Element | null {
  return (
    shown(container, `${CLOUDSCAPE.pagination}, nav[aria-label], ul[aria-label]`).find((n) =>
      n.querySelector('button'),
    ) ?? null
  );
}

/** The pagination's "next page" button, by its accessible name in the console's language. */
export function nextPageButton(
  container: ParentNode,
  language: Language,
): HTMLButtonElement | null {
  const nav = pagination(container);
  if (!nav) return null;
  const names = labelsFor('nextPage', language).map((l) => l.toLowerCase());
  return (
    shown<HTMLButtonElement>(nav, 'button').find((b) =>
      names.includes(normalize(b.getAttribute('aria-label')).toLowerCase()),
    ) ?? null
  );
}

/** The first-page button ("1"), to start a search from the top. */
export function firstPageButton(container: ParentNode): HTMLButtonElement | null {
  const nav = pagination(container);
  return nav
    ? (shown<HTMLButtonElement>(nav, 'button').find((b) => normalize(b.textContent) === '1') ??
        null)
    : null;
}

/** A short fingerprint of the rows, to notice when a page change has rendered. */
export const rowsKey = (container: ParentNode): string =>
  dataRows(container)
    .map((row) => normalize(row.textContent).slice(0, 80))
    .join('|');
