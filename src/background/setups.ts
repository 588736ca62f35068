// Setup sessions: created by the popup, tied to the console tab they run in, moved through the
// state machine (src/core/machine.ts) by what the content scripts report. Each event is read,
// decided and saved in one storage step; the effects the machine returns (queue a report, send
// an access key) run after it. The background decides; the page only tells.
import { browser } from '../platform/browser.ts';
import type { TrustVerdict } from '../core/content-setup.ts';
import {
  applyEvent,
  applyStackSetEvent,
  isOrganizationSetup,
  judgeTrust as judge,
  nextPath,
  pageAccount,
  planSetup,
  startUrl,
  type ConsoleSender,
  type ContentEvent,
  type Effect,
  type EventReply,
  type Outcome,
  type StackSetEvent,
} from '../core/machine.ts';
import { memberSetupId, stackSetNameFromRoute } from '../core/organization.ts';
import { accountIdFromHost } from '../core/partition.ts';
import type { Connection, Message, SetupStartInput, SetupStarted } from '../core/messages.ts';
import { problem, type Problem } from '../core/problems.ts';
import { refusal } from '../core/refusal.ts';
import type { Setup, SetupState } from '../core/setup.ts';
import {
  applyDisconnectEvent,
  applyPolicyShown,
  disconnectUrl,
  planDisconnect,
  planRoleMissing,
  type DisconnectEvent,
  type PolicyShownEvent,
  type RoleMissingEvent,
} from '../core/lifecycle.ts';
import { planUpdate, updateUrl } from '../core/role-update.ts';
import { freshDelivery } from '../core/setup.ts';
import { sendAccessKey } from './access-keys.ts';
import { getConsoleTab, rememberConsoleTab } from './console-tabs.ts';
import { deliverDue } from './delivery.ts';
import { findProfile } from './profiles.ts';
import type { ConsoleService } from './senders.ts';
import {
  addSetup,
  dropToken,
  getSetup,
  getToken,
  loadConnections,
  loadSetups,
  removeSetup,
  saveCustomerTags,
  transactSetup,
  updateSetup,
} from './store.ts';

export type { ConsoleSender } from '../core/machine.ts';
export { toContentSetup } from '../core/machine.ts';

const refuse = (p: Problem): Outcome<never> => refusal(p);

/**
 * The token of the organization setup a management account's setup completes (the same service,
 * External ID and partition), so that its report carries it too (docs/organizations.md).
 */
async function organizationToken(input: SetupStartInput): Promise<string | null> {
  if (input.mode !== 'create-role' || !input.managementOf) return null;
  const org = await getSetup(input.managementOf);
  const same =
    org?.mode === 'organization' &&
    org.state !== 'discarded' &&
    org.profileId === input.profileId &&
    org.externalId === input.externalId &&
    org.partition === input.partition;
  return same ? getToken(org.id) : null;
}

/**
 * Starts a setup with id `id`. The same id again (the popup's request repeated after the worker
 * stopped mid-start) finishes that setup, opening its tab if none was recorded, and starts none.
 * `in-place` (a link's setup, links.ts) continues in the console tab `input.tabId` as it is: no
 * new tab and no reload; the tab's content script is told to run again (`continueInTab`).
 */
export async function startSetup(
  input: SetupStartInput,
  id: string = crypto.randomUUID(),
  place: 'navigate' | 'in-place' = 'navigate',
): Promise<Outcome<SetupStarted>> {
  const existing = await getSetup(id);
  if (existing) {
    const url = startUrl(existing);
    if (existing.tabId === null) await openTab(existing.id, url);
    else if (place === 'in-place') await continueInTab(existing.tabId, url);
    return { ok: true, value: { setupId: existing.id, url } };
  }
  const profile = await findProfile(input.profileId);
  if (!profile) return refuse(problem('unknownService', { id: input.profileId }));
  // Continue in the customer's current tab only when it is a console tab of that partition.
  // An organization's stack set is created in CloudFormation, in a tab of its own (planSetup).
  const current =
    input.tabId === undefined || input.mode === 'organization'
      ? null
      : await getConsoleTab(input.tabId);
  const reuse = current && current.partition === input.partition ? current : null;
  if (place === 'in-place' && !reuse) return refuse(problem('consoleTabGone'));
  const token = input.token ?? (await organizationToken(input));
  const planned = planSetup(profile, token ? { ...input, token } : input, {
    id,
    now: Date.now(),
    reuse,
  });
  if (!planned.ok) return planned;
  const { setup, url } = planned.value;
  await addSetup(setup, token);
  // The customer's own tags, offered again next time (they were checked with the plan).
  if (input.mode === 'create-role') await saveCustomerTags(input.tags ?? []);
  if (reuse && place === 'in-place') {
    await continueInTab(reuse.tabId, url);
  } else if (reuse) {
    await browser.tabs.update(reuse.tabId, { url, active: true });
  } else {
    await openTab(setup.id, url);
  }
  return { ok: true, value: { setupId: setup.id, url } };
}

/**
 * Brings the console tab forward and tells its content script that a setup runs in it
 * (`background.setupReady`, src/core/content-setup.ts) with the hash route where the setup
 * begins: the script re-runs its route handling on the page as it is. Only when no content
 * script answers (the tab left the console) is the tab sent to the setup's URL.
 */
async function continueInTab(tabId: number, url: string): Promise<void> {
  try {
    const tab = await browser.tabs.update(tabId, { active: true });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  } catch {
    // The tab is gone; the message below fails too, and the URL is opened.
  }
  let told = false;
  try {
    const answer: unknown = await browser.tabs.sendMessage(
      tabId,
      { type: 'background.setupReady', hash: new URL(url).hash },
      { frameId: 0 },
    );
    told = (answer as { ok?: unknown } | undefined)?.ok === true;
  } catch {
    // No content script in that tab.
  }
  if (!told) await browser.tabs.update(tabId, { url, active: true }).catch(() => undefined);
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

/** Where a console tab is, as its `content.hello` says (the console from the browser's URL). */
export type TabPage = {
  console: ConsoleService;
  route: string;
  sessionAccountId?: string | null | undefined;
};

/**
 * Whether a setup whose own tab is gone may continue in this page: an IAM setup on any IAM page;
 * an organization setup on any CloudFormation page until its stack set exists, then only on that
 * stack set's page (`#/stacksets/<name>/…`) signed in to its account, so that coming back later
 * reports the accounts that joined since (docs/organizations.md, "The flow").
 */
function mayContinueIn(setup: Setup, sender: ConsoleSender, page: TabPage): boolean {
  if (!readsStackSet(setup)) return true;
  if (stackSetNameFromRoute(page.route) !== setup.stackSet?.stackSetName) return false;
  const shown = [accountIdFromHost(sender.host), pageAccount(page.sessionAccountId)];
  return shown.every(
    (account) => account === null || account === setup.stackSet?.managementAccountId,
  );
}

/** An organization setup whose stack set exists: what remains is reading its page. */
const readsStackSet = (setup: Setup): boolean => !!setup.stackSet && setup.state !== 'started';

/**
 * The setup a console tab works on: the one opened in it, or else the newest unfinished setup of
 * that partition and console whose own tab is gone (the customer closed it or went on in another
 * tab, or, for a created stack set, opened its page again in another). IAM pages get IAM setups,
 * CloudFormation pages organization setups.
 */
export async function setupForTab(
  sender: ConsoleSender,
  page: TabPage = { console: 'iam', route: '' },
): Promise<Setup | null> {
  const setups = (await loadSetups()).filter(
    (s) =>
      ACTIVE.includes(s.state) &&
      s.partition === sender.partition &&
      isOrganizationSetup(s) === (page.console === 'cloudformation'),
  );
  const own = setups
    .filter((s) => s.tabId === sender.tabId)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (own) return own;
  for (const candidate of setups.sort((a, b) => b.createdAt - a.createdAt)) {
    // A created stack set's page may be read again in another tab while the first is still open
    // (coming back later): its reads are idempotent, each account reported once.
    const tabAlive =
      !readsStackSet(candidate) &&
      candidate.tabId !== null &&
      (await getConsoleTab(candidate.tabId)) !== null;
    if (tabAlive || !mayContinueIn(candidate, sender, page)) continue;
    return updateSetup(candidate.id, (s) => ({
      ...s,
      tabId: sender.tabId,
      consoleHost: sender.host,
    }));
  }
  return null;
}

/**
 * A console event: decided by the state machine and saved in one storage step, then its effects.
 * When the reply sends the tab on, the tab's route is recorded here, so the content script
 * need not announce the page it was sent to.
 */
export async function handleContentEvent(
  event: ContentEvent | DisconnectEvent | PolicyShownEvent,
  sender: ConsoleSender,
): Promise<EventReply> {
  const now = Date.now();
  const { result: step } = await transactSetup(event.setupId, (setup) => {
    // A disconnect's and an update's policy read-backs are decided by src/core/lifecycle.ts,
    // every other by the machine.
    const step =
      event.type === 'content.policyShown'
        ? applyPolicyShown(setup, event, sender)
        : event.type === 'content.roleGone' ||
            event.type === 'content.policyGone' ||
            event.type === 'content.policyKept'
          ? applyDisconnectEvent(setup, event, sender, now)
          : applyEvent(setup, event, sender, now);
    return { next: step.next, result: step };
  });
  let reply = step.reply;
  for (const effect of step.effects) reply = await run(effect, reply);
  if (reply.ok && reply.next) {
    await rememberConsoleTab({
      tabId: sender.tabId,
      partition: sender.partition,
      host: sender.host,
      route: nextPath(reply.next),
      seenAt: Date.now(),
    });
  }
  return reply;
}

/**
 * A stack set's page or its Stack instances read back (src/core/machine.ts,
 * `applyStackSetEvent`): the organization setup and every member setup it creates are saved in
 * one storage step, so the same page read twice at once reports each account once. Member ids
 * are name-based (`memberSetupId`): computed before the step, since hashing is async.
 */
export async function handleStackSetEvent(
  event: StackSetEvent,
  sender: ConsoleSender,
): Promise<EventReply> {
  const now = Date.now();
  const accounts =
    event.type === 'content.stackInstances'
      ? [...new Set(event.instances.map((i) => i.accountId.trim()))].filter((a) =>
          /^\d{12}$/.test(a),
        )
      : [];
  const memberIds = new Map(
    await Promise.all(
      accounts.map(
        async (account) => [account, await memberSetupId(event.setupId, account)] as const,
      ),
    ),
  );
  const { result: step } = await transactSetup(event.setupId, (setup) => {
    const step = applyStackSetEvent(setup, event, sender, now, memberIds);
    return { next: step.next, result: step, added: step.members };
  });
  let reply = step.reply;
  for (const effect of step.effects) reply = await run(effect, reply);
  return reply;
}

async function run(effect: Effect, reply: EventReply): Promise<EventReply> {
  switch (effect.type) {
    case 'deliver':
      await deliverDue();
      return reply;
    case 'send-access-key':
      return sendAccessKey(effect);
  }
}

/** The verdict on a trust policy the page shows or holds (src/core/machine.ts, `judgeTrust`). */
export async function judgeTrust(
  event: Extract<Message, { type: 'content.trust' }>,
  sender: ConsoleSender,
): Promise<Outcome<TrustVerdict>> {
  return judge(await getSetup(event.setupId), event, sender);
}

export async function discardSetup(setupId: string): Promise<Outcome<null>> {
  const setup = await getSetup(setupId);
  if (!setup) return refuse(problem('unknownSetup'));
  await dropToken(setupId);
  await removeSetup(setupId);
  return { ok: true, value: null };
}

/**
 * Starts the disconnect of a connection the customer confirmed in the popup (docs/lifecycle.md):
 * its role's page opens in a new console tab, where the guide panel takes over. The same id
 * again (a repeated request) opens the tab only if none was recorded.
 */
export async function startDisconnect(
  connectionId: string,
  id: string,
): Promise<Outcome<SetupStarted>> {
  const existing = await getSetup(id);
  if (existing) {
    const url = disconnectUrl(existing);
    if (existing.tabId === null) await openTab(existing.id, url);
    return { ok: true, value: { setupId: existing.id, url } };
  }
  const connection = (await loadConnections()).find((c) => c.setupId === connectionId);
  if (!connection) return refuse(problem('unknownSetup'));
  // One disconnect of a connection at a time: the one under way is opened again.
  const running = (await loadSetups()).find(
    (s) => s.mode === 'disconnect' && s.connectionId === connectionId && s.state === 'started',
  );
  if (running) return startDisconnect(connectionId, running.id);
  const planned = planDisconnect(connection, { id, now: Date.now() });
  if (!planned.ok) return { ok: false, error: planned.error };
  await addSetup(planned.value, null);
  const url = disconnectUrl(planned.value);
  await openTab(id, url);
  return { ok: true, value: { setupId: id, url } };
}

/**
 * Starts a check and update of a connection (docs/lifecycle.md) at the level the customer chose,
 * against the service's profile today: the role's Permissions tab opens in a new console tab.
 * A check already under way for the connection is opened again instead of a second one.
 */
export async function startUpdate(
  connectionId: string,
  levelId: string,
  id: string,
): Promise<Outcome<SetupStarted>> {
  const existing = await getSetup(id);
  if (existing) {
    const url = updateUrl(existing);
    if (existing.tabId === null) await openTab(existing.id, url);
    return { ok: true, value: { setupId: existing.id, url } };
  }
  const connection = (await loadConnections()).find((c) => c.setupId === connectionId);
  if (!connection) return refuse(problem('unknownSetup'));
  const running = (await runningUpdates(connectionId)).find((s) => s.levelId === levelId);
  if (running) return startUpdate(connectionId, levelId, running.id);
  return addUpdate(connection, levelId, id, null);
}

/**
 * An update started from a connected role's own page (docs/lifecycle.md), at the connection's
 * level, in the tab the customer pressed it in: the tab's content script runs again with it. The
 * page must be of the connection's account; one check of a connection runs at a time.
 */
export async function checkInTab(
  event: Extract<Message, { type: 'content.checkConnection' }>,
  sender: ConsoleSender,
): Promise<EventReply> {
  const connection = (await loadConnections()).find((c) => c.setupId === event.connectionId);
  if (!connection) return { ok: false, error: 'Crossrole knows no such connection.' };
  const account = accountIdFromHost(sender.host) ?? pageAccount(event.sessionAccountId);
  if (connection.partition !== sender.partition || account !== connection.accountId)
    return {
      ok: false,
      error: `This console is not signed in to account ${connection.accountId}.`,
    };
  if ((await runningUpdates(connection.setupId)).length)
    return { ok: false, error: 'A check of this connection is already under way in Crossrole.' };
  const added = await addUpdate(connection, connection.levelId ?? '', crypto.randomUUID(), sender);
  return added.ok ? { ok: true, value: null } : { ok: false, error: added.error };
}

/** The updates of a connection still reading its role back. */
const runningUpdates = async (connectionId: string): Promise<Setup[]> =>
  (await loadSetups()).filter(
    (s) =>
      s.mode === 'update-role' && s.connectionId === connectionId && s.state === 'arn-captured',
  );

/**
 * An update of `connection` planned from its service's profile today and saved, then run: in the
 * console tab `tab` when given (its content script runs again), else in a new tab.
 */
async function addUpdate(
  connection: Connection,
  levelId: string,
  id: string,
  tab: ConsoleSender | null,
): Promise<Outcome<SetupStarted>> {
  const profile = await findProfile(connection.profileId);
  if (!profile) return refuse(problem('unknownService', { id: connection.profileId }));
  const planned = planUpdate(connection, profile, levelId, { id, now: Date.now() });
  if (!planned.ok) return { ok: false, error: planned.error };
  const setup: Setup = tab
    ? { ...planned.value, tabId: tab.tabId, consoleHost: tab.host }
    : planned.value;
  await addSetup(setup, null);
  const url = updateUrl(setup, tab?.host ?? null);
  if (tab) await continueInTab(tab.tabId, url);
  else await openTab(id, url);
  return { ok: true, value: { setupId: id, url } };
}

/**
 * A connected role the customer saw gone on its page or the roles list, and asked Crossrole to
 * tell its service about (docs/lifecycle.md): a disconnect read back at once, with reason
 * role-not-found, queued in the write that ends the connection. Told once per connection.
 */
export async function noticeRoleMissing(
  event: RoleMissingEvent,
  sender: ConsoleSender,
): Promise<EventReply> {
  const connection = (await loadConnections()).find((c) => c.setupId === event.connectionId);
  if (!connection) return { ok: false, error: 'Crossrole knows no such connection.' };
  const told = (await loadSetups()).some(
    (s) =>
      s.mode === 'disconnect' && s.connectionId === connection.setupId && s.state !== 'started',
  );
  if (told || connection.disconnectedAt) return { ok: true, value: null };
  const now = Date.now();
  const planned = planRoleMissing(connection, event, sender, { id: crypto.randomUUID(), now });
  if (!planned.ok) return { ok: false, error: planned.error };
  await addSetup(planned.value, null);
  await updateSetup(planned.value.id, (s) => ({
    ...s,
    state: 'verified',
    roleGoneAt: new Date(now).toISOString(),
    delivery: freshDelivery(now),
  }));
  await deliverDue();
  return { ok: true, value: null };
}
