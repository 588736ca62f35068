// The access-keys method (docs/vendors.md §4): the one place that ever sends an IAM user's secret
// access key. It arrives from the Retrieve access keys page when the customer presses "Send",
// is checked against the setup like a role ARN, sent once to the profile's report URL over
// HTTPS, and forgotten: it is never written to storage, logged or put on the clipboard. If the
// worker stops before delivery, the secret is gone with it; the customer is told to deactivate
// that key and create another.
import { browser, browserName } from '../platform/browser.ts';
import { deactivateKey, settleAccessKey, type Effect, type EventReply } from '../core/machine.ts';
import { ACCESS_KEY_SEND_WINDOW_MS, nextBackoffMs, type AccessKeyReport } from '../core/report.ts';
import { isDevelopmentReportUrl } from '../core/profile.ts';
import { developmentBuild } from 'virtual:crossrole/build';
import { dropToken, getSetup, getToken, transactSetup } from './store.ts';
import { postReport } from './transport.ts';

/**
 * Sends a key the state machine accepted (src/core/machine.ts checked the setup, the sender, the
 * account and the ARN, and built the report), then settles the setup with the answer in one
 * storage step. The token goes once the key was tried: a key is sent only once.
 */
export async function sendAccessKey(
  effect: Extract<Effect, { type: 'send-access-key' }>,
): Promise<EventReply> {
  const url = new URL(effect.url);
  // Loopback HTTP (the reference service) only in the development build: docs/vendors.md §5.
  if (url.protocol !== 'https:' && !(developmentBuild && isDevelopmentReportUrl(effect.url)))
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
    ...effect.report,
    client: {
      name: 'crossrole',
      version: browser.runtime.getManifest().version,
      browser: browserName(),
    },
  };
  const setupId = report.setupId;
  const hasToken = (await getSetup(setupId))?.hasToken ?? false;
  const result = await sendOnce(url, report, hasToken ? await getToken(setupId) : null);
  await dropToken(setupId);
  const { result: reply } = await transactSetup(setupId, (setup) => {
    const settled = setup ? settleAccessKey(setup, report, result, Date.now()) : null;
    return {
      next: settled?.next ?? null,
      // The setup was discarded meanwhile: the customer still learns what became of the key.
      result:
        settled?.reply ??
        (result.ok
          ? ({ ok: true, value: null } as const)
          : { ok: false as const, error: `${result.error} ${deactivateKey(report.accessKeyId)}` }),
    };
  });
  return reply;
}

/**
 * One report, with a short in-memory retry for network errors and answers worth retrying, with
 * the same backoff and Retry-After as role reports, never past a minute (the key is in memory).
 */
async function sendOnce(
  url: URL,
  report: AccessKeyReport,
  token: string | null,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const deadline = Date.now() + ACCESS_KEY_SEND_WINDOW_MS;
  for (let attempt = 1; ; attempt += 1) {
    // The same Idempotency-Key makes a retry safe.
    const sent = await postReport(url, report, token);
    const answer = sent.kind === 'answered' ? sent.answer : null;
    if (answer?.kind === 'delivered') return { ok: true };
    // The status only: a refusal's body may echo the request, and this text is stored.
    if (answer?.kind === 'refused')
      return {
        ok: false,
        error:
          sent.kind === 'answered' && sent.redirected
            ? answer.message
            : `The service refused the key (HTTP ${answer.httpStatus}).`,
      };
    const wait = nextBackoffMs(attempt, answer?.kind === 'retry' ? answer.retryAfterMs : null);
    if (Date.now() + wait > deadline)
      return { ok: false, error: 'The service could not be reached.' };
    await new Promise((r) => setTimeout(r, wait));
  }
}
