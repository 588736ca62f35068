// The signed-in account, from the navigation bar's `awsc-session-data` and its account menu
// (docs/console.md). Each source is reported on its own: the background checks they agree.
// DOM content is untrusted: checked here, and the background re-checks it against the host.

export function sessionAccountId(doc: Document = document): string | null {
  const content = doc.querySelector('meta[name="awsc-session-data"]')?.getAttribute('content');
  if (!content) return null;
  try {
    const data: unknown = JSON.parse(content);
    const id =
      typeof data === 'object' && data ? (data as { accountId?: unknown }).accountId : null;
    return typeof id === 'string' && /^\d{12}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The account the navigation bar's account menu shows (only once the menu has rendered). */
export function menuAccountId(doc: Document = document): string | null {
  const copy = doc.querySelector(
    '[data-testid="account-detail-menu"] [data-testid="awsc-copy-accountid"]',
  )?.textContent;
  const digits = (copy ?? '').replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : null;
}

/** Where the user's page's ARN is remembered for the Retrieve access keys page. */
export const USER_ARN_SHOWN = 'userArnShown';
