// The setup state machine, as pure functions: how a setup is planned from a profile and the
// customer's choices (`planSetup`), and what each console event does to it (`applyEvent`). The
// background reads the setup, applies the event and writes the result in one storage step, then
// carries out the effects returned here (queue a report, send an access key): nothing in this
// module touches a browser API. The page only reports facts; every decision is taken here, from
// the setup's own expectations and what the browser says about the sender, and a refusal says why.
import {
  formatArn,
  formatPolicyArn,
  nameInArn,
  formatRoleArn,
  formatUserArn,
  parseArn,
  ROLE_ARN_IN_TEXT,
  sanitizeDescription,
  USER_ARN_IN_TEXT,
  POLICY_ARN_IN_TEXT,
  policyNameProblem,
  descriptionProblem,
  roleNameProblem,
  validateRoleName,
} from './arn.ts';
import { checkAttachedPolicies } from './attached-policies.ts';
import { keptFromBefore, policyToCheck, updateChanges } from './role-update.ts';
import {
  createPolicyUrl,
  legacyCreateRoleUrl,
  nextSetupUrl,
  parseHashRoute,
  policyDetailsUrl,
  roleDetailsUrl,
  userDetailsUrl,
} from './console-links.ts';
import type { ContentSetup, NextStep, TrustVerdict } from './content-setup.ts';
import { externalIdProblem } from './external-id.ts';
import type { Message, SetupStartInput } from './messages.ts';
import { accountIdFromHost, regionFromHost, type Partition } from './partition.ts';
import {
  failedAccounts,
  judgeInstances,
  judgeStackSet,
  memberSetup,
  planStackSet,
  stackSetCreateUrl,
} from './organization.ts';
import { planPermissions } from './permissions.ts';
import {
  isDevelopmentReportUrl,
  profileMethods,
  serviceAccountIn,
  supportedPartitions,
  trustedPrincipalArn,
  type ServiceProfile,
} from './profile.ts';
import { problem, type Problem } from './problems.ts';
import { fieldRefusal, refusal, type Refused } from './refusal.ts';
import { REPORT_SCHEMA_VERSION, type AccessKeyReport } from './report.ts';
import { parseSessionDuration } from './session-duration.ts';
import { missingTags, tagsProblems, tagsText } from './tags.ts';
import { fieldError } from './result.ts';
import {
  canMove,
  freshDelivery,
  isFinished,
  type Setup,
  type SetupState,
  type StackSetState,
} from './setup.ts';
import {
  buildTrustPolicy,
  mergeTrustPolicy,
  trustPolicySizeProblem,
  verifyTrustPolicy,
} from './trust-policy.ts';

export type Outcome<T> = { ok: true; value: T } | Refused;
const refuse = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Where a content event came from, as the browser says (its tab and URL), never the payload. */
export type ConsoleSender = { tabId: number; host: string; partition: Partition };

// --- planning a setup -----------------------------------------------------------------------

/** The IAM path a setup's mode takes (an organization's role is the create-role wizard's). */
const iamMode = (mode: Setup['mode']): 'create-role' | 'update-trust' | 'access-keys' =>
  mode === 'update-trust' || mode === 'access-keys' ? mode : 'create-role';

/** Where a setup's console tab opens: the wizard prefilled, the role's trust page, or Create StackSet. */
export function startUrl(setup: Setup): string {
  const host = setup.consoleHost;
  if (setup.stackSet) return stackSetCreateUrl(setup.partition, setup.stackSet.region);
  return setup.mode === 'update-trust'
    ? roleDetailsUrl(setup.partition, setup.roleName, 'trust_relationships', host)
    : nextSetupUrl(
        { ...setup, mode: iamMode(setup.mode) },
        setup.accountId,
        host,
        host ? regionFromHost(host) : null,
      );
}

/**
 * A new setup from the customer's confirmed choices, or why not. `reuse` is the console tab to
 * continue in (already known to be of the input's partition), else null and a new tab opens.
 */
export function planSetup(
  profile: ServiceProfile,
  input: SetupStartInput,
  context: { id: string; now: number; reuse: { tabId: number; host: string } | null },
): Outcome<{ setup: Setup; url: string }> {
  // Coded (src/core/refusal.ts): the popup says these in the customer's language.
  const service = profile.name;
  const noAccount = problem('noPartitionAccount', { service, partition: input.partition });
  if (!supportedPartitions(profile).includes(input.partition)) return refusal(noAccount);
  const serviceAccountId = serviceAccountIn(profile, input.partition);
  const principalArn = trustedPrincipalArn(profile, input.partition);
  if (!serviceAccountId || !principalArn) return refusal(noAccount);
  if (input.mode === 'access-keys' && !profileMethods(profile).includes('access-keys'))
    return refusal(problem('noAccessKeys', { service }));
  // A stack set creates roles: only for a service that takes one (docs/organizations.md).
  if (input.mode === 'organization' && !profileMethods(profile).includes('role'))
    return refusal(problem('noRoleForOrganization', { service }));
  const plan = planPermissions(profile, input.levelId, input.optionIds, input.partition);
  if (plan.errors.length)
    return fieldRefusal(
      plan.errors.map((p) => fieldError('', p)),
      plan.errors.map((e) => e.message).join(' '),
    );
  const nameProblem = roleNameProblem(input.roleName);
  if (nameProblem)
    return fieldRefusal([fieldError('roleName', nameProblem)], `Role name ${nameProblem.message}.`);
  const roleDescription = sanitizeDescription(input.roleDescription);
  const badDescription = descriptionProblem(roleDescription);
  if (badDescription)
    return fieldRefusal(
      [fieldError('roleDescription', badDescription)],
      `Description ${badDescription.message}.`,
    );
  const idProblem = externalIdProblem(input.externalId);
  if (idProblem)
    return fieldRefusal([fieldError('externalId', idProblem)], `External ID ${idProblem.message}.`);
  // Tags and the session duration are the create-role wizard's and its role page's
  // (docs/guardrails.md): the profile's tags first, then the customer's, checked as IAM would.
  const guarded = input.mode === 'create-role';
  const profileTags = guarded ? (profile.role.tags ?? []) : [];
  const customerTags = guarded ? (input.tags ?? []) : [];
  const badTags = tagsProblems(customerTags, profileTags, service);
  if (badTags.length)
    return fieldRefusal(
      badTags.map((b) =>
        fieldError(b.index === null ? 'tags' : `tags[${b.index}].${b.field}`, b.problem),
      ),
      `Tags: ${badTags.map((b) => b.problem.message).join('; ')}.`,
    );
  const boundary = guarded ? planBoundary(input.permissionsBoundary) : null;
  if (boundary && 'problem' in boundary)
    return fieldRefusal(
      [fieldError('permissionsBoundary', boundary.problem)],
      `Permissions boundary ${boundary.problem.message}.`,
    );
  if (profile.report.auth === 'token' && !input.token)
    return refusal(problem('needsCodeFirst', { service }));
  const trustPolicy = buildTrustPolicy({ principalArn, externalId: input.externalId });
  const sizeProblem = trustPolicySizeProblem(trustPolicy);
  if (sizeProblem) return refusal(sizeProblem);

  const { id, now, reuse } = context;
  const setup: Setup = {
    id,
    mode: input.mode,
    state: 'started',
    profileId: profile.id,
    serviceName: profile.name,
    levelId: input.levelId,
    optionIds: plan.optionIds,
    partition: input.partition,
    serviceAccountId,
    principalArn,
    externalId: input.externalId,
    roleName: input.roleName,
    roleDescription,
    managedPolicyArns: plan.managedPolicyArns,
    // Updating an existing role's trust creates no policy.
    customPolicies:
      input.mode !== 'update-trust'
        ? plan.customPolicies.map((p) => ({
            name: p.name,
            description: p.description ?? '',
            document: p.document,
            created: false,
          }))
        : [],
    trustPolicy,
    tags: [...profileTags, ...customerTags],
    maxSessionDurationSeconds: guarded ? (profile.role.maxSessionDurationSeconds ?? null) : null,
    permissionsBoundary: boundary,
    reportUrl: profile.report.url,
    createdAt: now,
    updatedAt: now,
    tabId: reuse?.tabId ?? null,
    consoleHost: reuse?.host ?? null,
    hasToken: Boolean(input.token),
    accountId: reuse ? accountIdFromHost(reuse.host) : null,
    roleArn: null,
    capturedAt: null,
    trustPolicyVerified: false,
    trustProblems: [],
    problem: null,
    delivery: null,
  };
  if (input.mode === 'organization') {
    // Opened in a new tab of the plan's region, never a reused IAM tab (startSetup passes none).
    const stackSet = planStackSet(setup, input.targets ?? { kind: 'organization' });
    if (!stackSet.ok) return stackSet;
    setup.stackSet = stackSet.value;
  } else if (input.targets) {
    return refuse('Deployment targets are only for an Organization.');
  }
  return { ok: true, value: { setup, url: startUrl(setup) } };
}

/** A disconnect's progress, for its pages (docs/lifecycle.md). */
function disconnectView(setup: Setup): Partial<ContentSetup> {
  const policiesToDelete = (setup.policiesToDelete ?? []).map((name) =>
    // As ARNs: the pages they are deleted on are named by them.
    formatPolicyArn(setup.partition, setup.accountId ?? '', name),
  );
  const page = !setup.roleGoneAt
    ? roleDetailsUrl(setup.partition, setup.roleName)
    : policiesToDelete[0]
      ? policyDetailsUrl(setup.partition, policiesToDelete[0])
      : null;
  return {
    roleGone: !!setup.roleGoneAt,
    policiesToDelete,
    ...(page ? { resumeHash: new URL(page).hash } : {}),
  };
}

/** An update's read-back, for the role page's panel (docs/lifecycle.md). */
function updateView(setup: Setup): Partial<ContentSetup> {
  const kept = keptFromBefore(setup).map(nameInArn).slice(0, 20);
  const policy = policyToCheck(setup);
  return {
    update: true,
    ...(policy ? { policyToCheck: policy } : {}),
    ...(setup.upToDate ? { upToDate: true } : {}),
    ...(kept.length ? { keptPolicies: kept } : {}),
  };
}

function contentMode(mode: Setup['mode']): ContentSetup['mode'] {
  if (mode === 'organization-member') return 'organization';
  // An update runs on the pages a create-role repair does (docs/lifecycle.md).
  if (mode === 'update-role') return 'create-role';
  return mode;
}

/** What a console tab is told about its setup: what the page features fill and check, no token. */
export function toContentSetup(setup: Setup): ContentSetup {
  return {
    id: setup.id,
    // Member setups never run in a tab (not active): the organization's mode stands for them.
    mode: contentMode(setup.mode),
    state: setup.state,
    serviceName: setup.serviceName,
    partition: setup.partition,
    serviceAccountId: setup.serviceAccountId,
    principalArn: setup.principalArn,
    externalId: setup.externalId,
    roleName: setup.roleName,
    roleDescription: setup.roleDescription,
    managedPolicyArns: setup.managedPolicyArns,
    customPolicies: setup.customPolicies,
    trustPolicy: setup.trustPolicy,
    missingPolicies: setup.missingPolicies ?? [],
    trustProblems: setup.trustProblems,
    ...(setup.tags?.length ? { tags: setup.tags } : {}),
    ...(setup.maxSessionDurationSeconds
      ? { maxSessionDurationSeconds: setup.maxSessionDurationSeconds }
      : {}),
    ...(setup.permissionsBoundary ? { permissionsBoundary: setup.permissionsBoundary.name } : {}),
    ...(setup.stackSet ? { organization: stackSetPlanOf(setup.stackSet) } : {}),
    ...(setup.mode === 'disconnect' ? disconnectView(setup) : {}),
    ...(setup.mode === 'update-role' ? updateView(setup) : {}),
    // Where the wizard sends the customer when it recognises no step: the background decides.
    ...(setup.mode === 'create-role'
      ? {
          olderFormHash: new URL(
            legacyCreateRoleUrl(setup.partition, {
              ...setup,
              policyArns: setup.managedPolicyArns,
            }),
          ).hash,
        }
      : {}),
  };
}

/** What the CloudFormation console's features are given of a stack set: the plan and what was reported. */
function stackSetPlanOf(stackSet: StackSetState): NonNullable<ContentSetup['organization']> {
  return {
    stackSetName: stackSet.stackSetName,
    stackSetDescription: stackSet.stackSetDescription,
    templateBody: stackSet.templateBody,
    templateFileName: stackSet.templateFileName,
    templateUrl: stackSet.templateUrl,
    parameters: stackSet.parameters,
    targets: stackSet.targets,
    region: stackSet.region,
    maxConcurrentPercentage: stackSet.maxConcurrentPercentage,
    failureTolerancePercentage: stackSet.failureTolerancePercentage,
    stackSetArn: stackSet.stackSetArn,
    reportedAccounts: stackSet.reportedAccounts,
    failedAccounts: failedAccounts(stackSet),
  };
}

/** Organization setups run in the CloudFormation console, every other one in IAM. */
export const isOrganizationSetup = (setup: Pick<Setup, 'mode'>): boolean =>
  setup.mode === 'organization' || setup.mode === 'organization-member';

// --- the checks every event shares ------------------------------------------------------------

/**
 * Whether the setup an event names runs in the sender's tab, in the sender's partition, and is
 * not over: the one check of the role path and the access-key path alike. Null when it passes.
 * A delivered setup passes, so a report repeated after a worker restart gets its answer.
 */
export function senderProblem(setup: Setup | null, sender: ConsoleSender): string | null {
  if (!setup || setup.tabId !== sender.tabId) return 'No setup runs in this tab.';
  if (setup.partition !== sender.partition)
    return 'This tab is in another AWS partition than the setup.';
  if (isFinished(setup.state) && setup.state !== 'delivered') return 'This setup is finished.';
  return null;
}

/** A 12-digit account from the page, or null when the page gave none or garbage. */
export const pageAccount = (text: string | null | undefined): string | null =>
  text && /^\d{12}$/.test(text) ? text : null;

/** What a refusal held back: the role's report, an access key, or an Organization's accounts. */
export type Held = 'reported' | 'sent' | 'accounts';

/**
 * The account the console is signed in to: every source must name the same one (the host of a
 * multi-session console, the session data, the account menu, the ARNs shown for the setup's
 * role or user), and one the browser or the console itself vouches for must be among them. A
 * source that disagrees is a forged or confused page. Shared by roles and access keys.
 */
export function signedInAccount(
  sender: ConsoleSender,
  page: {
    sessionAccountId?: string | null | undefined;
    menuAccountId?: string | null | undefined;
  },
  shownArns: readonly string[],
  setupAccountId: string | null,
  nothing: Held,
): Outcome<string> {
  const sources: [string, string | null][] = [
    ['host name', accountIdFromHost(sender.host)],
    ['session data', pageAccount(page.sessionAccountId)],
    ['account menu', pageAccount(page.menuAccountId)],
    ...shownArns.map((arn): [string, string | null] => [
      arn.includes(':user/') ? 'user ARN' : 'role ARN',
      parseArn(arn)?.accountId ?? null,
    ]),
  ];
  const accounts = [...new Set(sources.flatMap(([, id]) => (id ? [id] : [])))];
  if (accounts.length > 1) {
    const named = sources.filter(([, id]) => id);
    const ids = accounts.join(', ');
    const coded = problem('accountsDisagree', { accounts: ids, nothing });
    const where = named.map(([source, id]) => `${source} ${id}`).join(', ');
    return refusal(coded, coded.message.replace(`(${ids})`, `(${where})`));
  }
  const accountId = accounts[0];
  if (!accountId || !sources.slice(0, 3).some(([, id]) => id))
    return refusal(problem('accountUnknown', { nothing }));
  if (setupAccountId && setupAccountId !== accountId)
    return refusal(problem('accountChanged', { started: setupAccountId, now: accountId, nothing }));
  return { ok: true, value: accountId };
}

// --- events -----------------------------------------------------------------------------------

export type ContentEvent = Extract<
  Message,
  {
    type:
      | 'content.policyCreated'
      | 'content.policyMissing'
      | 'content.roleCreated'
      | 'content.roleRenamed'
      | 'content.trustUpdated'
      | 'content.userCreated'
      | 'content.rolePage'
      | 'content.accessKey';
  }
>;

/** The background's answer to an event: the setup as it now stands, and where the tab goes next. */
export type EventReply =
  { ok: true; value: ContentSetup | null; next?: NextStep } | { ok: false; error: string };

/** What the background must do once the step is saved. */
export type Effect =
  /** A report was queued: send what is due. */
  | { type: 'deliver' }
  /**
   * Send an access key, once, to the setup's report URL (the background adds its client
   * fields), then settle the setup with `settleAccessKey`. Held in memory only.
   */
  | { type: 'send-access-key'; url: string; report: Omit<AccessKeyReport, 'client'> };

/** One event applied: the setup to save (null: nothing changes), the reply, the effects. */
export type Step = { next: Setup | null; reply: EventReply; effects: Effect[] };

const refused = (error: string, next: Setup | null = null, coded: Problem | null = null): Step => ({
  next,
  // With its code, the guide panel says it in the console's language (background/panel-language.ts).
  reply: coded ? refusal(coded, error) : refuse(error),
  effects: [],
});
const accepted = (next: Setup, extra: { next?: NextStep; effects?: Effect[] } = {}): Step => ({
  next,
  reply: { ok: true, value: toContentSetup(next), ...(extra.next ? { next: extra.next } : {}) },
  effects: extra.effects ?? [],
});
/** The same two, for the later events' steps (src/core/lifecycle.ts). */
export { refused as refusedStep, accepted as acceptedStep };

/**
 * A refusal worth showing in the popup: saved on the setup as its problem, with its code when it
 * has one (the popup says it in its language).
 */
function noted(setup: Setup, why: string | Problem | Refused): Step {
  const coded = typeof why === 'string' ? null : 'code' in why ? why : (why.problem ?? null);
  const error = typeof why === 'string' ? why : 'code' in why ? why.message : why.error;
  // The popup's English is the coded sentence (a refusal's log text may say more).
  return refused(error, { ...setup, problem: coded?.message ?? error, problemCoded: coded }, coded);
}

/** Moves only along the state machine's edges; any other move leaves the state as it is. */
function move(setup: Setup, to: SetupState): Setup {
  return canMove(setup.state, to, setup.mode) ? { ...setup, state: to } : setup;
}

/** The hash of a console link: a content script may only change the route, never the page. */
const step = (url: string): NextStep => ({ hash: new URL(url).hash });

/** The role's page, where its ARN, trust policy and permissions are read back. */
const roleDetails = (setup: Setup, sender: ConsoleSender) =>
  step(roleDetailsUrl(setup.partition, setup.roleName, 'trust_relationships', sender.host));

/**
 * An event sent again after the worker restarted mid-reply: the role was already captured for
 * this name, so the answer is the setup as it stands, not a refusal.
 */
function alreadyCaptured(setup: Setup, event: ContentEvent): boolean {
  return (
    (event.type === 'content.rolePage' || event.type === 'content.roleCreated') &&
    event.roleName === setup.roleName &&
    setup.roleArn !== null &&
    ['arn-captured', 'verified', 'delivered'].includes(setup.state) &&
    !(event.type === 'content.rolePage' && setup.state === 'arn-captured')
  );
}

/**
 * What a console event does to its setup (`setup` is the stored one the event names, or null).
 * Pure: the caller saves `next` in the same storage step it read `setup` in.
 */
export function applyEvent(
  setup: Setup | null,
  event: ContentEvent,
  sender: ConsoleSender,
  now: number,
): Step {
  const notHere = senderProblem(setup, sender);
  if (notHere || !setup) return refused(notHere ?? 'No setup runs in this tab.');
  if (isOrganizationSetup(setup)) return refused('This setup runs in the CloudFormation console.');
  if (event.type === 'content.accessKey') return accessKey(setup, event, sender, now);
  if (alreadyCaptured(setup, event)) {
    return {
      next: null,
      reply: {
        ok: true,
        value: toContentSetup(setup),
        ...(event.type === 'content.roleCreated' ? { next: roleDetails(setup, sender) } : {}),
      },
      effects: [],
    };
  }
  if (setup.state === 'delivered') return refused('This setup is finished.');

  switch (event.type) {
    case 'content.policyCreated': {
      if (!setup.customPolicies.some((p) => p.name === event.policyName))
        return refused(`Policy ${event.policyName} is not part of this setup.`);
      const customPolicies = setup.customPolicies.map((p) =>
        p.name === event.policyName ? { ...p, created: true } : p,
      );
      const updated = {
        ...setup,
        customPolicies,
        accountId: setup.accountId ?? accountIdFromHost(sender.host),
      };
      // An update's new policy: back to the role, to attach it there.
      if (setup.mode === 'update-role')
        return accepted(updated, {
          next: step(roleDetailsUrl(setup.partition, setup.roleName, 'permissions', sender.host)),
        });
      const next = customPolicies.every((p) => p.created)
        ? move(updated, 'policies-created')
        : updated;
      // The next policy to create, or the wizard with every policy pre-selected: customer-managed
      // ones need the account, which the page's session data gives when the host does not.
      const account = next.accountId ?? pageAccount(event.sessionAccountId);
      return accepted(next, {
        next: step(
          nextSetupUrl(
            { ...next, mode: iamMode(next.mode) },
            account,
            sender.host,
            regionFromHost(sender.host),
          ),
        ),
      });
    }
    case 'content.policyMissing': {
      // An update creates a policy of its plan only when the customer asks (docs/lifecycle.md).
      if (setup.mode !== 'update-role' || setup.state !== 'arn-captured')
        return refused('This setup does not create policies now.');
      if (!setup.customPolicies.some((p) => p.name === event.policyName))
        return refused(`Policy ${event.policyName} is not part of this setup.`);
      const customPolicies = setup.customPolicies.map((p) =>
        p.name === event.policyName ? { ...p, created: false } : p,
      );
      return accepted(
        { ...setup, customPolicies },
        { next: step(createPolicyUrl(setup.partition, sender.host)) },
      );
    }
    case 'content.roleRenamed': {
      if (
        setup.mode !== 'create-role' ||
        (setup.state !== 'started' && setup.state !== 'policies-created')
      ) {
        return refused('The role name can only change before the role is created.');
      }
      const nameProblem = validateRoleName(event.roleName);
      if (nameProblem) return refused(`Role name ${nameProblem}.`);
      return accepted({ ...setup, roleName: event.roleName, problem: null });
    }
    case 'content.userCreated': {
      if (setup.mode !== 'access-keys') return refused('This setup does not create a user.');
      if (event.userName !== setup.roleName) {
        return refused(
          `The console created user "${event.userName}", but this setup is for "${setup.roleName}".`,
        );
      }
      return accepted(
        { ...move(setup, 'role-created'), problem: null },
        {
          next: step(
            userDetailsUrl(setup.partition, setup.roleName, 'security_credentials', sender.host),
          ),
        },
      );
    }
    default:
      break;
  }

  // Role names are compared exactly: IAM keeps the case the customer typed.
  if (event.roleName !== setup.roleName) {
    return noted(
      setup,
      problem('roleNameMismatch', {
        reported: event.roleName,
        expected: setup.roleName,
        service: setup.serviceName,
      }),
    );
  }
  if (event.type === 'content.roleCreated') {
    if (setup.mode !== 'create-role') return refused('This setup does not create a role.');
    return accepted(
      { ...move(setup, 'role-created'), problem: null },
      { next: roleDetails(setup, sender) },
    );
  }
  if (event.type === 'content.trustUpdated')
    return accepted({ ...move(setup, 'role-created'), problem: null });
  return capture(setup, event, sender, now);
}

/**
 * The ARN, computed from what the browser vouches for (the console host's partition and, on
 * multi-session hosts, account) and the setup's role name; the page's text only confirms it.
 * What is reported is what the role page showed: the trust policy and the attached policies
 * read back after the customer's click, never the plan (docs/console.md, "Reading a role back").
 */
function capture(
  setup: Setup,
  page: Extract<ContentEvent, { type: 'content.rolePage' }>,
  sender: ConsoleSender,
  now: number,
): Step {
  if (setup.state !== 'role-created' && setup.state !== 'arn-captured') {
    return refused('The role has not been created or updated in this setup yet.');
  }
  const shown = page.arnTexts.flatMap((text) => text.match(ROLE_ARN_IN_TEXT) ?? []);
  const shownForRole = shown.filter((arn) => arn.endsWith(`:role/${setup.roleName}`));
  const account = signedInAccount(sender, page, shownForRole, setup.accountId, 'reported');
  if (!account.ok) return noted(setup, account);
  const accountId = account.value;

  const roleArn = formatRoleArn(sender.partition, accountId, setup.roleName);
  if (!shown.includes(roleArn)) {
    return noted(
      setup,
      shown.length
        ? problem('arnMismatch', { shown: shown[0]!, expected: roleArn })
        : problem('arnNotShown'),
    );
  }
  const check =
    page.trustPolicyText === null
      ? null
      : verifyTrustPolicy(
          page.trustPolicyText,
          { principalArn: setup.principalArn, externalId: setup.externalId },
          setup.serviceAccountId,
        );
  // Updating an existing role's trust changes no permission: only the trust is read back then.
  const permissions =
    setup.mode === 'update-trust'
      ? null
      : checkAttachedPolicies({
          partition: sender.partition,
          accountId,
          managedPolicyArns: setup.managedPolicyArns,
          customPolicyNames: setup.customPolicies.map((p) => p.name),
          attached: page.attachedPolicies ?? [],
          complete: page.attachedPolicies != null && page.attachedComplete === true,
        });
  const permissionProblem =
    permissions === null
      ? null
      : page.attachedPolicies == null
        ? problem('permissionsUnread')
        : permissions.missing.length
          ? problem('permissionsMissing', { policies: permissions.missing.join(', ') })
          : !permissions.verified
            ? problem('permissionsIncomplete')
            : null;
  const guardrailProblem = permissionProblem ?? guardrailsProblem(setup, page);
  const roleTags = page.tags ?? null;
  // A boundary the page named, planned or the customer's own choice in the wizard.
  const shownBoundary = page.permissionsBoundaryArn;
  const roleBoundaryArn =
    typeof shownBoundary === 'string' &&
    POLICY_ARN_IN_TEXT.exec(shownBoundary)?.[0] === shownBoundary
      ? shownBoundary
      : shownBoundary === null
        ? null
        : undefined;
  const sessionDurationSeconds = page.maxSessionDurationText
    ? parseSessionDuration(page.maxSessionDurationText)
    : null;
  const captured: Setup = {
    ...move(setup, 'arn-captured'),
    accountId,
    roleArn,
    // An update says when IAM was read as it is now: its last read-back.
    capturedAt:
      setup.mode === 'update-role'
        ? new Date(now).toISOString()
        : (setup.capturedAt ?? new Date(now).toISOString()),
    trustPolicyVerified: check?.verified ?? false,
    trustProblems: check ? [...check.problems, ...check.dangers] : [problem('trustUnread').message],
    trustProblemsCoded: check ? check.coded : [problem('trustUnread')],
    policyArns: permissions?.policyArns ?? [],
    otherPolicyNames: permissions?.otherPolicyNames ?? [],
    permissionsVerified: permissions?.verified ?? false,
    missingPolicies: permissions?.missing ?? [],
    roleTags,
    sessionDurationSeconds,
    ...(roleBoundaryArn !== undefined ? { roleBoundaryArn } : {}),
    problem: guardrailProblem?.message ?? null,
    problemCoded: guardrailProblem,
  };
  // Not sent: a readable trust policy with problems (the service could not use the role),
  // permissions that are missing or unread (the service would be told what IAM does not hold),
  // or tags and a session duration the role does not hold as planned.
  if ((check && !check.verified) || guardrailProblem) return accepted(captured);
  // An update waits while the role still holds what its level no longer asks for (the
  // customer detaches it); one whose read-back shows what the service was told sends nothing.
  if (setup.mode === 'update-role' && keptFromBefore(captured).length) return accepted(captured);
  // Each custom policy's document is read on its page before anything is decided.
  const policyPage = policyToCheck(captured);
  if (policyPage)
    return accepted(captured, {
      next: step(policyDetailsUrl(sender.partition, policyPage, sender.host)),
    });
  if (setup.mode === 'update-role' && updateChanges(captured).length === 0)
    return accepted({ ...move(captured, 'delivered'), upToDate: true });
  // Verified and queued in one write: a worker stopped right after cannot lose the report.
  const verified = {
    ...move(captured, 'verified'),
    delivery: captured.delivery ?? freshDelivery(now),
  };
  return accepted(verified, {
    effects: verified.state === 'verified' ? [{ type: 'deliver' }] : [],
  });
}

/** The boundary the customer named: a policy name, or a policy ARN (its name is the last part). */
function planBoundary(
  text: string | undefined,
): { name: string; arn: string | null } | { problem: Problem } | null {
  if (!text) return null;
  if (text.startsWith('arn:')) {
    const arn = parseArn(text);
    if (arn?.resourceType !== 'policy' || formatArn(arn) !== text)
      return { problem: problem('boundaryFormat') };
    return { name: arn.name, arn: text };
  }
  return policyNameProblem(text)
    ? { problem: problem('boundaryFormat') }
    : { name: text, arn: null };
}

/**
 * What holds a report back in the planned tags and session duration: what the role page showed
 * of them must be what was planned (docs/guardrails.md). Extra tags the customer added count as
 * the role's, not as a fault.
 */
function guardrailsProblem(
  setup: Setup,
  page: Extract<ContentEvent, { type: 'content.rolePage' }>,
): Problem | null {
  const tags = setup.tags ?? [];
  if (tags.length) {
    if (!page.tags) return problem('tagsUnread');
    const missing = missingTags(tags, page.tags);
    if (missing.length) return problem('tagsMissing', { tags: tagsText(missing) });
  }
  const boundary = setup.permissionsBoundary;
  if (boundary) {
    const shown = page.permissionsBoundaryArn;
    if (shown === undefined) return problem('boundaryUnread');
    const named = shown?.slice(shown.lastIndexOf('/') + 1);
    if (boundary.arn ? shown !== boundary.arn : named !== boundary.name)
      return problem('boundaryDiffers', {
        shown: shown ?? '(none)',
        wanted: boundary.arn ?? boundary.name,
      });
  }
  const wanted = setup.maxSessionDurationSeconds;
  if (wanted) {
    const shown = page.maxSessionDurationText
      ? parseSessionDuration(page.maxSessionDurationText)
      : null;
    if (shown === null) return problem('sessionDurationUnread');
    if (shown !== wanted) return problem('sessionDurationDiffers', { shown, wanted });
  }
  return null;
}

/**
 * The access-keys method (docs/vendors.md §4): the key the page read is checked against the
 * setup like a role ARN, then handed to the background to send once. Nothing is saved before
 * the answer: the secret is never written anywhere.
 */
function accessKey(
  setup: Setup,
  event: Extract<ContentEvent, { type: 'content.accessKey' }>,
  sender: ConsoleSender,
  now: number,
): Step {
  if (setup.state === 'delivered') return refused('This setup is finished.');
  if (setup.mode !== 'access-keys') return refused('This setup does not create a user.');
  if (setup.state !== 'role-created')
    return refused('The user has not been created in this setup yet.');
  if (event.userName !== setup.roleName)
    return refused(`This key belongs to "${event.userName}", not to "${setup.roleName}".`);
  const nothing = 'Nothing was sent.';
  const shown = event.arnTexts.flatMap((t) => t.match(USER_ARN_IN_TEXT) ?? []);
  const account = signedInAccount(
    sender,
    event,
    shown.filter((arn) => arn.endsWith(`:user/${setup.roleName}`)),
    setup.accountId,
    'sent',
  );
  if (!account.ok) return refused(account.error);
  const accountId = account.value;
  const userArn = formatUserArn(sender.partition, accountId, setup.roleName);
  // As for a role: the user's own ARN must be on the page, and no other user's.
  if (!shown.includes(userArn))
    return refused(`The page does not show the user ${userArn}. ${nothing}`);
  const other = shown.find((arn) => arn !== userArn);
  if (other) return refused(`The page shows ${other}, not ${userArn}. ${nothing}`);
  // Secrets travel over HTTPS only; loopback HTTP is the local reference service.
  if (new URL(setup.reportUrl).protocol !== 'https:' && !isDevelopmentReportUrl(setup.reportUrl))
    return refused('The service does not use HTTPS; the key was not sent.');
  return {
    next: null,
    reply: { ok: true, value: null },
    effects: [
      {
        type: 'send-access-key',
        url: setup.reportUrl,
        report: {
          schemaVersion: REPORT_SCHEMA_VERSION,
          event: 'access-key.created',
          setupId: setup.id,
          profileId: setup.profileId,
          userArn,
          accountId,
          partition: setup.partition,
          accessKeyId: event.accessKeyId,
          secretAccessKey: event.secretAccessKey,
          accessLevel: setup.levelId,
          options: setup.optionIds,
          policyArns: [
            ...setup.managedPolicyArns,
            ...setup.customPolicies.map((p) => formatPolicyArn(setup.partition, accountId, p.name)),
          ],
          capturedAt: new Date(now).toISOString(),
        },
      },
    ],
  };
}

/** The customer's way out when a key was not delivered: its secret is gone with the attempt. */
export const deactivateKey = (accessKeyId: string): string =>
  `Deactivate access key ${accessKeyId} in the console and create another.`;

/**
 * The setup once its access key was sent (or not): delivered, or failed with what to do. Never
 * the service's own words: an answer may echo the request, secret included.
 */
export function settleAccessKey(
  setup: Setup,
  sent: Pick<AccessKeyReport, 'accessKeyId' | 'accountId' | 'userArn' | 'capturedAt'>,
  result: { ok: true } | { ok: false; error: string },
  now: number,
): { next: Setup; reply: EventReply } {
  const problem = result.ok ? null : `${result.error} ${deactivateKey(sent.accessKeyId)}`;
  const next: Setup = {
    ...move(setup, result.ok ? 'delivered' : 'failed'),
    accountId: sent.accountId,
    roleArn: sent.userArn,
    capturedAt: sent.capturedAt,
    problem,
    delivery: {
      status: result.ok ? 'delivered' : 'refused',
      attempts: 1,
      firstQueuedAt: now,
      nextAttemptAt: null,
      lastError: result.ok ? null : result.error,
      serviceMessage: null,
      serviceStatus: result.ok ? 'connected' : null,
      deliveredAt: result.ok ? now : null,
    },
  };
  return { next, reply: problem === null ? { ok: true, value: null } : refuse(problem) };
}

// --- trust policies the page shows ----------------------------------------------------------

/**
 * The verdict on a trust policy a console page shows or holds: the wizard's review is checked
 * against the account root (the wizard cannot trust anything narrower), the trust editor's text
 * gets the service's statement merged in. Only for the setup running in the sender's tab.
 */
export function judgeTrust(
  setup: Setup | null,
  event: Extract<Message, { type: 'content.trust' }>,
  sender: ConsoleSender,
): Outcome<TrustVerdict> {
  const problem = senderProblem(setup, sender);
  if (problem || !setup) return refuse(problem ?? 'No setup runs in this tab.');
  if (isOrganizationSetup(setup)) return refuse('This setup runs in the CloudFormation console.');
  if (event.action === 'check') {
    const root = `arn:${setup.partition}:iam::${setup.serviceAccountId}:root`;
    const check = event.text
      ? verifyTrustPolicy(
          event.text,
          { principalArn: root, externalId: setup.externalId },
          setup.serviceAccountId,
        )
      : null;
    return {
      ok: true,
      value: {
        verified: check?.verified ?? false,
        problems: check ? [...check.problems, ...check.dangers] : [],
        merged: null,
        replaced: false,
        kept: 0,
      },
    };
  }
  const result = mergeTrustPolicy(
    event.text ?? '{"Version":"2012-10-17","Statement":[]}',
    { principalArn: setup.principalArn, externalId: setup.externalId },
    setup.serviceAccountId,
  );
  if (!result.ok) return refuse(result.error);
  const statements = Array.isArray(result.policy.Statement) ? result.policy.Statement.length : 1;
  return {
    ok: true,
    value: {
      verified: false,
      problems: result.dangers,
      merged: JSON.stringify(result.policy, null, 2),
      replaced: result.replaced > 0,
      kept: statements - 1,
    },
  };
}

/** The hash route's path a reply sends the tab to (the background records where the tab goes). */
export const nextPath = (next: NextStep): string => parseHashRoute(next.hash).path;

// --- organization setups (docs/organizations.md) --------------------------------------------

export type StackSetEvent = Extract<
  Message,
  { type: 'content.stackSet' | 'content.stackInstances' }
>;

/** A stack set event applied: the organization setup's step, and the member setups it creates. */
export type OrganizationStep = Step & { members: Setup[] };

/** As many accounts as the content script's reply may list (src/core/content-setup.ts). */
const MAX_ORGANIZATION_ACCOUNTS = 10_000;

/**
 * What the stack set's page or its Stack instances tab does to an organization setup. The
 * read-back must match the plan (`judgeStackSet`) before any account is reported; each account
 * whose instance succeeded becomes a member setup, verified and queued, with the id
 * `memberIds` gives it (`memberSetupId`, computed by the caller: it is async). Pure: the caller
 * saves the setup and its members in the one storage step it read `setup` in, so two reads at
 * once cannot report an account twice.
 */
export function applyStackSetEvent(
  setup: Setup | null,
  event: StackSetEvent,
  sender: ConsoleSender,
  now: number,
  memberIds: ReadonlyMap<string, string>,
): OrganizationStep {
  const none = (step: Step): OrganizationStep => ({ ...step, members: [] });
  const problem = senderProblem(setup, sender);
  if (problem || !setup) return none(refused(problem ?? 'No setup runs in this tab.'));
  const stackSet = setup.stackSet;
  if (setup.mode !== 'organization' || !stackSet)
    return none(refused('This setup does not create a stack set.'));
  const nothing = 'No account was reported.';

  if (event.type === 'content.stackSet') {
    const account = signedInAccount(
      sender,
      event,
      [],
      setup.accountId ?? stackSet.managementAccountId,
      'accounts',
    );
    if (!account.ok) return none(noted(setup, account));
    const verdict = judgeStackSet(stackSet, event, account.value, sender.partition);
    if (verdict.problems.length) {
      // No instance is read against a stack set whose page did not match the plan.
      return none(
        noted(
          {
            ...setup,
            stackSet: { ...stackSet, stackSetArn: null, templateVerified: false, lastReadAt: now },
          },
          verdict.problems.join(' '),
        ),
      );
    }
    return none(
      accepted({
        ...move(setup, 'role-created'),
        accountId: account.value,
        problem: null,
        stackSet: {
          ...stackSet,
          stackSetArn: verdict.stackSetArn,
          managementAccountId: verdict.managementAccountId,
          templateVerified: verdict.templateVerified,
          lastReadAt: now,
        },
      }),
    );
  }

  const { stackSetArn, managementAccountId } = stackSet;
  if (setup.state !== 'role-created' || stackSetArn === null || managementAccountId === null)
    return none(refused(`Crossrole has not read the stack set back yet. ${nothing}`));
  if (event.stackSetArn.trim() !== stackSetArn)
    return none(refused(`These instances are not of stack set ${stackSetArn}. ${nothing}`));
  const account = signedInAccount(sender, event, [], managementAccountId, 'accounts');
  if (!account.ok) return none(noted(setup, account));
  const verdict = judgeInstances(stackSet, event.instances);
  if (verdict.instances.length > MAX_ORGANIZATION_ACCOUNTS)
    return none(refused(`More than ${MAX_ORGANIZATION_ACCOUNTS} accounts. ${nothing}`));
  const parent = { ...setup, stackSet: { ...stackSet, managementAccountId } };
  const members = verdict.toReport.flatMap((accountId) => {
    const id = memberIds.get(accountId);
    return id ? [memberSetup(parent, accountId, id, now, freshDelivery(now))] : [];
  });
  const next: Setup = {
    ...setup,
    problem: null,
    stackSet: {
      ...stackSet,
      instances: verdict.instances,
      reportedAccounts: [
        ...stackSet.reportedAccounts,
        ...members.map((m) => m.accountId as string),
      ],
      lastReadAt: now,
    },
  };
  return {
    ...accepted(next, { effects: members.length ? [{ type: 'deliver' }] : [] }),
    members,
  };
}
