// The review's Tags, for a new role in this account (docs/vendors.md §1 `role.tags`): the
// service's tags, read only, and rows for the ones the customer's organisation requires. Checked
// as the customer types with core's tagsProblems, the rules the background applies, so a tag IAM
// would refuse is marked at its field and nothing starts. One summary line while there are none.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../core/problems.ts';
import type { FieldError } from '../../core/result.ts';
import { tagsProblems, type RoleTag } from '../../core/tags.ts';
import { t } from '../i18n.ts';
import { fieldErrorText, problemText } from '../problems.ts';

/** A row as typed; `id` keeps focus and problems on the row while others come and go. */
export type TagRow = RoleTag & { id: number };

/** A problem at a row's field, or of the whole list (`row` null). */
export type RowProblem = { row: number | null; field: 'key' | 'value' | null; text: string };

/** The rows sent: one left with both fields empty is a row not used, not an empty key. */
export const rowsToSend = (rows: readonly TagRow[]): TagRow[] =>
  rows.filter((r) => r.key !== '' || r.value !== '');

export const tagsOf = (rows: readonly TagRow[]): RoleTag[] =>
  rows.map(({ key, value }) => ({ key, value }));

// Core says its rules without their subject ("must be …"): under a field they get its name. The
// problems that name the key already ("tag key "Env" is used twice") only become a sentence.
const NAMES_ITS_KEY = new Set<Problem['code']>(['tagKeyTwice', 'tagKeyService']);

function fieldText(field: 'key' | 'value' | null, text: string, code?: Problem['code']): string {
  if (field === null) return t('tagsListProblem', text);
  if (code && NAMES_ITS_KEY.has(code)) return t('tagProblemNamed', text);
  return t(field === 'key' ? 'tagKeyProblem' : 'tagValueProblem', text);
}

/** Every problem of the rows sent, as the background would find it, at the row it is about. */
export function rowProblems(
  rows: readonly TagRow[],
  fixed: readonly RoleTag[],
  service: string,
): RowProblem[] {
  const sent = rowsToSend(rows);
  return tagsProblems(tagsOf(sent), fixed, service).map((p) => ({
    row: p.index === null ? null : (sent[p.index]?.id ?? null),
    field: p.field,
    text: fieldText(p.field, problemText(p.problem), p.problem.code),
  }));
}

/**
 * The background's field errors about tags (`tags[1].key`, `tags`) at the rows that were `sent`;
 * null for an error about anything else.
 */
export function refusedAtRow(error: FieldError, sent: readonly TagRow[]): RowProblem | null {
  const at = /^tags(?:\[(\d+)\](?:\.(key|value))?)?$/.exec(error.path);
  if (!at) return null;
  const field = at[2] === 'key' || at[2] === 'value' ? at[2] : null;
  const row = at[1] === undefined ? null : (sent[Number(at[1])]?.id ?? null);
  return {
    row,
    field: row === null ? null : field,
    text: fieldText(row === null ? null : field, fieldErrorText(error), error.problem?.code),
  };
}

/** `key = value`, as the summary and the service's tags show a tag. */
export const tagText = (tag: RoleTag): string =>
  tag.value === '' ? `${tag.key} = ${t('tagNoValue')}` : `${tag.key} = ${tag.value}`;

let nextRowId = 0;
export const newRow = (tag: RoleTag = { key: '', value: '' }): TagRow => ({
  ...tag,
  id: (nextRowId += 1),
});

export function Tags(props: {
  service: string;
  /** The profile's tags: the service sets them; the customer sees them, cannot change them. */
  fixed: readonly RoleTag[];
  rows: readonly TagRow[];
  onRows: (rows: TagRow[]) => void;
  /** The rows' problems: found as typed, and the background's last refusal. */
  problems: readonly RowProblem[];
}) {
  const { rows, onRows, problems } = props;
  // Open once there is a tag to show (the service's, or one given last time), and it stays open
  // when the customer removes their last row: focus then goes to "Add tag", not to nowhere.
  const [opened, setOpened] = useState(false);
  const open = opened || props.fixed.length > 0 || rows.length > 0;
  // Where focus goes once the rows have rendered: a row's key, or "Add tag". A layout effect, so
  // focus has moved before the next key event: typing straight after Enter lands in the new key.
  const [focusTo, setFocusTo] = useState<number | 'add' | null>(null);
  const panel = useRef<HTMLFieldSetElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (focusTo === null) return;
    if (focusTo === 'add') addButton.current?.focus();
    else panel.current?.querySelector<HTMLInputElement>(`#tag-key-${focusTo}`)?.focus();
    setFocusTo(null);
  }, [focusTo]);

  const add = () => {
    const row = newRow();
    setOpened(true);
    onRows([...rows, row]);
    setFocusTo(row.id);
  };
  // Focus to the row that takes the removed one's place, else the one above, else "Add tag".
  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    setOpened(true);
    onRows(rows.filter((_, i) => i !== index));
    setFocusTo(next ? next.id : 'add');
  };
  const change = (index: number, field: 'key' | 'value', text: string) =>
    onRows(rows.map((r, i) => (i === index ? { ...r, [field]: text } : r)));

  if (!open)
    return (
      <p class="chosen tags-none">
        <span>{t('tagsNone')}</span>
        <span aria-hidden="true"> · </span>
        <button
          type="button"
          class="link"
          aria-expanded="false"
          aria-controls="tags-panel"
          onClick={add}
        >
          {t('tagsAdd')}
        </button>
      </p>
    );

  const at = (row: number, field: 'key' | 'value') =>
    problems.filter((p) => p.row === row && p.field === field);
  const listProblems = problems.filter((p) => p.row === null || p.field === null);
  return (
    <fieldset class="tags" id="tags-panel" ref={panel}>
      <legend>{t('tagsTitle')}</legend>
      <p class="hint">{t('tagsWhy')}</p>
      {props.fixed.length > 0 && (
        <ul class="fixed-tags" aria-label={t('tagsOfService', props.service)}>
          {props.fixed.map((tag) => (
            <li key={tag.key}>
              <code>{tagText(tag)}</code> <span class="hint">{t('tagSetBy', props.service)}</span>
            </li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <div class="tag-rows">
          {/* The console's tag editor's columns; each input names itself ("Tag key"). */}
          <div class="tag-head" aria-hidden="true">
            <span>{t('tagKeyColumn')}</span>
            <span>{t('tagValueColumn')}</span>
            <span />
          </div>
          {rows.map((row, index) => {
            const keyProblems = at(row.id, 'key');
            const valueProblems = at(row.id, 'value');
            return (
              <div key={row.id} class="tag-row">
                <input
                  id={`tag-key-${row.id}`}
                  aria-label={t('tagKeyLabel')}
                  value={row.key}
                  spellcheck={false}
                  autocomplete="off"
                  aria-invalid={keyProblems.length ? 'true' : 'false'}
                  aria-describedby={keyProblems.length ? `tag-key-${row.id}-error` : undefined}
                  onInput={(e) => change(index, 'key', (e.target as HTMLInputElement).value)}
                />
                <input
                  id={`tag-value-${row.id}`}
                  aria-label={t('tagValueLabel')}
                  value={row.value}
                  spellcheck={false}
                  autocomplete="off"
                  aria-invalid={valueProblems.length ? 'true' : 'false'}
                  aria-describedby={valueProblems.length ? `tag-value-${row.id}-error` : undefined}
                  onInput={(e) => change(index, 'value', (e.target as HTMLInputElement).value)}
                />
                <button
                  type="button"
                  class="link"
                  aria-label={
                    row.key.trim() ? t('tagRemove', row.key) : t('tagRemoveNoKey', index + 1)
                  }
                  onClick={() => remove(index)}
                >
                  {t('remove')}
                </button>
                {/* Under the row, across both fields: a column's width would wrap it to a word a
                    line; it says which field it is about ("The key …"). */}
                {keyProblems.length > 0 && (
                  <p id={`tag-key-${row.id}-error`} class="error">
                    {keyProblems.map((p) => p.text).join(' ')}
                  </p>
                )}
                {valueProblems.length > 0 && (
                  <p id={`tag-value-${row.id}-error`} class="error">
                    {valueProblems.map((p) => p.text).join(' ')}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      {listProblems.map((p) => (
        <p key={p.text} class="error">
          {p.text}
        </p>
      ))}
      <button type="button" class="add-tag" ref={addButton} onClick={add}>
        {t('tagAdd')}
      </button>
    </fieldset>
  );
}
