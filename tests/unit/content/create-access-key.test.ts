// @vitest-environment happy-dom
// The Retrieve access keys step (contract §4): the secret is read from the page into memory only,
// sent once when the customer presses "Send", and forgotten after sending, on leaving the page,
// or after ten minutes. The panel never shows it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import type { Message } from '../../../src/core/messages.ts';
import type { FeatureContext } from '../../../src/content/feature.ts';
import type { PanelState } from '../../../src/content/panel.ts';
import { createAccessKey } from '../../../src/content/features/create-access-key.ts';
import { KEY_WORDS_EN } from '../../../src/core/panel-words.ts';
import { fakeContext } from '../../support/feature-context.ts';
import { useWords } from '../../../src/content/lib/i18n.ts';
import { consoleWordsFor } from '../../../src/core/iam-words.ts';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const USER = 'ExampleInfrastructureManagerUser';

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
let sent: Message[];
let controller: AbortController;

function context(): FeatureContext {
  return {
    setup,
    language: 'en',
    words: KEY_WORDS_EN,
    path: `/users/details/${USER}/create_access_key`,
    query: new URLSearchParams(),
    send: async (message) => {
      sent.push(message);
      return { ok: true, value: null };
    },
    judgeTrust: async () => ({ ok: false, error: 'not on this page' }),
    miss: () => undefined,
    panel: () => ({ render: (s: PanelState) => void rendered.push(s) }) as never,
    memory: new Map(),
  };
}

/** The use-case step, then (after `retrieve()`) the key with its secret behind a Show toggle. */
function useCasePage() {
  document.body.innerHTML = `<main>
    <label><input type="radio" name="useCase" value="THIRD_PARTY">Third-party service</label>
    </main>`;
}
function retrieve() {
  document.querySelector('main')!.innerHTML = `
    <div>${KEY_ID}</div><div><span id="secret">**********</span> <button id="toggle">Show</button></div>`;
  const toggle = document.getElementById('toggle')!;
  toggle.addEventListener('click', () => {
    const shown = toggle.textContent === 'Show';
    document.getElementById('secret')!.textContent = shown ? SECRET : '**********';
    toggle.textContent = shown ? 'Hide' : 'Show';
  });
}

const last = () => rendered.at(-1)!;
const everythingShown = () =>
  JSON.stringify(rendered.map((s) => ({ ...s, actions: s.actions?.map((a) => a.label) })));

beforeEach(() => {
  // As the background sends them with the hello: the panel's words and the controls' names.
  useWords(consoleWordsFor('en'));
  rendered = [];
  sent = [];
  controller = new AbortController();
  useCasePage();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

async function untilPanel(title: RegExp) {
  await vi.waitFor(() => expect(last()?.title).toMatch(title), { timeout: 3000 });
}

describe('Create access key', () => {
  it('picks Third-party service, reads the key, masks it again, and sends it once on "Send"', async () => {
    void createAccessKey.init(context(), controller.signal);
    await untilPanel(/Confirm, then create the key/);
    expect(document.querySelector<HTMLInputElement>('input[value="THIRD_PARTY"]')!.checked).toBe(
      true,
    );
    retrieve();
    await untilPanel(/^Send this key to Example Infrastructure Manager\?$/);
    expect(document.getElementById('secret')!.textContent).toBe('**********');
    expect(sent).toHaveLength(0); // nothing leaves before the customer presses Send
    expect(everythingShown()).not.toContain(SECRET);

    const send = last().actions!.find((a) => a.label.startsWith('Send to'))!;
    await send.run();
    await send.run(); // a second press has nothing left to send
    expect(sent).toEqual([
      expect.objectContaining({
        type: 'content.accessKey',
        setupId: 'setup-1',
        userName: USER,
        accessKeyId: KEY_ID,
        secretAccessKey: SECRET,
      }),
    ]);
    expect(last().title).toBe('Sent to Example Infrastructure Manager');
    expect(everythingShown()).not.toContain(SECRET);
  });

  it('forgets the key after ten minutes and says to deactivate it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    void createAccessKey.init(context(), controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    retrieve();
    for (let i = 0; i < 20 && !/^Send this key/.test(last()?.title ?? ''); i++)
      await vi.advanceTimersByTimeAsync(200);
    const send = last().actions!.find((a) => a.label.startsWith('Send to'))!;
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(last().title).toBe('The key was forgotten');
    expect(last().items[0]!.text).toContain(`Deactivate access key ${KEY_ID}`);
    await send.run();
    expect(sent).toHaveLength(0);
  });

  it('forgets the key when the customer leaves the page', async () => {
    void createAccessKey.init(context(), controller.signal);
    retrieve();
    await untilPanel(/^Send this key/);
    const send = last().actions!.find((a) => a.label.startsWith('Send to'))!;
    controller.abort();
    await send.run();
    expect(sent).toHaveLength(0);
  });

  it('speaks Japanese on a Japanese console: the use case, the key read, Send and its result', async () => {
    document.body.innerHTML = `<main>
      <label><input type="radio" name="useCase" value="THIRD_PARTY">サードパーティーサービス</label>
      </main>`;
    const fake = fakeContext({
      setup,
      path: `/users/details/${USER}/create_access_key`,
      language: 'ja',
      reply: () => ({ ok: true, value: null }),
    });
    void fake.start(createAccessKey, controller.signal);
    await vi.waitFor(() =>
      expect(fake.last()?.title).toBe('確認してアクセスキーを作成してください'),
    );
    expect(fake.last()!.items.map((i) => i.text)).toEqual([
      'ユースケース: サードパーティーサービス',
      expect.stringMatching(/^コンソールの推奨事項を読み/),
    ]);
    // The Retrieve step, its toggle labelled in Japanese.
    document.querySelector('main')!.innerHTML = `
      <div>${KEY_ID}</div><div><span id="secret">**********</span> <button id="toggle">表示</button></div>`;
    const toggle = document.getElementById('toggle')!;
    toggle.addEventListener('click', () => {
      const reveal = toggle.textContent === '表示';
      document.getElementById('secret')!.textContent = reveal ? SECRET : '**********';
      toggle.textContent = reveal ? '非表示' : '表示';
    });
    await vi.waitFor(
      () =>
        expect(fake.last()?.title).toBe(
          'このアクセスキーを Example Infrastructure Manager に送信しますか?',
        ),
      { timeout: 3000 },
    );
    expect(fake.last()!.items[0]!.text).toBe(
      `このページからアクセスキー ${KEY_ID} を読み取りました (シークレットアクセスキーもメモリ上にのみ保持)`,
    );
    const send = fake
      .last()!
      .actions!.find((a) => a.label === 'Example Infrastructure Manager に送信')!;
    await send.run();
    expect(fake.sent.map((m) => m.type)).toEqual(['content.accessKey']);
    expect(fake.last()).toMatchObject({
      title: 'Example Infrastructure Manager に送信しました',
      items: [
        {
          status: 'done',
          text: `Example Infrastructure Manager がアクセスキー ${KEY_ID} を受け取りました。Crossrole はシークレットアクセスキーを消去しました。`,
        },
      ],
    });
    expect(document.getElementById('secret')!.textContent).toBe('**********');
    expect(JSON.stringify(fake.rendered)).not.toContain(SECRET);
  });
});
