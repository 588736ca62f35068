// Which service profiles a build carries: CROSSROLE_PROFILES=a.json,b.json for a vendor's own
// (branded) build, of either flavour. Without it a store build carries none (the customer brings
// the service's connection code) and a development build the example profiles and the local demo
// profile. A bad profile stops the build with the errors that name the field, so nothing
// half-valid ships; a store build also refuses a report address that is not HTTPS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProfile, type ServiceProfile } from '../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../src/core/profiles/index.ts';
import { formatErrors } from '../src/core/result.ts';
import type { BuildFlavour } from './manifest.ts';

export function loadBuiltinProfiles(
  list: string | undefined,
  flavour: BuildFlavour,
): ServiceProfile[] {
  if (!list && flavour === 'store') return [];
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
    if (flavour === 'store' && new URL(parsed.value.report.url).protocol !== 'https:') {
      throw new Error(
        `Profile ${name}: report.url: is ${parsed.value.report.url}; a store build sends reports over HTTPS only (development addresses work only in a development build: npm run build -- --development)`,
      );
    }
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
