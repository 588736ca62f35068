// Runs in the console page's own JavaScript world (manifest `world: "MAIN"`), because only there
// can the code editors be reached (`el.env.editor` for Ace, Monaco's models, CodeMirror's view).
// Tiny on purpose: no extension API, no imports. It answers `crossrole:editor` requests with a
// `crossrole:editor-result`; both carry JSON strings, and the content script treats the answer
// as untrusted (the page could forge it) and reads the editor back itself.
(() => {
  type Request = { id: string; action: 'get' | 'set'; text?: string };
  type Editor = { kind: string; get(): string; set(text: string): void };

  function findEditor(): Editor | null {
    const ace = document.querySelector('.ace_editor') as
      | (Element & {
          env?: { editor?: { getValue(): string; setValue(t: string, c: number): void } };
        })
      | null;
    const aceEditor = ace?.env?.editor;
    if (aceEditor)
      return {
        kind: 'ace',
        get: () => aceEditor.getValue(),
        set: (t) => aceEditor.setValue(t, -1),
      };
    const monaco = (
      window as unknown as {
        monaco?: { editor?: { getModels(): { getValue(): string; setValue(t: string): void }[] } };
      }
    ).monaco;
    const model = document.querySelector('.monaco-editor')
      ? monaco?.editor?.getModels()[0]
      : undefined;
    if (model)
      return { kind: 'monaco', get: () => model.getValue(), set: (t) => model.setValue(t) };
    const cm = (
      document.querySelector('.cm-content') as
        | (Element & {
            cmView?: {
              view?: {
                state: { doc: { toString(): string; length: number } };
                dispatch(tr: unknown): void;
              };
            };
          })
        | null
    )?.cmView?.view;
    if (cm)
      return {
        kind: 'codemirror',
        get: () => cm.state.doc.toString(),
        set: (t) => cm.dispatch({ changes: { from: 0, to: cm.state.doc.length, insert: t } }),
      };
    return null;
  }

  document.addEventListener('crossrole:editor', (event) => {
    let request: Request;
    try {
      request = JSON.parse(String((event as CustomEvent).detail)) as Request;
    } catch {
      return;
    }
    const editor = findEditor();
    let answer: { id: string; ok: boolean; kind: string | null; text: string | null };
    try {
      if (editor && request.action === 'set' && typeof request.text === 'string')
        editor.set(request.text);
      answer = {
        id: String(request.id),
        ok: editor !== null,
        kind: editor?.kind ?? null,
        text: editor ? editor.get() : null,
      };
    } catch {
      answer = { id: String(request.id), ok: false, kind: editor?.kind ?? null, text: null };
    }
    document.dispatchEvent(
      new CustomEvent('crossrole:editor-result', { detail: JSON.stringify(answer) }),
    );
  });
})();
