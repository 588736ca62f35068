// The setup state machine as pure functions (src/core/machine.ts): a setup planned from a
// profile, each console event applied to a stored setup, and what comes back — the setup to
// save, the reply with the next step, the effects for the background. No browser, no storage.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  judgeTrust,
  planSetup,
  senderProblem,
  settleAccessKey,
  signedInAccount,
  toContentSetup,
  type ConsoleSender,
  type ContentEvent,
} from '../../../src/core/machine.ts';
import type { SetupStartInput } from '../../../src/core/messages.ts';
import type { ServiceProfile } from '../../../src/core/profile.ts';
import type { Setup } from '../../../src/core/setup.ts';
import {
  ACCOUNT,
  CONSOLE_HOST as HOST,
  consoleSender as sender,
  demoRolePage,
  demoStart,
  demoTrustText,
  EXAMPLE_ACCESS_KEY,
  parsedExampleProfiles,
} from '../../support/setup-fixtures.ts';

const profiles = parsedExampleProfiles();
const profile = (id: string): ServiceProfile => profiles.find((p) => p.id === id)!;

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const ID = '0b7c3a52-4f1e-4d5b-9a8e-2f6c1d0e9b7a';
const MULTI = `${ACCOUNT}-abcd1234.${HOST}`;
const demoInput = demoStart();

/** A planned setup, bound to tab 7 as after its tab announced itself. */
function planned(input: Partial<SetupStartInput> = {}, id = 'crossrole-demo'): Setup {
  const result = planSetup(
    profile(id),
    { ...demoInput, profileId: id, ...input },
    { id: ID, now: NOW, reuse: null },
  );
  if (!result.ok) throw new Error(result.error);
  return { ...result.value.setup, tabId: 7 };
}

/** Applies events in turn, as the background does: each one on the setup the last one saved. */
function run(setup: Setup, ...events: ContentEvent[]) {
  let current = setup;
  let last: ReturnType<typeof applyEvent> | null = null;
  for (const [i, event] of events.entries()) {
    last = applyEvent(current, event, sender(), NOW);
    if (!last.reply.ok && i < events.length - 1) throw new Error(last.reply.error);
    current = last.next ?? current;
  }
  if (!last) throw new Error('no event');
  return { ...last, setup: current };
}

const TRUST = demoTrustText();
const roleCreated = (roleName = 'CrossroleDemoRole'): ContentEvent => ({
  type: 'content.roleCreated',
  setupId: ID,
  roleName,
});
const rolePage = (over: Record<string, unknown> = {}): ContentEvent =>
  demoRolePage(ID, over) as ContentEvent;

/** Freezes a value all the way down, so a function that changes its input throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('planSetup', () => {
  it('plans a started setup from the profile, opening the prefilled wizard', () => {
    const result = planSetup(profile('crossrole-demo'), demoInput, {
      id: ID,
      now: NOW,
      reuse: null,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { setup, url } = result.value;
    expect(setup).toMatchObject({
      id: ID,
      state: 'started',
      serviceAccountId: '999988887777',
      principalArn: 'arn:aws:iam::999988887777:root',
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      createdAt: NOW,
      tabId: null,
      hasToken: false,
      delivery: null,
    });
    expect(new URL(url).hash).toMatch(/^#\/roles\/create\?.*awsAccount=999988887777/);
    // The page is told where the older form is; it computes no route itself.
    expect(toContentSetup(setup).olderFormHash).toMatch(
      /^#\/roles\$new\?step=type&roleType=crossAccount&isThirdParty&accountID=999988887777&.*roleName=CrossroleDemoRole/,
    );
  });

  it('continues in a console tab it is given, with the account its host names', () => {
    const result = planSetup(profile('crossrole-demo'), demoInput, {
      id: ID,
      now: NOW,
      reuse: { tabId: 3, host: MULTI },
    });
    expect(result.ok && result.value.setup).toMatchObject({
      tabId: 3,
      consoleHost: MULTI,
      accountId: ACCOUNT,
    });
    expect(result.ok && new URL(result.value.url).host).toBe(MULTI);
  });

  it('opens the role trust page to update a trust, and plans no policy for it', () => {
    const result = planSetup(
      profile('example-cloud-diagrams'),
      {
        ...demoInput,
        profileId: 'example-cloud-diagrams',
        levelId: 'minimal',
        mode: 'update-trust',
      },
      { id: ID, now: NOW, reuse: null },
    );
    expect(result.ok && result.value.setup.customPolicies).toEqual([]);
    expect(result.ok && new URL(result.value.url).hash).toBe(
      '#/roles/details/CrossroleDemoRole?section=trust_relationships',
    );
  });

  // The English for logs, and the code the popup says in its language (src/core/refusal.ts).
  it.each([
    [
      { partition: 'aws-cn' as const },
      /has no AWS account in partition aws-cn/,
      { problem: expect.objectContaining({ code: 'noPartitionAccount', partition: 'aws-cn' }) },
    ],
    [
      { roleName: 'bad name' },
      /^Role name contains " "/,
      {
        errors: [
          expect.objectContaining({
            path: 'roleName',
            problem: expect.objectContaining({ code: 'nameBadChars' }),
          }),
        ],
      },
    ],
    [
      { externalId: 'x' },
      /^External ID /,
      {
        errors: [
          expect.objectContaining({
            path: 'externalId',
            problem: expect.objectContaining({ code: 'externalIdTooShort' }),
          }),
        ],
      },
    ],
    [
      { levelId: 'no-such-level' },
      /no-such-level/,
      {
        errors: [
          expect.objectContaining({ problem: expect.objectContaining({ code: 'planNoLevel' }) }),
        ],
      },
    ],
    [
      { mode: 'access-keys' as const },
      /does not accept access keys/,
      { problem: expect.objectContaining({ code: 'noAccessKeys' }) },
    ],
  ])('refuses %o, saying why', (over, why, coded) => {
    const result = planSetup(
      profile('crossrole-demo'),
      { ...demoInput, ...over },
      {
        id: ID,
        now: NOW,
        reuse: null,
      },
    );
    expect(result).toEqual({ ok: false, error: expect.stringMatching(why), ...coded });
  });

  it('refuses a token-authenticated service without its connection code', () => {
    const input = { ...demoInput, profileId: 'example-cost-inventory' };
    const context = { id: ID, now: NOW, reuse: null };
    expect(planSetup(profile('example-cost-inventory'), input, context)).toEqual({
      ok: false,
      error: expect.stringMatching(/needs a connection code/),
      problem: expect.objectContaining({ code: 'needsCodeFirst' }),
    });
    expect(
      planSetup(profile('example-cost-inventory'), { ...input, token: 'tok-123456' }, context).ok,
    ).toBe(true);
  });
});

describe('applyEvent: who may send an event', () => {
  const events: ContentEvent[] = [
    roleCreated(),
    rolePage(),
    { type: 'content.policyCreated', setupId: ID, policyName: 'P' },
    {
      type: 'content.accessKey',
      setupId: ID,
      userName: 'U',
      sessionAccountId: ACCOUNT,
      arnTexts: [],
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
  ];

  it.each(events.map((e) => [e.type, e] as const))(
    '%s: one check for every path — setup, tab, partition, finished',
    (_type, event) => {
      const setup = planned();
      const cases: [Setup | null, ConsoleSender, string][] = [
        [null, sender(), 'No setup runs in this tab.'],
        [setup, sender({ tabId: 8 }), 'No setup runs in this tab.'],
        [
          setup,
          sender({ partition: 'aws-cn', host: 'console.amazonaws.cn' }),
          'This tab is in another AWS partition than the setup.',
        ],
        [{ ...setup, state: 'failed' }, sender(), 'This setup is finished.'],
        [{ ...setup, state: 'discarded' }, sender(), 'This setup is finished.'],
      ];
      for (const [stored, from, error] of cases) {
        expect(applyEvent(stored, event, from, NOW)).toEqual({
          next: null,
          reply: { ok: false, error },
          effects: [],
        });
      }
    },
  );

  it('senderProblem passes the setup of the tab, delivered ones too (a repeated report)', () => {
    expect(senderProblem(planned(), sender())).toBeNull();
    expect(senderProblem({ ...planned(), state: 'delivered' }, sender())).toBeNull();
  });
});

describe('applyEvent: the role path', () => {
  it('takes the created role and sends the tab to its trust relationships', () => {
    const setup = deepFreeze(planned());
    const step = applyEvent(setup, roleCreated(), sender(), NOW);
    expect(step.next).toMatchObject({ state: 'role-created', problem: null });
    expect(step.reply).toMatchObject({
      ok: true,
      value: { id: ID, state: 'role-created' },
      next: { hash: '#/roles/details/CrossroleDemoRole?section=trust_relationships' },
    });
    expect(step.effects).toEqual([]);
    // The input is not touched: the background saves `next`, nothing else.
    expect(setup.state).toBe('started');
  });

  it('records a role created under another name as the problem, and moves nothing', () => {
    const step = applyEvent(planned(), roleCreated('SomethingElse'), sender(), NOW);
    expect(step.reply).toEqual({
      ok: false,
      error: expect.stringMatching(/reported role "SomethingElse".*Nothing was reported/),
      problem: expect.objectContaining({ code: 'roleNameMismatch', reported: 'SomethingElse' }),
    });
    expect(step.next).toMatchObject({
      state: 'started',
      problem: expect.stringMatching(/Some/),
      problemCoded: { code: 'roleNameMismatch' },
    });
  });

  it('captures, verifies and queues the report in one step, asking for a delivery', () => {
    const { setup, reply, effects, next } = run(planned(), roleCreated(), rolePage());
    expect(next).toMatchObject({
      state: 'verified',
      accountId: ACCOUNT,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/CrossroleDemoRole`,
      capturedAt: new Date(NOW).toISOString(),
      trustPolicyVerified: true,
      permissionsVerified: true,
      delivery: { status: 'queued', attempts: 0, firstQueuedAt: NOW },
    });
    expect(reply).toMatchObject({ ok: true, value: { state: 'verified' } });
    expect(reply.ok && reply.next).toBeFalsy();
    expect(effects).toEqual([{ type: 'deliver' }]);
    // Sent again after a worker restart: the setup as it stands, nothing saved, nothing sent.
    expect(applyEvent(setup, rolePage(), sender(), NOW)).toMatchObject({
      next: null,
      reply: { ok: true, value: { state: 'verified' } },
      effects: [],
    });
  });

  it('keeps a role without its policy captured but unsent, naming the gap', () => {
    const { next, effects } = run(planned(), roleCreated(), rolePage({ attachedPolicies: [] }));
    expect(next).toMatchObject({
      state: 'arn-captured',
      missingPolicies: ['ReadOnlyAccess'],
      problem: expect.stringMatching(/does not have ReadOnlyAccess/),
      delivery: null,
    });
    expect(effects).toEqual([]);
  });

  it('refuses a page whose sources name different accounts, saving why', () => {
    const { next, reply } = run(
      planned(),
      roleCreated(),
      rolePage({ menuAccountId: '666666666666' }),
    );
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/session data 111122223333, account menu 666666666666/),
      problem: expect.objectContaining({
        code: 'accountsDisagree',
        accounts: '111122223333, 666666666666',
      }),
    });
    // The popup's sentence names the accounts; the reply's log text also says where each was.
    expect(next).toMatchObject({
      state: 'role-created',
      roleArn: null,
      problem:
        'The console names different accounts (111122223333, 666666666666). Nothing was reported.',
    });
  });

  it.each([
    ['a role page before the role exists', [rolePage()], /has not been created/],
    [
      'a rename once the role exists',
      [
        roleCreated(),
        { type: 'content.roleRenamed', setupId: ID, roleName: 'Other' } as ContentEvent,
      ],
      /can only change before the role is created/,
    ],
    [
      'a user for a role setup',
      [{ type: 'content.userCreated', setupId: ID, userName: 'CrossroleDemoRole' } as ContentEvent],
      /does not create a user/,
    ],
    [
      'a policy the setup does not plan',
      [{ type: 'content.policyCreated', setupId: ID, policyName: 'Nope' } as ContentEvent],
      /Policy Nope is not part of this setup/,
    ],
  ])('refuses %s, with the reason in the reply', (_why, events, reason) => {
    const { reply } = run(planned(), ...events);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(reason) });
  });

  it('refuses any event on a delivered setup but a repeated report', () => {
    const delivered = { ...run(planned(), roleCreated(), rolePage()).setup, state: 'delivered' };
    expect(applyEvent(delivered as Setup, roleCreated(), sender(), NOW).reply.ok).toBe(true);
    const renamed = applyEvent(
      delivered as Setup,
      { type: 'content.trustUpdated', setupId: ID, roleName: 'CrossroleDemoRole' },
      sender(),
      NOW,
    );
    expect(renamed.reply).toEqual({ ok: false, error: 'This setup is finished.' });
  });
});

describe('applyEvent: the next step is the background’s', () => {
  const diagrams = () =>
    planned({ profileId: 'example-cloud-diagrams', levelId: 'minimal' }, 'example-cloud-diagrams');
  const policyCreated = (sessionAccountId?: string | null): ContentEvent => ({
    type: 'content.policyCreated',
    setupId: ID,
    policyName: 'ExampleCloudDiagramsRead',
    ...(sessionAccountId !== undefined ? { sessionAccountId } : {}),
  });

  it('opens the wizard with the new customer policy pre-selected under the session account', () => {
    const step = applyEvent(diagrams(), policyCreated(ACCOUNT), sender(), NOW);
    expect(step.next).toMatchObject({ state: 'policies-created', accountId: null });
    const hash = step.reply.ok ? step.reply.next!.hash : '';
    expect(hash).toMatch(/^#\/roles\/create\?/);
    expect(new URLSearchParams(hash.split('?')[1]).getAll('policies')).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/ExampleCloudDiagramsRead`,
    ]);
  });

  it('prefers the account the host names over the page, and takes no garbage', () => {
    const onMulti = applyEvent(
      diagrams(),
      policyCreated('444455556666'),
      sender({ host: MULTI }),
      NOW,
    );
    expect(onMulti.next).toMatchObject({ accountId: ACCOUNT });
    expect(onMulti.reply.ok && onMulti.reply.next!.hash).toContain(
      encodeURIComponent(`arn:aws:iam::${ACCOUNT}:policy/ExampleCloudDiagramsRead`),
    );
    const garbage = applyEvent(diagrams(), policyCreated('1234'), sender(), NOW);
    expect(garbage.reply.ok && garbage.reply.next!.hash).not.toContain('policy%2FExample');
  });

  it('sends the tab to Create policy while a policy is still missing', () => {
    const two = diagrams();
    two.customPolicies = [...two.customPolicies, { ...two.customPolicies[0]!, name: 'Second' }];
    const step = applyEvent(two, policyCreated(ACCOUNT), sender(), NOW);
    expect(step.next).toMatchObject({ state: 'started' });
    expect(step.reply.ok && step.reply.next).toEqual({ hash: '#/policies/create' });
  });

  it('sends an access-keys setup to the new user’s security credentials', () => {
    const setup = planned(
      {
        mode: 'access-keys',
        profileId: 'example-full-management',
        levelId: 'power-user',
        roleName: 'ExampleUser',
        token: 'tok-123456',
      },
      'example-full-management',
    );
    const step = applyEvent(
      setup,
      { type: 'content.userCreated', setupId: ID, userName: 'ExampleUser' },
      sender(),
      NOW,
    );
    expect(step.next).toMatchObject({ state: 'role-created' });
    expect(step.reply.ok && step.reply.next).toEqual({
      hash: '#/users/details/ExampleUser?section=security_credentials',
    });
  });
});

describe('applyEvent: access keys', () => {
  const USER = 'ExampleUser';
  const SECRET = EXAMPLE_ACCESS_KEY.secretAccessKey;
  const userSetup = (): Setup => ({
    ...planned(
      {
        mode: 'access-keys',
        profileId: 'example-full-management',
        levelId: 'power-user',
        roleName: USER,
        token: 'tok-123456',
      },
      'example-full-management',
    ),
    state: 'role-created',
  });
  const key = (over: Record<string, unknown> = {}): ContentEvent =>
    ({
      type: 'content.accessKey',
      setupId: ID,
      userName: USER,
      sessionAccountId: ACCOUNT,
      arnTexts: [`arn:aws:iam::${ACCOUNT}:user/${USER}`],
      ...EXAMPLE_ACCESS_KEY,
      ...over,
    }) as ContentEvent;

  it('saves nothing and asks the background to send the key once', () => {
    const step = applyEvent(userSetup(), key(), sender(), NOW);
    expect(step.next).toBeNull();
    expect(step.reply).toEqual({ ok: true, value: null });
    expect(step.effects).toEqual([
      {
        type: 'send-access-key',
        url: 'https://api.infra.example.com/crossrole/v1/connections',
        report: expect.objectContaining({
          event: 'access-key.created',
          userArn: `arn:aws:iam::${ACCOUNT}:user/${USER}`,
          accountId: ACCOUNT,
          secretAccessKey: SECRET,
          policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
          capturedAt: new Date(NOW).toISOString(),
        }),
      },
    ]);
  });

  it.each([
    ['another user', { userName: 'SomeoneElse' }, /belongs to "SomeoneElse"/],
    [
      'the user under another account',
      { arnTexts: [`arn:aws:iam::444455556666:user/${USER}`] },
      /names different accounts .*Nothing was sent/,
    ],
    [
      'another user’s ARN beside it',
      { arnTexts: [`arn:aws:iam::${ACCOUNT}:user/${USER}`, `arn:aws:iam::${ACCOUNT}:user/Other`] },
      /shows arn:aws:iam::111122223333:user\/Other/,
    ],
    ['no ARN', { arnTexts: [] }, /does not show the user/],
    ['no account', { sessionAccountId: null, arnTexts: [] }, /could not tell which account/],
  ])('refuses %s, sending nothing', (_why, over, reason) => {
    const step = applyEvent(userSetup(), key(over), sender(), NOW);
    expect(step).toEqual({
      next: null,
      reply: { ok: false, error: expect.stringMatching(reason) },
      effects: [],
    });
  });

  it('refuses before the user exists, after the key went, and to a plain-HTTP service', () => {
    const early = applyEvent({ ...userSetup(), state: 'started' }, key(), sender(), NOW);
    expect(early.reply).toEqual({
      ok: false,
      error: 'The user has not been created in this setup yet.',
    });
    const done = applyEvent({ ...userSetup(), state: 'delivered' }, key(), sender(), NOW);
    expect(done.reply).toEqual({ ok: false, error: 'This setup is finished.' });
    const http = applyEvent(
      { ...userSetup(), reportUrl: 'http://api.infra.example.com/x' },
      key(),
      sender(),
      NOW,
    );
    expect(http.reply).toEqual({
      ok: false,
      error: 'The service does not use HTTPS; the key was not sent.',
    });
    expect(http.effects).toEqual([]);
  });

  it('settles delivered, or failed with what to do, keeping no service words', () => {
    const sent = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      accountId: ACCOUNT,
      userArn: `arn:aws:iam::${ACCOUNT}:user/${USER}`,
      capturedAt: new Date(NOW).toISOString(),
    };
    const good = settleAccessKey(userSetup(), sent, { ok: true }, NOW);
    expect(good.next).toMatchObject({
      state: 'delivered',
      roleArn: sent.userArn,
      delivery: { status: 'delivered', deliveredAt: NOW, serviceMessage: null },
    });
    expect(good.reply).toEqual({ ok: true, value: null });
    const bad = settleAccessKey(userSetup(), sent, { ok: false, error: 'No (HTTP 422).' }, NOW);
    expect(bad.next).toMatchObject({ state: 'failed', delivery: { status: 'refused' } });
    expect(bad.reply).toEqual({
      ok: false,
      error:
        'No (HTTP 422). Deactivate access key AKIAIOSFODNN7EXAMPLE in the console and create another.',
    });
  });
});

describe('signedInAccount', () => {
  const nothing = 'reported';
  it('takes the one account every source names, and needs one the console vouches for', () => {
    expect(
      signedInAccount(
        sender(),
        { sessionAccountId: ACCOUNT },
        [`arn:aws:iam::${ACCOUNT}:role/R`],
        null,
        nothing,
      ),
    ).toEqual({ ok: true, value: ACCOUNT });
    expect(
      signedInAccount(
        sender(),
        { sessionAccountId: null },
        [`arn:aws:iam::${ACCOUNT}:role/R`],
        null,
        nothing,
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/could not tell.*Nothing was reported\.$/),
      problem: expect.objectContaining({ code: 'accountUnknown', nothing: 'reported' }),
    });
    expect(
      signedInAccount(sender({ host: MULTI }), { sessionAccountId: null }, [], null, nothing),
    ).toEqual({ ok: true, value: ACCOUNT });
  });

  it('refuses an account other than the one the setup started in', () => {
    expect(
      signedInAccount(sender(), { sessionAccountId: ACCOUNT }, [], '444455556666', nothing),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/started in account 444455556666.*signed in to 111122223333/),
      problem: expect.objectContaining({ code: 'accountChanged' }),
    });
  });
});

describe('judgeTrust', () => {
  it('checks for the setup of the sender’s tab only', () => {
    const event = {
      type: 'content.trust' as const,
      setupId: ID,
      action: 'check' as const,
      text: TRUST,
    };
    expect(judgeTrust(planned(), event, sender())).toMatchObject({
      ok: true,
      value: { verified: true },
    });
    expect(judgeTrust(planned(), event, sender({ tabId: 9 }))).toEqual({
      ok: false,
      error: 'No setup runs in this tab.',
    });
  });
});
