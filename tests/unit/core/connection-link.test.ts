// Connection links (docs/vendors.md §6): the console's own deep link plus `crossrole=<code>`,
// built from a profile and a code, read back with its refusals, and taken out of the hash
// without touching the console's own parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeConnectionCode } from '../../../src/core/connection-code.ts';
import {
  codeFromLink,
  connectionLink,
  hashWithoutCode,
  linkCodeOf,
} from '../../../src/core/connection-link.ts';
import { LINK_CODE_MAX_CHARS } from '../../../src/core/code-format.ts';
import { parseHashRoute } from '../../../src/core/console-links.ts';
import { readConnectionCode } from '../../../src/core/imports.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const parsed = (raw: unknown): ServiceProfile => {
  const p = parseProfile(raw);
  if (!p.ok) throw new Error('invalid profile');
  return p.value;
};
const builtins = EXAMPLE_PROFILES.map(parsed);
/** A service that is not built in, issuing its External IDs (like example-cost-inventory). */
const acme = parsed({
  ...(structuredClone(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cost-inventory'),
  ) as object),
  id: 'acme-costs',
  name: 'Acme Costs',
});
const code = encodeConnectionCode({
  profile: acme,
  token: 'tok-1',
  externalId: 'acme-tenant-42',
  label: 'Acme Corp',
});

describe('connectionLink', () => {
  it("builds the console's create-role link with AWS's own parameters, then crossrole=<code>", () => {
    const link = connectionLink(acme, code);
    expect(link.ok).toBe(true);
    const url = new URL(link.ok ? link.value : '');
    expect(url.origin + url.pathname).toBe('https://console.aws.amazon.com/iam/home');
    const { path, query } = parseHashRoute(url.hash);
    expect(path).toBe('/roles/create');
    expect([...query.keys()]).toEqual([
      'step',
      'trustedEntityType',
      'awsAccount',
      'isThirdParty',
      'externalId',
      'policies',
      'crossrole',
    ]);
    expect(query.get('awsAccount')).toBe('123456789012');
    expect(query.get('externalId')).toBe('acme-tenant-42');
    // The default level's AWS managed policy; its custom policy cannot be prefilled.
    expect(query.getAll('policies')).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(query.get('crossrole')).toBe(code);
  });

  it('takes a level, a partition and a host', () => {
    const link = connectionLink(acme, code, {
      levelId: 'read-only',
      host: 'us-east-1.console.aws.amazon.com',
      region: 'us-east-1',
    });
    expect(link.ok && link.value).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/iam\/home\?region=us-east-1#\/roles\/create\?/,
    );
  });

  it.each([
    [
      'a code for another profile',
      acme,
      encodeConnectionCode({ profile: 'other', externalId: 'x1' }),
      {},
      /^profile: the code is for "other", not for "acme-costs"/,
    ],
    [
      'a code without the External ID',
      acme,
      encodeConnectionCode({ profile: acme, token: 't' }),
      {},
      /^externalId: is required/,
    ],
    [
      'a profile whose External ID Crossrole generates',
      builtins[0]!,
      encodeConnectionCode({ profile: 'crossrole-demo', externalId: 'x1' }),
      {},
      /^externalId\.source: must be "service"/,
    ],
    ['an unknown level', acme, code, { levelId: 'nope' }, /^levelId: "nope" is not a level/],
    [
      'a partition without an account',
      acme,
      code,
      { partition: 'aws-cn' as const },
      /^partition: acme-costs has no AWS account in aws-cn/,
    ],
    [
      'something that is not a code',
      acme,
      'hello',
      {},
      /^crossrole: must start with "crossrole1\."/,
    ],
    ['a code that is not JSON', acme, 'crossrole1.bm90IGpzb24', {}, /^\(code\): is malformed/],
  ])('refuses %s', (_name, profile, text, options, why) => {
    const link = connectionLink(profile, text, options);
    expect(link.ok).toBe(false);
    if (!link.ok) expect(`${link.errors[0]!.path}: ${link.errors[0]!.message}`).toMatch(why);
  });
});

describe('codeFromLink', () => {
  it('reads the code back from the URL or its hash, and it validates as an import', () => {
    const link = connectionLink(acme, code);
    if (!link.ok) throw new Error('no link');
    expect(codeFromLink(link.value)).toEqual({ ok: true, value: code });
    expect(codeFromLink(new URL(link.value).hash)).toEqual({ ok: true, value: code });
    const read = readConnectionCode(
      code,
      { builtin: builtins, imported: [] },
      { developmentBuild: false },
      new Date(),
    );
    expect(read).toMatchObject({
      ok: true,
      value: { profileIncluded: true, token: 'tok-1', externalId: 'acme-tenant-42' },
    });
  });

  it.each([
    ['not a URL', 'console/iam', /^\(link\): is not a URL/],
    [
      'another site',
      `https://console.aws.amazon.com.evil.example/iam/home#/roles/create?crossrole=${code}`,
      /is not an AWS console address/,
    ],
    [
      'plain http',
      `http://console.aws.amazon.com/iam/home#/roles/create?crossrole=${code}`,
      /is not an AWS console address/,
    ],
    [
      'another console app',
      `https://console.aws.amazon.com/ec2/home#/roles/create?crossrole=${code}`,
      /does not open the IAM console/,
    ],
    ['another route', `#/roles?crossrole=${code}`, /opens "\/roles", not IAM's Create role wizard/],
    ['no code', '#/roles/create?step=selectEntities', /^crossrole: is missing/],
    [
      'two codes',
      `#/roles/create?crossrole=${code}&crossrole=${code}`,
      /no connection code, or more than one/,
    ],
    ['an empty code', '#/roles/create?crossrole=', /no connection code, or more than one/],
    [
      'a code too long',
      `#/roles/create?crossrole=crossrole1.${'A'.repeat(LINK_CODE_MAX_CHARS)}`,
      /characters; a link's code has at most 131,072/,
    ],
    ['not a code', '#/roles/create?crossrole=abc', /must start with "crossrole1\."/],
  ])('refuses %s, saying why', (_name, link, why) => {
    const read = codeFromLink(link);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(`${read.errors[0]!.path}: ${read.errors[0]!.message}`).toMatch(why);
  });

  it('is null for the pickup on anything but the wizard with a crossrole parameter', () => {
    expect(linkCodeOf('#/roles/create?step=x')).toBeNull();
    expect(linkCodeOf(`#/roles?crossrole=${code}`)).toBeNull();
    expect(linkCodeOf(`#/roles/create/x?crossrole=${code}`)).toBeNull();
    expect(linkCodeOf(`#/roles/create?a=1&crossrole=${code}`)).toBe(code);
    expect(linkCodeOf(`#/roles/create?crossrole=a&crossrole=b`)).toBe('');
    expect(
      linkCodeOf(`#/roles/create?crossrole=${'x'.repeat(LINK_CODE_MAX_CHARS + 50)}`),
    ).toHaveLength(LINK_CODE_MAX_CHARS + 1);
  });
});

describe('hashWithoutCode', () => {
  it("removes every crossrole parameter and leaves the console's own ones byte for byte", () => {
    expect(
      hashWithoutCode(
        `#/roles/create?step=selectEntities&crossrole=${code}&policies=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess`,
      ),
    ).toBe(
      '#/roles/create?step=selectEntities&policies=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess',
    );
    expect(hashWithoutCode(`#/roles/create?crossrole=${code}`)).toBe('#/roles/create');
    expect(hashWithoutCode('#/roles/create?cross%72ole=x&a=1')).toBe('#/roles/create?a=1');
    expect(hashWithoutCode('#/roles')).toBe('#/roles');
  });

  it('never leaves a crossrole parameter the console or the pickup could read', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant('crossrole'), fc.constant('cross%72ole'), fc.string()), {
          maxLength: 6,
        }),
        fc.array(fc.string(), { maxLength: 6 }),
        (keys, values) => {
          const query = keys.map((k, i) => `${k}=${values[i] ?? ''}`).join('&');
          const hash = hashWithoutCode(`#/roles/create?${query}`);
          expect(parseHashRoute(hash).query.has('crossrole')).toBe(false);
          expect(linkCodeOf(hash)).toBeNull();
        },
      ),
    );
  });
});
