// The outer format of a connection code (docs/vendors.md §2): `crossrole1.` + base64url (no
// padding) of UTF-8 JSON. Kept apart from connection-code.ts, which validates the content with
// zod, so the link pickup (src/content/link-pickup.ts) can read a link without bundling zod.

export const CONNECTION_CODE_PREFIX = 'crossrole1.';

/** The most characters a code in a link may have: one imported profile (64 KB) and its token, base64url. */
export const LINK_CODE_MAX_CHARS = 128 * 1024;

/** The text base64url (no padding) stands for, or null when it is not base64url of UTF-8. */
export function decodeBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(
      text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4),
    );
    // A plain loop: Uint8Array.from with a callback took over 100 ms on a 1 MB code.
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
