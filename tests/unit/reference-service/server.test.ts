// @vitest-environment node
// The reference service behaves as the contract asks of a vendor: idempotent, External IDs
// bound to one customer, refusals that name the problem, and faults on demand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFromLink } from '../../../src/core/connection-link.ts';
import { parseHashRoute } from '../../../src/core/console-links.ts';
import { readConnectionCode } from '../../../src/core/imports.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import {
  ONBOARDING_BUTTON,
  ONBOARDING_PROFILE_ID,
  startReferenceService,
  type ReferenceService,
} from '../../reference-service/server.ts';

let service: ReferenceService;
beforeEach(async () => {
  service = await startReferenceService({ port: 0 });
});
afterEach(async () => {
  await service.close();
});

function report(overrides: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    event: 'role.connected',
    setupId: crypto.randomUUID(),
    profileId: 'crossrole-demo',
    roleArn: 'arn:aws:iam::111122223333:role/CrossroleDemoRole',
    accountId: '111122223333',
    partition: 'aws',
    externalId: `demo-${crypto.randomUUID().slice(0, 12)}`,
    accessLevel: 'read-only',
    options: [],
    policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    trustPolicyVerified: true,
    permissionsVerified: true,
    capturedAt: new Date().toISOString(),
    client: { name: 'crossrole', version: '0.1.0', browser: 'chrome' },
    ...overrides,
  };
}

function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(service.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': String(body.setupId),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

describe('reference service', () => {
  it('stores a report once, however often it is sent with the same key', async () => {
    const body = report();
    expect((await post(body)).status).toBe(200);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'connected' });
    expect(service.connections()).toHaveLength(1);
    expect((await post({ ...body, accessLevel: 'other' })).status).toBe(409);
  });

  it('answers pending when the console did not show the permissions verified, and refuses a non-boolean', async () => {
    const unverified = await post(report({ permissionsVerified: false }));
    expect(await unverified.json()).toMatchObject({ status: 'pending' });
    const bad = await post(report({ permissionsVerified: 'yes' }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^permissionsVerified:/);
  });

  it('refuses an invalid report naming the field, and a key that is not the setup id', async () => {
    const bad = await post(report({ roleArn: 'arn:aws:iam::1:role/x' }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^roleArn:/);
    expect((await post(report(), { 'Idempotency-Key': crypto.randomUUID() })).status).toBe(422);
    expect(service.connections()).toHaveLength(0);
  });

  it('binds an External ID to the first customer', async () => {
    const first = report();
    expect((await post(first)).status).toBe(200);
    const other = await post(
      report({
        externalId: first.externalId,
        accountId: '444455556666',
        roleArn: 'arn:aws:iam::444455556666:role/X',
      }),
    );
    expect(other.status).toBe(409);
  });

  it('keeps one connection per member account of an Organization, all with its External ID', async () => {
    const organization = { stackSetName: 'CrossroleDemoRole', managementAccountId: '111122223333' };
    const member = (accountId: string) =>
      report({
        accountId,
        roleArn: `arn:aws:iam::${accountId}:role/CrossroleDemoRole`,
        externalId: 'demo-organization-1',
        organization,
      });
    const first = member('222233334444');
    expect((await post(first)).status).toBe(200);
    expect((await post(first)).status).toBe(200);
    const second = await post(member('333344445555'));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({
      message: expect.stringMatching(/Organization of 111122223333/),
    });
    expect(service.connections().map((c) => c.report.accountId)).toEqual([
      '222233334444',
      '333344445555',
    ]);
    expect(service.connections()[0]!.report.organization).toEqual(organization);
    // Another customer's single account cannot take that External ID.
    expect(
      (
        await post(
          report({
            externalId: 'demo-organization-1',
            accountId: '555566667777',
            roleArn: 'arn:aws:iam::555566667777:role/X',
          }),
        )
      ).status,
    ).toBe(409);
  });

  it('requires a token when configured, and never records it', async () => {
    await service.close();
    service = await startReferenceService({ port: 0, tokens: ['secret-token-1'] });
    expect((await post(report())).status).toBe(401);
    expect((await post(report(), { Authorization: 'Bearer secret-token-1' })).status).toBe(200);
    expect(service.connections()[0]!.customer).toBe('secret-token-1');
    expect(JSON.stringify(service.requests())).not.toContain('secret-token-1');
  });

  it('simulates faults: a status for N requests, Retry-After, a dead connection', async () => {
    service.setFaults({ status: 500, remaining: 2 });
    expect((await post(report())).status).toBe(500);
    expect((await post(report())).status).toBe(500);
    expect((await post(report())).status).toBe(200);
    service.setFaults({ status: 429, retryAfterSeconds: 3 });
    expect((await post(report())).headers.get('Retry-After')).toBe('3');
    service.setFaults({ down: true });
    await expect(post(report())).rejects.toThrow();
  });

  it('answers CORS only to extension origins', async () => {
    const ask = (origin: string) =>
      fetch(service.url, { method: 'OPTIONS', headers: { Origin: origin } });
    expect(
      (await ask('chrome-extension://abcdef')).headers.get('access-control-allow-origin'),
    ).toBe('chrome-extension://abcdef');
    expect(
      (await ask('https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('later events: role.updated and role.disconnected', () => {
  /** The custom policy Crossrole created for the connection's role, in its account. */
  const billing = (connection: { accountId: string }) =>
    `arn:aws:iam::${connection.accountId}:policy/CrossroleDemoBilling`;
  /** A role.updated for `connection`: a custom policy attached. */
  function updated(connection: ReturnType<typeof report>, overrides: Record<string, unknown> = {}) {
    const { event: _, setupId, capturedAt: __, ...role } = connection;
    return {
      ...role,
      event: 'role.updated',
      setupId: crypto.randomUUID(),
      connectionId: setupId,
      policyArns: [...connection.policyArns, billing(connection)],
      updatedAt: new Date().toISOString(),
      changes: [{ kind: 'policy-attached', policyArn: billing(connection) }],
      ...overrides,
    };
  }
  function disconnected(
    connection: ReturnType<typeof report>,
    overrides: Record<string, unknown> = {},
  ) {
    const { profileId, roleArn, accountId, partition, externalId, client } = connection;
    return {
      schemaVersion: 1,
      event: 'role.disconnected',
      setupId: crypto.randomUUID(),
      connectionId: connection.setupId,
      profileId,
      roleArn,
      accountId,
      partition,
      externalId,
      reason: 'deleted-by-customer',
      deletedPolicyArns: [billing(connection)],
      disconnectedAt: new Date().toISOString(),
      client,
      ...overrides,
    };
  }
  const message = async (response: Response) =>
    ((await response.json()) as { message: string }).message;

  it('records each event in order, the latest role, and the end of the connection', async () => {
    const connection = report();
    expect((await post(connection)).status).toBe(200);
    const attached = updated(connection);
    const first = await post(attached);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      status: 'connected',
      message: expect.stringContaining('policy-attached'),
    });
    const longer = updated(connection, {
      policyArns: attached.policyArns,
      maxSessionDurationSeconds: 7200,
      changes: [{ kind: 'session-duration', from: 3600, to: 7200 }],
    });
    expect((await post(longer)).status).toBe(200);
    const [stored] = service.connections();
    expect(stored!.report).toEqual(connection);
    expect(stored!.latest).toEqual(longer);
    expect(stored!.disconnected).toBeNull();
    expect(stored!.events.map((e) => e.report)).toEqual([attached, longer]);

    const end = disconnected(connection);
    const gone = await post(end);
    expect(gone.status).toBe(200);
    expect(await message(gone)).toMatch(/^Disconnected 111122223333/);
    expect(service.connections()[0]).toMatchObject({ latest: longer, disconnected: end });
    expect(service.events().map((e) => [e.connectionId, e.report.event])).toEqual([
      [connection.setupId, 'role.updated'],
      [connection.setupId, 'role.updated'],
      [connection.setupId, 'role.disconnected'],
    ]);
    // Still one connection: later events never make another.
    expect(service.connections()).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key with the first answer, and refuses one reused for another body', async () => {
    const connection = report();
    await post(connection);
    const change = updated(connection);
    const first = await post(change);
    const again = await post(change);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect(service.events()).toHaveLength(1);
    expect((await post({ ...change, updatedAt: new Date(0).toISOString() })).status).toBe(409);
    // A refusal is repeated too: the 404 of a connection it never held stays a 404.
    const stranger = updated(report());
    expect((await post(stranger)).status).toBe(404);
    expect((await post(stranger)).status).toBe(404);
    // And a key is one report's only: not a connection's and a later event's both.
    expect(
      (await post(updated(connection), { 'Idempotency-Key': connection.setupId })).status,
    ).toBe(422);
    const reuse = report({ setupId: change.setupId });
    expect((await post(reuse)).status).toBe(409);
    expect(service.connections()).toHaveLength(1);
  });

  it('answers 404 for a connection it does not hold, such as one it refused', async () => {
    const first = report();
    await post(first);
    // Refused: this External ID is bound to another customer, so no connection is stored.
    const refused = report({
      externalId: first.externalId,
      accountId: '444455556666',
      roleArn: 'arn:aws:iam::444455556666:role/X',
    });
    expect((await post(refused)).status).toBe(409);
    for (const later of [updated(refused), disconnected(refused)]) {
      const answer = await post(later);
      expect(answer.status).toBe(404);
      expect(await message(answer)).toContain(refused.setupId);
    }
    expect(service.events()).toHaveLength(0);
  });

  it('answers 410 to anything after role.disconnected', async () => {
    const connection = report();
    await post(connection);
    const end = disconnected(connection, { reason: 'role-not-found', deletedPolicyArns: [] });
    expect((await post(end)).status).toBe(200);
    expect((await post(end)).status).toBe(200); // the same report again
    const late = await post(updated(connection));
    expect(late.status).toBe(410);
    expect(await message(late)).toMatch(/ended at/);
    expect((await post(disconnected(connection))).status).toBe(410);
    expect(service.connections()[0]!.latest).toEqual(connection);
    expect(service.events()).toHaveLength(1);
  });

  it('refuses an invalid event naming the field, and one that names another role or External ID', async () => {
    const connection = report();
    await post(connection);
    const unknownKind = await post(updated(connection, { changes: [{ kind: 'trust-policy' }] }));
    expect(unknownKind.status).toBe(422);
    expect(await message(unknownKind)).toMatch(/^changes\[0\]\.kind: must be one of/);
    const badConnection = await post(updated(connection, { connectionId: 'c-1' }));
    expect(badConnection.status).toBe(422);
    expect(await message(badConnection)).toMatch(/^connectionId: must be a UUID/);
    const badReason = await post(disconnected(connection, { reason: 'bored' }));
    expect(await message(badReason)).toMatch(/^reason:/);
    expect(
      (await post(updated(connection), { 'Idempotency-Key': crypto.randomUUID() })).status,
    ).toBe(422);
    const unknownEvent = await post({ ...updated(connection), event: 'role.renamed' });
    expect(await message(unknownEvent)).toMatch(/^event: must be one of "role.connected"/);

    const otherId = await post(disconnected(connection, { externalId: 'demo-someone-else' }));
    expect(otherId.status).toBe(409);
    expect(await message(otherId)).toMatch(/^externalId is not the connection's/);
    const otherRole = await post(
      updated(connection, { roleArn: 'arn:aws:iam::111122223333:role/Other' }),
    );
    expect(otherRole.status).toBe(409);
    expect(service.events()).toHaveLength(0);
    expect(service.connections()[0]!.disconnected).toBeNull();
  });

  it('answers pending for a change whose permissions the console did not show complete', async () => {
    const connection = report();
    await post(connection);
    const answer = await post(updated(connection, { permissionsVerified: false }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'pending' });
  });

  it('takes later events without a token, the one Crossrole forgot, even when tokens are required', async () => {
    await service.close();
    service = await startReferenceService({ port: 0, tokens: ['secret-token-1'] });
    const connection = report();
    expect((await post(connection, { Authorization: 'Bearer secret-token-1' })).status).toBe(200);
    expect((await post(updated(connection))).status).toBe(200);
    expect((await post(disconnected(connection))).status).toBe(200);
    // role.connected still needs one.
    expect((await post(report())).status).toBe(401);
  });

  it('wakes waitForEvents with each event taken', async () => {
    const connection = report();
    await post(connection);
    const waiting = service.waitForEvents(2, 5000);
    await post(updated(connection));
    await post(disconnected(connection));
    expect((await waiting).map((e) => e.report.event)).toEqual([
      'role.updated',
      'role.disconnected',
    ]);
    await expect(service.waitForEvents(3, 300)).rejects.toThrow(/2 later event\(s\), expected 3/);
  });
});

describe('the onboarding page', () => {
  const builtins = EXAMPLE_PROFILES.map((p) => {
    const parsed = parseProfile(p);
    if (!parsed.ok) throw new Error('example invalid');
    return parsed.value;
  });
  /** The page's button: its accessible name and its link, as a browser reads them. */
  async function visit(query = '') {
    const response = await fetch(`${service.origin}/onboarding${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    const a = /<a id="connect" href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(html);
    if (!a) throw new Error('no button');
    return { name: a[2], link: a[1]!.replace(/&amp;/g, '&') };
  }

  it('links its button to the console with a whole profile, a fresh token and a service-issued External ID', async () => {
    const first = await visit();
    expect(first.name).toBe(ONBOARDING_BUTTON);
    const code = codeFromLink(first.link);
    if (!code.ok) throw new Error(code.errors[0]!.message);
    const read = readConnectionCode(
      code.value,
      { builtin: builtins, imported: [] },
      { developmentBuild: true },
      new Date(),
    );
    if (!read.ok) throw new Error(read.errors[0]!.message);
    expect(read.value).toMatchObject({
      profileIncluded: true,
      profile: {
        id: ONBOARDING_PROFILE_ID,
        externalId: { source: 'service' },
        report: { url: service.url, auth: 'token' },
      },
    });
    // Without Crossrole the console prefills the same External ID and the level's policy.
    const { path, query } = parseHashRoute(new URL(first.link).hash);
    expect(new URL(first.link).host).toBe('console.aws.amazon.com');
    expect(path).toBe('/roles/create');
    expect(query.get('externalId')).toBe(read.value.externalId);
    expect(query.get('awsAccount')).toBe('999988887777');
    expect(query.getAll('policies')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    const [issued] = service.onboardings();
    expect(issued).toMatchObject({
      token: read.value.token,
      externalId: read.value.externalId,
      link: first.link,
    });

    const second = await visit('?region=eu-west-1');
    expect(new URL(second.link).host).toBe('eu-west-1.console.aws.amazon.com');
    expect(service.onboardings()).toHaveLength(2);
    const [a, b] = service.onboardings();
    expect(a!.token).not.toBe(b!.token);
    expect(a!.externalId).not.toBe(b!.externalId);
    // A store build refuses it: it reports to loopback.
    expect(
      readConnectionCode(
        code.value,
        { builtin: builtins, imported: [] },
        { developmentBuild: false },
        new Date(),
      ),
    ).toMatchObject({ ok: false, errors: [{ path: 'profile.report.url' }] });
  });

  it('accepts the token it issued, with that External ID only, even when other tokens are required', async () => {
    await service.close();
    service = await startReferenceService({ port: 0, tokens: ['static-token'] });
    await visit();
    const { token, externalId } = service.onboardings()[0]!;
    const auth = { Authorization: `Bearer ${token}` };
    const ours = { profileId: ONBOARDING_PROFILE_ID, externalId };
    expect((await post(report({ ...ours, externalId: 'ref-not-issued' }), auth)).status).toBe(403);
    expect((await post(report({ ...ours, profileId: 'crossrole-demo' }), auth)).status).toBe(403);
    expect((await post(report(ours), { Authorization: 'Bearer made-up' })).status).toBe(401);
    const accepted = await post(report(ours), auth);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      status: 'connected',
      message: expect.stringContaining('Crossrole Reference Service'),
    });
    expect(service.connections()).toHaveLength(1);
    expect(service.connections()[0]!.customer).toBe(token);
    expect(JSON.stringify(service.requests())).not.toContain(token);
  });
});
