// The two builds (scripts/build.ts): `npm run build` is the store build, with no example or demo
// profile and no loopback host anywhere in the manifest; `npm run build -- --development` carries
// the examples, the demo profile and the loopback hosts. What vite.config.ts does, without a build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinProfiles } from '../../../scripts/builtin-profiles.ts';
import {
  buildManifest,
  parseFlavour,
  type BuildFlavour,
  type TargetBrowser,
} from '../../../scripts/manifest.ts';
import { EXAMPLE_PROFILES, DEMO_PROFILE_ID } from '../../../src/core/profiles/index.ts';

const BROWSERS: TargetBrowser[] = ['chrome', 'firefox'];
const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/;

/** The manifest and built-in profiles exactly as vite.config.ts makes them. */
function build(browser: TargetBrowser, flavour: BuildFlavour, list?: string) {
  const profiles = loadBuiltinProfiles(list, flavour);
  const manifest = buildManifest(
    browser,
    profiles.map((p) => p.report.url),
    flavour,
  );
  return { profiles, manifest };
}

const dir = mkdtempSync(path.join(tmpdir(), 'crossrole-flavours-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const vendorFile = (name: string, url: string) => {
  const file = path.join(dir, name);
  const profile = {
    ...(structuredClone(EXAMPLE_PROFILES[1]) as { report: object }),
    id: 'acme-diagrams',
    name: 'Acme Diagrams',
  };
  profile.report = { ...profile.report, url };
  writeFileSync(file, JSON.stringify(profile));
  return file;
};

describe('the store build (npm run build)', () => {
  for (const browser of BROWSERS) {
    it(`${browser}: carries no built-in profile and no loopback host`, () => {
      const { profiles, manifest } = build(browser, 'store');
      expect(profiles).toEqual([]);
      expect(manifest.host_permissions).toEqual([]);
      expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
      expect(JSON.stringify(manifest)).not.toMatch(LOOPBACK);
      expect(JSON.stringify(manifest)).not.toContain('http://');
    });
  }

  it("is a vendor's branded build with CROSSROLE_PROFILES, its HTTPS origin granted", () => {
    const file = vendorFile('acme.json', 'https://api.acme.example/crossrole');
    const { profiles, manifest } = build('chrome', 'store', file);
    expect(profiles.map((p) => p.id)).toEqual(['acme-diagrams']);
    expect(manifest.host_permissions).toEqual(['https://api.acme.example/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  });

  it('refuses a CROSSROLE_PROFILES profile that does not report over HTTPS, naming the file and the field', () => {
    const file = vendorFile('local.json', 'http://127.0.0.1:47615/crossrole/v1/connections');
    expect(() => loadBuiltinProfiles(file, 'store')).toThrow(
      `Profile ${file}: report.url: is http://127.0.0.1:47615/crossrole/v1/connections; a store build sends reports over HTTPS only`,
    );
    // The same profile makes a development build.
    expect(loadBuiltinProfiles(file, 'development').map((p) => p.id)).toEqual(['acme-diagrams']);
  });

  it('refuses an HTTP report origin in the manifest too, whatever loaded the profiles', () => {
    expect(() => buildManifest('firefox', ['http://localhost:9/r'], 'store')).toThrow(/HTTPS only/);
  });
});

describe('the development build (npm run build -- --development)', () => {
  for (const browser of BROWSERS) {
    it(`${browser}: carries the example and demo profiles and the loopback hosts`, () => {
      const { profiles, manifest } = build(browser, 'development');
      expect(profiles).toHaveLength(EXAMPLE_PROFILES.length);
      expect(profiles.map((p) => p.id)).toContain(DEMO_PROFILE_ID);
      // The demo profile reports to the reference service without asking.
      expect(manifest.host_permissions).toContain('http://127.0.0.1/*');
      expect(manifest.optional_host_permissions).toEqual([
        'https://*/*',
        'http://127.0.0.1/*',
        'http://localhost/*',
      ]);
    });
  }
});

describe('CROSSROLE_BUILD', () => {
  it('is the store build unless it says development, and nothing else', () => {
    expect(parseFlavour(undefined)).toBe('store');
    expect(parseFlavour('')).toBe('store');
    expect(parseFlavour('store')).toBe('store');
    expect(parseFlavour('development')).toBe('development');
    expect(() => parseFlavour('dev')).toThrow(/must be "store" or "development"/);
  });
});
