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
