// The report (docs/vendors.md §3): its shape, how a service's answer is read, and when to try again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyAnswer,
  nextBackoffMs,
  parseAccessKeyReport,
  parseReport,
  parseRetryAfter,
  parseRoleEvent,
  REPORT_FIRST_BACKOFF_MS,
  REPORT_MAX_BACKOFF_MS,
  REPORT_RETRY_WINDOW_MS,
} from '../../../src/core/report.ts';

/** docs/vendors.md §3's example, verbatim. */
const example = {
  schemaVersion: 1,
  event: 'role.connected',
  setupId: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
  profileId: 'example-inventory',
  roleArn: 'arn:aws:iam::111122223333:role/ExampleInventoryRole',
  accountId: '111122223333',
  partition: 'aws',
  externalId: 'exinv-Qm9yZXN0IGlzIGJldHRlcg',
  accessLevel: 'read-only',
  options: [],
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  trustPolicyVerified: true,
  capturedAt: '2026-11-22T10:00:00.000Z',
  client: { name: 'crossrole', version: '0.1.0', browser: 'chrome' },
};
const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('the report body', () => {
  it("parses contract §3's example unchanged", () => {
    expect(parseReport(example)).toEqual({ ok: true, value: example });
    expect(parseReport(JSON.parse(JSON.stringify(example))).ok).toBe(true);
  });

  it('takes a member account of an Organization, naming its stack set and management account', () => {
    const member = {
      ...example,
      organization: { stackSetName: 'YourServiceRole', managementAccountId: '444455556666' },
    };
    expect(parseReport(member)).toEqual({ ok: true, value: member });
    const bad = (organization: unknown) => {
      const result = parseReport({ ...example, organization });
      return result.ok ? '' : `${result.errors[0]!.path}: ${result.errors[0]!.message}`;
    };
    expect(bad({ stackSetName: '1bad', managementAccountId: '444455556666' })).toMatch(
      /^organization\.stackSetName: must be a stack set name/,
    );
    expect(bad({ stackSetName: 'Ok', managementAccountId: '4444' })).toMatch(
      /^organization\.managementAccountId: must be 12 digits/,
    );
    expect(bad({ stackSetName: 'Ok', managementAccountId: '444455556666', extra: 1 })).toMatch(
      /unknown field "extra"/,
    );
  });

  it.each([
    ['an unknown field', { extra: 1 }, /^\(root\): unknown field "extra"/],
    ['another event', { event: 'role.created' }, /^event:/],
    [
      'a role ARN that is a user',
      { roleArn: 'arn:aws:iam::111122223333:user/U' },
      /^roleArn: must be a role ARN/,
    ],
    ['an 11-digit account', { accountId: '11112222333' }, /^accountId: must be 12 digits/],
    ['an unknown partition', { partition: 'aws-evil' }, /^partition:/],
    ['an External ID AWS refuses', { externalId: 'a b' }, /^externalId: must be an External ID/],
    [
      'a string for trustPolicyVerified',
      { trustPolicyVerified: 'yes' },
      /^trustPolicyVerified: must be a boolean/,
    ],
    ['no capturedAt', { capturedAt: undefined }, /^capturedAt: is required/],
    [
      'another client',
      { client: { name: 'x', version: '1', browser: 'chrome' } },
      /^client\.name:/,
    ],
  ])('refuses %s, naming the field', (_, change, message) => {
    const result = parseReport({ ...example, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(`${result.errors[0]!.path}: ${result.errors[0]!.message}`).toMatch(message);
  });

  it('of access keys is a separate event with a key ID and secret', () => {
    const { roleArn: _, trustPolicyVerified: __, externalId: ___, ...rest } = example;
    const keys = {
      ...rest,
      event: 'access-key.created',
      userArn: 'arn:aws:iam::111122223333:user/ExampleUser',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    };
    expect(parseAccessKeyReport(keys).ok).toBe(true);
    expect(parseAccessKeyReport({ ...keys, secretAccessKey: 'short' }).ok).toBe(false);
    expect(parseReport(keys).ok).toBe(false);
  });
});

/** docs/vendors.md's role.updated example: the connection above, its custom policy at v3. */
const updated = {
  schemaVersion: 1,
  event: 'role.updated',
  setupId: '7d2e4b6a-1c3f-4e5a-8b7c-9d0e1f2a3b4c',
  connectionId: example.setupId,
  profileId: 'example-inventory',
  roleArn: example.roleArn,
  accountId: '111122223333',
  partition: 'aws',
  externalId: example.externalId,
  accessLevel: 'read-only',
  options: [],
  policyArns: [
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::111122223333:policy/ExampleInventoryBilling',
  ],
  trustPolicyVerified: true,
  permissionsVerified: true,
  updatedAt: '2026-12-01T09:30:00.000Z',
  changes: [
    {
      kind: 'policy-version',
      policyArn: 'arn:aws:iam::111122223333:policy/ExampleInventoryBilling',
      from: 'v2',
      to: 'v3',
    },
  ],
  client: { name: 'crossrole', version: '0.2.0', browser: 'chrome' },
};
const disconnected = {
  schemaVersion: 1,
  event: 'role.disconnected',
  setupId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  connectionId: example.setupId,
  profileId: 'example-inventory',
  roleArn: example.roleArn,
  accountId: '111122223333',
  partition: 'aws',
  externalId: example.externalId,
  reason: 'deleted-by-customer',
  deletedPolicyArns: ['arn:aws:iam::111122223333:policy/ExampleInventoryBilling'],
  disconnectedAt: '2026-12-05T16:00:00.000Z',
  client: { name: 'crossrole', version: '0.2.0', browser: 'firefox' },
};
/** The first refusal, as `path: message`, or '' when the value parses. */
const refusal = (value: unknown) => {
  const result = parseRoleEvent(value);
  return result.ok ? '' : `${result.errors[0]!.path}: ${result.errors[0]!.message}`;
};

describe('the later events of a connection', () => {
  it('parse as role.connected, role.updated and role.disconnected, told apart by event', () => {
    expect(parseRoleEvent(example)).toEqual({ ok: true, value: example });
    expect(parseRoleEvent(updated)).toEqual({ ok: true, value: updated });
    expect(parseRoleEvent(disconnected)).toEqual({ ok: true, value: disconnected });
    expect(
      parseRoleEvent({ ...disconnected, reason: 'role-not-found', deletedPolicyArns: [] }),
    ).toMatchObject({ ok: true });
    // parseReport stays role.connected's alone.
    expect(parseReport(updated).ok).toBe(false);
    expect(parseReport(disconnected).ok).toBe(false);
  });

  it('take every kind of change, each with the details it needs', () => {
    const everything = {
      ...updated,
      accessLevel: 'view-only',
      policyArns: [
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        'arn:aws:iam::111122223333:policy/ExampleInventoryBilling',
      ],
      tags: [
        { key: 'Vendor', value: 'Example' },
        { key: 'CostCenter', value: '42' },
      ],
      maxSessionDurationSeconds: 7200,
      changes: [
        { kind: 'access-level', from: 'read-only', to: 'view-only' },
        { kind: 'policy-detached', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        {
          kind: 'policy-attached',
          policyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        },
        ...updated.changes,
        { kind: 'session-duration', from: 3600, to: 7200 },
        { kind: 'tags', set: [{ key: 'CostCenter', value: '42' }], removed: ['Team'] },
      ],
      organization: { stackSetName: 'ExampleInventoryRole', managementAccountId: '444455556666' },
    };
    expect(parseRoleEvent(everything)).toEqual({ ok: true, value: everything });
  });

  it.each([
    [
      'a connectionId that is not a UUID',
      { connectionId: 'conn-1' },
      /^connectionId: must be a UUID/,
    ],
    ['no connectionId', { connectionId: undefined }, /^connectionId: is required/],
    ['a setupId that is not a UUID', { setupId: 'x' }, /^setupId: must be a UUID/],
    [
      "the connection's setupId as its own",
      { setupId: example.setupId },
      /^setupId: must be a new UUID, not the connection's/,
    ],
    ['no updatedAt', { updatedAt: undefined }, /^updatedAt: is required/],
    ['an updatedAt that is not a date', { updatedAt: 'yesterday' }, /^updatedAt:/],
    [
      "capturedAt, which is role.connected's",
      { capturedAt: example.capturedAt },
      /unknown field "capturedAt"/,
    ],
    ['an unknown field', { extra: 1 }, /^\(root\): unknown field "extra"/],
    [
      'no permissionsVerified',
      { permissionsVerified: undefined },
      /^permissionsVerified: is required/,
    ],
    ['no changes', { changes: [] }, /^changes: must be at least 1 item/],
    ['changes that are not a list', { changes: {} }, /^changes: must be an? array/],
    [
      'a change of an unknown kind',
      { changes: [{ kind: 'trust-policy', document: {} }] },
      /^changes\[0\]\.kind: must be one of "policy-version", "policy-attached", "policy-detached", "access-level", "session-duration", "tags"/,
    ],
    [
      'a change without a kind',
      { changes: [{ from: 'a', to: 'b' }] },
      /^changes\[0\]\.kind: is required/,
    ],
    [
      'a change with an extra field',
      { changes: [{ ...updated.changes[0], note: 'hi' }] },
      /^changes\[0\]: unknown field "note"/,
    ],
    [
      'a version id that is not one',
      { changes: [{ ...updated.changes[0], to: '3' }] },
      /^changes\[0\]\.to: must be a version id like v3/,
    ],
    [
      'a new version of an AWS managed policy',
      {
        changes: [{ ...updated.changes[0], policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      },
      /^changes\[0\]\.policyArn: must be a customer-managed policy ARN/,
    ],
    [
      'the same version as before',
      { changes: [{ ...updated.changes[0], from: 'v3' }] },
      /^changes\[0\]\.to: must differ from "from"/,
    ],
    [
      'an attached policy the role does not list',
      {
        changes: [{ kind: 'policy-attached', policyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }],
      },
      /^changes\[0\]\.policyArn: is not in policyArns/,
    ],
    [
      'a detached policy the role still lists',
      {
        changes: [{ kind: 'policy-detached', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      },
      /^changes\[0\]\.policyArn: is still in policyArns/,
    ],
    [
      'a policy of another account',
      {
        changes: [{ kind: 'policy-detached', policyArn: 'arn:aws:iam::999988887777:policy/Other' }],
      },
      /^changes\[0\]\.policyArn: must be in account 111122223333/,
    ],
    [
      'a policy of another partition',
      {
        changes: [
          { kind: 'policy-detached', policyArn: 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess' },
        ],
      },
      /^changes\[0\]\.policyArn: must be in partition aws/,
    ],
    [
      'a policy ARN that is not one',
      { changes: [{ kind: 'policy-attached', policyArn: 'ReadOnlyAccess' }] },
      /^changes\[0\]\.policyArn: must be a policy ARN/,
    ],
    [
      'an access level that is not the one the report names',
      { changes: [{ kind: 'access-level', from: 'read-only', to: 'view-only' }] },
      /^changes\[0\]\.to: must be accessLevel \("read-only"\)/,
    ],
    [
      'a session duration without maxSessionDurationSeconds',
      { changes: [{ kind: 'session-duration', from: 3600, to: 7200 }] },
      /^changes\[0\]\.to: needs maxSessionDurationSeconds/,
    ],
    [
      'a session duration IAM does not allow',
      {
        maxSessionDurationSeconds: 7200,
        changes: [{ kind: 'session-duration', from: 60, to: 7200 }],
      },
      /^changes\[0\]\.from: must be at least 3600/,
    ],
    [
      'a tags change without tags',
      { changes: [{ kind: 'tags', set: [{ key: 'A', value: '1' }], removed: [] }] },
      /^tags: is required with a "tags" change/,
    ],
    [
      'a tag set that the role does not have',
      {
        tags: [{ key: 'A', value: '1' }],
        changes: [{ kind: 'tags', set: [{ key: 'A', value: '2' }], removed: [] }],
      },
      /^changes\[0\]\.set\[0\]: is not in tags/,
    ],
    [
      'a removed tag the role still has',
      { tags: [{ key: 'A', value: '1' }], changes: [{ kind: 'tags', set: [], removed: ['A'] }] },
      /^changes\[0\]\.removed\[0\]: is still in tags/,
    ],
    [
      'a tags change that changes nothing',
      { tags: [], changes: [{ kind: 'tags', set: [], removed: [] }] },
      /^changes\[0\]: sets no tag and removes none/,
    ],
    [
      'the same thing changed twice',
      { changes: [updated.changes[0], { ...updated.changes[0], from: 'v1' }] },
      /^changes\[1\]: changes version arn:aws:iam::111122223333:policy\/ExampleInventoryBilling again \(see changes\[0\]\)/,
    ],
    [
      'a role of another account',
      { roleArn: 'arn:aws:iam::999988887777:role/ExampleInventoryRole' },
      /^roleArn: must be in account 111122223333/,
    ],
  ])('role.updated: refuses %s, naming the field', (_, change, message) => {
    expect(refusal({ ...updated, ...change })).toMatch(message);
  });

  it.each([
    [
      'a connectionId that is not a UUID',
      { connectionId: 'conn-1' },
      /^connectionId: must be a UUID/,
    ],
    [
      "the connection's setupId as its own",
      { setupId: example.setupId },
      /^setupId: must be a new UUID, not the connection's/,
    ],
    [
      'an unknown reason',
      { reason: 'expired' },
      /^reason: must be one of "deleted-by-customer", "role-not-found"/,
    ],
    ['no deletedPolicyArns', { deletedPolicyArns: undefined }, /^deletedPolicyArns: is required/],
    [
      'an AWS managed policy deleted',
      { deletedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
      /^deletedPolicyArns\[0\]: must be a customer-managed policy ARN/,
    ],
    [
      "another account's policy deleted",
      { deletedPolicyArns: ['arn:aws:iam::999988887777:policy/X'] },
      /^deletedPolicyArns\[0\]: must be in account 111122223333/,
    ],
    ['no disconnectedAt', { disconnectedAt: undefined }, /^disconnectedAt: is required/],
    ['a role.updated field', { changes: updated.changes }, /^\(root\): unknown field "changes"/],
    ['an 11-digit account', { accountId: '11112222333' }, /^accountId: must be 12 digits/],
    [
      'another client',
      { client: { name: 'x', version: '1', browser: 'chrome' } },
      /^client\.name:/,
    ],
  ])('role.disconnected: refuses %s, naming the field', (_, change, message) => {
    expect(refusal({ ...disconnected, ...change })).toMatch(message);
  });

  it('refuses an event that is none of the three, naming event', () => {
    expect(refusal({ ...updated, event: 'role.deleted' })).toMatch(
      /^event: must be one of "role.connected", "role.updated", "role.disconnected"/,
    );
    expect(refusal({ ...updated, event: undefined })).toMatch(/^event: is required/);
    expect(refusal({ ...example, event: 'access-key.created' })).toMatch(/^event:/);
    expect(refusal(null)).toMatch(/^\(root\):/);
  });

  it('never throws, whatever a field holds (property)', () => {
    const bodies = [example, updated, disconnected];
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.constantFrom(...new Set(bodies.flatMap((b) => Object.keys(b)))),
        fc.anything(),
        (body, key, value) => {
          const result = parseRoleEvent({ ...body, [key]: value });
          if (!result.ok) expect(result.errors[0]!.path.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("the service's answer", () => {
  it('2xx without a body is delivered and connected', () => {
    for (const status of [200, 201, 204])
      expect(classifyAnswer(status, null, null, NOW)).toEqual({
        kind: 'delivered',
        status: 'connected',
        message: null,
      });
  });

  it('2xx with a body shows its message; 202 pending is pending', () => {
    expect(classifyAnswer(200, { status: 'connected', message: 'Welcome!' }, null, NOW)).toEqual({
      kind: 'delivered',
      status: 'connected',
      message: 'Welcome!',
    });
    expect(
      classifyAnswer(202, { status: 'pending', message: 'Checking the role' }, null, NOW),
    ).toEqual({
      kind: 'delivered',
      status: 'pending',
      message: 'Checking the role',
    });
    expect(classifyAnswer(202, { status: 'pending', message: null }, null, NOW)).toEqual({
      kind: 'delivered',
      status: 'pending',
      message: null,
    });
    expect(
      classifyAnswer(202, { status: 'pending', message: 42, extra: {} }, null, NOW),
    ).toMatchObject({
      status: 'pending',
    });
    expect(classifyAnswer(200, { status: 'weird', extra: 1 }, null, NOW)).toMatchObject({
      kind: 'delivered',
      status: 'connected',
    });
  });

  it("shows the service's message as one short line of plain text", () => {
    const answer = classifyAnswer(
      200,
      { message: `a\u0000b\u202Ec\n${'x'.repeat(400)}` },
      null,
      NOW,
    );
    expect(answer.kind === 'delivered' && answer.message).toMatch(/^a b c x+$/);
    expect(answer.kind === 'delivered' && answer.message!.length).toBe(300);
  });

  it.each([400, 401, 403, 404, 409, 410, 422])(
    '%i is refused for good, with the service message',
    (status) => {
      expect(
        classifyAnswer(status, { message: 'External ID bound to another customer' }, '5', NOW),
      ).toEqual({
        kind: 'refused',
        httpStatus: status,
        message: 'External ID bound to another customer',
      });
      expect(classifyAnswer(status, null, null, NOW)).toEqual({
        kind: 'refused',
        httpStatus: status,
        message: `The service refused the report (HTTP ${status}).`,
      });
    },
  );

  it.each([408, 425, 429, 500, 502, 503, 504, 599])('%i is retried', (status) => {
    expect(classifyAnswer(status, { message: 'busy' }, null, NOW)).toEqual({
      kind: 'retry',
      reason: `HTTP ${status}`,
      retryAfterMs: null,
    });
  });

  it.each([301, 302, 307, 405, 413])('%i will not get better: refused', (status) => {
    expect(classifyAnswer(status, null, null, NOW)).toMatchObject({
      kind: 'refused',
      httpStatus: status,
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(classifyAnswer(429, null, '120', NOW)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 120_000,
    });
    expect(classifyAnswer(503, null, 'Tue, 24 Nov 2026 12:01:30 GMT', NOW)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 90_000,
    });
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', NOW)).toBe(0); // in the past
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('never throws, whatever the status and body (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.anything(),
        fc.option(fc.string()),
        (status, body, retryAfter) => {
          const answer = classifyAnswer(status, body, retryAfter, NOW);
          expect(['delivered', 'refused', 'retry']).toContain(answer.kind);
          if (answer.kind === 'refused') expect(answer.message.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('backoff', () => {
  it('starts at 1 s and doubles', () => {
    expect(REPORT_FIRST_BACKOFF_MS).toBe(1000);
    expect([1, 2, 3, 4, 5, 6].map((a) => nextBackoffMs(a))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000,
    ]);
  });

  it('caps at 5 minutes, and retries stop after 24 hours', () => {
    expect(REPORT_MAX_BACKOFF_MS).toBe(300_000);
    expect(nextBackoffMs(9)).toBe(256_000);
    expect(nextBackoffMs(10)).toBe(300_000);
    expect(nextBackoffMs(1000)).toBe(300_000);
    expect(REPORT_RETRY_WINDOW_MS).toBe(86_400_000);
  });

  it('honours a Retry-After longer than the backoff, not a shorter one', () => {
    expect(nextBackoffMs(1, 120_000)).toBe(120_000);
    expect(nextBackoffMs(10, 600_000)).toBe(600_000);
    expect(nextBackoffMs(5, 1000)).toBe(16_000);
    expect(nextBackoffMs(1, 0)).toBe(1000);
  });

  it('is never shorter than 1 s nor than the exponential step (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.nat({ max: 3_600_000 })),
        (attempt, retryAfter) => {
          const delay = nextBackoffMs(attempt, retryAfter);
          const step = Math.min(300_000, 1000 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(Math.max(step, retryAfter ?? 0));
          expect(nextBackoffMs(attempt + 1, retryAfter)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });
});
