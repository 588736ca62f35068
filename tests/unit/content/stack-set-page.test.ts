// @vitest-environment happy-dom
// The stack set's page after Submit (docs/organizations.md, "The flow" 4–5), in English and
// Japanese: the read-back the background checks (ARN, permission model, automatic deployment,
// parameters, template) from its tabs, then every page of Stack instances with the header's
// count checked, re-read after the table's own refresh while instances still deploy, and
// stopped when all are final or the page is left. Whatever the page adds that is not a stack
// instance is not read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cloudFormationPage } from '../../../src/content/cloudformation/index.ts';
import { stackSetPage } from '../../../src/content/cloudformation/stack-set-page.ts';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import type { Message } from '../../../src/core/messages.ts';
import { fakeContext, ORGANIZATION_PLAN, SETUP } from '../../support/feature-context.ts';

const ARN =
  'arn:aws:cloudformation:us-east-1:111122223333:stackset/ExampleRole:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

type Row = [account: string, region: string, status: string, detailed: string, reason: string];

const WORDS = {
  en: {
    tabs: ['StackSet info', 'Stack instances', 'Operations', 'Parameters', 'Template'],
    info: ['StackSet ARN', 'Permission model', 'Automatic deployment', 'Activated'],
    params: ['Key', 'Value'],
    columns: [
      'AWS account',
      'Stack ID',
      'AWS Region',
      'Status',
      'Detailed status',
      'Status reason',
    ],
    next: 'Next page',
    page: (n: number) => `Page ${n} of all pages`,
    refresh: 'Refresh',
  },
  ja: {
    tabs: ['StackSet 情報', 'スタックインスタンス', 'オペレーション', 'パラメータ', 'テンプレート'],
    info: ['StackSet ARN', 'アクセス許可モデル', '自動デプロイ', '有効'],
    params: ['キー', '値'],
    columns: [
      'AWS アカウント',
      'スタック ID',
      'AWS リージョン',
      'ステータス',
      '詳細ステータス',
      'ステータスの理由',
    ],
    next: '次のページ',
    page: (n: number) => `全ページ中 ${n} ページ`,
    refresh: '更新',
  },
};

/**
 * The stack set's page: its heading, tabs (routes too: a tab sets the hash), and the Stack
 * instances table with two rows a page. `rows` is what the console's API says now; the table
 * shows it again only on Refresh. `count` is the header's count (by default the rows').
 */
function stackSetPageFixture(
  language: 'en' | 'ja',
  rows: Row[],
  { count, template = ORGANIZATION_PLAN.templateBody }: { count?: number; template?: string } = {},
) {
  const w = WORDS[language];
  document.documentElement.lang = language;
  const state = { rows, refreshes: 0 };
  let shownRows = [...rows];
  document.body.innerHTML = `<main><h1>ExampleRole</h1>
    <div role="tablist">${w.tabs.map((t) => `<button role="tab" aria-selected="false">${t}</button>`).join('')}</div>
    <div role="tabpanel"></div></main>`;
  const panel = document.querySelector<HTMLElement>('[role="tabpanel"]')!;
  const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  let page = 0;
  const drawInstances = () => {
    const pages = Math.max(1, Math.ceil(shownRows.length / 2));
    const body = shownRows
      .slice(page * 2, page * 2 + 2)
      .map(
        ([a, r, s, d, reason]) =>
          `<tr><td>${a}</td><td>arn:aws:cloudformation:${r}:${a}:stack/StackSet-x</td><td>${r}</td><td>${s}</td><td>${d}</td><td>${reason}</td></tr>`,
      )
      .join('');
    const numbers = Array.from(
      { length: pages },
      (_, i) =>
        `<li><button aria-label="${w.page(i + 1)}" ${i === page ? 'aria-current="true"' : ''}>${i + 1}</button></li>`,
    ).join('');
    panel.innerHTML = `<div><h2>${w.tabs[1]} <span>(${count ?? shownRows.length})</span></h2>
      <button aria-label="${w.refresh}" class="refresh"></button>
      <ul class="awsui_root_fvjdu_abcde">${numbers}
        <li><button aria-label="${w.next}" ${page >= pages - 1 ? 'disabled' : ''} class="next"></button></li></ul>
      <table><thead><tr>${w.columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`;
    panel.querySelector('.next')!.addEventListener('click', () => {
      page += 1;
      drawInstances();
    });
    panel
      .querySelectorAll<HTMLButtonElement>(
        'li button[aria-label^="P"], li button[aria-label^="全"]',
      )
      .forEach((b) =>
        b.addEventListener('click', () => {
          page = Number(b.textContent) - 1;
          drawInstances();
        }),
      );
    panel.querySelector('.refresh')!.addEventListener('click', () => {
      state.refreshes += 1;
      shownRows = [...state.rows];
      drawInstances();
    });
  };
  const draw = [
    () =>
      (panel.innerHTML = `<dl><dt>${w.info[0]}</dt><dd>${ARN}</dd><dt>StackSet ID</dt><dd>ExampleRole:0f1e</dd>
        <dt>${w.info[1]}</dt><dd>SERVICE_MANAGED</dd><dt>${w.info[2]}</dt><dd>${w.info[3]}</dd></dl>`),
    drawInstances,
    () => (panel.innerHTML = '<p>No operations.</p>'),
    () =>
      (panel.innerHTML = `<table><thead><tr><th>${w.params[0]}</th><th>${w.params[1]}</th></tr></thead><tbody>
        <tr><td>ExternalId</td><td>ext-123456</td></tr><tr><td>RoleName</td><td>ExampleRole</td></tr></tbody></table>`),
    () => {
      panel.innerHTML = '<pre></pre>';
      panel.querySelector('pre')!.textContent = template;
    },
  ];
  tabs.forEach((tab, i) =>
    tab.addEventListener('click', () => {
      tabs.forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
      page = 0;
      draw[i]!();
    }),
  );
  tabs[0]!.click();
  return state;
}

const ORG_SETUP: Partial<ContentSetup> = { mode: 'organization', organization: ORGANIZATION_PLAN };

/** The background as engineer C's: accepts the read-back, reports the instances that succeeded. */
function background(message: Message) {
  const plan = ORGANIZATION_PLAN;
  if (message.type === 'content.stackSet')
    return {
      ok: true as const,
      value: {
        ...SETUP,
        ...ORG_SETUP,
        state: 'role-created',
        organization: { ...plan, stackSetArn: ARN },
      },
    };
  if (message.type === 'content.stackInstances') {
    const succeeded = message.instances.filter((i) => i.detailedStatus === 'SUCCEEDED');
    const failed = message.instances.filter(
      (i) => i.detailedStatus === 'FAILED' || i.detailedStatus === 'SKIPPED_SUSPENDED_ACCOUNT',
    );
    return {
      ok: true as const,
      value: {
        ...SETUP,
        ...ORG_SETUP,
        state: 'role-created',
        organization: {
          ...plan,
          stackSetArn: ARN,
          reportedAccounts: succeeded.map((i) => i.accountId),
          failedAccounts: failed.map((i) => ({ accountId: i.accountId, reason: i.reason ?? '' })),
        },
      },
    };
  }
  return { ok: true as const, value: null };
}

const EXISTS =
  'ResourceLogicalId:Role, ResourceType:AWS::IAM::Role, ResourceStatusReason:ExampleRole already exists.';
const FINAL: Row[] = [
  ['111111111111', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
  ['222222222222', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
  ['333333333333', 'us-east-1', 'OUTDATED', 'FAILED', EXISTS],
  [
    '444444444444',
    'us-east-1',
    'INOPERABLE',
    'SKIPPED_SUSPENDED_ACCOUNT',
    'Account 444444444444 is suspended.',
  ],
  ['555555555555', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
];

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  location.hash = '#/stacksets/ExampleRole/info?permissions=service';
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
  document.body.replaceChildren();
  document.head.replaceChildren();
});

const until = (check: () => void, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });
const sentOf = <T extends Message['type']>(sent: Message[], type: T) =>
  sent.filter((m): m is Extract<Message, { type: T }> => m.type === type);

for (const language of ['en', 'ja'] as const) {
  describe(`The stack set's page (${language})`, () => {
    it('reads the stack set back from its tabs, then every page of Stack instances, and says what became of each account', async () => {
      stackSetPageFixture(language, FINAL);
      // The navigation bar's session data: who the console is signed in to, sent for the check.
      const session = document.createElement('meta');
      session.name = 'awsc-session-data';
      session.content = JSON.stringify({ accountId: '111122223333' });
      document.head.append(session);
      const fake = fakeContext({
        language,
        path: '/stacksets/ExampleRole/info',
        setup: ORG_SETUP,
        reply: background,
      });
      expect(await fake.start(stackSetPage, controller.signal)).toBe(true);
      expect(sentOf(fake.sent, 'content.stackSet')).toEqual([
        {
          type: 'content.stackSet',
          setupId: SETUP.id,
          stackSetArn: ARN,
          permissionModel: 'SERVICE_MANAGED',
          autoDeployment: true,
          parameters: ORGANIZATION_PLAN.parameters,
          templateBody: ORGANIZATION_PLAN.templateBody,
          sessionAccountId: '111122223333',
          menuAccountId: null,
        },
      ]);
      const [instances] = sentOf(fake.sent, 'content.stackInstances');
      expect(instances).toEqual({
        type: 'content.stackInstances',
        setupId: SETUP.id,
        stackSetArn: ARN,
        complete: true,
        instances: FINAL.map(([accountId, region, status, detailedStatus, reason]) => ({
          accountId,
          region,
          status,
          detailedStatus,
          reason: reason === '-' ? null : reason,
        })),
        sessionAccountId: '111122223333',
        menuAccountId: null,
      });
      expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(1); // all final: no refresh
      const texts = fake.last()!.items.map((i) => i.text);
      expect(texts[0]).toBe(
        language === 'en'
          ? '3 of 5 accounts reported'
          : '5 アカウント中 3 アカウントを報告しました',
      );
      expect(texts.join('\n')).toContain(`333333333333`);
      expect(texts.join('\n')).toContain(EXISTS);
      expect(texts.join('\n')).toContain('Account 444444444444 is suspended.');
    });
  });
}

describe("The stack set's page, one page across its tabs", () => {
  it('keeps its features running when a tab changes the route (the runner starts them once)', () => {
    const tabs = ['info', 'stacks', 'parameters', 'template'].map((tab) =>
      cloudFormationPage(`/stacksets/ExampleRole/${tab}`),
    );
    expect(new Set(tabs)).toEqual(new Set(['/stacksets/ExampleRole']));
    expect(cloudFormationPage('/stacksets/create')).toBe('/stacksets/create');
    expect(cloudFormationPage('/stacksets/Other/info')).toBe('/stacksets/Other');
  });
});

describe("The stack set's page, what it does not trust", () => {
  it('says the table is incomplete when the rows do not add up to the header count', async () => {
    stackSetPageFixture('en', FINAL.slice(0, 3), { count: 4 });
    const fake = fakeContext({
      path: '/stacksets/ExampleRole/info',
      setup: ORG_SETUP,
      reply: background,
    });
    void fake.start(stackSetPage, controller.signal);
    await until(() =>
      expect(sentOf(fake.sent, 'content.stackInstances').length).toBeGreaterThan(0),
    );
    expect(sentOf(fake.sent, 'content.stackInstances')[0]).toMatchObject({ complete: false });
    expect(sentOf(fake.sent, 'content.stackInstances')[0]!.instances).toHaveLength(3);
  });

  it('skips rows a page script rewrote (no 12-digit account, an unknown status) and reports the read incomplete', async () => {
    const forged: Row[] = [
      ['111111111111', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
      ['12345', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
      ['222222222222', 'us-east-1', 'WHATEVER', 'SUCCEEDED', '-'],
    ];
    stackSetPageFixture('en', forged);
    const fake = fakeContext({
      path: '/stacksets/ExampleRole/info',
      setup: ORG_SETUP,
      reply: background,
    });
    void fake.start(stackSetPage, controller.signal);
    await until(() =>
      expect(sentOf(fake.sent, 'content.stackInstances').length).toBeGreaterThan(0),
    );
    const [sent] = sentOf(fake.sent, 'content.stackInstances');
    expect(sent!.instances.map((i) => i.accountId)).toEqual(['111111111111']);
    expect(sent!.complete).toBe(false);
  });

  it('sends no template it cannot read, and stops when the background refuses the stack set', async () => {
    stackSetPageFixture('en', FINAL, { template: '' });
    const fake = fakeContext({
      path: '/stacksets/ExampleRole/info',
      setup: ORG_SETUP,
      reply: (m) =>
        m.type === 'content.stackSet' ? { ok: false, error: 'Not the plan.' } : background(m),
    });
    await fake.start(stackSetPage, controller.signal);
    expect(sentOf(fake.sent, 'content.stackSet')[0]).toMatchObject({ templateBody: null });
    expect(sentOf(fake.sent, 'content.stackInstances')).toEqual([]);
    expect(fake.last()?.items).toEqual([{ status: 'problem', text: 'Not the plan.' }]);
  }, 15_000);

  it('leaves another stack set’s page alone', async () => {
    stackSetPageFixture('en', FINAL);
    document.querySelector('h1')!.textContent = 'SomeoneElsesStackSet';
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = fakeContext({
      path: '/stacksets/SomeoneElsesStackSet/info',
      setup: ORG_SETUP,
      reply: background,
    });
    const started = fake.start(stackSetPage, controller.signal);
    await vi.advanceTimersByTimeAsync(16_000);
    await started;
    expect(fake.sent).toEqual([]);
  });
});

describe("The stack set's page while instances deploy", () => {
  const RUNNING: Row[] = [
    ['111111111111', 'us-east-1', 'OUTDATED', 'RUNNING', '-'],
    ['222222222222', 'us-east-1', 'OUTDATED', 'PENDING', '-'],
    ['333333333333', 'us-east-1', 'CURRENT', 'SUCCEEDED', '-'],
  ];

  it('presses Refresh every 5 s and re-reads until every instance is final, then stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const table = stackSetPageFixture('en', RUNNING);
    const fake = fakeContext({
      path: '/stacksets/ExampleRole/info',
      setup: ORG_SETUP,
      reply: background,
    });
    void fake.start(stackSetPage, controller.signal);
    await until(() => expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(1));
    expect(fake.last()?.items.map((i) => i.text)).toContain(
      'Still deploying: 111111111111, 222222222222',
    );
    await vi.advanceTimersByTimeAsync(4000);
    expect(table.refreshes).toBe(0);
    // One finished, one still running.
    table.rows = [
      RUNNING[0]!,
      [...RUNNING[1]!.slice(0, 2), 'CURRENT', 'SUCCEEDED', '-'] as Row,
      RUNNING[2]!,
    ];
    await vi.advanceTimersByTimeAsync(1500);
    await until(() => expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(2));
    expect(table.refreshes).toBe(1);
    table.rows = RUNNING.map(([a, r]) => [a, r, 'CURRENT', 'SUCCEEDED', '-'] as Row);
    await vi.advanceTimersByTimeAsync(5500);
    await until(() => expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(3));
    expect(fake.last()?.items[0]?.text).toBe('3 of 3 accounts reported');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(table.refreshes).toBe(2);
    expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(3);
  });

  it('does not refresh while the tab is hidden, and stops when the page is left', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const table = stackSetPageFixture('en', RUNNING);
    const fake = fakeContext({
      path: '/stacksets/ExampleRole/info',
      setup: ORG_SETUP,
      reply: background,
    });
    void fake.start(stackSetPage, controller.signal);
    await until(() => expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(1));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      await vi.advanceTimersByTimeAsync(12_000);
      expect(table.refreshes).toBe(0);
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => expect(table.refreshes).toBe(1));
      await until(() => expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(2));
      controller.abort();
      await vi.advanceTimersByTimeAsync(20_000);
      expect(table.refreshes).toBe(1);
      expect(sentOf(fake.sent, 'content.stackInstances')).toHaveLength(2);
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
  });
});
