// The one way a report leaves the extension (docs/vendors.md §3, §4): a POST of JSON to the
// profile's report URL with the setup id as Idempotency-Key, the token as a Bearer header when
// the service gave one, no cookies, no redirect followed, a timeout; the answer read into the
// classes of src/core/report.ts (delivered, refused, retry with Retry-After). Role reports
// (delivery.ts) keep retrying through alarms; access keys (access-keys.ts) only briefly, in memory.
import { classifyAnswer, isRedirect, redirectRefusal, REPORT_TIMEOUT_MS } from '../core/report.ts';
import type { Answer } from '../core/report.ts';

/** What came of one POST: the service's answer, or why there was none (to be retried). */
export type PostOutcome =
  | { kind: 'answered'; answer: Answer; redirected: boolean }
  | { kind: 'unreachable'; reason: string };

export async function postReport(
  url: URL,
  report: { setupId: string },
  token: string | null,
): Promise<PostOutcome> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Idempotency-Key': report.setupId,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(report),
      credentials: 'omit',
      // Not 'error': a refused redirect would look like a network error and be retried.
      redirect: 'manual',
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'network error';
    return {
      kind: 'unreachable',
      reason:
        error instanceof DOMException && error.name === 'TimeoutError'
          ? 'The service did not answer in time.'
          : // Never the token, even when the error quotes it.
            `The service could not be reached (${token ? detail.split(token).join('…') : detail}).`,
    };
  }
  if (isRedirect(response))
    return { kind: 'answered', answer: redirectRefusal(response.status), redirected: true };
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // No JSON body: the status alone decides.
  }
  return {
    kind: 'answered',
    answer: classifyAnswer(response.status, body, response.headers.get('Retry-After'), Date.now()),
    redirected: false,
  };
}
