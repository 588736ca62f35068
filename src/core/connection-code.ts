// Connection codes (docs/vendors.md §2): `crossrole1.` + base64url(JSON), issued by a service per
// customer. They carry a token for the report, often the External ID, and may carry a profile.
// A code is pasted from outside Crossrole, so nothing in it may pass for something it is not: a
// carried profile never takes a built-in service's id (the confirm screen would show the carried
// service, and the built-in would run with the code's token and External ID), and a code that
// names a built-in says whose connection it is in the service's own words (`label`).
import * as z from 'zod/mini';
import { CONNECTION_CODE_PREFIX, decodeBase64Url } from './code-format.ts';
import { externalIdProblem } from './external-id.ts';
import { parseProfile, type ServiceProfile } from './profile.ts';
import { CONNECTION_LABEL_MAX_CHARS } from './limits.ts';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { ReportTokenSchema } from './token.ts';
import { coded, problem, type Problem } from './problems.ts';
import { fail, fieldError, formatPath, fromZodIssues, ok, type Result } from './result.ts';

const refuse = <T>(path: string, p: Problem): Result<T> => fail(fieldError(path, p));

export { CONNECTION_CODE_PREFIX };

const CodeSchema = z.strictObject({
  profile: z.union([z.string().check(z.minLength(1)), z.record(z.string(), z.unknown())]),
  token: z.optional(ReportTokenSchema),
  externalId: z.optional(z.string()),
  /** Whose connection this is, in the service's words ("Acme Corp — workspace 42"). */
  label: z.optional(
    z
      .string()
      .check(
        z.minLength(1, coded(problem('nameEmpty'))),
        z.maxLength(
          CONNECTION_LABEL_MAX_CHARS,
          coded(problem('maxChars', { max: CONNECTION_LABEL_MAX_CHARS })),
        ),
        z.regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, coded(problem('printableOnly'))),
      ),
  ),
  expiresAt: z.optional(
    z.iso.datetime({
      offset: true,
      message: coded(problem('isoDateTime')),
    }),
  ),
});

export type ConnectionCode = {
  profile: ServiceProfile;
  /** True when the code carried the whole profile (to be confirmed like an import). */
  profileIncluded: boolean;
  token: string | null;
  externalId: string | null;
  /** The service's words for whose connection this is, or null when the code has none. */
  label: string | null;
  expiresAt: string | null;
};

/** The profiles a code may name by id, told apart: built-in ids are never taken by a carried profile. */
export type KnownProfiles = {
  builtin: readonly ServiceProfile[];
  imported: readonly ServiceProfile[];
};

export function looksLikeConnectionCode(text: string): boolean {
  return text.trim().startsWith(CONNECTION_CODE_PREFIX);
}

export function encodeConnectionCode(content: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(content));
  // In chunks: spreading a whole embedded profile (hundreds of KB) overflows the call stack.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const base64 = btoa(binary);
  return CONNECTION_CODE_PREFIX + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `known` are the profiles a code may name by id (built in, or already imported). */
export function parseConnectionCode(
  input: string,
  known: KnownProfiles,
  now: Date,
): Result<ConnectionCode> {
  const text = input.trim();
  if (!text.startsWith(CONNECTION_CODE_PREFIX))
    return refuse('(code)', problem('codePrefix', { prefix: CONNECTION_CODE_PREFIX }));
  const json = decodeBase64Url(text.slice(CONNECTION_CODE_PREFIX.length));
  if (json === null)
    return refuse('(code)', problem('codeNotBase64', { prefix: CONNECTION_CODE_PREFIX }));
  const deep = textShapeProblem(json);
  if (deep) return refuse('(code)', deep.problem);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse('(code)', problem('codeNotJson'));
  }
  const shape = shapeProblem(value);
  if (shape) return refuse(formatPath(shape.path), shape.problem);
  const parsed = z.safeParse(CodeSchema, value);
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues, [], value) };
  const code = parsed.data;

  if (code.expiresAt && Date.parse(code.expiresAt) <= now.getTime()) {
    return refuse('expiresAt', problem('codeExpired', { date: code.expiresAt }));
  }
  let profile: ServiceProfile;
  if (typeof code.profile === 'string') {
    const found = [...known.builtin, ...known.imported].find((p) => p.id === code.profile);
    if (!found) return refuse('profile', problem('codeUnknownProfile', { id: code.profile }));
    profile = found;
  } else {
    const result = parseProfile(code.profile, ['profile']);
    if (!result.ok) return result;
    if (known.builtin.some((p) => p.id === result.value.id))
      return refuse('profile.id', problem('codeBuiltinProfileId', { id: result.value.id }));
    profile = result.value;
  }
  if (code.externalId !== undefined) {
    const wrong = externalIdProblem(code.externalId);
    if (wrong) return refuse('externalId', wrong);
  } else if (profile.externalId.source === 'service') {
    return refuse('externalId', problem('codeExternalIdRequired', { service: profile.name }));
  }
  if (profile.report.auth === 'token' && code.token === undefined) {
    return refuse('token', problem('codeTokenRequired', { service: profile.name }));
  }
  return ok({
    profile,
    profileIncluded: typeof code.profile !== 'string',
    token: code.token ?? null,
    externalId: code.externalId ?? null,
    label: code.label ?? null,
    expiresAt: code.expiresAt ?? null,
  });
}
