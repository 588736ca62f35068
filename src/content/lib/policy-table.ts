// The console's policy table (role and user wizards): search each policy with the filter, since
// it may sit on another page of the table, tick its row, and read the tick back.
import { findByLabel, normalize, setChecked, setValue, waitFor } from './dom.ts';
import { labelsFor, type Language } from './labels.ts';
import type { PanelItem } from '../panel.ts';

function findFilter(language: Language): HTMLInputElement | null {
  return (
    document.querySelector<HTMLInputElement>('input[type="search"]') ??
    findByLabel<HTMLInputElement>(document, 'input', labelsFor('search', language))
  );
}

/** The table row whose name cell is exactly `name`. */
function rowFor(name: string): HTMLTableRowElement | null {
  for (const row of document.querySelectorAll<HTMLTableRowElement>('table tbody tr')) {
    const cells = [...row.querySelectorAll('td, th')].map((cell) => normalize(cell.textContent));
    if (cells.includes(name) && row.querySelector('input[type="checkbox"]')) return row;
  }
  return null;
}

export async function selectPolicies(
  names: readonly string[],
  language: Language,
  signal: AbortSignal,
  miss: (field: string) => void,
): Promise<{ items: PanelItem[]; allOk: boolean }> {
  const items: PanelItem[] = [];
  const filter = findFilter(language);
  if (!filter) miss('policy-filter');
  let allOk = true;
  for (const name of names) {
    if (filter) setValue(filter, name);
    const row = await waitFor(() => rowFor(name), { signal, timeoutMs: 5000 });
    const box = row?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    const ok = box ? setChecked(box, true) : false;
    if (!row) miss('policy-row');
    allOk &&= ok;
    items.push(
      ok
        ? { status: 'done', text: `Policy selected: ${name}` }
        : {
            status: 'manual',
            text: 'Search for this policy and tick it',
            copy: { value: name, label: `policy ${name}` },
          },
    );
  }
  if (filter && filter.value) setValue(filter, '');
  return { items, allOk };
}
