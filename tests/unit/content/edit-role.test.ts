// @vitest-environment happy-dom
// Edit role: the maximum session duration the profile asks for is chosen in the page's select
// (Cloudscape's: a trigger whose listbox opens on mousedown) and read back; the customer presses
// Save changes. A duration that is not one of the console's choices is left to the customer, with
// the seconds to copy. Known by what the page shows, for the setup's role only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editRole } from '../../../src/content/features/edit-role.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const CHOICES = ['1 hour', '2 hours', '4 hours', '8 hours', '12 hours', 'Custom duration'];

/** The Edit role page: a breadcrumb naming `role`, the duration select, Save changes. */
function page(role = SETUP.roleName, choices = CHOICES) {
  document.body.innerHTML = `<nav><a>Roles</a><a>${role}</a></nav><main><h1>Edit role</h1>
    <label id="l" for="t">Maximum session duration</label>
    <button id="t" aria-haspopup="listbox" aria-labelledby="l t"><span id="v">1 hour</span></button>
    <div id="list"></div><button id="save">Save changes</button></main>`;
  const trigger = document.getElementById('t')!;
  trigger.addEventListener('mousedown', () => {
    const list = document.getElementById('list')!;
    list.innerHTML = choices.map((c) => `<div role="option">${c}</div>`).join('');
    for (const option of list.children)
      option.addEventListener('mouseup', () => {
        document.getElementById('v')!.textContent = option.textContent;
        list.innerHTML = '';
      });
  });
}

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Edit role', () => {
  it('chooses the duration the service asks for, reads it back and points at Save changes', async () => {
    page();
    const fake = fakeContext({
      path: '/roles/details/ExampleRole/edit',
      setup: { state: 'arn-captured', maxSessionDurationSeconds: 7200 },
    });
    expect(await fake.start(editRole, controller.signal)).toBe(true);
    expect(document.getElementById('v')!.textContent).toBe('2 hours');
    expect(fake.last()).toMatchObject({
      title: 'Set the maximum session duration',
      items: [
        { status: 'done', text: 'Maximum session duration: 2 hours' },
        { status: 'todo', text: expect.stringContaining('Press Save changes') },
      ],
    });
    expect(fake.highlights.at(-1)!.target).toBe(document.getElementById('save'));
  });

  it('leaves a duration the select does not offer to the customer, with the seconds to copy', async () => {
    page();
    const fake = fakeContext({ setup: { state: 'arn-captured', maxSessionDurationSeconds: 5400 } });
    await fake.start(editRole, controller.signal);
    expect(fake.last()!.items[0]).toMatchObject({
      status: 'manual',
      copy: { value: '5400' },
    });
    expect(fake.misses).toContain('max-session-duration-option');
  });

  it('does nothing on another role’s page, or for a setup that asks for no duration', async () => {
    page('OtherRole');
    const other = fakeContext({
      setup: { state: 'arn-captured', maxSessionDurationSeconds: 7200 },
    });
    await other.start(editRole, controller.signal);
    expect(other.rendered).toEqual([]);
    expect(document.getElementById('v')!.textContent).toBe('1 hour');
    page();
    const none = fakeContext({ setup: { state: 'arn-captured' } });
    await none.start(editRole, controller.signal);
    expect(none.rendered).toEqual([]);
  });

  it('speaks Japanese on a Japanese console', async () => {
    document.documentElement.lang = 'ja';
    page(SETUP.roleName, ['1 時間', '2 時間', '12 時間']);
    document.querySelector('label')!.textContent = '最大セッション時間';
    document.getElementById('save')!.textContent = '変更の保存';
    const fake = fakeContext({
      language: 'ja',
      setup: { state: 'arn-captured', maxSessionDurationSeconds: 7200 },
    });
    await fake.start(editRole, controller.signal);
    document.documentElement.lang = 'en';
    expect(document.getElementById('v')!.textContent).toBe('2 時間');
    expect(fake.last()!.items[0]!.text).toBe('最大セッション時間: 2 時間');
  });
});
