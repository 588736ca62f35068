// Links from a service (docs/vendors.md §6): the link pickup found `crossrole=<code>` on a console
// tab's Create role wizard and sent the code (`content.link`). The page may have crafted it, so
// it only makes a pending link: the code checked exactly as a pasted one is, kept in
// storage.session (gone with the browser, forgotten when dismissed, expired or its window
// closed) with its tab, and shown in Crossrole's own window, src/popup/index.html?link=<id>. Only
// that page starts anything (`link.start`), after the customer's review and click.
import * as z from 'zod/mini';
import { developmentBuild } from 'virtual:crossrole/build';
import { browser } from '../platform/browser.ts';
import type { ConnectionCode } from '../core/connection-code.ts';
import { LINK_ROUTE, linkCodeProblem } from '../core/connection-link.ts';
import { readConnectionCode } from '../core/imports.ts';
import { LINK_PENDING_TTL_MS, MAX_PENDING_LINKS } from '../core/limits.ts';
import type { ConsoleSender } from '../core/machine.ts';
import type { LinkStartInput, LinkView, Reply, SetupStarted } from '../core/messages.ts';
import { PARTITION_LABELS, PARTITIONS, type Partition } from '../core/partition.ts';
import { problem } from '../core/problems.ts';
import { supportedPartitions } from '../core/profile.ts';
import { fieldRefusal, refusal } from '../core/refusal.ts';
import { ProblemSchema } from '../core/problem-schema.ts';
import { fail, fieldError, type Result } from '../core/result.ts';
import { getConsoleTab, rememberConsoleTab } from './console-tabs.ts';
import { builtins, findProfile } from './profiles.ts';
import { serialQueue } from './serial.ts';
import { startSetup } from './setups.ts';
import { getSetup, loadImportedProfiles, saveImportedProfile } from './store.ts';

const KEY = 'pendingLinks';
const WINDOW_KEY = 'linkWindow';
export const LINKS_ALARM = 'crossrole-links';
/** Where the link window opens, with `?link=<id>`. */
export const LINK_PAGE = 'src/popup/index.html';

const PendingLinkSchema = z.object({
  id: z.string(),
  tabId: z.number(),
  host: z.string(),
  partition: z.enum(PARTITIONS),
  receivedAt: z.number(),
  expiresAt: z.number(),
  /** Null when refused: a refused code (and the token in it) is not kept. */
  code: z.nullable(z.string()),
  errors: z.array(
    z.object({ path: z.string(), message: z.string(), problem: z.optional(ProblemSchema) }),
  ),
});
type PendingLink = z.infer<typeof PendingLinkSchema>;

const WindowSchema = z.object({ windowId: z.number(), tabId: z.number() });

export const LINK_GONE = problem('linkGone').message;

const serialized = serialQueue();

/** The pending links, past their time dropped (and the drop written). */
async function loadLinks(now: number): Promise<PendingLink[]> {
  const raw: unknown = (await browser.storage.session.get(KEY))[KEY];
  const all = Array.isArray(raw)
    ? raw.flatMap((entry) => {
        const parsed = z.safeParse(PendingLinkSchema, entry);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const live = all.filter((l) => l.expiresAt > now);
  if (live.length !== (Array.isArray(raw) ? raw.length : 0))
    await browser.storage.session.set({ [KEY]: live });
  return live;
}

async function findLink(id: string): Promise<PendingLink | null> {
  return serialized(async () => (await loadLinks(Date.now())).find((l) => l.id === id) ?? null);
}

/** Forgets one pending link (or every one, with null), and the sweep alarm with the last. */
function forgetLinks(id: string | null): Promise<void> {
  return serialized(async () => {
    const kept = id === null ? [] : (await loadLinks(Date.now())).filter((l) => l.id !== id);
    await browser.storage.session.set({ [KEY]: kept });
    await scheduleSweep(kept);
  });
}

async function scheduleSweep(links: readonly PendingLink[]): Promise<void> {
  const next = Math.min(...links.map((l) => l.expiresAt));
  if (Number.isFinite(next)) await browser.alarms.create(LINKS_ALARM, { when: next });
  else await browser.alarms.clear(LINKS_ALARM);
}

/** The sweep alarm fired: expired links go (their codes with them). */
export function sweepLinks(): Promise<void> {
  return serialized(async () => scheduleSweep(await loadLinks(Date.now())));
}

/**
 * The code of a link, checked as a pasted one is (the same refusals: built-in ids and names,
 * expiry, loopback in a store build), for the partition of the tab it arrived in.
 */
async function checkCode(
  code: string,
  partition: Partition,
  now: number,
): Promise<Result<ConnectionCode>> {
  const outer = linkCodeProblem(code);
  if (outer) return fail(outer);
  const read = readConnectionCode(
    code,
    { builtin: builtins(), imported: await loadImportedProfiles() },
    { developmentBuild },
    new Date(now),
  );
  if (!read.ok) return read;
  if (!supportedPartitions(read.value.profile).includes(partition))
    return fail(
      fieldError(
        'profile.trust',
        problem('linkNoPartitionAccount', {
          service: read.value.profile.name,
          partition: PARTITION_LABELS[partition],
        }),
      ),
    );
  return read;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * `content.link`: makes a pending link (a second one from the same tab replaces the first) and
 * shows it in the link window. Answers the page nothing about the code: refusals are shown in
 * Crossrole's own window, never in the page.
 */
export async function receiveLink(code: string, sender: ConsoleSender): Promise<Reply<null>> {
  const now = Date.now();
  await rememberConsoleTab({ ...sender, route: LINK_ROUTE, seenAt: now });
  const checked = await checkCode(code, sender.partition, now);
  const link: PendingLink = {
    id: crypto.randomUUID(),
    tabId: sender.tabId,
    host: sender.host,
    partition: sender.partition,
    receivedAt: now,
    expiresAt: now + LINK_PENDING_TTL_MS,
    code: checked.ok ? code : null,
    // Our own words, quoting the code at most: bounded, and shown as text only.
    errors: checked.ok
      ? []
      : checked.errors.slice(0, 10).map((e) => ({
          path: clip(e.path, 200),
          message: clip(e.message, 1000),
          // The code too, for the link window's language, unless its words had to be clipped.
          ...(e.problem && e.message.length <= 1000 ? { problem: e.problem } : {}),
        })),
  };
  await serialized(async () => {
    const links = [...(await loadLinks(now)).filter((l) => l.tabId !== sender.tabId), link]
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .slice(-MAX_PENDING_LINKS);
    await browser.storage.session.set({ [KEY]: links });
    await scheduleSweep(links);
  });
  await showLinkWindow(link.id);
  return { ok: true, value: null };
}

const showing = serialQueue();

/** Opens the link window on `linkId`, or turns the one already open to it (one window at a time). */
function showLinkWindow(linkId: string): Promise<void> {
  return showing(async () => {
    const url = browser.runtime.getURL(`${LINK_PAGE}?link=${encodeURIComponent(linkId)}`);
    const raw: unknown = (await browser.storage.session.get(WINDOW_KEY))[WINDOW_KEY];
    const open = z.safeParse(WindowSchema, raw);
    if (open.success) {
      try {
        await browser.tabs.update(open.data.tabId, { url });
        await browser.windows.update(open.data.windowId, { focused: true });
        return;
      } catch {
        // Closed meanwhile: a new one below.
      }
    }
    const created = await browser.windows.create({ url, type: 'popup', width: 400, height: 640 });
    const tabId = created.tabs?.[0]?.id;
    if (created.id !== undefined && tabId !== undefined)
      await browser.storage.session.set({ [WINDOW_KEY]: { windowId: created.id, tabId } });
  });
}

/** A window closed: when it was the link window, what it showed is abandoned and forgotten. */
export async function linkWindowClosed(windowId: number): Promise<void> {
  const open = z.safeParse(
    WindowSchema,
    (await browser.storage.session.get(WINDOW_KEY))[WINDOW_KEY],
  );
  if (!open.success || open.data.windowId !== windowId) return;
  await browser.storage.session.remove(WINDOW_KEY);
  await forgetLinks(null);
}

/** `link.get`: what the link window shows. */
export async function linkView(linkId: string): Promise<Reply<LinkView>> {
  const link = await findLink(linkId);
  if (!link) return refusal(problem('linkGone'));
  const { receivedAt: _receivedAt, ...view } = link;
  return { ok: true, value: view };
}

/** `link.dismiss`: the link and its code are forgotten. */
export async function dismissLink(linkId: string): Promise<Reply<null>> {
  if (!(await findLink(linkId))) return refusal(problem('linkGone'));
  await forgetLinks(linkId);
  return { ok: true, value: null };
}

/** Plain JSON with sorted keys: two parses of one profile compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/**
 * `link.start`, "Confirm and allow" in the link window: the code is checked again (it may have
 * expired meanwhile), a carried profile is saved as an import, and the setup starts bound to the
 * link's console tab, which is told to go on in place (setups.ts, `startSetup` in place). The
 * token, and a service-issued External ID, are the code's, whatever the message says.
 */
export async function startLink(
  linkId: string,
  input: LinkStartInput,
  setupId: string,
): Promise<Reply<SetupStarted>> {
  // A request repeated after the worker stopped mid-start finishes that setup.
  const existing = await getSetup(setupId);
  if (existing && existing.tabId !== null)
    return startSetup({ ...input, tabId: existing.tabId }, setupId, 'in-place');
  const link = await findLink(linkId);
  if (!link) return refusal(problem('linkGone'));
  if (link.code === null) return refusal(problem('linkRefused'));
  const checked = await checkCode(link.code, link.partition, Date.now());
  if (!checked.ok) return fieldRefusal(checked.errors);
  const code = checked.value;
  if (input.profileId !== code.profile.id)
    return refusal(problem('linkForOther', { service: code.profile.name, id: input.profileId }));
  if (input.partition !== link.partition)
    return refusal(
      problem('linkOtherPartition', {
        partition: PARTITION_LABELS[link.partition],
        other: PARTITION_LABELS[input.partition],
      }),
    );
  const tab = await getConsoleTab(link.tabId);
  if (!tab || tab.host !== link.host) return refusal(problem('linkTabGone'));
  if (code.profileIncluded) await saveImportedProfile(code.profile);
  // What starts is what the customer reviewed: the profile the code carries or names.
  const profile = await findProfile(code.profile.id);
  if (!profile || canonical(profile) !== canonical(code.profile))
    return refusal(problem('linkProfileNotKept', { service: code.profile.name }));
  const externalId =
    profile.externalId.source === 'service' ? (code.externalId ?? '') : input.externalId;
  const started = await startSetup(
    {
      ...input,
      externalId,
      ...(code.token ? { token: code.token } : {}),
      tabId: link.tabId,
    },
    setupId,
    'in-place',
  );
  if (started.ok) await forgetLinks(linkId);
  return started;
}
