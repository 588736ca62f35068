// Putting JSON into the console's policy editor, best way first (docs/console.md, "Policy editors"): the page's
// own editor API through the page-world script, then a synthetic paste, then the customer's own
// paste from the clipboard. Never typed key by key (editors auto-close brackets). Every write
// is read back and compared as parsed JSON.

import { settled, waitFor } from './dom.ts';

/** The page-world script's answer (forgeable by the page: it is never proof of anything). */
function editorAnswer(raw: unknown): { id: string; ok: boolean; text: string | null } | null {
  let v: unknown;
  try {
    v = JSON.parse(String(raw));
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { id, ok, text } = v as Record<string, unknown>;
  if (typeof id !== 'string' || typeof ok !== 'boolean') return null;
  if (text !== null && (typeof text !== 'string' || text.length > 100_000)) return null;
  return { id, ok, text };
}

export type EditorKind = 'ace' | 'monaco' | 'codemirror' | 'textarea';

/** The policy editor on the page, by structure. */
export function findEditorElement(
  root: ParentNode = document,
): { kind: EditorKind; element: HTMLElement } | null {
  const ace = root.querySelector<HTMLElement>('.ace_editor');
  if (ace) return { kind: 'ace', element: ace };
  const monaco = root.querySelector<HTMLElement>('.monaco-editor');
  if (monaco) return { kind: 'monaco', element: monaco };
  const cm = root.querySelector<HTMLElement>('.cm-editor');
  if (cm) return { kind: 'codemirror', element: cm };
  const textarea = [...root.querySelectorAll<HTMLTextAreaElement>('textarea')].find(
    (t) => !t.readOnly && /[{[]/.test(t.value || t.placeholder || '{'),
  );
  return textarea ? { kind: 'textarea', element: textarea } : null;
}

/** Asks the page-world script; null when it does not answer (not injected, or no editor API). */
function askPageWorld(action: 'get' | 'set', text?: string): Promise<string | null> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const onResult = (event: Event) => {
      const answer = editorAnswer((event as CustomEvent).detail);
      if (!answer || answer.id !== id) return;
      finish(answer.ok ? answer.text : null);
    };
    const timer = setTimeout(() => finish(null), 500);
    const finish = (value: string | null) => {
      clearTimeout(timer);
      document.removeEventListener('crossrole:editor-result', onResult);
      resolve(value);
    };
    document.addEventListener('crossrole:editor-result', onResult);
    document.dispatchEvent(
      new CustomEvent('crossrole:editor', { detail: JSON.stringify({ id, action, text }) }),
    );
  });
}

/** The editor's whole text, or null when it cannot be read completely. */
export async function readEditorText(): Promise<string | null> {
  const editor = findEditorElement();
  if (!editor) return null;
  if (editor.kind === 'textarea') return (editor.element as HTMLTextAreaElement).value;
  return askPageWorld('get');
}

export function sameJson(a: string | null, b: string): boolean {
  if (a === null) return false;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

/** How the text got in, or 'clipboard' when the customer must paste it (the caller offers a copy button). */
export type WriteMethod = 'editor-api' | 'paste-event' | 'input' | 'clipboard';

export async function writeEditorText(text: string): Promise<WriteMethod> {
  const editor = findEditorElement();
  if (!editor) return 'clipboard';
  if (editor.kind === 'textarea') {
    const area = editor.element as HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setter?.call(area, text);
    area.dispatchEvent(new Event('input', { bubbles: true }));
    return sameJson(area.value, text) ? 'input' : 'clipboard';
  }
  if (sameJson(await askPageWorld('set', text), text) && sameJson(await readEditorText(), text))
    return 'editor-api';

  // A synthetic paste into the editor's hidden input: Ace, Monaco and CodeMirror read clipboardData.
  const input = editor.element.querySelector<HTMLElement>(
    'textarea, .cm-content, [contenteditable="true"]',
  );
  if (input) {
    input.focus();
    document.execCommand('selectAll');
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    if (sameJson(await readEditorText(), text)) return 'paste-event';
  }
  return 'clipboard';
}

/**
 * Puts a policy's JSON into the page's editor, once the editor has settled (an editor element can
 * exist before its page listens to its changes, and a text written then shows but is not what
 * the page sends), and reads it back. False: no editor, the text did not take, or the page was
 * left; the caller then offers the customer a copy to paste.
 */
export async function writePolicyEditor(
  json: string,
  signal: AbortSignal,
  miss: (field: string) => void,
  root: ParentNode = document,
): Promise<boolean> {
  const editor = await waitFor(() => findEditorElement(root), { signal, timeoutMs: 10_000 });
  if (!editor) {
    miss('policy-editor');
    return false;
  }
  await settled(signal);
  if (signal.aborted) return false;
  return (await writeEditorText(json)) !== 'clipboard' && sameJson(await readEditorText(), json);
}
