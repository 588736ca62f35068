// A setup: one attempt to connect one AWS account to one service, from "Open in AWS console" to
// the report being delivered. The background owns it and persists it in storage.local; the popup
// and the content scripts see projections of it. Pure data and rules, no browser APIs.
import * as z from 'zod/mini';
import { PARTITIONS } from './partition.ts';

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

export function canMove(
  from: SetupState,
  to: SetupState,
  mode: 'create-role' | 'update-trust' | 'access-keys' = 'create-role',
): boolean {
  return (
    NEXT[from].includes(to) || (mode === 'access-keys' && !!ACCESS_KEY_NEXT[from]?.includes(to))
  );
}

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

export const SetupSchema = z.object({
  id: z.string(),
  mode: z.enum(['create-role', 'update-trust', 'access-keys']),
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
  /** What the role's Permissions tab listed (optional: setups saved before it was read). */
  policyArns: z.optional(z.array(z.string())),
  otherPolicyNames: z.optional(z.array(z.string())),
  permissionsVerified: z.optional(z.boolean()),
  missingPolicies: z.optional(z.array(z.string())),
  /** Why the last console event was refused (forged or mismatched ARN…), shown in the popup. */
  problem: z.nullable(z.string()),
  delivery: z.nullable(DeliverySchema),
});
export type Setup = z.infer<typeof SetupSchema>;
