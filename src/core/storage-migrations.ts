// What storage.local holds is versioned (docs/security.md, "Storage"): a worker of a newer
// version upgrades what an older one wrote once, at start, in one write, instead of every
// delivery round checking for old shapes. Pure: the background reads, calls `migrate`, writes.
import { freshDelivery, type Setup } from './setup.ts';

/** The shape of storage.local this version writes. */
export const STORAGE_VERSION = 2;

type Migration = (setups: Setup[], now: number) => Setup[];

/** MIGRATIONS[n] upgrades version n to n + 1: one setup out for each setup in, in order. */
const MIGRATIONS: Record<number, Migration> = {
  // Version 1 could leave a verified setup without its delivery record (written before reports
  // were queued with it): queue it, so nothing verified is left behind.
  1: (setups, now) =>
    setups.map((s) =>
      s.state === 'verified' && !s.delivery ? { ...s, delivery: freshDelivery(now) } : s,
    ),
};

export type MigrationResult =
  { ok: true; setups: Setup[]; changed: boolean } | { ok: false; error: string };

/**
 * Upgrades setups written by storage version `from` (1 when none is recorded) to
 * STORAGE_VERSION. A version newer than this code (a downgrade) is left untouched and refused,
 * so an older worker never rewrites what it cannot read.
 */
export function migrate(setups: Setup[], from: unknown, now: number): MigrationResult {
  const version = from === undefined ? 1 : from;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, error: `storage version ${JSON.stringify(from)} is not a version` };
  if (version > STORAGE_VERSION)
    return {
      ok: false,
      error: `storage version ${version} was written by a newer Crossrole (this one writes ${STORAGE_VERSION})`,
    };
  let out = setups;
  for (let v = version; v < STORAGE_VERSION; v += 1) out = MIGRATIONS[v]!(out, now);
  return { ok: true, setups: out, changed: version !== STORAGE_VERSION };
}
