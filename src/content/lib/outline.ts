// An outline of the IAM app's main content, sent with a locator miss (docs/console.md, "Learning
// from a miss"): what the console's structure looked like, never what the customer typed or has.
// Per element only its tag, explicit role, accessible name, input label and Cloudscape component
// prefix; wrappers without any are collapsed; table bodies become a row count; text is redacted.
import type { PageOutline, PageOutlineNode } from '../../core/messages.ts';
import { normalize } from './dom.ts';
import { mainContent } from './page.ts';

const MAX_NODES = 400;
const MAX_DEPTH = 25;
/** Elements whose text is their name: the console's own wording. */
const NAMED = /^(BUTTON|A|H[1-6]|LABEL|TH|LEGEND)$/;
const NAMED_ROLE = /^(button|link|tab|heading|menuitem|radio|checkbox|option)$/;
const SKIP = /^(SCRIPT|STYLE|SVG|TEMPLATE|NOSCRIPT)$/i;
const CS = /^(awsui_[a-z0-9-]+_[a-z0-9]{5})_/;

/**
 * The outline of `root` in pre-order, each node with its depth `d` (a flat list keeps a deep
 * page within the messages' nesting limit). `hide`: texts known to be the customer's (the role
 * name, the External ID), replaced by `*` wherever they appear.
 */
export function pageOutline(
  root: Element | null = mainContent() ?? document.body,
  hide: readonly string[] = [],
): PageOutline {
  const out: PageOutline = [];
  if (!root) return out;
  const labels = new Map<string, string | null>();
  for (const l of root.ownerDocument.querySelectorAll('label'))
    if (l.htmlFor) labels.set(l.htmlFor, l.textContent);
  const text = (raw: string | null | undefined): string | undefined => {
    let t = normalize(raw);
    for (const h of hide) if (h.length > 2) t = t.split(h).join('*');
    return (
      t
        .replace(/arn:[^\s"',]+/g, 'arn:…')
        .replace(/\d{4,}/g, '#')
        .slice(0, 60) || undefined
    );
  };
  const walk = (el: Element, d: number, domDepth: number): void => {
    if (out.length >= MAX_NODES || domDepth > 200) return;
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return;
    const tag = el.tagName;
    if (tag === 'TBODY') {
      out.push({ d, tag: 'tbody', rows: el.children.length });
      return;
    }
    if (SKIP.test(tag)) return;
    const role = el.getAttribute('role') ?? '';
    const node: PageOutlineNode = { d, tag: tag.toLowerCase() };
    if (role) node.role = text(role);
    const name =
      el.getAttribute('aria-label') ??
      (NAMED.test(tag) || NAMED_ROLE.test(role) ? el.textContent : null);
    if (name) node.name = text(name);
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) && el.id && labels.has(el.id))
      node.label = text(labels.get(el.id));
    let cs = '';
    for (const c of el.classList) {
      const prefix = CS.exec(c)?.[1];
      if (prefix && !cs.includes(prefix) && cs.length + prefix.length < 60)
        cs += (cs && ' ') + prefix;
    }
    if (cs) node.cs = cs;
    const kept = el === root || Object.keys(node).length > 2;
    if (kept) out.push(node);
    // Deeper than MAX_DEPTH the structure flattens: what names the controls is kept.
    for (const child of el.children)
      walk(child, kept ? Math.min(d + 1, MAX_DEPTH - 1) : d, domDepth + 1);
  };
  walk(root, 0, 0);
  return out;
}
