// The background's durable state in storage.local: setups, report tokens (kept apart and dropped
// as soon as they are not needed), imported profiles, connected accounts and console
// diagnostics. Every read is validated: a corrupt entry is skipped, never allowed to break the
// others. Writes go through one queue so two events handled at once cannot lose an update.
// Storage is bounded (src/core/limits.ts): finished setups are pruned, and imports and new
// setups are refused before they would eat into the room kept for captured ARNs.
import * as z from 'zod/mini';
import { browser } from '../platform/browser.ts';
import {
  DEFAULT_STORAGE_QUOTA_BYTES,
  FINISHED_SETUP_MAX_AGE_MS,
  MAX_FINISHED_SETUPS,
  STORAGE_RESERVE_BYTES,
  jsonBytes,
} from '../core/limits.ts';
import { REPORT_RETRY_WINDOW_MS } from '../core/report.ts';
import { isFinished, SetupSchema, type Setup } from '../core/setup.ts';
import { migrate, STORAGE_VERSION } from '../core/storage-migrations.ts';
import { parseProfile, type ServiceProfile } from '../core/profile.ts';
import type { Connection, LocatorMiss } from '../core/messages.ts';
import { connectionsAfter } from '../core/lifecycle.ts';
import { ConnectionSchema, LocatorMissSchema } from '../core/replies.ts';
import { tagKeyProblem, type RoleTag } from '../core/tags.ts';

const KEYS = {
  setups: 'setups',
  tokens: 'reportTokens',
  profiles: 'importedProfiles',
  connections: 'connections',
  diagnostics: 'diagnostics',
  customerTags: 'customerTags',
  version: 'storageVersion',
} as const;

/** How many locator misses are kept for "Report a console change". */
export const MAX_DIAGNOSTICS = 50;
/** How many of them keep their page outline (up to ~25 KB each): the newest. */
export const MAX_OUTLINES = 10;

/** What the customer is told when storage.local is full, whoever noticed it. */
export const STORAGE_FULL_MESSAGE =
  "Crossrole's storage is full: remove an imported service in the popup, or discard finished connections.";

/** Crossrole refused a write that would eat into the reserve, or the browser refused one. */
export class StorageFullError extends Error {
  constructor(message = STORAGE_FULL_MESSAGE) {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** Whether an error is storage.local saying no: Chrome's QUOTA_BYTES, Firefox's QuotaExceededError. */
export function isStorageFull(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  const e = error as { name?: unknown; message?: unknown } | null;
  return /quota/i.test(`${String(e?.name ?? '')} ${String(e?.message ?? error)}`);
}

/** storage.local's quota: the browser's QUOTA_BYTES when it says, else Chrome 111's 5 MB. */
function quotaBytes(): number {
  const quota = (browser.storage.local as { QUOTA_BYTES?: unknown }).QUOTA_BYTES;
  return typeof quota === 'number' && quota > 0 ? quota : DEFAULT_STORAGE_QUOTA_BYTES;
}

/** Bytes in use as Chrome counts them: each key plus the JSON of its value. */
export async function storageBytesInUse(): Promise<number> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).reduce(
    (sum, [key, value]) => sum + new TextEncoder().encode(key).length + jsonBytes(value),
    0,
  );
}

/** Refuses a write that would grow storage by `growth` bytes into the reserve. */
async function ensureRoom(growth: number, what: string): Promise<void> {
  const used = await storageBytesInUse();
  const limit = quotaBytes() - STORAGE_RESERVE_BYTES;
  if (growth > 0 && used + growth > limit) {
    throw new StorageFullError(
      `Crossrole's storage is full: ${what} would take ${kb(growth)} and only ${kb(Math.max(0, limit - used))} is left (${kb(STORAGE_RESERVE_BYTES)} stays free for connections in progress). Remove an imported service in the popup, or discard finished connections.`,
    );
  }
}
const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `change` after every earlier change has finished (read-modify-write without races). */
export function serialized<T>(change: () => Promise<T>): Promise<T> {
  const run = queue.then(change, change);
  queue = run.catch(() => undefined);
  return run;
}

async function read(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

function validEntries<T>(raw: unknown, schema: z.ZodMiniType<T>): T[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = z.safeParse(schema, entry);
    return parsed.success ? [parsed.data] : [];
  });
}

// --- setups ---------------------------------------------------------------------------------

export async function loadSetups(): Promise<Setup[]> {
  return validEntries(await read(KEYS.setups), SetupSchema);
}

let upgraded: Promise<void> | null = null;

/**
 * Upgrades what an older Crossrole wrote (core/storage-migrations.ts), once per worker, in one
 * write with the new version; every reader that acts on setups awaits it first. A newer
 * version than this code writes is left as it is.
 */
export function storageReady(): Promise<void> {
  upgraded ??= serialized(async () => {
    const stored = await browser.storage.local.get([KEYS.setups, KEYS.version]);
    const value: unknown = stored[KEYS.setups];
    const raw: unknown[] = Array.isArray(value) ? value : [];
    const parsed = raw.map((entry) => z.safeParse(SetupSchema, entry));
    const valid = parsed.flatMap((p) => (p.success ? [p.data] : []));
    const result = migrate(valid, stored[KEYS.version], Date.now());
    if (!result.ok) {
      console.warn(`Crossrole: ${result.error}; its storage is left as it is.`);
      return;
    }
    if (!result.changed) return;
    // One setup out for each in; an entry this version cannot read is kept as it was.
    let next = 0;
    const setups = parsed.map((p, i) => (p.success ? result.setups[next++] : raw[i]));
    await browser.storage.local.set({ [KEYS.setups]: setups, [KEYS.version]: STORAGE_VERSION });
  }).catch(() => {
    upgraded = null; // tried again by the next reader
  });
  return upgraded;
}

export async function getSetup(id: string): Promise<Setup | null> {
  return (await loadSetups()).find((s) => s.id === id) ?? null;
}

/**
 * One storage step for one setup: reads it (null if unknown), lets `step` decide, and saves the
 * setup `step` returns as `next` (nothing when null) before any other change runs, so what is
 * decided and what is saved come from the same read. When the step ends the setup (delivered,
 * refused, expired, failed), its token goes in the same write: a worker stopped right after
 * cannot keep it. Returns `step`'s result and the setup as saved.
 */
export function transactSetup<T>(
  id: string,
  step: (setup: Setup | null) => { next: Setup | null; result: T; added?: readonly Setup[] },
): Promise<{ result: T; saved: Setup | null }> {
  return serialized(async () => {
    const setups = await loadSetups();
    const index = setups.findIndex((s) => s.id === id);
    const current = setups[index];
    const { next, result, added = [] } = step(current ? structuredClone(current) : null);
    if (!current || !next) return { result, saved: null };
    const saved = { ...next, id: current.id, updatedAt: Date.now() };
    setups[index] = saved;
    const write: Record<string, unknown> = { [KEYS.setups]: setups };
    const tokens = await loadTokens();
    // An organization's member setups (docs/organizations.md), in the same write as the parent
    // that lists them reported: a member id already stored is never added twice. Each gets its
    // own copy of the parent's token, dropped after its own delivery as any other; the parent
    // keeps its token while accounts may still join (tokenStillNeeded).
    const parentToken = tokens[id];
    for (const member of added) {
      if (setups.some((s) => s.id === member.id)) continue;
      setups.push(member);
      if (member.hasToken && parentToken !== undefined) {
        tokens[member.id] = parentToken;
        write[KEYS.tokens] = tokens;
      }
    }
    // A role just delivered is a connected account, and a disconnect read back ends one, in the
    // same write: a worker stopped between two writes would keep the delivery and lose the
    // account once the setup is pruned.
    const connections = connectionsAfter(await loadConnections(), current, saved, Date.now());
    if (connections) write[KEYS.connections] = connections;
    if (Object.hasOwn(tokens, id) && !tokenStillNeeded(saved, Date.now())) {
      delete tokens[id];
      write[KEYS.tokens] = tokens;
    }
    await browser.storage.local.set(write);
    return { result, saved };
  });
}

/** Applies `change` to one setup and saves it; returns the saved setup (null if unknown). */
export async function updateSetup(
  id: string,
  change: (setup: Setup) => Setup | null,
): Promise<Setup | null> {
  const { saved } = await transactSetup(id, (setup) => ({
    next: setup ? change(setup) : null,
    result: null,
  }));
  return saved;
}

/**
 * The setups worth keeping: every unfinished one, and of the finished ones (delivered, failed,
 * discarded) those changed in the last FINISHED_SETUP_MAX_AGE_MS, the newest MAX_FINISHED_SETUPS.
 */
export function pruneSetups(setups: readonly Setup[], now: number): Setup[] {
  const keptFinished = new Set(
    setups
      .filter((s) => isFinished(s.state) && now - s.updatedAt <= FINISHED_SETUP_MAX_AGE_MS)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, MAX_FINISHED_SETUPS)
      .map((s) => s.id),
  );
  return setups.filter((s) => !isFinished(s.state) || keptFinished.has(s.id));
}

/**
 * Adds a setup (and its token, in one write), first forgetting finished setups past their time. Throws
 * StorageFullError when the setup would eat into the reserve kept for captured ARNs.
 */
export function addSetup(setup: Setup, token: string | null): Promise<void> {
  return serialized(async () => {
    const all = await loadSetups();
    const setups = pruneSetups(all, Date.now());
    const tokens = await loadTokens();
    for (const gone of all.filter((s) => !setups.includes(s))) delete tokens[gone.id];
    if (setups.length < all.length)
      await browser.storage.local.set({ [KEYS.setups]: setups, [KEYS.tokens]: tokens });
    await ensureRoom(jsonBytes(setup) + (token ? jsonBytes(token) : 0), 'a new connection');
    setups.push(setup);
    if (token) tokens[setup.id] = token;
    await browser.storage.local.set({ [KEYS.tokens]: tokens, [KEYS.setups]: setups });
  });
}

/** Removes a setup and its token, in one write. */
export function removeSetup(id: string): Promise<void> {
  return serialized(async () => {
    const setups = (await loadSetups()).filter((s) => s.id !== id);
    const tokens = await loadTokens();
    const write: Record<string, unknown> = { [KEYS.setups]: setups };
    if (Object.hasOwn(tokens, id)) {
      delete tokens[id];
      write[KEYS.tokens] = tokens;
    }
    await browser.storage.local.set(write);
  });
}

// --- tokens ---------------------------------------------------------------------------------

async function loadTokens(): Promise<Record<string, string>> {
  const parsed = z.safeParse(z.record(z.string(), z.string()), await read(KEYS.tokens));
  return parsed.success ? parsed.data : {};
}

export async function getToken(setupId: string): Promise<string | null> {
  return (await loadTokens())[setupId] ?? null;
}

/** A setup not finished after this long (from "Open in AWS console") has no use for its token. */
export const TOKEN_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether a setup may still send its report, and so needs its token: not ended (delivered,
 * refused, expired, failed, discarded), inside the 24-hour report window once queued, and
 * started less than TOKEN_MAX_AGE_MS ago. An organization setup sends nothing itself but hands
 * its token to each member account reported (transactSetup), so it keeps it for as long, until
 * it is discarded: an account joining after that needs a new connection code.
 */
export function tokenStillNeeded(setup: Setup, now: number): boolean {
  if (!setup.hasToken || isFinished(setup.state)) return false;
  const delivery = setup.delivery;
  if (delivery) {
    if (delivery.status !== 'queued' && delivery.status !== 'sending') return false;
    if (now - delivery.firstQueuedAt > REPORT_RETRY_WINDOW_MS) return false;
  }
  return now - setup.createdAt <= TOKEN_MAX_AGE_MS;
}

/**
 * Forgets every token no setup needs any more: setups that ended, expired or are gone. Run when
 * the worker starts and after each delivery run, so a token outlives its use only until then.
 */
export function sweepTokens(): Promise<number> {
  return serialized(async () => {
    const tokens = await loadTokens();
    const now = Date.now();
    const needed = new Set(
      (await loadSetups()).filter((s) => tokenStillNeeded(s, now)).map((s) => s.id),
    );
    const kept = Object.fromEntries(Object.entries(tokens).filter(([id]) => needed.has(id)));
    const dropped = Object.keys(tokens).length - Object.keys(kept).length;
    if (dropped > 0) await browser.storage.local.set({ [KEYS.tokens]: kept });
    return dropped;
  });
}

/** Forgets a setup's token: after delivery, refusal, expiry or discard. */
export function dropToken(setupId: string): Promise<void> {
  return serialized(async () => {
    const tokens = await loadTokens();
    if (!(setupId in tokens)) return;
    delete tokens[setupId];
    await browser.storage.local.set({ [KEYS.tokens]: tokens });
  });
}

// --- imported profiles ----------------------------------------------------------------------

export async function loadImportedProfiles(): Promise<ServiceProfile[]> {
  const raw = await read(KEYS.profiles);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = parseProfile(entry);
    return parsed.ok ? [parsed.value] : [];
  });
}

/**
 * Adds or replaces (same id) an imported profile. Throws StorageFullError when it would eat into
 * the reserve kept for captured ARNs (the count and size limits are checked before, by checkImport).
 */
export function saveImportedProfile(profile: ServiceProfile): Promise<void> {
  return serialized(async () => {
    const all = await loadImportedProfiles();
    const replaced = all.find((p) => p.id === profile.id);
    await ensureRoom(
      jsonBytes(profile) - (replaced ? jsonBytes(replaced) : 0),
      `the profile of ${profile.name}`,
    );
    const profiles = all.filter((p) => p.id !== profile.id);
    await browser.storage.local.set({ [KEYS.profiles]: [...profiles, profile] });
  });
}

export function removeImportedProfile(profileId: string): Promise<void> {
  return serialized(async () => {
    const profiles = (await loadImportedProfiles()).filter((p) => p.id !== profileId);
    await browser.storage.local.set({ [KEYS.profiles]: profiles });
  });
}

// --- the customer's tags --------------------------------------------------------------------

const CustomerTagsSchema = z.array(z.object({ key: z.string(), value: z.string() }));

/**
 * The tags the customer added to their last role (their organisation's rules), offered for the
 * next one on this browser (docs/guardrails.md). Tags are not secrets; anything unreadable is
 * forgotten rather than offered.
 */
export async function loadCustomerTags(): Promise<RoleTag[]> {
  const parsed = z.safeParse(CustomerTagsSchema, await read(KEYS.customerTags));
  return parsed.success ? parsed.data.filter((t) => !tagKeyProblem(t.key)).slice(0, 50) : [];
}

export function saveCustomerTags(tags: readonly RoleTag[]): Promise<void> {
  return serialized(() => browser.storage.local.set({ [KEYS.customerTags]: tags.slice(0, 50) }));
}

// --- connections and diagnostics ------------------------------------------------------------

export async function loadConnections(): Promise<Connection[]> {
  return validEntries(await read(KEYS.connections), ConnectionSchema);
}

export async function loadDiagnostics(): Promise<LocatorMiss[]> {
  return validEntries(await read(KEYS.diagnostics), LocatorMissSchema);
}

export function addDiagnostic(miss: LocatorMiss): Promise<void> {
  return serialized(async () => {
    const misses = await loadDiagnostics();
    const same = misses.findIndex(
      (m) => m.feature === miss.feature && m.field === miss.field && m.language === miss.language,
    );
    if (same !== -1) {
      // A repeated miss keeps the outline its first report carried (sent once per page).
      const { outline } = misses[same]!;
      if (outline && !miss.outline) miss = { ...miss, outline };
      misses.splice(same, 1);
    }
    let outlines = 0;
    const kept = [...misses, miss]
      .slice(-MAX_DIAGNOSTICS)
      .reverse()
      .map((m) => {
        if (!m.outline) return m;
        outlines += 1;
        if (outlines <= MAX_OUTLINES) return m;
        const { outline: _outline, ...rest } = m;
        return rest;
      })
      .reverse();
    await browser.storage.local.set({ [KEYS.diagnostics]: kept });
  });
}

export function clearDiagnostics(): Promise<void> {
  return serialized(() => browser.storage.local.set({ [KEYS.diagnostics]: [] }));
}
