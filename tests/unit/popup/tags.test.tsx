// @vitest-environment happy-dom
// The review's Tags, as a customer whose organisation requires tags uses them: the service's
// tags read only, their own remembered ones offered, IAM's rules checked as they type (the start
// waits), a refusal from the background at its row, and exactly their rows sent; in Japanese too.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import type { SetupStartInput } from '../../../src/core/messages.ts';
import { problem } from '../../../src/core/problems.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { fieldError } from '../../../src/core/result.ts';
import { fakePopupApi } from '../../support/fake-popup-api.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '', getUILanguage: () => '' } },
}));
const { setLanguage } = await import('../../../src/popup/i18n.ts');
const { App } = await import('../../../src/popup/App.tsx');

afterEach(() => {
  cleanup();
  setLanguage(english);
});

/** An imported service that sets a tag of its own and asks for a 2 hour session. */
function acme(): ServiceProfile {
  const base = structuredClone(EXAMPLE_PROFILES[1]) as { role: object };
  const parsed = parseProfile({
    ...base,
    id: 'acme-diagrams',
    name: 'Acme Diagrams',
    role: {
      ...base.role,
      tags: [{ key: 'Vendor', value: 'Acme' }],
      maxSessionDurationSeconds: 7200,
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** The popup with Acme alone (imported, nothing built in), and the tags remembered. */
function withAcme(customerTags?: { key: string; value: string }[]) {
  const api = fakePopupApi({
    importedProfiles: [acme()],
    ...(customerTags ? { customerTags } : {}),
  });
  api.builtinProfiles = [];
  render(<App api={api} />);
  return api;
}

const keys = () => screen.getAllByLabelText('Tag key') as HTMLInputElement[];
const values = () => screen.getAllByLabelText('Tag value') as HTMLInputElement[];
const openButton = () =>
  screen.getByRole('button', { name: 'Open in AWS console' }) as HTMLButtonElement;
const started = (api: ReturnType<typeof fakePopupApi>) =>
  api.calls.filter((c) => c.method === 'start').map((c) => c.args[0] as SetupStartInput);
const type = (input: HTMLInputElement, value: string) =>
  fireEvent.input(input, { target: { value } });

describe('the review’s tags', () => {
  it('shows the service’s tags read only and the remembered ones as rows, and lists both with the session duration', async () => {
    withAcme([{ key: 'CostCenter', value: '1234' }]);
    const tags = await screen.findByRole('group', { name: 'Tags' });
    expect(
      within(tags).getByText(
        'For organisations whose policies require tags on new roles. Crossrole remembers the tags you add here on this browser.',
      ),
    ).toBeTruthy();
    const fixed = within(tags).getByRole('list', { name: 'Tags Acme Diagrams sets' });
    expect(fixed.textContent).toBe('Vendor = Acme set by Acme Diagrams');
    // The service's tag is no field: only the customer's own row can be changed.
    await waitFor(() => expect(keys().map((k) => k.value)).toEqual(['CostCenter']));
    expect(values().map((v) => v.value)).toEqual(['1234']);
    const note = screen.getByRole('note').textContent;
    expect(note).toContain('Tags on the role: Vendor = Acme, CostCenter = 1234.');
    expect(note).toContain(
      "Maximum session duration: 2 hours, set on the role's page after it is created.",
    );
  });

  it('is one line while there are none, and opens on the keyboard with focus in the new key', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    const add = await screen.findByRole('button', { name: 'Add tags your organisation requires' });
    expect(add.closest('p')?.textContent).toBe('Tags: none · Add tags your organisation requires');
    expect(add.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('Tag key')).toBeNull();
    // The demo service asks for no session duration, and there is no tag to list.
    expect(screen.getByRole('note').textContent).not.toMatch(/Tags on the role|session duration/);
    fireEvent.click(add);
    await waitFor(() => expect(document.activeElement).toBe(keys()[0]));
    type(keys()[0]!, 'Team');
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(document.activeElement).toBe(keys()[1]));
    type(keys()[1]!, 'Env');
    // Tab order in a row: key, value, remove (document order, nothing reordered).
    const row = [keys()[0]!, values()[0]!, screen.getByRole('button', { name: 'Remove tag Team' })];
    const all = [...document.querySelectorAll('input, button')];
    expect(row.map((el) => all.indexOf(el))).toEqual(
      [...row.map((el) => all.indexOf(el))].sort((a, b) => a - b),
    );
    expect(all.indexOf(row[2]!)).toBe(all.indexOf(row[1]!) + 1);
    // Removed, focus goes to the row that takes its place, then the one above, then Add tag.
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag Team' }));
    await waitFor(() => expect(keys().map((k) => k.value)).toEqual(['Env']));
    await waitFor(() => expect(document.activeElement).toBe(keys()[0]));
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag Env' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add tag' })),
    );
    expect(screen.queryByLabelText('Tag key')).toBeNull();
  });

  it('says a key AWS keeps under its field, marks it invalid and holds the start with the reason', async () => {
    withAcme();
    fireEvent.click(await screen.findByRole('button', { name: 'Add tag' }));
    const key = keys()[0]!;
    type(key, 'aws:x');
    const error = await screen.findByText(
      'The key may not start with "aws:": AWS keeps that prefix for its own tags.',
    );
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(key.getAttribute('aria-describedby')).toBe(error.id);
    expect(values()[0]!.getAttribute('aria-invalid')).toBe('false');
    expect(openButton().disabled).toBe(true);
    expect(
      within(document.querySelector('.action-bar') as HTMLElement).getByRole('alert').textContent,
    ).toBe('A tag needs fixing first: see Tags above.');
    type(key, 'x:aws');
    await waitFor(() => expect(openButton().disabled).toBe(false));
    expect(key.getAttribute('aria-invalid')).toBe('false');
    expect(key.hasAttribute('aria-describedby')).toBe(false);
    expect(screen.queryByText(/A tag needs fixing/)).toBeNull();
  });

  it('refuses a key twice in another letter case, and the service’s own key', async () => {
    withAcme([{ key: 'CostCenter', value: '1' }]);
    await waitFor(() => expect(keys()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    type(keys()[1]!, 'costcenter');
    expect(
      await screen.findByText(
        'The tag key "costcenter" is used twice (IAM ignores the letter case of keys).',
      ),
    ).toBeTruthy();
    expect(keys().map((k) => k.getAttribute('aria-invalid'))).toEqual(['false', 'true']);
    expect(openButton().disabled).toBe(true);
    type(keys()[1]!, 'vendor');
    expect(await screen.findByText('The tag key "vendor" is set by Acme Diagrams.')).toBeTruthy();
    expect(openButton().disabled).toBe(true);
  });

  it('starts with exactly the customer’s rows that hold something, and no tags for another way', async () => {
    const api = withAcme([{ key: 'CostCenter', value: '1234' }]);
    await waitFor(() => expect(keys()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    type(keys()[2]!, 'Team');
    // A key with no value is a tag; the empty row between is dropped, not an error.
    expect(openButton().disabled).toBe(false);
    fireEvent.click(openButton());
    await waitFor(() => expect(started(api)).toHaveLength(1));
    expect(started(api)[0]).toMatchObject({ mode: 'create-role', profileId: 'acme-diagrams' });
    expect(started(api)[0]!.tags).toEqual([
      { key: 'CostCenter', value: '1234' },
      { key: 'Team', value: '' },
    ]);

    // Updating an existing role puts no tags on it: the section goes, nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Update an existing role instead' }));
    expect(screen.queryByRole('group', { name: 'Tags' })).toBeNull();
    expect(screen.getByRole('note').textContent).not.toMatch(/Tags on the role|session duration/);
    type(screen.getByLabelText('Existing role name') as HTMLInputElement, 'OldRole');
    fireEvent.click(screen.getByRole('button', { name: 'Update an existing role' }));
    await waitFor(() => expect(started(api)).toHaveLength(2));
    expect(started(api)[1]).not.toHaveProperty('tags');
  });

  it('has no tags for the Organization’s stack set', async () => {
    withAcme([{ key: 'CostCenter', value: '1234' }]);
    await screen.findByRole('group', { name: 'Tags' });
    fireEvent.click(screen.getByRole('radio', { name: /^Every account in my AWS Organization/ }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Tags' })).toBeNull());
    expect(screen.getByRole('note').textContent).not.toMatch(/Tags on the role|session duration/);
  });

  it('shows a tag the background refused at its row, until that field changes', async () => {
    const api = withAcme([{ key: 'CostCenter', value: '1234' }]);
    api.start = async (input) => {
      api.calls.push({ method: 'start', args: [input] });
      const wrong = problem('tagValueFormat', { max: 256 });
      return {
        ok: false,
        error: `Tags: ${wrong.message}.`,
        errors: [fieldError('tags[1].value', wrong)],
      };
    };
    await waitFor(() => expect(keys()).toHaveLength(1));
    // An empty row first: index 1 of what was sent is the third row on screen.
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    type(keys()[2]!, 'Team');
    type(values()[2]!, 'ops');
    fireEvent.click(openButton());
    const text = 'The value must be at most 256 letters, digits, spaces and _ . : / = + - @.';
    const error = await screen.findByText(text);
    expect(values()[2]!.getAttribute('aria-describedby')).toBe(error.id);
    expect(values()[2]!.getAttribute('aria-invalid')).toBe('true');
    expect(values()[0]!.getAttribute('aria-invalid')).toBe('false');
    // Said at the row, not again as a path in the bar; the bar says why the start waits.
    expect(screen.queryByText(/tags\[1\]/)).toBeNull();
    expect(screen.getByText('A tag needs fixing first: see Tags above.')).toBeTruthy();
    expect(openButton().disabled).toBe(true);
    type(values()[2]!, 'operations');
    await waitFor(() => expect(screen.queryByText(text)).toBeNull());
    expect(openButton().disabled).toBe(false);
  });
});

describe('the review’s tags in Japanese', () => {
  it('says the section, its fields and a problem in Japanese', async () => {
    setLanguage(japanese);
    withAcme([{ key: 'CostCenter', value: '1234' }]);
    const tags = await screen.findByRole('group', { name: 'タグ' });
    expect(within(tags).getByText(japanese.tagsWhy.message)).toBeTruthy();
    expect(
      within(tags).getByRole('list', { name: 'Acme Diagrams が設定するタグ' }).textContent,
    ).toBe('Vendor = Acme Acme Diagrams が設定');
    await waitFor(() => expect(screen.getAllByLabelText('タグのキー')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'タグ CostCenter を削除' })).toBeTruthy();
    const note = screen.getByRole('note').textContent;
    expect(note).toContain('ロールに付けるタグ: Vendor = Acme, CostCenter = 1234。');
    expect(note).toContain(
      '最大セッション時間: 2 時間。ロールの作成後に、ロールのページで設定します。',
    );
    fireEvent.click(screen.getByRole('button', { name: 'タグを追加' }));
    const key = screen.getAllByLabelText('タグのキー')[1] as HTMLInputElement;
    type(key, 'AWS:x');
    expect(
      await screen.findByText(
        'キーが無効です: 「aws:」で始めることはできません: この接頭辞は AWS 自身のタグ用です。',
      ),
    ).toBeTruthy();
    expect(screen.getByText(japanese.tagsNeedFixing.message)).toBeTruthy();
    expect(tags.textContent).not.toMatch(/Tag key|Remove|For organisations/);
  });

  it('is one line in Japanese while there are none', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi()} />);
    const add = await screen.findByRole('button', { name: '組織が求めるタグを追加' });
    expect(add.closest('p')?.textContent).toBe('タグ: なし · 組織が求めるタグを追加');
  });
});
