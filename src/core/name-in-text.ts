// Finding an IAM name in console text without building a regex from it (no regex is built from
// input anywhere in src/: see eslint.config.js). A name counts only as a whole word: the
// characters around it are not IAM name characters.
const NAME_CHAR = /[\w+=,.@-]/;

/** Where `name` occurs in `text` as a whole IAM name, each start index. */
export function nameOccurrences(text: string, name: string, ignoreCase = false): number[] {
  if (!name) return [];
  const haystack = ignoreCase ? text.toLowerCase() : text;
  const needle = ignoreCase ? name.toLowerCase() : name;
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = at > 0 ? haystack[at - 1]! : '';
    const after = haystack[at + needle.length] ?? '';
    if (!NAME_CHAR.test(before) && !NAME_CHAR.test(after)) found.push(at);
  }
  return found;
}

/** Whether `text` holds `name` as a whole IAM name. */
export function containsName(text: string, name: string, ignoreCase = false): boolean {
  return nameOccurrences(text, name, ignoreCase).length > 0;
}

/** Whether the line after some whole-name occurrence of `name` contains one of `phrases`. */
export function nameFollowedOnLineBy(
  text: string,
  name: string,
  phrases: readonly string[],
  ignoreCase = false,
): boolean {
  const haystack = ignoreCase ? text.toLowerCase() : text;
  return nameOccurrences(text, name, ignoreCase).some((at) => {
    const end = haystack.indexOf('\n', at);
    const line = haystack.slice(at + name.length, end === -1 ? undefined : end);
    return phrases.some((p) => line.includes(ignoreCase ? p.toLowerCase() : p));
  });
}
