// The access-keys method (docs/vendors.md §4): the one place that ever holds an IAM user's secret
// access key. It arrives from the Retrieve access keys page when the customer presses "Send",
// is checked against the setup like a role ARN, sent once to the profile's report URL over
// HTTPS, and forgotten: it is never written to storage, logged or put on the clipboard. If the
// worker stops before delivery, the secret is gone with it; the customer is told to deactivate
// that key and create another.
import { browser, browserName } from '../platform/browser.ts';
import { USER_ARN_IN_TEXT, formatPolicyArn, formatUserArn } from '../core/arn.ts';
import type { Message } from '../core/messages.ts';
import { accountIdFromHost } from '../core/partition.ts';
import { isDevelopmentReportUrl } from '../core/profile.ts';
import { developmentBuild } from 'virtual:crossrole/build';
import {
  ACCESS_KEY_SEND_WINDOW_MS,
  classifyAnswer,
  isRedirect,
  redirectRefusal,
  REPORT_SCHEMA_VERSION,
  REPORT_TIMEOUT_MS,
  type AccessKeyReport,
} from '../core/report.ts';
import { isFinished } from '../core/setup.ts';
import { dropToken, getSetup, getToken, updateSetup } from './store.ts';
import type { ConsoleSender } from './setups.ts';

type AccessKeyEvent = Extract<Message, { type: 'content.accessKey' }>;
type Outcome = { ok: true; value: null } | { ok: false; error: string };

export async function deliverAccessKey(
  event: AccessKeyEvent,
  sender: ConsoleSender,
): Promise<Outcome> {
  const setup = await getSetup(event.setupId);
  if (
    !setup ||
    setup.tabId !== sender.tabId ||
    setup.mode !== 'access-keys' ||
    isFinished(setup.state)
  ) {
    return { ok: false, error: 'No access-keys setup runs in this tab.' };
  }
  if (setup.state !== 'role-created')
    return { ok: false, error: 'The user has not been created in this setup yet.' };
  if (event.userName !== setup.roleName)
    return {
      ok: false,
      error: `This key belongs to "${event.userName}", not to "${setup.roleName}".`,
    };
  // The key is sent with the setup's partition: a tab of another partition is another IAM.
  if (sender.partition !== setup.partition)
    return { ok: false, error: 'This tab is in another AWS partition than the setup.' };
  const hostAccount = accountIdFromHost(sender.url.hostname);
  const accountId =
    hostAccount ??
    (event.sessionAccountId && /^\d{12}$/.test(event.sessionAccountId)
      ? event.sessionAccountId
      : null);
  if (
    !accountId ||
    (hostAccount && event.sessionAccountId && hostAccount !== event.sessionAccountId)
  ) {
    return {
      ok: false,
      error:
        'Crossrole could not tell which account the console is signed in to. Nothing was sent.',
    };
  }
  const userArn = formatUserArn(sender.partition, accountId, setup.roleName);
  // As for a role: the user's own ARN must be on the page, and no other user's.
  const shown = event.arnTexts.flatMap((t) => t.match(USER_ARN_IN_TEXT) ?? []);
  if (!shown.includes(userArn))
    return {
      ok: false,
      error: `The page does not show the user ${userArn}. Nothing was sent.`,
    };
  if (shown.some((arn) => arn !== userArn))
    return {
      ok: false,
      error: `The page shows ${shown.find((a) => a !== userArn)}, not ${userArn}. Nothing was sent.`,
    };

  const url = new URL(setup.reportUrl);
  // Secrets travel over HTTPS only; loopback HTTP is the local reference service, and only a
  // development build may use it.
  if (url.protocol !== 'https:' && !(developmentBuild && isDevelopmentReportUrl(setup.reportUrl)))
    return { ok: false, error: 'The service does not use HTTPS; the key was not sent.' };
  if (
    !(await browser.permissions
      .contains({ origins: [`${url.protocol}//${url.hostname}/*`] })
      .catch(() => false))
  ) {
    return {
      ok: false,
      error: `Crossrole may not reach ${url.origin}: open Crossrole and allow it, then create a new key.`,
    };
  }
  const report: AccessKeyReport = {
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
    capturedAt: new Date().toISOString(),
    client: {
      name: 'crossrole',
      version: browser.runtime.getManifest().version,
      browser: browserName(),
    },
  };
  const result = await sendOnce(url, report, setup.hasToken ? await getToken(setup.id) : null);
  await dropToken(setup.id);
  const deactivate = `Deactivate access key ${event.accessKeyId} in the console and create another.`;
  await updateSetup(setup.id, (s) => ({
    ...s,
    state: result.ok ? 'delivered' : 'failed',
    accountId,
    roleArn: userArn,
    capturedAt: report.capturedAt,
    problem: result.ok ? null : `${result.error} ${deactivate}`,
    delivery: {
      status: result.ok ? 'delivered' : 'refused',
      attempts: 1,
      firstQueuedAt: Date.now(),
      nextAttemptAt: null,
      lastError: result.ok ? null : result.error,
      // Never the service's own words here: an answer may echo the request, secret included.
      serviceMessage: null,
      serviceStatus: result.ok ? 'connected' : null,
      deliveredAt: result.ok ? Date.now() : null,
    },
  }));
  return result.ok
    ? { ok: true, value: null }
    : { ok: false, error: `${result.error} ${deactivate}` };
}

/** One POST, with a short in-memory retry for network errors (never past the 10-minute window). */
async function sendOnce(
  url: URL,
  report: AccessKeyReport,
  token: string | null,
): Promise<{ ok: true; message: string | null } | { ok: false; error: string }> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Idempotency-Key': report.setupId,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  const deadline = Date.now() + ACCESS_KEY_SEND_WINDOW_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(report),
        credentials: 'omit',
        // A redirect is refused for good, not retried as a network error.
        redirect: 'manual',
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      });
      if (isRedirect(response))
        return { ok: false, error: redirectRefusal(response.status).message };
      const body: unknown = await response.json().catch(() => null);
      const answer = classifyAnswer(
        response.status,
        body,
        response.headers.get('Retry-After'),
        Date.now(),
      );
      if (answer.kind === 'delivered') return { ok: true, message: null };
      // The status only: a refusal's body may echo the request, and this text is stored.
      if (answer.kind === 'refused')
        return { ok: false, error: `The service refused the key (HTTP ${response.status}).` };
    } catch {
      // Network error or timeout: the same Idempotency-Key makes a retry safe.
    }
    if (Date.now() + 2 ** attempt * 500 > deadline)
      return { ok: false, error: 'The service could not be reached.' };
    await new Promise((r) => setTimeout(r, 2 ** attempt * 500));
  }
}
