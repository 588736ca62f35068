// Generates docs/schema/service-profile.schema.json from the same zod schema the extension uses,
// so vendors validate their profiles against exactly what Crossrole accepts. Rules zod cannot
// express in JSON Schema (exactly one default level, sizes without whitespace, principalArn in
// the trust account) are checked by Crossrole and listed in docs/vendors.md.
// `npx tsx scripts/gen-profile-schema.ts` rewrites the file; a unit test fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { ServiceProfileSchema } from '../src/core/profile.ts';

export const SCHEMA_FILE = path.resolve(
  import.meta.dirname,
  '../docs/schema/service-profile.schema.json',
);

export function generateProfileSchema(): string {
  const schema = z.toJSONSchema(ServiceProfileSchema, { unrepresentable: 'any', io: 'input' });
  const document = {
    $id: 'https://crossrole.dev/schema/service-profile.v1.json',
    title: 'Crossrole service profile, version 1',
    description:
      'What a service tells Crossrole about itself: its AWS account, the External ID rule, the role, the access levels and where reports go. Crossrole also checks rules JSON Schema cannot express: exactly one default level, at most 10 policies per level, custom policies of at most 6,144 characters without whitespace, principalArn in the trust account, IAM name and description character sets, the External ID prefix length, https report URLs. See docs/vendors.md.',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, generateProfileSchema());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
