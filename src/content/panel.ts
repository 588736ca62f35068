// The guide panel: a small card in a shadow root (the console's CSS cannot reach it and ours
// cannot leak), in the console's visual language
// and the console's language. It says what Crossrole filled, what is left for the customer, and
// offers every value it could not fill with a copy button. It moves away from the console's own
// buttons and can be collapsed. Its buttons act on the customer's own clicks only: a page
// script can dispatch clicks, but not trusted ones.
import { panelWords, type PanelWords } from './lib/panel-words.ts';
import type { Language } from './lib/labels.ts';

export type PanelItem = {
  status: 'done' | 'todo' | 'problem' | 'manual';
  text: string;
  /** For a field Crossrole could not fill: the value, copied by a button, and where it goes. */
  copy?: { value: string; label: string };
};

export type PanelAction = { label: string; primary?: boolean; run: () => void | Promise<void> };

export type PanelState = {
  service: string;
  title: string;
  step: number;
  totalSteps: number;
  items: PanelItem[];
  actions?: PanelAction[];
  note?: string;
};

const STYLE = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483000; width: 320px; max-height: min(70vh, 560px); overflow: auto;
  box-sizing: border-box; background: #fff; color: #000716; border: 1px solid #c6c6cd; border-radius: 16px;
  box-shadow: 0 4px 20px 1px rgba(0, 7, 22, .18); font: 14px/20px "Amazon Ember", "Helvetica Neue", Roboto, Arial, sans-serif;
  overflow-wrap: anywhere; }
.head { display: flex; align-items: center; gap: 8px; padding: 10px 12px 10px 16px; border-bottom: 1px solid #e9ebed; }
.brand { font-weight: 700; flex: 1; }
.step { color: #5f6b7a; font-size: 12px; }
.body { padding: 12px 16px 14px; }
h2 { font-size: 16px; line-height: 22px; margin: 0 0 8px; font-weight: 700; }
ul { list-style: none; margin: 0; padding: 0; }
li { display: grid; grid-template-columns: 18px minmax(0, 1fr); gap: 6px; padding: 3px 0; }
.icon { font-weight: 700; }
.done .icon { color: #037f0c; } .todo .icon { color: #0972d3; } .problem .icon, .problem { color: #d91515; } .manual .icon { color: #8d6605; }
.copy { grid-column: 2; display: flex; gap: 6px; align-items: center; margin-top: 2px; }
code { font: 12px/16px Monaco, Menlo, Consolas, monospace; background: #f4f4f4; border-radius: 4px; padding: 1px 4px;
  overflow-wrap: anywhere; max-width: 200px; max-height: 48px; overflow: hidden; display: inline-block; }
button { font: inherit; font-weight: 700; border-radius: 20px; border: 2px solid #0972d3; background: #fff; color: #0972d3;
  padding: 2px 12px; cursor: pointer; }
button.primary { background: #0972d3; color: #fff; }
button:hover { background: #f0fbff; } button.primary:hover { background: #033160; border-color: #033160; }
button:focus-visible { outline: 2px solid #0972d3; outline-offset: 2px; }
.icon-button { border: none; padding: 2px 8px; color: #414d5c; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.note { margin-top: 8px; color: #5f6b7a; font-size: 12px; }
.collapsed .body { display: none; } .collapsed .head { border-bottom: none; }
.highlight { position: fixed; z-index: 2147482999; pointer-events: none; border: 3px solid #0972d3; border-radius: 22px;
  box-shadow: 0 0 0 4px rgba(9, 114, 211, .25); }
.caption { position: fixed; z-index: 2147482999; pointer-events: none; max-width: 320px; background: #0f141a; color: #fff;
  padding: 6px 10px; border-radius: 8px; font: 12px/16px "Amazon Ember", Arial, sans-serif; }
@media (prefers-color-scheme: dark) {
  .panel { background: #161d26; color: #c6c6cd; border-color: #414d5c; }
  .head { border-color: #414d5c; } code { background: #232f3e; } .step, .note { color: #8c8c94; }
  button { background: #161d26; color: #42b4ff; border-color: #42b4ff; } button.primary { background: #42b4ff; color: #000716; }
}`;

const ICONS: Record<PanelItem['status'], string> = {
  done: '✓',
  todo: '→',
  problem: '!',
  manual: '✎',
};
const CORNERS = ['bottom-left', 'bottom-right', 'top-right', 'top-left'] as const;
/** Remembered across soft navigations: a collapsed panel stays collapsed. */
let collapsed = false;

export class GuidePanel {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly panel: HTMLElement;
  private readonly highlightBox: HTMLElement;
  private readonly caption: HTMLElement;
  private target: Element | null = null;
  private readonly t: PanelWords;

  constructor(signal: AbortSignal, language: Language = 'en') {
    this.t = panelWords(language);
    this.host = document.createElement('crossrole-guide');
    this.host.lang = language;
    this.root = this.host.attachShadow({ mode: SHADOW_MODE });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.panel = el('section', 'panel');
    this.panel.setAttribute('role', 'complementary');
    this.panel.setAttribute('aria-label', this.t.guide);
    this.highlightBox = el('div', 'highlight');
    this.caption = el('div', 'caption');
    this.highlightBox.hidden = this.caption.hidden = true;
    this.root.append(style, this.highlightBox, this.caption, this.panel);
    document.documentElement.append(this.host);
    let frame = 0;
    // Once per frame at most: the console mutates its DOM constantly.
    const reposition = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        this.place();
      });
    };
    window.addEventListener('resize', reposition, { signal });
    window.addEventListener('scroll', reposition, { signal, capture: true, passive: true });
    const observer = new MutationObserver(reposition);
    observer.observe(document.body, { childList: true, subtree: true });
    signal.addEventListener('abort', () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      this.host.remove();
    });
  }

  render(state: PanelState): void {
    this.panel.replaceChildren();
    this.panel.classList.toggle('collapsed', collapsed);
    const head = el('div', 'head');
    const t = this.t;
    const brand = el('span', 'brand', t.brand(state.service));
    const step = el('span', 'step', t.stepOf(state.step, state.totalSteps));
    const toggle = el('button', 'icon-button', collapsed ? '▴' : '▾') as HTMLButtonElement;
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.setAttribute('aria-label', collapsed ? t.expand : t.collapse);
    onTrustedClick(toggle, () => {
      collapsed = !collapsed;
      this.render(state);
    });
    head.append(brand, step, toggle);
    const body = el('div', 'body');
    body.append(el('h2', '', state.title));
    const list = el('ul', '');
    for (const item of state.items) {
      const li = el('li', item.status);
      li.append(el('span', 'icon', ICONS[item.status]), el('span', '', item.text));
      if (item.copy) {
        const row = el('div', 'copy');
        const button = el('button', '', t.copy) as HTMLButtonElement;
        button.type = 'button';
        button.setAttribute('aria-label', t.copyLabel(item.copy.label));
        onTrustedClick(button, () => {
          void navigator.clipboard
            .writeText(item.copy?.value ?? '')
            .then(() => (button.textContent = t.copied));
        });
        row.append(el('code', '', item.copy.value), button);
        li.append(row);
      }
      list.append(li);
    }
    body.append(list);
    if (state.actions?.length) {
      const actions = el('div', 'actions');
      for (const action of state.actions) {
        const button = el(
          'button',
          action.primary ? 'primary' : '',
          action.label,
        ) as HTMLButtonElement;
        button.type = 'button';
        onTrustedClick(button, () => void action.run());
        actions.append(button);
      }
      body.append(actions);
    }
    if (state.note) body.append(el('p', 'note', state.note));
    this.panel.append(head, body);
    this.place();
  }

  /** Outlines a console control (never covering it: the outline lets clicks through). */
  highlight(target: Element | null, caption = ''): void {
    this.target = target;
    this.caption.textContent = caption;
    this.place();
  }

  /**
   * Puts the panel in the first corner where it covers none of the console's buttons, or else the
   * one covering the fewest, never the highlighted one the customer must press. It stays open:
   * its own buttons may be the next step (collapsing is the customer's choice).
   */
  private place(): void {
    const buttons = [...document.querySelectorAll('button, a[role="button"], input[type="submit"]')]
      .map((b) => b.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const target = this.target?.isConnected ? this.target.getBoundingClientRect() : null;
    let best: { corner: (typeof CORNERS)[number]; cost: number } | null = null;
    for (const corner of CORNERS) {
      this.setCorner(corner);
      const box = this.panel.getBoundingClientRect();
      const cost =
        (target && overlaps(box, target) ? 1000 : 0) +
        buttons.filter((b) => overlaps(box, b)).length;
      if (!best || cost < best.cost) best = { corner, cost };
      if (cost === 0) break;
    }
    if (best) this.setCorner(best.corner);
    this.highlightBox.hidden = this.caption.hidden = !target;
    if (target) {
      Object.assign(this.highlightBox.style, {
        left: `${target.left - 6}px`,
        top: `${target.top - 6}px`,
        width: `${target.width + 6}px`,
        height: `${target.height + 6}px`,
      });
      this.caption.hidden = !this.caption.textContent;
      Object.assign(this.caption.style, {
        right: `${Math.max(8, window.innerWidth - target.right)}px`,
        bottom: `${window.innerHeight - target.top + 14}px`,
      });
    }
  }

  private setCorner(corner: (typeof CORNERS)[number]): void {
    const [vertical, horizontal] = corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
    Object.assign(this.panel.style, { top: '', bottom: '', left: '', right: '' });
    this.panel.style[vertical] = vertical === 'top' ? '56px' : '16px';
    this.panel.style[horizontal] = '16px';
  }
}

/**
 * Closed: no page script can read the panel or reach its buttons (docs/security.md); its actions
 * also run on trusted clicks only, in case a script gets hold of it anyway.
 */
const SHADOW_MODE: ShadowRootMode = 'closed';

/** Runs `action` for the customer's own clicks and key presses, never for a script's. */
function onTrustedClick(button: HTMLElement, action: () => void): void {
  button.addEventListener('click', (event) => {
    if (event.isTrusted) action();
  });
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
