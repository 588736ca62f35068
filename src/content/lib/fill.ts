// A fill is a small plan per field (Bitwarden's autofill rule; docs/console.md, "Finding
// controls"): find the control, leave it if it already holds what it must, else set it the way
// React accepts, and read it back later; the panel says what was done or what is left to do.
import type { PanelItem } from '../panel.ts';
import { setChecked, setValue, waitFor } from './dom.ts';

type Control = HTMLInputElement | HTMLTextAreaElement;

/** A line for what the customer does by hand, with the value to copy when there is one. */
export const manual = (text: string, value?: string, label = 'ID'): PanelItem => ({
  status: 'manual',
  text,
  ...(value !== undefined && { copy: { value, label } }),
});

export type FieldPlan = {
  find(): Control | null;
  /** The text it must hold, or whether it must be ticked. */
  want: string | boolean;
  /** How long it may take to render; absent: looked for once. */
  waitMs?: number;
  /** Reported when it is not found. */
  miss?: string;
  /** Only filled when the field before it is right (a control that field reveals). */
  revealed?: boolean;
  /** The panel's line, done or left to the customer (`copy` labels the value offered to copy). */
  say?: { done: string; manual: string; copy?: string };
};

export type Filled = {
  control: Control | null;
  ok: boolean;
  /** Whether it holds what it must now: nothing to write into a missing field is right. */
  right(): boolean;
};

const holds = (control: Control | null, want: string | boolean): boolean =>
  control
    ? typeof want === 'boolean'
      ? (control as HTMLInputElement).checked === want
      : control.value === want
    : want === '';

export async function fillField(
  field: FieldPlan,
  signal: AbortSignal,
  miss: (field: string) => void,
): Promise<Filled> {
  const { want } = field;
  const control = field.waitMs
    ? await waitFor(() => field.find(), { signal, timeoutMs: field.waitMs })
    : field.find();
  if (!control && field.miss) miss(field.miss);
  const ok = control
    ? typeof want === 'boolean'
      ? setChecked(control as HTMLInputElement, want)
      : control.value === want || setValue(control, want)
    : want === '';
  return { control, ok, right: () => holds(control, want) };
}

/** Fills `fields` in order; their panel lines, and a read-back of all of them. */
export async function fillFields(
  fields: readonly FieldPlan[],
  signal: AbortSignal,
  miss: (field: string) => void,
): Promise<{ filled: Filled[]; items: PanelItem[]; right: () => boolean }> {
  const filled: Filled[] = [];
  const items: PanelItem[] = [];
  for (const field of fields) {
    const skip = field.revealed && !filled.at(-1)?.ok;
    const result = skip
      ? { control: null, ok: false, right: () => false }
      : await fillField(field, signal, miss);
    filled.push(result);
    const say = field.say;
    if (!say) continue;
    items.push(
      result.ok
        ? { status: 'done', text: say.done }
        : manual(say.manual, say.copy === undefined ? undefined : String(field.want), say.copy),
    );
  }
  return { filled, items, right: () => filled.every((f) => f.right()) };
}
