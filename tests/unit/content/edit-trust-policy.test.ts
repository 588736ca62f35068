// @vitest-environment happy-dom
// Edit trust policy: "Paste the trust statement" merges the service's statement into the policy
// the editor holds (the background does the merge), writes it and reads it back, then points at
// Update policy. Only the customer's own press of Update policy counts as the update.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editTrustPolicy } from '../../../src/content/features/edit-trust-policy.ts';
import { PENDING_TRUST_UPDATE } from '../../../src/content/lib/role-page.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const CURRENT = '{"Version":"2012-10-17","Statement":[{"Sid":"Own"}]}';
const MERGED = '{"Version":"2012-10-17","Statement":[{"Sid":"Own"},{"Sid":"Service"}]}';

function page() {
  document.body.innerHTML = `<main><h1>Edit trust policy</h1>
    <textarea id="editor">${CURRENT}</textarea><button id="update">Update policy</button></main>`;
}
const merge = () => ({
  ok: true as const,
  value: { verified: false, problems: [], merged: MERGED, replaced: false, kept: 1 },
});

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  page();
});
afterEach(() => controller.abort());

describe('Edit trust policy', () => {
  it('merges the statement into the editor on the customer’s press, then points at Update policy', async () => {
    const fake = fakeContext({ path: `/roles/edit_trust_policy/${SETUP.roleName}`, trust: merge });
    await fake.start(editTrustPolicy, controller.signal);
    expect(fake.last()!.title).toBe('Update the trust policy');
    expect(fake.judged).toEqual([]); // nothing is read or written before the press
    await fake.last()!.actions![0]!.run();
    expect(fake.judged).toEqual([{ action: 'merge', text: CURRENT }]);
    expect((document.getElementById('editor') as HTMLTextAreaElement).value).toBe(MERGED);
    expect(fake.last()).toMatchObject({
      title: 'Trust policy ready: press Update policy',
      items: [
        { status: 'done', text: `Statement for ${SETUP.serviceName} added, with your External ID` },
        { status: 'done', text: '1 other statement kept as it was' },
        { status: 'todo' },
      ],
    });
    expect(fake.highlights.at(-1)!.target).toBe(document.getElementById('update'));
    // A click the page dispatches is not the customer's.
    document.getElementById('update')!.click();
    expect(fake.memory.has(PENDING_TRUST_UPDATE)).toBe(false);
  });

  it('is known by what it shows on an undocumented route, for the setup’s role only', async () => {
    document.querySelector('h1')!.insertAdjacentHTML('afterend', '<nav><a>OtherRole</a></nav>');
    const other = fakeContext({ path: '/somewhere', trust: merge });
    await other.start(editTrustPolicy, controller.signal);
    expect(other.rendered).toEqual([]);
    document.querySelector('nav a')!.textContent = SETUP.roleName;
    const fake = fakeContext({ path: '/somewhere', trust: merge });
    expect(await fake.start(editTrustPolicy, controller.signal)).toBe(true);
    expect(fake.last()!.title).toBe('Update the trust policy');
  });

  it('says why when the background cannot merge, and writes nothing', async () => {
    const fake = fakeContext({
      path: `/roles/edit_trust_policy/${SETUP.roleName}`,
      trust: () => ({ ok: false, error: 'The policy is not JSON.' }),
    });
    await fake.start(editTrustPolicy, controller.signal);
    await fake.last()!.actions![0]!.run();
    expect(fake.last()).toMatchObject({
      title: 'The current trust policy cannot be read',
      items: [{ status: 'problem', text: 'The policy is not JSON.' }],
    });
    expect((document.getElementById('editor') as HTMLTextAreaElement).value).toBe(CURRENT);
  });
});
