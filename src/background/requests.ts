// Popup requests that change state (start, retry, discard, save or remove a profile) carry a
// request id the popup made. When the reply is lost — the worker stopped while answering, and
// the popup read "message channel closed before a response was received" — the popup sends the
// same request again with the same id, and gets the first outcome: never a second setup.
// Outcomes live in storage.session (gone with the browser), bounded in number and age
// (src/core/limits.ts). A request whose worker stopped before it finished is run again with
// what the first run was given (its setup id), so it finishes that setup instead of making one.
import * as z from 'zod/mini';
import { browser } from '../platform/browser.ts';
import { MAX_REQUEST_OUTCOMES, REQUEST_OUTCOME_TTL_MS } from '../core/limits.ts';
import type { Reply } from '../core/messages.ts';
import { problem } from '../core/problems.ts';
import { refusal } from '../core/refusal.ts';
import { RefusedSchema } from '../core/replies.ts';
import { serialQueue } from './serial.ts';

const KEY = 'requestOutcomes';

const EntrySchema = z.object({
  kind: z.string(),
  at: z.number(),
  /** The id the setup a start makes will have, fixed before it runs. */
  setupId: z.string(),
  /** Absent while the request runs (or when its worker stopped before it finished). */
  reply: z.optional(
    z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      // Kept with its codes, so a repeated request is refused in the popup's language too.
      RefusedSchema,
    ]),
  ),
});
export type RequestEntry = z.infer<typeof EntrySchema>;

/** Requests running in this worker: a second copy waits for the first. */
const running = new Map<string, Promise<Reply<unknown>>>();

const serialized = serialQueue();

async function load(): Promise<Record<string, RequestEntry>> {
  const raw = (await browser.storage.session.get(KEY))[KEY];
  const parsed = z.safeParse(z.record(z.string(), EntrySchema), raw);
  return parsed.success ? parsed.data : {};
}

/** Records one entry, dropping those past their time and the oldest beyond the bound. */
function record(requestId: string, entry: RequestEntry): Promise<void> {
  return serialized(async () => {
    const now = Date.now();
    const kept = Object.entries({ ...(await load()), [requestId]: entry })
      .filter(([, e]) => now - e.at <= REQUEST_OUTCOME_TTL_MS)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_REQUEST_OUTCOMES);
    await browser.storage.session.set({ [KEY]: Object.fromEntries(kept) });
  });
}

/**
 * Runs a request once per request id: a repeated id gets the first outcome (also a refusal);
 * one whose first run never finished runs again with the same entry. Without an id, just runs.
 */
export function once<T>(
  requestId: string | undefined,
  kind: string,
  run: (entry: RequestEntry) => Promise<Reply<T>>,
): Promise<Reply<unknown>> {
  if (requestId === undefined) return run({ kind, at: Date.now(), setupId: crypto.randomUUID() });
  const same = running.get(requestId);
  if (same) return same;
  const result = (async (): Promise<Reply<unknown>> => {
    const known = (await load())[requestId];
    if (known && known.kind !== kind) return refusal(problem('requestIdReused'));
    if (known?.reply) return known.reply;
    const entry = known ?? { kind, at: Date.now(), setupId: crypto.randomUUID() };
    if (!known) await record(requestId, entry);
    const reply = await run(entry);
    await record(requestId, { ...entry, reply });
    return reply;
  })();
  running.set(requestId, result);
  void result.finally(() => running.delete(requestId)).catch(() => undefined);
  return result;
}
