// Every message between the extension's parts, as zod/mini schemas: the one contract between
// popup, content scripts and background. The background parses each message before acting and
// takes the tab and frame from the browser's `sender`, never from the payload. Replies are
// `Reply<T>`; what the content scripts send is untrusted (the page can influence it) and is
// re-checked against the setup's own expectations.
import * as z from 'zod/mini';
import { IAM_NAME_MAX_LENGTH, POLICY_NAME_MAX_LENGTH } from './arn.ts';
import { LINK_CODE_MAX_CHARS } from './code-format.ts';
import { shapeProblem } from './json-limits.ts';
import { PARTITIONS } from './partition.ts';
import type { ServiceProfile } from './profile.ts';
import type { Refused } from './refusal.ts';
import { fail, formatPath, fromZodIssues, ok, type FieldError, type Result } from './result.ts';
import type { Setup } from './setup.ts';
import { ReportTokenSchema } from './token.ts';

const Partition = z.enum(PARTITIONS);
/** A role or user name, as long as IAM allows (src/core/arn.ts). */
const IamName = z.string().check(z.minLength(1), z.maxLength(IAM_NAME_MAX_LENGTH));
const PolicyName = z.string().check(z.minLength(1), z.maxLength(POLICY_NAME_MAX_LENGTH));
const Id = z.string().check(z.minLength(1), z.maxLength(128));
const ShortText = z.string().check(z.maxLength(2048));
const TabId = z.number().check(z.int(), z.nonnegative());
/**
 * Made by the popup for each request that changes state and kept for all its tries: the
 * background answers a repeated id with the first outcome (src/background/requests.ts).
 */
const RequestId = z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/)));

// --- popup → background ---------------------------------------------------------------------

/** Everything the popup shows: setups, imported profiles, connected accounts, console diagnostics. */
export const PopupState = z.object({ type: z.literal('popup.state') });

/** The popup asks what the background knows about the active tab. */
export const PopupActiveTab = z.object({ type: z.literal('popup.activeTab'), tabId: TabId });

/** What the customer chose in the review: one shape for the popup's start and the link window's. */
const reviewChoices = {
  mode: z.enum(['create-role', 'update-trust', 'access-keys', 'organization']),
  profileId: Id,
  levelId: Id,
  optionIds: z.array(Id).check(z.maxLength(10)),
  partition: Partition,
  roleName: IamName,
  roleDescription: z.string().check(z.maxLength(1000)),
  externalId: z.string().check(z.minLength(2), z.maxLength(1224)),
  /** A permissions boundary the customer's organisation requires: a policy's name or ARN. */
  permissionsBoundary: z.optional(z.string().check(z.maxLength(2048))),
  /** The tags the customer added (their organisation's), beside the profile's; checked in core. */
  tags: z.optional(z.array(z.object({ key: ShortText, value: ShortText })).check(z.maxLength(50))),
};

/** Where a stack set deploys: every member account, or those under the OUs (or root) named. */
export const StackSetTargets = z.union([
  z.object({ kind: z.literal('organization') }),
  z.object({
    kind: z.literal('ous'),
    ouIds: z
      .array(
        z
          .string()
          .check(
            z.regex(
              /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/,
              'must be an OU ID (ou-…) or the root ID (r-…)',
            ),
          ),
      )
      .check(z.minLength(1), z.maxLength(100)),
  }),
]);

/** "Open in AWS console" / "Update an existing role": the customer has reviewed and confirmed. */
export const SetupStart = z.object({
  type: z.literal('setup.start'),
  requestId: RequestId,
  ...reviewChoices,
  /** From a connection code; kept by the background only until the report is delivered. */
  token: z.optional(ReportTokenSchema),
  /** Continue in this tab when it is already an IAM console page; otherwise a new tab opens. */
  tabId: z.optional(TabId),
  /** For `mode: 'organization'`: the whole Organization (the default) or some OUs (docs/organizations.md). */
  targets: z.optional(StackSetTargets),
  /**
   * For the management account's own create-role setup: the organization setup it completes.
   * Without a `token`, the background gives it that setup's token, which the popup may no longer
   * hold (it was reopened since the connection code was pasted).
   */
  managementOf: z.optional(Id),
});

export const SetupRetry = z.object({
  type: z.literal('setup.retry'),
  requestId: RequestId,
  setupId: Id,
});
export const SetupDiscard = z.object({
  type: z.literal('setup.discard'),
  requestId: RequestId,
  setupId: Id,
});

/** Starts a disconnect of a connection (docs/lifecycle.md); the customer confirmed it in the popup. */
export const ConnectionDisconnect = z.object({
  type: z.literal('connection.disconnect'),
  requestId: RequestId,
  connectionId: Id,
});

/**
 * Starts a check and update of a connection at `levelId` (its own level, or another the customer
 * chose in the popup); the role's Permissions tab opens (docs/lifecycle.md).
 */
export const ConnectionUpdate = z.object({
  type: z.literal('connection.update'),
  requestId: RequestId,
  connectionId: Id,
  levelId: Id,
});

/** Keeps an imported profile (already previewed and confirmed by the customer in the popup). */
export const ProfileSave = z.object({
  type: z.literal('profile.save'),
  requestId: RequestId,
  profile: z.unknown(),
});
export const ProfileRemove = z.object({
  type: z.literal('profile.remove'),
  requestId: RequestId,
  profileId: Id,
});

export const DiagnosticsClear = z.object({ type: z.literal('diagnostics.clear') });

// --- the link window (src/popup/index.html?link=<id>) → background ------------------------------

/** A pending link's id, as the background made it (crypto.randomUUID). */
const LinkId = z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/));

/** What a link the content script picked up holds: its code, checked, and its console tab. */
export const LinkGet = z.object({ type: z.literal('link.get'), linkId: LinkId });

/**
 * "Confirm and allow" in the link window: the customer's choices of the review. The token and a
 * service-issued External ID come from the code the background holds, never from this message.
 */
export const LinkStart = z.object({
  type: z.literal('link.start'),
  requestId: RequestId,
  linkId: LinkId,
  ...reviewChoices,
});

/** "Dismiss": the pending link is forgotten. */
export const LinkDismiss = z.object({
  type: z.literal('link.dismiss'),
  requestId: RequestId,
  linkId: LinkId,
});

// --- content script → background ------------------------------------------------------------

/**
 * The link pickup (src/content/link-pickup.ts) found `crossrole=<code>` on the Create role
 * wizard (docs/vendors.md §6). Untrusted: the page may have crafted it. It only makes a pending
 * link for the customer to review in Crossrole's own window; nothing starts from it.
 */
export const ContentLink = z.object({
  type: z.literal('content.link'),
  // One past the limit, so the refusal can say the code is too long (src/core/connection-link.ts).
  code: z.string().check(z.maxLength(LINK_CODE_MAX_CHARS + 1)),
});

/** A content script on an IAM console page says where it is (the hash route only: no query). */
export const ContentHello = z.object({
  type: z.literal('content.hello'),
  route: ShortText,
  /** The console's language, for the guide panel's words the background sends back. */
  language: z.optional(z.enum(['en', 'ja'])),
  /**
   * The signed-in account from `awsc-session-data`, when known: on a stack set's page it keeps an
   * organization setup of another account from being picked up (untrusted, only narrows).
   */
  sessionAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});

/** The customer pressed Create policy and the console confirmed it. */
export const ContentPolicyCreated = z.object({
  type: z.literal('content.policyCreated'),
  setupId: Id,
  policyName: PolicyName,
  /**
   * The signed-in account from `awsc-session-data`, when the host does not name it: untrusted,
   * used only to pre-select the customer-managed policies in the link to the next step.
   */
  sessionAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});

/** The console confirmed Create role (success flash, or navigation to the new role). */
export const ContentRoleCreated = z.object({
  type: z.literal('content.roleCreated'),
  setupId: Id,
  roleName: IamName,
});

/**
 * The customer changed the role name in the wizard (for example because IAM said it is taken).
 * Accepted only before the role exists; the ARN is then expected under the new name.
 */
export const ContentRoleRenamed = z.object({
  type: z.literal('content.roleRenamed'),
  setupId: Id,
  roleName: IamName,
});

/** The console confirmed Update policy on the role's trust relationships. */
export const ContentTrustUpdated = z.object({
  type: z.literal('content.trustUpdated'),
  setupId: Id,
  roleName: IamName,
});

/** Access-keys method: the console confirmed Create user (success flash naming the user). */
export const ContentUserCreated = z.object({
  type: z.literal('content.userCreated'),
  setupId: Id,
  userName: IamName,
});

/**
 * Access-keys method: the key the customer asked to send, read from the Retrieve access keys
 * page. The background keeps it in memory only, sends it once, and forgets it.
 */
export const ContentAccessKey = z.object({
  type: z.literal('content.accessKey'),
  setupId: Id,
  userName: IamName,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
  arnTexts: z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(20)),
  accessKeyId: z.string().check(z.regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/)),
  secretAccessKey: z.string().check(z.regex(/^[A-Za-z0-9/+=]{40}$/)),
});

/**
 * What the role's details page shows: the ARNs found in its text, the signed-in account from
 * `awsc-session-data`, and the trust policy as the console displays it. All read from the DOM,
 * so all untrusted: the background computes the ARN itself and only checks it against these.
 */
export const ContentRolePage = z.object({
  type: z.literal('content.rolePage'),
  setupId: Id,
  roleName: IamName,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
  /** The account the navigation bar's account menu shows, when it has rendered. */
  menuAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  arnTexts: z.array(z.string().check(z.maxLength(2048))).check(z.maxLength(20)),
  trustPolicyText: z.nullable(z.string().check(z.maxLength(20_000))),
  /** The Permissions tab's rows, every page; null when the table could not be read. */
  attachedPolicies: z.optional(
    z.nullable(
      z
        .array(
          z.object({
            name: PolicyName,
            arn: z.nullable(z.string().check(z.maxLength(2048))),
            type: z.nullable(z.enum(['aws', 'customer'])),
          }),
        )
        .check(z.maxLength(100)),
    ),
  ),
  /** Every page was read and the rows add up to the count the table's header shows. */
  attachedComplete: z.optional(z.boolean()),
  /** The Tags tab's rows (key, value); null when it could not be read (docs/guardrails.md). */
  tags: z.optional(
    z.nullable(z.array(z.object({ key: ShortText, value: ShortText })).check(z.maxLength(50))),
  ),
  /**
   * The Permissions tab's permissions boundary: the policy ARN its link names, null when the tab
   * says none is set, absent when it was not read (docs/guardrails.md).
   */
  permissionsBoundaryArn: z.optional(z.nullable(z.string().check(z.maxLength(2048)))),
  /** The summary's "Maximum session duration" as shown ("2 hours", "2 時間"); core reads it. */
  maxSessionDurationText: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
});

/**
 * A disconnect's read-backs (docs/lifecycle.md): the role's page, or a policy's, showing IAM's
 * "cannot be found" in `shownText` (the page's error, untrusted: the background checks that it
 * names the role or policy). `content.policyKept`: the customer chose to keep a policy.
 */
export const ContentRoleGone = z.object({
  type: z.literal('content.roleGone'),
  setupId: Id,
  roleName: IamName,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
  shownText: z.string().check(z.maxLength(2000)),
});
export const ContentPolicyGone = z.object({
  type: z.literal('content.policyGone'),
  setupId: Id,
  policyName: PolicyName,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
  shownText: z.string().check(z.maxLength(2000)),
});
export const ContentPolicyKept = z.object({
  type: z.literal('content.policyKept'),
  setupId: Id,
  policyName: PolicyName,
});

/**
 * An update's custom policy as its page shows it (docs/lifecycle.md): the document of the
 * default version (null: not readable there) and the rows of its Policy versions tab, as text.
 * Untrusted: the background parses both and compares the document with the profile's.
 */
export const ContentPolicyShown = z.object({
  type: z.literal('content.policyShown'),
  setupId: Id,
  policyName: PolicyName,
  documentText: z.nullable(z.string().check(z.maxLength(20_000))),
  versionRows: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(20)),
});

/**
 * A connected role the page shows gone, which the customer asked Crossrole to tell its service
 * about (docs/lifecycle.md): its page's not-found error, or a roles list shown whole (every row
 * on one page, as many as its counter says) without it. Untrusted: the background checks it.
 */
/**
 * An update's custom policy that the Attach policies page does not list, which the customer asked
 * Crossrole to create (docs/lifecycle.md): the tab goes to Create policy, then back to the role.
 */
export const ContentPolicyMissing = z.object({
  type: z.literal('content.policyMissing'),
  setupId: Id,
  policyName: PolicyName,
});

/**
 * The customer's press of "Check against <service> today" on a connected role's page where no
 * setup runs (docs/lifecycle.md): an update of that connection, at its level, in this tab.
 */
export const ContentCheckConnection = z.object({
  type: z.literal('content.checkConnection'),
  connectionId: Id,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
});

export const ContentRoleMissing = z.object({
  type: z.literal('content.roleMissing'),
  connectionId: Id,
  roleName: IamName,
  sessionAccountId: z.nullable(z.string().check(z.maxLength(64))),
  shownText: z.optional(z.string().check(z.maxLength(2000))),
  listed: z.optional(
    z.object({
      names: z.array(IamName).check(z.maxLength(100)),
      total: z.number().check(z.int(), z.minimum(0)),
    }),
  ),
});

/**
 * A trust policy the page shows (the wizard's review) or holds (the trust editor), for the
 * background to judge: `check` verifies it for the setup's service, `merge` adds the service's
 * statement to it. The page never decides whether a trust policy is right.
 */
export const ContentTrust = z.object({
  type: z.literal('content.trust'),
  setupId: Id,
  action: z.enum(['check', 'merge']),
  text: z.nullable(z.string().check(z.maxLength(20_000))),
});

/**
 * What a stack set's own page shows, read back after the customer's Submit (docs/organizations.md):
 * its ARN (which names the management or delegated administrator account and the region), its
 * permission model and automatic deployment as the StackSet info tab says, the parameters as the
 * Parameters tab lists them, and the template as the Template tab shows it. Untrusted: the
 * background checks each against the setup's plan and reports nothing the page did not show.
 */
export const ContentStackSet = z.object({
  type: z.literal('content.stackSet'),
  setupId: Id,
  stackSetArn: z.string().check(z.maxLength(2048)),
  permissionModel: z.nullable(z.enum(['SERVICE_MANAGED', 'SELF_MANAGED'])),
  autoDeployment: z.nullable(z.boolean()),
  parameters: z
    .array(
      z.object({
        key: z.string().check(z.maxLength(255)),
        value: z.string().check(z.maxLength(4096)),
      }),
    )
    .check(z.maxLength(50)),
  templateBody: z.nullable(z.string().check(z.maxLength(51_200))),
  /**
   * The signed-in account from `awsc-session-data` and the account menu, as for a role page: the
   * ARN's account is page text and must agree with one of them (or a multi-session host).
   */
  sessionAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  menuAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});

/**
 * The stack set's Stack instances tab, every page: one row per account and region with the
 * console's status, detailed status and status reason. `complete` says every page was read and
 * the rows add up to the count the table's header shows.
 */
export const ContentStackInstances = z.object({
  type: z.literal('content.stackInstances'),
  setupId: Id,
  stackSetArn: z.string().check(z.maxLength(2048)),
  instances: z
    .array(
      z.object({
        accountId: z.string().check(z.maxLength(64)),
        region: z.string().check(z.maxLength(64)),
        status: z.string().check(z.maxLength(64)),
        detailedStatus: z.nullable(z.string().check(z.maxLength(64))),
        reason: z.nullable(z.string().check(z.maxLength(2048))),
      }),
    )
    .check(z.maxLength(5000)),
  complete: z.boolean(),
  /** As for `content.stackSet`: who the console is signed in to, checked against the stack set. */
  sessionAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  menuAccountId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});

const OutlineText = z.optional(z.string().check(z.maxLength(60)));
/** One element of a page outline (src/content/lib/outline.ts): its depth, then what names it. */
export const PageOutlineNode = z.object({
  d: z.number().check(z.int(), z.minimum(0), z.maximum(24)),
  tag: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,59}$/)),
  role: OutlineText,
  name: OutlineText,
  label: OutlineText,
  /** Cloudscape component prefixes only (`awsui_<local>_<component hash>`): no room for data. */
  cs: z.optional(
    z
      .string()
      .check(
        z.maxLength(60),
        z.regex(/^awsui_[a-z0-9-]+_[a-z0-9]{5}( awsui_[a-z0-9-]+_[a-z0-9]{5})*$/),
      ),
  ),
  rows: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type PageOutlineNode = z.infer<typeof PageOutlineNode>;

/** A page's structure in pre-order: it starts at depth 0 and goes at most one level deeper a node. */
export const PageOutline = z.array(PageOutlineNode).check(
  z.maxLength(400),
  z.refine(
    (nodes) => nodes.every((n, i) => (i === 0 ? n.d === 0 : n.d > 0 && n.d <= nodes[i - 1]!.d + 1)),
    'is not an outline',
  ),
);
export type PageOutline = z.infer<typeof PageOutline>;

/** A locator found nothing: which feature and field, never any account data. */
export const ContentLocatorMiss = z.object({
  type: z.literal('content.locatorMiss'),
  feature: Id,
  field: Id,
  language: z.string().check(z.maxLength(16)),
  route: ShortText,
  /** What the page's main content looked like, redacted (sent once per feature and page). */
  outline: z.optional(PageOutline),
});

export const Message = z.discriminatedUnion('type', [
  PopupState,
  PopupActiveTab,
  SetupStart,
  SetupRetry,
  SetupDiscard,
  ConnectionDisconnect,
  ConnectionUpdate,
  ProfileSave,
  ProfileRemove,
  DiagnosticsClear,
  LinkGet,
  LinkStart,
  LinkDismiss,
  ContentLink,
  ContentHello,
  ContentPolicyCreated,
  ContentRoleCreated,
  ContentTrustUpdated,
  ContentRoleRenamed,
  ContentUserCreated,
  ContentAccessKey,
  ContentRolePage,
  ContentRoleGone,
  ContentPolicyGone,
  ContentPolicyKept,
  ContentPolicyShown,
  ContentCheckConnection,
  ContentPolicyMissing,
  ContentRoleMissing,
  ContentTrust,
  ContentStackSet,
  ContentStackInstances,
  ContentLocatorMiss,
]);
export type Message = z.infer<typeof Message>;

/** A message as the background reads it: shape first (nothing recursive runs on a deep one), then its schema. */
export function parseMessage(raw: unknown): Result<Message> {
  const shape = shapeProblem(raw);
  if (shape) return fail({ path: formatPath(shape.path), message: shape.message });
  const parsed = z.safeParse(Message, raw);
  return parsed.success
    ? ok(parsed.data)
    : { ok: false, errors: fromZodIssues(parsed.error.issues, [], raw) };
}

// --- what the background answers ------------------------------------------------------------

/** A refusal may carry coded problems besides its English (src/core/refusal.ts). */
export type Reply<T> = { ok: true; value: T } | Refused;

/** What the background remembers of a console tab (in storage.session: gone with the browser). */
export const ConsoleTab = z.object({
  tabId: z.number(),
  partition: Partition,
  host: z.string(),
  route: z.string(),
  seenAt: z.number(),
  /** The console's language, as its content script said: the guide panel's refusals follow it. */
  language: z.optional(z.enum(['en', 'ja'])),
});
export type ConsoleTab = z.infer<typeof ConsoleTab>;

// What a console tab is told about its setup lives in its own module, so the content script
// bundles that schema alone and not every message's.
export type {
  ConnectionView,
  ContentSetup,
  ContentSetupReply,
  KnownService,
} from './content-setup.ts';

// --- what the popup is shown ----------------------------------------------------------------

/** An account connected to a service (kept after its setup is discarded). */
export type Connection = {
  setupId: string;
  profileId: string;
  serviceName: string;
  partition: z.infer<typeof Partition>;
  accountId: string;
  roleArn: string;
  deliveredAt: number;
  /**
   * What later events need (docs/lifecycle.md), as the connection's report said it. Absent on a
   * connection made before Crossrole kept them: it cannot be updated or disconnected from here.
   */
  roleName?: string;
  externalId?: string;
  reportUrl?: string;
  levelId?: string;
  optionIds?: string[];
  policyArns?: string[];
  /** The customer-managed policies the connection's setup created (offered for deletion). */
  createdPolicyArns?: string[];
  /** When the role was read back deleted (the connection is over whatever the service says). */
  disconnectedAt?: number;
  /** The role existed before: Crossrole only added the service to its trust (update-trust). */
  existingRole?: boolean;
};

/** A console locator that found nothing: no account data, so it can be shared as is. */
export type LocatorMiss = Omit<z.infer<typeof ContentLocatorMiss>, 'type'> & { at: number };

export type PopupStateValue = {
  setups: Setup[];
  /** Imported profiles, re-validated when read; built-in ones come with the build. */
  importedProfiles: ServiceProfile[];
  connections: Connection[];
  diagnostics: LocatorMiss[];
  customerTags?: { key: string; value: string }[];
};

export type SetupStartInput = Omit<z.infer<typeof SetupStart>, 'type' | 'requestId'>;
export type SetupStarted = { setupId: string; url: string };

export type LinkStartInput = Omit<z.infer<typeof LinkStart>, 'type' | 'requestId' | 'linkId'>;

/** A pending link as the link window is shown it: the code (null when refused) or why not. */
export type LinkView = {
  id: string;
  tabId: number;
  host: string;
  partition: z.infer<typeof Partition>;
  expiresAt: number;
  code: string | null;
  errors: FieldError[];
};
