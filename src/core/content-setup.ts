// What a console tab is told about its setup, in reply to `content.hello` and to its events:
// everything the page features fill and check, nothing they do not need (no token). The
// content script validates every such reply with these schemas.
import * as z from 'zod/mini';

const Json = z.record(z.string(), z.unknown());

export const ContentSetup = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  mode: z.enum(['create-role', 'update-trust', 'access-keys']),
  state: z.string(),
  serviceName: z.string(),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov', 'aws-eusc']),
  serviceAccountId: z.string(),
  principalArn: z.string(),
  externalId: z.string(),
  roleName: z.string(),
  roleDescription: z.string(),
  managedPolicyArns: z.array(z.string()),
  customPolicies: z.array(
    z.object({ name: z.string(), description: z.string(), document: Json, created: z.boolean() }),
  ),
  /** The trust policy the role must end up with (for create-role) or the statement to merge. */
  trustPolicy: Json,
  /** Planned policies the role's Permissions tab did not list at the last read-back. */
  missingPolicies: z.optional(z.array(z.string())),
  /** Why the trust policy read back from the role is not what the service needs. */
  trustProblems: z.optional(z.array(z.string())),
});
export type ContentSetup = z.infer<typeof ContentSetup>;

/** The background's answer to a content event: the setup as it now stands, or why not. */
export const ContentSetupReply = z.union([
  z.object({ ok: z.literal(true), value: z.nullable(ContentSetup) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
