// Whether a profile the customer pastes may be kept: never under a built-in's id, never under a
// name the customer could take for a built-in's or another import's, and within the size and
// count Crossrole's storage allows, and over HTTPS unless this is a development build. The popup
// checks before the confirm screen; the background checks again before saving.
import { confusableWith } from './confusable.ts';
import { parseConnectionCode, type ConnectionCode, type KnownProfiles } from './connection-code.ts';
import { MAX_IMPORTED_PROFILE_BYTES, MAX_IMPORTED_PROFILES, jsonBytes } from './limits.ts';
import { isDevelopmentReportUrl, type ServiceProfile } from './profile.ts';
import { problem } from './problems.ts';
import { fieldError, type FieldError, type Result } from './result.ts';

/** Which build is checking: `developmentBuild` from `virtual:crossrole/build` (docs/vendors.md §5). */
export type BuildFlavourFlags = { developmentBuild: boolean };

export function checkImport(
  profile: ServiceProfile,
  known: KnownProfiles,
  build: BuildFlavourFlags,
): FieldError[] {
  const errors: FieldError[] = [];
  // The schema lets loopback HTTP through for the reference service; only a development build
  // may keep it, so a store build never sends a connection in the clear.
  if (!build.developmentBuild && isDevelopmentReportUrl(profile.report.url))
    errors.push(fieldError('report.url', problem('importHttpsOnly')));
  if (known.builtin.some((p) => p.id === profile.id))
    errors.push(fieldError('id', problem('importBuiltinId', { id: profile.id })));
  const builtin = confusableWith(profile.name, known.builtin);
  if (builtin)
    errors.push(
      fieldError('name', problem('importLikeBuiltin', { name: profile.name, other: builtin.name })),
    );
  // Replacing an import (same id) is an update, not a second entry.
  const others = known.imported.filter((p) => p.id !== profile.id);
  const imported = builtin ? null : confusableWith(profile.name, others);
  if (imported)
    errors.push(
      fieldError(
        'name',
        problem('importLikeImported', { name: profile.name, other: imported.name }),
      ),
    );
  const bytes = jsonBytes(profile);
  if (bytes > MAX_IMPORTED_PROFILE_BYTES)
    errors.push(
      fieldError('(root)', problem('importTooLarge', { bytes, max: MAX_IMPORTED_PROFILE_BYTES })),
    );
  if (others.length >= MAX_IMPORTED_PROFILES)
    errors.push(fieldError('(root)', problem('importTooMany', { max: MAX_IMPORTED_PROFILES })));
  return errors;
}

/**
 * A connection code as Crossrole takes it, pasted in the popup or picked up from a link
 * (docs/vendors.md §2, §6): valid and unexpired, and when it carries a whole profile, one that
 * may be imported (checkImport), its refusals named under `profile.`.
 */
export function readConnectionCode(
  text: string,
  known: KnownProfiles,
  build: BuildFlavourFlags,
  now: Date,
): Result<ConnectionCode> {
  const code = parseConnectionCode(text, known, now);
  if (!code.ok || !code.value.profileIncluded) return code;
  const refused = checkImport(code.value.profile, known, build);
  if (refused.length === 0) return code;
  return {
    ok: false,
    errors: refused.map((e) => ({
      ...e,
      path: e.path === '(root)' ? 'profile' : `profile.${e.path}`,
    })),
  };
}
