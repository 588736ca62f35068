// @vitest-environment happy-dom
// A disconnect's pages (docs/lifecycle.md): the role's page points at the console's Delete and
// waits; only an error naming the role as not found is sent back; the lists the console returns
// to go on to the page the background names; a policy may be kept instead of deleted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disconnect } from '../../../src/content/features/disconnect.ts';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import { fakeContext } from '../../support/feature-context.ts';

const POLICY_ARN = 'arn:aws:iam::111122223333:policy/ExampleBilling';
const DISCONNECT: Partial<ContentSetup> = {
  mode: 'disconnect',
  state: 'started',
  roleGone: false,
  policiesToDelete: [POLICY_ARN],
  resumeHash: '#/roles/details/ExampleRole',
};

const rolePage = () =>
  (document.body.innerHTML = `<main><h1>ExampleRole</h1><button>Delete</button></main>`);
const notFound = (text: string) =>
  (document.body.innerHTML = `<main><div role="alert"><b>Role not found</b> ${text}</div></main>`);

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

describe('Disconnect', () => {
  it('points at Delete on the role page and sends nothing while the role is there', async () => {
    rolePage();
    const fake = fakeContext({ setup: DISCONNECT, path: '/roles/details/ExampleRole' });
    // It waits for the customer's Delete until the page is left (the test's abort).
    void fake.start(disconnect, controller.signal);
    await expect
      .poll(() => fake.last()?.title)
      .toBe('Disconnect Example Service: delete the role ExampleRole');
    expect(fake.last()?.note).toContain('you press Delete');
    expect(fake.highlights.at(-1)?.target?.textContent).toBe('Delete');
    expect(fake.sent).toEqual([]);
  });

  it('sends the error once it names the role as not found, not one about another role', async () => {
    rolePage();
    const fake = fakeContext({
      setup: DISCONNECT,
      path: '/roles/details/ExampleRole',
      reply: () => ({ ok: true, value: null, next: { hash: `#/policies/details/${POLICY_ARN}` } }),
    });
    void fake.start(disconnect, controller.signal);
    await expect.poll(() => fake.last()?.title).toMatch(/^Disconnect/);
    notFound('The role with name ExampleRoleOld cannot be found.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sent).toEqual([]);
    notFound('The role with name ExampleRole cannot be found.');
    await expect.poll(() => fake.sent.length).toBe(1);
    expect(fake.sent[0]).toMatchObject({
      type: 'content.roleGone',
      roleName: 'ExampleRole',
      shownText: 'Role not found The role with name ExampleRole cannot be found.',
    });
    await expect.poll(() => location.hash).toBe(`#/policies/details/${POLICY_ARN}`);
  });

  it('goes from the lists back to the page the background names', async () => {
    location.hash = '#/roles';
    const fake = fakeContext({ setup: DISCONNECT, path: '/roles' });
    await fake.start(disconnect, controller.signal);
    expect(location.hash).toBe('#/roles/details/ExampleRole');
    expect(fake.sent).toEqual([]);
  });

  it('keeps a policy on the customer’s own press, and says when it is over', async () => {
    document.body.innerHTML = `<main><h1>ExampleBilling</h1><button>Delete</button></main>`;
    const fake = fakeContext({
      setup: { ...DISCONNECT, roleGone: true },
      path: `/policies/details/${POLICY_ARN}`,
      reply: () => ({ ok: true, value: null }),
    });
    void fake.start(disconnect, controller.signal);
    await expect.poll(() => fake.last()?.title).toBe('Delete the policy ExampleBilling?');
    await fake
      .last()!
      .actions!.find((a) => a.label === 'Keep this policy')!
      .run();
    expect(fake.sent).toEqual([
      { type: 'content.policyKept', setupId: 'setup-1', policyName: 'ExampleBilling' },
    ]);
    expect(fake.last()?.title).toBe('Disconnected from Example Service');
  });

  it('speaks Japanese on a Japanese console', async () => {
    document.body.innerHTML = `<main><h1>ExampleRole</h1><button>削除</button></main>`;
    const fake = fakeContext({
      setup: DISCONNECT,
      path: '/roles/details/ExampleRole',
      language: 'ja',
    });
    void fake.start(disconnect, controller.signal);
    await expect
      .poll(() => fake.last()?.title)
      .toBe('Example Service との接続を解除: ロール ExampleRole を削除');
    expect(fake.highlights.at(-1)?.target?.textContent).toBe('削除');
  });
});
