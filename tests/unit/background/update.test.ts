// Check and update (docs/lifecycle.md), through the real router with the fake browser: the demo
// connection moved from read-only to view-only. Nothing goes while the role lacks the new level's
// policy or still holds the old one; once the role page shows only the new one, one role.updated
// goes, which the contract takes, with what the page showed; a second check finds it up to date
// and sends nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { parseRoleEvent } from '../../../src/core/report.ts';
import {
  ACCOUNT,
  consoleTab as tab,
  demoRolePage,
  demoStart,
  popupSender as popup,
} from '../../support/setup-fixtures.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const VIEW_ONLY = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
const readOnlyRow = { name: 'ReadOnlyAccess', arn: READ_ONLY, type: 'aws' as const };
const viewOnlyRow = { name: 'ViewOnlyAccess', arn: VIEW_ONLY, type: 'aws' as const };

const posted: unknown[] = [];
beforeEach(() => {
  fake.current = createFakeBrowser();
  posted.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: { body: string }) => {
      posted.push(JSON.parse(init.body));
      return new Response(JSON.stringify({ status: 'connected' }), { status: 200 });
    }),
  );
});

const ask = (message: { type: string } & Record<string, unknown>, from: object) =>
  handleMessage(message, from as never) as Promise<{
    ok: boolean;
    value?: Record<string, unknown> & { setupId?: string; connections?: unknown };
    error?: string;
  }>;

const lastTab = async () =>
  (await fake.current.browser.tabs.create.mock.results.at(-1)!.value).id as number;

/** The demo role connected at read-only, as a delivered role.connected leaves it. */
async function connected(): Promise<string> {
  const started = await ask(
    { type: 'setup.start', requestId: 'req-00000001', ...demoStart() },
    popup,
  );
  const setupId = started.value!.setupId as string;
  const tabId = await lastTab();
  await ask({ type: 'content.hello', route: '/roles/create' }, tab(tabId));
  await ask({ type: 'content.roleCreated', setupId, roleName: 'CrossroleDemoRole' }, tab(tabId));
  await ask(demoRolePage(setupId, { attachedPolicies: [readOnlyRow] }), tab(tabId));
  await vi.waitFor(() => expect(posted).toHaveLength(1));
  return setupId;
}

async function check(connectionId: string, levelId: string, requestId: string) {
  const started = await ask({ type: 'connection.update', requestId, connectionId, levelId }, popup);
  expect(started).toMatchObject({ ok: true });
  const tabId = await lastTab();
  const hello = await ask(
    { type: 'content.hello', route: '/roles/details/CrossroleDemoRole' },
    tab(tabId),
  );
  expect(hello).toMatchObject({ ok: true, value: { state: 'arn-captured', update: true } });
  const setupId = started.value!.setupId as string;
  return (rows: object[]) => ask(demoRolePage(setupId, { attachedPolicies: rows }), tab(tabId));
}

describe('check and update', () => {
  it('reports a move to another level once IAM holds only its policies, and nothing when up to date', async () => {
    const connectionId = await connected();
    const read = await check(connectionId, 'view-only', 'req-00000002');

    // The new level's policy is missing: attach it first, nothing sent.
    expect(await read([readOnlyRow])).toMatchObject({
      ok: true,
      value: { missingPolicies: ['ViewOnlyAccess'], state: 'arn-captured' },
    });
    // Both attached: the old one is the customer's to detach, still nothing sent.
    expect(await read([readOnlyRow, viewOnlyRow])).toMatchObject({
      ok: true,
      value: { keptPolicies: ['ReadOnlyAccess'], state: 'arn-captured' },
    });
    expect(posted).toHaveLength(1);

    // Only the new level's policy: one role.updated, as the page showed it.
    expect(await read([viewOnlyRow])).toMatchObject({ ok: true, value: { state: 'verified' } });
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    const parsed = parseRoleEvent(posted[1]);
    expect(parsed.ok).toBe(true);
    expect(posted[1]).toMatchObject({
      event: 'role.updated',
      connectionId,
      accessLevel: 'view-only',
      policyArns: [VIEW_ONLY],
      permissionsVerified: true,
      trustPolicyVerified: true,
      changes: [
        { kind: 'access-level', from: 'read-only', to: 'view-only' },
        { kind: 'policy-detached', policyArn: READ_ONLY },
        { kind: 'policy-attached', policyArn: VIEW_ONLY },
      ],
    });
    expect((posted[1] as { setupId: string }).setupId).not.toBe(connectionId);

    // The connection is now what that read-back showed: checked again, nothing to send.
    const state = await ask({ type: 'popup.state' }, popup);
    expect(state.value!.connections).toMatchObject([
      { setupId: connectionId, levelId: 'view-only', policyArns: [VIEW_ONLY] },
    ]);
    const again = await check(connectionId, 'view-only', 'req-00000003');
    expect(await again([viewOnlyRow])).toMatchObject({
      ok: true,
      value: { state: 'delivered', upToDate: true },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted).toHaveLength(2);
  });

  it('refuses a level the profile does not have, and a connection it does not know', async () => {
    const connectionId = await connected();
    const unknownLevel = await ask(
      { type: 'connection.update', requestId: 'req-00000004', connectionId, levelId: 'admin' },
      popup,
    );
    expect(unknownLevel).toMatchObject({ ok: false });
    expect(unknownLevel.error).toContain('admin');
    const unknown = await ask(
      {
        type: 'connection.update',
        requestId: 'req-00000005',
        connectionId: 'nope',
        levelId: 'read-only',
      },
      popup,
    );
    expect(unknown).toMatchObject({ ok: false });
    expect(posted).toHaveLength(1);
  });

  it('starts a check from a connected role’s own page, in that tab, once, for the connection’s account only', async () => {
    const connectionId = await connected();
    const press = (tabId: number, sessionAccountId: string | null = ACCOUNT) =>
      ask({ type: 'content.checkConnection', connectionId, sessionAccountId }, tab(tabId));
    expect(await press(41, '999999999999')).toMatchObject({
      ok: false,
      error: expect.stringContaining(ACCOUNT),
    });
    expect(await press(41)).toMatchObject({ ok: true });
    const hello = await ask(
      { type: 'content.hello', route: '/roles/details/CrossroleDemoRole' },
      tab(41),
    );
    expect(hello).toMatchObject({
      ok: true,
      value: { state: 'arn-captured', update: true, roleName: 'CrossroleDemoRole' },
    });
    expect(await press(42)).toMatchObject({
      ok: false,
      error: expect.stringContaining('under way'),
    });
    expect(posted).toHaveLength(1);
  });
});
