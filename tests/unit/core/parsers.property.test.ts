// Every parser of outside input, fed arbitrary values: it never throws, every rejection carries
// a message naming a field, and valid values round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArn, parseArn } from '../../../src/core/arn.ts';
import { encodeConnectionCode, parseConnectionCode } from '../../../src/core/connection-code.ts';
import { legacyCreateRoleUrl, parseHashRoute } from '../../../src/core/console-links.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { classifyAnswer, parseAccessKeyReport, parseReport } from '../../../src/core/report.ts';
import type { Result } from '../../../src/core/result.ts';

const profiles = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('invalid example');
  return r.value;
});
const now = new Date('2026-11-24T00:00:00Z');

function rejectionsExplain(result: Result<unknown>): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.path.length).toBeGreaterThan(0);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('parsers on arbitrary input', () => {
  it('never throw, and explain every rejection', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        rejectionsExplain(parseProfile(value));
        rejectionsExplain(parseReport(value));
        rejectionsExplain(parseAccessKeyReport(value));
        rejectionsExplain(parseConnectionCode(String(value), profiles, now));
        parseArn(String(value));
        parseHashRoute(String(value));
        classifyAnswer(200, value, null, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('explain rejections of arbitrary JSON-shaped profiles and codes', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        rejectionsExplain(parseProfile(json));
        rejectionsExplain(
          parseConnectionCode(
            `crossrole1.${Buffer.from(json).toString('base64url')}`,
            profiles,
            now,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('round-trip valid values', () => {
    for (const profile of profiles) {
      const again = parseProfile(JSON.stringify(profile));
      expect(again.ok && again.value).toEqual(profile);
    }
    const name = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
    const account = fc.stringMatching(/^\d{12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-eusc'),
        account,
        fc.constantFrom('role', 'user'),
        name,
        (partition, accountId, type, n) => {
          const text = `arn:${partition}:iam::${accountId}:${type}/${n}`;
          expect(formatArn(parseArn(text)!)).toBe(text);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\w+=,.@:/-]{2,60}$/),
        fc.string({ maxLength: 200 }),
        (externalId, token) => {
          const code = encodeConnectionCode({
            profile: 'example-cost-inventory',
            externalId,
            token: token || 't',
          });
          const parsed = parseConnectionCode(code, profiles, now);
          expect(parsed.ok && [parsed.value.externalId, parsed.value.token]).toEqual([
            externalId,
            token || 't',
          ]);
        },
      ),
    );
  });

  it('build the legacy wizard link with the role name, as some consoles still take it', () => {
    const url = new URL(
      legacyCreateRoleUrl('aws', {
        serviceAccountId: '123456789012',
        externalId: 'e-1',
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        roleName: 'R',
      }),
    );
    expect(url.hash).toMatch(
      /^#\/roles\$new\?step=type&roleType=crossAccount&isThirdParty&accountID=123456789012&externalID=e-1&roleName=R&policies=arn/,
    );
  });
});
