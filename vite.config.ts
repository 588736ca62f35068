import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { buildManifest, parseFlavour, type TargetBrowser } from './scripts/manifest.ts';
import { loadBuiltinProfiles } from './scripts/builtin-profiles.ts';

// The content scripts: built as self-contained files so nothing is web-accessible to AWS pages.
const CONTENT_SCRIPTS = [
  'src/content/index.ts',
  'src/content/cloudformation.ts',
  'src/content/page-world.ts',
  'src/content/link-pickup.ts',
];

/** Serves `code` as the module `id`: what the build decided, for the code to import. */
function virtualModule(id: string, code: string): Plugin {
  return {
    name: `crossrole-${id.replace(/\W+/g, '-')}`,
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) => (resolved === `\0${id}` ? code : null),
  };
}

export default defineConfig(() => {
  const browser = (process.env.CROSSROLE_BROWSER ?? 'chrome') as TargetBrowser;
  // Set by scripts/build.ts: `store` unless `npm run build -- --development`.
  const flavour = parseFlavour(process.env.CROSSROLE_BUILD);
  const profiles = loadBuiltinProfiles(process.env.CROSSROLE_PROFILES, flavour);
  const manifest = buildManifest(
    browser,
    profiles.map((p) => p.report.url),
    flavour,
  );
  return {
    plugins: [
      preact(),
      // The profiles chosen at build time (scripts/builtin-profiles.ts).
      virtualModule(
        'virtual:crossrole/builtin-profiles',
        `export default ${JSON.stringify(profiles)};`,
      ),
      virtualModule(
        'virtual:crossrole/build',
        `export const developmentBuild = ${JSON.stringify(flavour === 'development')};`,
      ),
      crx({
        manifest: manifest as never,
        browser,
        contentScripts: { standaloneFiles: CONTENT_SCRIPTS },
      }),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      // Readable output: stores review it, and there is no remote code to hide.
      minify: true,
      sourcemap: false,
      target: 'es2022',
    },
  };
});
