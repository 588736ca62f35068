// The published JSON Schema for profiles (docs/schema/service-profile.schema.json), checked the way
// a vendor checks a profile: with ajv (draft 2020-12, strict mode). It is exactly what
// scripts/gen-profile-schema.ts makes now; every example profile validates; every rule it can
// express refuses the same broken profile as parseProfile, at the same field; the rules marked ✱
// are the ones only Crossrole checks; and it is never stricter than a store build's import.
import { readFileSync } from 'node:fs';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { generateProfileSchema, SCHEMA_FILE } from '../../../scripts/gen-profile-schema.ts';
import { checkImport } from '../../../src/core/imports.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { DEMO_PROFILE_ID, EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

// Hundreds of generated inputs a test: seconds on a loaded 2-core machine, which is not a
// failure (speed is measured in the bench, not here).
vi.setConfig({ testTimeout: 30_000 });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Loose;
const ajvValidate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** Where ajv finds problems, as parseProfile names fields: `access[0].id`, `(root)`. */
function ajvPaths(profile: unknown): string[] {
  if (ajvValidate(profile)) return [];
  return (ajvValidate.errors ?? []).map((error: ErrorObject) => {
    // A missing key is the key's problem in parseProfile, its parent's in ajv.
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params.missingProperty)}`
        : error.instancePath;
    const path = pointer
      .split('/')
      .slice(1)
      .map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`))
      .join('');
    return path || '(root)';
  });
}
const zodPaths = (profile: unknown): string[] => {
  const parsed = parseProfile(profile);
  return parsed.ok ? [] : parsed.errors.map((e) => e.path);
};

const byId = (id: string) =>
  structuredClone(EXAMPLE_PROFILES.find((p) => (p as Loose).id === id)) as Loose;
/** A profile a store build imports: custom and managed policies, principalArn, a prefix. */
const base = () => byId('example-cloud-diagrams');
const statement = (p: Loose) => p.access[0].customPolicies[0].document.Statement[0] as Loose;
const level = (id: string, extra: Loose = {}) => ({
  id,
  label: id,
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  ...extra,
});
const managed = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
const custom = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `P${i}`,
    document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
  }));

describe('the published profile JSON Schema', () => {
  it('is what `npm run schema` generates now', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generateProfileSchema());
  });

  it('names itself, its draft and its purpose', () => {
    expect(schema).toMatchObject({
      $id: 'https://crossrole.dev/schema/service-profile.v1.json',
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: expect.stringMatching(/Crossrole service profile/),
      description: expect.stringMatching(/store build.*vendors\.md/s),
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

  it('accepts every example profile a store build could carry', () => {
    for (const profile of EXAMPLE_PROFILES) {
      if ((profile as Loose).id === DEMO_PROFILE_ID) continue;
      expect(ajvPaths(profile), (profile as Loose).id).toEqual([]);
    }
  });

  it('refuses the demo profile only for its loopback report URL (a development build carries it)', () => {
    const demo = byId(DEMO_PROFILE_ID);
    expect(ajvPaths(demo)).toEqual(['report.url']);
    expect(parseProfile(demo).ok).toBe(true);
    demo.report.url = 'https://demo.example/crossrole/v1/connections';
    expect(ajvPaths(demo)).toEqual([]);
  });

  // One broken profile per rule the schema expresses; both refuse it, naming the same field.
  it.each<[string, (p: Loose) => unknown, string]>([
    ['a schemaVersion of 2', (p) => (p.schemaVersion = 2), 'schemaVersion'],
    ['an unknown top-level key', (p) => (p.reportUrl = 'x'), '(root)'],
    ['a missing report', (p) => delete p.report, 'report'],
    ['an id with capitals and "_"', (p) => (p.id = 'Bad_Id'), 'id'],
    ['an id of one character', (p) => (p.id = 'a'), 'id'],
    ['an empty name', (p) => (p.name = ''), 'name'],
    ['a name of 65 characters', (p) => (p.name = 'x'.repeat(65)), 'name'],
    ['a name with a control character', (p) => (p.name = 'Acme\u0007'), 'name'],
    ['a name with a right-to-left override', (p) => (p.name = 'Acme\u202Egro'), 'name'],
    ['an http:// homepage', (p) => (p.homepage = 'http://example.com'), 'homepage'],
    ['an account of 4 digits', (p) => (p.trust.accountId = '1234'), 'trust.accountId'],
    [
      'a principalArn that is a policy',
      (p) => (p.trust.principalArn = 'arn:aws:iam::210987654321:policy/X'),
      'trust.principalArn',
    ],
    [
      'a principalArn in aws-cn',
      (p) => (p.trust.principalArn = 'arn:aws-cn:iam::210987654321:role/X'),
      'trust.principalArn',
    ],
    [
      'a principalArn with a space before it',
      (p) => (p.trust.principalArn = ' arn:aws:iam::210987654321:role/X'),
      'trust.principalArn',
    ],
    [
      'a misspelt partition',
      (p) => (p.trust.otherPartitions = { 'aws-gov': '123456789012' }),
      'trust.otherPartitions',
    ],
    [
      'an account of 11 digits in otherPartitions',
      (p) => (p.trust.otherPartitions = { 'aws-cn': '12345678901' }),
      'trust.otherPartitions.aws-cn',
    ],
    [
      'an unknown External ID source',
      (p) => (p.externalId = { source: 'customer' }),
      'externalId.source',
    ],
    [
      'a prefix with forbidden characters',
      (p) => (p.externalId.prefix = 'diag/ 1'),
      'externalId.prefix',
    ],
    [
      'a prefix of 75 characters',
      (p) => (p.externalId.prefix = 'p'.repeat(75)),
      'externalId.prefix',
    ],
    [
      'a prefix with a service-issued External ID',
      (p) => (p.externalId = { source: 'service', prefix: 'x-' }),
      'externalId',
    ],
    [
      'a service-issued External ID with "auth": "none"',
      (p) => (p.externalId = { source: 'service' }),
      'report.auth',
    ],
    ['an empty role name', (p) => (p.role.name = ''), 'role.name'],
    ['a 65-character role name', (p) => (p.role.name = 'R'.repeat(65)), 'role.name'],
    ['a role name with a space', (p) => (p.role.name = 'Diagrams Role'), 'role.name'],
    [
      'a role description with an emoji',
      (p) => (p.role.description = 'Reads 📈'),
      'role.description',
    ],
    [
      'a role description of 1001 characters',
      (p) => (p.role.description = 'd'.repeat(1001)),
      'role.description',
    ],
    [
      'a session of 59 minutes',
      (p) => (p.role.maxSessionDurationSeconds = 3599),
      'role.maxSessionDurationSeconds',
    ],
    [
      'a session of 3600.5 seconds',
      (p) => (p.role.maxSessionDurationSeconds = 3600.5),
      'role.maxSessionDurationSeconds',
    ],
    ['no access level', (p) => (p.access = []), 'access'],
    [
      '11 access levels',
      (p) => p.access.push(...Array.from({ length: 9 }, (_, i) => level(`l${i}`))),
      'access',
    ],
    ['no default access level', (p) => delete p.access[0].default, 'access'],
    ['two default access levels', (p) => (p.access[1].default = true), 'access'],
    ['a level id with capitals', (p) => (p.access[0].id = 'Minimal'), 'access[0].id'],
    ['an empty label', (p) => (p.access[0].label = ''), 'access[0].label'],
    ['a label of 201 characters', (p) => (p.access[0].label = 'l'.repeat(201)), 'access[0].label'],
    [
      'a level description of 1001 characters',
      (p) => (p.access[0].description = 'd'.repeat(1001)),
      'access[0].description',
    ],
    ['an unknown key in a level', (p) => (p.access[0].defualt = true), 'access[0]'],
    ['a level without policies', (p) => delete p.access[1].managedPolicyArns, 'access[1]'],
    ['a level with an empty policy list', (p) => (p.access[1].managedPolicyArns = []), 'access[1]'],
    [
      'a level of 6 managed and 5 custom policies',
      (p) =>
        Object.assign(p.access[1], { managedPolicyArns: managed(6), customPolicies: custom(5) }),
      'access[1]',
    ],
    [
      'a managed policy in aws-cn',
      (p) => (p.access[1].managedPolicyArns = ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess']),
      'access[1].managedPolicyArns[0]',
    ],
    [
      'a managed "policy" that is a role',
      (p) => (p.access[1].managedPolicyArns = ['arn:aws:iam::111122223333:role/R']),
      'access[1].managedPolicyArns[0]',
    ],
    [
      'a managed policy ARN with a line break after it',
      (p) => (p.access[1].managedPolicyArns = ['arn:aws:iam::aws:policy/ReadOnlyAccess\n']),
      'access[1].managedPolicyArns[0]',
    ],
    [
      'a custom policy name with a space',
      (p) => (p.access[0].customPolicies[0].name = 'Diagrams Read'),
      'access[0].customPolicies[0].name',
    ],
    [
      'a custom policy name of 129 characters',
      (p) => (p.access[0].customPolicies[0].name = 'P'.repeat(129)),
      'access[0].customPolicies[0].name',
    ],
    [
      'a custom policy description with CJK',
      (p) => (p.access[0].customPolicies[0].description = '読み取り'),
      'access[0].customPolicies[0].description',
    ],
    [
      'a policy Version of 2008',
      (p) => (p.access[0].customPolicies[0].document.Version = '2008-10-17'),
      'access[0].customPolicies[0].document.Version',
    ],
    [
      'an empty Statement list',
      (p) => (p.access[0].customPolicies[0].document.Statement = []),
      'access[0].customPolicies[0].document.Statement',
    ],
    [
      'a statement Effect "allow"',
      (p) => (statement(p).Effect = 'allow'),
      'access[0].customPolicies[0].document.Statement[0].Effect',
    ],
    [
      'a Sid with "-"',
      (p) => (statement(p).Sid = 'Describe-All'),
      'access[0].customPolicies[0].document.Statement[0].Sid',
    ],
    [
      'a statement with Action and NotAction',
      (p) => (statement(p).NotAction = 'iam:*'),
      'access[0].customPolicies[0].document.Statement[0]',
    ],
    [
      'a statement with neither Resource nor NotResource',
      (p) => delete statement(p).Resource,
      'access[0].customPolicies[0].document.Statement[0]',
    ],
    [
      'an action without a service',
      (p) => (statement(p).Action = ['DescribeInstances']),
      'access[0].customPolicies[0].document.Statement[0].Action[0]',
    ],
    [
      'an action with 11 wildcards',
      (p) => (statement(p).Action = 'ec2:*?*?*?*?*?*'),
      'access[0].customPolicies[0].document.Statement[0].Action',
    ],
    [
      'a resource that is neither "*" nor an ARN',
      (p) => (statement(p).Resource = 'my-bucket'),
      'access[0].customPolicies[0].document.Statement[0].Resource',
    ],
    [
      'a condition value that is an object',
      (p) => (statement(p).Condition = { StringEquals: { 'aws:RequestedRegion': { a: 1 } } }),
      'access[0].customPolicies[0].document.Statement[0].Condition.StringEquals.aws:RequestedRegion',
    ],
    [
      'a required action with a wildcard',
      (p) => (p.requiredActions = ['ec2:Describe*']),
      'requiredActions[0]',
    ],
    [
      '11 options',
      (p) => (p.options = Array.from({ length: 11 }, (_, i) => level(`o${i}`))),
      'options',
    ],
    [
      'an option without policies',
      (p) => (p.options = [{ id: 'logs', label: 'Logs' }]),
      'options[0]',
    ],
    ['no method', (p) => (p.methods = []), 'methods'],
    ['methods without "role"', (p) => (p.methods = ['access-keys']), 'methods'],
    ['an unknown method', (p) => (p.methods = ['role', 'ssh']), 'methods[1]'],
    [
      'an http:// report URL on a public host',
      (p) => (p.report.url = 'http://api.diagrams.example.com/r'),
      'report.url',
    ],
    [
      'a report URL with a user name and password',
      (p) => (p.report.url = 'https://user:secret@api.diagrams.example.com/r'),
      'report.url',
    ],
    [
      'a report URL with a space',
      (p) => (p.report.url = 'https://api.diagrams.example.com/a b'),
      'report.url',
    ],
    [
      'a report URL with a line break',
      (p) => (p.report.url = 'https://api.diagrams.example.com/a\nb'),
      'report.url',
    ],
    ['an unknown report auth', (p) => (p.report.auth = 'bearer'), 'report.auth'],
  ])('refuses %s, as Crossrole does', (_, change, field) => {
    const profile = base();
    change(profile);
    expect(zodPaths(profile)).toContain(field);
    expect(ajvPaths(profile)).toContain(field);
  });

  it('refuses a development report URL, as a store build does at import', () => {
    const profile = base();
    profile.report.url = 'http://127.0.0.1:47615/crossrole/v1/connections';
    expect(ajvPaths(profile)).toEqual(['report.url']);
    const parsed = parseProfile(profile);
    if (!parsed.ok) throw new Error('a development URL parses');
    const store = checkImport(
      parsed.value,
      { builtin: [], imported: [] },
      { developmentBuild: false },
    );
    expect(store.map((e) => e.path)).toEqual(['report.url']);
  });

  // What JSON Schema cannot express (✱ in the schema's descriptions and docs/vendors.md): the
  // schema accepts these, Crossrole refuses them.
  it.each<[string, (p: Loose) => unknown, string]>([
    ['two levels with the same id', (p) => (p.access[1].id = 'minimal'), 'access'],
    [
      'two options with the same id',
      (p) => (p.options = [level('logs'), level('logs')]),
      'options',
    ],
    [
      'a principalArn in another account',
      (p) => (p.trust.principalArn = 'arn:aws:iam::111111111111:role/X'),
      'trust.principalArn',
    ],
    [
      'a custom policy of 6,145 characters without whitespace',
      (p) => {
        const document = p.access[0].customPolicies[0].document;
        const size = () => JSON.stringify(document).length;
        statement(p).Sid = '';
        statement(p).Sid = 'S'.repeat(6145 - size());
      },
      'access[0].customPolicies[0].document',
    ],
    ['a report URL without a host', (p) => (p.report.url = 'https://:443/r'), 'report.url'],
  ])('✱ leaves %s to Crossrole', (_, change, field) => {
    const profile = base();
    change(profile);
    expect(ajvPaths(profile)).toEqual([]);
    expect(zodPaths(profile)).toEqual([field]);
  });

  it('lists every ✱ rule in its description', () => {
    const starred = [...readFileSync(SCHEMA_FILE, 'utf8').matchAll(/✱/g)].length;
    expect(starred).toBeGreaterThanOrEqual(6);
    expect(schema.description).toMatch(
      /✱.*same id.*principalArn in trust\.accountId.*6,144 characters without whitespace.*options ticked.*URL parser.*built-in's.*read like another service's.*64 KB.*20 imported/s,
    );
  });

  it('is never stricter than a store build: what it imports, the schema accepts (property)', () => {
    const text = (maxLength: number) => fc.string({ minLength: 1, maxLength, unit: 'binary' });
    const iamName = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLE_PROFILES.filter((p) => (p as Loose).id !== DEMO_PROFILE_ID)),
        fc.record({
          name: text(70),
          label: text(210),
          description: fc.string({ maxLength: 60, unit: 'binary' }),
          roleName: iamName,
          prefix: fc.stringMatching(/^[\w+=,.@:/ -]{0,80}$/),
        }),
        fc.constantFrom(
          'https://a.example/r',
          'https://a.example:8443/r?x=1#f',
          'https://[2001:db8::1]/r',
          'https://a.example/@me',
          'https://a.example',
        ),
        (example, { name, label, description, roleName, prefix }, url) => {
          const profile = structuredClone(example) as Loose;
          profile.name = name;
          profile.access[0].label = label;
          profile.role.description = description;
          profile.role.name = roleName;
          if (profile.externalId.source === 'generate') profile.externalId.prefix = prefix;
          profile.report.url = url;
          if (parseProfile(profile).ok) expect(ajvPaths(profile)).toEqual([]);
          else expect(ajvPaths(profile)).not.toEqual([]);
        },
      ),
    );
  });
});
