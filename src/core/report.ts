// The report (docs/vendors.md §3): what the extension POSTs to the service, how the service's answer
// is read, and when to try again.
import * as z from 'zod/mini';
import { shapeProblem } from './json-limits.ts';
import { PARTITIONS } from './partition.ts';
import { fromZodIssues, ok, type Result } from './result.ts';

export const REPORT_SCHEMA_VERSION = 1;
/** Retries stop 24 hours after the report was first queued. */
export const REPORT_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const REPORT_FIRST_BACKOFF_MS = 1000;
export const REPORT_MAX_BACKOFF_MS = 5 * 60 * 1000;
/** How long one POST may take before it counts as a timeout (and is retried). */
export const REPORT_TIMEOUT_MS = 15_000;

export const RoleReportSchema = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  event: z.literal('role.connected'),
  setupId: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'must be a UUID')),
  profileId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a profile id')),
  roleArn: z
    .string()
    .check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@-]+$/, 'must be a role ARN')),
  accountId: z.string().check(z.regex(/^\d{12}$/, 'must be 12 digits')),
  partition: z.enum(PARTITIONS),
  externalId: z
    .string()
    .check(z.regex(/^[\w+=,.@:/-]{2,1224}$/, 'must be an External ID AWS accepts')),
  accessLevel: z.string(),
  options: z.array(z.string()),
  /** The policies the role's Permissions tab listed after creation (docs/vendors.md). */
  policyArns: z.array(z.string()),
  /** Attached policies the console named without their ARN (extras the customer added). */
  otherPolicyNames: z.optional(z.array(z.string())),
  trustPolicyVerified: z.boolean(),
  /** The read-back covered every policy of the chosen level and options (added in 1). */
  permissionsVerified: z.optional(z.boolean()),
  capturedAt: z.iso.datetime(),
  /**
   * The role's tags and maximum session duration as its page showed them after creation
   * (docs/vendors.md, "Tags and session duration"; added in 1). Absent when not read.
   */
  tags: z.optional(
    z.array(z.strictObject({ key: z.string(), value: z.string() })).check(z.maxLength(50)),
  ),
  maxSessionDurationSeconds: z.optional(z.number().check(z.int(), z.gte(3600), z.lte(43200))),
  /** The permissions boundary the role's Permissions tab named (added in 1); absent: none or unread. */
  permissionsBoundaryArn: z.optional(
    z
      .string()
      .check(
        z.regex(/^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/, 'must be a policy ARN'),
      ),
  ),
  client: z.strictObject({
    name: z.literal('crossrole'),
    version: z.string(),
    browser: z.enum(['chrome', 'firefox']),
  }),
  /**
   * A member account of an AWS Organization, whose role a stack set created (docs/vendors.md,
   * "Organization reports"; added in 1): one report per account.
   */
  organization: z.optional(
    z.strictObject({
      stackSetName: z
        .string()
        .check(z.regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'must be a stack set name')),
      managementAccountId: z.string().check(z.regex(/^\d{12}$/, 'must be 12 digits')),
    }),
  ),
});
export type RoleReport = z.infer<typeof RoleReportSchema>;

export function parseReport(value: unknown): Result<RoleReport> {
  const parsed = z.safeParse(RoleReportSchema, value);
  return parsed.success
    ? ok(parsed.data)
    : { ok: false, errors: fromZodIssues(parsed.error.issues, [], value) };
}

/**
 * A field of the optional body of a service's answer (`status`, `message`), read on its own so
 * that `"message": null` or an extra field does not hide `"status": "pending"`. Anything else in
 * the body is ignored, never trusted.
 */
function answerField(body: unknown, key: 'status' | 'message'): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

export type Answer =
  | { kind: 'delivered'; status: 'connected' | 'pending'; message: string | null }
  | { kind: 'refused'; httpStatus: number; message: string }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null };

const REFUSED = new Set([400, 401, 403, 404, 409, 410, 422]);
const RETRIED = new Set([408, 425, 429]);
/** Service messages are shown to the customer: one short line of plain text. */
const MAX_MESSAGE = 300;

function serviceMessage(body: unknown): string | null {
  const text = answerField(body, 'message');
  if (typeof text !== 'string') return null;
  const clean = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return clean ? clean.slice(0, MAX_MESSAGE) : null;
}

/** Reads a service's answer; `body` is the parsed JSON body or null. `now` is for Retry-After dates. */
export function classifyAnswer(
  httpStatus: number,
  body: unknown,
  retryAfter: string | null,
  now: number,
): Answer {
  // Only two top-level fields are read, but a body nested past the limit is not read at all.
  if (shapeProblem(body)) body = null;
  if (httpStatus >= 200 && httpStatus < 300) {
    return {
      kind: 'delivered',
      status: answerField(body, 'status') === 'pending' ? 'pending' : 'connected',
      message: serviceMessage(body),
    };
  }
  if (REFUSED.has(httpStatus)) {
    return {
      kind: 'refused',
      httpStatus,
      message: serviceMessage(body) ?? `The service refused the report (HTTP ${httpStatus}).`,
    };
  }
  if (RETRIED.has(httpStatus) || httpStatus >= 500) {
    return {
      kind: 'retry',
      reason: `HTTP ${httpStatus}`,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    };
  }
  if (httpStatus >= 300 && httpStatus < 400) return redirectRefusal(httpStatus);
  // Other statuses (405, 413…) will not get better by retrying.
  return {
    kind: 'refused',
    httpStatus,
    message: serviceMessage(body) ?? `Unexpected answer from the service (HTTP ${httpStatus}).`,
  };
}

/**
 * A redirect is refused for good (docs/vendors.md §3): the report, and its token, go to the address
 * the profile names and nowhere else. `httpStatus` is 0 for a browser's opaque redirect.
 */
export function redirectRefusal(httpStatus: number): Extract<Answer, { kind: 'refused' }> {
  return {
    kind: 'refused',
    httpStatus,
    message: `The service redirected the report${httpStatus ? ` (HTTP ${httpStatus})` : ''}; Crossrole does not follow redirects, so nothing more will be sent. The service must accept reports at the address in its profile.`,
  };
}

/** A browser gives an opaque redirect (status 0) for `redirect: 'manual'`; Node gives the 3xx. */
export function isRedirect(response: { type: string; status: number }): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Delay before attempt `attempt` (1 = the first retry): 1 s doubling to 5 min, or Retry-After if longer. */
export function nextBackoffMs(attempt: number, retryAfterMs: number | null = null): number {
  const exponential = Math.min(
    REPORT_MAX_BACKOFF_MS,
    REPORT_FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1),
  );
  return retryAfterMs === null
    ? exponential
    : Math.min(Math.max(exponential, retryAfterMs), 60 * 60 * 1000);
}

/**
 * The access-keys report (docs/vendors.md §4): sent once, over HTTPS, never stored by the extension.
 * The secret is in it because the service asked for exactly that; Crossrole forgets it after.
 */
export const AccessKeyReportSchema = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  event: z.literal('access-key.created'),
  setupId: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'must be a UUID')),
  profileId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a profile id')),
  userArn: z
    .string()
    .check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:user\/[\w+=,.@-]+$/, 'must be a user ARN')),
  accountId: z.string().check(z.regex(/^\d{12}$/, 'must be 12 digits')),
  partition: z.enum(PARTITIONS),
  accessKeyId: z
    .string()
    .check(z.regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'must be an access key ID')),
  secretAccessKey: z.string().check(z.regex(/^[A-Za-z0-9/+=]{40}$/, 'must be a secret access key')),
  accessLevel: z.string(),
  options: z.array(z.string()),
  policyArns: z.array(z.string()),
  capturedAt: z.iso.datetime(),
  client: z.strictObject({
    name: z.literal('crossrole'),
    version: z.string(),
    browser: z.enum(['chrome', 'firefox']),
  }),
});
export type AccessKeyReport = z.infer<typeof AccessKeyReportSchema>;

export function parseAccessKeyReport(value: unknown): Result<AccessKeyReport> {
  const parsed = z.safeParse(AccessKeyReportSchema, value);
  return parsed.success
    ? ok(parsed.data)
    : { ok: false, errors: fromZodIssues(parsed.error.issues, [], value) };
}

/** How long a captured access key may wait in memory for its one delivery. */
export const ACCESS_KEY_MEMORY_MS = 10 * 60 * 1000;
/** How long the background keeps trying to send an access key the service did not take. */
export const ACCESS_KEY_SEND_WINDOW_MS = 60 * 1000;
