// Delivery through faults, in Chromium against the reference service: the service down, 5xx,
// 429 with Retry-After, a timeout, a refusal, the worker stopped mid-delivery and the browser
// closed and reopened. In every case the service ends with exactly one connection for the setup
// and the captured ARN is never lost.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { stopServiceWorker } from '../support/browser.ts';
import { saveScreenshot } from '../support/artifacts.ts';
import { createRoleButton } from '../support/connect-driver.ts';
import { useConnectionEnv } from '../support/e2e-setup.ts';

const env = useConnectionEnv();
beforeEach(() => {
  env.service.setFaults({});
});

/** Runs the demo connection up to the customer's Create role click; returns the setup's popup. */
async function createDemoRole(): Promise<{ popup: Page; page: Page }> {
  const popup = await env.customer.openPopup();
  await popup.getByText('Crossrole Demo Service', { exact: true }).first().click();
  const page = await env.customer.openInConsole(popup);
  await env.customer.waitForPanelTitle(page, 'Ready: press Create role');
  await env.customer.click(createRoleButton(page));
  await env.customer.waitForPanelTitle(page, /Sending the role to/);
  return { popup, page };
}

type Stored = {
  id: string;
  state: string;
  roleArn: string | null;
  delivery: { status: string; attempts: number; serviceMessage: string | null } | null;
};
async function storedSetups(): Promise<Stored[]> {
  return env.session.worker.evaluate(async () => {
    const { setups } = await chrome.storage.local.get('setups');
    return (setups ?? []) as Stored[];
  });
}

const connectionsFor = (setupId: string) =>
  env.service.connections().filter((c) => c.idempotencyKey === setupId);

describe('delivery through faults', () => {
  it('keeps the report while the service is down and delivers it once when it is back', async () => {
    env.service.setFaults({ down: true });
    await createDemoRole();
    // Tried at least twice and waiting for the next try (not caught mid-attempt, 'sending').
    const waiting = async () => {
      const [s] = await storedSetups();
      return s?.delivery
        ? `${s.state}, ${s.delivery.status}, tries: ${s.delivery.attempts >= 2}`
        : '';
    };
    await expect.poll(waiting, { timeout: 20_000 }).toBe('verified, queued, tries: true');
    const [setup] = await storedSetups();
    expect(setup!.roleArn).toMatch(/:role\/CrossroleDemoRole$/);
    env.service.setFaults({});
    await expect.poll(() => connectionsFor(setup!.id).length, { timeout: 40_000 }).toBe(1);
    await expect
      .poll(async () => (await storedSetups())[0]?.state, { timeout: 10_000 })
      .toBe('delivered');
  });

  it('retries 500s and a 429 with Retry-After, always with the same Idempotency-Key', async () => {
    env.service.setFaults({ status: 500, remaining: 2 });
    await createDemoRole();
    await expect
      .poll(async () => (await storedSetups())[0]?.state, { timeout: 30_000 })
      .toBe('delivered');
    const [setup] = await storedSetups();
    const requests = env.service.requests().filter((r) => r.idempotencyKey === setup!.id);
    expect(requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(connectionsFor(setup!.id)).toHaveLength(1);

    env.service.setFaults({ status: 429, retryAfterSeconds: 2, remaining: 1 });
    const second = await launchSecond();
    expect(second.waited).toBeGreaterThanOrEqual(1900);
  });

  it('shows a refusal with the service message and sends nothing more', async () => {
    env.service.setFaults({
      status: 403,
      refuseMessage: 'This AWS account belongs to another workspace.',
    });
    const { popup } = await createDemoRole();
    await expect
      .poll(async () => (await storedSetups())[0]?.state, { timeout: 10_000 })
      .toBe('failed');
    await popup.reload();
    await popup.getByText('This AWS account belongs to another workspace.').first().waitFor();
    await popup.getByRole('button', { name: 'Retry now' }).first().waitFor();
    await popup.getByRole('button', { name: 'Copy ARN' }).first().waitFor();
    await saveScreenshot(popup, 'popup/refused.png');
    const [setup] = await storedSetups();
    const attempts = env.service.requests().filter((r) => r.idempotencyKey === setup!.id).length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(env.service.requests().filter((r) => r.idempotencyKey === setup!.id)).toHaveLength(
      attempts,
    );
    expect(connectionsFor(setup!.id)).toHaveLength(0);
    env.service.setFaults({});
    await popup.getByRole('button', { name: 'Retry now' }).first().click();
    await expect.poll(() => connectionsFor(setup!.id).length, { timeout: 10_000 }).toBe(1);
  });

  it('survives the worker being stopped in the middle of a slow delivery and a timeout', async () => {
    env.service.setFaults({ delayMs: 17_000, remaining: 1 });
    await createDemoRole();
    await new Promise((r) => setTimeout(r, 1000));
    await stopServiceWorker(env.session);
    await expect
      .poll(async () => (await storedSetups())[0]?.state, { timeout: 60_000 })
      .toBe('delivered');
    const [setup] = await storedSetups();
    // The slow first request may also have completed: the service still holds one connection.
    await new Promise((r) => setTimeout(r, 1000));
    expect(connectionsFor(setup!.id)).toHaveLength(1);
  });

  it('delivers after the browser is closed and reopened with the same profile', async () => {
    env.service.setFaults({ down: true });
    await createDemoRole();
    const [captured] = await storedSetups();
    expect(captured!.roleArn).toBeTruthy();
    await env.session.context.close();
    env.service.setFaults({});
    await env.reopen();
    await expect.poll(() => connectionsFor(captured!.id).length, { timeout: 60_000 }).toBe(1);
    expect(
      env.service.connections().find((c) => c.idempotencyKey === captured!.id)!.report.roleArn,
    ).toBe(captured!.roleArn);
  });
});

/** A second connection in the same browser; returns how long its first retry waited. */
async function launchSecond(): Promise<{ waited: number }> {
  const before = env.service.connections().length;
  const popup = await env.customer.openPopup();
  await popup.getByText('Crossrole Demo Service', { exact: true }).first().click();
  await popup.getByLabel('Role name', { exact: true }).fill('CrossroleDemoRole2');
  const page = await env.customer.openInConsole(popup);
  await env.customer.waitForPanelTitle(page, 'Ready: press Create role');
  const clicked = Date.now();
  await env.customer.click(createRoleButton(page));
  await env.service.waitForConnections(before + 1, 30_000);
  return { waited: Date.now() - clicked };
}
