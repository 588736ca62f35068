// Setup sessions: created by the popup, tied to the console tab they run in, moved through the
// state machine by what the content scripts report, each report re-checked here against the
// setup's own expectations and the sender's tab. The background decides; the page only tells.
import { browser } from '../platform/browser.ts';
import {
  formatRoleArn,
  parseArn,
  sanitizeDescription,
  validateDescription,
  validateRoleName,
  ROLE_ARN_IN_TEXT,
} from '../core/arn.ts';
import { nextSetupUrl, roleDetailsUrl } from '../core/console-links.ts';
import { checkAttachedPolicies } from '../core/attached-policies.ts';
import { validateExternalId } from '../core/external-id.ts';
import type { ContentSetup, SetupStartInput, SetupStarted, Message } from '../core/messages.ts';
import { accountIdFromHost, regionFromHost, type Partition } from '../core/partition.ts';
import { planPermissions } from '../core/permissions.ts';
import {
  profileMethods,
  serviceAccountIn,
  supportedPartitions,
  trustedPrincipalArn,
} from '../core/profile.ts';
import { canMove, isFinished, type Setup, type SetupState } from '../core/setup.ts';
import {
  buildTrustPolicy,
  checkTrustPolicySize,
  mergeTrustPolicy,
  verifyTrustPolicy,
} from '../core/trust-policy.ts';
import type { TrustVerdict } from '../core/content-setup.ts';
import { getConsoleTab } from './console-tabs.ts';
import { deliverDue, freshDelivery } from './delivery.ts';
import { findProfile } from './profiles.ts';
import { addSetup, getSetup, loadSetups, removeSetup, dropToken, updateSetup } from './store.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
const refuse = (error: string): Outcome<never> => ({ ok: false, error });

/** Where the content event came from: the browser's sender, never the payload. */
export type ConsoleSender = { tabId: number; url: URL; partition: Partition };

/** Where a setup's console tab opens: the wizard prefilled, or the role's trust page. */
function startUrl(setup: Setup): string {
  const host = setup.consoleHost;
  return setup.mode === 'update-trust'
    ? roleDetailsUrl(setup.partition, setup.roleName, 'trust_relationships', host)
    : nextSetupUrl(setup, setup.accountId, host, host ? regionFromHost(host) : null);
}

/**
 * Starts a setup with id `id`. The same id again (the popup's request repeated after the worker
 * stopped mid-start) finishes that setup, opening its tab if none was recorded, and starts none.
 */
export async function startSetup(
  input: SetupStartInput,
  id: string = crypto.randomUUID(),
): Promise<Outcome<SetupStarted>> {
  const existing = await getSetup(id);
  if (existing) {
    const url = startUrl(existing);
    if (existing.tabId === null) await openTab(existing.id, url);
    return { ok: true, value: { setupId: existing.id, url } };
  }
  const profile = await findProfile(input.profileId);
  if (!profile) return refuse(`Unknown service "${input.profileId}".`);
  if (!supportedPartitions(profile).includes(input.partition)) {
    return refuse(`${profile.name} has no AWS account in partition ${input.partition}.`);
  }
  const serviceAccountId = serviceAccountIn(profile, input.partition);
  const principalArn = trustedPrincipalArn(profile, input.partition);
  if (!serviceAccountId || !principalArn)
    return refuse(`${profile.name} has no AWS account in ${input.partition}.`);
  if (input.mode === 'access-keys' && !profileMethods(profile).includes('access-keys')) {
    return refuse(`${profile.name} does not accept access keys: connect it with a role.`);
  }
  const plan = planPermissions(profile, input.levelId, input.optionIds, input.partition);
  if (plan.errors.length) return refuse(plan.errors.join(' '));
  const nameProblem = validateRoleName(input.roleName);
  if (nameProblem) return refuse(`Role name ${nameProblem}.`);
  const roleDescription = sanitizeDescription(input.roleDescription);
  const descriptionProblem = validateDescription(roleDescription);
  if (descriptionProblem) return refuse(`Description ${descriptionProblem}.`);
  const idProblem = validateExternalId(input.externalId);
  if (idProblem) return refuse(`External ID ${idProblem}.`);
  if (profile.report.auth === 'token' && !input.token)
    return refuse(`${profile.name} needs a connection code: paste it first.`);
  const expected = { principalArn, externalId: input.externalId };
  const trustPolicy = buildTrustPolicy(expected);
  const sizeProblem = checkTrustPolicySize(trustPolicy);
  if (sizeProblem) return refuse(sizeProblem);

  // Continue in the customer's current tab only when it is a console tab of that partition.
  const current = input.tabId === undefined ? null : await getConsoleTab(input.tabId);
  const reuse = current && current.partition === input.partition ? current : null;
  const now = Date.now();
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
  const url = startUrl(setup);
  await addSetup(setup, input.token ?? null);
  if (reuse) {
    await browser.tabs.update(reuse.tabId, { url, active: true });
  } else {
    await openTab(setup.id, url);
  }
  return { ok: true, value: { setupId: setup.id, url } };
}

async function openTab(setupId: string, url: string): Promise<void> {
  const tab = await browser.tabs.create({ url });
  if (tab.id !== undefined) await updateSetup(setupId, (s) => ({ ...s, tabId: tab.id ?? null }));
}

const ACTIVE: readonly SetupState[] = [
  'started',
  'policies-created',
  'role-created',
  'arn-captured',
];

/**
 * The setup a console tab works on: the one opened in it, or else the newest unfinished setup of
 * that partition whose own tab is gone (the customer closed it or went on in another tab).
 */
export async function setupForTab(sender: ConsoleSender): Promise<Setup | null> {
  const setups = (await loadSetups()).filter(
    (s) => ACTIVE.includes(s.state) && s.partition === sender.partition,
  );
  const own = setups
    .filter((s) => s.tabId === sender.tabId)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (own) return own;
  for (const candidate of setups.sort((a, b) => b.createdAt - a.createdAt)) {
    const tabAlive = candidate.tabId !== null && (await getConsoleTab(candidate.tabId)) !== null;
    if (tabAlive) continue;
    return updateSetup(candidate.id, (s) => ({
      ...s,
      tabId: sender.tabId,
      consoleHost: sender.url.hostname,
    }));
  }
  return null;
}

export function toContentSetup(setup: Setup): ContentSetup {
  return {
    id: setup.id,
    mode: setup.mode,
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
  };
}

/** The setup a content event names, if it is tied to the sender's tab and still active. */
async function setupOfSender(setupId: string, sender: ConsoleSender): Promise<Outcome<Setup>> {
  const setup = await getSetup(setupId);
  if (!setup || setup.tabId !== sender.tabId) return refuse('No setup runs in this tab.');
  if (setup.partition !== sender.partition)
    return refuse('This tab is in another AWS partition than the setup.');
  if (isFinished(setup.state) && setup.state !== 'delivered')
    return refuse('This setup is finished.');
  return { ok: true, value: setup };
}

/**
 * A content event sent again after the worker restarted mid-reply: the role was already
 * captured for this name, so the answer is the setup as it stands, not a refusal.
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

function move(setup: Setup, to: SetupState): Setup {
  return canMove(setup.state, to) ? { ...setup, state: to } : setup;
}

type ContentEvent = Extract<
  Message,
  {
    type:
      | 'content.policyCreated'
      | 'content.roleCreated'
      | 'content.roleRenamed'
      | 'content.trustUpdated'
      | 'content.userCreated'
      | 'content.rolePage';
  }
>;

export async function handleContentEvent(
  event: ContentEvent,
  sender: ConsoleSender,
): Promise<Outcome<ContentSetup>> {
  const found = await setupOfSender(event.setupId, sender);
  if (!found.ok) return found;
  const setup = found.value;
  if (alreadyCaptured(setup, event)) return { ok: true, value: toContentSetup(setup) };
  if (setup.state === 'delivered') return refuse('This setup is finished.');
  if (event.type === 'content.policyCreated') {
    if (!setup.customPolicies.some((p) => p.name === event.policyName))
      return refuse(`Policy ${event.policyName} is not part of this setup.`);
    const saved = await updateSetup(setup.id, (s) => {
      const customPolicies = s.customPolicies.map((p) =>
        p.name === event.policyName ? { ...p, created: true } : p,
      );
      const next = {
        ...s,
        customPolicies,
        accountId: s.accountId ?? accountIdFromHost(sender.url.hostname),
      };
      return customPolicies.every((p) => p.created) ? move(next, 'policies-created') : next;
    });
    return saved ? { ok: true, value: toContentSetup(saved) } : refuse('The setup is gone.');
  }

  if (event.type === 'content.roleRenamed') {
    if (
      setup.mode !== 'create-role' ||
      (setup.state !== 'started' && setup.state !== 'policies-created')
    ) {
      return refuse('The role name can only change before the role is created.');
    }
    const nameProblem = validateRoleName(event.roleName);
    if (nameProblem) return refuse(`Role name ${nameProblem}.`);
    const saved = await updateSetup(setup.id, (s) => ({
      ...s,
      roleName: event.roleName,
      problem: null,
    }));
    return saved ? { ok: true, value: toContentSetup(saved) } : refuse('The setup is gone.');
  }

  if (event.type === 'content.userCreated') {
    if (setup.mode !== 'access-keys') return refuse('This setup does not create a user.');
    if (event.userName !== setup.roleName) {
      return refuse(
        `The console created user "${event.userName}", but this setup is for "${setup.roleName}".`,
      );
    }
    const saved = await updateSetup(setup.id, (s) => ({
      ...move(s, 'role-created'),
      problem: null,
    }));
    return saved ? { ok: true, value: toContentSetup(saved) } : refuse('The setup is gone.');
  }

  // Role names are compared exactly: IAM keeps the case the customer typed.
  if (event.roleName !== setup.roleName) {
    const problem = `The console reported role "${event.roleName}", but this setup is for "${setup.roleName}". Nothing was reported to ${setup.serviceName}.`;
    await updateSetup(setup.id, (s) => ({ ...s, problem }));
    return refuse(problem);
  }
  if (event.type === 'content.roleCreated' || event.type === 'content.trustUpdated') {
    if (event.type === 'content.roleCreated' && setup.mode !== 'create-role')
      return refuse('This setup does not create a role.');
    const saved = await updateSetup(setup.id, (s) => ({
      ...move(s, 'role-created'),
      problem: null,
    }));
    return saved ? { ok: true, value: toContentSetup(saved) } : refuse('The setup is gone.');
  }
  return capture(setup, event, sender);
}

/** A 12-digit account from the page, or null when the page gave none or garbage. */
const pageAccount = (text: string | null | undefined): string | null =>
  text && /^\d{12}$/.test(text) ? text : null;

/**
 * The ARN, computed from what the browser vouches for (the console host's partition and, on
 * multi-session hosts, account) and the setup's role name; the page's text only confirms it.
 * What is reported is what the role page showed: the trust policy and the attached policies
 * read back after the customer's click, never the plan (docs/console.md, "Reading a role back").
 */
async function capture(
  setup: Setup,
  page: Extract<ContentEvent, { type: 'content.rolePage' }>,
  sender: ConsoleSender,
): Promise<Outcome<ContentSetup>> {
  if (setup.state !== 'role-created' && setup.state !== 'arn-captured') {
    return refuse('The role has not been created or updated in this setup yet.');
  }
  const fail = async (problem: string): Promise<Outcome<ContentSetup>> => {
    await updateSetup(setup.id, (s) => ({ ...s, problem }));
    return refuse(problem);
  };
  const shown = page.arnTexts.flatMap((text) => text.match(ROLE_ARN_IN_TEXT) ?? []);
  const shownForRole = shown.filter((arn) => arn.endsWith(`:role/${setup.roleName}`));
  // Every source the console offers must name the same account; one that disagrees is a forged
  // or confused page, and nothing is reported.
  const sources: [string, string | null][] = [
    ['host name', accountIdFromHost(sender.url.hostname)],
    ['session data', pageAccount(page.sessionAccountId)],
    ['account menu', pageAccount(page.menuAccountId)],
    ...shownForRole.map((arn): [string, string | null] => [
      'role ARN',
      parseArn(arn)?.accountId ?? null,
    ]),
  ];
  const accounts = [...new Set(sources.flatMap(([, id]) => (id ? [id] : [])))];
  if (accounts.length > 1)
    return fail(
      `The console names different accounts (${sources
        .filter(([, id]) => id)
        .map(([where, id]) => `${where} ${id}`)
        .join(', ')}). Nothing was reported.`,
    );
  const accountId = accounts[0];
  if (!accountId || !sources.slice(0, 3).some(([, id]) => id))
    return fail(
      'Crossrole could not tell which account the console is signed in to. Nothing was reported.',
    );
  if (setup.accountId && setup.accountId !== accountId)
    return fail(
      `This setup started in account ${setup.accountId}, but the console is now signed in to ${accountId}. Nothing was reported.`,
    );

  const roleArn = formatRoleArn(sender.partition, accountId, setup.roleName);
  if (!shown.includes(roleArn)) {
    return fail(
      shown.length
        ? `The role page shows ${shown[0]}, not the expected ${roleArn}. Nothing was reported.`
        : 'The role page does not show the role ARN yet.',
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
        ? "Crossrole could not read the role's Permissions tab. Nothing was reported."
        : permissions.missing.length
          ? `The role does not have ${permissions.missing.join(', ')}. Nothing was reported.`
          : !permissions.verified
            ? "Crossrole could not read every page of the role's permissions. Nothing was reported."
            : null;
  const saved = await updateSetup(setup.id, (s) => {
    const captured: Setup = {
      ...move(s, 'arn-captured'),
      accountId,
      roleArn,
      capturedAt: s.capturedAt ?? new Date().toISOString(),
      trustPolicyVerified: check?.verified ?? false,
      trustProblems: check
        ? [...check.problems, ...check.dangers]
        : ['Crossrole could not read the trust policy on the role page.'],
      policyArns: permissions?.policyArns ?? [],
      otherPolicyNames: permissions?.otherPolicyNames ?? [],
      permissionsVerified: permissions?.verified ?? false,
      missingPolicies: permissions?.missing ?? [],
      problem: permissionProblem,
    };
    // Not sent: a readable trust policy with problems (the service could not use the role), or
    // permissions that are missing or unread (the service would be told what IAM does not hold).
    if ((check && !check.verified) || permissionProblem) return captured;
    // Verified and queued in one write: a worker stopped right after cannot lose the report.
    return {
      ...move(captured, 'verified'),
      delivery: captured.delivery ?? freshDelivery(Date.now()),
    };
  });
  if (!saved) return refuse('The setup is gone.');
  if (saved.state === 'verified') await deliverDue();
  return { ok: true, value: toContentSetup(saved) };
}

/**
 * The verdict on a trust policy a console page shows or holds: the wizard's review is checked
 * against the account root (the wizard cannot trust anything narrower), the trust editor's text
 * gets the service's statement merged in. Only for the setup running in the sender's tab.
 */
export async function judgeTrust(
  event: Extract<Message, { type: 'content.trust' }>,
  sender: ConsoleSender,
): Promise<Outcome<TrustVerdict>> {
  const found = await setupOfSender(event.setupId, sender);
  if (!found.ok) return found;
  const setup = found.value;
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

export async function discardSetup(setupId: string): Promise<Outcome<null>> {
  const setup = await getSetup(setupId);
  if (!setup) return refuse('Unknown setup.');
  await dropToken(setupId);
  await removeSetup(setupId);
  return { ok: true, value: null };
}
