// What the background keeps of imported profiles: it checks again what the popup checked (a
// message can come from elsewhere than the popup's own code path), so a profile under a
// built-in's id or name, a look-alike of another import, one too big or one too many is
// refused here too, naming the rule.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { popupSender as popup } from '../../support/setup-fixtures.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');

const service = (id: string, name: string) => ({
  ...(structuredClone(EXAMPLE_PROFILES[1]) as object),
  id,
  name,
});
const save = (profile: unknown) => handleMessage({ type: 'profile.save', profile }, popup);
const imported = async () => {
  const reply = await handleMessage({ type: 'popup.state' }, popup);
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { importedProfiles: { id: string }[] }).importedProfiles.map((p) => p.id);
};

beforeEach(() => {
  fake.current = createFakeBrowser();
});

describe('profile.save', () => {
  it("refuses a built-in's id, a built-in's name and another import's name, naming the field", async () => {
    expect(await save(service('crossrole-demo', 'Anything'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^id: "crossrole-demo" is a service built into Crossrole/),
    });
    expect(await save(service('lookalike', 'Crossrole Demo Service'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^name: "Crossrole Demo Service" reads like "Crossrole Demo Service"/,
      ),
    });
    expect(await save(service('acme', 'Acme Diagrams'))).toEqual({ ok: true, value: null });
    expect(await save(service('acme-2', 'Аcme Diagrams'))).toMatchObject({
      ok: false,
      error: expect.stringContaining('a service already imported'),
    });
    // The same service again is an update.
    expect(await save(service('acme', 'Acme Diagrams'))).toEqual({ ok: true, value: null });
    expect(await imported()).toEqual(['acme']);
  });
});
