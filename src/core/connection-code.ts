// Connection codes (docs/vendors.md §2): `crossrole1.` + base64url(JSON), issued by a service per
// customer. They carry a token for the report, often the External ID, and may carry a profile.
// A code is pasted from outside Crossrole, so nothing in it may pass for something it is not: a
// carried profile never takes a built-in service's id (the confirm screen would show the carried
// service, and the built-in would run with the code's token and External ID), and a code that
// names a built-in says whose connection it is in the service's own words (`label`).
import * as z from 'zod/mini';
import { CONNECTION_CODE_PREFIX, decodeBase64Url } from './code-format.ts';
import { validateExternalId } from './external-id.ts';
import { parseProfile, type ServiceProfile } from './profile.ts';
import { CONNECTION_LABEL_MAX_CHARS } from './limits.ts';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { ReportTokenSchema } from './token.ts';
import { fail, formatPath, fromZodIssues, ok, type Result } from './result.ts';

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
        z.minLength(1, 'must not be empty'),
        z.maxLength(
          CONNECTION_LABEL_MAX_CHARS,
          `must be at most ${CONNECTION_LABEL_MAX_CHARS} characters`,
        ),
        z.regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, 'must contain only printable characters'),
      ),
  ),
  expiresAt: z.optional(
    z.iso.datetime({
      offset: true,
      message: 'must be an ISO 8601 date and time, like 2026-12-01T00:00:00Z',
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
    return fail({ path: '(code)', message: `must start with "${CONNECTION_CODE_PREFIX}"` });
  const json = decodeBase64Url(text.slice(CONNECTION_CODE_PREFIX.length));
  if (json === null)
    return fail({
      path: '(code)',
      message: `is malformed: the part after "${CONNECTION_CODE_PREFIX}" is not base64url`,
    });
  const deep = textShapeProblem(json);
  if (deep) return fail({ path: '(code)', message: deep.message });
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail({ path: '(code)', message: 'is malformed: its content is not JSON' });
  }
  const shape = shapeProblem(value);
  if (shape) return fail({ path: formatPath(shape.path), message: shape.message });
  const parsed = z.safeParse(CodeSchema, value);
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues, [], value) };
  const code = parsed.data;

  if (code.expiresAt && Date.parse(code.expiresAt) <= now.getTime()) {
    return fail({
      path: 'expiresAt',
      message: `the code expired on ${code.expiresAt}; ask the service for a new one`,
    });
  }
  let profile: ServiceProfile;
  if (typeof code.profile === 'string') {
    const found = [...known.builtin, ...known.imported].find((p) => p.id === code.profile);
    if (!found)
      return fail({
        path: 'profile',
        message: `names "${code.profile}", which is not a service Crossrole knows; the service must include its whole profile`,
      });
    profile = found;
  } else {
    const result = parseProfile(code.profile, ['profile']);
    if (!result.ok) return result;
    if (known.builtin.some((p) => p.id === result.value.id))
      return fail({
        path: 'profile.id',
        message: `is "${result.value.id}", a service built into Crossrole: a code may name it by id, but never carry a profile of its own under that id (Crossrole would show one service and connect another)`,
      });
    profile = result.value;
  }
  if (code.externalId !== undefined) {
    const problem = validateExternalId(code.externalId);
    if (problem) return fail({ path: 'externalId', message: problem });
  } else if (profile.externalId.source === 'service') {
    return fail({
      path: 'externalId',
      message: `is required: ${profile.name} issues the External ID`,
    });
  }
  if (profile.report.auth === 'token' && code.token === undefined) {
    return fail({
      path: 'token',
      message: `is required: ${profile.name} authenticates reports with a token`,
    });
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
