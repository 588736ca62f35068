// An update's custom policy (docs/lifecycle.md). On its page (`#/policies/details/<ARN>`), read
// the document IAM shows and the rows of its Policy versions tab, and let the background compare
// the document with the profile's today. When it differs, "Update policy" presses the console's
// own Edit; on the Edit page the profile's document is written and read back, and Save changes
// is left to the customer (the panel asks to keep the new version the default). Saving returns
// to the policy's page, which is read again: only IAM's default version counts.
import { editedPolicyArn, policyArnFromPath } from '../../core/console-links.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import { enabledButton, findButton, normalize, settled, waitFor } from '../lib/dom.ts';
import { findEditorElement, readEditorText, writePolicyEditor } from '../lib/editor.ts';
import { guardWord } from '../lib/guard.ts';
import { labelsFor, type Language } from '../lib/labels.ts';
import { headingNaming, mainContent, selectTab, shown } from '../lib/page.ts';
import { policyName, stepNumber } from '../lib/steps.ts';
import { dataRows, tableContainer, tableLoading } from '../lib/table.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

/** The Edit page by what it shows, under whatever route: "Modify permissions in <policy>". */
const editedPolicy = (language: Language): string | null =>
  findEditorElement(mainContent() ?? document)
    ? headingNaming('modifyPermissionsIn', language)
    : null;

export const policyVersion: Feature = {
  id: 'policy-version',
  matches: (path) => policyArnFromPath(path) !== null || editedPolicyArn(path) !== null,
  shows: (language) => editedPolicy(language) !== null,
  modes: ['create-role'],
  states: ['arn-captured'],
  async init(context, signal) {
    const arn = context.setup.update ? context.setup.policyToCheck : undefined;
    if (!arn) return;
    const { path, language } = context;
    if (policyArnFromPath(path) === arn) return read(context, arn, signal);
    if (editedPolicyArn(path) === arn || editedPolicy(language) === policyName(arn))
      return edit(context, arn, signal);
  },
};

function render(
  context: FeatureContext,
  title: string,
  items: PanelItem[],
  actions: PanelAction[] = [],
): void {
  const step = stepNumber(context.setup, 'capture');
  context.panel().render({ service: context.setup.serviceName, title, ...step, items, actions });
}

/** The document as the page shows it: a read-only editor, or a preformatted block. */
async function shownDocument(signal: AbortSignal): Promise<string | null> {
  const main = await waitFor(
    () =>
      mainContent()?.querySelector('pre, .ace_editor, .monaco-editor, .cm-editor')
        ? mainContent()
        : null,
    { signal, timeoutMs: 15_000 },
  );
  if (!main) return null;
  await settled(signal);
  if (findEditorElement(main)) return readEditorText();
  return shown<HTMLElement>(main, 'pre').map((el) => el.textContent ?? '')[0] ?? null;
}

async function read(context: FeatureContext, arn: string, signal: AbortSignal): Promise<void> {
  const policy = policyName(arn);
  const word = (key: Parameters<typeof guardWord>[1], values: Record<string, string> = {}) =>
    guardWord(context, key, { policy, ...values });
  render(context, word('policyReading'), []);
  // The document is on the Permissions tab (a read again may start on Policy versions).
  await selectTab('permissions', context.language, signal);
  const documentText = await shownDocument(signal);
  if (!documentText) context.miss('policy-document');
  // The versions, as the rows of their tab say them (the background finds ids and the default).
  let versionRows: string[] = [];
  if (await selectTab('policyVersions', context.language, signal)) {
    const box = await waitFor(
      () => {
        const table = shown(mainContent(), 'table')[0];
        const container = table && (tableContainer(table) ?? mainContent());
        return container && !tableLoading(container) && dataRows(container).length
          ? container
          : null;
      },
      { signal, timeoutMs: 10_000 },
    );
    versionRows = box
      ? dataRows(box)
          .slice(0, 20)
          .map((row) =>
            [...row.cells]
              .map((c) => normalize(c.textContent))
              .join(' | ')
              .slice(0, 500),
          )
      : [];
  }
  if (!versionRows.length) context.miss('policy-versions');
  if (signal.aborted) return;
  const readAgain = {
    label: word('policyReadAgain'),
    primary: true,
    run: () => read(context, arn, signal),
  };
  const reply = await context.send({
    type: 'content.policyShown',
    setupId: context.setup.id,
    policyName: policy,
    documentText: documentText?.slice(0, 20_000) ?? null,
    versionRows,
  });
  if (signal.aborted) return;
  if (!reply.ok)
    return render(
      context,
      word('policyDiffersTitle'),
      [{ status: 'problem', text: reply.error }],
      [readAgain],
    );
  if (reply.next) {
    location.hash = reply.next.hash;
    return;
  }
  const version = reply.value?.versionToDelete;
  if (!reply.value?.policyDiffers) return;
  render(
    context,
    word('policyDiffersTitle'),
    [
      { status: 'problem', text: word('policyDiffers') },
      ...(version
        ? [{ status: 'problem' as const, text: word('policyVersionsFull', { version }) }]
        : []),
    ],
    version
      ? [readAgain]
      : [
          {
            label: word('policyUpdate'),
            primary: true,
            // The console's own Edit, on the policy's header.
            run: () =>
              enabledButton(
                mainContent() ?? document,
                labelsFor('edit', context.language),
              )?.click(),
          },
        ],
  );
}

async function edit(context: FeatureContext, arn: string, signal: AbortSignal): Promise<void> {
  const policy = policyName(arn);
  const planned = context.setup.customPolicies.find((p) => p.name === policy);
  if (!planned) return;
  const json = JSON.stringify(planned.document, null, 2);
  const word = (key: Parameters<typeof guardWord>[1]) => guardWord(context, key, { policy });
  // The JSON side of a Visual | JSON switch, when the page has one.
  const jsonTab = findButton(document, labelsFor('json', context.language));
  if (jsonTab && jsonTab.getAttribute('aria-pressed') !== 'true') jsonTab.click();
  const written = await writePolicyEditor(json, signal, context.miss, mainContent() ?? document);
  if (signal.aborted) return;
  render(context, word('policyEditTitle'), [
    written
      ? { status: 'done', text: word('policyWritten') }
      : { status: 'manual', text: word('policyNotWritten'), copy: { value: json, label: 'JSON' } },
    { status: 'todo', text: word('policySave') },
  ]);
  context
    .panel()
    .highlight(
      findButton(document, labelsFor('saveChanges', context.language)),
      word('policySave'),
    );
}
