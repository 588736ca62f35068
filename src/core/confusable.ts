// Service names a customer could mistake for one another. An imported profile named like a
// built-in (or like another import) would sit next to it in the popup's list, and the customer
// would pick by name: so names are compared by their "skeleton", what is left once the
// differences a reader cannot see are taken out. In the spirit of Unicode's confusable
// skeletons (UTS #39), with a short table of the look-alikes that matter in Latin names.

/**
 * Characters that render as nothing: zero-width spaces and joiners, soft hyphen, BOM, bidi
 * marks, Hangul fillers. (Invisible combining marks go with the accents, below.)
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\u115f\u1160\u3164\uffa0]/gu;

/** Letters drawn like a Latin one, as `from=to` (applied before and after lower-casing). */
const LOOK_ALIKE_TABLE = `
  Cyrillic: а=a в=b е=e ё=e з=3 і=i ї=i ј=j к=k м=m н=h о=o п=n р=p с=c т=t у=y х=x ѕ=s ԁ=d
            һ=h ԛ=q ԝ=w ү=y ӏ=l ь=b г=r ы=bl
            А=a В=b Е=e Ё=e З=3 І=i Ї=i Ј=j К=k М=m Н=h О=o Р=p С=c Т=t У=y Х=x Ѕ=s Ԁ=d
            Һ=h Ԛ=q Ԝ=w Ү=y Ӏ=l
  Greek:    α=a β=b γ=y ε=e ζ=z η=n ι=i κ=k ν=v ο=o ρ=p σ=o ς=s τ=t υ=u χ=x ω=w
            Α=a Β=b Ε=e Ζ=z Η=h Ι=i Κ=k Μ=m Ν=n Ο=o Ρ=p Τ=t Υ=y Χ=x
  Latin:    ı=i ȷ=j ɑ=a ɡ=g ɩ=i ʟ=l ɪ=i ᴅ=d ᴋ=k ᴍ=m ᴏ=o ᴛ=t ß=ss æ=ae œ=oe ø=o đ=d ł=l ħ=h
`;
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  LOOK_ALIKE_TABLE.split(/\s+/)
    .filter((entry) => entry.includes('='))
    .map((entry) => entry.split('=') as [string, string]),
);

/** Latin and digit pairs that read alike in the popup's font. */
const SAME_SHAPE: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/[1il|!]/g, 'l'],
  [/0/g, 'o'],
  [/5/g, 's'],
  [/8/g, 'b'],
];

/** What a reader sees of a name: case, spacing, punctuation, accents and look-alikes taken out. */
export function nameSkeleton(name: string): string {
  let text = name.normalize('NFKC').replace(INVISIBLE, '');
  text = [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
  // Accents off (NFD, then the marks dropped), then lower case.
  text = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  text = [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
  const letters = text.replace(/[^\p{L}\p{N}|!]/gu, '');
  // A name of punctuation only is compared as it is written.
  if (!letters) return text.replace(/\s+/g, ' ').trim();
  return SAME_SHAPE.reduce((s, [from, to]) => s.replace(from, to), letters);
}

/** The first of `others` whose name a customer could take for `name`, or null. */
export function confusableWith<T extends { name: string }>(
  name: string,
  others: readonly T[],
): T | null {
  const skeleton = nameSkeleton(name);
  return others.find((other) => nameSkeleton(other.name) === skeleton) ?? null;
}
