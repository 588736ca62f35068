// Delivering reports (docs/vendors.md §3): a durable queue in storage.local, one POST per due report
// with the setup id as Idempotency-Key, exponential backoff through `alarms` (timers die with
// the worker), Retry-After honoured, 24 hours at most, refusals kept with the service's words.
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { browser, browserName } from '../platform/browser.ts';
import { isDevelopmentReportUrl } from '../core/profile.ts';
import { developmentBuild } from 'virtual:crossrole/build';
import {
  nextBackoffMs,
  REPORT_RETRY_WINDOW_MS,
  REPORT_SCHEMA_VERSION,
  REPORT_TIMEOUT_MS,
  type RoleEventReport,
  type RoleReport,
  type RoleUpdatedReport,
} from '../core/report.ts';
import { disconnectReport } from '../core/lifecycle.ts';
import { updateChanges } from '../core/role-update.ts';
import { freshDelivery, type Setup } from '../core/setup.ts';
import { tokenProblem } from '../core/token.ts';
import { getSetup, getToken, loadSetups, storageReady, sweepTokens, updateSetup } from './store.ts';
import { postReport, type PostOutcome } from './transport.ts';

export const DELIVERY_ALARM = 'crossrole-delivery';

const client = (): RoleReport['client'] => ({
  name: 'crossrole',
  version: browser.runtime.getManifest().version,
  browser: browserName(),
});

/** The report a setup sends: role.connected, or a later event about its connection. */
export function buildReport(setup: Setup): RoleEventReport | null {
  if (setup.mode === 'disconnect') return disconnectReport(setup, client());
  if (setup.mode === 'update-role') return updatedReport(setup);
  return connectedReport(setup);
}

/** role.updated: what the update's read-back shows IAM holds now, and what changed since. */
function updatedReport(setup: Setup): RoleUpdatedReport | null {
  const connected = connectedReport(setup);
  const changes = updateChanges(setup);
  if (!connected || !setup.connectionId || changes.length === 0) return null;
  const { event: _event, capturedAt, ...now } = connected;
  return {
    ...now,
    event: 'role.updated',
    connectionId: setup.connectionId,
    permissionsVerified: setup.permissionsVerified ?? false,
    updatedAt: capturedAt,
    changes,
  };
}

function connectedReport(setup: Setup): RoleReport | null {
  if (!setup.roleArn || !setup.accountId || !setup.capturedAt) return null;
  const accountId = setup.accountId;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    event: 'role.connected',
    setupId: setup.id,
    profileId: setup.profileId,
    roleArn: setup.roleArn,
    accountId,
    partition: setup.partition,
    externalId: setup.externalId,
    accessLevel: setup.levelId,
    options: setup.optionIds,
    // What the role page listed, never the plan; a setup saved before read-back sends none.
    policyArns: setup.policyArns ?? [],
    ...(setup.otherPolicyNames?.length ? { otherPolicyNames: setup.otherPolicyNames } : {}),
    trustPolicyVerified: setup.trustPolicyVerified,
    permissionsVerified: setup.permissionsVerified ?? false,
    capturedAt: setup.capturedAt,
    // Read back from the role page (docs/guardrails.md): only what IAM showed is said.
    ...(setup.roleTags ? { tags: setup.roleTags } : {}),
    ...(setup.roleBoundaryArn ? { permissionsBoundaryArn: setup.roleBoundaryArn } : {}),
    ...(setup.sessionDurationSeconds
      ? { maxSessionDurationSeconds: setup.sessionDurationSeconds }
      : {}),
    ...(setup.organization ? { organization: setup.organization } : {}),
    client: client(),
  };
}

/** "Retry now": a refused or expired report gets a new 24-hour window; a queued one goes now. */
export async function retryNow(
  setupId: string,
): Promise<{ ok: true; value: null } | { ok: false; error: string }> {
  const setup = await getSetup(setupId);
  if (setup?.mode === 'access-keys') {
    return {
      ok: false,
      error: 'An access key is sent once and then forgotten: create another key.',
    };
  }
  if (!setup?.delivery || setup.delivery.status === 'delivered')
    return { ok: false, error: 'Nothing to retry for this setup.' };
  if (setup.hasToken && (await getToken(setupId)) === null) {
    // The token went with the refusal or the expiry (store.ts): it is never kept past its use.
    return {
      ok: false,
      error: `The connection code's token was forgotten when this report ended: ask ${setup.serviceName} for a new connection code and connect again.`,
    };
  }
  await updateSetup(setupId, (s) => {
    if (!s.delivery) return s;
    const renewed = s.delivery.status === 'refused' || s.delivery.status === 'expired';
    return {
      ...s,
      state: s.state === 'failed' ? 'verified' : s.state,
      delivery: renewed
        ? { ...freshDelivery(Date.now()), attempts: s.delivery.attempts }
        : { ...s.delivery, status: 'queued', nextAttemptAt: Date.now() },
    };
  });
  await deliverDue();
  return { ok: true, value: null };
}

let running: Promise<void> | null = null;
let requested = false;

/**
 * Sends every due report, then sets the alarm for the next one. Safe to call at any time: a call
 * during a run (a report queued while the run was clearing its alarm, say) makes the run go
 * round once more before it ends, so nothing queued waits for the next worker start.
 */
export function deliverDue(): Promise<void> {
  requested = true;
  running ??= (async () => {
    try {
      while (requested) {
        requested = false;
        await deliveryRun();
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** A notification's words in the browser's language (public/_locales), English outside one. */
function say(key: 'notifyConnectedTitle' | 'notifyConnected', ...values: string[]): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key);
  } catch {
    // No extension context (unit tests).
  }
  return (text || english[key].message).replace(
    /\{(\d)\}/g,
    (_, n: string) => values[Number(n) - 1] ?? '',
  );
}

async function deliveryRun(): Promise<void> {
  // What an older version left without its delivery record is queued by the upgrade.
  await storageReady();
  // Loop: a report queued while we were sending is picked up before we stop.
  for (let round = 0; round < 20; round += 1) {
    const now = Date.now();
    const setups = await loadSetups();
    const due = setups.filter(
      (s) =>
        s.delivery &&
        (s.delivery.status === 'queued' || s.delivery.status === 'sending') &&
        (s.delivery.nextAttemptAt ?? 0) <= now &&
        !waitsForEarlier(s, setups),
    );
    if (due.length === 0) break;
    await Promise.all(due.map((s) => attempt(s.id)));
  }
  await scheduleNext();
  await sweepTokens();
}

/** The connection a report is about: its own id for role.connected, else `connectionId`. */
const connectionOfReport = (setup: Setup): string => setup.connectionId ?? setup.id;

/**
 * A connection's events go in the order they happened (docs/lifecycle.md): one waits while an
 * earlier event of the same connection is still on its way. A refused or expired one is over,
 * and the next goes.
 */
function waitsForEarlier(setup: Setup, setups: readonly Setup[]): boolean {
  const connection = connectionOfReport(setup);
  return setups.some(
    (other) =>
      other.id !== setup.id &&
      connectionOfReport(other) === connection &&
      other.createdAt < setup.createdAt &&
      (other.delivery?.status === 'queued' || other.delivery?.status === 'sending'),
  );
}

async function scheduleNext(): Promise<void> {
  const next = (await loadSetups())
    .map((s) =>
      s.delivery?.status === 'queued' || s.delivery?.status === 'sending'
        ? s.delivery.nextAttemptAt
        : null,
    )
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b)[0];
  if (next === undefined) {
    await browser.alarms.clear(DELIVERY_ALARM);
    return;
  }
  // The alarm is the durable schedule (it survives the worker and the browser). Chrome fires
  // alarms at most every 30 s, so a sooner retry also gets a timer while this worker lives.
  await browser.alarms.create(DELIVERY_ALARM, { when: Math.max(next, Date.now() + 1000) });
  const wait = next - Date.now();
  if (wait < 30_000) {
    clearTimeout(soonTimer);
    soonTimer = setTimeout(() => void deliverDue(), Math.max(0, wait));
  }
}

let soonTimer: ReturnType<typeof setTimeout> | undefined;

/** Makes sure the delivery alarm fires by `when` (without pushing an earlier one back). */
async function keepAlarmBy(when: number): Promise<void> {
  const existing = await browser.alarms.get(DELIVERY_ALARM);
  if (!existing || existing.scheduledTime > when)
    await browser.alarms.create(DELIVERY_ALARM, { when });
}

async function hasHostPermission(url: URL): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${url.protocol}//${url.hostname}/*`] });
  } catch {
    return false;
  }
}

async function attempt(setupId: string): Promise<void> {
  const setup = await getSetup(setupId);
  const report = setup && buildReport(setup);
  if (!setup?.delivery || !report) return;
  const now = Date.now();
  if (now - setup.delivery.firstQueuedAt > REPORT_RETRY_WINDOW_MS) {
    await updateSetup(setupId, (s) => ({
      ...s,
      state: 'failed',
      delivery: s.delivery && {
        ...s.delivery,
        status: 'expired',
        nextAttemptAt: null,
        lastError: 'Not delivered within 24 hours.',
      },
    }));
    return;
  }
  const url = new URL(setup.reportUrl);
  // Loopback HTTP (the local reference service) in a development build only.
  if (url.protocol !== 'https:' && !(developmentBuild && isDevelopmentReportUrl(setup.reportUrl))) {
    await settle(setupId, {
      kind: 'refused',
      httpStatus: 0,
      message: 'The report address is not HTTPS; nothing was sent.',
    });
    return;
  }
  if (!(await hasHostPermission(url))) {
    await reschedule(
      setupId,
      `Crossrole may not reach ${url.origin} yet: open Crossrole and allow it.`,
      null,
      true,
    );
    return;
  }
  await updateSetup(setupId, (s) => ({
    ...s,
    // If the worker dies mid-request, the alarm set for this time picks the report up again.
    delivery: s.delivery && {
      ...s.delivery,
      status: 'sending',
      attempts: s.delivery.attempts + 1,
      nextAttemptAt: Date.now() + REPORT_TIMEOUT_MS + 1000,
    },
  }));
  await keepAlarmBy(Date.now() + REPORT_TIMEOUT_MS + 1000);
  const token = setup.hasToken ? await getToken(setupId) : null;
  if (setup.hasToken && (token === null || tokenProblem(token))) {
    // Never quoted: the token must not reach lastError, the popup or a log.
    await settle(setupId, {
      kind: 'refused',
      httpStatus: 0,
      message:
        token === null
          ? 'The token from the connection code is gone; nothing was sent. Ask the service for a new connection code.'
          : 'The token from the connection code cannot be sent in an HTTP header; nothing was sent. Ask the service for a new connection code.',
    });
    return;
  }
  const sent = await postReport(url, report, token);
  if (sent.kind === 'unreachable') await reschedule(setupId, sent.reason, null);
  else await settle(setupId, sent.answer);
}

async function reschedule(
  setupId: string,
  reason: string,
  retryAfterMs: number | null,
  waitingForPermission = false,
): Promise<void> {
  await updateSetup(setupId, (s) => {
    if (!s.delivery) return s;
    const wait = nextBackoffMs(Math.max(1, s.delivery.attempts), retryAfterMs);
    const { waitingForPermission: _was, ...delivery } = s.delivery;
    return {
      ...s,
      delivery: {
        ...delivery,
        status: 'queued',
        lastError: reason,
        nextAttemptAt: Date.now() + wait,
        ...(waitingForPermission ? { waitingForPermission } : {}),
      },
    };
  });
}

/**
 * A host permission was granted: every report that last waited for one is due now (the try
 * checks the permission again), instead of at its next backoff.
 */
export async function deliverWaitingForPermission(): Promise<void> {
  const now = Date.now();
  for (const waiting of (await loadSetups()).filter(
    (s) => s.delivery?.status === 'queued' && s.delivery.waitingForPermission,
  )) {
    await updateSetup(waiting.id, (s) =>
      s.delivery?.status === 'queued'
        ? { ...s, delivery: { ...s.delivery, nextAttemptAt: now } }
        : s,
    );
  }
  await deliverDue();
}

async function settle(
  setupId: string,
  answer: Extract<PostOutcome, { kind: 'answered' }>['answer'],
): Promise<void> {
  if (answer.kind === 'retry') {
    await reschedule(
      setupId,
      `The service answered ${answer.reason}; Crossrole will try again.`,
      answer.retryAfterMs,
    );
    return;
  }
  const delivered = answer.kind === 'delivered';
  const saved = await updateSetup(setupId, (s) => ({
    ...s,
    state: delivered ? 'delivered' : 'failed',
    delivery: s.delivery && {
      ...s.delivery,
      status: delivered ? 'delivered' : 'refused',
      nextAttemptAt: null,
      lastError: delivered
        ? null
        : answer.httpStatus
          ? `Refused (HTTP ${answer.httpStatus}).`
          : `Refused: ${answer.message}`,
      serviceMessage: answer.message,
      serviceStatus: delivered ? answer.status : null,
      deliveredAt: delivered ? Date.now() : null,
    },
  }));
  // A service that no longer knows the connection (404) or has ended it (410) gets nothing more
  // about it: the connection's events still queued end with the same answer.
  if (saved && !delivered && (answer.httpStatus === 404 || answer.httpStatus === 410))
    await endConnectionEvents(saved, answer);
  // The token, and the connected account, went in the same write (store.ts transactSetup).
  if (!saved || !delivered || !saved.roleArn || !saved.accountId || saved.connectionId) return;
  await browser.notifications
    .create(`crossrole-${saved.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: say('notifyConnectedTitle', saved.serviceName),
      message:
        answer.kind === 'delivered' && answer.message
          ? answer.message
          : say('notifyConnected', saved.serviceName, saved.accountId),
    })
    .catch(() => undefined);
}

async function endConnectionEvents(
  refused: Setup,
  answer: Extract<PostOutcome, { kind: 'answered' }>['answer'] & { kind: 'refused' },
): Promise<void> {
  const connection = connectionOfReport(refused);
  const queued = (await loadSetups()).filter(
    (s) =>
      s.id !== refused.id &&
      connectionOfReport(s) === connection &&
      (s.delivery?.status === 'queued' || s.delivery?.status === 'sending'),
  );
  for (const later of queued) {
    await updateSetup(later.id, (s) => ({
      ...s,
      state: 'failed',
      delivery: s.delivery && {
        ...s.delivery,
        status: 'refused',
        nextAttemptAt: null,
        lastError: `Not sent: the service answered HTTP ${answer.httpStatus} to an earlier event of this connection.`,
        serviceMessage: answer.message,
      },
    }));
  }
}
