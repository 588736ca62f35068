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

/** Any policy a role may have attached: AWS managed (`iam::aws:`) or in an account. */
const PolicyArn = z
  .string()
  .check(
    z.regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, 'must be a policy ARN'),
  );

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
  permissionsBoundaryArn: z.optional(PolicyArn),
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

// Later events of a connection (docs/vendors.md, "Later events"): added in 1, additively. Each
// names its connection by `connectionId`, the `setupId` of the role.connected report, and has
// its own `setupId` (its Idempotency-Key). Answers and retries are role.connected's.

const Uuid = z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'must be a UUID'));
/** A customer-managed policy: one with versions of its own, one Crossrole may create or delete. */
const CustomerPolicyArn = z
  .string()
  .check(
    z.regex(
      /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/,
      'must be a customer-managed policy ARN',
    ),
  );
const PolicyVersionId = z.string().check(z.regex(/^v[1-9]\d*$/, 'must be a version id like v3'));
const Tag = z.strictObject({ key: z.string(), value: z.string() });
const SessionSeconds = z.number().check(z.int(), z.gte(3600), z.lte(43200));

export const ROLE_CHANGE_KINDS = [
  'policy-version',
  'policy-attached',
  'policy-detached',
  'access-level',
  'session-duration',
  'tags',
] as const;

/** One change Crossrole made to a connected role and read back; `kind` says which. */
export const RoleChangeSchema = z.discriminatedUnion(
  'kind',
  [
    /** A customer-managed policy of the role got a new default version. */
    z.strictObject({
      kind: z.literal('policy-version'),
      policyArn: CustomerPolicyArn,
      from: PolicyVersionId,
      to: PolicyVersionId,
    }),
    z.strictObject({ kind: z.literal('policy-attached'), policyArn: PolicyArn }),
    z.strictObject({ kind: z.literal('policy-detached'), policyArn: PolicyArn }),
    /** The access level's id in the profile, before and after. */
    z.strictObject({ kind: z.literal('access-level'), from: z.string(), to: z.string() }),
    /** The maximum session duration, in seconds, before and after. */
    z.strictObject({
      kind: z.literal('session-duration'),
      from: SessionSeconds,
      to: SessionSeconds,
    }),
    /** Tags added or given a new value (`set`), and the keys of tags removed. */
    z.strictObject({
      kind: z.literal('tags'),
      set: z.array(Tag).check(z.maxLength(50)),
      removed: z.array(z.string()).check(z.maxLength(50)),
    }),
  ],
  { error: `must be one of ${ROLE_CHANGE_KINDS.map((k) => JSON.stringify(k)).join(', ')}` },
);
export type RoleChange = z.infer<typeof RoleChangeSchema>;

type Issues = { issues: z.core.$ZodRawIssue[] };
const say = (ctx: Issues, value: unknown, path: PropertyKey[], message: string): void => {
  ctx.issues.push({ code: 'custom', message, input: value, path });
};

/** An ARN names the report's partition, and its account (or `aws`, for `allowAws`). */
function arnOutside(
  arn: string,
  report: { partition: string; accountId: string },
  allowAws = false,
): string | null {
  const [, partition, , , account] = arn.split(':');
  if (partition !== report.partition) return `must be in partition ${report.partition}`;
  if (account !== report.accountId && !(allowAws && account === 'aws'))
    return `must be in account ${report.accountId}`;
  return null;
}

/** What a change says agrees with what the report says IAM holds now, and says it once. */
function checkChanges(report: z.infer<typeof RoleUpdatedShape>, ctx: Issues): void {
  const arnProblem = arnOutside(report.roleArn, report);
  if (arnProblem) say(ctx, report.roleArn, ['roleArn'], arnProblem);
  if (report.setupId === report.connectionId)
    say(ctx, report.setupId, ['setupId'], "must be a new UUID, not the connection's");
  const seen = new Map<string, number>();
  const tagKeys = new Set((report.tags ?? []).map((t) => t.key));
  report.changes.forEach((change, i) => {
    const at = (field: string, message: string, value: unknown) =>
      say(ctx, value, ['changes', i, field], message);
    const subject =
      change.kind === 'policy-attached' || change.kind === 'policy-detached'
        ? `policy ${change.policyArn}`
        : change.kind === 'policy-version'
          ? `version ${change.policyArn}`
          : change.kind;
    const first = seen.get(subject);
    if (first !== undefined)
      say(ctx, change, ['changes', i], `changes ${subject} again (see changes[${first}])`);
    else seen.set(subject, i);
    switch (change.kind) {
      case 'policy-version':
      case 'policy-attached':
      case 'policy-detached': {
        const outside = arnOutside(change.policyArn, report, change.kind !== 'policy-version');
        if (outside) at('policyArn', outside, change.policyArn);
        const listed = report.policyArns.includes(change.policyArn);
        if (change.kind === 'policy-detached' ? listed : !listed)
          at(
            'policyArn',
            change.kind === 'policy-detached'
              ? 'is still in policyArns'
              : "is not in policyArns (the role's policies now)",
            change.policyArn,
          );
        if (change.kind === 'policy-version' && change.from === change.to)
          at('to', 'must differ from "from"', change.to);
        break;
      }
      case 'access-level':
        if (change.to !== report.accessLevel)
          at('to', `must be accessLevel ("${report.accessLevel}")`, change.to);
        if (change.from === change.to) at('to', 'must differ from "from"', change.to);
        break;
      case 'session-duration':
        if (change.to !== report.maxSessionDurationSeconds)
          at(
            'to',
            report.maxSessionDurationSeconds === undefined
              ? 'needs maxSessionDurationSeconds in the report'
              : `must be maxSessionDurationSeconds (${report.maxSessionDurationSeconds})`,
            change.to,
          );
        if (change.from === change.to) at('to', 'must differ from "from"', change.to);
        break;
      case 'tags': {
        if (report.tags === undefined)
          say(ctx, undefined, ['tags'], 'is required with a "tags" change');
        if (change.set.length === 0 && change.removed.length === 0)
          say(ctx, change, ['changes', i], 'sets no tag and removes none');
        change.set.forEach((tag, j) => {
          if (!report.tags?.some((t) => t.key === tag.key && t.value === tag.value))
            say(ctx, tag, ['changes', i, 'set', j], `is not in tags (the role's tags now)`);
        });
        change.removed.forEach((key, j) => {
          if (tagKeys.has(key)) say(ctx, key, ['changes', i, 'removed', j], 'is still in tags');
        });
        break;
      }
    }
  });
}

/**
 * role.updated: Crossrole changed a connected role on the console's pages and read it back. The
 * body says what IAM holds now, as role.connected does (without `capturedAt`: `updatedAt` says
 * when), and `changes` what changed.
 */
const RoleUpdatedShape = z.extend(
  z.omit(RoleReportSchema, {
    event: true,
    setupId: true,
    capturedAt: true,
    permissionsVerified: true,
  }),
  {
    event: z.literal('role.updated'),
    setupId: Uuid,
    connectionId: Uuid,
    /** Required here: no version of Crossrole sent role.updated without it. */
    permissionsVerified: z.boolean(),
    updatedAt: z.iso.datetime(),
    changes: z.array(RoleChangeSchema).check(z.minLength(1), z.maxLength(50)),
  },
);
export const RoleUpdatedReportSchema = RoleUpdatedShape.check(z.superRefine(checkChanges));
export type RoleUpdatedReport = z.infer<typeof RoleUpdatedReportSchema>;

export const DISCONNECT_REASONS = ['deleted-by-customer', 'role-not-found'] as const;

/**
 * role.disconnected: the customer deleted the role through Crossrole's guide, or Crossrole found
 * it no longer exists. The service stops assuming it.
 */
export const RoleDisconnectedReportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    event: z.literal('role.disconnected'),
    setupId: Uuid,
    connectionId: Uuid,
    profileId: RoleReportSchema.shape.profileId,
    roleArn: RoleReportSchema.shape.roleArn,
    accountId: RoleReportSchema.shape.accountId,
    partition: RoleReportSchema.shape.partition,
    externalId: RoleReportSchema.shape.externalId,
    reason: z.enum(DISCONNECT_REASONS),
    /** The customer-managed policies Crossrole created for the role, deleted with it. */
    deletedPolicyArns: z.array(CustomerPolicyArn).check(z.maxLength(10)),
    disconnectedAt: z.iso.datetime(),
    client: RoleReportSchema.shape.client,
  })
  .check(
    z.superRefine((report, ctx) => {
      const arnProblem = arnOutside(report.roleArn, report);
      if (arnProblem) say(ctx, report.roleArn, ['roleArn'], arnProblem);
      if (report.setupId === report.connectionId)
        say(ctx, report.setupId, ['setupId'], "must be a new UUID, not the connection's");
      report.deletedPolicyArns.forEach((arn, i) => {
        const outside = arnOutside(arn, report);
        if (outside) say(ctx, arn, ['deletedPolicyArns', i], outside);
      });
    }),
  );
export type RoleDisconnectedReport = z.infer<typeof RoleDisconnectedReportSchema>;

/** The events after role.connected. */
export type LifecycleReport = RoleUpdatedReport | RoleDisconnectedReport;
/** Every event about a role that a service's report endpoint receives. */
export type RoleEventReport = RoleReport | LifecycleReport;

export const ROLE_EVENTS = ['role.connected', 'role.updated', 'role.disconnected'] as const;
const RoleEventSchema = z.discriminatedUnion(
  'event',
  [RoleReportSchema, RoleUpdatedReportSchema, RoleDisconnectedReportSchema],
  { error: `must be one of ${ROLE_EVENTS.map((e) => JSON.stringify(e)).join(', ')}` },
);

/**
 * Any of the three role events, told apart by `event`; each refusal names its field. `parseReport`
 * stays the parser of role.connected alone.
 */
export function parseRoleEvent(value: unknown): Result<RoleEventReport> {
  const parsed = z.safeParse(RoleEventSchema, value);
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
