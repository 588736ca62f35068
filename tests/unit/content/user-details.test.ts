// @vitest-environment happy-dom
// The user's page, access-keys method: Crossrole opens Security credentials and presses Create
// access key only once the console lets it be pressed (it disables the button while it loads the
// keys, and when the user already holds two); a click on a disabled button would do nothing and
// leave the customer with no guide.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userDetails } from '../../../src/content/features/user-details.ts';
import { USER_ARN_SHOWN } from '../../../src/content/lib/session.ts';
import { fakeContext } from '../../support/feature-context.ts';

const USER = 'ExampleInfrastructureManagerUser';
const ARN = `arn:aws:iam::111122223333:user/${USER}`;

const onUserPage = (path = `/users/details/${USER}`, language: 'en' | 'ja' = 'en') =>
  fakeContext({
    path,
    language,
    setup: { mode: 'access-keys', state: 'role-created', roleName: USER },
  });
let controller: AbortController;

/** The user page with its Security credentials tab selected and the button as `disabled` says. */
function userPage(disabled: boolean): { button: HTMLButtonElement; clicks: () => number } {
  document.body.innerHTML = `<main>
    <h1>${USER}</h1><div>${ARN}</div>
    <div role="tablist"><button role="tab" aria-selected="true">Security credentials</button></div>
    <button id="create" ${disabled ? 'disabled' : ''}>Create access key</button>
  </main>`;
  const button = document.getElementById('create') as HTMLButtonElement;
  let clicks = 0;
  // A disabled button takes no click, as in a browser.
  button.addEventListener('click', () => void (clicks += button.disabled ? 0 : 1));
  return { button, clicks: () => clicks };
}

beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('User details', () => {
  it('waits for Create access key to be enabled, then presses it once', async () => {
    const { button, clicks } = userPage(true);
    const fake = onUserPage();
    const done = fake.start(userDetails, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(clicks()).toBe(0);
    button.disabled = false;
    await done;
    expect(clicks()).toBe(1);
    expect(await done).toBe(true);
    expect(fake.memory.get(USER_ARN_SHOWN)).toBe(ARN);
    expect(fake.rendered).toEqual([]);
  });

  it('says why when the button stays disabled, and presses nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { clicks } = userPage(true);
    const fake = onUserPage();
    const done = fake.start(userDetails, controller.signal);
    await vi.advanceTimersByTimeAsync(16_000);
    await done;
    expect(clicks()).toBe(0);
    expect(fake.misses).toEqual(['create-access-key-disabled']);
    expect(fake.last()!.items[0]).toMatchObject({
      status: 'problem',
      text: expect.stringContaining('two access keys'),
    });
  });

  it('says why in Japanese on a Japanese console', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    userPage(true);
    document.querySelector('[role="tab"]')!.textContent = 'セキュリティ認証情報';
    document.getElementById('create')!.textContent = 'アクセスキーを作成';
    const fake = onUserPage(undefined, 'ja');
    const done = fake.start(userDetails, controller.signal);
    await vi.advanceTimersByTimeAsync(16_000);
    await done;
    expect(fake.misses).toEqual(['create-access-key-disabled']);
    expect(fake.last()).toMatchObject({
      title: 'アクセスキーを作成してください',
      step: 4,
      note: expect.stringMatching(/^ロールのほうが安全です/),
      items: [
        {
          status: 'problem',
          text: expect.stringMatching(/^「アクセスキーを作成」は使えません: .*2 つのアクセスキー/),
        },
      ],
    });
  });

  it('does nothing for another user', async () => {
    const { clicks } = userPage(false);
    await onUserPage('/users/details/SomeoneElse').start(userDetails, controller.signal);
    expect(clicks()).toBe(0);
  });
});
