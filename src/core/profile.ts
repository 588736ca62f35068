// The service profile (docs/vendors.md §1): what a service tells Crossrole about itself. Parsed with
// strict schemas so a typo in a vendor's profile is an error that names the field, never a field
// silently ignored.
import * as z from 'zod/mini';
import {
  descriptionProblem,
  formatArn,
  parseArn,
  policyNameProblem,
  roleNameProblem,
} from './arn.ts';
import { coded, problem, type Problem } from './problems.ts';
import { externalIdPrefixProblem } from './external-id.ts';
import { MAX_ROLE_TAGS, tagKeyProblem, tagsProblems, tagValueProblem } from './tags.ts';
import { CUSTOM_POLICY_MAX_CHARS, PolicyDocumentSchema, policySize } from './iam-policy.ts';
import { PARTITIONS, type Partition } from './partition.ts';
import { shapeProblem, textShapeProblem } from './json-limits.ts';
import { fail, fieldError, formatPath, fromZodIssues, ok, type Result } from './result.ts';

export const MAX_POLICIES_PER_ROLE = 10;

/** A schema issue that carries its coded problem, for fromZodIssues to give the popup. */
const issue = (p: Problem, input: unknown, path?: PropertyKey[]): z.core.$ZodRawIssue => ({
  code: 'custom',
  message: p.message,
  input,
  params: { problem: p },
  ...(path ? { path } : {}),
});

/** A rule written once: a function that returns the problem, or null. */
const rule = (check: (value: string) => Problem | null) =>
  z.superRefine<string>((value, ctx) => {
    const found = check(value);
    if (found) ctx.issues.push(issue(found, value));
  });

const AccountId = z.string().check(z.regex(/^\d{12}$/, coded(problem('twelveDigits'))));
const Label = z
  .string()
  .check(
    z.minLength(1, coded(problem('nameEmpty'))),
    z.maxLength(200, coded(problem('maxChars', { max: 200 }))),
  );
const Text = z.string().check(z.maxLength(1000, coded(problem('maxChars', { max: 1000 }))));
const LevelId = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, coded(problem('levelIdFormat'))));

/** Whether an ARN is written as Crossrole writes it, so the text a profile gives is the one it uses. */
const canonicalArn = (text: string): boolean => {
  const arn = parseArn(text);
  return arn !== null && formatArn(arn) === text;
};

const ManagedPolicyArn = z.string().check(
  rule((value) => {
    const arn = parseArn(value);
    if (arn?.resourceType !== 'policy' || arn.partition !== 'aws')
      return problem('policyArnFormat');
    // parseArn trims and takes "policyX" for "policy/X"; the text is what reaches the console.
    return canonicalArn(value) ? null : problem('policyArnExact', { arn: formatArn(arn) });
  }),
);

/** A role tag (src/core/tags.ts): IAM's rules for its key and value, and no key used twice. */
const RoleTagSchema = z.strictObject({
  key: z.string().check(rule(tagKeyProblem)),
  value: z.string().check(rule(tagValueProblem)),
});
const RoleTagsSchema = z.array(RoleTagSchema).check(
  z.maxLength(MAX_ROLE_TAGS, coded(problem('maxItems', { max: MAX_ROLE_TAGS }))),
  z.superRefine((tags, ctx) => {
    for (const found of tagsProblems(tags))
      if (found.problem.code === 'tagKeyTwice')
        ctx.issues.push(issue(found.problem, tags, [found.index ?? 0, 'key']));
  }),
);

export const CustomPolicySchema = z.strictObject({
  name: z.string().check(rule(policyNameProblem)),
  description: z.optional(z.string().check(rule(descriptionProblem))),
  document: PolicyDocumentSchema.check(
    z.superRefine((doc, ctx) => {
      const size = policySize(doc);
      if (size > CUSTOM_POLICY_MAX_CHARS) {
        const max = CUSTOM_POLICY_MAX_CHARS;
        ctx.issues.push(
          issue(problem('customPolicyTooLarge', { size, max, over: size - max }), doc),
        );
      }
    }),
  ),
});
export type CustomPolicy = z.infer<typeof CustomPolicySchema>;

const permissionSetShape = {
  id: LevelId,
  label: Label,
  description: z.optional(Text),
  default: z.optional(z.boolean()),
  managedPolicyArns: z.optional(z.array(ManagedPolicyArn)),
  customPolicies: z.optional(z.array(CustomPolicySchema)),
};

const policyCount = (set: {
  managedPolicyArns?: unknown[] | undefined;
  customPolicies?: unknown[] | undefined;
}) => (set.managedPolicyArns?.length ?? 0) + (set.customPolicies?.length ?? 0);

export const PermissionSetSchema = z.strictObject(permissionSetShape).check(
  z.superRefine((set, ctx) => {
    const count = policyCount(set);
    if (count === 0) ctx.issues.push(issue(problem('levelNeedsPolicies'), set));
    if (count > MAX_POLICIES_PER_ROLE) {
      const tooMany = problem('levelTooManyPolicies', { count, max: MAX_POLICIES_PER_ROLE });
      ctx.issues.push(issue(tooMany, set));
    }
  }),
);
export type AccessLevel = z.infer<typeof PermissionSetSchema>;
export type AccessOption = AccessLevel;

const ReportUrl = z.string().check(
  rule((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return problem('reportUrlNotUrl');
    }
    if (url.username || url.password) return problem('reportUrlCredentials');
    // The URL parser drops tabs and line breaks and trims spaces: what it reads is not the text.
    if (/[\s\p{Cc}]/u.test(value)) return problem('reportUrlSpaces');
    if (url.protocol === 'https:') return null;
    if (isDevelopmentReportUrl(value)) return null;
    if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'))
      return problem('reportUrlLoopbackSpelling');
    return problem('reportUrlHttps');
  }),
);

export const ServiceProfileSchema = z
  .strictObject({
    schemaVersion: z.literal(1, coded(problem('mustBeOneOf', { values: '1', count: 1 }))),
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, coded(problem('profileIdFormat')))),
    name: z
      .string()
      .check(
        z.minLength(1, coded(problem('nameEmpty'))),
        z.maxLength(64, coded(problem('maxChars', { max: 64 }))),
        z.regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, coded(problem('printableOnly'))),
      ),
    homepage: z.optional(z.string().check(z.regex(/^https:\/\/\S+$/, coded(problem('httpsUrl'))))),
    trust: z.strictObject({
      accountId: AccountId,
      principalArn: z.optional(z.string()),
      otherPartitions: z.optional(
        z.strictObject({
          'aws-cn': z.optional(AccountId),
          'aws-us-gov': z.optional(AccountId),
          'aws-eusc': z.optional(AccountId),
        }),
      ),
    }),
    // Discriminated by `source`, so a broken prefix is reported as such, not as "Invalid input".
    externalId: z.discriminatedUnion(
      'source',
      [
        z.strictObject({
          source: z.literal('generate'),
          prefix: z.optional(z.string().check(rule(externalIdPrefixProblem))),
        }),
        z.strictObject({ source: z.literal('service') }),
      ],
      { error: coded(problem('externalIdSource')) },
    ),
    role: z.strictObject({
      name: z.string().check(rule(roleNameProblem)),
      description: z.optional(z.string().check(rule(descriptionProblem))),
      maxSessionDurationSeconds: z.optional(
        z
          .number()
          .check(
            z.int(),
            z.gte(3600, coded(problem('sessionTooShort', { seconds: 3600, hours: 1 }))),
            z.lte(43200, coded(problem('sessionTooLong', { seconds: 43200, hours: 12 }))),
          ),
      ),
      /** Put on the role at creation, beside the tags the customer adds (docs/guardrails.md). */
      tags: z.optional(RoleTagsSchema),
    }),
    access: z
      .array(PermissionSetSchema)
      .check(
        z.minLength(1, coded(problem('levelsEmpty'))),
        z.maxLength(10, coded(problem('levelsTooMany', { max: 10 }))),
      ),
    requiredActions: z.optional(
      z.array(
        z
          .string()
          .check(z.regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, coded(problem('requiredActionFormat')))),
      ),
    ),
    options: z.optional(
      z
        .array(PermissionSetSchema)
        .check(z.maxLength(10, coded(problem('optionsTooMany', { max: 10 })))),
    ),
    methods: z.optional(
      z.array(z.enum(['role', 'access-keys'])).check(
        z.minLength(1, coded(problem('methodsEmpty'))),
        z.refine((m) => m.includes('role'), coded(problem('methodsNeedRole'))),
      ),
    ),
    report: z.strictObject({ url: ReportUrl, auth: z.enum(['token', 'none']) }),
  })
  .check(
    z.superRefine((p, ctx) => {
      const defaults = p.access.filter((level) => level.default).length;
      if (defaults !== 1)
        ctx.issues.push(
          issue(problem('defaultLevelCount', { found: defaults }), p.access, ['access']),
        );
      const duplicate = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
      const level = duplicate(p.access.map((l) => l.id));
      if (level)
        ctx.issues.push(issue(problem('levelIdTwice', { id: level }), p.access, ['access']));
      const option = duplicate((p.options ?? []).map((o) => o.id));
      if (option)
        ctx.issues.push(issue(problem('optionIdTwice', { id: option }), p.options, ['options']));
      if (p.trust.principalArn !== undefined) {
        const arn = parseArn(p.trust.principalArn);
        if (
          !arn ||
          !canonicalArn(p.trust.principalArn) ||
          arn.partition !== 'aws' ||
          arn.resourceType === 'policy' ||
          arn.accountId !== p.trust.accountId
        ) {
          const account = p.trust.accountId;
          ctx.issues.push(
            issue(problem('principalArnFormat', { account }), p.trust.principalArn, [
              'trust',
              'principalArn',
            ]),
          );
        }
      }
      if (p.externalId.source === 'service' && p.report.auth !== 'token') {
        ctx.issues.push(issue(problem('reportAuthToken'), p.report.auth, ['report', 'auth']));
      }
    }),
  );
export type ServiceProfile = z.infer<typeof ServiceProfileSchema>;

/** Parses a profile given as JSON text or as a value. */
export function parseProfile(
  input: unknown,
  pathPrefix: readonly PropertyKey[] = [],
): Result<ServiceProfile> {
  let value = input;
  if (typeof input === 'string') {
    const deep = textShapeProblem(input);
    if (deep) return fail(fieldError(formatPath(pathPrefix), deep.problem));
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail(fieldError('(root)', problem('notJson', { detail: (error as Error).message })));
    }
  }
  // Before zod, which recurses: 10,000 nested arrays would throw RangeError out of Import.
  const shape = shapeProblem(value);
  if (shape) return fail(fieldError(formatPath([...pathPrefix, ...shape.path]), shape.problem));
  const parsed = z.safeParse(ServiceProfileSchema, value);
  return parsed.success
    ? ok(parsed.data)
    : { ok: false, errors: fromZodIssues(parsed.error.issues, pathPrefix, value) };
}

/** The service's AWS account in a partition, or null when the service has none there. */
export function serviceAccountIn(profile: ServiceProfile, partition: Partition): string | null {
  if (partition === 'aws') return profile.trust.accountId;
  return profile.trust.otherPartitions?.[partition] ?? null;
}

export function supportedPartitions(profile: ServiceProfile): Partition[] {
  return PARTITIONS.filter((p) => serviceAccountIn(profile, p) !== null);
}

/** The principal the role trusts: the profile's principalArn (moved to the partition) or the account root. */
export function trustedPrincipalArn(profile: ServiceProfile, partition: Partition): string | null {
  const account = serviceAccountIn(profile, partition);
  if (!account) return null;
  const narrowed = profile.trust.principalArn && parseArn(profile.trust.principalArn);
  if (narrowed)
    return `arn:${partition}:iam::${account}:${narrowed.resourceType}${narrowed.path}${narrowed.name}`;
  return `arn:${partition}:iam::${account}:root`;
}

export function defaultLevel(profile: ServiceProfile): AccessLevel {
  return profile.access.find((l) => l.default) ?? (profile.access[0] as AccessLevel);
}

export function reportOrigin(profile: ServiceProfile): string {
  return new URL(profile.report.url).origin;
}

/**
 * Loopback HTTP for development, in its canonical spellings only: `http://127.0.0.1`,
 * `http://localhost` or `http://[::1]`, with an optional port. It reads the text, not a parsed
 * URL: the URL parser turns `127.1`, `0x7f000001`, `2130706433` and `127.000.000.001` into
 * 127.0.0.1, which would let a look-alike through. The schema accepts these; only a development
 * build keeps or uses them (checkImport, delivery; docs/vendors.md §5).
 */
export function isDevelopmentReportUrl(text: string): boolean {
  const match =
    /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::([1-9][0-9]{0,4}))?(?:[/?#][^\s\\]*)?$/.exec(
      text,
    );
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535);
}

export function profileMethods(profile: ServiceProfile): ('role' | 'access-keys')[] {
  return profile.methods ?? ['role'];
}
