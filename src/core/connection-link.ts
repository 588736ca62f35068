// Connection links (docs/vendors.md §6): the console's own create-role deep link, with AWS's
// prefill parameters (src/core/console-links.ts), plus one more hash-query parameter,
// `crossrole=<connection code>`. Without Crossrole the console prefills what its own parameters
// allow; with Crossrole the link pickup (src/content/link-pickup.ts) takes the code out of the
// address bar and the customer reviews it in Crossrole's own window.
//
// The pickup bundles this module: it imports nothing that validates with zod (the code itself
// is validated in the background, as a pasted one is: src/core/imports.ts).
import { toPartition } from './arn.ts';
import { CONNECTION_CODE_PREFIX, LINK_CODE_MAX_CHARS, decodeBase64Url } from './code-format.ts';
import { createRoleUrl, parseHashRoute } from './console-links.ts';
import { partitionFromHost, type Partition } from './partition.ts';
import type { ServiceProfile } from './profile.ts';
import { problem } from './problems.ts';
import { fail, fieldError, ok, type FieldError, type Result } from './result.ts';

/** The hash-query parameter that carries the code. */
export const LINK_PARAM = 'crossrole';
/** The one route a link may open: IAM's Create role wizard. */
export const LINK_ROUTE = '/roles/create';

export type LinkOptions = {
  /** The access level the console prefills (its AWS managed policies); the default level otherwise. */
  levelId?: string;
  partition?: Partition;
  /** The console host; the partition's default otherwise. */
  host?: string | null;
  region?: string | null;
};

/**
 * The link for `code`, a connection code that carries `profile` (or names it by id) and the
 * External ID the service issued: the console prefills that External ID for a customer without
 * Crossrole, so a profile whose External ID Crossrole generates cannot have a link.
 */
export function connectionLink(
  profile: ServiceProfile,
  code: string,
  options: LinkOptions = {},
): Result<string> {
  const problem = linkCodeProblem(code);
  if (problem) return fail(problem);
  const json = decodeBase64Url(code.slice(CONNECTION_CODE_PREFIX.length));
  let body: unknown = null;
  try {
    body = json === null ? null : JSON.parse(json);
  } catch {
    // Said below.
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail({ path: '(code)', message: 'is malformed: its content is not a JSON object' });
  const content = body as { profile?: unknown; externalId?: unknown };
  const named =
    typeof content.profile === 'string'
      ? content.profile
      : (content.profile as { id?: unknown } | null)?.id;
  if (named !== profile.id)
    return fail({
      path: 'profile',
      message: `the code is for ${typeof named === 'string' ? `"${named}"` : 'no profile'}, not for "${profile.id}"`,
    });
  if (profile.externalId.source !== 'service')
    return fail({
      path: 'externalId.source',
      message:
        'must be "service" for a link: without Crossrole the console prefills the External ID, so the service must have issued it',
    });
  if (typeof content.externalId !== 'string' || content.externalId === '')
    return fail({
      path: 'externalId',
      message: 'is required: the code must carry the External ID',
    });
  const level = options.levelId
    ? profile.access.find((l) => l.id === options.levelId)
    : (profile.access.find((l) => l.default) ?? profile.access[0]);
  if (!level)
    return fail({
      path: 'levelId',
      message: `"${options.levelId}" is not a level of ${profile.id}`,
    });
  const partition = options.partition ?? 'aws';
  const account =
    partition === 'aws' ? profile.trust.accountId : profile.trust.otherPartitions?.[partition];
  if (!account)
    return fail({ path: 'partition', message: `${profile.id} has no AWS account in ${partition}` });
  const url = createRoleUrl(
    partition,
    {
      serviceAccountId: account,
      externalId: content.externalId,
      // Custom policies do not exist in the customer's account yet: only AWS managed ones prefill.
      policyArns: (level.managedPolicyArns ?? []).map((arn) => toPartition(arn, partition)),
    },
    options.host ?? null,
    options.region ?? null,
  );
  // base64url and `.` need no escaping in a query.
  return ok(`${url}&${LINK_PARAM}=${code}`);
}

/** Why `code` cannot be a link's code (its outer format only), or null. */
export function linkCodeProblem(code: string): FieldError | null {
  // Coded: the link window says these in the customer's language.
  if (code === '') return fieldError(LINK_PARAM, problem('linkNoCode'));
  if (code.length > LINK_CODE_MAX_CHARS)
    return fieldError(
      LINK_PARAM,
      problem('linkCodeTooLong', { length: code.length, max: LINK_CODE_MAX_CHARS }),
    );
  if (!code.startsWith(CONNECTION_CODE_PREFIX))
    return fieldError(LINK_PARAM, problem('codePrefix', { prefix: CONNECTION_CODE_PREFIX }));
  return null;
}

/**
 * What the pickup sends from a hash: null when the hash is not a link (another route, or no
 * `crossrole` parameter), '' when it carries several (the background refuses that, naming it),
 * else the code, cut one character past the limit so the refusal can say it is too long.
 */
export function linkCodeOf(hash: string): string | null {
  const { path, query } = parseHashRoute(hash);
  if (path !== LINK_ROUTE) return null;
  const codes = query.getAll(LINK_PARAM);
  if (codes.length === 0) return null;
  return codes.length === 1 ? codes[0]!.slice(0, LINK_CODE_MAX_CHARS + 1) : '';
}

/**
 * The code of a link (a whole URL or its hash), or why it is not one: not the console, not the
 * Create role wizard, no `crossrole` parameter or several, not a code's format. The code's
 * content is checked as a pasted one is (src/core/imports.ts, `readConnectionCode`).
 */
export function codeFromLink(link: string): Result<string> {
  let hash = link;
  if (!link.startsWith('#')) {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return fail({ path: '(link)', message: 'is not a URL' });
    }
    if (url.protocol !== 'https:' || !partitionFromHost(url.hostname))
      return fail({
        path: '(link)',
        message: `is not an AWS console address (${url.protocol}//${url.hostname})`,
      });
    if (!/^\/iam(v2)?\//.test(url.pathname))
      return fail({ path: '(link)', message: 'does not open the IAM console' });
    hash = url.hash;
  }
  const { path } = parseHashRoute(hash);
  if (path !== LINK_ROUTE)
    return fail({
      path: '(link)',
      message: `opens ${path ? `"${path}"` : 'no page'}, not IAM's Create role wizard (#${LINK_ROUTE})`,
    });
  const code = linkCodeOf(hash);
  if (code === null)
    return fail({ path: LINK_PARAM, message: 'is missing: the link carries no connection code' });
  const problem = linkCodeProblem(code);
  return problem ? fail(problem) : ok(code);
}

/**
 * The hash without its `crossrole` parameters, every other parameter as it was (the console reads
 * them): the code carries a report token, which must not stay in the address bar or history.
 */
export function hashWithoutCode(hash: string): string {
  const at = hash.indexOf('?');
  if (at === -1) return hash;
  const kept = hash
    .slice(at + 1)
    .split('&')
    .filter((part) => new URLSearchParams(part).keys().next().value !== LINK_PARAM);
  return hash.slice(0, at) + (kept.length ? `?${kept.join('&')}` : '');
}
