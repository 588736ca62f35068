// How a console page says that IAM has no such role or policy (docs/lifecycle.md): an error
// that names it exactly, with IAM's NoSuchEntity sentence ("The role with name X cannot be
// found.", "Policy arn:… does not exist or is not attachable.") or the console's own "not found"
// heading, in English or Japanese. Shared by the content script, which finds such an error, and
// the background, which checks the text it is sent again.

const GONE_WORDS = [
  'cannot be found',
  'does not exist',
  'nosuchentity',
  'not found',
  '見つかりません',
  '存在しません',
];

/** `name` (a role name or a policy ARN) in `text` as itself, not as part of a longer name. */
function namesExactly(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text.slice(at + name.length, at + name.length + 2);
    const endsHere = after === '' || /^[\s"'」）)]/.test(after) || /^\.(\s|$)/.test(after);
    if (!/[\w+=,.@/:-]/.test(before) && endsHere) return true;
  }
  return false;
}

/** Whether an error's text says IAM has no `name`. */
export function notFoundShown(text: string, name: string): boolean {
  const lower = text.toLowerCase();
  return namesExactly(text, name) && GONE_WORDS.some((word) => lower.includes(word));
}
