// Many connections at once through a failing service while the service worker is stopped at
// random: the bench's "nothing captured is lost" figure, and an end-to-end test at a smaller
// scale. Each setup is started with the popup's own message (as "Open in AWS console" does),
// filled by the content scripts on the console replica, and created by a click on Create role.
import type { Page } from 'playwright-core';
import {
  launchWithExtension,
  loadThroughReplica,
  openPopup,
  stopServiceWorker,
} from './browser.ts';
import { panelView, titleIs, waitForPanel } from './panel-driver.ts';
import { installConsoleReplica } from './console-replica.ts';
import { startReferenceService } from '../reference-service/server.ts';
import { REPORT_MAX_BACKOFF_MS } from '../../src/core/report.ts';

export type FaultRunResult = {
  captured: number;
  delivered: number;
  connections: number;
  workerStops: number;
  failedRequests: number;
  elapsedMs: number;
};

type StoredSetup = {
  id: string;
  roleName: string;
  state: string;
  problem: string | null;
  trustProblems: string[];
  roleArn: string | null;
  delivery: {
    status: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: number | null;
  } | null;
};

export async function deliveryUnderFaults(
  count: number,
  options: { parallel?: number; failRate?: number; deadlineMs?: number } = {},
): Promise<FaultRunResult> {
  const started = performance.now();
  const service = await startReferenceService({ port: 47615 });
  service.setFaults({ failRate: options.failRate ?? 0.5, seed: 7 });
  const session = await launchWithExtension();
  let workerStops = 0;
  let stopping = true;
  try {
    const replica = await installConsoleReplica(session.context);
    // One page load first: the replica's assets are read on first request, and several cold
    // loads racing each other are not what this run measures.
    const warm = await session.context.newPage();
    await warm.goto(replica.url('aws', '/roles'));
    await warm.getByRole('heading', { name: 'Roles' }).first().waitFor();
    await warm.close();
    let starting = 0;
    const popup = await openPopup(session);
    const setups = async (): Promise<StoredSetup[]> =>
      popup.evaluate(async () => {
        const reply = (await chrome.runtime.sendMessage({ type: 'popup.state' })) as {
          ok: boolean;
          value?: { setups: StoredSetup[] };
        };
        return reply.ok && reply.value ? reply.value.setups : [];
      });
    // Delivered setups beyond the newest few are pruned from storage; their connections stay.
    const connectedSetupIds = async (): Promise<string[]> =>
      popup.evaluate(async () => {
        const reply = (await chrome.runtime.sendMessage({ type: 'popup.state' })) as {
          ok: boolean;
          value?: { connections: { setupId: string }[] };
        };
        return reply.ok && reply.value ? reply.value.connections.map((c) => c.setupId) : [];
      });

    // The worker is stopped every 0.5–2.5 s for the whole run, mid-fill and mid-delivery alike.
    const stopper = (async () => {
      let seed = 11;
      while (stopping) {
        seed = (seed * 16807) % 2147483647;
        await new Promise((r) => setTimeout(r, 500 + (seed % 2000)));
        // Not while a setup is being started: that is the customer's click, not delivery.
        if (!stopping || starting > 0) continue;
        await stopServiceWorker(session, popup).then(
          () => workerStops++,
          () => undefined,
        );
      }
    })();

    let opening: Promise<unknown> = Promise.resolve();
    const pages = new Map<number, Page>();
    const one = async (i: number): Promise<void> => {
      const externalId = `demo-fault${i}-${crypto.randomUUID().slice(0, 8)}`;
      // Starting is serialised so each new tab is matched to its own setup; filling runs in parallel.
      const started: Promise<Page> = opening.then(async () => {
        starting += 1;
        try {
          const opened = session.context.waitForEvent('page');
          // As the popup does (src/popup/api.ts): one request id, asked again while the worker
          // restarts, so a start is neither lost nor doubled.
          const requestId = crypto.randomUUID();
          const ask = () =>
            popup.evaluate(
              ({ roleName, externalId, requestId }) =>
                chrome.runtime.sendMessage({
                  type: 'setup.start',
                  requestId,
                  mode: 'create-role',
                  profileId: 'crossrole-demo',
                  levelId: 'read-only',
                  optionIds: [],
                  partition: 'aws',
                  roleName,
                  roleDescription: 'Fault run',
                  externalId,
                }),
              { roleName: `CrossroleFault${i}`, externalId, requestId },
            );
          let reply: unknown;
          for (let attempt = 0; ; attempt += 1) {
            try {
              reply = await ask();
              if (reply !== undefined) break;
            } catch (error) {
              if (attempt === 5) throw error;
            }
            await new Promise((r) => setTimeout(r, 250 * 2 ** Math.min(attempt, 3)));
          }
          if (!(reply as { ok: boolean }).ok)
            throw new Error(`setup ${i} not started: ${JSON.stringify(reply)}`);
          // Chrome stops only idle workers: not while the tab it just opened is still loading.
          const page = await opened;
          await page.waitForLoadState('domcontentloaded');
          return page;
        } finally {
          starting -= 1;
        }
      });
      opening = started.catch(() => undefined);
      const page = await started;
      pages.set(i, page);
      await loadThroughReplica(page);
      await waitForPanel(page, titleIs('Ready: press Create role'), 'ready', 60_000);
      await page.getByRole('button', { name: 'Create role', exact: true }).click();
      await page.waitForURL(/#\/roles\/details\//, { timeout: 30_000 });
      await waitForPanel(page, titleIs(/Sending the role to/), 'sending', 60_000);
      await page.close();
    };
    const parallel = options.parallel ?? 4;
    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < count) {
          const i = next++;
          await one(i).catch(async (error: unknown) => {
            const page = pages.get(i);
            const view = page ? await panelView(page) : null;
            const heading = view
              ? `${view.title ?? 'no panel'}: ${view.text.slice(0, 240)}`
              : 'no page';
            const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
            failures.push(`setup ${i} [${heading}] at ${page?.url().slice(0, 90) ?? '?'}: ${why}`);
          });
        }
      }),
    );
    if (failures.length)
      console.warn(
        `${failures.length} setups did not reach capture:\n${failures.slice(0, 5).join('\n')}`,
      );

    const deadline = Date.now() + (options.deadlineMs ?? 5 * 60_000);
    // The worker may be stopped mid-answer: ask again rather than fail the run.
    const settledSetups = async (): Promise<StoredSetup[]> => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await setups();
        } catch (error) {
          if (attempt === 9) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    let stored = await settledSetups();
    // Wait while anything is still on its way; a setup that stopped short says why below. Past
    // the deadline, a report whose backoff (up to five minutes after repeated failures) puts its
    // next try later is still waited for, up to one longest backoff more: it is queued, not lost.
    const hardStop = deadline + REPORT_MAX_BACKOFF_MS + 60_000;
    const onItsWay = (s: StoredSetup) =>
      s.delivery?.status === 'sending' ||
      (s.delivery?.status === 'queued' &&
        (Date.now() < deadline || (s.delivery.nextAttemptAt ?? 0) < hardStop));
    while (Date.now() < hardStop && stored.some(onItsWay)) {
      await new Promise((r) => setTimeout(r, 1000));
      stored = await setups().catch(() => stored);
    }
    stopping = false;
    await stopper;
    for (const s of stored.filter((x) => x.roleArn && x.delivery?.status !== 'delivered')) {
      console.warn(
        `captured but not delivered: ${s.roleName} state=${s.state} delivery=${JSON.stringify(s.delivery)} problem=${s.problem ?? ''} trust=${s.trustProblems.join(' ')}`,
      );
    }
    const connected = new Set(await connectedSetupIds());
    const delivered = new Set([
      ...connected,
      ...stored.filter((s) => s.delivery?.status === 'delivered').map((s) => s.id),
    ]);
    return {
      captured: new Set([...delivered, ...stored.filter((s) => s.roleArn).map((s) => s.id)]).size,
      delivered: delivered.size,
      connections: service.connections().length,
      workerStops,
      failedRequests: service.requests().filter((r) => r.status >= 500 || r.status === 0).length,
      elapsedMs: performance.now() - started,
    };
  } finally {
    stopping = false;
    await session.close();
    await service.close();
  }
}
