// A connection after day one (docs/lifecycle.md): what is kept of it when its report is
// delivered; the disconnect, a setup of its own that guides the customer through deleting the
// role (and the policies Crossrole made for it) on the console's pages, reads each back gone,
// then reports role.disconnected; and an update's custom policy pages read back (the update's
// other rules are in role-update.ts). Pure: the background saves what these return.
import { formatPolicyArn, formatRoleArn, nameInArn, parseArn } from './arn.ts';
import { accountIdFromHost, type Partition } from './partition.ts';
import { serviceAccountIn, type ServiceProfile } from './profile.ts';
import { policyDetailsUrl, roleDetailsUrl, roleNameFromPath } from './console-links.ts';
import {
  acceptedStep,
  pageAccount,
  refusedStep,
  senderProblem,
  type ConsoleSender,
  type Step,
} from './machine.ts';
import type { ConnectionView, KnownService } from './content-setup.ts';
import type { Connection, Message } from './messages.ts';
import { REPORT_SCHEMA_VERSION, type RoleDisconnectedReport, type RoleReport } from './report.ts';
import { notFoundShown } from './not-found.ts';
import {
  MAX_POLICY_VERSIONS,
  parseVersionRows,
  policyToCheck,
  samePolicyDocument,
} from './role-update.ts';
import { freshDelivery, laterEventFields, type Setup } from './setup.ts';

/** The setups whose delivered report makes a connection. */
const CONNECTING: readonly Setup['mode'][] = ['create-role', 'update-trust', 'organization-member'];

/** A later event about a connection, not a connection of its own. */
export const isLifecycleSetup = (setup: Pick<Setup, 'mode'>): boolean =>
  setup.mode === 'update-role' || setup.mode === 'disconnect';

export { nameInArn };

/** What a delivered report leaves of its setup: the connected account, and what later events need. */
export function connectionOf(setup: Setup): Connection | null {
  if (!CONNECTING.includes(setup.mode) || !setup.roleArn || !setup.accountId) return null;
  const accountId = setup.accountId;
  // Only what this setup itself created is offered for deletion later: an existing role's
  // policies (update-trust) are the customer's.
  const createdPolicyArns =
    setup.mode === 'create-role'
      ? setup.customPolicies
          .filter((p) => p.created)
          .map((p) => formatPolicyArn(setup.partition, accountId, p.name))
      : [];
  return {
    setupId: setup.id,
    profileId: setup.profileId,
    serviceName: setup.serviceName,
    partition: setup.partition,
    accountId,
    roleArn: setup.roleArn,
    deliveredAt: setup.updatedAt,
    roleName: nameInArn(setup.roleArn),
    externalId: setup.externalId,
    reportUrl: setup.reportUrl,
    levelId: setup.levelId,
    optionIds: setup.optionIds,
    policyArns: setup.policyArns ?? [],
    createdPolicyArns,
    ...(setup.mode === 'update-trust' ? { existingRole: true } : {}),
  };
}

/**
 * The connections after `saved` replaced `current` (null: unchanged). A report just delivered is
 * a connected account; a disconnect read back marks its connection over, whatever the service
 * answers later (the role is gone).
 */
export function connectionsAfter(
  connections: readonly Connection[],
  current: Setup,
  saved: Setup,
  now: number,
): Connection[] | null {
  if (saved.state === 'delivered' && current.state !== 'delivered') {
    const made = connectionOf(saved);
    if (made) return [...connections.filter((c) => c.setupId !== saved.id), made];
  }
  // An update the service took (or one that found nothing to change): the connection is now
  // what that read-back showed, and the next update is compared with it.
  if (
    saved.mode === 'update-role' &&
    saved.state === 'delivered' &&
    current.state !== 'delivered' &&
    saved.policyArns
  ) {
    const policyArns = saved.policyArns;
    return connections.map((c) =>
      c.setupId === saved.connectionId
        ? { ...c, levelId: saved.levelId, optionIds: saved.optionIds, policyArns }
        : c,
    );
  }
  if (saved.mode === 'disconnect' && saved.state === 'verified' && current.state !== 'verified') {
    return connections.map((c) =>
      c.setupId === saved.connectionId ? { ...c, disconnectedAt: c.disconnectedAt ?? now } : c,
    );
  }
  return null;
}

/** Why a connection cannot be disconnected through Crossrole (null: it can). */
export function disconnectProblem(connection: Connection): string | null {
  if (connection.disconnectedAt) return 'This connection is already disconnected.';
  // Crossrole only added the service to this role's trust: deleting the role is not its to offer.
  if (connection.existingRole)
    return 'This role was yours before the connection: remove the service’s statement from its trust policy in the IAM console, and tell the service.';
  if (!connection.roleName || !connection.externalId || !connection.reportUrl)
    return 'This connection was made before Crossrole kept what a disconnect needs: delete the role in the IAM console, and tell the service.';
  return null;
}

/**
 * A disconnect of `connection`: a setup that runs on the role's page, then on the page of each
 * policy Crossrole created for it. `host` is the console tab's, when the customer has one open.
 */
export function planDisconnect(
  connection: Connection,
  options: { id: string; now: number; serviceAccountId?: string },
): { ok: true; value: Setup } | { ok: false; error: string } {
  const why = disconnectProblem(connection);
  if (why) return { ok: false, error: why };
  const roleName = connection.roleName ?? nameInArn(connection.roleArn);
  const policiesToDelete = (connection.createdPolicyArns ?? [])
    .map((arn) => parseArn(arn))
    .filter((arn) => arn?.resourceType === 'policy' && arn.accountId === connection.accountId)
    .map((arn) => arn!.name);
  return {
    ok: true,
    value: {
      ...laterEventFields(connection, options.now),
      id: options.id,
      mode: 'disconnect',
      state: 'started',
      serviceName: connection.serviceName,
      levelId: connection.levelId ?? '',
      optionIds: connection.optionIds ?? [],
      serviceAccountId: options.serviceAccountId ?? '',
      principalArn: '',
      externalId: connection.externalId ?? '',
      roleName,
      managedPolicyArns: [],
      customPolicies: [],
      trustPolicy: {},
      policiesToDelete,
      deletedPolicyArns: [],
      disconnectReason: 'deleted-by-customer',
      roleGoneAt: null,
    },
  };
}

/** Where a disconnect starts: the role's page, where Delete is. */
export const disconnectUrl = (setup: Setup, host: string | null = null): string =>
  roleDetailsUrl(setup.partition, setup.roleName, null, host);

export type DisconnectEvent = Extract<
  Message,
  { type: 'content.roleGone' | 'content.policyGone' | 'content.policyKept' }
>;

/**
 * What the disconnect's pages tell: the role read back gone, then each policy read back gone or
 * kept by the customer's choice. Once nothing is left, the report is queued in the same step.
 */
export function applyDisconnectEvent(
  setup: Setup | null,
  event: DisconnectEvent,
  sender: ConsoleSender,
  now: number,
): Step {
  const notHere = senderProblem(setup, sender);
  if (notHere || !setup) return refusedStep(notHere ?? 'No setup runs in this tab.');
  if (setup.mode !== 'disconnect' || setup.state !== 'started')
    return refusedStep('This tab is not disconnecting a role.');
  // The role's account is the connection's: a page of another account's console says nothing of it.
  const shownAccount = accountIdFromHost(sender.host) ?? pageAccount(eventAccount(event));
  if (shownAccount !== null && shownAccount !== setup.accountId)
    return refusedStep(
      `This console is signed in to account ${shownAccount}, not ${setup.accountId}.`,
    );
  const accountId = setup.accountId ?? '';
  const toDelete = setup.policiesToDelete ?? [];
  if (event.type === 'content.roleGone') {
    if (setup.roleGoneAt) return acceptedStep(setup, { next: nextPage(setup, sender) });
    if (event.roleName !== setup.roleName || !notFoundShown(event.shownText, setup.roleName))
      return refusedStep(`The page does not show that role ${setup.roleName} is gone.`);
    return finish({ ...setup, roleGoneAt: new Date(now).toISOString() }, sender, now);
  }
  if (!setup.roleGoneAt)
    return refusedStep(`Delete the role ${setup.roleName} first: its policies are still attached.`);
  if (!toDelete.includes(event.policyName))
    return refusedStep(`Policy ${event.policyName} is not one Crossrole created for this role.`);
  const policyArn = formatPolicyArn(setup.partition, accountId, event.policyName);
  if (event.type === 'content.policyGone' && !notFoundShown(event.shownText, policyArn))
    return refusedStep(`The page does not show that policy ${policyArn} is gone.`);
  return finish(
    {
      ...setup,
      policiesToDelete: toDelete.filter((name) => name !== event.policyName),
      deletedPolicyArns:
        event.type === 'content.policyGone'
          ? [...(setup.deletedPolicyArns ?? []), policyArn]
          : (setup.deletedPolicyArns ?? []),
    },
    sender,
    now,
  );
}

const eventAccount = (event: DisconnectEvent): string | null =>
  'sessionAccountId' in event ? event.sessionAccountId : null;

/** The next page of a disconnect: the next policy to delete, or none once all are settled. */
function nextPage(setup: Setup, sender: ConsoleSender) {
  const name = setup.policiesToDelete?.[0];
  if (!name || !setup.accountId) return undefined;
  const arn = formatPolicyArn(setup.partition, setup.accountId, name);
  return { hash: new URL(policyDetailsUrl(setup.partition, arn, sender.host)).hash };
}

function finish(setup: Setup, sender: ConsoleSender, now: number): Step {
  const next = nextPage(setup, sender);
  if (next) return acceptedStep(setup, { next });
  // Read back gone, and every policy settled: the report is queued in the same write.
  const verified: Setup = { ...setup, state: 'verified', delivery: freshDelivery(now) };
  return acceptedStep(verified, { effects: [{ type: 'deliver' }] });
}

/** role.disconnected, as the disconnect's pages read it (docs/vendors.md, "Later events"). */
export function disconnectReport(
  setup: Setup,
  client: RoleReport['client'],
): RoleDisconnectedReport | null {
  if (setup.mode !== 'disconnect' || !setup.connectionId || !setup.accountId || !setup.roleGoneAt)
    return null;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    event: 'role.disconnected',
    setupId: setup.id,
    connectionId: setup.connectionId,
    profileId: setup.profileId,
    roleArn: setup.roleArn ?? formatRoleArn(setup.partition, setup.accountId, setup.roleName),
    accountId: setup.accountId,
    partition: setup.partition,
    externalId: setup.externalId,
    reason: setup.disconnectReason ?? 'deleted-by-customer',
    deletedPolicyArns: setup.deletedPolicyArns ?? [],
    disconnectedAt: setup.roleGoneAt,
    client,
  };
}

/** At most this many connections are named to a roles list. */
export const MAX_CONNECTION_VIEWS = 20;

/**
 * The live connections a console page is about (docs/lifecycle.md): the role of a role page, or
 * every one of the account for the roles list. The account is the host's, else the one the page's
 * session data names; with neither, none.
 */
export function connectionsOnPage(
  connections: readonly Connection[],
  page: { partition: string; host: string; route: string; sessionAccountId: string | null },
  levelName: (connection: Connection) => string | undefined = () => undefined,
): ConnectionView[] {
  const account = accountIdFromHost(page.host) ?? pageAccount(page.sessionAccountId);
  if (!account) return [];
  const role = roleNameFromPath(page.route, 'details');
  if (role === null && page.route !== '/roles') return [];
  return connections
    .filter(
      (c) =>
        !c.disconnectedAt &&
        c.roleName &&
        c.reportUrl &&
        c.partition === page.partition &&
        c.accountId === account &&
        (role === null || c.roleName === role),
    )
    .slice(0, MAX_CONNECTION_VIEWS)
    .map((c) => ({
      id: c.setupId,
      serviceName: c.serviceName,
      roleName: c.roleName!,
      since: new Date(c.deliveredAt).toISOString(),
      level: levelName(c) ?? c.levelId ?? '',
    }));
}

/**
 * The services a role page where no setup runs and no connection is known may name in its trust
 * (docs/lifecycle.md): each profile's account in the page's partition, by the service's name.
 * None for any other page.
 */
export function servicesForRolePage(
  profiles: readonly ServiceProfile[],
  partition: Partition,
  route: string,
): KnownService[] {
  if (roleNameFromPath(route, 'details') === null) return [];
  const services: KnownService[] = [];
  for (const profile of profiles) {
    const accountId = serviceAccountIn(profile, partition);
    if (accountId && !services.some((s) => s.accountId === accountId && s.name === profile.name))
      services.push({ name: profile.name, accountId });
  }
  return services.slice(0, MAX_CONNECTION_VIEWS);
}

export type RoleMissingEvent = Extract<Message, { type: 'content.roleMissing' }>;

/** Whether what a page showed proves the role gone: its page's not-found error, or a whole list without it. */
export function roleMissingShown(event: RoleMissingEvent): boolean {
  if (event.shownText !== undefined) return notFoundShown(event.shownText, event.roleName);
  const listed = event.listed;
  return !!listed && listed.total === listed.names.length && !listed.names.includes(event.roleName);
}

/**
 * A role deleted outside Crossrole, noticed on its page or the roles list and confirmed by the
 * customer in the panel: a disconnect already read back, with reason `role-not-found` and no
 * policy to delete (what is left of them is the customer's to tidy).
 */
export function planRoleMissing(
  connection: Connection,
  event: RoleMissingEvent,
  sender: ConsoleSender,
  options: { id: string; now: number },
): { ok: true; value: Setup } | { ok: false; error: string } {
  if (connection.partition !== sender.partition || connection.roleName !== event.roleName)
    return { ok: false, error: 'This page is not about that connection.' };
  const account = accountIdFromHost(sender.host) ?? pageAccount(event.sessionAccountId);
  if (account !== connection.accountId)
    return {
      ok: false,
      error: `This console is not signed in to account ${connection.accountId}.`,
    };
  if (!roleMissingShown(event))
    return { ok: false, error: `The page does not show that role ${event.roleName} is gone.` };
  const planned = planDisconnect(connection, options);
  if (!planned.ok) return planned;
  return {
    ok: true,
    value: {
      ...planned.value,
      tabId: sender.tabId,
      consoleHost: sender.host,
      policiesToDelete: [],
      disconnectReason: 'role-not-found',
    },
  };
}

export type PolicyShownEvent = Extract<Message, { type: 'content.policyShown' }>;

/**
 * What an update's custom policy page showed (docs/lifecycle.md). The profile's document: the
 * policy is read back right, and the tab goes on to the next policy or back to the role's page,
 * whose read-back then reports (a new default version as a `policy-version` change). Another
 * document: the page offers "Update policy", or, when IAM already keeps five versions, says
 * which one to delete first. A version id is only ever one the page showed.
 */
export function applyPolicyShown(
  setup: Setup | null,
  event: PolicyShownEvent,
  sender: ConsoleSender,
): Step {
  const notHere = senderProblem(setup, sender);
  if (notHere || !setup) return refusedStep(notHere ?? 'No setup runs in this tab.');
  if (setup.mode !== 'update-role' || setup.state !== 'arn-captured')
    return refusedStep('This tab is not checking a connected role.');
  const planned = setup.customPolicies.find((p) => p.name === event.policyName);
  if (!planned || !setup.accountId)
    return refusedStep(`Policy ${event.policyName} is not one this update checks.`);
  if (event.documentText === null)
    return refusedStep(`The page does not show the document of ${event.policyName}.`);
  const { versions, defaultVersion } = parseVersionRows(event.versionRows);
  const same = samePolicyDocument(event.documentText, planned.document);
  const seen = setup.checkedPolicies?.[planned.name];
  // A new version is reported only from and to ids the page showed: a document that differs, or
  // differed at the last read, needs the default version read.
  if ((!same || (seen && !seen.same)) && !defaultVersion)
    return refusedStep(
      `The page does not show which version of ${planned.name} is the default: open its Policy versions tab, then read the policy again.`,
    );
  const checked: Setup = {
    ...setup,
    checkedPolicies: {
      ...setup.checkedPolicies,
      [planned.name]: { first: seen?.first ?? defaultVersion, now: defaultVersion, same },
    },
  };
  if (!same) {
    // IAM refuses a sixth version: the oldest that is not the default goes first.
    const oldest = versions
      .filter((v) => v !== defaultVersion)
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))[0];
    const full = versions.length >= MAX_POLICY_VERSIONS && oldest;
    const step = acceptedStep(checked);
    if (!step.reply.ok || !step.reply.value) return step;
    return {
      ...step,
      reply: {
        ...step.reply,
        value: {
          ...step.reply.value,
          policyDiffers: true,
          ...(full ? { versionToDelete: oldest } : {}),
        },
      },
    };
  }
  const next = policyToCheck(checked);
  const url = next
    ? policyDetailsUrl(setup.partition, next, sender.host)
    : roleDetailsUrl(setup.partition, setup.roleName, 'permissions', sender.host);
  return acceptedStep(checked, { next: { hash: new URL(url).hash } });
}
