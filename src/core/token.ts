// The report token a connection code carries (docs/vendors.md §2): opaque to Crossrole, but it goes
// into an `Authorization: Bearer` header, so only header-safe text is accepted where it enters
// (the connection code, the setup.start message) and where it leaves (delivery).
import * as z from 'zod/mini';

export const TOKEN_MAX_CHARS = 4096;

/** Visible ASCII only: no space, CR, LF or other control character can end up in a header. */
const HEADER_SAFE = /^[\x21-\x7e]*$/;

export const TOKEN_RULE = `must be 1–${TOKEN_MAX_CHARS} visible ASCII characters (no spaces, line breaks or control characters): it is sent in an HTTP header`;

/** The problem with a token, in words that never quote it; null when it is usable. */
export function tokenProblem(token: string): string | null {
  return token.length >= 1 && token.length <= TOKEN_MAX_CHARS && HEADER_SAFE.test(token)
    ? null
    : TOKEN_RULE;
}

export const ReportTokenSchema = z.string().check(
  z.superRefine((token, ctx) => {
    const problem = tokenProblem(token);
    // No `input`: the token is a secret and must not travel with the issue.
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: undefined });
  }),
);
