// The published JSON Schema for profiles (docs/schema/service-profile.schema.json) is exactly
// what scripts/gen-profile-schema.ts makes from ServiceProfileSchema now, and every example
// profile validates against it. No JSON Schema library is a dependency (ajv 6, present through
// eslint, predates draft 2020-12), so ./json-schema-lite.ts checks the keywords the schema uses
// and throws on any other.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProfileSchema, SCHEMA_FILE } from '../../../scripts/gen-profile-schema.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { validate } from './json-schema-lite.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Loose;
const demo = () => structuredClone(EXAMPLE_PROFILES[0]) as Loose;

describe('the published profile JSON Schema', () => {
  it('is what `npx tsx scripts/gen-profile-schema.ts` generates now', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generateProfileSchema());
  });

  it('names itself, its draft and its purpose', () => {
    expect(schema).toMatchObject({
      $id: 'https://crossrole.dev/schema/service-profile.v1.json',
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: expect.stringMatching(/Crossrole service profile/),
      description: expect.stringMatching(/vendors\.md/),
      type: 'object',
      additionalProperties: false,
    });
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'schemaVersion',
        'id',
        'name',
        'trust',
        'externalId',
        'role',
        'access',
        'report',
      ]),
    );
  });

  it('accepts every example profile', () => {
    for (const profile of EXAMPLE_PROFILES) expect(validate(schema, profile)).toEqual([]);
  });

  it.each([
    ['an unknown top-level key', (p: Loose) => (p.reportUrl = 'x'), /\$\.reportUrl: not allowed/],
    ['a bad id', (p: Loose) => (p.id = 'Bad_Id'), /\$\.id: must match/],
    ['a long name', (p: Loose) => (p.name = 'x'.repeat(65)), /\$\.name: longer than 64/],
    [
      'an account of 4 digits',
      (p: Loose) => (p.trust.accountId = '1234'),
      /\$\.trust\.accountId: must match/,
    ],
    [
      'a misspelt partition',
      (p: Loose) => (p.trust.otherPartitions = { 'aws-gov': '123456789012' }),
      /aws-gov: not allowed/,
    ],
    [
      'an unknown External ID source',
      (p: Loose) => (p.externalId = { source: 'customer' }),
      /\$\.externalId: matches 0 of oneOf/,
    ],
    ['no access level', (p: Loose) => (p.access = []), /\$\.access: fewer than 1 items/],
    [
      'a statement Effect "allow"',
      (p: Loose) =>
        (p.access[0].customPolicies = [
          {
            name: 'X',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }],
            },
          },
        ]),
      /Statement/,
    ],
    ['a missing report', (p: Loose) => delete p.report, /\$: missing "report"/],
    ['an unknown method', (p: Loose) => (p.methods = ['ssh']), /\$\.methods\[0\]/],
  ])('refuses %s, as Crossrole does', (_, change, problem) => {
    const profile = demo();
    change(profile);
    expect(validate(schema, profile).join('\n')).toMatch(problem);
    expect(parseProfile(profile).ok).toBe(false);
  });

  it('is never stricter than Crossrole: what Crossrole accepts, the schema accepts (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLE_PROFILES),
        fc.record({ name: text, label: text, description: fc.string({ maxLength: 60 }) }),
        fc.option(
          fc.constantFrom('http://localhost:1/r', 'https://a.example/r', 'http://127.0.0.1/r'),
        ),
        (example, { name, label, description }, url) => {
          const profile = structuredClone(example) as Loose;
          profile.name = name;
          profile.access[0].label = label;
          profile.role.description = description;
          if (url) profile.report.url = url;
          if (parseProfile(profile).ok) expect(validate(schema, profile)).toEqual([]);
        },
      ),
    );
  });
});
