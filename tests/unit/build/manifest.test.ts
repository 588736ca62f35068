import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import sourceManifest from '../../../manifest.json' with { type: 'json' };
import { buildManifest, originPattern, FIREFOX_ID } from '../../../scripts/manifest.ts';
import { CONSOLE_ORIGIN_PATTERNS, coversConsole } from '../../../src/core/partition.ts';

const CONSOLE_HOSTS = [
  'https://*.console.aws.amazon.com/',
  'https://*.console.amazonaws.cn/',
  'https://*.console.amazonaws-us-gov.com/',
  'https://*.console.amazonaws-eusc.eu/',
];

describe('the manifest for each browser', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    const manifest = buildManifest(
      browser,
      ['https://api.example.com/v1/c', 'http://127.0.0.1:47615/c'],
      'development',
    );

    it(`${browser}: carries package.json's version, the one source of it`, () => {
      expect(manifest.version).toBe(pkg.version);
      expect(sourceManifest).not.toHaveProperty('version');
    });

    it(`${browser}: asks for no broad or unexplained permission`, () => {
      expect(manifest.permissions).toEqual(['storage', 'alarms', 'notifications']);
      const all = JSON.stringify(manifest);
      expect(all).not.toContain('<all_urls>');
      expect(manifest.permissions).not.toContain('tabs');
      expect(manifest).not.toHaveProperty('web_accessible_resources');
    });

    it(`${browser}: runs content scripts only on IAM and CloudFormation pages of the console hosts of every partition`, () => {
      const scripts = manifest.content_scripts as {
        matches: string[];
        js: string[];
        run_at: string;
        world?: string;
      }[];
      const iam = scripts.filter((c) => !c.js.includes('src/content/cloudformation.ts'));
      const matches = iam.flatMap((c) => c.matches);
      for (const m of matches) {
        expect(
          CONSOLE_HOSTS.some((h) => m === `${h}iam/*` || m === `${h}iamv2/*`),
          m,
        ).toBe(true);
      }
      for (const h of CONSOLE_HOSTS) expect(matches).toContain(`${h}iam/*`);
      // The StackSet pages' script (docs/organizations.md): CloudFormation paths only, isolated
      // world, once the page is idle; the only script there.
      const cloudFormation = scripts.filter((c) => c.js.includes('src/content/cloudformation.ts'));
      expect(cloudFormation).toEqual([
        {
          matches: CONSOLE_HOSTS.map((h) => `${h}cloudformation/*`),
          js: ['src/content/cloudformation.ts'],
          run_at: 'document_idle',
        },
      ]);
      const everywhere = scripts.flatMap((c) => c.matches);
      expect(everywhere.filter((m) => m.includes('/cloudformation/'))).toHaveLength(4);
      // What the popup asks for again when the customer revoked it covers exactly these hosts.
      expect(CONSOLE_ORIGIN_PATTERNS).toEqual(CONSOLE_HOSTS.map((h) => `${h}*`));
      expect(coversConsole(matches)).toBe(true);
      expect(coversConsole(CONSOLE_ORIGIN_PATTERNS)).toBe(true);
      // One partition revoked is enough to ask again.
      expect(coversConsole(matches.filter((m) => !m.includes('amazonaws.cn')))).toBe(false);
      expect(coversConsole(['https://*/*'])).toBe(true);
      expect(coversConsole(['http://*/*', 'https://console.aws.amazon.com/*'])).toBe(false);
    });

    it(`${browser}: reaches only the built-in profiles' report origins without asking`, () => {
      expect(manifest.host_permissions).toEqual([
        'http://127.0.0.1/*',
        'https://api.example.com/*',
      ]);
    });
  }

  it('gives Firefox an event-page background, an id and its data-collection declaration', () => {
    const manifest = buildManifest('firefox', [], 'store') as unknown as {
      background: unknown;
      browser_specific_settings: {
        gecko: {
          id: string;
          strict_min_version: string;
          data_collection_permissions: { required: string[] };
        };
      };
    };
    expect(manifest.background).toEqual({ type: 'module', scripts: ['src/background/index.ts'] });
    expect(manifest.browser_specific_settings.gecko.id).toBe(FIREFOX_ID);
    expect(
      Number.parseFloat(manifest.browser_specific_settings.gecko.strict_min_version),
    ).toBeGreaterThanOrEqual(142);
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions.required).toEqual([
      'websiteContent',
    ]);
  });

  it('gives Chrome a module service worker and no Firefox settings', () => {
    const manifest = buildManifest('chrome', [], 'store');
    expect(manifest.background).toEqual({
      type: 'module',
      service_worker: 'src/background/index.ts',
    });
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });
});

describe('originPattern', () => {
  it('drops the port and path, which match patterns cannot carry', () => {
    expect(originPattern('http://127.0.0.1:47615/crossrole/v1/connections')).toBe(
      'http://127.0.0.1/*',
    );
    expect(originPattern('https://api.example.com/x?y=1')).toBe('https://api.example.com/*');
  });
});
