// External IDs. Generated ones carry 128 bits from crypto.getRandomValues in an alphabet every
// AWS SDK accepts (no '/', which some older services refuse), and stay ≤ 96 characters.
import { problem, type Problem } from './problems.ts';

export const EXTERNAL_ID_MAX_GENERATED = 96;
export const EXTERNAL_ID_RANDOM_BITS = 128;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'; // 62 symbols
// ceil(128 / log2(62)) = 22 characters.
const RANDOM_CHARS = Math.ceil(EXTERNAL_ID_RANDOM_BITS / Math.log2(ALPHABET.length));

export type RandomSource = (bytes: Uint8Array) => Uint8Array;

const webCrypto: RandomSource = (bytes) => crypto.getRandomValues(bytes);

/** A fresh External ID: `prefix` + 22 random characters (rejection sampling, no modulo bias). */
export function generateExternalId(prefix = '', random: RandomSource = webCrypto): string {
  const prefixError = validateExternalIdPrefix(prefix);
  if (prefixError) throw new Error(`External ID prefix ${prefixError}`);
  let out = '';
  const buffer = new Uint8Array(64);
  while (out.length < RANDOM_CHARS) {
    random(buffer);
    for (const byte of buffer) {
      if (byte >= 248) continue; // 248 = 4 × 62: keep only bytes that map evenly
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === RANDOM_CHARS) break;
    }
  }
  return prefix + out;
}

/** The longest prefix that leaves room for the random part within EXTERNAL_ID_MAX_GENERATED (74). */
export const EXTERNAL_ID_PREFIX_MAX_LENGTH = EXTERNAL_ID_MAX_GENERATED - RANDOM_CHARS;

export function externalIdPrefixProblem(prefix: string): Problem | null {
  if (prefix.length > EXTERNAL_ID_PREFIX_MAX_LENGTH) {
    return problem('prefixTooLong', {
      length: prefix.length,
      random: RANDOM_CHARS,
      total: EXTERNAL_ID_MAX_GENERATED,
      max: EXTERNAL_ID_PREFIX_MAX_LENGTH,
    });
  }
  if (!/^[\w+=,.@:-]*$/.test(prefix)) return problem('prefixBadChars');
  return null;
}

/** The same, in English words. */
export function validateExternalIdPrefix(prefix: string): string | null {
  return externalIdPrefixProblem(prefix)?.message ?? null;
}

/** AWS's rule for any External ID, including one issued by a service (2–1224, [\w+=,.@:/-]). */
export function externalIdProblem(value: string): Problem | null {
  if (value.length < 2) return problem('externalIdTooShort', { min: 2 });
  if (value.length > 1224) return problem('externalIdTooLong', { length: value.length, max: 1224 });
  if (!/^[\w+=,.@:/-]+$/.test(value)) return problem('externalIdBadChars');
  return null;
}

/** The same, in English words. */
export function validateExternalId(value: string): string | null {
  return externalIdProblem(value)?.message ?? null;
}
