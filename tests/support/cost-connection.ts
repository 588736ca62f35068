// The connection the later-life end-to-end tests start from (docs/lifecycle.md): the
// cost-and-inventory example made local (a custom policy beside ReadOnlyAccess, no code), imported
// in the popup and connected at "Read-only plus billing", its policy created first, then the role.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import { createRoleButton } from './connect-driver.ts';
import type { ConnectionEnv } from './e2e-setup.ts';

export const COST_SERVICE = 'Cost Inventory (local)';
export const COST_ROLE = 'ExampleCostInventoryRole';
export const COST_POLICY = 'ExampleCostInventoryBilling';

type Level = { id: string; customPolicies?: { document: { Statement: unknown[] } }[] };

/** The example, reporting to the reference service, its External ID generated here. */
export function costProfile(env: ConnectionEnv): Record<string, unknown> & { access: Level[] } {
  const profile = structuredClone(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cost-inventory'),
  ) as Record<string, unknown> & { access: Level[] };
  profile.id = 'cost-inventory-local';
  profile.name = COST_SERVICE;
  // Generated here: the example's External ID comes from the service, with a connection code.
  profile.externalId = { source: 'generate', prefix: 'cost-' };
  profile.report = { url: env.service.url, auth: 'none' };
  return profile;
}

/**
 * `profile` imported in a popup, as a customer pastes it (the same id again replaces it); the
 * popup stays open with that service chosen.
 */
export async function importProfile(env: ConnectionEnv, profile: unknown): Promise<Page> {
  const popup = await env.customer.openPopup();
  await popup.getByText('Add a service (profile or connection code)').click();
  await popup.getByLabel('Profile or connection code').fill(JSON.stringify(profile));
  await popup.getByRole('button', { name: 'Import' }).click();
  await popup.getByRole('button', { name: 'Confirm and allow' }).click();
  return popup;
}

/**
 * Connects the account at "Read-only plus billing" (its policy created first), or at plain
 * "Read-only"; the connection's id (its report's setupId).
 */
export async function connectCost(
  env: ConnectionEnv,
  level: 'billing' | 'read-only' = 'billing',
): Promise<string> {
  const before = env.service.connections().length;
  const popup = await importProfile(env, costProfile(env));
  const billing = level === 'billing';
  await popup
    .getByRole('radio', { name: billing ? /^Read-only plus billing/ : /^Read-only(?! plus)/ })
    .check();
  const page = await env.customer.openInConsole(popup);
  if (billing) {
    await env.customer.waitForPanelTitle(page, `Create the policy ${COST_POLICY}`);
    await env.customer.click(page.getByRole('button', { name: 'Create policy', exact: true }));
  }
  await env.customer.waitForPanelTitle(page, 'Ready: press Create role', 60_000);
  await env.customer.click(createRoleButton(page));
  const connection = (await env.service.waitForConnections(before + 1, 30_000)).at(-1)!;
  // The policy IAM holds is the profile's, not the editor's starting text.
  const planned = costProfile(env).access.find((l) => l.id === 'read-only-plus-billing')!
    .customPolicies![0]!.document;
  if (billing) expect(JSON.parse(env.replica.iam.policy(COST_POLICY)!.document)).toEqual(planned);
  await page.close();
  await popup.close();
  return connection.report.setupId;
}
