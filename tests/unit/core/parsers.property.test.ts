// Every parser of outside input, fed arbitrary values: it never throws, every rejection carries
// a path and a message, and valid values round-trip.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatArn, parseArn } from '../../../src/core/arn.ts';
import { encodeConnectionCode, parseConnectionCode } from '../../../src/core/connection-code.ts';
import { parseHashRoute } from '../../../src/core/console-links.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { classifyAnswer, parseAccessKeyReport, parseReport } from '../../../src/core/report.ts';
import type { Result } from '../../../src/core/result.ts';
import { mergeTrustPolicy, verifyTrustPolicy } from '../../../src/core/trust-policy.ts';

// Hundreds of generated inputs a test: seconds on a loaded 2-core machine, which is not a
// failure (speed is measured in the bench, not here).
vi.setConfig({ testTimeout: 30_000 });

const profiles = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('invalid example');
  return r.value;
});
const now = new Date('2026-11-24T00:00:00Z');
const expected = { principalArn: 'arn:aws:iam::999988887777:root', externalId: 'e-1' };

function rejectionsExplain(result: Result<unknown>): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.path.length).toBeGreaterThan(0);
    expect(e.message.trim().length).toBeGreaterThan(0);
    expect(e.message).not.toBe('Invalid input');
  }
}

describe('parsers on arbitrary input', () => {
  it('never throw on any value, and explain every rejection', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        rejectionsExplain(parseProfile(value));
        rejectionsExplain(parseReport(value));
        rejectionsExplain(parseAccessKeyReport(value));
        classifyAnswer(200, value, null, 0);
        classifyAnswer(409, value, null, 0);
        mergeTrustPolicy(value, expected, '999988887777');
        verifyTrustPolicy(value, expected, '999988887777');
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        rejectionsExplain(parseProfile(text));
        rejectionsExplain(parseConnectionCode(text, { builtin: profiles, imported: [] }, now));
        rejectionsExplain(
          parseConnectionCode(`crossrole1.${text}`, { builtin: profiles, imported: [] }, now),
        );
        expect(parseArn(text)).toBeNull();
        parseHashRoute(text);
        mergeTrustPolicy(text, expected, '999988887777');
        verifyTrustPolicy(text, expected, '999988887777');
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
            { builtin: profiles, imported: [] },
            now,
          ),
        );
        rejectionsExplain(
          parseConnectionCode(
            encodeConnectionCode({ profile: JSON.parse(json) }),
            { builtin: profiles, imported: [] },
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
      const code = parseConnectionCode(
        encodeConnectionCode({ profile, token: 't', externalId: 'xx' }),
        { builtin: [], imported: [] },
        now,
      );
      expect(code.ok && code.value.profile).toEqual(profile);
    }
    fc.assert(
      fc.property(
        fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-eusc'),
        fc.stringMatching(/^\d{12}$/),
        fc.constantFrom('role', 'user'),
        fc.stringMatching(/^[\w+=,.@-]{1,64}$/),
        (partition, accountId, type, n) => {
          const text = `arn:${partition}:iam::${accountId}:${type}/${n}`;
          expect(formatArn(parseArn(text)!)).toBe(text);
        },
      ),
    );
  });
});
