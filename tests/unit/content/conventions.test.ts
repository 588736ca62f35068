// The page-feature conventions, checked on every feature file (Refined GitHub's meta-test):
// one feature per file named after it, listed in the registry, declaring its page and the setups
// it acts for, set up from `init(context, signal)` with everything it adds tied to the signal,
// sharing code only through content/lib, and none of the shortcuts that break on the console or
// leak into the page.
// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/platform/browser.ts', () => ({ browser: {} }));
const { FEATURES } = await import('../../../src/content/features/index.ts');
const { CLOUDFORMATION_FEATURES } = await import('../../../src/content/cloudformation/index.ts');

// Each console app's features: IAM's, and CloudFormation's StackSet pages (docs/organizations.md).
const APPS = [
  { dir: 'features', registry: FEATURES },
  { dir: 'cloudformation', registry: CLOUDFORMATION_FEATURES },
];
const featureFiles = (dir: string) =>
  readdirSync(path.resolve(import.meta.dirname, '../../../src/content', dir)).filter(
    (f) => f.endsWith('.ts') && f !== 'index.ts',
  );
const DIR = path.resolve(import.meta.dirname, '../../../src/content/features');
const ALL = APPS.flatMap(({ dir }) =>
  featureFiles(dir).map((file) => ({ file, full: path.resolve(DIR, '..', dir, file) })),
);

describe('content features', () => {
  it('are all registered, one per file, with the file name as id', () => {
    for (const { dir, registry } of APPS)
      expect(registry.map((f) => `${f.id}.ts`).sort(), dir).toEqual([...featureFiles(dir)].sort());
  });

  it('each declares its page (a route or what it shows) and the setups it acts for', () => {
    for (const feature of [...FEATURES, ...CLOUDFORMATION_FEATURES]) {
      expect(feature.matches ?? feature.shows, feature.id).toBeTypeOf('function');
      expect(feature.modes.length, feature.id).toBeGreaterThan(0);
      expect(feature.states.length, feature.id).toBeGreaterThan(0);
    }
  });

  it('each has a unit test of its own', () => {
    const tests = readdirSync(import.meta.dirname);
    for (const { file } of ALL) expect(tests, file).toContain(file.replace(/\.ts$/, '.test.ts'));
  });

  for (const { file, full } of ALL) {
    const source = readFileSync(full, 'utf8');
    describe(file, () => {
      it('starts with a comment that says which page it serves and why', () => {
        expect(source.startsWith('// ')).toBe(true);
      });
      it('ties listeners and waits to the abort signal', () => {
        for (const call of source.matchAll(/addEventListener\(/g)) {
          // From the receiver (`signal.addEventListener('abort', …)` is the teardown itself).
          const statement = source.slice(Math.max(0, call.index - 7)).split(/\);\s*\n/)[0] ?? '';
          expect(statement, statement).toMatch(/signal/);
        }
        for (const call of source.matchAll(/waitFor\(/g))
          expect(source.slice(call.index, call.index + 400), 'waitFor needs the signal').toMatch(
            /signal/,
          );
      });
      it('imports no other feature: shared code and strings live in content/lib', () => {
        for (const [, from] of source.matchAll(/from '([^']+)'/g))
          expect(from, from).not.toMatch(/^\.\/|\/features\//);
      });
      it('computes no navigation: where to go next comes from the background', () => {
        // console-links parses routes for features; its URL builders are the background's.
        expect(source).not.toMatch(/\b\w+Url\(/);
      });
      it('leaves the setup check to the content script (its declared modes and states)', () => {
        expect(source).not.toMatch(/!setup\b(?!\.)|\bsetup\?\./);
      });
      it('uses no bare timers, no innerHTML, no extension API and no generated ids', () => {
        // Timers go through content/lib/dom.ts (waitFor, settled, later), which end with the signal.
        expect(source).not.toMatch(/setTimeout|setInterval|innerHTML|outerHTML|insertAdjacentHTML/);
        expect(source).not.toMatch(/\bbrowser\.|\bchrome\./);
        // React's useId ids (":r1b2:") change between renders; hashed class names only by prefix.
        expect(source).not.toMatch(/getElementById|querySelector[^)]*#/);
        expect(source).not.toMatch(/awsui_[a-z-]+_[a-z0-9]{5}_[a-z0-9]{5}/);
      });
      it('never clicks the buttons that create or update something', () => {
        expect(source).not.toMatch(
          /labelsFor\('(createRole|createPolicy|updatePolicy)'[^)]*\)\)?\.click/,
        );
        // Nor the StackSet's Submit, nor the IAM acknowledgement, which are the customer's.
        expect(source).not.toMatch(/(submit|acknowledge)[\w()]*\??\.click\(/i);
        expect(source).not.toMatch(/setChecked\([^)]*acknowledge/i);
      });
    });
  }

  it('each feature answers its own routes only', () => {
    const routes = [
      '/roles',
      '/roles/create',
      '/roles/details/MyRole',
      '/roles/edit_trust_policy/MyRole',
      '/policies',
      '/policies/create',
      '/users',
      '/users/create',
      '/users/details/Me',
      '/users/details/Me/create_access_key',
      '/policies/details/arn:aws:iam::111122223333:policy/P',
      '/policies/details/arn:aws:iam::111122223333:policy/P/edit',
    ];
    const table = Object.fromEntries(
      FEATURES.map((f) => [f.id, routes.filter((r) => f.matches?.(r) === true)]),
    );
    expect(table).toEqual({
      'create-role-wizard': ['/roles/create'],
      'create-policy': ['/policies/create'],
      'policies-list': ['/policies'],
      'roles-list': ['/roles'],
      disconnect: [
        '/roles',
        '/roles/details/MyRole',
        '/policies',
        '/policies/details/arn:aws:iam::111122223333:policy/P',
      ],
      'users-list': ['/users'],
      'role-details': ['/roles/details/MyRole'],
      'edit-trust-policy': ['/roles/edit_trust_policy/MyRole'],
      // Known by what the page shows (its route is not documented): see the feature's `shows`.
      'attach-policies': [],
      'edit-role': [],
      'create-user-wizard': ['/users/create'],
      'user-details': ['/users/details/Me'],
      'create-access-key': ['/users/details/Me/create_access_key'],
      'policy-version': [
        '/policies/details/arn:aws:iam::111122223333:policy/P',
        '/policies/details/arn:aws:iam::111122223333:policy/P/edit',
      ],
    });
    const stackSetRoutes = [
      '/stacksets',
      '/stacksets/create',
      '/stacksets/ExampleRole/info',
      '/stacksets/ExampleRole/stacks',
      '/stacksets/ExampleRole/parameters',
      '/stacksets/ExampleRole/template',
    ];
    expect(
      Object.fromEntries(
        CLOUDFORMATION_FEATURES.map((f) => [
          f.id,
          stackSetRoutes.filter((r) => f.matches?.(r) === true),
        ]),
      ),
    ).toEqual({
      // Known by its step titles, on whatever route the console gives the wizard.
      'create-stack-set-wizard': [],
      'stack-set-page': stackSetRoutes.slice(2),
    });
  });
});
