// The signed-in account, from the navigation bar's `awsc-session-data` (aws-console.md §7).
// DOM content is untrusted: parsed with zod, and the background re-checks it against the host.
import * as z from 'zod/mini';

const SessionData = z.object({ accountId: z.string().check(z.regex(/^\d{12}$/)) });

export function sessionAccountId(doc: Document = document): string | null {
  const content = doc.querySelector('meta[name="awsc-session-data"]')?.getAttribute('content');
  if (content) {
    try {
      const parsed = z.safeParse(SessionData, JSON.parse(content));
      if (parsed.success) return parsed.data.accountId;
    } catch {
      // Fall through to the account menu.
    }
  }
  const copy = doc.querySelector(
    '[data-testid="account-detail-menu"] [data-testid="awsc-copy-accountid"]',
  )?.textContent;
  const digits = (copy ?? '').replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}
