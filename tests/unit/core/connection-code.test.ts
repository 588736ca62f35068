// Connection codes (docs/vendors.md §2): `crossrole1.` + base64url(JSON). Valid codes round-trip;
// an expired or malformed code is refused with a message that says which.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONNECTION_CODE_PREFIX,
  encodeConnectionCode,
  looksLikeConnectionCode,
  parseConnectionCode,
} from '../../../src/core/connection-code.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const profiles = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('example invalid');
  return r.value;
});
const demo = profiles.find((p) => p.id === 'crossrole-demo')!;
const now = new Date('2026-11-24T00:00:00Z');
const b64 = (text: string) => CONNECTION_CODE_PREFIX + Buffer.from(text).toString('base64url');

function refusal(code: string) {
  const result = parseConnectionCode(code, { builtin: profiles, imported: [] }, now);
  if (result.ok) throw new Error('expected the code to be refused');
  return result.errors;
}
const first = (code: string) => {
  const e = refusal(code)[0]!;
  return `${e.path}: ${e.message}`;
};

describe('connection codes that are valid', () => {
  it('round-trip with a built-in profile named by id', () => {
    const code = encodeConnectionCode({
      profile: 'example-cost-inventory',
      token: 't0k',
      externalId: 'svc:tenant/42',
      expiresAt: '2026-12-01T00:00:00Z',
    });
    expect(code.startsWith('crossrole1.')).toBe(true);
    expect(code.slice(11)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(looksLikeConnectionCode(`  ${code}\n`)).toBe(true);
    const result = parseConnectionCode(`  ${code}\n`, { builtin: profiles, imported: [] }, now);
    expect(result).toEqual({
      ok: true,
      value: {
        profile: profiles.find((p) => p.id === 'example-cost-inventory'),
        profileIncluded: false,
        token: 't0k',
        externalId: 'svc:tenant/42',
        label: null,
        expiresAt: '2026-12-01T00:00:00Z',
      },
    });
  });

  it('carry a whole profile, marked as included, and read the same as Buffer-made codes', () => {
    const code = encodeConnectionCode({ profile: EXAMPLE_PROFILES[0] });
    expect(code).toBe(b64(JSON.stringify({ profile: EXAMPLE_PROFILES[0] })));
    expect(parseConnectionCode(code, { builtin: [], imported: [] }, now)).toEqual({
      ok: true,
      value: {
        profile: demo,
        profileIncluded: true,
        token: null,
        externalId: null,
        label: null,
        expiresAt: null,
      },
    });
  });

  it("carry the service's label for whose connection it is, printable and bounded", () => {
    const code = (label: unknown) =>
      encodeConnectionCode({ profile: 'crossrole-demo', label, expiresAt: '2026-12-01T00:00:00Z' });
    const parsed = parseConnectionCode(
      code('Acme Corp — workspace 42'),
      { builtin: profiles, imported: [] },
      now,
    );
    expect(parsed.ok && parsed.value.label).toBe('Acme Corp — workspace 42');
    expect(first(code('Acme\u202eCorp'))).toBe('label: must contain only printable characters');
    expect(first(code('line\nbreak'))).toBe('label: must contain only printable characters');
    expect(first(code('x'.repeat(101)))).toBe('label: must be at most 100 characters');
    expect(first(code(''))).toBe('label: must not be empty');
  });

  it('carry a profile of several hundred kilobytes', () => {
    const big = structuredClone(EXAMPLE_PROFILES[0]) as { access: object[] };
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(6000)}`,
    };
    big.access = Array.from({ length: 10 }, (_, l) => ({
      id: `l${l}`,
      label: `Level ${l}`,
      default: l === 0,
      customPolicies: Array.from({ length: 10 }, (_, i) => ({
        name: `P${l}x${i}`,
        document: { Version: '2012-10-17', Statement: [statement] },
      })),
    }));
    const code = encodeConnectionCode({ profile: big, expiresAt: '2026-12-01T00:00:00+01:00' });
    expect(code.length).toBeGreaterThan(600_000);
    const result = parseConnectionCode(code, { builtin: [], imported: [] }, now);
    expect(result.ok && result.value.profile.access).toHaveLength(10);
  });

  it('round-trip any header-safe token and service External ID (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\w+=,.@:/-]{2,200}$/),
        fc.stringMatching(/^[\x21-\x7e]{1,300}$/),
        (externalId, token) => {
          const parsed = parseConnectionCode(
            encodeConnectionCode({ profile: 'example-cost-inventory', externalId, token }),
            { builtin: profiles, imported: [] },
            now,
          );
          expect(parsed.ok && [parsed.value.externalId, parsed.value.token]).toEqual([
            externalId,
            token,
          ]);
        },
      ),
    );
  });
});

describe('connection codes that are refused', () => {
  it('an expired code, naming the date (also when it expires this very moment)', () => {
    expect(
      first(encodeConnectionCode({ profile: 'crossrole-demo', expiresAt: '2026-01-01T00:00:00Z' })),
    ).toBe('expiresAt: the code expired on 2026-01-01T00:00:00Z; ask the service for a new one');
    expect(
      first(encodeConnectionCode({ profile: 'crossrole-demo', expiresAt: now.toISOString() })),
    ).toMatch(/^expiresAt: the code expired on/);
    expect(
      first(encodeConnectionCode({ profile: 'crossrole-demo', expiresAt: 'next week' })),
    ).toMatch(/^expiresAt: must be an ISO 8601 date and time/);
  });

  it.each([
    [
      'a missing prefix',
      'eyJwcm9maWxlIjoiY3Jvc3Nyb2xlLWRlbW8ifQ',
      /^\(code\): must start with "crossrole1\."/,
    ],
    ['another prefix', 'crossrole2.eyJ9', /^\(code\): must start with "crossrole1\."/],
    [
      'characters outside base64url',
      'crossrole1.ab+/cd==',
      /^\(code\): is malformed: .* not base64url/,
    ],
    ['malformed base64', 'crossrole1.!!!', /^\(code\): is malformed: .* not base64url/],
    ['a truncated base64 group', 'crossrole1.eyJwc', /^\(code\): is malformed: .* not base64url/],
    [
      'content that is not JSON',
      b64('profile=crossrole-demo'),
      /^\(code\): is malformed: its content is not JSON/,
    ],
    ['JSON that is not an object', b64('"crossrole-demo"'), /^\(root\): must be an object/],
    [
      'an unknown field',
      b64('{"profile":"crossrole-demo","tokn":"x"}'),
      /^\(root\): unknown field "tokn"/,
    ],
    ['no profile', b64('{"token":"x"}'), /^profile: is required/],
  ])('%s, saying which', (_, code, message) => {
    expect(first(code)).toMatch(message);
  });

  it("a carried profile under a built-in service's id, which would show one service and run another", () => {
    const impostor = {
      ...(structuredClone(EXAMPLE_PROFILES[1]) as object),
      id: 'crossrole-demo',
      name: 'Totally The Demo',
      trust: { accountId: '666666666666' },
      report: { url: 'https://evil.example/r', auth: 'none' },
    };
    expect(first(encodeConnectionCode({ profile: impostor, externalId: 'their-tenant' }))).toMatch(
      /^profile\.id: is "crossrole-demo", a service built into Crossrole: a code may name it by id, but never carry a profile of its own under that id/,
    );
    // Under an id that is only imported, the carried profile is what is shown and kept.
    const imported = { ...profiles[1]!, id: 'acme-diagrams' };
    const update = parseConnectionCode(
      encodeConnectionCode({
        profile: { ...(EXAMPLE_PROFILES[1] as object), id: 'acme-diagrams' },
      }),
      { builtin: profiles, imported: [imported] },
      now,
    );
    expect(update.ok && update.value.profileIncluded).toBe(true);
  });

  it('an unknown profile id', () => {
    expect(first(encodeConnectionCode({ profile: 'who' }))).toBe(
      'profile: names "who", which is not a service Crossrole knows; the service must include its whole profile',
    );
  });

  it("an invalid embedded profile, every error under 'profile.'", () => {
    const broken = {
      ...(EXAMPLE_PROFILES[0] as object),
      id: 'X',
      report: { url: 'http://x.example', auth: 'none' },
    };
    const errors = refusal(encodeConnectionCode({ profile: broken }));
    expect(errors.map((e) => e.path)).toEqual(['profile.id', 'profile.report.url']);
    expect(errors[1]!.message).toMatch(/https/);
  });

  it('no External ID when the service issues it, or one AWS would refuse', () => {
    expect(first(encodeConnectionCode({ profile: 'example-cost-inventory', token: 't' }))).toBe(
      'externalId: is required: Example Cost & Inventory issues the External ID',
    );
    expect(
      first(
        encodeConnectionCode({
          profile: 'example-cost-inventory',
          token: 't',
          externalId: 'has space',
        }),
      ),
    ).toMatch(/^externalId: may only contain/);
    expect(first(encodeConnectionCode({ profile: 'crossrole-demo', externalId: 'x' }))).toMatch(
      /^externalId: must be at least 2/,
    );
  });

  it('no token when the service authenticates reports with one, or a token over 4096', () => {
    expect(
      first(encodeConnectionCode({ profile: 'example-cost-inventory', externalId: 'abc' })),
    ).toBe('token: is required: Example Cost & Inventory authenticates reports with a token');
    expect(
      first(
        encodeConnectionCode({
          profile: 'example-cost-inventory',
          externalId: 'abc',
          token: 't'.repeat(4097),
        }),
      ),
    ).toMatch(/^token: must be 1–4096 visible ASCII characters/);
  });

  it.each([
    ['a line break', 'abc\r\nX-Evil: 1'],
    ['a space', 'abc def'],
    ['a control character', 'abc\u0000'],
    ['a tab', 'abc\tdef'],
    ['a non-ASCII character', 'abcé'],
    ['nothing', ''],
  ])('a token with %s, naming the field and never quoting it', (_, token) => {
    const message = first(
      encodeConnectionCode({ profile: 'example-cost-inventory', externalId: 'abc', token }),
    );
    expect(message).toBe(
      'token: must be 1–4096 visible ASCII characters (no spaces, line breaks or control characters): it is sent in an HTTP header',
    );
  });

  it('arbitrary text without throwing, always with a path and a message (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => CONNECTION_CODE_PREFIX + s),
          fc.json().map(b64),
          fc
            .uint8Array()
            .map((bytes) => CONNECTION_CODE_PREFIX + Buffer.from(bytes).toString('base64url')),
        ),
        (code) => {
          const result = parseConnectionCode(code, { builtin: profiles, imported: [] }, now);
          if (result.ok) return;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(e.path).not.toBe('');
            expect(e.message).not.toBe('');
          }
        },
      ),
    );
  });
});
