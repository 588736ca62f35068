// Profiles (contract.md §1): every example is valid, and each broken rule is an error that names
// the field and the rule. The published JSON Schema is what the generator makes now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseProfile,
  reportOrigin,
  supportedPartitions,
  trustedPrincipalArn,
} from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { generateProfileSchema, SCHEMA_FILE } from '../../../scripts/gen-profile-schema.ts';

// Profiles are edited freely here to break one rule at a time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
const demo = () => structuredClone(EXAMPLE_PROFILES[0]) as Loose;

function errorsOf(change: (p: Loose) => void) {
  const profile = demo();
  change(profile);
  const result = parseProfile(profile);
  if (result.ok) throw new Error('expected the profile to be refused');
  return result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('service profiles', () => {
  it('accepts every example profile, as a value and as JSON text', () => {
    for (const profile of EXAMPLE_PROFILES) {
      expect(parseProfile(profile).ok).toBe(true);
      expect(parseProfile(JSON.stringify(profile)).ok).toBe(true);
    }
  });

  const cases: [string, (p: Loose) => void, RegExp][] = [
    [
      'an unknown top-level key',
      (p) => (p.reportUrl = 'x'),
      /^\(root\): unknown field "reportUrl"/,
    ],
    ['a bad id', (p) => (p.id = 'Bad_Id'), /^id: must be 2–63 lower-case/],
    ['a long name', (p) => (p.name = 'x'.repeat(65)), /^name: must be at most 64/],
    [
      'an account that is not 12 digits',
      (p) => (p.trust.accountId = '1234'),
      /^trust\.accountId: must be exactly 12 digits/,
    ],
    [
      'a principal in another account',
      (p) => (p.trust.principalArn = 'arn:aws:iam::111111111111:role/X'),
      /^trust\.principalArn: must be a role or user ARN in account 999988887777/,
    ],
    [
      'a misspelt partition',
      (p) => (p.trust.otherPartitions = { 'aws-gov': '123456789012' }),
      /^trust\.otherPartitions: unknown field "aws-gov"/,
    ],
    [
      'a prefix too long for 96 characters',
      (p) => (p.externalId.prefix = 'p'.repeat(80)),
      /^externalId\.prefix: is 80 characters long; .* at most 74/,
    ],
    ['a role name with a space', (p) => (p.role.name = 'My Role'), /^role\.name: contains " "/],
    [
      'an emoji in the description',
      (p) => (p.role.description = 'Hi 👋'),
      /^role\.description: contains characters IAM does not allow/,
    ],
    [
      'no default level',
      (p) => (p.access[0].default = false),
      /^access: exactly one level must be "default": true \(found 0\)/,
    ],
    ['two default levels', (p) => (p.access[1].default = true), /found 2/],
    [
      'eleven policies in a level',
      (p) =>
        (p.access[0].managedPolicyArns = Array.from(
          { length: 11 },
          (_, i) => `arn:aws:iam::aws:policy/P${i}`,
        )),
      /^access\[0\]: has 11 policies, IAM attaches at most 10/,
    ],
    [
      'a statement without Resource',
      (p) =>
        (p.access[0].customPolicies = [
          {
            name: 'X',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
            },
          },
        ]),
      /^access\[0\]\.customPolicies\[0\]\.document\.Statement\[0\]: needs exactly one of Resource or NotResource/,
    ],
    [
      'a bad action',
      (p) =>
        (p.access[0].customPolicies = [
          {
            name: 'X',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }],
            },
          },
        ]),
      /Action: must look like "service:Action"/,
    ],
    [
      'an http report URL',
      (p) => (p.report.url = 'http://api.example.com/r'),
      /^report\.url: must use https:\/\//,
    ],
  ];
  it.each(cases)('refuses %s, naming the field', (_, change, message) => {
    expect(errorsOf(change).join('\n')).toMatch(message);
  });

  it("says how far a custom policy is over IAM's 6,144 characters", () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(6202)}`,
    };
    const errors = errorsOf(
      (p) =>
        (p.access[1].customPolicies = [
          { name: 'Big', document: { Version: '2012-10-17', Statement: [statement] } },
        ]),
    );
    expect(errors.join('\n')).toContain(
      'access[1].customPolicies[0].document: 6,310 characters without whitespace, IAM allows 6,144 (166 over)',
    );
  });

  it('accepts loopback HTTP for development, and refuses invalid JSON text', () => {
    for (const url of [
      'http://127.0.0.1:8080/r',
      'http://localhost/r',
      'https://api.example.com/r',
    ]) {
      const p = demo();
      p.report.url = url;
      expect(parseProfile(p).ok, url).toBe(true);
    }
    const bad = parseProfile('{ not json');
    expect(!bad.ok && bad.errors[0]!.message).toMatch(/is not valid JSON/);
  });

  it('derives partitions, principals and the report origin', () => {
    const result = parseProfile(EXAMPLE_PROFILES[1]);
    if (!result.ok) throw new Error('invalid');
    expect(supportedPartitions(result.value)).toEqual(['aws', 'aws-us-gov']);
    expect(trustedPrincipalArn(result.value, 'aws-us-gov')).toBe(
      'arn:aws-us-gov:iam::310987654321:role/DiagramsScanner',
    );
    expect(trustedPrincipalArn(result.value, 'aws-cn')).toBeNull();
    expect(reportOrigin(result.value)).toBe('https://api.diagrams.example.com');
  });

  it('publishes a JSON Schema that matches the zod schema', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generateProfileSchema());
  });
});
