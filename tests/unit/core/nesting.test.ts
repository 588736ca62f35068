// Outside input is checked for type and nesting depth before anything recursive touches it:
// 10,000 nested arrays fit in every size limit, and JSON.stringify, zod and Array#join recurse.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseConnectionCode } from '../../../src/core/connection-code.ts';
import { parsePolicyDocument, PolicyDocumentSchema } from '../../../src/core/iam-policy.ts';
import {
  MAX_NESTING_DEPTH,
  shapeProblem,
  textShapeProblem,
} from '../../../src/core/json-limits.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { classifyAnswer } from '../../../src/core/report.ts';
import { fromZodIssues } from '../../../src/core/result.ts';

const nested = (levels: number, inner = '"x"') =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const withCondition = (valueJson: string) =>
  JSON.stringify(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cloud-diagrams'),
  ).replace(
    /"Resource":"\*"/,
    `"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":${valueJson}}}`,
  );

describe('nesting depth', () => {
  it('finds the first value nested too deep, with its path, without recursing', () => {
    expect(shapeProblem({ a: [[1]] }, 3)).toBeNull();
    expect(shapeProblem({ a: [[[1]]] }, 3)).toMatchObject({
      path: ['a', 0, 0],
      message: 'is nested more than 3 levels deep',
    });
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(shapeProblem(cyclic)?.message).toMatch(/nested more than/);
    expect(shapeProblem(JSON.parse(nested(1_000_000)))?.path).toHaveLength(MAX_NESTING_DEPTH);
  });

  it('refuses a profile nested 10,000 deep inside a policy, naming the field', () => {
    const text = withCondition(nested(10_000));
    expect(text.length).toBeLessThan(25_000);
    const result = parseProfile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toMatchObject([
      {
        path: expect.stringMatching(
          /^access\[0\]\.customPolicies\[0\]\.document\.Statement\[0\]\.Condition\.StringEquals\.aws:RequestedRegion(\[0\])+$/,
        ),
        message: 'is nested more than 32 levels deep',
      },
    ]);
    // The same inside a connection code, as a value or as the code's text.
    const code = parseConnectionCode(
      `crossrole1.${Buffer.from(`{"profile":${text},"token":"t"}`).toString('base64url')}`,
      { builtin: [], imported: [] },
      new Date(),
    );
    expect(!code.ok && code.errors[0]!.path).toMatch(/^profile\.access\[0\]/);
    expect(!code.ok && code.errors[0]!.message).toBe('is nested more than 32 levels deep');
  });

  it('refuses a deep connection code, a deep policy document, and ignores a deep service answer', () => {
    const code = `crossrole1.${Buffer.from(`{"profile":"x","token":${nested(5000)}}`).toString('base64url')}`;
    expect(parseConnectionCode(code, { builtin: [], imported: [] }, new Date())).toMatchObject({
      ok: false,
      errors: [
        {
          path: expect.stringMatching(/^token(\[0\])+$/),
          message: 'is nested more than 32 levels deep',
        },
      ],
    });
    expect(
      parsePolicyDocument(`{"Version":"2012-10-17","Statement":${nested(5000, '{}')}}`),
    ).toMatchObject({
      ok: false,
      errors: [{ message: 'is nested more than 32 levels deep' }],
    });
    expect(classifyAnswer(409, JSON.parse(`{"message":${nested(5000)}}`), null, 0)).toMatchObject({
      kind: 'refused',
      message: 'The service refused the report (HTTP 409).',
    });
  });
});

describe('nesting depth in JSON text', () => {
  it('refuses a text nested past 20,000 levels before JSON.parse builds it, skipping strings', () => {
    const huge = nested(512 * 1024); // 1 MB of brackets
    const message = 'is nested more than 32 levels deep (from character 33)';
    expect(textShapeProblem(huge)).toMatchObject({ path: [], message });
    expect(parseProfile(huge)).toMatchObject({ ok: false, errors: [{ path: '(root)', message }] });
    expect(parsePolicyDocument(huge)).toMatchObject({
      ok: false,
      errors: [{ path: '(root)', message }],
    });
    expect(textShapeProblem(JSON.stringify({ a: '['.repeat(20_000) }))).toBeNull();
    // Up to 20,000 levels the text is parsed and the walk names the field.
    expect(textShapeProblem(nested(10_000))).toBeNull();
  });
});

describe('condition values', () => {
  it('must be strings, numbers, booleans or lists of them, never objects', () => {
    for (const value of ['{"toString":1}', '[["eu-west-1"]]', 'null']) {
      const result = parseProfile(withCondition(value));
      expect(!result.ok && result.errors).toMatchObject([
        {
          path: expect.stringMatching(/Condition\.StringEquals\.aws:RequestedRegion$/),
          message: 'must be a string, a number, a boolean or a list of them',
        },
      ]);
    }
    expect(parseProfile(withCondition('["eu-west-1", 3, true]')).ok).toBe(true);
    const parsed = z.safeParse(PolicyDocumentSchema, {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { k: { toString: 1 } } },
      },
    });
    expect(fromZodIssues(parsed.error!.issues)[0]!.path).toBe('Statement.Condition.Bool.k');
  });
});
