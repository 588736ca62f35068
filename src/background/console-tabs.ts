// The IAM console tabs the content script has announced, kept in storage.session so a restarted
// service worker still knows them, and forgotten when the browser closes.
import { browser } from '../platform/browser.ts';
import { ConsoleTab } from '../core/messages.ts';
import * as z from 'zod/mini';

const KEY = 'consoleTabs';
const Stored = z.record(z.string(), ConsoleTab);

async function readAll(): Promise<Record<string, ConsoleTab>> {
  const raw = (await browser.storage.session.get(KEY))[KEY];
  const parsed = z.safeParse(Stored, raw ?? {});
  return parsed.success ? parsed.data : {};
}

export async function rememberConsoleTab(tab: ConsoleTab): Promise<void> {
  const all = await readAll();
  all[String(tab.tabId)] = tab;
  await browser.storage.session.set({ [KEY]: all });
}

export async function getConsoleTab(tabId: number): Promise<ConsoleTab | null> {
  return (await readAll())[String(tabId)] ?? null;
}

export async function forgetConsoleTab(tabId: number): Promise<void> {
  const all = await readAll();
  if (!(String(tabId) in all)) return;
  delete all[String(tabId)];
  await browser.storage.session.set({ [KEY]: all });
}
