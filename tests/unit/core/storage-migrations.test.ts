// Storage written by an older Crossrole is upgraded once, in one step: a verified setup without
// its delivery record gets one, the rest is untouched; a newer version is never rewritten.
import { describe, expect, it } from 'vitest';
import { migrate, STORAGE_VERSION } from '../../../src/core/storage-migrations.ts';
import type { Setup } from '../../../src/core/setup.ts';

const NOW = 1_800_000_000_000;
const setup = (state: Setup['state'], delivery?: Setup['delivery']) =>
  ({ id: `s-${state}`, state, ...(delivery ? { delivery } : {}) }) as unknown as Setup;

describe('storage migrations', () => {
  it('queues a verified setup that version 1 left without a delivery record', () => {
    const queued = setup('verified', { status: 'delivered' } as Setup['delivery']);
    const result = migrate([setup('verified'), setup('started'), queued], undefined, NOW);
    expect(result).toMatchObject({ ok: true, changed: true });
    if (!result.ok) return;
    expect(result.setups[0]!.delivery).toMatchObject({ status: 'queued', firstQueuedAt: NOW });
    expect(result.setups[1]).toEqual(setup('started'));
    expect(result.setups[2]).toBe(queued);
  });

  it('leaves current storage as it is', () => {
    const setups = [setup('verified')];
    expect(migrate(setups, STORAGE_VERSION, NOW)).toEqual({ ok: true, setups, changed: false });
  });

  it('refuses a newer or a nonsense version, changing nothing', () => {
    expect(migrate([], STORAGE_VERSION + 1, NOW)).toMatchObject({
      ok: false,
      error: expect.stringContaining('newer Crossrole'),
    });
    for (const bad of ['2', 0, 1.5, null, {}])
      expect(migrate([], bad, NOW)).toMatchObject({
        ok: false,
        error: expect.stringContaining('not a version'),
      });
  });
});
