// @vitest-environment happy-dom
// Connected accounts in the popup (docs/lifecycle.md): Disconnect asks first, in Crossrole's own
// words, which role in which account is deleted and what the service loses, and starts nothing
// before the customer confirms; a disconnected or older connection offers no Disconnect.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import type { Connection } from '../../../src/core/messages.ts';
import { fakePopupApi } from '../../support/fake-popup-api.ts';
import { capturedSetup } from '../../support/setup-fixtures.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '', getUILanguage: () => '' } },
}));
const { setLanguage } = await import('../../../src/popup/i18n.ts');
const { App } = await import('../../../src/popup/App.tsx');

afterEach(() => {
  cleanup();
  setLanguage(english);
});

const CONNECTION: Connection = {
  setupId: 'conn-1',
  profileId: 'crossrole-demo',
  serviceName: 'Crossrole Demo Service',
  partition: 'aws',
  accountId: '111122223333',
  roleArn: 'arn:aws:iam::111122223333:role/CostRole',
  deliveredAt: Date.UTC(2026, 11, 1),
  roleName: 'CostRole',
  externalId: 'demo-abcdefghijklmnop',
  reportUrl: 'https://api.example.com/crossrole',
  levelId: 'read-only',
  optionIds: [],
  policyArns: ['arn:aws:iam::111122223333:policy/CostBilling'],
  createdPolicyArns: ['arn:aws:iam::111122223333:policy/CostBilling'],
};

describe('connected accounts', () => {
  it('asks before a disconnect, says what it deletes, and starts it only on confirm', async () => {
    const api = fakePopupApi({ connections: [CONNECTION] });
    render(<App api={api} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Disconnect CostRole in account 111122223333' }),
    );
    const question = screen.getByRole('group', {
      name: 'Delete the role CostRole in account 111122223333?',
    });
    expect(question.textContent).toContain('Crossrole Demo Service can no longer use your account');
    expect(question.textContent).toContain('CostBilling');
    // The keyboard's focus is in the question, on its answer.
    expect(document.activeElement?.textContent).toBe('Open the role to delete it');
    expect(api.calls.some((c) => c.method === 'disconnect')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Delete the role/ })).toBeNull();
    fireEvent.click(
      screen.getByRole('button', { name: 'Disconnect CostRole in account 111122223333' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open the role to delete it' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'disconnect')?.args).toEqual(['conn-1']),
    );
  });

  it('checks and updates at the level the customer picks, the question taking the focus', async () => {
    const api = fakePopupApi({ connections: [CONNECTION] });
    render(<App api={api} />);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Check and update CostRole in account 111122223333',
      }),
    );
    const question = screen.getByRole('group', {
      name: 'Check the role CostRole in account 111122223333 against what Crossrole Demo Service asks for today?',
    });
    const level = screen.getByLabelText('Access level') as HTMLSelectElement;
    expect(document.activeElement).toBe(level);
    // The connection's own level first; the profile's others to move to.
    expect(level.value).toBe('read-only');
    expect([...level.options].map((o) => o.textContent)).toEqual([
      'Read-only (recommended)',
      'Configuration only',
    ]);
    expect(question.textContent).toContain('told only what changed');
    fireEvent.change(level, { target: { value: 'view-only' } });
    expect(api.calls.some((c) => c.method === 'update')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Open the role to check it' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'update')?.args).toEqual(['conn-1', 'view-only']),
    );
  });

  it('shows an update’s move by the levels’ labels, and what it waits for', async () => {
    const update = capturedSetup({
      id: 'update-1',
      mode: 'update-role',
      state: 'arn-captured',
      levelId: 'view-only',
      connectionId: 'conn-1',
      managedPolicyArns: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
      policyArns: [
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      ],
      updateFrom: {
        levelId: 'read-only',
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        levelPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
    });
    render(<App api={fakePopupApi({ connections: [CONNECTION], setups: [update] })} />);
    await screen.findByText('Access level: Read-only (recommended) → Configuration only');
    expect(screen.getByText('Check the role in the console')).toBeTruthy();
    expect(
      screen.getByText(/^Still attached from the previous level: ReadOnlyAccess\./),
    ).toBeTruthy();
  });

  it('offers no Disconnect for a connection that is over, or made before Crossrole kept enough', async () => {
    const { roleName: _r, reportUrl: _u, ...old } = CONNECTION;
    render(
      <App
        api={fakePopupApi({
          connections: [
            { ...CONNECTION, disconnectedAt: Date.UTC(2026, 11, 2) },
            { ...old, setupId: 'conn-0', accountId: '444455556666' },
          ],
        })}
      />,
    );
    expect(await screen.findByText(/^Disconnected on /)).toBeTruthy();
    expect(screen.getByText(/Connected before Crossrole could disconnect/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Disconnect / })).toBeNull();
  });

  it('asks in Japanese', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi({ connections: [CONNECTION] })} />);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'アカウント 111122223333 の CostRole の接続を解除',
      }),
    );
    expect(
      screen.getByRole('group', {
        name: 'アカウント 111122223333 のロール CostRole を削除しますか?',
      }),
    ).toBeTruthy();
  });
});
