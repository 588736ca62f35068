// @vitest-environment happy-dom
// Attach policies, known by what it shows ("Attach policy to <role>", a policy table, Add
// permissions): only the setup's missing policies are ticked, and Add permissions is pointed at,
// never pressed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachPolicies } from '../../../src/content/features/attach-policies.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

function page(role: string) {
  document.body.innerHTML = `<main><h1>Attach policy to ${role}</h1>
    <input type="search" aria-label="Search">
    <table><tbody>
      <tr><td><input type="checkbox" id="read"></td><td><a>ReadOnlyAccess</a></td></tr>
      <tr><td><input type="checkbox" id="view"></td><td><a>ViewOnlyAccess</a></td></tr>
    </tbody></table>
    <button id="add">Add permissions</button></main>`;
  let pressed = 0;
  document.getElementById('add')!.addEventListener('click', () => (pressed += 1));
  return { pressed: () => pressed };
}
const box = (id: string) => (document.getElementById(id) as HTMLInputElement).checked;
const options = {
  path: '/roles/attach/whatever',
  setup: { state: 'arn-captured', missingPolicies: ['ReadOnlyAccess'] },
};

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Attach policies', () => {
  it('ticks the missing policies only and points at Add permissions', async () => {
    const { pressed } = page(SETUP.roleName);
    const fake = fakeContext(options);
    expect(await fake.start(attachPolicies, controller.signal)).toBe(true);
    expect([box('read'), box('view')]).toEqual([true, false]);
    expect(fake.last()).toMatchObject({
      title: 'Policies ticked: press Add permissions',
      items: [{ status: 'done', text: 'Policy selected: ReadOnlyAccess' }],
    });
    expect(fake.highlights.at(-1)!.target).toBe(document.getElementById('add'));
    expect(pressed()).toBe(0);
  });

  it('leaves a page about another role alone', async () => {
    page('SomeoneElsesRole');
    const fake = fakeContext(options);
    await fake.start(attachPolicies, controller.signal);
    expect(box('read')).toBe(false);
    expect(fake.rendered).toEqual([]);
  });

  it('does not start before the role was read back, nor on a page without the table', async () => {
    page(SETUP.roleName);
    expect(
      await fakeContext({ ...options, setup: {} }).start(attachPolicies, controller.signal),
    ).toBe(false);
    document.querySelector('table')!.remove();
    expect(await fakeContext(options).start(attachPolicies, controller.signal)).toBe(false);
  });
});
