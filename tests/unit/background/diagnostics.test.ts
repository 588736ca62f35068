// Locator misses with their page outlines (docs/console.md, "Learning from a miss"): a console tab
// sends them, the background validates and keeps them, only the newest outlines stay, and the
// popup's copied diagnostic carries them with their texts redacted.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from '../../support/background-mocks.ts';
import { createFakeBrowser } from '../../support/fake-browser.ts';
import { consoleTab } from '../../support/setup-fixtures.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeBrowser }));
vi.mock('../../../src/platform/browser.ts', async () =>
  (await import('../../support/background-mocks.ts')).platformBrowserMock(fake),
);
vi.mock('virtual:crossrole/builtin-profiles', async () =>
  (await import('../../support/background-mocks.ts')).builtinProfilesMock(),
);

const { handleMessage } = await import('../../../src/background/router.ts');
const { loadDiagnostics, MAX_OUTLINES } = await import('../../../src/background/store.ts');
const { diagnosticText } = await import('../../../src/popup/components/Diagnostics.tsx');

const tab7 = consoleTab(7);
const outline = [
  { d: 0, tag: 'main', cs: 'awsui_layout_hyvsj' },
  { d: 1, tag: 'button', name: 'Next', cs: 'awsui_button_vjswe awsui_variant-primary_vjswe' },
];
const miss = (field: string, extra: object = {}) => ({
  type: 'content.locatorMiss',
  feature: 'create-role-wizard',
  field,
  language: 'en',
  route: '/roles/create',
  ...extra,
});

beforeEach(() => {
  fake.current = createFakeBrowser({});
});

describe('diagnostics with outlines', () => {
  it('keeps a miss with its outline, and the outline of a repeated miss sent without one', async () => {
    expect(await handleMessage(miss('next', { outline }), tab7)).toEqual({
      ok: true,
      value: null,
    });
    await handleMessage(miss('next'), tab7);
    const [kept] = await loadDiagnostics();
    expect(kept).toMatchObject({ field: 'next', outline });
  });

  it('refuses a forged outline like any other bad input', async () => {
    const forged = [{ d: 0, tag: 'main', cs: 'awsui_x_12345 arn:aws:iam::111122223333:root' }];
    expect((await handleMessage(miss('next', { outline: forged }), tab7)).ok).toBe(false);
    expect(await loadDiagnostics()).toEqual([]);
  });

  it(`keeps only the newest ${MAX_OUTLINES} outlines`, async () => {
    for (let i = 0; i < MAX_OUTLINES + 5; i += 1)
      await handleMessage(miss(`field-${i}`, { outline }), tab7);
    const kept = await loadDiagnostics();
    expect(kept).toHaveLength(MAX_OUTLINES + 5);
    expect(kept.filter((m) => m.outline).map((m) => m.field)).toEqual(
      Array.from({ length: MAX_OUTLINES }, (_, i) => `field-${i + 5}`),
    );
  });

  it('copies the outline one node a line, texts redacted, prefixes intact', () => {
    vi.stubGlobal('navigator', { userAgent: 'Test/1.0' });
    const text = diagnosticText(
      [
        {
          feature: 'role-details',
          field: 'editTrustPolicy',
          language: 'en',
          route: '/roles/details/*',
          at: 0,
          outline: [...outline, { d: 1, tag: 'h1', name: 'Role 1111-2222-3333' }],
        },
      ],
      '0.1.0',
    );
    expect(text).toContain('outline of role-details editTrustPolicy lang=en:');
    expect(text).toContain(
      '  {"d":1,"tag":"button","name":"Next","cs":"awsui_button_vjswe awsui_variant-primary_vjswe"}',
    );
    expect(text).toContain('  {"d":1,"tag":"h1","name":"Role [redacted]"}');
    vi.unstubAllGlobals();
  });
});
