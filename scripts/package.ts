// `npm run package`: what each store takes, in packages/ (docs/publishing.md):
// - crossrole-<version>-chrome.zip and crossrole-<version>-firefox.zip, of the store build;
// - crossrole-<version>-source.zip, the committed tree (lockfile included) that addons.mozilla.org
//   asks for, whose two commands rebuild the Firefox zip's files byte for byte;
// - SHA256SUMS of every packaged file, to compare a rebuild against.
// The Firefox zip is linted as web-ext lint does, from its own contents.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import pkg from '../package.json' with { type: 'json' };

const OUT = path.resolve('packages');
/** Every entry gets this date, so the same files always make the same zip. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const name = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? filesUnder(dir, name) : [name];
    })
    .sort();
}

async function zipFiles(
  read: (name: string) => Buffer,
  names: string[],
  file: string,
): Promise<void> {
  const zip = new JSZip();
  for (const name of names) zip.file(name, read(name), { date: ZIP_DATE, createFolders: false });
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  writeFileSync(file, bytes);
  console.log(
    `wrote ${path.relative(process.cwd(), file)} (${names.length} files, ${bytes.length} bytes)`,
  );
}

const allowDirty = process.argv.includes('--allow-dirty');
const dirty = run('git', ['status', '--porcelain']).trim();
if (dirty && !allowDirty) {
  console.error(
    'The work tree has uncommitted changes: the source archive is the committed tree, so the zips would not match it. Commit first (or pass --allow-dirty for a trial).',
  );
  process.exit(1);
}

// The store build: no example or demo service, no loopback host.
run('npx', ['tsx', 'scripts/build.ts']);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const sums: string[] = [];
for (const browser of ['chrome', 'firefox'] as const) {
  const dist = path.resolve('dist', browser);
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    version: string;
  };
  if (manifest.version !== pkg.version)
    throw new Error(`dist/${browser} is version ${manifest.version}, package.json ${pkg.version}`);
  const names = filesUnder(dist);
  for (const name of names) {
    const hash = createHash('sha256')
      .update(readFileSync(path.join(dist, name)))
      .digest('hex');
    sums.push(`${hash}  ${browser}/${name}`);
  }
  await zipFiles(
    (name) => readFileSync(path.join(dist, name)),
    names,
    path.join(OUT, `crossrole-${pkg.version}-${browser}.zip`),
  );
}
writeFileSync(path.join(OUT, 'SHA256SUMS'), `${sums.join('\n')}\n`);

// The source: the committed tree, as a clean checkout has it (git archive stamps every entry
// with the commit's time, so one commit always gives the same archive).
const source = path.join(OUT, `crossrole-${pkg.version}-source.zip`);
run('git', ['archive', '--format=zip', `--prefix=crossrole-${pkg.version}/`, '-o', source, 'HEAD']);
console.log(`wrote ${path.relative(process.cwd(), source)} (the committed tree at HEAD)`);

// Lint what the Firefox zip holds, unpacked, as addons.mozilla.org will.
const unpacked = mkdtempSync(path.join(tmpdir(), 'crossrole-firefox-'));
try {
  const zip = await JSZip.loadAsync(
    readFileSync(path.join(OUT, `crossrole-${pkg.version}-firefox.zip`)),
  );
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const file = path.join(unpacked, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await entry.async('nodebuffer'));
  }
  execFileSync('npx', ['tsx', 'scripts/lint-firefox.ts', unpacked], { stdio: 'inherit' });
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}
