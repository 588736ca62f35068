// @vitest-environment happy-dom
// An update's custom policy (docs/lifecycle.md): its page's document and Policy versions rows are
// sent as shown, the background's verdict decides (a next page, or "Update policy" pressing the
// console's own Edit, or the version to delete first), and the Edit page gets the profile's
// document written and read back, with Save changes left to the customer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyVersion } from '../../../src/content/features/policy-version.ts';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import { fakeContext } from '../../support/feature-context.ts';

const ARN = 'arn:aws:iam::111122223333:policy/ExampleBilling';
const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['ce:GetCostAndUsage'], Resource: '*' }],
};
const UPDATE: Partial<ContentSetup> = {
  mode: 'create-role',
  state: 'arn-captured',
  update: true,
  policyToCheck: ARN,
  customPolicies: [{ name: 'ExampleBilling', description: '', document: DOCUMENT, created: true }],
};

/** A policy's page: its document on Permissions, its versions on the other tab. */
function policyPage(document_: unknown, rows: string[]) {
  document.body.innerHTML = `<main><h1>ExampleBilling</h1><button>Edit</button>
    <div role="tablist"><button role="tab" aria-selected="true">Permissions</button>
    <button role="tab" aria-selected="false">Policy versions</button></div>
    <div id="panel"><pre>${JSON.stringify(document_, null, 4)}</pre></div></main>`;
  const [permissions, versions] = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  versions!.addEventListener('click', () => {
    permissions!.setAttribute('aria-selected', 'false');
    versions!.setAttribute('aria-selected', 'true');
    document.getElementById('panel')!.innerHTML = `<table><tbody>${rows
      .map(
        (r) =>
          `<tr>${r
            .split(' | ')
            .map((c) => `<td>${c}</td>`)
            .join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  });
}

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

describe('An update’s policy page', () => {
  it('sends the document and the version rows as shown, and goes where the background says', async () => {
    policyPage(DOCUMENT, ['v2 | 2026-12-01', 'v1 (Default) | 2026-11-01']);
    const fake = fakeContext({
      setup: UPDATE,
      path: `/policies/details/${ARN}`,
      reply: () => ({ ok: true, value: null, next: { hash: '#/roles/details/ExampleRole' } }),
    });
    await fake.start(policyVersion, controller.signal);
    expect(fake.sent).toEqual([
      {
        type: 'content.policyShown',
        setupId: fake.context.setup.id,
        policyName: 'ExampleBilling',
        documentText: JSON.stringify(DOCUMENT, null, 4),
        versionRows: ['v2 | 2026-12-01', 'v1 (Default) | 2026-11-01'],
      },
    ]);
    expect(location.hash).toBe('#/roles/details/ExampleRole');
  });

  it('offers Update policy when the document differs, which presses the console’s Edit', async () => {
    policyPage({ ...DOCUMENT, Statement: [] }, ['v1 (Default) | 2026-11-01']);
    const fake = fakeContext({
      setup: UPDATE,
      path: `/policies/details/${ARN}`,
      reply: () => ({ ok: true, value: { ...(UPDATE as ContentSetup), policyDiffers: true } }),
    });
    let edits = 0;
    document.querySelector('main > button')!.addEventListener('click', () => (edits += 1));
    await fake.start(policyVersion, controller.signal);
    expect(fake.last()?.title).toBe(
      'The policy ExampleBilling is not what Example Service asks for today',
    );
    const update = fake.last()?.actions?.find((a) => a.label === 'Update policy');
    expect(update).toBeDefined();
    await update!.run();
    expect(edits).toBe(1);
  });

  it('says which version to delete first when IAM keeps five, and offers no update', async () => {
    policyPage({}, ['v5 | x', 'v4 | x', 'v3 | x', 'v2 | x', 'v1 (Default) | x']);
    const fake = fakeContext({
      setup: UPDATE,
      path: `/policies/details/${ARN}`,
      reply: () => ({
        ok: true,
        value: { ...(UPDATE as ContentSetup), policyDiffers: true, versionToDelete: 'v2' },
      }),
    });
    await fake.start(policyVersion, controller.signal);
    const text = fake
      .last()!
      .items.map((i) => i.text)
      .join(' ');
    expect(text).toContain('Delete v2 on its Policy versions tab first');
    expect(fake.last()?.actions?.map((a) => a.label)).toEqual(['Read the policy again']);
  });

  it('writes the profile’s document on the Edit page, reads it back, and leaves Save changes', async () => {
    document.body.innerHTML = `<main><textarea>{}</textarea><button>Save changes</button></main>`;
    const fake = fakeContext({ setup: UPDATE, path: `/policies/details/${ARN}/edit` });
    await fake.start(policyVersion, controller.signal);
    expect(JSON.parse(document.querySelector('textarea')!.value)).toEqual(DOCUMENT);
    expect(fake.last()?.items[0]).toMatchObject({ status: 'done' });
    expect(fake.highlights.at(-1)?.target?.textContent).toBe('Save changes');
    expect(fake.sent).toEqual([]);
  });

  it.each([
    ['en', 'Modify permissions in ExampleBilling'],
    ['ja', 'ExampleBilling の許可を変更'],
  ] as const)(
    'knows the Edit page by its title and editor under another route (%s)',
    async (language, title) => {
      document.body.innerHTML = `<main><h1>${title}</h1><textarea>{}</textarea>
        <button>${language === 'ja' ? '変更の保存' : 'Save changes'}</button></main>`;
      const fake = fakeContext({ setup: UPDATE, path: '/policies/somewhere-new', language });
      expect(await fake.start(policyVersion, controller.signal)).toBe(true);
      expect(JSON.parse(document.querySelector('textarea')!.value)).toEqual(DOCUMENT);
      // Another policy's Edit page is not this update's.
      document.body.innerHTML = `<main><h1>${title.replace('ExampleBilling', 'Other')}</h1>
        <textarea>{}</textarea></main>`;
      await fake.start(policyVersion, controller.signal);
      expect(document.querySelector('textarea')!.value).toBe('{}');
    },
  );

  it('does nothing for a policy the update does not check, or outside an update', async () => {
    policyPage(DOCUMENT, ['v1 (Default) | x']);
    const other = fakeContext({
      setup: UPDATE,
      path: '/policies/details/arn:aws:iam::111122223333:policy/Other',
    });
    await other.start(policyVersion, controller.signal);
    const plain = fakeContext({
      setup: { ...UPDATE, update: false },
      path: `/policies/details/${ARN}`,
    });
    await plain.start(policyVersion, controller.signal);
    expect([...other.sent, ...plain.sent]).toEqual([]);
  });
});
