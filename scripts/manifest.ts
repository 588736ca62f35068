// Turns the one source manifest.json into each browser's manifest. Kept apart from vite.config.ts
// so a unit test can check the permission rules without running a build.
import sourceManifest from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

export type TargetBrowser = 'chrome' | 'firefox';
/**
 * `store`: what `npm run build` makes, for the stores: HTTPS report addresses only, no example
 * profiles. `development`: `npm run build -- --development`, for the demo and the tests.
 */
export type BuildFlavour = 'store' | 'development';

/** The loopback hosts a development build may ask for, for profiles imported at run time. */
export const LOOPBACK_HOST_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

export const FIREFOX_ID = 'crossrole@crossrole.dev';
/** 142: the first Firefox whose linter accepts `data_collection_permissions`; also has MAIN-world scripts. */
export const FIREFOX_MIN_VERSION = '142.0';
export const CHROME_MIN_VERSION = '111';

/** The manifest as JSON: typed loosely on purpose, the unit test checks its shape. */
export type Manifest = Record<string, unknown> & {
  background: { service_worker: string; type: string };
  host_permissions: string[];
  optional_host_permissions: string[];
};

/**
 * Match pattern for a report origin: ports are not part of match patterns, so the loopback
 * development origins become `http://127.0.0.1/*`.
 */
export function originPattern(reportUrl: string): string {
  const url = new URL(reportUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The CROSSROLE_BUILD value vite.config.ts was given; anything else is a mistake, not a default. */
export function parseFlavour(value: string | undefined): BuildFlavour {
  if (value === undefined || value === '' || value === 'store') return 'store';
  if (value === 'development') return 'development';
  throw new Error(`CROSSROLE_BUILD is "${value}": it must be "store" or "development"`);
}

export function buildManifest(
  browser: TargetBrowser,
  reportUrls: string[],
  flavour: BuildFlavour,
): Manifest {
  const manifest = structuredClone(sourceManifest) as unknown as Manifest;
  // One version for the stores, the source archive and npm: package.json's.
  manifest.version = pkg.version;
  // loadBuiltinProfiles refuses these first, naming the file; this is the last line.
  const insecure = reportUrls.filter((u) => new URL(u).protocol !== 'https:');
  if (flavour === 'store' && insecure.length > 0)
    throw new Error(`A store build reports over HTTPS only, not to ${insecure.join(', ')}`);
  manifest.host_permissions = [...new Set(reportUrls.map(originPattern))].sort();
  if (flavour === 'development') {
    manifest.optional_host_permissions = [
      ...manifest.optional_host_permissions,
      ...LOOPBACK_HOST_PATTERNS,
    ];
  }
  if (browser === 'chrome') {
    return { ...manifest, minimum_chrome_version: CHROME_MIN_VERSION };
  }
  // Firefox runs MV3 backgrounds as event pages, not service workers.
  const { service_worker, ...background } = manifest.background;
  return {
    ...manifest,
    background: { ...background, scripts: [service_worker] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // The Role ARN and account ID read from the console are sent to the service the customer chose.
        data_collection_permissions: { required: ['websiteContent'] },
      },
    },
  } as unknown as Manifest;
}
