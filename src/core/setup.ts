// A setup: one attempt to connect one AWS account to one service, from "Open in AWS console" to
// the report being delivered. The background owns it and persists it in storage.local; the popup
// and the content scripts see projections of it. Pure data and rules, no browser APIs.
import * as z from 'zod/mini';
import { PARTITIONS } from './partition.ts';
import { ProblemSchema } from './problem-schema.ts';
import type { Connection } from './messages.ts';

export const SETUP_STATES = [
  'started', // created by the popup; the console tab is being filled
  'policies-created', // every customer-managed policy the level needs exists
  'role-created', // the console reported the role created (or the trust policy updated)
  'arn-captured', // the ARN is computed and confirmed against the role page
  'verified', // the role's trust policy was read back and checked
  'delivered', // the service accepted the report
  'failed', // refused by the service, or expired after 24 hours of retries
  'discarded', // the customer threw it away
] as const;
export type SetupState = (typeof SETUP_STATES)[number];

/** Allowed moves; anything else is a bug or a forged message and is refused. */
const NEXT: Record<SetupState, readonly SetupState[]> = {
  started: ['policies-created', 'role-created', 'discarded'],
  'policies-created': ['role-created', 'discarded'],
  'role-created': ['arn-captured', 'discarded'],
  'arn-captured': ['verified', 'discarded'],
  verified: ['delivered', 'failed', 'discarded'],
  delivered: ['discarded'],
  failed: ['verified', 'discarded'], // "Retry now" after a refusal or expiry re-queues the report
  discarded: [],
};

/**
 * The access-keys method has no ARN to capture: the key is sent the moment the page shows it,
 * so its setup goes from role-created (the user exists) straight to delivered or failed.
 */
const ACCESS_KEY_NEXT: Partial<Record<SetupState, readonly SetupState[]>> = {
  'role-created': ['delivered', 'failed'],
};

/**
 * An organization setup reports nothing itself (docs/organizations.md): it goes from started to
 * role-created once the stack set's page is read back, and stays there, since accounts that join
 * the Organization later are reported from it. Its member setups are created verified and move
 * on as any report does.
 */
const ORGANIZATION_NEXT: Record<SetupState, readonly SetupState[]> = {
  ...NEXT,
  started: ['role-created', 'discarded'],
  'policies-created': ['discarded'],
  'role-created': ['discarded'],
  'arn-captured': ['discarded'],
  verified: ['discarded'],
  delivered: ['discarded'],
  failed: ['discarded'],
};
const MEMBER_NEXT: Record<SetupState, readonly SetupState[]> = {
  ...NEXT,
  started: ['discarded'],
  'policies-created': ['discarded'],
  'role-created': ['discarded'],
  'arn-captured': ['discarded'],
};

export function canMove(
  from: SetupState,
  to: SetupState,
  mode: Setup['mode'] = 'create-role',
): boolean {
  if (mode === 'organization') return ORGANIZATION_NEXT[from].includes(to);
  if (mode === 'organization-member') return MEMBER_NEXT[from].includes(to);
  if (mode === 'disconnect') return DISCONNECT_NEXT[from].includes(to);
  if (mode === 'update-role') return UPDATE_NEXT[from].includes(to);
  return (
    NEXT[from].includes(to) || (mode === 'access-keys' && !!ACCESS_KEY_NEXT[from]?.includes(to))
  );
}

/**
 * A later event about a connection (docs/lifecycle.md): a disconnect goes from started (the role
 * still to delete) to verified once the role, and the policies Crossrole made for it, are read
 * back gone; its report then moves on as any report does.
 */
const DISCONNECT_NEXT: Record<SetupState, readonly SetupState[]> = {
  ...NEXT,
  started: ['verified', 'discarded'],
  'policies-created': ['discarded'],
  'role-created': ['discarded'],
  'arn-captured': ['discarded'],
};

/**
 * An update (docs/lifecycle.md) starts with the connected role's ARN known, so at arn-captured:
 * its role page is read back, and it goes on to verified (a change to report) or straight to
 * delivered when IAM already holds what the profile asks for (nothing is sent).
 */
const UPDATE_NEXT: Record<SetupState, readonly SetupState[]> = {
  ...NEXT,
  started: ['discarded'],
  'policies-created': ['discarded'],
  'role-created': ['discarded'],
  'arn-captured': ['verified', 'delivered', 'discarded'],
};

/** Setups whose work is over: they stay visible in the popup until discarded. */
export function isFinished(state: SetupState): boolean {
  return state === 'delivered' || state === 'failed' || state === 'discarded';
}

/** Where the report stands. `token` is never here: it is kept apart and dropped after delivery. */
export const DeliverySchema = z.object({
  status: z.enum(['queued', 'sending', 'delivered', 'refused', 'expired']),
  attempts: z.number(),
  firstQueuedAt: z.number(),
  nextAttemptAt: z.nullable(z.number()),
  lastError: z.nullable(z.string()),
  /** The service's own words (2xx or 4xx body `message`), shown to the customer. */
  serviceMessage: z.nullable(z.string()),
  serviceStatus: z.nullable(z.enum(['connected', 'pending'])),
  deliveredAt: z.nullable(z.number()),
  /** The last try found no host permission for the report URL: it goes once one is granted. */
  waitingForPermission: z.optional(z.boolean()),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** A report just queued: due now, nothing tried yet. */
export const freshDelivery = (now: number): Delivery => ({
  status: 'queued',
  attempts: 0,
  firstQueuedAt: now,
  nextAttemptAt: now,
  lastError: null,
  serviceMessage: null,
  serviceStatus: null,
  deliveredAt: null,
});

/** An organization setup's stack set (src/core/organization.ts plans it; docs/organizations.md). */
export const StackSetStateSchema = z.object({
  stackSetName: z.string(),
  stackSetDescription: z.string(),
  templateBody: z.string(),
  templateFileName: z.string(),
  templateUrl: z.nullable(z.string()),
  parameters: z.array(z.object({ key: z.string(), value: z.string() })),
  targets: z.union([
    z.object({ kind: z.literal('organization') }),
    z.object({ kind: z.literal('ous'), ouIds: z.array(z.string()) }),
  ]),
  region: z.string(),
  maxConcurrentPercentage: z.number(),
  failureTolerancePercentage: z.number(),
  /** Read back from the stack set's page (null until then), and the account its ARN names. */
  stackSetArn: z.nullable(z.string()),
  managementAccountId: z.nullable(z.string()),
  /** The template the Template tab showed equals the plan's (false until read). */
  templateVerified: z.boolean(),
  /** Every account whose instance was read, as last read: reported ones get a member setup. */
  instances: z.array(
    z.object({
      accountId: z.string(),
      status: z.string(),
      detailedStatus: z.nullable(z.string()),
      reason: z.nullable(z.string()),
    }),
  ),
  reportedAccounts: z.array(z.string()),
  lastReadAt: z.nullable(z.number()),
});
export type StackSetState = z.infer<typeof StackSetStateSchema>;

export const SetupSchema = z.object({
  id: z.string(),
  /**
   * `organization`: a stack set for every member account (docs/organizations.md), which reports
   * nothing itself; each account's report is an `organization-member` setup with `parentId`.
   * `update-role` and `disconnect`: a later event about a connection (docs/lifecycle.md).
   */
  mode: z.enum([
    'create-role',
    'update-trust',
    'access-keys',
    'organization',
    'organization-member',
    'update-role',
    'disconnect',
  ]),
  state: z.enum(SETUP_STATES),
  profileId: z.string(),
  serviceName: z.string(),
  levelId: z.string(),
  optionIds: z.array(z.string()),
  partition: z.enum(PARTITIONS),
  serviceAccountId: z.string(),
  principalArn: z.string(),
  externalId: z.string(),
  roleName: z.string(),
  roleDescription: z.string(),
  managedPolicyArns: z.array(z.string()),
  customPolicies: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      document: z.record(z.string(), z.unknown()),
      created: z.boolean(),
    }),
  ),
  trustPolicy: z.record(z.string(), z.unknown()),
  /**
   * Guardrails planned (docs/guardrails.md): the profile's tags then the customer's, and the
   * maximum session duration the profile asks for. Optional: setups saved before them.
   */
  tags: z.optional(z.array(z.object({ key: z.string(), value: z.string() }))),
  maxSessionDurationSeconds: z.optional(z.nullable(z.number())),
  /** The boundary the customer chose: the policy's name, and its ARN when they gave one. */
  permissionsBoundary: z.optional(
    z.nullable(z.object({ name: z.string(), arn: z.nullable(z.string()) })),
  ),
  /** The boundary the Permissions tab showed at the last read-back (null: none; absent: unread). */
  roleBoundaryArn: z.optional(z.nullable(z.string())),
  /** What the role page showed of them at the last read-back (null: not read). */
  roleTags: z.optional(z.nullable(z.array(z.object({ key: z.string(), value: z.string() })))),
  sessionDurationSeconds: z.optional(z.nullable(z.number())),
  /** Fixed when the setup starts: a profile changed later cannot redirect this report. */
  reportUrl: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The console tab the setup runs in (null until the tab announces itself). */
  tabId: z.nullable(z.number()),
  consoleHost: z.nullable(z.string()),
  hasToken: z.boolean(),
  accountId: z.nullable(z.string()),
  roleArn: z.nullable(z.string()),
  capturedAt: z.nullable(z.string()),
  trustPolicyVerified: z.boolean(),
  trustProblems: z.array(z.string()),
  /** The same, coded, for the popup's language (optional: setups saved before they were coded). */
  trustProblemsCoded: z.optional(z.array(ProblemSchema)),
  /** What the role's Permissions tab listed (optional: setups saved before it was read). */
  policyArns: z.optional(z.array(z.string())),
  otherPolicyNames: z.optional(z.array(z.string())),
  permissionsVerified: z.optional(z.boolean()),
  missingPolicies: z.optional(z.array(z.string())),
  /** Why the last console event was refused (forged or mismatched ARN…), shown in the popup. */
  problem: z.nullable(z.string()),
  /**
   * The same, coded, for the popup's language; shown only while its English is `problem` (a
   * later step that clears or rewrites `problem` leaves it stale). Optional: older setups.
   */
  problemCoded: z.optional(z.nullable(ProblemSchema)),
  delivery: z.nullable(DeliverySchema),
  /** An organization setup's stack set: the plan, and what its pages showed. */
  stackSet: z.optional(StackSetStateSchema),
  /** An organization-member setup: its organization setup, and what its report says of it. */
  parentId: z.optional(z.string()),
  organization: z.optional(z.object({ stackSetName: z.string(), managementAccountId: z.string() })),
  /** A later event (docs/lifecycle.md): the setupId of the role.connected report it follows. */
  connectionId: z.optional(z.string()),
  /**
   * A disconnect: the customer-managed policies Crossrole created for the role, by name, still
   * to delete or keep; the ARNs of those read back deleted; when the role was read back gone.
   */
  policiesToDelete: z.optional(z.array(z.string())),
  deletedPolicyArns: z.optional(z.array(z.string())),
  disconnectReason: z.optional(z.enum(['deleted-by-customer', 'role-not-found'])),
  roleGoneAt: z.optional(z.nullable(z.string())),
  /**
   * An update: what the service was last told of the role (its level and policies), and the
   * policies that level asks for in the profile today (the customer's to detach on a move).
   */
  updateFrom: z.optional(
    z.object({
      levelId: z.string(),
      policyArns: z.array(z.string()),
      levelPolicyArns: z.array(z.string()),
    }),
  ),
  /**
   * An update's custom policies read on their pages, by name: the default version first seen,
   * the one seen last, and whether that one's document is the profile's.
   */
  checkedPolicies: z.optional(
    z.record(
      z.string(),
      z.object({ first: z.nullable(z.string()), now: z.nullable(z.string()), same: z.boolean() }),
    ),
  ),
  /** An update whose read-back found nothing to change: nothing was sent. */
  upToDate: z.optional(z.boolean()),
});
export type Setup = z.infer<typeof SetupSchema>;

/**
 * What every later event's setup (docs/lifecycle.md) takes from its connection as it starts: the
 * role and account it is about, the report URL fixed when the connection was made, nothing read
 * back yet, no tab, no token.
 */
export function laterEventFields(connection: Connection, now: number) {
  return {
    profileId: connection.profileId,
    partition: connection.partition,
    roleDescription: '',
    reportUrl: connection.reportUrl ?? '',
    createdAt: now,
    updatedAt: now,
    tabId: null,
    consoleHost: null,
    hasToken: false,
    accountId: connection.accountId,
    roleArn: connection.roleArn,
    capturedAt: null,
    trustPolicyVerified: false,
    trustProblems: [],
    problem: null,
    delivery: null,
    connectionId: connection.setupId,
  } satisfies Partial<Setup>;
}
