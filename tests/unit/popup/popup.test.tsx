// @vitest-environment happy-dom
// The popup as a customer uses it, with a fake API: import with errors that name the field and
// nothing half-saved, the confirmation before saving, the review, and the follow-up buttons.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { fakePopupApi } from '../../support/fake-popup-api.ts';
import { capturedSetup } from '../../support/setup-fixtures.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '' } },
}));
const { App } = await import('../../../src/popup/App.tsx');
const { redact } = await import('../../../src/popup/components/Diagnostics.tsx');

afterEach(cleanup);

const importText = (text: string) => {
  fireEvent.click(screen.getByText('Add a service (profile or connection code)'));
  fireEvent.input(screen.getByLabelText('Profile or connection code'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Import' }));
};

const otherProfile = () => ({
  ...(structuredClone(EXAMPLE_PROFILES[1]) as object),
  id: 'acme-diagrams',
  name: 'Acme Diagrams',
});

describe('popup', () => {
  it('lists errors that name the field for a bad profile, and saves nothing', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    importText(JSON.stringify({ ...otherProfile(), trust: { accountId: '12' }, typo: true }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('trust.accountId: must be exactly 12 digits');
    expect(alert.textContent).toContain('unknown field "typo"');
    expect(api.calls.map((c) => c.method)).not.toContain('saveProfile');
  });

  it('shows who the service is before saving, and saves only with the permission granted', async () => {
    const api = fakePopupApi();
    api.grant = false;
    render(<App api={api} />);
    importText(JSON.stringify(otherProfile()));
    expect(await screen.findByText('Connect to Acme Diagrams?')).toBeTruthy();
    expect(screen.getByText('210987654321')).toBeTruthy();
    expect(screen.getByText('https://api.diagrams.example.com')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and allow' }));
    await screen.findByText(/Nothing was saved/);
    expect(api.calls.filter((c) => c.method === 'saveProfile')).toHaveLength(0);
    api.grant = true;
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and allow' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'saveProfile')).toHaveLength(1),
    );
    expect(api.calls.find((c) => c.method === 'requestOrigin')?.args).toEqual([
      'https://api.diagrams.example.com',
    ]);
  });

  it("offers no other service's start while a code waits for its confirmation, and folds the paste box after", async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    expect(await screen.findByRole('button', { name: 'Open in AWS console' })).toBeTruthy();
    importText(JSON.stringify(otherProfile()));
    expect(await screen.findByText('Connect to Acme Diagrams?')).toBeTruthy();
    // Only the confirmation's own buttons: the previous service's bar is gone.
    expect(screen.queryByRole('button', { name: 'Open in AWS console' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and allow' }));
    expect(await screen.findByRole('button', { name: 'Open in AWS console' })).toBeTruthy();
    expect(screen.getByText('What Acme Diagrams will get')).toBeTruthy();
    const box = screen.getByText('Add a service (profile or connection code)').closest('details');
    expect(box?.open).toBe(false);
  });

  it("refuses a code that carries its own profile under a built-in's id, and keeps no token for the built-in", async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    importText(
      encodeConnectionCode({
        profile: { ...otherProfile(), id: 'crossrole-demo', trust: { accountId: '666666666666' } },
        token: 'their-token',
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /profile\.id: is "crossrole-demo", a service built into Crossrole/,
    );
    expect(screen.queryByText(/Connect to/)).toBeNull();
    expect(api.calls.map((c) => c.method)).not.toContain('requestOrigin');
  });

  it("says whose connection a code for a built-in is, in the service's words, and that it was pasted", async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    importText(
      encodeConnectionCode({
        profile: 'example-full-management',
        token: 'tok-1',
        label: 'Acme Corp — workspace 42',
      }),
    );
    expect(await screen.findByText('Connect to Example Infrastructure Manager?')).toBeTruthy();
    expect(screen.getByText('Connection for').nextElementSibling?.textContent).toBe(
      'Acme Corp — workspace 42',
    );
    expect(
      screen.getByText(/You pasted this connection code: it comes from outside Crossrole/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and allow' }));
    expect(await screen.findByText('Connection code for: Acme Corp — workspace 42')).toBeTruthy();
    // Built in: nothing is saved, the built-in runs with the code's token.
    expect(api.calls.map((c) => c.method)).not.toContain('saveProfile');
  });

  it('says when a code for a built-in does not say whose connection it is', async () => {
    render(<App api={fakePopupApi()} />);
    importText(encodeConnectionCode({ profile: 'crossrole-demo' }));
    expect(
      await screen.findByText(/The code does not say\. Ask Crossrole Demo Service/),
    ).toBeTruthy();
  });

  it('refuses a profile named like a built-in or an imported service, naming the field', async () => {
    const api = fakePopupApi({ importedProfiles: [otherProfile() as never] });
    render(<App api={api} />);
    importText(
      JSON.stringify({ ...otherProfile(), id: 'lookalike', name: 'Crossrole Dеmo  Service' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'name: "Crossrole Dеmo  Service" reads like "Crossrole Demo Service", a service built into Crossrole',
    );
    fireEvent.input(screen.getByLabelText('Profile or connection code'), {
      target: { value: JSON.stringify({ ...otherProfile(), id: 'acme-2', name: 'ACME diagrams' }) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('a service already imported'),
    );
    expect(api.calls.map((c) => c.method)).not.toContain('saveProfile');
    expect(screen.getAllByText('Crossrole Demo Service')).toHaveLength(1);
  });

  it('lists every level and option with what it grants, and warns about a read-only label over AdministratorAccess', async () => {
    const profile = {
      ...otherProfile(),
      access: [
        {
          id: 'read-only',
          label: 'Read-only (recommended)',
          default: true,
          managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
        {
          id: 'minimal',
          label: 'Minimal',
          customPolicies: [
            {
              name: 'AcmeRead',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['ec2:Describe*', 's3:ListAllMyBuckets'],
                    Resource: '*',
                  },
                ],
              },
            },
          ],
        },
      ],
      options: [
        {
          id: 'roles',
          label: 'View roles',
          customPolicies: [
            {
              name: 'AcmeRoles',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
              },
            },
          ],
        },
      ],
    };
    const api = fakePopupApi();
    render(<App api={api} />);
    importText(JSON.stringify(profile));
    await screen.findByText('Connect to Acme Diagrams?');
    expect(screen.getByText('AWS managed policy AdministratorAccess')).toBeTruthy();
    expect(screen.getByText('allows ec2:Describe*, s3:ListAllMyBuckets')).toBeTruthy();
    expect(screen.getByText('allows iam:PassRole')).toBeTruthy();
    expect(screen.getByText('Options it offers')).toBeTruthy();
    const warnings = screen.getAllByRole('group', { name: 'Warnings about what is granted' });
    expect(warnings.map((w) => w.textContent)).toEqual([
      expect.stringMatching(
        /"Read-only \(recommended\)" sounds read-only, but it grants actions that change things: AdministratorAccess\..*AdministratorAccess allows every action/,
      ),
      expect.stringMatching(
        /"View roles" sounds read-only.*AcmeRoles allows iam:PassRole, which can create or change IAM/,
      ),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and allow' }));
    // The review warns again, right above "Open in AWS console".
    const review = await screen.findByRole('group', { name: 'Warnings about what is granted' });
    expect(review.textContent).toMatch(
      /^Warning: this gives the service power over your account\./,
    );
    expect(review.textContent).toContain('AdministratorAccess allows every action');
    fireEvent.click(screen.getByRole('radio', { name: /^Minimal/ }));
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Warnings about what is granted' })).toBeNull(),
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /View roles/ }));
    expect(
      (await screen.findByRole('group', { name: 'Warnings about what is granted' })).textContent,
    ).toContain('iam:PassRole');
  });

  it('refuses an expired connection code with its date', async () => {
    render(<App api={fakePopupApi()} />);
    importText(
      encodeConnectionCode({ profile: 'crossrole-demo', expiresAt: '2026-01-01T00:00:00Z' }),
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      'expired on 2026-01-01T00:00:00Z',
    );
  });

  it('reviews the trust policy with the External ID, warns, and starts with exactly the reviewed values', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    const externalId = (await screen.findByLabelText('External ID')).textContent ?? '';
    expect(externalId).toMatch(/^demo-[A-Za-z0-9]{22}$/);
    expect(screen.getByRole('note').textContent).toContain(
      '(AWS account 999988887777) will be able to assume this role',
    );
    fireEvent.input(screen.getByLabelText('Role name'), { target: { value: 'Bad Name' } });
    expect(await screen.findByText(/The role name contains " "/)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Open in AWS console' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.input(screen.getByLabelText('Role name'), { target: { value: 'MyDemoRole' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open in AWS console' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'start')).toBeTruthy());
    expect(api.calls.find((c) => c.method === 'start')!.args[0]).toMatchObject({
      mode: 'create-role',
      profileId: 'crossrole-demo',
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: 'MyDemoRole',
      externalId,
    });
  });

  it('warns before starting when the level lacks a required action', async () => {
    render(<App api={fakePopupApi()} />);
    fireEvent.click(await screen.findByRole('radio', { name: /Example Cost & Inventory/ }));
    fireEvent.click(
      await screen.findByRole('radio', { name: /^Read-only\s*AWS's ReadOnlyAccess alone/ }),
    );
    expect((await screen.findAllByRole('status')).map((s) => s.textContent).join()).toMatch(
      /cur:DescribeReportDefinitions/,
    );
    // The service issues its External ID: without a connection code nothing can start.
    expect(
      (screen.getByRole('button', { name: 'Open in AWS console' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('offers access keys only as the second choice, names the user and what it gets, and starts that mode', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    // The demo profile lists only the role method.
    await screen.findByLabelText('External ID');
    expect(screen.queryByText('Use an IAM user with access keys instead')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /^Example Infrastructure Manager/ }));
    fireEvent.click(await screen.findByText('Use an IAM user with access keys instead'));
    expect(screen.getByText(/A role is the safer choice/)).toBeTruthy();
    const grant = screen
      .getAllByRole('note')
      .find((n) => n.textContent?.includes('ExampleInfrastructureManagerUser'));
    expect(grant?.textContent).toContain('without console access, with: PowerUserAccess');
    // Its full-management profile takes a token: without a connection code nothing can start.
    const start = screen.getByRole('button', { name: 'Create a user and access key' });
    expect((start as HTMLButtonElement).disabled).toBe(true);
    importText(
      encodeConnectionCode({
        profile: 'example-full-management',
        token: 'tok-1',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and allow' }));
    // The way chosen is a state of the review (its fold a button): importing the code keeps it.
    expect(
      (
        await screen.findByRole('button', { name: 'Use an IAM user with access keys instead' })
      ).getAttribute('aria-expanded'),
    ).toBe('true');
    const enabled = await screen.findByRole('button', { name: 'Create a user and access key' });
    await waitFor(() => expect((enabled as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(enabled);
    await waitFor(() => expect(api.calls.find((c) => c.method === 'start')).toBeTruthy());
    expect(api.calls.find((c) => c.method === 'start')!.args[0]).toMatchObject({
      mode: 'access-keys',
      profileId: 'example-full-management',
      levelId: 'power-user',
      roleName: 'ExampleInfrastructureManagerUser',
      token: 'tok-1',
    });
  });

  it('folds the list of services to one line once a service is chosen, and opens it again on Change', async () => {
    render(<App api={fakePopupApi()} />);
    // Nothing chosen yet: every service is offered.
    await screen.findAllByRole('radio', { name: /^Example / });
    // A pointer's click (detail 1) chooses; the list gives way to the review.
    fireEvent.click(screen.getByRole('radio', { name: /^Example Operations/ }), { detail: 1 });
    const change = await screen.findByRole('button', { name: 'Change the service' });
    expect(change.getAttribute('aria-expanded')).toBe('false');
    expect(change.closest('p')?.textContent).toMatch(/^Service: Example Operations/);
    expect(screen.queryByRole('radio', { name: /^Crossrole Demo Service/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'What Example Operations will get' })).toBeTruthy();
    fireEvent.click(change);
    const again = await screen.findByRole('radio', { name: /^Example Operations/ });
    expect((again as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(again));
  });

  it('makes "Update an existing role" the one start button while its fold is open, and starts that mode', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    const fold = await screen.findByRole('button', { name: 'Update an existing role instead' });
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('Existing role name')).toBeNull();
    fireEvent.click(fold);
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Open in AWS console' })).toBeNull();
    const update = screen.getByRole('button', { name: 'Update an existing role' });
    expect((update as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Existing role name'), {
      target: { value: 'OldDemoRole' },
    });
    await waitFor(() => expect((update as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(update);
    await waitFor(() => expect(api.calls.find((c) => c.method === 'start')).toBeTruthy());
    expect(api.calls.find((c) => c.method === 'start')!.args[0]).toMatchObject({
      mode: 'update-trust',
      roleName: 'OldDemoRole',
    });
    // Folded again, the role is the way once more.
    fireEvent.click(fold);
    expect(screen.getByRole('button', { name: 'Open in AWS console' })).toBeTruthy();
  });

  it('asks again for the console when the customer revoked it, and starts nothing until allowed', async () => {
    const api = fakePopupApi();
    api.consoleAccess = false;
    render(<App api={api} />);
    const alert = await screen.findByText(/Crossrole may not run on the AWS console/);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    const open = screen.getByRole('button', { name: 'Open in AWS console' }) as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    api.grant = false; // the customer says no in the browser's prompt
    fireEvent.click(screen.getByRole('button', { name: 'Allow on the AWS console' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'requestConsoleAccess')).toHaveLength(1),
    );
    expect(screen.getByText(/Crossrole may not run on the AWS console/)).toBeTruthy();
    api.grant = true;
    fireEvent.click(screen.getByRole('button', { name: 'Allow on the AWS console' }));
    await waitFor(() =>
      expect(screen.queryByText(/Crossrole may not run on the AWS console/)).toBeNull(),
    );
    expect(open.disabled).toBe(false);
  });

  it('offers Retry now, Copy ARN and Discard for a report waiting to be delivered', async () => {
    const setup = capturedSetup({
      state: 'verified',
      delivery: {
        status: 'queued',
        attempts: 3,
        firstQueuedAt: 1,
        nextAttemptAt: Date.parse('2026-11-24T12:02:00Z'),
        lastError: 'HTTP 503',
        serviceMessage: null,
        serviceStatus: null,
        deliveredAt: null,
      },
    });
    const api = fakePopupApi({ setups: [setup] });
    vi.stubGlobal('confirm', () => true);
    render(<App api={api} />);
    expect(await screen.findByText('arn:aws:iam::111122223333:role/R')).toBeTruthy();
    expect(screen.getByText(/tried 3 times/).textContent).toContain('in 2 min');
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy ARN' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() =>
      expect(api.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['retry', 'discard'])),
    );
    expect(api.copied).toContain('arn:aws:iam::111122223333:role/R');
  });

  it('redacts account IDs, ARNs and tokens from the diagnostic', () => {
    const text = redact(
      'acct 1111-2222-3333 and 111122223333 arn:aws:iam::111122223333:role/X token eyJhbGciOiJIUzI1NiJ9abcdefghijkl ok',
    );
    expect(text).toBe('acct [redacted] and [redacted] [redacted] token [redacted] ok');
  });
});

describe('popup, first screen', () => {
  const WHAT = /^Crossrole connects your AWS account to a service from inside the AWS console/;
  const BEGIN =
    /^To begin, open the service's Crossrole link \(such as its “Connect AWS account” button\), or paste the connection code the service gave you in the box below\.$/;

  it('says what Crossrole does and how to begin when nothing is built in or imported, with the paste box open', async () => {
    const api = fakePopupApi();
    api.builtinProfiles = [];
    render(<App api={api} />);
    expect(await screen.findByText(WHAT)).toBeTruthy();
    expect(screen.getByText(BEGIN)).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    const paste = screen.getByLabelText('Profile or connection code');
    expect((paste.closest('details') as HTMLDetailsElement).open).toBe(true);
  });

  it('says none of it once a service is built in or imported', async () => {
    const branded = fakePopupApi();
    render(<App api={branded} />);
    await screen.findAllByRole('radio');
    expect(screen.queryByText(WHAT)).toBeNull();
    expect(screen.queryByText(BEGIN)).toBeNull();
    expect(
      (screen.getByLabelText('Profile or connection code').closest('details') as HTMLDetailsElement)
        .open,
    ).toBe(false);
    cleanup();

    const store = fakePopupApi({ importedProfiles: [otherProfile() as never] });
    store.builtinProfiles = [];
    render(<App api={store} />);
    expect(await screen.findByText('Acme Diagrams')).toBeTruthy();
    expect(screen.queryByText(WHAT)).toBeNull();
    expect(screen.queryByText(BEGIN)).toBeNull();
  });
});

describe('popup, build flavour', () => {
  const loopback = () => ({
    ...otherProfile(),
    report: { url: 'http://127.0.0.1:47615/crossrole/v1/connections', auth: 'none' },
  });

  it('refuses a profile or a code that reports to loopback in a store build, naming the field', async () => {
    const api = fakePopupApi();
    api.developmentBuild = false;
    render(<App api={api} />);
    importText(JSON.stringify(loopback()));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'report.url: this build sends reports over HTTPS only; development addresses work only in a development build',
    );
    fireEvent.input(screen.getByLabelText('Profile or connection code'), {
      target: { value: encodeConnectionCode({ profile: loopback() }) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(
        /^profile\.report\.url: this build sends reports over HTTPS only/,
      ),
    );
    expect(screen.queryByText(/Connect to/)).toBeNull();
    expect(api.calls.map((c) => c.method)).not.toContain('requestOrigin');
  });

  it('takes the same profile to the confirmation in a development build', async () => {
    const api = fakePopupApi();
    render(<App api={api} />);
    importText(JSON.stringify(loopback()));
    expect(await screen.findByText('Connect to Acme Diagrams?')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:47615')).toBeTruthy();
  });
});
