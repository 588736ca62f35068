// Whether a pasted profile may be kept (src/core/imports.ts): not under a built-in's id, not
// under a name that reads like a built-in's or another import's, and within the size and count
// limits of src/core/limits.ts, and over HTTPS unless the build is a development build. Each
// refusal names the field and the limit.
import { describe, expect, it } from 'vitest';
import { checkImport } from '../../../src/core/imports.ts';
import { MAX_IMPORTED_PROFILES, MAX_IMPORTED_PROFILE_BYTES } from '../../../src/core/limits.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const builtin = EXAMPLE_PROFILES.map((p) => {
  const r = parseProfile(p);
  if (!r.ok) throw new Error('example invalid');
  return r.value;
});
const acme = (id = 'acme-diagrams', name = 'Acme Diagrams'): ServiceProfile => ({
  ...structuredClone(builtin[1]!),
  id,
  name,
});
const problems = (
  profile: ServiceProfile,
  imported: ServiceProfile[] = [],
  developmentBuild = true,
) =>
  checkImport(profile, { builtin, imported }, { developmentBuild }).map(
    (e) => `${e.path}: ${e.message}`,
  );
const reportingTo = (url: string): ServiceProfile => {
  const profile = acme();
  profile.report = { ...profile.report, url };
  return profile;
};

describe('checkImport', () => {
  it('keeps a new service with a name of its own, and an update of an imported one', () => {
    expect(problems(acme())).toEqual([]);
    expect(problems(acme(), [acme()])).toEqual([]);
  });

  it("refuses a built-in's id and a name like a built-in's, saying why", () => {
    expect(problems(acme('crossrole-demo'))).toEqual([
      'id: "crossrole-demo" is a service built into Crossrole and cannot be replaced; use a connection code that names it instead',
    ]);
    expect(problems(acme('acme', 'Crossrole  demo-service'))).toEqual([
      'name: "Crossrole  demo-service" reads like "Crossrole Demo Service", a service built into Crossrole: the two could not be told apart in the list',
    ]);
    expect(problems(acme('acme', 'Сrossrole Demo Service'))[0]).toMatch(/^name: .* reads like/);
  });

  it('refuses a name like another imported service', () => {
    expect(problems(acme('acme-2', 'ACME diagrams'), [acme()])).toEqual([
      'name: "ACME diagrams" reads like "Acme Diagrams", a service already imported: the two could not be told apart in the list',
    ]);
  });

  it(`refuses a profile over ${MAX_IMPORTED_PROFILE_BYTES} bytes and a service over the ${MAX_IMPORTED_PROFILES} kept`, () => {
    const big = acme();
    big.role.description = 'x'.repeat(1000);
    big.access = Array.from({ length: 10 }, (_, l) => ({
      id: `l${l}`,
      label: `Level ${l}`,
      default: l === 0,
      description: 'd'.repeat(1000),
      customPolicies: Array.from({ length: 10 }, (_, i) => ({
        name: `P${l}x${i}`,
        document: {
          Version: '2012-10-17' as const,
          Statement: [
            {
              Effect: 'Allow' as const,
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${'b'.repeat(600)}`,
            },
          ],
        },
      })),
    }));
    expect(problems(big)).toEqual([
      expect.stringMatching(
        /^\(root\): is [\d,]+ bytes; Crossrole keeps imported profiles of at most 65,536 bytes \(64 KB\)$/,
      ),
    ]);
    const many = Array.from({ length: MAX_IMPORTED_PROFILES }, (_, i) =>
      acme(`s${i}`, `Service ${i}`),
    );
    expect(problems(acme(), many)).toEqual([
      '(root): Crossrole keeps at most 20 imported services: remove one first',
    ]);
    // Replacing one of them is not one more.
    expect(problems(acme('s3', 'Service 3'), many)).toEqual([]);
  });

  it('refuses a loopback report address in a store build, naming the field, and keeps it in a development build', () => {
    for (const url of [
      'http://127.0.0.1:47615/crossrole/v1/connections',
      'http://localhost:3000/r',
      'http://[::1]:8080/r',
    ]) {
      expect(problems(reportingTo(url), [], false), url).toEqual([
        'report.url: this build sends reports over HTTPS only; development addresses work only in a development build',
      ]);
      expect(problems(reportingTo(url), [], true), url).toEqual([]);
    }
    // HTTPS is the same in both builds.
    expect(problems(reportingTo('https://api.example.com/r'), [], false)).toEqual([]);
  });
});
