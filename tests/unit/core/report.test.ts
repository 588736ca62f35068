// The report (docs/vendors.md §3): its shape, how a service's answer is read, and when to try again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyAnswer,
  nextBackoffMs,
  parseAccessKeyReport,
  parseReport,
  parseRetryAfter,
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
