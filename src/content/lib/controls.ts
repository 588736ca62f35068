// Cloudscape's composite controls on the CloudFormation console (docs/organizations.md, "Console
// pages"): a form field's group of controls, a select or multiselect (a trigger button whose
// listbox opens on mousedown and picks an option on mouseup, Cloudscape's own handlers; a click
// follows for plain replicas), and a file upload over an `input[type=file]`. Each is found by
// its label or accessible name first, then by Cloudscape's stable class prefixes.
import { findByLabel, findButton, normalize, setValue, waitFor } from './dom.ts';
import { isShown, shown } from './page.ts';

/**
 * A Select's or Multiselect's trigger: Cloudscape's button with a listbox popup, or with a
 * dialog popup once the options can be filtered (the filter is then a combobox inside it).
 */
export const TRIGGER =
  'button[aria-haspopup="listbox"], button[aria-haspopup="dialog"], [role="combobox"]';
/** Multiselect tokens: the token group's items and the token component's roots. */
const TOKENS = '[class*="awsui_token_dm8gx_"], [class*="awsui_root_1i2wg_"]';

/**
 * The smallest shown container of the field labelled by one of `labels` that also holds
 * `selector` (a form field with a select and an input side by side): the label's text exact.
 */
export function fieldGroup(
  root: ParentNode,
  labels: readonly string[],
  selector: string,
): HTMLElement | null {
  const wanted = labels.map((l) => l.toLowerCase());
  const names = shown<HTMLElement>(root, 'label, legend, [class*="awsui_label_"]').filter((el) =>
    wanted.includes(normalize(el.textContent).toLowerCase()),
  );
  for (const name of names) {
    for (let node = name.parentElement; node && node !== root; node = node.parentElement) {
      if (node.querySelector(selector)) return node;
    }
  }
  return null;
}

/** The press a person makes: Cloudscape listens to mousedown/mouseup, plain markup to click. */
export function press(el: HTMLElement): void {
  for (const type of ['mousedown', 'mouseup'])
    el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
  el.click();
}

const optionsShown = () => shown<HTMLElement>(document, '[role="option"]');

/** Whether `text` names `code` as a word (`us-east-1`, not `us-east-10`). */
export const namesCode = (text: string, code: string): boolean =>
  normalize(text)
    .split(/[\s(),]+/)
    .includes(code);

/** A select's trigger (or native select) in `group`, else the one labelled by `labels`. */
export function selectIn(
  group: ParentNode | null,
  root: ParentNode,
  labels: readonly string[],
): HTMLElement | null {
  return (
    (group && shown<HTMLElement>(group, `${TRIGGER}, select`)[0]) ??
    findByLabel<HTMLElement>(root, `${TRIGGER}, select`, labels)
  );
}

/** What a select shows as chosen. */
export const selectedText = (select: HTMLElement): string =>
  select instanceof HTMLSelectElement
    ? normalize(select.selectedOptions[0]?.textContent)
    : normalize(select.textContent);

/** Chooses the option named by one of `labels`; true once the select shows it (read back). */
export async function chooseOption(
  select: HTMLElement,
  labels: readonly string[],
  signal: AbortSignal,
): Promise<boolean> {
  const holds = () => labels.includes(selectedText(select));
  if (holds()) return true;
  if (select instanceof HTMLSelectElement) {
    const option = [...select.options].find((o) => labels.includes(normalize(o.textContent)));
    if (!option || select.disabled) return false;
    select.value = option.value;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return holds();
  }
  press(select);
  const option = await waitFor(
    () => optionsShown().find((o) => labels.includes(normalize(o.textContent))) ?? null,
    { signal, timeoutMs: 3000 },
  );
  if (!option) return false;
  press(option);
  return (await waitFor(() => (holds() ? true : null), { signal, timeoutMs: 3000 })) === true;
}

/** The region codes a multiselect's tokens show, in `group`. */
export function tokenCodes(group: ParentNode): string[] {
  const codes = new Set<string>();
  for (const token of shown(group, TOKENS))
    for (const match of normalize(token.textContent).matchAll(/\b[a-z]{2}(?:-[a-z]+)+-\d+\b/g))
      codes.add(match[0]);
  return [...codes];
}

/**
 * Makes a multiselect in `group` hold exactly `code`: the option whose text names it is chosen,
 * every other chosen one removed; true once the tokens show `code` alone (read back).
 */
export async function chooseOnly(
  group: HTMLElement,
  code: string,
  signal: AbortSignal,
): Promise<boolean> {
  const exact = () => {
    const codes = tokenCodes(group);
    return codes.length === 1 && codes[0] === code;
  };
  if (exact()) return true;
  const trigger = shown<HTMLElement>(group, TRIGGER)[0];
  if (!trigger) return false;
  press(trigger);
  const listed = await waitFor(() => (optionsShown().length ? optionsShown() : null), {
    signal,
    timeoutMs: 3000,
  });
  for (const option of listed ?? []) {
    const text = normalize(option.textContent);
    // Region options only (a "Select all" option names no code).
    if (!/\b[a-z]{2}(?:-[a-z]+)+-\d+\b/.test(text)) continue;
    const chosen = option.getAttribute('aria-selected') === 'true';
    if (chosen !== namesCode(text, code)) press(option);
  }
  // Closed again, as a person would: Escape where the focus is (a filter, when it has one).
  const focused = document.activeElement;
  for (const el of new Set([focused instanceof HTMLElement ? focused : trigger, trigger]))
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  return (await waitFor(() => (exact() ? true : null), { signal, timeoutMs: 3000 })) === true;
}

/** A number input's text, set the way React accepts. */
export const setNumber = (input: HTMLInputElement, value: number): boolean =>
  input.value === String(value) || setValue(input, String(value));

/**
 * Puts `file` into a file input the way a drop does (a DataTransfer's files), with the events
 * React listens to; false when the browser or the page does not take it.
 */
export function putFile(input: HTMLInputElement, file: File): boolean {
  try {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return input.files?.[0]?.name === file.name;
  } catch {
    return false;
  }
}

/** The file input of a file upload: the one next to its "Choose file" button, else the step's. */
export function fileInput(
  root: ParentNode,
  chooseLabels: readonly string[],
): HTMLInputElement | null {
  const button = findButton(root, chooseLabels);
  for (let node = button?.parentElement; node && node !== root; node = node.parentElement) {
    const input = node.querySelector<HTMLInputElement>('input[type="file"]');
    if (input) return input;
  }
  // Cloudscape hides the native input under its button: shown or not, it is the one in the step.
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input[type="file"]')];
  return inputs.find((i) => isShown(i.parentElement ?? i)) ?? null;
}
