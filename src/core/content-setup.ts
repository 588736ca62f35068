// What a console tab is told about its setup, in reply to `content.hello` and to its events:
// everything the page features fill and check, nothing they do not need (no token). The
// content script checks every such reply with `parseContentSetupReply`. It is written out by
// hand rather than with zod: zod/mini alone is a third of the content script's size budget
// (22 KB gzip, docs/console.md, "The content script's size"), and these few shapes are all the content script reads.
import { MAX_KEY_WORDS, MAX_KEY_WORD_CHARS } from './panel-words.ts';
import { isPartition, type Partition } from './partition.ts';

export type ContentSetup = {
  id: string;
  mode: ContentSetupMode;
  state: string;
  serviceName: string;
  partition: Partition;
  serviceAccountId: string;
  principalArn: string;
  externalId: string;
  roleName: string;
  roleDescription: string;
  managedPolicyArns: string[];
  customPolicies: {
    name: string;
    description: string;
    document: Record<string, unknown>;
    created: boolean;
  }[];
  /** The trust policy the role must end up with (for create-role) or the statement to merge. */
  trustPolicy: Record<string, unknown>;
  /** Planned policies the role's Permissions tab did not list at the last read-back. */
  missingPolicies?: string[];
  /** Why the trust policy read back from the role is not what the service needs. */
  trustProblems?: string[];
  /**
   * Guardrails (docs/guardrails.md): the tags the wizard's "Add tags" section must hold, and the
   * maximum session duration the role's Edit page sets after creation.
   */
  tags?: { key: string; value: string }[];
  maxSessionDurationSeconds?: number;
  /** The permissions boundary policy the wizard's permissions step sets, by name. */
  permissionsBoundary?: string;
  /** The older Create role form's route (docs/console.md, "Deep links"), for create-role setups. */
  olderFormHash?: string;
  /** For an organization setup: the stack set the CloudFormation console is filled with. */
  organization?: StackSetPlan;
  /**
   * A disconnect (docs/lifecycle.md): whether the role was read back gone, and the policies
   * Crossrole created for it that are still to delete or keep, by ARN.
   */
  roleGone?: boolean;
  policiesToDelete?: string[];
  /** Where the disconnect goes on (the role's page, then each policy's), for the lists it passes. */
  resumeHash?: string;
  /**
   * An update (docs/lifecycle.md), which runs on the role's pages only; whether its read-back
   * found nothing to tell the service; the old level's policies still attached.
   */
  update?: boolean;
  upToDate?: boolean;
  keptPolicies?: string[];
  /**
   * The custom policy (ARN) whose page is read next; whether its document differs from the
   * profile's; the version to delete first when IAM already keeps five.
   */
  policyToCheck?: string;
  policyDiffers?: boolean;
  versionToDelete?: string;
};

export type ContentSetupMode =
  'create-role' | 'update-trust' | 'access-keys' | 'organization' | 'disconnect';

/**
 * One role in every member account of an AWS Organization, through a CloudFormation stack set
 * with service-managed permissions (docs/organizations.md). Planned by the background from the
 * same setup that fills the IAM wizard; the CloudFormation console's features fill and check the
 * Create StackSet wizard with it, and the stack set's pages are read back against it.
 */
export type StackSetPlan = {
  /** `[A-Za-z][A-Za-z0-9-]*`, at most 128 characters. */
  stackSetName: string;
  stackSetDescription: string;
  /** The template (JSON text) the wizard's file upload takes, and the file's name. */
  templateBody: string;
  templateFileName: string;
  /** A vendor-hosted HTTPS template named by the profile: given as the Amazon S3 URL instead. */
  templateUrl: string | null;
  /** The template's parameters, in the order the wizard lists them (ExternalId, RoleName). */
  parameters: { key: string; value: string }[];
  /** The whole Organization, or the OUs the customer chose (`ou-…` or the root `r-…`). */
  targets: { kind: 'organization' } | { kind: 'ous'; ouIds: string[] };
  /** One region: IAM is global, so one stack instance per account is enough. */
  region: string;
  /** Accounts deployed at once and allowed to fail, in percent: one account's failure stops no other. */
  maxConcurrentPercentage: number;
  failureTolerancePercentage: number;
  /** The stack set as read back from its page (null until then). */
  stackSetArn: string | null;
  /** Member accounts already reported to the service, and those whose instance failed. */
  reportedAccounts: string[];
  failedAccounts: { accountId: string; reason: string }[];
};

const MODES: readonly ContentSetupMode[] = [
  'create-role',
  'update-trust',
  'access-keys',
  'organization',
  'disconnect',
];

/**
 * A service whose AWS account a role page's trust policy may name (docs/lifecycle.md): told to a
 * role page where no setup runs and no connection is known, to recognise a role connected
 * elsewhere.
 */
export type KnownService = { name: string; accountId: string };

/**
 * A connected role a page shows, as the tab is told of it in reply to its hello when no setup
 * runs there (docs/lifecycle.md): no External ID, no report URL.
 */
export type ConnectionView = {
  id: string;
  serviceName: string;
  roleName: string;
  /** When the service was told, as an ISO date. */
  since: string;
  /** The access level's name in the service's profile (its id when the profile is gone). */
  level: string;
};

/** Where the background sends the tab next: a hash route on the same console page, never a URL. */
export type NextStep = { hash: string };

export type ContentSetupReply =
  | {
      ok: true;
      value: ContentSetup | null;
      next?: NextStep;
      /** The panel's words in the console's language (src/core/iam-words.ts). */
      words?: Record<string, string>;
      /** The connected roles the page shows, when no setup runs in the tab. */
      connections?: ConnectionView[];
      /** On a role page with neither: the services its trust may name. */
      services?: KnownService[];
    }
  | { ok: false; error: string };

const MAX_TEXT = 20_000;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string =>
  typeof v === 'string' && v.length <= max;
const isTexts = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 100 && v.every((x) => isText(x));
const optionalTexts = (v: unknown) => v === undefined || isTexts(v);

function isContentSetup(v: unknown, isPlan: PlanCheck): v is ContentSetup {
  if (!isRecord(v)) return false;
  const texts = [
    'state',
    'serviceName',
    'serviceAccountId',
    'principalArn',
    'externalId',
    'roleName',
    'roleDescription',
  ];
  return (
    isText(v.id, 128) &&
    (v.id as string).length > 0 &&
    MODES.includes(v.mode as ContentSetupMode) &&
    isPartition(v.partition) &&
    texts.every((key) => isText(v[key])) &&
    isTexts(v.managedPolicyArns) &&
    Array.isArray(v.customPolicies) &&
    v.customPolicies.length <= 20 &&
    v.customPolicies.every(
      (p: unknown) =>
        isRecord(p) &&
        isText(p.name, 128) &&
        isText(p.description) &&
        isRecord(p.document) &&
        typeof p.created === 'boolean',
    ) &&
    isRecord(v.trustPolicy) &&
    optionalTexts(v.missingPolicies) &&
    optionalTexts(v.trustProblems) &&
    (v.tags === undefined ||
      (Array.isArray(v.tags) &&
        v.tags.length <= 50 &&
        v.tags.every((t: unknown) => isRecord(t) && isText(t.key, 128) && isText(t.value, 256)))) &&
    (v.maxSessionDurationSeconds === undefined || Number.isInteger(v.maxSessionDurationSeconds)) &&
    (v.permissionsBoundary === undefined || isText(v.permissionsBoundary, 128)) &&
    (v.olderFormHash === undefined ||
      (isText(v.olderFormHash) && v.olderFormHash.startsWith('#/'))) &&
    (v.organization === undefined || isPlan(v.organization)) &&
    (v.roleGone === undefined || typeof v.roleGone === 'boolean') &&
    (v.policiesToDelete === undefined ||
      (isTexts(v.policiesToDelete) && v.policiesToDelete.length <= 10)) &&
    (v.resumeHash === undefined || (isText(v.resumeHash, 4096) && /^#\/\S*$/.test(v.resumeHash))) &&
    (v.update === undefined || typeof v.update === 'boolean') &&
    (v.upToDate === undefined || typeof v.upToDate === 'boolean') &&
    (v.policyToCheck === undefined || isText(v.policyToCheck, 2048)) &&
    (v.policyDiffers === undefined || typeof v.policyDiffers === 'boolean') &&
    (v.versionToDelete === undefined || isText(v.versionToDelete, 16)) &&
    (v.keptPolicies === undefined || (isTexts(v.keptPolicies) && v.keptPolicies.length <= 20))
  );
}

const isAccount = (v: unknown): v is string => typeof v === 'string' && /^\d{12}$/.test(v);
const isPercent = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100;

export function isStackSetPlan(v: unknown): v is StackSetPlan {
  if (!isRecord(v)) return false;
  const targets = v.targets;
  return (
    isText(v.stackSetName, 128) &&
    /^[A-Za-z][A-Za-z0-9-]*$/.test(v.stackSetName) &&
    isText(v.stackSetDescription, 1024) &&
    isText(v.templateBody, 51_200) &&
    isText(v.templateFileName, 128) &&
    /^[\w.-]+\.json$/.test(v.templateFileName) &&
    (v.templateUrl === null ||
      (isText(v.templateUrl, 1024) && v.templateUrl.startsWith('https://'))) &&
    Array.isArray(v.parameters) &&
    v.parameters.length <= 20 &&
    v.parameters.every(
      (p: unknown) => isRecord(p) && isText(p.key, 255) && isText(p.value, 4096),
    ) &&
    isRecord(targets) &&
    (targets.kind === 'organization' ||
      (targets.kind === 'ous' &&
        Array.isArray(targets.ouIds) &&
        targets.ouIds.length > 0 &&
        targets.ouIds.length <= 100 &&
        targets.ouIds.every(
          (id: unknown) =>
            typeof id === 'string' &&
            /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(id),
        ))) &&
    isText(v.region, 64) &&
    /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.region) &&
    isPercent(v.maxConcurrentPercentage) &&
    isPercent(v.failureTolerancePercentage) &&
    (v.stackSetArn === null || isText(v.stackSetArn, 2048)) &&
    Array.isArray(v.reportedAccounts) &&
    v.reportedAccounts.length <= 10_000 &&
    v.reportedAccounts.every(isAccount) &&
    Array.isArray(v.failedAccounts) &&
    v.failedAccounts.length <= 10_000 &&
    v.failedAccounts.every(
      (f: unknown) => isRecord(f) && isAccount(f.accountId) && isText(f.reason, 2048),
    )
  );
}

/** How a content script checks a stack set plan it may be given. */
export type PlanCheck = (v: unknown) => v is StackSetPlan;
/** The IAM app's: it is never given one (docs/organizations.md), and so never carries the check. */
const noPlan: PlanCheck = (_v: unknown): _v is StackSetPlan => false;

/**
 * The background's answer, or null when it is not one (the caller says it did not understand).
 * `isPlan`: the CloudFormation app passes `isStackSetPlan`; without it, a setup with a stack set
 * plan is refused.
 */
export function parseContentSetupReply(
  v: unknown,
  isPlan: PlanCheck = noPlan,
): ContentSetupReply | null {
  if (!isRecord(v)) return null;
  if (v.ok === false) return isText(v.error, 2000) ? { ok: false, error: v.error } : null;
  if (v.ok !== true) return null;
  const next = v.next;
  // Only a hash route of the console app: a reply cannot send the tab to another page.
  if (
    next !== undefined &&
    !(isRecord(next) && isText(next.hash, 8192) && /^#\/\S*$/.test(next.hash))
  )
    return null;
  const value = v.value === null ? null : isContentSetup(v.value, isPlan) ? v.value : undefined;
  if (value === undefined) return null;
  // Words: bounded strings, which the content script takes only as it knows them (acceptKeyWords).
  const words = v.words;
  if (
    words !== undefined &&
    !(
      isRecord(words) &&
      Object.keys(words).length <= MAX_KEY_WORDS &&
      Object.entries(words).every(
        ([key, text]) => key.length <= 64 && isText(text, MAX_KEY_WORD_CHARS),
      )
    )
  )
    return null;
  const connections = v.connections;
  if (
    connections !== undefined &&
    !(
      Array.isArray(connections) &&
      connections.length <= 20 &&
      connections.every(
        (c: unknown) =>
          isRecord(c) &&
          isText(c.id, 128) &&
          isText(c.serviceName, 200) &&
          isText(c.roleName, 64) &&
          isText(c.since, 40) &&
          isText(c.level, 200) &&
          !Number.isNaN(Date.parse(c.since)),
      )
    )
  )
    return null;
  const services = v.services;
  if (
    services !== undefined &&
    !(
      Array.isArray(services) &&
      services.length <= 20 &&
      services.every((c: unknown) => isRecord(c) && isText(c.name, 200) && isAccount(c.accountId))
    )
  )
    return null;
  return {
    ok: true,
    value,
    ...(next ? { next: { hash: next.hash as string } } : {}),
    ...(words ? { words: words as Record<string, string> } : {}),
    ...(connections ? { connections: connections as ConnectionView[] } : {}),
    ...(services ? { services: services as KnownService[] } : {}),
  };
}

/** The background's verdict on a trust policy (`content.trust`). */
export type TrustVerdict = {
  /** For `check`: the policy trusts exactly the service with the External ID, nothing stops it. */
  verified: boolean;
  /** What is wrong or worth a look, in plain words. */
  problems: string[];
  /** For `merge`: the policy to put into the editor, and how many statements were kept. */
  merged: string | null;
  replaced: boolean;
  kept: number;
};

export function parseTrustReply(
  v: unknown,
): { ok: true; value: TrustVerdict } | { ok: false; error: string } | null {
  if (!isRecord(v)) return null;
  if (v.ok === false) return isText(v.error, 2000) ? { ok: false, error: v.error } : null;
  const t = v.value;
  if (v.ok !== true || !isRecord(t)) return null;
  const valid =
    typeof t.verified === 'boolean' &&
    isTexts(t.problems) &&
    (t.merged === null || isText(t.merged)) &&
    typeof t.replaced === 'boolean' &&
    Number.isInteger(t.kept);
  return valid ? { ok: true, value: t as TrustVerdict } : null;
}

/**
 * The background's word to a console tab that a setup now runs in it (the link window's "Confirm
 * and allow", docs/vendors.md §6): the hash route where the setup begins. The content script
 * re-runs its route handling; a message of any other shape, or from anyone else, is ignored.
 */
export type SetupReady = { type: 'background.setupReady'; hash: string };

export function parseSetupReady(v: unknown): SetupReady | null {
  if (!isRecord(v) || v.type !== 'background.setupReady') return null;
  return isText(v.hash, 8192) && /^#\/\S*$/.test(v.hash) ? { type: v.type, hash: v.hash } : null;
}
