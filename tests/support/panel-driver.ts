// Reads and presses Crossrole's guide panel in Chromium as the customer does. The panel lives in
// a closed shadow root (so no page script can read or press it), which Playwright's locators do
// not enter; the DevTools protocol can. What is read comes from that root; a press is a real
// mouse click at the button's place (a trusted event), after checking that the point is on it.
import type { CDPSession, Page } from 'playwright-core';

export type PanelView = {
  /** The panel's title (its h2), null when there is no panel. */
  title: string | null;
  buttons: { name: string; primary: boolean }[];
  /** Whether the panel's highlight box is showing (it marks the console's next button). */
  highlighted: boolean;
  /** All the panel says, for a failure's message. */
  text: string;
};

export type ButtonWanted = string | RegExp | { primary: true };

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  return cdp;
}

/**
 * Calls `fn` with the panel's closed shadow root as `this` and returns its value; null when the
 * page has no panel. Only a `crossrole-guide` whose root is closed counts: a look-alike element a
 * page script adds has an open root or none.
 */
async function onPanelRoot<T>(page: Page, fn: string, arg?: unknown): Promise<T | null> {
  const cdp = await session(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: 'crossrole-guide',
  });
  for (const nodeId of nodeIds) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.find((r) => r.shadowRootType === 'closed');
    if (!shadow) continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    if (!object.objectId) continue;
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: fn,
        arguments: [{ value: arg }],
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(`In the panel: ${exceptionDetails.text}`);
      return result.value as T;
    } finally {
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId }).catch(() => {});
    }
  }
  return null;
}

const VIEW = `function () {
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const buttons = [...this.querySelectorAll('button')]
    .filter((b) => b.getClientRects().length > 0)
    .map((b) => ({ name: b.getAttribute('aria-label') || text(b), primary: b.classList.contains('primary') }));
  const title = this.querySelector('h2');
  const box = this.querySelector('.highlight');
  const panel = this.querySelector('section');
  return { title: title ? text(title) : null, buttons, highlighted: !!box && !box.hidden, text: panel ? text(panel) : '' };
}`;

/** Scrolls the wanted button into view and returns its centre, if the centre is on it. */
const PLACE = `function (wanted) {
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const name = (b) => b.getAttribute('aria-label') || text(b);
  const button = [...this.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0).find((b) =>
    wanted.primary ? b.classList.contains('primary')
      : wanted.pattern ? new RegExp(wanted.pattern, wanted.flags).test(name(b)) : name(b) === wanted.name);
  if (!button || button.disabled) return null;
  button.scrollIntoView({ block: 'nearest' });
  const box = button.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = this.elementFromPoint(x, y);
  return hit && button.contains(hit) ? { x, y } : null;
}`;

export async function panelView(page: Page): Promise<PanelView> {
  return (
    (await onPanelRoot<PanelView>(page, VIEW).catch(() => null)) ?? {
      title: null,
      buttons: [],
      highlighted: false,
      text: '',
    }
  );
}

function describe(wanted: ButtonWanted): string {
  return typeof wanted === 'string' || wanted instanceof RegExp ? String(wanted) : 'the primary';
}

/** Waits until `until` holds for the panel as shown, polling; returns that view. */
export async function waitForPanel(
  page: Page,
  until: (view: PanelView) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<PanelView> {
  const deadline = Date.now() + timeoutMs;
  let view = await panelView(page);
  while (!until(view)) {
    if (Date.now() > deadline)
      throw new Error(
        `The panel never showed ${what}; its title is ${JSON.stringify(view.title)}, it says ${JSON.stringify(view.text)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
    view = await panelView(page);
  }
  return view;
}

export const titleIs = (title: string | RegExp) => (view: PanelView) =>
  view.title !== null &&
  (typeof title === 'string' ? view.title === title : title.test(view.title));

/** Presses a panel button with the mouse, as the customer does (a trusted click). */
export async function pressPanelButton(
  page: Page,
  wanted: ButtonWanted,
  timeoutMs = 30_000,
): Promise<void> {
  const arg =
    typeof wanted === 'string'
      ? { name: wanted }
      : wanted instanceof RegExp
        ? { pattern: wanted.source, flags: wanted.flags }
        : wanted;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const point = await onPanelRoot<{ x: number; y: number }>(page, PLACE, arg).catch(() => null);
    if (point) {
      await page.mouse.click(point.x, point.y);
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`The panel never offered the button ${describe(wanted)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
