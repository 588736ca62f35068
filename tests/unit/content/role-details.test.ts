// @vitest-environment happy-dom
// The role's page: a trust update the customer made is reported first; an update-trust setup
// opens the trust policy editor (once the console lets its button be pressed); a created role
// is read back and reported as IAM shows it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleDetails } from '../../../src/content/features/role-details.ts';
import { PENDING_TRUST_UPDATE } from '../../../src/content/lib/role-page.ts';
import { fakeContext, SETUP } from '../../support/feature-context.ts';

const ARN = `arn:aws:iam::111122223333:role/${SETUP.roleName}`;
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}';

function page() {
  document.body.innerHTML = `<main><h1>${SETUP.roleName}</h1><div>ARN <span>${ARN}</span></div>
    <div role="tablist">
      <button role="tab" aria-selected="true">Permissions</button>
      <button role="tab" aria-selected="false">Trust relationships</button>
    </div>
    <div role="tabpanel" id="panel"></div>
    <button id="edit">Edit trust policy</button></main>`;
  const clicks = { edit: 0 };
  const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
  for (const tab of tabs)
    tab.addEventListener('click', () => {
      for (const t of tabs) t.setAttribute('aria-selected', String(t === tab));
      document.getElementById('panel')!.innerHTML =
        tab.textContent === 'Trust relationships' ? `<pre>${TRUST}</pre>` : '';
    });
  document.getElementById('edit')!.addEventListener('click', () => (clicks.edit += 1));
  return clicks;
}
const path = `/roles/details/${SETUP.roleName}`;

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Role details', () => {
  it('reports the customer’s trust update once, and says so when it is refused', async () => {
    page();
    const fake = fakeContext({ path, reply: () => ({ ok: false, error: 'Not this role.' }) });
    fake.memory.set(PENDING_TRUST_UPDATE, SETUP.id);
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([
      { type: 'content.trustUpdated', setupId: SETUP.id, roleName: SETUP.roleName },
    ]);
    expect(fake.memory.has(PENDING_TRUST_UPDATE)).toBe(false);
    expect(fake.last()).toMatchObject({
      title: 'Crossrole did not accept this update',
      items: [{ status: 'problem', text: 'Not this role.' }],
    });
  });

  it('opens the trust policy editor for an update-trust setup', async () => {
    const clicks = page();
    const fake = fakeContext({ path, setup: { mode: 'update-trust' } });
    await fake.start(roleDetails, controller.signal);
    expect(document.querySelector('[aria-selected="true"]')!.textContent).toBe(
      'Trust relationships',
    );
    expect(clicks.edit).toBe(1);
    expect(fake.sent).toEqual([]);
  });

  it('reads the created role back and reports the ARN texts and the trust policy it shows', async () => {
    page();
    const fake = fakeContext({
      path,
      setup: { mode: 'update-trust', state: 'role-created' },
      reply: () => ({ ok: true, value: { ...SETUP, state: 'verified' } }),
    });
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        type: 'content.rolePage',
        setupId: SETUP.id,
        roleName: SETUP.roleName,
        arnTexts: [ARN],
        trustPolicyText: TRUST,
        attachedPolicies: null,
      }),
    ]);
    expect(fake.last()!.title).toBe(`Sending the role to ${SETUP.serviceName}`);
  });

  it('does nothing on another role’s page', async () => {
    page();
    const fake = fakeContext({
      path: '/roles/details/OtherRole',
      setup: { state: 'role-created' },
    });
    await fake.start(roleDetails, controller.signal);
    expect(fake.sent).toEqual([]);
    expect(fake.rendered).toEqual([]);
  });

  describe('guardrails at creation (docs/guardrails.md)', () => {
    const READ_ONLY = '<tr><td><a>ReadOnlyAccess</a></td><td>AWS managed</td></tr>';
    /** A created role's page: a summary with its session duration and Edit, three tabs. */
    function guardedPage(duration: string, tags: [string, string][]) {
      document.body.innerHTML = `<main><h1>${SETUP.roleName}</h1>
        <section><h2>Summary</h2><button id="edit">Edit</button>
          <div><div>ARN</div><div>${ARN}</div></div>
          <div><div><span>Last activity</span></div><div>-</div>
            <div><span>Maximum session duration</span></div><div>${duration}</div></div></section>
        <div role="tablist">
          <button role="tab" aria-selected="true">Permissions</button>
          <button role="tab" aria-selected="false">Trust relationships</button>
          <button role="tab" aria-selected="false">Tags</button>
        </div>
        <div role="tabpanel" id="panel"><table><tbody>${READ_ONLY}</tbody></table></div></main>`;
      const clicks = { edit: 0 };
      const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
      const panels: Record<string, string> = {
        Permissions: `<table><tbody>${READ_ONLY}</tbody></table>`,
        'Trust relationships': `<pre>${TRUST}</pre>`,
        Tags: `<table><tbody>${tags.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</tbody></table>`,
      };
      for (const tab of tabs)
        tab.addEventListener('click', () => {
          for (const t of tabs) t.setAttribute('aria-selected', String(t === tab));
          document.getElementById('panel')!.innerHTML = panels[tab.textContent!]!;
        });
      document.getElementById('edit')!.addEventListener('click', () => (clicks.edit += 1));
      return clicks;
    }
    const guarded = {
      state: 'role-created',
      tags: [{ key: 'CostCenter', value: '4711' }],
      maxSessionDurationSeconds: 7200,
    };

    it('reads the Tags tab and the summary’s duration, and offers to set a duration that differs', async () => {
      const clicks = guardedPage('1 hour', [
        ['CostCenter', '4711'],
        ['Owner', 'ops'],
      ]);
      const fake = fakeContext({
        path,
        setup: guarded,
        reply: () => ({ ok: true, value: { ...SETUP, ...guarded, state: 'arn-captured' } }),
      });
      await fake.start(roleDetails, controller.signal);
      expect(fake.sent).toEqual([
        expect.objectContaining({
          type: 'content.rolePage',
          tags: [
            { key: 'CostCenter', value: '4711' },
            { key: 'Owner', value: 'ops' },
          ],
          maxSessionDurationText: '1 hour',
        }),
      ]);
      expect(fake.last()).toMatchObject({
        title: 'Set the maximum session duration',
        items: [{ status: 'problem', text: expect.stringContaining('this role allows 1 hour') }],
      });
      await fake.last()!.actions![0]!.run();
      expect(fake.last()!.actions![0]!.label).toBe('Set 2 hours');
      expect(clicks.edit).toBe(1);
    });

    it('names a planned tag the role lacks, and sends nothing more', async () => {
      guardedPage('2 hours', [['CostCenter', '4712']]);
      const fake = fakeContext({
        path,
        setup: guarded,
        reply: () => ({ ok: true, value: { ...SETUP, ...guarded, state: 'arn-captured' } }),
      });
      await fake.start(roleDetails, controller.signal);
      expect(fake.last()!.items[0]!.text).toBe(
        'IAM shows the role without the tags CostCenter=4711. Add them on the role’s Tags tab, then read the role again. Nothing was sent.',
      );
    });

    it('lists what was read back once the background sends it', async () => {
      guardedPage('2 hours', [['CostCenter', '4711']]);
      const fake = fakeContext({
        path,
        setup: guarded,
        reply: () => ({ ok: true, value: { ...SETUP, ...guarded, state: 'verified' } }),
      });
      await fake.start(roleDetails, controller.signal);
      expect(fake.last()!.items.map((i) => i.text)).toEqual(
        expect.arrayContaining([
          'Tags read back from IAM: CostCenter=4711',
          'Maximum session duration read back from IAM: 2 hours',
        ]),
      );
    });
  });

  describe('the permissions boundary', () => {
    const POLICY = (arn: string, name: string) =>
      `<a href="#/policies/details/${encodeURIComponent(arn)}">${name}</a>`;
    function permissionsPage(boundary: string) {
      document.body.innerHTML = `<main><h1>${SETUP.roleName}</h1><div>${ARN}</div>
        <div role="tablist"><button role="tab" aria-selected="true">Permissions</button>
          <button role="tab" aria-selected="false">Trust relationships</button></div>
        <div role="tabpanel" id="panel"></div></main>`;
      const panels: Record<string, string> = {
        Permissions: `<div><div><h2>Permissions policies (1)</h2><table><tbody><tr><td>${POLICY(
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'ReadOnlyAccess',
        )}</td><td>AWS managed</td></tr></tbody></table></div>${boundary}</div>`,
        'Trust relationships': `<pre>${TRUST}</pre>`,
      };
      document.getElementById('panel')!.innerHTML = panels.Permissions!;
      const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
      for (const tab of tabs)
        tab.addEventListener('click', () => {
          for (const t of tabs) t.setAttribute('aria-selected', String(t === tab));
          document.getElementById('panel')!.innerHTML = panels[tab.textContent!]!;
        });
    }
    const BOUNDARY = 'arn:aws:iam::111122223333:policy/OrgBoundary';
    const sentBoundary = async () => {
      const fake = fakeContext({
        path,
        setup: { state: 'role-created', permissionsBoundary: 'OrgBoundary' },
        reply: () => ({ ok: true, value: { ...SETUP, state: 'arn-captured' } }),
      });
      await fake.start(roleDetails, controller.signal);
      return { fake, sent: fake.sent[0] as { permissionsBoundaryArn?: string | null } };
    };

    it('reads the ARN its own section links to', async () => {
      permissionsPage(
        `<div><h2>Permissions boundary (set)</h2>${POLICY(BOUNDARY, 'OrgBoundary')}</div>`,
      );
      const { sent } = await sentBoundary();
      expect(sent.permissionsBoundaryArn).toBe(BOUNDARY);
    });

    it('says none is set without taking an attached policy’s link for it, and names the gap', async () => {
      permissionsPage('<div><h2>Permissions boundary (not set)</h2><p>Not set</p></div>');
      const { fake, sent } = await sentBoundary();
      expect(sent.permissionsBoundaryArn).toBeNull();
      expect(fake.last()!.items[0]!.text).toContain('without the permissions boundary OrgBoundary');
    });

    it('sends nothing of it when the tab shows no such section', async () => {
      permissionsPage('');
      const { fake, sent } = await sentBoundary();
      expect(sent).not.toHaveProperty('permissionsBoundaryArn');
      expect(fake.misses).toContain('role-boundary');
    });
  });
});
