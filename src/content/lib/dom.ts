// Finding and setting the console's controls the way its React code accepts (Bitwarden's rule:
// a fill is a small simulated interaction, and what was written is read back).

export const normalize = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim();

/** The visible text that names a control: label[for], aria-labelledby, aria-label, enclosing label. */
export function accessibleLabel(control: Element): string {
  const doc = control.ownerDocument;
  const parts: string[] = [];
  if (control.id) {
    for (const label of doc.querySelectorAll('label'))
      if (label.htmlFor === control.id) parts.push(label.textContent ?? '');
  }
  for (const id of (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    parts.push(doc.getElementById(id)?.textContent ?? '');
  }
  parts.push(control.getAttribute('aria-label') ?? '');
  const enclosing = control.closest('label');
  if (enclosing) parts.push(enclosing.textContent ?? '');
  return normalize(parts.join(' '));
}

/**
 * Not hidden by the page. Cloudscape draws its own checkboxes and radios over transparent native
 * inputs, so opacity does not count; `display: none` and `hidden` ancestors do.
 */
function isVisible(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
  }
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : true;
}

/**
 * The control named by one of `labels`: an exact match wins over a prefix match, so "External ID"
 * does not find the "Require external ID" checkbox.
 */
export function findByLabel<T extends Element>(
  root: ParentNode,
  selector: string,
  labels: readonly string[],
): T | null {
  const candidates = [...root.querySelectorAll<T>(selector)].filter(isVisible);
  const named = candidates.map((el) => ({ el, text: accessibleLabel(el).toLowerCase() }));
  for (const label of labels) {
    const wanted = label.toLowerCase();
    const exact = named.find((c) => c.text === wanted);
    if (exact) return exact.el;
  }
  for (const label of labels) {
    const wanted = label.toLowerCase();
    const prefix = named.find((c) => c.text.startsWith(wanted));
    if (prefix) return prefix.el;
  }
  return null;
}

/** A button whose text (or aria-label) is one of `labels`. */
export function findButton(root: ParentNode, labels: readonly string[]): HTMLButtonElement | null {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button, [role="button"]')].filter(
    isVisible,
  );
  for (const label of labels) {
    const wanted = label.toLowerCase();
    const found = buttons.find(
      (b) =>
        normalize(b.textContent).toLowerCase() === wanted ||
        (b.getAttribute('aria-label') ?? '').toLowerCase() === wanted,
    );
    if (found) return found;
  }
  return null;
}

/** Whether a control takes a click now: the console disables buttons while it loads. */
export const enabled = <T extends HTMLElement>(control: T | null): control is T =>
  control !== null &&
  !(control as Partial<HTMLButtonElement>).disabled &&
  control.getAttribute('aria-disabled') !== 'true';

/** A shown, enabled button named by one of `labels`, else null. */
export function enabledButton(
  root: ParentNode,
  labels: readonly string[],
): HTMLButtonElement | null {
  const button = findButton(root, labels);
  return enabled(button) ? button : null;
}

/** Sets a React-controlled input: the prototype's setter, then the events React listens to. */
export function setValue(control: HTMLInputElement | HTMLTextAreaElement, value: string): boolean {
  if (control.readOnly || control.disabled) return false;
  const proto =
    control instanceof HTMLTextAreaElement
      ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  control.focus();
  setter?.call(control, value);
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  control.blur();
  return control.value === value;
}

/** Checkboxes and radios change only through a click; the state is read back. */
export function setChecked(control: HTMLInputElement, checked: boolean): boolean {
  if (control.checked !== checked && !control.disabled) control.click();
  return control.checked === checked;
}

/** How often a wait looks again without a DOM change. */
const POLL_MS = 400;
/** How soon after a DOM change it is checked again (a transition is usually over by then). */
const TRAILING_MS = 100;

export type WaitOptions = { signal: AbortSignal; timeoutMs?: number; root?: Node };

/**
 * Resolves with `find()`'s first non-null answer, re-checking on DOM changes; null on timeout
 * or when the feature is torn down. The console renders late and re-renders often.
 */
export function waitFor<T>(
  find: () => T | null,
  { signal, timeoutMs = 10_000, root = document }: WaitOptions,
): Promise<T | null> {
  return new Promise((resolve) => {
    const first = find();
    if (first !== null || signal.aborted) return resolve(first);
    const check = () => {
      const found = find();
      if (found !== null) finish(found);
    };
    // What is shown can change after the DOM did: a fade-in ends with no mutation. So a change
    // is checked at once and again shortly after, and a slow poll catches the rest.
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      check();
      clearTimeout(trailing);
      trailing = setTimeout(() => {
        check();
        if (!done) trailing = setTimeout(check, TRAILING_MS);
      }, TRAILING_MS);
    };
    const observer = new MutationObserver(onChange);
    const timer = setTimeout(() => finish(null), timeoutMs);
    let done = false;
    let poll = setTimeout(function again() {
      check();
      if (!done) poll = setTimeout(again, POLL_MS);
    }, POLL_MS);
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(poll);
      clearTimeout(trailing);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort);
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
  });
}

/** Runs `then` after `ms`, unless the feature is torn down first (features use no bare timers). */
export function later(ms: number, signal: AbortSignal, then: () => void): void {
  const timer = setTimeout(then, ms);
  signal.addEventListener('abort', () => clearTimeout(timer));
}

/**
 * Resolves once `root` has gone `quietMs` without a DOM change: it has settled. A table's own
 * container settles sooner than the whole page, where animations go on around it.
 */
export function settled(
  signal: AbortSignal,
  { quietMs = 150, root = document }: { quietMs?: number; root?: Node } = {},
): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    signal.addEventListener('abort', done);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * The page's text as the customer reads it: `innerText` keeps the breaks between blocks, where
 * `textContent` would glue "CrossroleDemoRole" to the next tab's "Permissions".
 */
export function visibleText(
  root: Element | null = document.querySelector('main') ?? document.body,
): string {
  if (!root) return '';
  return (root as HTMLElement).innerText ?? root.textContent ?? '';
}
