// @vitest-environment happy-dom
// The user's page, access-keys method: Crossrole opens Security credentials and presses Create
// access key only once the console lets it be pressed (it disables the button while it loads the
// keys, and when the user already holds two); a click on a disabled button would do nothing and
// leave the customer with no guide.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import type { FeatureContext } from '../../../src/content/feature.ts';
import type { PanelState } from '../../../src/content/panel.ts';
import { userDetails } from '../../../src/content/features/user-details.ts';
import { USER_ARN_SHOWN } from '../../../src/content/lib/session.ts';

const USER = 'ExampleInfrastructureManagerUser';
const ARN = `arn:aws:iam::111122223333:user/${USER}`;

const setup: ContentSetup = {
  id: 'setup-1',
  mode: 'access-keys',
  state: 'role-created',
  serviceName: 'Example Infrastructure Manager',
  partition: 'aws',
  serviceAccountId: '444455556666',
  principalArn: 'arn:aws:iam::444455556666:root',
  externalId: 'infra-x',
  roleName: USER,
  roleDescription: '',
  managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
  customPolicies: [],
  trustPolicy: {},
};

let rendered: PanelState[];
let misses: string[];
let memory: Map<string, string>;
let controller: AbortController;

function context(): FeatureContext {
  return {
    setup,
    language: 'en',
    path: `/users/details/${USER}`,
    query: new URLSearchParams(),
    send: async () => ({ ok: true, value: null }),
    judgeTrust: async () => ({ ok: false, error: 'not on this page' }),
    miss: (field) => void misses.push(field),
    panel: () => ({ render: (s: PanelState) => void rendered.push(s) }) as never,
    memory,
  };
}

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
  rendered = [];
  misses = [];
  memory = new Map();
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('User details', () => {
  it('waits for Create access key to be enabled, then presses it once', async () => {
    const { button, clicks } = userPage(true);
    const done = userDetails.init(context(), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(clicks()).toBe(0);
    button.disabled = false;
    await done;
    expect(clicks()).toBe(1);
    expect(memory.get(USER_ARN_SHOWN)).toBe(ARN);
    expect(rendered).toEqual([]);
  });

  it('says why when the button stays disabled, and presses nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { clicks } = userPage(true);
    const done = userDetails.init(context(), controller.signal);
    await vi.advanceTimersByTimeAsync(16_000);
    await done;
    expect(clicks()).toBe(0);
    expect(misses).toEqual(['create-access-key-disabled']);
    expect(rendered.at(-1)!.items[0]).toMatchObject({
      status: 'problem',
      text: expect.stringContaining('two access keys'),
    });
  });

  it('does nothing for another user', async () => {
    const { clicks } = userPage(false);
    await userDetails.init({ ...context(), path: '/users/details/SomeoneElse' }, controller.signal);
    expect(clicks()).toBe(0);
  });
});
