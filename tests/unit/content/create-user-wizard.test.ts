// @vitest-environment happy-dom
// The Create user wizard, access-keys method: the user name, no console access, the policies
// attached directly, Next once per step while that step is shown, and Create user left to the
// customer with the reason a role would be safer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUserWizard } from '../../../src/content/features/create-user-wizard.ts';
import { KEY_WORDS_EN, KEY_WORDS_JA } from '../../../src/core/panel-words.ts';
import { fakeContext, SETUP, wizardPage } from '../../support/feature-context.ts';

const DETAILS = `
  <label for="user">User name</label><input id="user">
  <label><input type="checkbox" id="console" checked>Provide user access to the AWS Management Console</label>`;
const PERMISSIONS = `
  <label><input type="radio" name="how" value="ADD_TO_GROUP" checked>Add user to group</label>
  <label><input type="radio" name="how" value="ATTACH_DIRECTLY">Attach policies directly</label>
  <input type="search" aria-label="Search">
  <table><tbody>
    <tr><td><input type="checkbox" id="p1"></td><td><a>PowerUserAccess</a></td></tr>
  </tbody></table>`;
const REVIEW = `<p>Review and create</p>`;

const USER = 'ExampleUser';
const options = {
  path: '/users/create',
  setup: {
    mode: 'access-keys' as const,
    roleName: USER,
    managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
  },
};

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Create user wizard', () => {
  it('fills the user and its policies, presses Next twice, and leaves Create user to the customer', async () => {
    const wizard = wizardPage([DETAILS, PERMISSIONS, REVIEW], 'Create user');
    const fake = fakeContext(options);
    void fake.start(createUserWizard, controller.signal);
    await vi.waitFor(() => expect(fake.last()?.title).toBe('Ready: press Create user'), {
      timeout: 10_000,
    });
    expect(wizard.get(1, '#user').value).toBe(USER);
    expect(wizard.get(1, '#console').checked).toBe(false);
    expect(wizard.get(2, 'input[value="ATTACH_DIRECTLY"]').checked).toBe(true);
    expect(wizard.get(2, '#p1').checked).toBe(true);
    expect(wizard.clicks).toEqual({ next: 2, previous: 0, last: 0 });
    expect(fake.rendered.map((s) => s.title)).toEqual([
      'User details filled in',
      'Permissions selected',
      'Ready: press Create user',
    ]);
    expect(
      fake.rendered.every((s) => s.note === KEY_WORDS_EN.saferWithRole && s.totalSteps === 6),
    ).toBe(true);
    expect(fake.highlights.at(-1)).toEqual({
      target: wizard.primary,
      caption: `Creates the IAM user ${USER} for ${SETUP.serviceName}`,
    });
  });

  it('stays on a step it could not fill, and says what is left to do', async () => {
    const wizard = wizardPage([DETAILS, PERMISSIONS, REVIEW], 'Create user');
    // A console that will not let the box be unticked (disabled): Next is the customer's.
    wizard.get(1, '#console').disabled = true;
    const fake = fakeContext(options);
    void fake.start(createUserWizard, controller.signal);
    await vi.waitFor(() => expect(fake.last()?.title).toBe('Check the user details'), {
      timeout: 10_000,
    });
    expect(fake.last()!.items).toEqual([
      { status: 'done', text: `User name: ${USER}` },
      { status: 'manual', text: 'Leave console access unticked' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wizard.clicks.next).toBe(0);
    expect(wizard.step()).toBe(1);
  });

  it('acts only for the access-keys method', async () => {
    wizardPage([DETAILS, PERMISSIONS, REVIEW], 'Create user');
    const fake = fakeContext({ ...options, setup: { mode: 'create-role' } });
    expect(await fake.start(createUserWizard, controller.signal)).toBe(false);
  });

  it('speaks Japanese on a Japanese console, with the words the background sent', async () => {
    const wizard = wizardPage(
      [
        `<label for="user">ユーザー名</label><input id="user">
         <label><input type="checkbox" id="console" checked>AWS マネジメントコンソールへのユーザーアクセスを提供する</label>`,
        PERMISSIONS.replace('aria-label="Search"', 'aria-label="検索"'),
        REVIEW,
      ],
      'ユーザーの作成',
    );
    const fake = fakeContext({ ...options, language: 'ja' });
    void fake.start(createUserWizard, controller.signal);
    await vi.waitFor(
      () => expect(fake.last()?.title).toBe('準備完了: 「ユーザーの作成」を押してください'),
      { timeout: 10_000 },
    );
    expect(wizard.get(1, '#user').value).toBe(USER);
    expect(wizard.get(1, '#console').checked).toBe(false);
    expect(fake.rendered.map((s) => s.title)).toEqual([
      'ユーザーの詳細を入力しました',
      '許可を選択しました',
      '準備完了: 「ユーザーの作成」を押してください',
    ]);
    expect(fake.rendered[0]!.items).toEqual([
      { status: 'done', text: `ユーザー名: ${USER}` },
      { status: 'done', text: 'コンソールアクセスなし: サービスに必要なのはアクセスキーだけです' },
    ]);
    expect(fake.rendered[1]!.items[0]).toEqual({
      status: 'done',
      text: 'ポリシーを直接アタッチする',
    });
    expect(fake.last()!.items[0]).toEqual({
      status: 'done',
      text: `ユーザー ${USER}、コンソールアクセスなし`,
    });
    expect(fake.rendered.every((s) => s.note === KEY_WORDS_JA.saferWithRole)).toBe(true);
    expect(fake.highlights.at(-1)!.caption).toBe(
      `${SETUP.serviceName} 用に IAM ユーザー ${USER} を作成します`,
    );
    // Nothing of the English words is left in what the panel showed.
    const shown = JSON.stringify([fake.rendered, fake.highlights.map((h) => h.caption)]);
    for (const english of [KEY_WORDS_EN.readyCreateUser, 'User name', 'console access'])
      expect(shown).not.toContain(english);
  });
});
