// The profiles the background knows: those built in at build time and those the customer
// imported (re-validated on every read).
import builtinProfiles from 'virtual:crossrole/builtin-profiles';
import type { ServiceProfile } from '../core/profile.ts';
import { loadImportedProfiles } from './store.ts';

export async function allProfiles(): Promise<ServiceProfile[]> {
  const imported = await loadImportedProfiles();
  // A built-in profile wins over an imported one with the same id: builds are what vendors ship.
  return [
    ...builtinProfiles,
    ...imported.filter((p) => !builtinProfiles.some((b) => b.id === p.id)),
  ];
}

export async function findProfile(id: string): Promise<ServiceProfile | null> {
  return (await allProfiles()).find((p) => p.id === id) ?? null;
}

export function builtins(): readonly ServiceProfile[] {
  return builtinProfiles;
}
