// The module mocks the background's unit tests share, for their `vi.mock` calls. vitest hoists
// `vi.mock` above the imports, so a test calls these from inside its factory:
//
//   const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
//   vi.mock('../../../src/platform/browser.ts', async () =>
//     (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
//   );
//   vi.mock('virtual:crossrole/builtin-profiles', async () =>
//     (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
//   );
//
// The holder stays in the test (each test sets `fake.current` to a new fake browser); the mocks
// read it on every access, so a test's fresh fake is the one the background sees.
import type { ServiceProfile } from '../../src/core/profile.ts';
import type { createFakeBrowser } from './fake-browser.ts';
import { parsedExampleProfiles } from './setup-fixtures.ts';

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

/** src/platform/browser.ts over the holder's current fake browser, in Chrome. */
export function platformBrowserMock(holder: { readonly current: FakeBrowser }) {
  return {
    get browser() {
      return holder.current.browser;
    },
    browserName: () => 'chrome' as const,
  };
}

/** virtual:crossrole/builtin-profiles as the example profiles, each passed through `edit`. */
export function builtinProfilesMock(edit: (profile: ServiceProfile) => ServiceProfile = (p) => p) {
  return { default: parsedExampleProfiles().map(edit) };
}

/** virtual:crossrole/build, a development build or the store build as the holder says. */
export function buildFlavourMock(holder: { readonly developmentBuild: boolean }) {
  return {
    get developmentBuild() {
      return holder.developmentBuild;
    },
  };
}
