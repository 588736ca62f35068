// Which service profiles a build carries: CROSSROLE_PROFILES=a.json,b.json for a vendor's own
// build, otherwise the example profiles and the local demo profile. A bad profile stops the build
// with the errors that name the field, so nothing half-valid ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProfile, type ServiceProfile } from '../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../src/core/profiles/index.ts';
import { formatErrors } from '../src/core/result.ts';

export function loadBuiltinProfiles(list: string | undefined): ServiceProfile[] {
  const sources: { name: string; value: unknown }[] = list
    ? list
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean)
        .map((file) => ({ name: file, value: readFileSync(path.resolve(file), 'utf8') }))
    : EXAMPLE_PROFILES.map((value, i) => ({ name: `example profile #${i + 1}`, value }));

  const profiles: ServiceProfile[] = [];
  for (const { name, value } of sources) {
    const parsed = parseProfile(value);
    if (!parsed.ok)
      throw new Error(`Profile ${name} is not valid:\n${formatErrors(parsed.errors)}`);
    if (profiles.some((p) => p.id === parsed.value.id)) {
      throw new Error(
        `Profile ${name}: id "${parsed.value.id}" is already used by another profile`,
      );
    }
    profiles.push(parsed.value);
  }
  if (profiles.length === 0) throw new Error('CROSSROLE_PROFILES names no profile');
  return profiles;
}
