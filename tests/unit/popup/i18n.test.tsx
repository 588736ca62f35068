// @vitest-environment happy-dom
// Plurals by Intl.PluralRules, numbers by Intl.NumberFormat, the language shown, and the popup
// rendered in Japanese with the Japanese table as the fallback.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import type { Connection } from '../../../src/core/messages.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { problem } from '../../../src/core/problems.ts';
import { fakePopupApi } from '../../support/fake-popup-api.ts';
import { capturedSetup } from '../../support/setup-fixtures.ts';

const ui = vi.hoisted(() => ({ language: '' }));
vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '', getUILanguage: () => ui.language } },
}));
const { formatNumber, language, plural, setLanguage, t } =
  await import('../../../src/popup/i18n.ts');
const { App } = await import('../../../src/popup/App.tsx');
const { Connections } = await import('../../../src/popup/components/SetupList.tsx');

afterEach(() => {
  cleanup();
  setLanguage(english);
  ui.language = '';
});

const connections = (n: number): Connection[] =>
  Array.from({ length: n }, (_, i) => ({
    setupId: `s${i}`,
    profileId: 'crossrole-demo',
    serviceName: 'Crossrole Demo Service',
    partition: 'aws',
    accountId: `11112222333${i}`,
    roleArn: `arn:aws:iam::11112222333${i}:role/R`,
    deliveredAt: 1,
  }));

describe('plurals', () => {
  it('says 1 account and 2 accounts in English', () => {
    expect(plural('accountsCount', 1)).toBe('1 account');
    expect(plural('accountsCount', 2)).toBe('2 accounts');
    expect(plural('accountsCount', 0)).toBe('0 accounts');
    expect(plural('waiting', 1)).toBe('Waiting to deliver (tried 1 time).');
    expect(plural('waiting', 3)).toBe('Waiting to deliver (tried 3 times).');
  });

  it('has one form in Japanese, for every count', () => {
    setLanguage(japanese);
    expect(new Intl.PluralRules(language()).resolvedOptions().pluralCategories).toEqual(['other']);
    expect(plural('accountsCount', 1)).toBe('1 アカウント');
    expect(plural('accountsCount', 2)).toBe('2 アカウント');
    expect(plural('waiting', 1)).toBe('送信待ちです (1 回試行済み)。');
  });

  it('shows the connected accounts with their plural in both languages', () => {
    const { unmount } = render(<Connections connections={connections(1)} />);
    expect(screen.getByText('1 account')).toBeTruthy();
    unmount();
    render(<Connections connections={connections(2)} />);
    expect(screen.getByText('2 accounts')).toBeTruthy();
    cleanup();
    setLanguage(japanese);
    render(<Connections connections={connections(2)} />);
    expect(screen.getByRole('heading', { name: '接続済みのアカウント' })).toBeTruthy();
    expect(screen.getByText('2 アカウント')).toBeTruthy();
  });
});

describe('numbers and the language shown', () => {
  it('formats numbers put into messages for the language', () => {
    expect(plural('accountsCount', 1234)).toBe('1,234 accounts');
    expect(t('inMinutes', 2)).toBe('in 2 min');
    ui.language = 'de-DE';
    // German UI, English texts (no German file): English number format, not German.
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('is the UI language when its messages file is shown, else the language of the file shown', () => {
    expect(language()).toBe('en');
    ui.language = 'en-GB';
    expect(language()).toBe('en-GB');
    ui.language = 'en_US';
    expect(language()).toBe('en-US');
    ui.language = 'fr';
    expect(language()).toBe('en');
    setLanguage(japanese);
    ui.language = 'ja';
    expect(language()).toBe('ja');
    ui.language = '';
    expect(language()).toBe('ja');
  });
});

describe('popup in Japanese', () => {
  it('shows Japanese for its headings and its main action', async () => {
    setLanguage(japanese);
    ui.language = 'ja';
    render(<App api={fakePopupApi()} />);
    expect(
      await screen.findByRole('heading', { name: 'Crossrole Demo Service に付与される内容' }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'サービス' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'AWS コンソールで開く' })).toBeTruthy();
    expect(screen.getByText('Crossrole が IAM コンソールを開きます。')).toBeTruthy();
    expect(screen.getByText('外部 ID', { selector: '#external-id-label' })).toBeTruthy();
    expect(screen.queryByText('Services')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open in AWS console' })).toBeNull();
  });

  const importText = (text: string) => {
    fireEvent.click(screen.getByText(japanese.importTitle.message));
    fireEvent.input(screen.getByLabelText(japanese.importLabel.message), {
      target: { value: text },
    });
    fireEvent.click(screen.getByRole('button', { name: japanese.import.message }));
  };
  const acme = (changes: object) => ({
    ...(structuredClone(EXAMPLE_PROFILES[1]) as object),
    id: 'acme-diagrams',
    name: 'Acme Diagrams',
    ...changes,
  });

  it('says a role-name problem in Japanese', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi()} />);
    fireEvent.input(await screen.findByLabelText('ロール名'), {
      target: { value: 'x'.repeat(70) },
    });
    expect(
      await screen.findByText(
        'ロール名が無効です: 70 文字あります (IAM で使えるのは 64 文字まで)。',
      ),
    ).toBeTruthy();
    fireEvent.input(screen.getByLabelText('ロール名'), { target: { value: 'Bad Name' } });
    expect(
      await screen.findByText(
        'ロール名が無効です: " " を含んでいます (IAM で使えるのは英数字と + = , . @ _ - のみ)。',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/The role name|IAM allows/)).toBeNull();
  });

  it('says import errors in Japanese, keeping the field paths', async () => {
    setLanguage(japanese);
    const api = fakePopupApi();
    api.developmentBuild = false;
    render(<App api={api} />);
    await screen.findByText(japanese.importTitle.message);
    importText(
      JSON.stringify(
        acme({
          name: 'Crossrole Dеmo  Service',
          report: { url: 'http://127.0.0.1:4000/r', auth: 'none' },
        }),
      ),
    );
    const alert = await screen.findByRole('alert');
    const items = [...alert.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'report.url: このビルドはレポートを HTTPS でのみ送信します。開発用のアドレスは開発ビルドでのみ使えます',
      'name: 「Crossrole Dеmo  Service」は Crossrole に組み込まれたサービス「Crossrole Demo Service」と紛らわしく、一覧で見分けられません',
    ]);
    expect([...alert.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'report.url',
      'name',
    ]);
    fireEvent.input(screen.getByLabelText(japanese.importLabel.message), {
      target: { value: JSON.stringify(acme({ nmae: 'x' })) },
    });
    fireEvent.click(screen.getByRole('button', { name: japanese.import.message }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        '(root): 不明なフィールド "nmae" があります (綴りを確認してください)',
      ),
    );
  });

  it('says grant risks in Japanese before an import is confirmed', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi()} />);
    await screen.findByText(japanese.importTitle.message);
    importText(
      JSON.stringify(
        acme({
          access: [
            {
              id: 'read-only',
              label: 'Read-only',
              default: true,
              managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
            },
          ],
        }),
      ),
    );
    const risks = await screen.findByRole('group', { name: japanese.risksTitle.message });
    expect([...risks.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '「Read-only」は読み取り専用に見えますが、変更を行うアクションを許可します: AdministratorAccess。',
      'AdministratorAccess は IAM を含め、アカウント内のすべてのリソースに対するすべてのアクションを許可します。サービスはあなたにできることを何でもできるようになります。',
    ]);
    expect(risks.textContent).not.toMatch(/allows|sounds read-only/);
  });

  it('says what held a report back, and the trust policy’s problems, in Japanese', async () => {
    setLanguage(japanese);
    const missing = problem('permissionsMissing', { policies: 'ReadOnlyAccess' });
    const mfa = problem('trustMfa');
    const setup = capturedSetup({
      trustPolicyVerified: false,
      trustProblems: [mfa.message],
      trustProblemsCoded: [mfa],
      problem: missing.message,
      problemCoded: missing,
    });
    const { unmount } = render(<App api={fakePopupApi({ setups: [setup] })} />);
    expect(
      await screen.findByText('ロールに ReadOnlyAccess がありません。何も報告していません。'),
    ).toBeTruthy();
    expect(screen.queryByText(missing.message)).toBeNull();
    expect(screen.queryByText(mfa.message)).toBeNull();
    unmount();
    // A later step rewrote the English: the stale code is not shown, the English is.
    const rewritten = { ...setup, problem: 'The role page does not show the role ARN yet.' };
    render(<App api={fakePopupApi({ setups: [rewritten] })} />);
    expect(await screen.findByText(rewritten.problem)).toBeTruthy();
  });
});
