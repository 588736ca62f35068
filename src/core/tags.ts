// Role tags (docs/vendors.md §1 `role.tags`, docs/guardrails.md): the service's own tags and the
// ones the customer's organisation requires, checked against IAM's rules before the wizard is
// opened, so a tag IAM would refuse never reaches the console. Pure: no browser API.
import { problem, type Problem } from './problems.ts';

export type RoleTag = { key: string; value: string };

/** IAM: at most 50 tags on a role; keys 1–128 and values 0–256 characters of this set. */
export const MAX_ROLE_TAGS = 50;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function tagKeyProblem(key: string): Problem | null {
  if (key.length < 1 || key.length > MAX_TAG_KEY || !TAG_CHARS.test(key))
    return problem('tagKeyFormat', { max: MAX_TAG_KEY });
  // AWS keeps the prefix for its own tags, in any letter case.
  if (/^aws:/i.test(key)) return problem('tagKeyAws');
  return null;
}

export function tagValueProblem(value: string): Problem | null {
  return value.length > MAX_TAG_VALUE || !TAG_CHARS.test(value)
    ? problem('tagValueFormat', { max: MAX_TAG_VALUE })
    : null;
}

/** A problem of one tag list, with the index of the tag it is about (null for the whole list). */
export type TagProblem = { index: number | null; field: 'key' | 'value' | null; problem: Problem };

/**
 * Every problem of `tags` as IAM would see them: each key and value, keys used twice (IAM
 * ignores the letter case of keys), and the count. `fixed` are the keys the service sets, which
 * the customer's tags may not repeat.
 */
export function tagsProblems(
  tags: readonly RoleTag[],
  fixed: readonly RoleTag[] = [],
  service = '',
): TagProblem[] {
  const found: TagProblem[] = [];
  const seen = new Set(fixed.map((t) => t.key.toLowerCase()));
  tags.forEach((tag, index) => {
    const keyProblem = tagKeyProblem(tag.key);
    if (keyProblem) found.push({ index, field: 'key', problem: keyProblem });
    const valueProblem = tagValueProblem(tag.value);
    if (valueProblem) found.push({ index, field: 'value', problem: valueProblem });
    const folded = tag.key.toLowerCase();
    if (!keyProblem && fixed.some((t) => t.key.toLowerCase() === folded))
      found.push({
        index,
        field: 'key',
        problem: problem('tagKeyService', { key: tag.key, service }),
      });
    else if (!keyProblem && seen.has(folded))
      found.push({ index, field: 'key', problem: problem('tagKeyTwice', { key: tag.key }) });
    seen.add(folded);
  });
  const count = tags.length + fixed.length;
  if (count > MAX_ROLE_TAGS)
    found.push({
      index: null,
      field: null,
      problem: problem('tagsTooMany', { count, max: MAX_ROLE_TAGS }),
    });
  return found;
}

/** The tags of `wanted` that `held` lacks or holds with another value (keys matched exactly). */
export function missingTags(wanted: readonly RoleTag[], held: readonly RoleTag[]): RoleTag[] {
  return wanted.filter((w) => !held.some((h) => h.key === w.key && h.value === w.value));
}

/** Tags as one line for a message: `key=value, key=value`. */
export const tagsText = (tags: readonly RoleTag[]): string =>
  tags.map((t) => `${t.key}=${t.value}`).join(', ');
