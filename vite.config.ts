import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { buildManifest, type TargetBrowser } from './scripts/manifest.ts';
import { loadBuiltinProfiles } from './scripts/builtin-profiles.ts';

// The content scripts: built as self-contained files so nothing is web-accessible to AWS pages.
const CONTENT_SCRIPTS = ['src/content/index.ts', 'src/content/page-world.ts'];
const BUILTIN_PROFILES_ID = 'virtual:crossrole/builtin-profiles';

/** Serves the profiles chosen at build time (CROSSROLE_PROFILES) as a module. */
function builtinProfilesModule(profiles: unknown[]): Plugin {
  return {
    name: 'crossrole-builtin-profiles',
    resolveId: (id) => (id === BUILTIN_PROFILES_ID ? `\0${BUILTIN_PROFILES_ID}` : null),
    load: (id) =>
      id === `\0${BUILTIN_PROFILES_ID}` ? `export default ${JSON.stringify(profiles)};` : null,
  };
}

export default defineConfig(() => {
  const browser = (process.env.CROSSROLE_BROWSER ?? 'chrome') as TargetBrowser;
  const profiles = loadBuiltinProfiles(process.env.CROSSROLE_PROFILES);
  const manifest = buildManifest(
    browser,
    profiles.map((p) => p.report.url),
  );
  return {
    plugins: [
      preact(),
      builtinProfilesModule(profiles),
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
