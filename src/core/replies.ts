// What the background answers to each message, as zod/mini schemas: the other half of the
// contract in messages.ts. The popup checks every reply with `parseReply` before it shows
// anything; the content script checks the same shapes by hand (src/core/content-setup.ts, to
// stay within its size budget), and a unit test holds the two to these schemas.
import * as z from 'zod/mini';
import { PageOutline, StackSetTargets, type Message } from './messages.ts';
import { MAX_KEY_WORDS, MAX_KEY_WORD_CHARS } from './panel-words.ts';
import { PARTITIONS } from './partition.ts';
import { ProblemSchema } from './problem-schema.ts';
import { problem } from './problems.ts';
import { ServiceProfileSchema } from './profile.ts';
import type { Refused } from './refusal.ts';
import { formatErrors, fromZodIssues } from './result.ts';
import { SetupSchema } from './setup.ts';

const Text = z.string().check(z.maxLength(20_000));

const FieldErrorSchema = z.object({
  path: Text,
  message: Text,
  problem: z.optional(ProblemSchema),
});

/** A refusal in words, and, optionally, coded for the popup (src/core/refusal.ts). */
export const RefusedSchema = z.object({
  ok: z.literal(false),
  error: Text,
  problem: z.optional(ProblemSchema),
  errors: z.optional(z.array(FieldErrorSchema).check(z.maxLength(100))),
});

/** `{ ok: true, value }` or a refusal. */
export const replyOf = <T extends z.ZodMiniType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), RefusedSchema]);

/** An account connected to a service (kept after its setup is discarded). */
export const ConnectionSchema = z.object({
  setupId: z.string(),
  profileId: z.string(),
  serviceName: z.string(),
  partition: z.enum(PARTITIONS),
  accountId: z.string(),
  roleArn: z.string(),
  deliveredAt: z.number(),
  roleName: z.optional(z.string()),
  externalId: z.optional(z.string()),
  reportUrl: z.optional(z.string()),
  levelId: z.optional(z.string()),
  optionIds: z.optional(z.array(z.string())),
  policyArns: z.optional(z.array(z.string())),
  createdPolicyArns: z.optional(z.array(z.string())),
  disconnectedAt: z.optional(z.number()),
  existingRole: z.optional(z.boolean()),
});

/** A console locator that found nothing, as kept for "Report a console change". */
export const LocatorMissSchema = z.object({
  feature: z.string(),
  field: z.string(),
  language: z.string(),
  route: z.string(),
  outline: z.optional(PageOutline),
  at: z.number(),
});

export const PopupStateSchema = z.object({
  setups: z.array(SetupSchema),
  importedProfiles: z.array(ServiceProfileSchema),
  connections: z.array(ConnectionSchema),
  diagnostics: z.array(LocatorMissSchema),
  /** The tags the customer added last time, offered again (docs/guardrails.md). */
  customerTags: z.optional(
    z.array(z.object({ key: z.string(), value: z.string() })).check(z.maxLength(50)),
  ),
});

const ConsoleTabSchema = z.object({
  tabId: z.number(),
  partition: z.enum(PARTITIONS),
  host: z.string(),
  route: z.string(),
  seenAt: z.number(),
});

const AccountId = z.string().check(z.regex(/^\d{12}$/));
const Percent = z.number().check(z.int(), z.minimum(0), z.maximum(100));

/** An organization setup's stack set, as a CloudFormation console tab is given it (`StackSetPlan`). */
export const StackSetPlanSchema = z.object({
  stackSetName: z.string().check(z.maxLength(128), z.regex(/^[A-Za-z][A-Za-z0-9-]*$/)),
  stackSetDescription: z.string().check(z.maxLength(1024)),
  templateBody: z.string().check(z.maxLength(51_200)),
  templateFileName: z.string().check(z.maxLength(128), z.regex(/^[\w.-]+\.json$/)),
  templateUrl: z.nullable(z.string().check(z.maxLength(1024), z.startsWith('https://'))),
  parameters: z
    .array(
      z.object({
        key: z.string().check(z.maxLength(255)),
        value: z.string().check(z.maxLength(4096)),
      }),
    )
    .check(z.maxLength(20)),
  targets: StackSetTargets,
  region: z.string().check(z.maxLength(64), z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)),
  maxConcurrentPercentage: Percent,
  failureTolerancePercentage: Percent,
  stackSetArn: z.nullable(z.string().check(z.maxLength(2048))),
  reportedAccounts: z.array(AccountId).check(z.maxLength(10_000)),
  failedAccounts: z
    .array(z.object({ accountId: AccountId, reason: z.string().check(z.maxLength(2048)) }))
    .check(z.maxLength(10_000)),
});

/** What a console tab is told about its setup (the content script's `ContentSetup`). */
export const ContentSetupSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  mode: z.enum(['create-role', 'update-trust', 'access-keys', 'organization', 'disconnect']),
  state: Text,
  serviceName: Text,
  partition: z.enum(PARTITIONS),
  serviceAccountId: Text,
  principalArn: Text,
  externalId: Text,
  roleName: Text,
  roleDescription: Text,
  managedPolicyArns: z.array(Text).check(z.maxLength(100)),
  customPolicies: z
    .array(
      z.object({
        name: z.string().check(z.maxLength(128)),
        description: Text,
        document: z.record(z.string(), z.unknown()),
        created: z.boolean(),
      }),
    )
    .check(z.maxLength(20)),
  trustPolicy: z.record(z.string(), z.unknown()),
  missingPolicies: z.optional(z.array(Text).check(z.maxLength(100))),
  trustProblems: z.optional(z.array(Text).check(z.maxLength(100))),
  olderFormHash: z.optional(Text.check(z.startsWith('#/'))),
  organization: z.optional(StackSetPlanSchema),
  roleGone: z.optional(z.boolean()),
  policiesToDelete: z.optional(z.array(Text).check(z.maxLength(10))),
  resumeHash: z.optional(Text.check(z.startsWith('#/'))),
  update: z.optional(z.boolean()),
  policyToCheck: z.optional(Text),
  policyDiffers: z.optional(z.boolean()),
  versionToDelete: z.optional(Text),
  upToDate: z.optional(z.boolean()),
  keptPolicies: z.optional(z.array(Text).check(z.maxLength(20))),
});

/** The background's answer to a console event: the setup, and where the tab goes next. */
export const ContentEventReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    value: z.nullable(ContentSetupSchema),
    next: z.optional(z.object({ hash: z.string().check(z.maxLength(8192), z.regex(/^#\/\S*$/)) })),
    /** The connected roles the page shows, when no setup runs in the tab (docs/lifecycle.md). */
    connections: z.optional(
      z
        .array(
          z.object({
            id: z.string().check(z.maxLength(128)),
            serviceName: z.string().check(z.maxLength(200)),
            roleName: z.string().check(z.maxLength(64)),
            since: z.iso.datetime(),
            level: z.string().check(z.maxLength(200)),
          }),
        )
        .check(z.maxLength(20)),
    ),
    /** Services whose account a role page's trust may name, when none is connected there. */
    services: z.optional(
      z
        .array(
          z.object({
            name: z.string().check(z.maxLength(200)),
            accountId: z.string().check(z.regex(/^\d{12}$/)),
          }),
        )
        .check(z.maxLength(20)),
    ),
    /** The panel's words in the console's language (src/core/iam-words.ts). */
    words: z.optional(
      z
        .record(
          z.string().check(z.maxLength(64)),
          z.string().check(z.maxLength(MAX_KEY_WORD_CHARS)),
        )
        .check(z.refine((w) => Object.keys(w).length <= MAX_KEY_WORDS)),
    ),
  }),
  // The page reads `error` only (said in its language when coded: background/panel-language.ts).
  z.object({
    ok: z.literal(false),
    error: z.string().check(z.maxLength(2000)),
    problem: z.optional(ProblemSchema),
  }),
]);

export const TrustVerdictSchema = z.object({
  verified: z.boolean(),
  problems: z.array(Text).check(z.maxLength(100)),
  merged: z.nullable(Text),
  replaced: z.boolean(),
  kept: z.number().check(z.int()),
});

const Done = replyOf(z.null());

/** A pending link, for the link window (messages.ts, `LinkView`). */
export const LinkViewSchema = z.object({
  id: z.string(),
  tabId: z.number(),
  host: z.string(),
  partition: z.enum(PARTITIONS),
  expiresAt: z.number(),
  code: z.nullable(z.string()),
  errors: z.array(FieldErrorSchema).check(z.maxLength(20)),
});

const Started = replyOf(z.object({ setupId: z.string(), url: z.string() }));

/** The reply schema of every message, by its type. */
export const REPLIES = {
  'popup.state': replyOf(PopupStateSchema),
  'popup.activeTab': replyOf(z.nullable(ConsoleTabSchema)),
  'setup.start': Started,
  'setup.retry': Done,
  'setup.discard': Done,
  'connection.disconnect': Started,
  'connection.update': Started,
  'profile.save': Done,
  'profile.remove': Done,
  'diagnostics.clear': Done,
  'link.get': replyOf(LinkViewSchema),
  'link.start': Started,
  'link.dismiss': Done,
  'content.link': Done,
  'content.hello': ContentEventReplySchema,
  'content.policyCreated': ContentEventReplySchema,
  'content.roleCreated': ContentEventReplySchema,
  'content.trustUpdated': ContentEventReplySchema,
  'content.roleRenamed': ContentEventReplySchema,
  'content.userCreated': ContentEventReplySchema,
  'content.accessKey': ContentEventReplySchema,
  'content.rolePage': ContentEventReplySchema,
  'content.roleGone': ContentEventReplySchema,
  'content.policyGone': ContentEventReplySchema,
  'content.policyKept': ContentEventReplySchema,
  'content.policyShown': ContentEventReplySchema,
  'content.checkConnection': ContentEventReplySchema,
  'content.policyMissing': ContentEventReplySchema,
  'content.roleMissing': ContentEventReplySchema,
  'content.trust': replyOf(TrustVerdictSchema),
  'content.stackSet': ContentEventReplySchema,
  'content.stackInstances': ContentEventReplySchema,
  'content.locatorMiss': Done,
} as const satisfies Record<Message['type'], z.ZodMiniType>;

export type ReplyTo<K extends keyof typeof REPLIES> = z.infer<(typeof REPLIES)[K]>;

/**
 * The background's reply to a message of type `type`, checked against its schema; a reply that
 * does not fit becomes a refusal naming what was wrong (field paths only, never the values).
 */
export function parseReply<K extends keyof typeof REPLIES>(
  type: K,
  raw: unknown,
): ReplyTo<K> | Refused {
  const parsed = z.safeParse(REPLIES[type] as z.ZodMiniType, raw);
  if (parsed.success) return parsed.data as ReplyTo<K>;
  const why = formatErrors(fromZodIssues(parsed.error.issues, [], raw))
    .split('\n')
    .slice(0, 3)
    .join('; ');
  const p = problem('replyNotUnderstood', { type, why });
  return { ok: false, error: p.message, problem: p };
}
