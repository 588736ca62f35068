// `npm run build`: the store build, one production build per browser, dist/chrome and dist/firefox.
// `npm run build -- --development`: the development build the demo, the benchmark and the
// end-to-end tests load (the example and demo profiles, loopback report addresses allowed).
// Never the dev server: it loads code from localhost and exposes every file to every site.
import { build } from 'vite';
import type { BuildFlavour, TargetBrowser } from './manifest.ts';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--development');
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}: the only option is --development.`);
  process.exit(2);
}
const flavour: BuildFlavour = args.includes('--development') ? 'development' : 'store';
const browsers: TargetBrowser[] = ['chrome', 'firefox'];

// vite.config.ts reads both from the environment: a config file takes no arguments.
process.env.CROSSROLE_BUILD = flavour;
for (const browser of browsers) {
  process.env.CROSSROLE_BROWSER = browser;
  const started = performance.now();
  await build({ logLevel: 'warn' });
  console.log(
    `built dist/${browser} (${flavour} build) in ${Math.round(performance.now() - started)} ms`,
  );
}
