// @vitest-environment happy-dom
// The link window (src/popup/index.html?link=<id>) as a customer uses it, with a fake API: the
// same confirmation as a pasted code, then the review; Confirm and allow asks for the report
// origin first and starts in the link's tab; Dismiss forgets; a refused link says why.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import { linkedServiceProfile } from '../../support/setup-fixtures.ts';
import type { LinkView } from '../../../src/core/messages.ts';
import { fakePopupApi } from '../../support/fake-popup-api.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '' } },
}));
const { LinkReview } = await import('../../../src/popup/components/LinkReview.tsx');

afterEach(cleanup);

const acme = linkedServiceProfile();
const LINK_ID = '11111111-2222-4333-8444-555555555555';
const view = (code: string | null, errors: LinkView['errors'] = []): LinkView => ({
  id: LINK_ID,
  tabId: 7,
  host: 'us-east-1.console.aws.amazon.com',
  partition: 'aws',
  expiresAt: Date.now() + 60_000,
  code,
  errors,
});
const CODE = encodeConnectionCode({
  profile: acme,
  token: 'tok-1',
  externalId: 'acme-tenant-42',
  label: 'Acme Corp — workspace 42',
});

function open(code: string | null = CODE, errors: LinkView['errors'] = []) {
  const api = fakePopupApi();
  api.link_ = { ok: true, value: view(code, errors) };
  render(<LinkReview api={api} linkId={LINK_ID} />);
  return api;
}
const confirmButton = () =>
  screen.getByRole('button', { name: 'Confirm and allow' }) as HTMLButtonElement;

describe('the link window', () => {
  it('shows who the service is, what each level grants and where the External ID comes from, then the review', async () => {
    const api = open();
    expect(await screen.findByText('Connect to Acme Costs?')).toBeTruthy();
    expect(api.calls[0]).toEqual({ method: 'link', args: [LINK_ID] });
    expect(
      screen.getByText(/This link came from a web page: Acme Costs's connect button/),
    ).toBeTruthy();
    expect(screen.getByText('Connection for').nextElementSibling?.textContent).toBe(
      'Acme Corp — workspace 42',
    );
    expect(screen.getByText('123456789012')).toBeTruthy();
    expect(screen.getByText('arn:aws:iam::123456789012:root')).toBeTruthy();
    expect(screen.getByText('https://api.costs.example.com')).toBeTruthy();
    expect(
      screen.getByText('Issued by Acme Costs for this connection: acme-tenant-42'),
    ).toBeTruthy();
    expect(screen.getAllByText(/ReadOnlyAccess/).length).toBeGreaterThan(0);
    expect(screen.getByText('What Acme Costs will get')).toBeTruthy();
    // Links stay single account (docs/organizations.md): no "Where" to choose.
    expect(
      screen.queryByRole('radio', { name: /Every account in my AWS Organization/ }),
    ).toBeNull();
    expect(
      screen.getByText(
        'Continues in the IAM console tab the link opened (us-east-1.console.aws.amazon.com), without reloading it.',
      ),
    ).toBeTruthy();
    // Nothing asked or started by showing it.
    expect(api.calls.map((c) => c.method)).not.toContain('requestOrigin');
    expect(api.calls.map((c) => c.method)).not.toContain('startLink');
  });

  it('enables Confirm and allow only a moment after the link is shown', async () => {
    open();
    await screen.findByText('Connect to Acme Costs?');
    expect(confirmButton().disabled).toBe(true);
    await waitFor(() => expect(confirmButton().disabled).toBe(false), { timeout: 3000 });
  });

  it('asks for the report origin first, then starts the reviewed choices in the link, then closes', async () => {
    const api = open();
    await screen.findByText('Connect to Acme Costs?');
    await waitFor(() => expect(confirmButton().disabled).toBe(false), { timeout: 3000 });
    fireEvent.click(document.querySelector('input[name=level][value=read-only]')!);
    fireEvent.click(confirmButton());
    await waitFor(() => expect(api.calls.map((c) => c.method)).toContain('closeWindow'));
    const methods = api.calls.map((c) => c.method);
    expect(methods.slice(methods.indexOf('requestOrigin'))).toEqual([
      'requestOrigin',
      'startLink',
      'closeWindow',
    ]);
    expect(api.calls.find((c) => c.method === 'requestOrigin')?.args).toEqual([
      'https://api.costs.example.com',
    ]);
    const [linkId, input] = api.calls.find((c) => c.method === 'startLink')!.args as [
      string,
      Record<string, unknown>,
    ];
    expect(linkId).toBe(LINK_ID);
    expect(input).toEqual({
      mode: 'create-role',
      profileId: 'acme-costs',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'ExampleCostInventoryRole',
      roleDescription: 'Billing and inventory read access for Example Cost & Inventory',
      externalId: 'acme-tenant-42',
    });
    // The background saves the carried profile; the window does not.
    expect(methods).not.toContain('saveProfile');
  });

  it('offers the tags the customer gave last time, and starts with them in the link', async () => {
    const api = fakePopupApi({ customerTags: [{ key: 'CostCenter', value: '1234' }] });
    api.link_ = { ok: true, value: view(CODE) };
    render(<LinkReview api={api} linkId={LINK_ID} />);
    await screen.findByText('Connect to Acme Costs?');
    expect((screen.getByLabelText('Tag key') as HTMLInputElement).value).toBe('CostCenter');
    expect(screen.getByRole('note').textContent).toContain(
      "Tags on the role: CostCenter = 1234.Maximum session duration: 1 hour, set on the role's page after it is created.",
    );
    await waitFor(() => expect(confirmButton().disabled).toBe(false), { timeout: 3000 });
    fireEvent.click(confirmButton());
    await waitFor(() => expect(api.calls.map((c) => c.method)).toContain('startLink'));
    const [, input] = api.calls.find((c) => c.method === 'startLink')!.args as [
      string,
      Record<string, unknown>,
    ];
    expect(input.tags).toEqual([{ key: 'CostCenter', value: '1234' }]);
  });

  it('starts nothing when the browser does not allow the report origin, and says so', async () => {
    const api = open();
    api.grant = false;
    await screen.findByText('Connect to Acme Costs?');
    await waitFor(() => expect(confirmButton().disabled).toBe(false), { timeout: 3000 });
    fireEvent.click(confirmButton());
    expect(
      await screen.findByText(/Without permission to reach https:\/\/api\.costs\.example\.com/),
    ).toBeTruthy();
    expect(api.calls.map((c) => c.method)).not.toContain('startLink');
    expect(api.calls.map((c) => c.method)).not.toContain('closeWindow');
  });

  it('forgets the link and closes on Dismiss', async () => {
    const api = open();
    await screen.findByText('Connect to Acme Costs?');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(api.calls.map((c) => c.method)).toContain('closeWindow'));
    expect(api.calls.filter((c) => c.method === 'dismissLink')).toEqual([
      { method: 'dismissLink', args: [LINK_ID] },
    ]);
    expect(api.calls.map((c) => c.method)).not.toContain('startLink');
  });

  it('shows a refused link with its reason, and offers nothing to start', async () => {
    const api = open(null, [
      {
        path: 'expiresAt',
        message: 'the code expired on 2020-01-01T00:00:00Z; ask the service for a new one',
      },
    ]);
    expect(await screen.findByText('Crossrole did not accept this link')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'expiresAt: the code expired on 2020-01-01T00:00:00Z; ask the service for a new one',
    );
    expect(screen.queryByRole('button', { name: 'Confirm and allow' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(api.calls.map((c) => c.method)).toContain('closeWindow'));
    expect(api.calls.map((c) => c.method)).toContain('dismissLink');
  });

  it('refuses, on its own reading, a code the background held but that is no longer valid here', async () => {
    open(
      encodeConnectionCode({
        profile: { ...acme, id: 'crossrole-demo' },
        externalId: 'x1',
        token: 't',
      }),
    );
    expect(await screen.findByText('Crossrole did not accept this link')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(
      /^profile\.id: is "crossrole-demo", a service built into Crossrole/,
    );
    expect(screen.queryByRole('button', { name: 'Confirm and allow' })).toBeNull();
  });

  it('says when the link is no longer waiting', async () => {
    const api = fakePopupApi();
    api.link_ = { ok: false, error: 'This link is no longer waiting: it was dismissed.' };
    render(<LinkReview api={api} linkId={LINK_ID} />);
    expect(await screen.findByText('This link is no longer waiting')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'This link is no longer waiting: it was dismissed.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(api.calls.map((c) => c.method)).toContain('closeWindow');
  });
});
