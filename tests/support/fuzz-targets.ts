// Every parser of outside input, as a fuzz target with valid examples to mutate: profiles,
// connection codes, trust policies (verify and merge), service answers, policy documents, and
// every message schema of src/core/messages.ts.
import * as z from 'zod/mini';
import { encodeConnectionCode, parseConnectionCode } from '../../src/core/connection-code.ts';
import { parsePolicyDocument } from '../../src/core/iam-policy.ts';
import * as messages from '../../src/core/messages.ts';
import { parseProfile } from '../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import { classifyAnswer, parseAccessKeyReport, parseReport } from '../../src/core/report.ts';
import { fromZodIssues, type Result } from '../../src/core/result.ts';
import {
  buildTrustPolicy,
  mergeTrustPolicy,
  verifyTrustPolicy,
} from '../../src/core/trust-policy.ts';
import type { FuzzTarget, Verdict } from './fuzz.ts';
import {
  ACCOUNT,
  DEMO_EXTERNAL_ID,
  DEMO_ROLE,
  demoStart,
  EXAMPLE_ACCESS_KEY,
  parsedExampleProfiles,
  SERVICE_ACCOUNT as SERVICE,
} from './setup-fixtures.ts';

const expected = {
  principalArn: `arn:aws:iam::${SERVICE}:root`,
  externalId: DEMO_EXTERNAL_ID,
};
const now = new Date('2026-11-25T00:00:00Z');
const known = parsedExampleProfiles();

const fromResult = (result: Result<unknown>): Verdict =>
  result.ok ? { accepted: true } : { accepted: false, reasons: result.errors };

const trustPolicies: unknown[] = [
  buildTrustPolicy(expected),
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      {
        Sid: 'NoOthers',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sts:*',
        Condition: { StringNotEquals: { 'sts:ExternalId': expected.externalId } },
      },
      ...(buildTrustPolicy(expected).Statement as unknown[]),
    ],
  },
  {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Principal: { AWS: [expected.principalArn, '111122223333'] },
      NotAction: 'sts:TagSession',
      Condition: {
        StringEquals: { 'sts:ExternalId': ['a', 'b'] },
        DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' },
      },
    },
  },
];

const policyDocuments: unknown[] = EXAMPLE_PROFILES.flatMap((p) =>
  (p as { access: { customPolicies?: { document: unknown }[] }[] }).access.flatMap(
    (level) => level.customPolicies?.map((c) => c.document) ?? [],
  ),
);

const codes: unknown[] = [
  { profile: 'example-cost-inventory', token: 'opaque-token', externalId: 'tenant-42' },
  { profile: EXAMPLE_PROFILES[0], expiresAt: '2027-01-01T00:00:00Z' },
  { profile: EXAMPLE_PROFILES[3], token: 't', externalId: 'infra-abcdefghijklmnopqrstuv' },
];

const reports: unknown[] = [
  {
    schemaVersion: 1,
    event: 'role.connected',
    setupId: '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11',
    profileId: 'your-service',
    roleArn: 'arn:aws:iam::111122223333:role/YourServiceRole',
    accountId: '111122223333',
    partition: 'aws',
    externalId: 'demo-Qm9yZXN0IGlzIGJldHRlcg',
    accessLevel: 'read-only',
    options: [],
    policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    trustPolicyVerified: true,
    capturedAt: '2026-11-22T10:00:00.000Z',
    client: { name: 'crossrole', version: '0.1.0', browser: 'chrome' },
  },
];

const ID = '2f0c3a4e-6d0b-4c59-9a43-0e7f3b9d8a11';
/** One valid message of every type the background accepts, plus what it tells a console tab. */
export const EXAMPLE_MESSAGES: unknown[] = [
  { type: 'popup.state' },
  { type: 'popup.activeTab', tabId: 3 },
  { type: 'setup.start', ...demoStart(), token: 'opaque-token', tabId: 4 },
  { type: 'setup.retry', setupId: ID },
  { type: 'setup.discard', setupId: ID },
  { type: 'profile.save', profile: EXAMPLE_PROFILES[1] },
  { type: 'profile.remove', profileId: 'example-operations' },
  { type: 'diagnostics.clear' },
  { type: 'content.hello', route: '/roles/create' },
  { type: 'content.policyCreated', setupId: ID, policyName: 'ExamplePolicy' },
  { type: 'content.roleCreated', setupId: ID, roleName: 'CrossroleDemoRole' },
  { type: 'content.trustUpdated', setupId: ID, roleName: 'CrossroleDemoRole' },
  { type: 'content.roleRenamed', setupId: ID, roleName: 'CrossroleDemoRole-2' },
  { type: 'content.userCreated', setupId: ID, userName: 'ExampleUser' },
  {
    type: 'content.accessKey',
    setupId: ID,
    userName: 'ExampleUser',
    sessionAccountId: ACCOUNT,
    arnTexts: [`arn:aws:iam::${ACCOUNT}:user/ExampleUser`],
    ...EXAMPLE_ACCESS_KEY,
  },
  {
    type: 'content.rolePage',
    setupId: ID,
    roleName: DEMO_ROLE,
    sessionAccountId: ACCOUNT,
    arnTexts: [`ARN arn:aws:iam::${ACCOUNT}:role/${DEMO_ROLE} Copy`],
    trustPolicyText: JSON.stringify(buildTrustPolicy(expected)),
  },
  {
    type: 'content.locatorMiss',
    feature: 'create-role-wizard',
    field: 'role-name',
    language: 'en',
    route: '/roles/create',
  },
];

const schemaVerdict = (schema: z.ZodMiniType, input: unknown): Verdict => {
  const parsed = z.safeParse(schema, input);
  return parsed.success
    ? { accepted: true }
    : { accepted: false, reasons: fromZodIssues(parsed.error.issues, [], input) };
};

/** Every zod schema messages.ts exports, by name. */
export const MESSAGE_SCHEMAS: [string, z.ZodMiniType][] = Object.entries(
  messages as Record<string, unknown>,
).flatMap(([name, value]): [string, z.ZodMiniType][] =>
  typeof value === 'object' && value !== null && '_zod' in value
    ? [[name, value as z.ZodMiniType]]
    : [],
);

const examplesOf = (name: string): unknown[] => {
  const schema = MESSAGE_SCHEMAS.find(([n]) => n === name)![1];
  const fitting = EXAMPLE_MESSAGES.filter((m) => z.safeParse(schema, m).success);
  return fitting.length ? fitting : EXAMPLE_MESSAGES;
};

export const FUZZ_TARGETS: Record<string, FuzzTarget[]> = {
  profiles: [
    {
      name: 'parseProfile',
      examples: EXAMPLE_PROFILES,
      text: true,
      run: (i) => fromResult(parseProfile(i)),
    },
    {
      name: 'parsePolicyDocument',
      examples: policyDocuments,
      text: true,
      run: (i) => fromResult(parsePolicyDocument(i)),
    },
  ],
  codes: [
    {
      name: 'parseConnectionCode',
      examples: codes,
      text: false,
      // As the customer pastes it: text, or a value encoded as a code when it can be.
      prepare: (i) => {
        if (typeof i === 'string') return i;
        try {
          return encodeConnectionCode(i);
        } catch {
          return `crossrole1.${Buffer.from(typeof i).toString('base64url')}`;
        }
      },
      run: (text) => {
        return fromResult(parseConnectionCode(String(text), { builtin: known, imported: [] }, now));
      },
    },
  ],
  trust: [
    {
      name: 'verifyTrustPolicy',
      examples: trustPolicies,
      text: true,
      run: (i) => {
        const check = verifyTrustPolicy(i, expected, SERVICE);
        return check.verified
          ? { accepted: true }
          : {
              accepted: false,
              reasons: check.problems.map((message) => ({ path: 'trust policy', message })),
            };
      },
    },
    {
      name: 'mergeTrustPolicy',
      examples: trustPolicies,
      text: true,
      run: (i) => {
        const merged = mergeTrustPolicy(i, expected, SERVICE);
        return merged.ok
          ? { accepted: true }
          : { accepted: false, reasons: [{ path: 'trust policy', message: merged.error }] };
      },
    },
  ],
  answers: [
    {
      name: 'classifyAnswer',
      examples: [
        { status: 'connected', message: 'Welcome' },
        { status: 'pending' },
        { message: 'No' },
      ],
      text: false,
      run: (body) => {
        for (const status of [200, 202, 302, 409, 429, 503, 418]) {
          const answer = classifyAnswer(status, body, '120', 0);
          if (answer.kind === 'refused' && !answer.message.trim())
            return { accepted: false, reasons: [{ path: 'message', message: '' }] };
        }
        return { accepted: true };
      },
    },
    { name: 'parseReport', examples: reports, run: (i) => fromResult(parseReport(i)) },
    {
      name: 'parseAccessKeyReport',
      examples: reports,
      run: (i) => fromResult(parseAccessKeyReport(i)),
    },
    {
      name: 'parseMessage',
      examples: EXAMPLE_MESSAGES,
      run: (i) => fromResult(messages.parseMessage(i)),
    },
  ],
  messages: MESSAGE_SCHEMAS.map(([name, schema]) => ({
    name: `messages.${name}`,
    examples: examplesOf(name),
    run: (i: unknown) => schemaVerdict(schema, i),
  })),
};
