// What a console tab is told about its setup, in reply to `content.hello` and to its events:
// everything the page features fill and check, nothing they do not need (no token). The
// content script checks every such reply with `parseContentSetupReply`. It is written out by
// hand rather than with zod: zod/mini alone is a third of the content script's size budget
// (22 KB gzip, docs/console.md, "The content script's size"), and these few shapes are all the content script reads.
import { MAX_KEY_WORDS, MAX_KEY_WORD_CHARS } from './panel-words.ts';
import { isPartition, type Partition } from './partition.ts';

export type ContentSetup = {
  id: string;
  mode: 'create-role' | 'update-trust' | 'access-keys';
  state: string;
  serviceName: string;
  partition: Partition;
  serviceAccountId: string;
  principalArn: string;
  externalId: string;
  roleName: string;
  roleDescription: string;
  managedPolicyArns: string[];
  customPolicies: {
    name: string;
    description: string;
    document: Record<string, unknown>;
    created: boolean;
  }[];
  /** The trust policy the role must end up with (for create-role) or the statement to merge. */
  trustPolicy: Record<string, unknown>;
  /** Planned policies the role's Permissions tab did not list at the last read-back. */
  missingPolicies?: string[];
  /** Why the trust policy read back from the role is not what the service needs. */
  trustProblems?: string[];
  /** The older Create role form's route (docs/console.md, "Deep links"), for create-role setups. */
  olderFormHash?: string;
};

/** Where the background sends the tab next: a hash route on the same console page, never a URL. */
export type NextStep = { hash: string };

export type ContentSetupReply =
  | {
      ok: true;
      value: ContentSetup | null;
      next?: NextStep;
      /** The access-keys panel's words in the console's language (src/core/panel-words.ts). */
      words?: Record<string, string>;
    }
  | { ok: false; error: string };

const MAX_TEXT = 20_000;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string =>
  typeof v === 'string' && v.length <= max;
const isTexts = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 100 && v.every((x) => isText(x));
const optionalTexts = (v: unknown) => v === undefined || isTexts(v);

function isContentSetup(v: unknown): v is ContentSetup {
  if (!isRecord(v)) return false;
  const texts = [
    'state',
    'serviceName',
    'serviceAccountId',
    'principalArn',
    'externalId',
    'roleName',
    'roleDescription',
  ];
  return (
    isText(v.id, 128) &&
    (v.id as string).length > 0 &&
    ['create-role', 'update-trust', 'access-keys'].includes(v.mode as string) &&
    isPartition(v.partition) &&
    texts.every((key) => isText(v[key])) &&
    isTexts(v.managedPolicyArns) &&
    Array.isArray(v.customPolicies) &&
    v.customPolicies.length <= 20 &&
    v.customPolicies.every(
      (p: unknown) =>
        isRecord(p) &&
        isText(p.name, 128) &&
        isText(p.description) &&
        isRecord(p.document) &&
        typeof p.created === 'boolean',
    ) &&
    isRecord(v.trustPolicy) &&
    optionalTexts(v.missingPolicies) &&
    optionalTexts(v.trustProblems) &&
    (v.olderFormHash === undefined || (isText(v.olderFormHash) && v.olderFormHash.startsWith('#/')))
  );
}

/** The background's answer, or null when it is not one (the caller says it did not understand). */
export function parseContentSetupReply(v: unknown): ContentSetupReply | null {
  if (!isRecord(v)) return null;
  if (v.ok === false) return isText(v.error, 2000) ? { ok: false, error: v.error } : null;
  if (v.ok !== true) return null;
  const next = v.next;
  // Only a hash route of the console app: a reply cannot send the tab to another page.
  if (
    next !== undefined &&
    !(isRecord(next) && isText(next.hash, 8192) && /^#\/\S*$/.test(next.hash))
  )
    return null;
  const value = v.value === null ? null : isContentSetup(v.value) ? v.value : undefined;
  if (value === undefined) return null;
  // Words: bounded strings, which the content script takes only as it knows them (acceptKeyWords).
  const words = v.words;
  if (
    words !== undefined &&
    !(
      isRecord(words) &&
      Object.keys(words).length <= MAX_KEY_WORDS &&
      Object.entries(words).every(
        ([key, text]) => key.length <= 64 && isText(text, MAX_KEY_WORD_CHARS),
      )
    )
  )
    return null;
  return {
    ok: true,
    value,
    ...(next ? { next: { hash: next.hash as string } } : {}),
    ...(words ? { words: words as Record<string, string> } : {}),
  };
}

/** The background's verdict on a trust policy (`content.trust`). */
export type TrustVerdict = {
  /** For `check`: the policy trusts exactly the service with the External ID, nothing stops it. */
  verified: boolean;
  /** What is wrong or worth a look, in plain words. */
  problems: string[];
  /** For `merge`: the policy to put into the editor, and how many statements were kept. */
  merged: string | null;
  replaced: boolean;
  kept: number;
};

export function parseTrustReply(
  v: unknown,
): { ok: true; value: TrustVerdict } | { ok: false; error: string } | null {
  if (!isRecord(v)) return null;
  if (v.ok === false) return isText(v.error, 2000) ? { ok: false, error: v.error } : null;
  const t = v.value;
  if (v.ok !== true || !isRecord(t)) return null;
  const valid =
    typeof t.verified === 'boolean' &&
    isTexts(t.problems) &&
    (t.merged === null || isText(t.merged)) &&
    typeof t.replaced === 'boolean' &&
    Number.isInteger(t.kept);
  return valid ? { ok: true, value: t as TrustVerdict } : null;
}

/**
 * The background's word to a console tab that a setup now runs in it (the link window's "Confirm
 * and allow", docs/vendors.md §6): the hash route where the setup begins. The content script
 * re-runs its route handling; a message of any other shape, or from anyone else, is ignored.
 */
export type SetupReady = { type: 'background.setupReady'; hash: string };

export function parseSetupReady(v: unknown): SetupReady | null {
  if (!isRecord(v) || v.type !== 'background.setupReady') return null;
  return isText(v.hash, 8192) && /^#\/\S*$/.test(v.hash) ? { type: v.type, hash: v.hash } : null;
}
