// Generates docs/schema/service-profile.schema.json from the same zod schema the extension uses,
// so vendors validate their profiles against what Crossrole accepts. zod translates its types,
// lengths and regexes; the rules Crossrole writes as functions (IAM names, descriptions, ARNs,
// one default level, policy counts…) are added below as the JSON Schema keywords that say the
// same, each at its place in the document. What JSON Schema cannot say is marked ✱ in the
// descriptions and in docs/vendors.md. The published schema is the store build's contract:
// report URLs are https:// only. tests/unit/core/profile-schema.test.ts checks every rule
// against ajv and parseProfile both, and that this file is what the generator makes now.
// `npm run schema` rewrites the file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { IAM_NAME_MAX_LENGTH, POLICY_NAME_MAX_LENGTH } from '../src/core/arn.ts';
import { EXTERNAL_ID_PREFIX_MAX_LENGTH } from '../src/core/external-id.ts';
import { CUSTOM_POLICY_MAX_CHARS, PolicyStatementSchema } from '../src/core/iam-policy.ts';
import { MAX_IMPORTED_PROFILE_BYTES, MAX_IMPORTED_PROFILES } from '../src/core/limits.ts';
import {
  CustomPolicySchema,
  MAX_POLICIES_PER_ROLE,
  PermissionSetSchema,
  ServiceProfileSchema,
} from '../src/core/profile.ts';
import { MAX_WILDCARDS_PER_PATTERN } from '../src/core/wildcard.ts';

export const SCHEMA_FILE = path.resolve(
  import.meta.dirname,
  '../docs/schema/service-profile.schema.json',
);

type Json = Record<string, unknown>;

const ACCOUNT = '\\d{12}';
/** IAM's name characters (role, user, policy): letters, digits and + = , . @ _ - */
const IAM_NAME = '[\\w+=,.@-]';
/** An ARN's path, "/" or "/a/b/", as parseArn reads it. */
const ARN_PATH = '/(?:[\\x21-\\x7e]*/)?';
/** IAM's description characters: tab, LF, CR, printable ASCII and Latin-1 (src/core/arn.ts). */
const IAM_DESCRIPTION = {
  type: 'string',
  maxLength: 1000,
  pattern: '^[\\t\\n\\r\\x20-\\x7e\\xa1-\\xff]*$',
};
const ACTION_PATTERN = '^(?:\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$';
/** More than MAX_WILDCARDS_PER_PATTERN `*` or `?`; linear, since each repetition starts at one. */
const TOO_MANY_WILDCARDS = `(?:[*?][^*?]*){${MAX_WILDCARDS_PER_PATTERN + 1}}`;
const conditionScalar = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

/** The schema object at a JSON Pointer, or an error naming it (the zod schema changed shape). */
function at(document: Json, pointer: string): Json {
  let node: unknown = document;
  for (const key of pointer.split('/').slice(1)) {
    node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
    if (typeof node !== 'object' || node === null)
      throw new Error(`gen-profile-schema: nothing at ${pointer} (at "${key}")`);
  }
  return node as Json;
}

/** Adds keywords to the schema at `pointer`; a keyword zod already wrote must not change. */
function add(document: Json, pointer: string, keywords: Json): void {
  const target = at(document, pointer);
  for (const [key, value] of Object.entries(keywords)) {
    if (key in target && JSON.stringify(target[key]) !== JSON.stringify(value))
      throw new Error(`gen-profile-schema: ${pointer} already has a different "${key}"`);
    target[key] = value;
  }
}

/**
 * "Has key": with the key in `properties` too, as ajv's strict mode wants of every `required`
 * (ajv reads a subschema before the parent's `properties`).
 */
const present = (key: string) => ({ properties: { [key]: true }, required: [key] });

/** At most `max` policies in a level, managed and custom together: some split k + (max − k). */
const policiesInAll = (max: number) =>
  Array.from({ length: max + 1 }, (_, k) => ({
    properties: {
      managedPolicyArns: { type: 'array', maxItems: k },
      customPolicies: { type: 'array', maxItems: max - k },
    },
  }));

function refine(d: Json): void {
  add(d, '', {
    // Service-issued External IDs come in a connection code, which carries the token too.
    if: {
      properties: {
        externalId: { type: 'object', properties: { source: { const: 'service' } } },
      },
    },
    then: { properties: { report: { type: 'object', properties: { auth: { const: 'token' } } } } },
  });
  add(d, '/properties/schemaVersion', { description: 'The contract version: 1.' });
  add(d, '/properties/id', {
    description:
      '2–63 lower-case letters, digits and "-", starting with a letter or digit. Keep it stable: connection codes name it. ✱ An imported profile may not use the id of a service built into Crossrole.',
  });
  add(d, '/properties/name', {
    description:
      "1–64 printable characters, shown to the customer. ✱ An imported profile's name may not read like a built-in's or another imported service's (case, spacing, punctuation, accents, look-alike letters and invisible characters are seen through).",
  });
  add(d, '/properties/homepage', { description: 'An https:// address, shown to the customer.' });
  add(d, '/properties/trust/properties/accountId', {
    description: 'Your 12-digit AWS account in partition aws.',
  });
  add(d, '/properties/trust/properties/principalArn', {
    pattern: `^arn:aws:iam::${ACCOUNT}:(?:role|user)${ARN_PATH}${IAM_NAME}+$`,
    description:
      'Optional: one role or user to trust instead of the account root, written exactly like "arn:aws:iam::111122223333:role/Scanner". ✱ Its account must be trust.accountId.',
  });
  add(d, '/properties/trust/properties/otherPartitions', {
    description:
      'Optional: your account in aws-cn, aws-us-gov and aws-eusc; a partition without one is not offered.',
  });
  add(d, '/properties/externalId', {
    description:
      '{"source": "generate", "prefix": "…"}: Crossrole makes one per connection, the prefix and 22 random characters; or {"source": "service"}: you issue it in a connection code, and report.auth must then be "token".',
  });
  add(d, '/properties/externalId/oneOf/0/properties/prefix', {
    maxLength: EXTERNAL_ID_PREFIX_MAX_LENGTH,
    pattern: '^[\\w+=,.@:-]*$',
    description: `At most ${EXTERNAL_ID_PREFIX_MAX_LENGTH} of letters, digits and + = , . @ : _ - (no "/"), so the External ID stays within 96 characters.`,
  });
  add(d, '/properties/role/properties/name', {
    minLength: 1,
    maxLength: IAM_NAME_MAX_LENGTH,
    pattern: `^${IAM_NAME}+$`,
    description: `1–${IAM_NAME_MAX_LENGTH} of letters, digits and + = , . @ _ - (IAM's rule); the customer may edit it.`,
  });
  add(d, '/properties/role/properties/description', {
    ...IAM_DESCRIPTION,
    description:
      "At most 1000 characters of IAM's set: tab, line breaks, printable ASCII and Latin-1 (no emoji, CJK or typographic quotes).",
  });
  add(d, '/properties/access', {
    contains: { type: 'object', properties: { default: { const: true } }, required: ['default'] },
    minContains: 1,
    maxContains: 1,
    description:
      'The access levels the customer chooses from: 1–10, exactly one with "default": true. ✱ No two with the same id.',
  });
  add(d, '/properties/options', {
    description: `Optional extra permission sets the customer may tick, at most 10. ✱ No two with the same id. ✱ A level and the options ticked with it may hold at most ${MAX_POLICIES_PER_ROLE} policies in all (checked when the customer ticks them).`,
  });
  add(d, '/properties/requiredActions', {
    description:
      'Optional: actions your service cannot work without, like "ec2:DescribeRegions" (no wildcards).',
  });
  add(d, '/properties/methods', {
    contains: { const: 'role' },
    description: '["role"] (the default); add "access-keys" only if you still take IAM user keys.',
  });
  add(d, '/properties/report/properties/url', {
    // No user name or password before the host, no spaces or control characters anywhere.
    pattern: '^https://[^\\s\\p{Cc}/?#\\\\@]+(?:[/?#\\\\][^\\s\\p{Cc}]*)?$',
    description:
      'Where Crossrole sends the report: https:// only, with no user name or password, spaces or control characters. This schema is the store build\'s contract; a development build (npm run build -- --development) also accepts http://127.0.0.1[:port], http://localhost[:port] and http://[::1][:port], spelled exactly so. ✱ Crossrole also reads it with the URL parser, which refuses a host it cannot parse (such as "https://:443/").',
  });

  add(d, '/$defs/permissionSet', {
    allOf: [
      {
        anyOf: [
          {
            required: ['managedPolicyArns'],
            properties: { managedPolicyArns: { type: 'array', minItems: 1 } },
          },
          {
            required: ['customPolicies'],
            properties: { customPolicies: { type: 'array', minItems: 1 } },
          },
        ],
      },
      { anyOf: policiesInAll(MAX_POLICIES_PER_ROLE) },
    ],
    description: `A permission set: at least one and at most ${MAX_POLICIES_PER_ROLE} policies in all (IAM attaches at most ${MAX_POLICIES_PER_ROLE} to a role), managed and custom together.`,
  });
  add(d, '/$defs/permissionSet/properties/managedPolicyArns', {
    maxItems: MAX_POLICIES_PER_ROLE,
  });
  add(d, '/$defs/permissionSet/properties/managedPolicyArns/items', {
    pattern: `^arn:aws:iam::(?:${ACCOUNT}|aws):policy${ARN_PATH}${IAM_NAME}+$`,
    description:
      'A policy ARN in partition aws, written exactly like "arn:aws:iam::aws:policy/ReadOnlyAccess"; Crossrole rewrites it for other partitions.',
  });
  add(d, '/$defs/permissionSet/properties/customPolicies', { maxItems: MAX_POLICIES_PER_ROLE });
  add(d, '/$defs/customPolicy/properties/name', {
    minLength: 1,
    maxLength: POLICY_NAME_MAX_LENGTH,
    pattern: `^${IAM_NAME}+$`,
    description: `1–${POLICY_NAME_MAX_LENGTH} of letters, digits and + = , . @ _ - (IAM's rule).`,
  });
  add(d, '/$defs/customPolicy/properties/description', {
    ...IAM_DESCRIPTION,
    description: "At most 1000 characters of IAM's set (no emoji or CJK).",
  });
  add(d, '/$defs/customPolicy/properties/document', {
    description: `An identity-based policy. ✱ At most ${CUSTOM_POLICY_MAX_CHARS.toLocaleString('en-US')} characters without whitespace, as IAM counts it.`,
  });
  add(d, '/$defs/statement', {
    allOf: [
      { oneOf: [present('Action'), present('NotAction')] },
      { oneOf: [present('Resource'), present('NotResource')] },
    ],
    description:
      'Exactly one of Action and NotAction, and exactly one of Resource and NotResource.',
  });
  for (const key of ['Action', 'NotAction']) {
    const action = {
      pattern: ACTION_PATTERN,
      not: { pattern: TOO_MANY_WILDCARDS },
      description: `"service:Action", or "*"; at most ${MAX_WILDCARDS_PER_PATTERN} wildcards (* and ?).`,
    };
    add(d, `/$defs/statement/properties/${key}/anyOf/0`, action);
    add(d, `/$defs/statement/properties/${key}/anyOf/1/items`, action);
  }
  for (const key of ['Resource', 'NotResource']) {
    const resource = { pattern: '^(?:\\*$|arn:)', description: '"*" or an ARN.' };
    add(d, `/$defs/statement/properties/${key}/anyOf/0`, resource);
    add(d, `/$defs/statement/properties/${key}/anyOf/1/items`, resource);
  }
  // zod writes `{}` for a condition value, which it checks with a function.
  const condition = at(d, '/$defs/statement/properties/Condition/additionalProperties');
  condition.additionalProperties = {
    anyOf: [...conditionScalar, { type: 'array', items: { anyOf: conditionScalar } }],
    description: 'A string, a number, a boolean or a list of them.',
  };
}

export function generateProfileSchema(): string {
  // Shared parts go to $defs under these names, once each.
  const names = z.registry<{ id: string }>();
  names.add(PermissionSetSchema, { id: 'permissionSet' });
  names.add(CustomPolicySchema, { id: 'customPolicy' });
  names.add(PolicyStatementSchema, { id: 'statement' });
  const schema = z.toJSONSchema(ServiceProfileSchema, {
    unrepresentable: 'any',
    io: 'input',
    metadata: names,
  }) as Json;
  const document: Json = {
    $id: 'https://crossrole.dev/schema/service-profile.v1.json',
    title: 'Crossrole service profile, version 1',
    description: `What a service tells Crossrole about itself: its AWS account, the External ID rule, the role, the access levels and where reports go. This is the store build's contract (report URLs are https:// only). Crossrole also checks the rules marked ✱, which JSON Schema cannot express: no two levels or options with the same id, principalArn in trust.accountId, custom policies of at most ${CUSTOM_POLICY_MAX_CHARS.toLocaleString('en-US')} characters without whitespace, at most ${MAX_POLICIES_PER_ROLE} policies in a level and the options ticked with it, report URLs the URL parser reads, and for an imported profile an id that is no built-in's, a name that does not read like another service's, at most ${MAX_IMPORTED_PROFILE_BYTES / 1024} KB of JSON and at most ${MAX_IMPORTED_PROFILES} imported services. See docs/vendors.md.`,
    ...schema,
  };
  refine(document);
  // $defs last, after the properties that use them.
  const { $defs, ...rest } = document;
  return `${JSON.stringify({ ...rest, $defs }, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, generateProfileSchema());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
