// `npm run build`: one production build per browser, dist/chrome and dist/firefox.
// Never the dev server: it loads code from localhost and exposes every file to every site.
import { build } from 'vite';
import type { TargetBrowser } from './manifest.ts';

const browsers: TargetBrowser[] = ['chrome', 'firefox'];

for (const browser of browsers) {
  process.env.CROSSROLE_BROWSER = browser;
  const started = performance.now();
  await build({ logLevel: 'warn' });
  console.log(`built dist/${browser} in ${Math.round(performance.now() - started)} ms`);
}
