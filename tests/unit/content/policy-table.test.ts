// @vitest-environment happy-dom
// The policy picker on a table that behaves as the console's does: a text filter, 10 rows a
// page, look-alike names, its own pagination. The exact name is found on whichever page it is,
// a first page that answers the query without it is not waited on, and the tick is read back
// where it is shown instead of filtering and paging through again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useWords } from '../../../src/content/lib/i18n.ts';
import { selectPolicies } from '../../../src/content/lib/policy-table.ts';
import { consoleWordsFor } from '../../../src/core/iam-words.ts';

const LOOK_ALIKES = Array.from(
  { length: 34 },
  (_, i) => `Amazon${String(i).padStart(2, '0')}ReadOnlyAccess`,
);
const CATALOGUE = [...LOOK_ALIKES, 'ReadOnlyAccess', 'ViewOnlyAccess', 'PowerUserAccess'];

/** A filtering, paginated policy table; counts what the picker asked of it. */
function table(names = CATALOGUE) {
  const ticked = new Set<string>();
  const asked = { queries: [] as string[], pages: 0 };
  let query = '';
  let page = 0;
  document.body.innerHTML = `<main>
    <div><input type="search" aria-label="Search"><div id="rows"></div></div></main>`;
  const input = document.querySelector('input')!;
  const rows = document.getElementById('rows')!;
  const matching = () => names.filter((n) => n.toLowerCase().includes(query.toLowerCase()));
  const render = () => {
    const all = matching();
    const shown = all.slice(page * 10, page * 10 + 10);
    rows.innerHTML = `<table><tbody>${shown
      .map(
        (n) =>
          `<tr><td><input type="checkbox" data-name="${n}"${ticked.has(n) ? ' checked' : ''}></td><td><a href="#">${n}</a></td></tr>`,
      )
      .join('')}</tbody></table>
      <ul aria-label="Pages"><li><button>1</button></li>
      <li><button aria-label="Next page"${(page + 1) * 10 >= all.length ? ' disabled' : ''}>›</button></li></ul>`;
    for (const box of rows.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      box.addEventListener('click', () => {
        const name = box.dataset['name']!;
        if (box.checked) ticked.add(name);
        else ticked.delete(name);
      });
    rows.querySelector('[aria-label="Next page"]')!.addEventListener('click', () => {
      page += 1;
      asked.pages += 1;
      render();
    });
    rows.querySelector('button')!.addEventListener('click', () => {
      page = 0;
      render();
    });
  };
  input.addEventListener('input', () => {
    query = input.value;
    asked.queries.push(query);
    page = 0;
    render();
  });
  render();
  return { ticked, asked };
}

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

/** Runs the picker, moving the clock on until it answers or `ms` have passed. */
async function pick(names: string[], ms: number) {
  let result: Awaited<ReturnType<typeof selectPolicies>> | undefined;
  void selectPolicies(names, 'en', controller.signal, () => undefined).then((r) => (result = r));
  for (let t = 0; t < ms && !result; t += 10) await vi.advanceTimersByTimeAsync(10);
  return result;
}

// The words the background sends an English console with the setup.
useWords(consoleWordsFor('en'));

describe('the policy picker', () => {
  it('pages to the exact name past its look-alikes, without waiting on a first page that lacks it', async () => {
    const { ticked, asked } = table();
    // Well under the 2 s the first page used to be given to show the name.
    const result = await pick(['ReadOnlyAccess'], 1500);
    expect(result).toMatchObject({ allOk: true, items: [{ status: 'done' }] });
    expect([...ticked]).toEqual(['ReadOnlyAccess']);
    expect(asked.pages).toBe(3);
    // Filtered once, read back where it was shown, then the filter cleared: no second search.
    expect(asked.queries).toEqual(['ReadOnlyAccess', '']);
  });

  it('reads back a tick made under another filter by searching for it again', async () => {
    const { ticked, asked } = table();
    const result = await pick(['ReadOnlyAccess', 'PowerUserAccess'], 3000);
    expect(result?.allOk).toBe(true);
    expect([...ticked].sort()).toEqual(['PowerUserAccess', 'ReadOnlyAccess']);
    // PowerUserAccess is read where it is; only ReadOnlyAccess is searched for again.
    expect(asked.queries).toEqual(['ReadOnlyAccess', 'PowerUserAccess', 'ReadOnlyAccess', '']);
  });

  it('says a tick was lost when the table undid it, and guides instead', async () => {
    const { ticked } = table();
    // The console re-renders the row unticked right after the click.
    document.addEventListener('click', (event) => {
      const box = event.target as HTMLInputElement;
      if (box.dataset['name'] !== 'ReadOnlyAccess') return;
      setTimeout(() => {
        ticked.delete('ReadOnlyAccess');
        box.checked = false;
      }, 20);
    });
    const result = await pick(['ReadOnlyAccess'], 3000);
    expect(result).toMatchObject({ allOk: false, items: [{ status: 'manual' }] });
  });

  it('never ticks a look-alike when the exact name is not in the catalogue', async () => {
    const { ticked } = table(LOOK_ALIKES);
    const result = await pick(['ReadOnlyAccess'], 5000);
    expect(result).toMatchObject({ allOk: false, items: [{ status: 'manual' }] });
    expect(ticked.size).toBe(0);
  });
});
