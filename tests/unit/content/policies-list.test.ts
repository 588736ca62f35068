// @vitest-environment happy-dom
// The policies list after Create policy: the flash naming a policy still to create is reported,
// then the next page of the setup opens (the next policy, or the wizard with every policy).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policiesList } from '../../../src/content/features/policies-list.ts';
import type { ContentSetup } from '../../../src/core/content-setup.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const policy = (name: string, created: boolean) => ({
  name,
  description: '',
  document: { Version: '2012-10-17', Statement: [] },
  created,
});
const setup: Partial<ContentSetup> = {
  customPolicies: [policy('ExampleRead', false), policy('ExampleWrite', false)],
};

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  location.hash = '#/policies';
  document.body.innerHTML = `<main><div data-itemid="1">Policy ExampleWrite created.</div></main>`;
});
afterEach(() => controller.abort());

describe('Policies list', () => {
  it('reports the policy the flash names, then goes where the reply says', async () => {
    const fake = fakeContext({
      path: '/policies',
      setup,
      reply: () => ({
        ok: true,
        value: {
          ...SETUP,
          customPolicies: [policy('ExampleRead', false), policy('ExampleWrite', true)],
        },
        next: { hash: '#/policies/create' },
      }),
    });
    await fake.start(policiesList, controller.signal);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        type: 'content.policyCreated',
        setupId: SETUP.id,
        policyName: 'ExampleWrite',
      }),
    ]);
    expect(location.hash).toBe('#/policies/create');
  });

  it('stays when the reply names no next step (the background decides, not the page)', async () => {
    const fake = fakeContext({
      path: '/policies',
      setup,
      reply: () => ({ ok: true, value: { ...SETUP } }),
    });
    await fake.start(policiesList, controller.signal);
    expect(fake.sent).toHaveLength(1);
    expect(location.hash).toBe('#/policies');
  });

  it('acts only while policies are being created', async () => {
    const fake = fakeContext({ path: '/policies', setup: { ...setup, state: 'policies-created' } });
    expect(await fake.start(policiesList, controller.signal)).toBe(false);
  });
});
