// IAM's wildcards, `*` (any run, empty too) and `?` (one character), matched without building a
// regex from the pattern: a pattern from a profile or a page could otherwise make a backtracking
// regex take exponential time (15 stars in a 135-character trust policy took over a second).
//
// The matcher is greedy and never backtracks across a star: the pattern is cut at its stars, the
// first piece must match at the start, the last at the end, and each piece in between at its
// leftmost place after the previous one (the leftmost place is always a safe choice, because the
// star after it can absorb whatever a later place would have skipped). Each text position is
// tried at most once per piece, so the work is at most |text| × |pattern| character comparisons,
// whatever the number of stars; with patterns capped in length that is linear in the text.

/** More wildcards than this in one pattern is refused where patterns are read (profiles, pages). */
export const MAX_WILDCARDS_PER_PATTERN = 10;

export type WildcardOptions = {
  /** IAM actions compare case-insensitively; condition values (StringLike, ArnLike) do not. */
  ignoreCase?: boolean;
  /** Counts character comparisons, for tests that bound the work. */
  counter?: { steps: number };
};

/** How many `*` and `?` a pattern holds. */
export function wildcardCount(pattern: string): number {
  let count = 0;
  for (const c of pattern) if (c === '*' || c === '?') count += 1;
  return count;
}

/** The problem with a pattern that holds too many wildcards, or null. */
export function wildcardProblem(pattern: string): string | null {
  const count = wildcardCount(pattern);
  return count > MAX_WILDCARDS_PER_PATTERN
    ? `has ${count} wildcards (* and ?); at most ${MAX_WILDCARDS_PER_PATTERN} are allowed in one pattern`
    : null;
}

/** Whether `text` matches `pattern` as IAM reads `*` and `?`, in at most |text| × |pattern| steps. */
export function wildcardMatch(
  pattern: string,
  text: string,
  options: WildcardOptions = {},
): boolean {
  // Code points, so `?` takes one character even outside the BMP.
  const p = Array.from(options.ignoreCase ? pattern.toLowerCase() : pattern);
  const t = Array.from(options.ignoreCase ? text.toLowerCase() : text);
  const counter = options.counter ?? { steps: 0 };

  const pieces: string[][] = [[]];
  for (const c of p) {
    if (c === '*') pieces.push([]);
    else pieces[pieces.length - 1]!.push(c);
  }
  const pieceAt = (piece: readonly string[], at: number): boolean => {
    for (let i = 0; i < piece.length; i += 1) {
      counter.steps += 1;
      const c = piece[i];
      if (c !== '?' && c !== t[at + i]) return false;
    }
    return true;
  };

  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === t.length && pieceAt(first, 0);
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > t.length) return false;
  if (!pieceAt(first, 0) || !pieceAt(last, t.length - last.length)) return false;

  let from = first.length;
  const end = t.length - last.length;
  for (let k = 1; k < pieces.length - 1; k += 1) {
    const piece = pieces[k]!;
    if (piece.length === 0) continue;
    let at = from;
    while (at + piece.length <= end && !pieceAt(piece, at)) at += 1;
    if (at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

/**
 * IAM's ArnLike: the six colon-separated parts of the ARN are matched one by one, case-sensitive,
 * each with its own wildcards (the last part, the resource, keeps any further colons).
 */
export function arnLike(pattern: string, arn: string, counter?: { steps: number }): boolean {
  const parts = (value: string): string[] => {
    const out = value.split(':');
    return out.length <= 6 ? out : [...out.slice(0, 5), out.slice(5).join(':')];
  };
  const p = parts(pattern);
  const a = parts(arn);
  if (p.length !== 6 || a.length !== 6) return false;
  return p.every((piece, i) => wildcardMatch(piece, a[i]!, { counter }));
}

/**
 * IAM action matching: case-insensitive, `*` any run, `?` one character. Here rather than in
 * iam-policy.ts, whose zod schemas the content script must not bundle (its size budget).
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}
