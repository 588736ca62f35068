// Every bound on what Crossrole keeps, in one place. storage.local is small (Chrome's QUOTA_BYTES
// is 5 MB up to Chrome 113 and 10 MB after), and a captured Role ARN must always fit: imports and
// new setups are refused before they would eat into a reserve, and finished setups are pruned.

/** An imported profile, as stored: the UTF-8 bytes of its JSON. */
export const MAX_IMPORTED_PROFILE_BYTES = 64 * 1024;
/** Imported services kept at once (built-in ones do not count). */
export const MAX_IMPORTED_PROFILES = 20;

/** storage.local's quota when the browser does not say (Chrome 111–113; Firefox has none). */
export const DEFAULT_STORAGE_QUOTA_BYTES = 5 * 1024 * 1024;
/** Kept free for what must never be lost: captured ARNs, delivery state, connections. */
export const STORAGE_RESERVE_BYTES = 1024 * 1024;
/** The most a new setup can take: 10 custom policies of 6,144 characters, the trust policy, texts. */
export const MAX_SETUP_BYTES = 96 * 1024;

/** Finished setups (delivered, failed, discarded) are forgotten this long after their last change… */
export const FINISHED_SETUP_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** …and only this many of the newest are kept. */
export const MAX_FINISHED_SETUPS = 50;

/** How long the background remembers the outcome of a popup request, for a retry of it. */
export const REQUEST_OUTCOME_TTL_MS = 10 * 60 * 1000;
/** How many remembered outcomes at most (the oldest go first). */
export const MAX_REQUEST_OUTCOMES = 100;
/** The popup's tries of one request whose reply was lost, and the first wait between them. */
export const REQUEST_TRIES = 4;
export const REQUEST_RETRY_BASE_MS = 250;

/** A connection code's `label`, in characters. */
export const CONNECTION_LABEL_MAX_CHARS = 100;

/** UTF-8 bytes of a value's JSON, as storage.local counts it. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

/** How long a link picked up in the console waits for the customer's review (storage.session). */
export const LINK_PENDING_TTL_MS = 15 * 60 * 1000;
/** Links waiting at once, across tabs (a newer link from the same tab replaces the older). */
export const MAX_PENDING_LINKS = 3;
/**
 * The link window's Confirm and allow stays disabled this long after it shows a link: a page that
 * reloads itself to pop the window up cannot have a click meant for the page land on it.
 */
export const LINK_CONFIRM_DELAY_MS = 1000;
