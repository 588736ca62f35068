// What a person sees of the IAM app (docs/console.md, "Reading what the customer sees"): its
// main content area only (never the navigation bar, never anything a page script appended to
// the document elsewhere), and only elements that are shown. A hidden `<pre>` or an off-screen
// status line is absent, whatever it says.
import { notFoundShown } from '../../core/not-found.ts';
import { normalize, waitFor } from './dom.ts';
import { labelsFor, type LabelKey, type Language } from './labels.ts';

/** The IAM app's main content: Cloudscape's app layout renders it as `<main>`. */
export function mainContent(doc: Document = document): HTMLElement | null {
  for (const main of doc.querySelectorAll<HTMLElement>('main, [role="main"]'))
    if (isShown(main)) return main;
  return null;
}

/**
 * Shown to a person: no `hidden`/`aria-hidden`/`inert` ancestor, not `display: none`, not
 * invisible, not transparent, not placed entirely off the page.
 */
export function isShown(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.hasAttribute('inert')) return false;
    if (node.getAttribute('aria-hidden') === 'true') return false;
  }
  if (
    typeof el.checkVisibility === 'function' &&
    !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  )
    return false;
  // Without layout (a DOM in Node) boxes are all empty and say nothing.
  if (el.ownerDocument.documentElement.getBoundingClientRect().width === 0) return true;
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  return box.right + window.scrollX > 0 && box.bottom + window.scrollY > 0;
}

/** Shown elements under `root` that match `selector`. */
export function shown<T extends Element>(root: ParentNode | null, selector: string): T[] {
  return root ? [...root.querySelectorAll<T>(selector)].filter(isShown) : [];
}

/** The text a person reads in `root` (innerText skips what CSS hides). */
export function shownText(root: Element | null): string {
  if (!root || !isShown(root)) return '';
  return (root as HTMLElement).innerText ?? '';
}

/** A heading of the main content whose text is exactly `text` (the page is about it). */
export function headingNamed(text: string, doc: Document = document): HTMLElement | null {
  return (
    shown<HTMLElement>(mainContent(doc), 'h1, h2, [role="heading"]').find(
      (h) => normalize(h.textContent) === text,
    ) ?? null
  );
}

/** The shown headings of the main content, for recognising a page by what it is titled. */
export function headings(doc: Document = document): string[] {
  return shown<HTMLElement>(mainContent(doc), 'h1, h2, [role="heading"]').map((h) =>
    normalize(h.textContent),
  );
}

/**
 * The name a shown heading gives beside one of `key`'s labels: after it ("Attach policy to
 * <role>"), or before it, as Japanese titles put it ("<role> にポリシーをアタッチ").
 */
export function headingNaming(key: LabelKey, language: Language): string | null {
  for (const heading of headings()) {
    for (const label of labelsFor(key, language)) {
      if (heading.startsWith(label)) return normalize(heading.slice(label.length));
      if (heading.endsWith(label)) return normalize(heading.slice(0, -label.length));
    }
  }
  return null;
}

/** Selects a tab of the main content by its name; true once it is the selected one. */
export function selectTab(
  key: LabelKey,
  language: Language,
  signal: AbortSignal,
): Promise<boolean> {
  return selectTabNamed(labelsFor(key, language), signal);
}

/** Selects the tab whose accessible name (its text or aria-label) is one of `names`. */
export async function selectTabNamed(
  names: readonly string[],
  signal: AbortSignal,
  timeoutMs = 10_000,
): Promise<boolean> {
  const tab = await waitFor(
    () =>
      shown<HTMLElement>(mainContent(), '[role="tab"]').find((t) =>
        names.some((n) => n === normalize(t.getAttribute('aria-label') || t.textContent)),
      ) ?? null,
    { signal, timeoutMs },
  );
  if (!tab) return false;
  if (tab.getAttribute('aria-selected') !== 'true') tab.click();
  return (
    (await waitFor(() => (tab.getAttribute('aria-selected') === 'true' ? true : null), {
      signal,
      timeoutMs: 5000,
    })) === true
  );
}

/**
 * A shown error of the main content saying IAM has no `name` (a role name or a policy ARN,
 * docs/lifecycle.md), as the background reads it again; null when there is none.
 */
export function notFoundError(name: string): string | null {
  for (const alert of shown<HTMLElement>(
    mainContent(),
    '[role="alert"], [class*="awsui_alert_"], [data-itemid]',
  )) {
    const text = normalize(shownText(alert));
    if (notFoundShown(text, name)) return text.slice(0, 2000);
  }
  return null;
}
