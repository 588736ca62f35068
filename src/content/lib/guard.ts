// Guardrails at creation in the IAM console (docs/guardrails.md): the Create role wizard's tag
// editor (filled row by row, read back), IAM's refusal of Create role (said in IAM's own words),
// and the role's maximum session duration (read from the summary, set on its Edit page). The
// panel's words come from the background (src/core/guard-words.ts); the page only fills them.
import type { GuardWord } from '../../core/guard-words.ts';
import type { LifecycleWord } from '../../core/lifecycle-words.ts';
import { fillWords, wordOf } from '../../core/panel-words.ts';
import { missingTags, tagsText, type RoleTag } from '../../core/tags.ts';
import type { FeatureContext } from '../feature.ts';
import type { PanelItem } from '../panel.ts';
import { POLICY_ARN_IN_TEXT } from '../../core/arn.ts';
import { CLOUDSCAPE } from './cloudscape.ts';
import {
  accessibleLabel,
  enabledButton,
  findByLabel,
  normalize,
  setChecked,
  setValue,
  waitFor,
} from './dom.ts';
import { labelsFor, type LabelKey, type Language } from './labels.ts';
import { mainContent, shown } from './page.ts';
import { dataRows, tableContainer, tableLoading } from './table.ts';

/** The guardrail (or later-life) word `key` for the setup, with `values` filled in. */
export const guardWord = (
  context: FeatureContext,
  key: GuardWord | LifecycleWord,
  values: Record<string, string> = {},
): string =>
  fillWords(wordOf(context.words, key), {
    service: context.setup.serviceName,
    role: context.setup.roleName,
    ...values,
  });

/** A duration in the console's words: "1 hour", "2 hours", "1.5 hours" (from the background). */
export const durationWord = (context: FeatureContext, seconds: number): string =>
  seconds === 3600
    ? guardWord(context, 'oneHour')
    : guardWord(context, 'hours', { hours: String(Math.round(seconds / 36) / 100) });

/** Shown inputs whose accessible name is (or starts with) one of the labels, in page order. */
function inputsNamed(root: ParentNode, key: LabelKey, language: Language): HTMLInputElement[] {
  const names = labelsFor(key, language).map((l) => l.toLowerCase());
  return shown<HTMLInputElement>(root, 'input').filter((input) => {
    const name = accessibleLabel(input).toLowerCase();
    return names.some((n) => name === n || name.startsWith(`${n} `));
  });
}

/** The tag editor's rows: the Nth Key input with the Nth Value input. */
function tagRows(root: ParentNode, language: Language): [HTMLInputElement, HTMLInputElement][] {
  const values = inputsNamed(root, 'tagValue', language);
  return inputsNamed(root, 'tagKey', language).flatMap((key, i) =>
    values[i] ? [[key, values[i]] as [HTMLInputElement, HTMLInputElement]] : [],
  );
}

/**
 * Puts every planned tag into the wizard's "Add tags" editor: a row already holding the key is
 * corrected, else an empty row (added with "Add new tag") takes it. Then the rows are read back;
 * a tag the editor does not hold is left to the customer, with the value to copy.
 */
export async function fillTags(
  context: FeatureContext,
  root: ParentNode,
  signal: AbortSignal,
): Promise<{ items: PanelItem[]; ok: boolean }> {
  const tags = context.setup.tags ?? [];
  if (!tags.length) return { items: [], ok: true };
  const { language } = context;
  const emptyRow = () => tagRows(root, language).find(([k, v]) => !k.value && !v.value) ?? null;
  for (const tag of tags) {
    let row = tagRows(root, language).find(([k]) => k.value === tag.key) ?? emptyRow();
    if (!row) {
      enabledButton(root, labelsFor('addTag', language))?.click();
      row = await waitFor(emptyRow, { signal, timeoutMs: 3000 });
    }
    if (signal.aborted) break;
    if (row) {
      if (row[0].value !== tag.key) setValue(row[0], tag.key);
      if (row[1].value !== tag.value) setValue(row[1], tag.value);
    }
  }
  const held = tagRows(root, language).map(([k, v]) => ({ key: k.value, value: v.value }));
  const missing = missingTags(tags, held);
  if (!missing.length)
    return {
      items: [{ status: 'done', text: guardWord(context, 'tagsDone', { tags: tagsText(tags) }) }],
      ok: true,
    };
  context.miss('tags');
  const text = tagsText(missing);
  return {
    items: [
      {
        status: 'manual',
        text: guardWord(context, 'tagsManual', { tags: text }),
        copy: { value: text, label: guardWord(context, 'tagsCopy') },
      },
    ],
    ok: false,
  };
}

/**
 * IAM's refusal of the last press on this page, in its own words ("User: … is not authorized to
 * perform: iam:CreateRole … with an explicit deny in a service control policy"): the API's
 * message, which the console shows untranslated. Null once the page is left.
 */
export const iamRefusal = (signal: AbortSignal): Promise<string | null> =>
  waitFor(
    () =>
      /[^\n]*\bis not authorized to perform\b[^\n]*/
        .exec(mainContent()?.innerText ?? '')?.[0]
        .trim()
        .slice(0, 600) ?? null,
    { signal, timeoutMs: 60 * 60 * 1000 },
  );

/** Every row of the role's Tags tab, once its table has rendered; null when it did not. */
export async function readTags(signal: AbortSignal): Promise<RoleTag[] | null> {
  const main = mainContent();
  const box = await waitFor(
    () => {
      const table = shown(main, '[role="tabpanel"] table')[0];
      const found = table && tableContainer(table);
      return found && !tableLoading(found) ? found : null;
    },
    { signal, timeoutMs: 10_000 },
  );
  if (!box) return null;
  return dataRows(box).flatMap((row) => {
    const [key, value] = [...row.cells].map((c) => normalize(c.textContent));
    return key ? [{ key, value: value ?? '' }] : [];
  });
}

/** The summary's element whose whole text is `key`'s label ("Maximum session duration"). */
const summaryLabel = (key: LabelKey, language: Language): HTMLElement | undefined =>
  shown<HTMLElement>(mainContent(), 'dt, span, div, label').find(
    (el) =>
      !el.querySelector('div, span') &&
      labelsFor(key, language).includes(normalize(el.textContent)),
  );

/**
 * The value shown with `key`'s label: the element after the label, or after the smallest
 * wrapper of it that has one (`dt`/`dd`, a key-label box then its value), never the column.
 */
export function summaryValue(key: LabelKey, language: Language): string | null {
  for (
    let node: Element | null | undefined = summaryLabel(key, language);
    node;
    node = node.parentElement
  ) {
    const value = normalize(node.nextElementSibling?.textContent);
    if (value) return value.slice(0, 200);
  }
  return null;
}

/** The Edit button of the container that shows `key`'s label (the role's summary). */
export function editNear(key: LabelKey, language: Language): HTMLButtonElement | null {
  for (let node = summaryLabel(key, language)?.parentElement; node; node = node.parentElement) {
    const edit = enabledButton(node, labelsFor('edit', language));
    if (edit) return edit;
  }
  return null;
}

const startsWithOne = (text: string | null, names: readonly string[]): boolean =>
  names.some((n) => normalize(text).startsWith(n));

/**
 * The permissions boundary the customer chose in the popup, set on the wizard's permissions
 * step: its "Set permissions boundary" section opened, "Use a permissions boundary" chosen, the
 * policy found with the section's own filter and its row's radio ticked, then read back.
 */
export async function fillBoundary(
  context: FeatureContext,
  root: ParentNode,
  signal: AbortSignal,
): Promise<{ items: PanelItem[]; ok: boolean }> {
  const name = context.setup.permissionsBoundary;
  if (!name) return { items: [], ok: true };
  const labels = (key: LabelKey) => labelsFor(key, context.language);
  const header = shown<HTMLElement>(root, '[aria-expanded]').find((el) =>
    startsWithOne(el.textContent, labels('boundarySection')),
  );
  if (header?.getAttribute('aria-expanded') === 'false') header.click();
  const use = await waitFor(
    () => findByLabel<HTMLInputElement>(root, 'input[type="radio"]', labels('useBoundary')),
    { signal, timeoutMs: 3000 },
  );
  if (use) setChecked(use, true);
  // The section's table picks one policy: its rows have radios, the permissions table's do not.
  const inBoundary = (el: Element) => {
    const box = tableContainer(el);
    return (
      !!box?.querySelector('tbody input[type="radio"]') &&
      !box.querySelector('tbody input[type="checkbox"]')
    );
  };
  const filter = await waitFor(
    () =>
      shown<HTMLInputElement>(root, `${CLOUDSCAPE.textFilter} input, input[type="search"]`).find(
        inBoundary,
      ) ?? null,
    { signal, timeoutMs: 5000 },
  );
  if (filter && filter.value !== name) setValue(filter, name);
  const radio = await waitFor(
    () => {
      const box = filter && tableContainer(filter);
      const row =
        box &&
        dataRows(box).find((r) => [...r.cells].some((c) => normalize(c.textContent) === name));
      return row?.querySelector<HTMLInputElement>('input[type="radio"]') ?? null;
    },
    { signal, timeoutMs: 5000 },
  );
  if (radio) setChecked(radio, true);
  if (radio?.checked)
    return {
      items: [{ status: 'done', text: guardWord(context, 'boundaryDone', { policy: name }) }],
      ok: true,
    };
  context.miss('permissions-boundary');
  const text = guardWord(context, 'boundaryManual', { policy: name });
  return { items: [{ status: 'manual', text, copy: { value: name, label: name } }], ok: false };
}

/**
 * The Permissions tab's permissions boundary: the policy ARN its section links to, null when the
 * section links none ("not set"), undefined when the tab shows no such section. The section is the
 * largest ancestor of its heading holding no other heading (never the policies table beside it).
 */
export function shownBoundary(language: Language): string | null | undefined {
  const headingsOf = (el: Element) => el.querySelectorAll('h2, h3, [role="heading"]').length;
  const heading = shown<HTMLElement>(mainContent(), 'h2, h3, [role="heading"]').find((h) =>
    startsWithOne(h.textContent, labelsFor('permissionsBoundary', language)),
  );
  if (!heading) return undefined;
  let section: Element = heading;
  while (section.parentElement && headingsOf(section.parentElement) === 1)
    section = section.parentElement;
  for (const link of section.querySelectorAll('a')) {
    let href = link.getAttribute('href') ?? '';
    try {
      href = decodeURIComponent(href);
    } catch {
      continue;
    }
    const arn = POLICY_ARN_IN_TEXT.exec(href)?.[0];
    if (arn) return arn;
  }
  return null;
}
