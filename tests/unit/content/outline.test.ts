// @vitest-environment happy-dom
// The page outline a locator miss carries (docs/console.md, "Learning from a miss"): its shape and
// redaction, and the locators run against the outlines saved from every replica page in both
// languages (tests/fixtures/outlines, `npm run outlines`). A label dropped from labels.ts, or a
// console change captured in a new outline, fails here rather than in front of a customer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findButton, findByLabel } from '../../../src/content/lib/dom.ts';
import type { LabelKey, Language } from '../../../src/content/lib/labels.ts';
import { CONSOLE_LABELS as LABELS } from '../../../src/core/console-labels.ts';
import { pageOutline } from '../../../src/content/lib/outline.ts';
import { PageOutline, parseMessage } from '../../../src/core/messages.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/outlines');

function fixture(name: string): PageOutline {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as PageOutline;
}

/**
 * A DOM with what an outline tells: each node an element of its tag and role; a button's or a
 * tab's name as its aria-label, any other name as its text; an input's label as a `<label for>`;
 * each Cloudscape prefix as a class with a made-up build hash.
 */
function rebuild(outline: PageOutline): HTMLElement {
  const stack: HTMLElement[] = [];
  outline.forEach((node, i) => {
    const el = document.createElement(node.tag);
    if (node.role) el.setAttribute('role', node.role);
    if (node.cs) el.className = node.cs.replace(/\S+/g, (prefix) => `${prefix}_xxxxx_0`);
    const parent = stack[node.d - 1];
    if (node.name) {
      if (node.tag === 'button' || node.role === 'button' || node.role === 'tab')
        el.setAttribute('aria-label', node.name);
      else if (/^(input|textarea|select)$/.test(node.tag)) el.setAttribute('aria-label', node.name);
      else el.textContent = node.name;
    }
    if (node.label) {
      el.id = `outline-${i}`;
      const label = document.createElement('label');
      label.htmlFor = el.id;
      label.textContent = node.label;
      (parent ?? document.body).append(label);
    }
    (parent ?? document.body).append(el);
    stack.length = node.d;
    stack.push(el);
  });
  return stack[0]!;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('pageOutline', () => {
  it('keeps tags, roles, names, labels and Cloudscape prefixes, and collapses wrappers', () => {
    document.body.innerHTML = `
      <main class="awsui_layout_hyvsj_1p9x2_5">
        <div><div><div class="awsui_root_2qdw9_3ab5c_9 awsui_main_2qdw9_3ab5c_10">
          <h1>Roles</h1>
        </div></div></div>
        <div role="tablist"><button role="tab">Permissions</button></div>
        <div><label for=":r1:">Role name</label><input id=":r1:" class="awsui_input_2rhyz_abcde_1"></div>
        <div hidden><button>Secret menu</button></div>
        <script>var x = 1;</script>
      </main>`;
    const outline = pageOutline();
    expect(outline).toEqual([
      { d: 0, tag: 'main', cs: 'awsui_layout_hyvsj' },
      { d: 1, tag: 'div', cs: 'awsui_root_2qdw9 awsui_main_2qdw9' },
      { d: 2, tag: 'h1', name: 'Roles' },
      { d: 1, tag: 'div', role: 'tablist' },
      { d: 2, tag: 'button', role: 'tab', name: 'Permissions' },
      { d: 1, tag: 'label', name: 'Role name' },
      { d: 1, tag: 'input', label: 'Role name', cs: 'awsui_input_2rhyz' },
    ]);
    expect(PageOutline.safeParse(outline).success).toBe(true);
  });

  it('never carries input values, table data, account IDs, ARNs or the setup’s own names', () => {
    document.body.innerHTML = `
      <main>
        <h1>CrossroleDemoRole</h1>
        <a href="#/roles/details/CrossroleDemoRole">CrossroleDemoRole</a>
        <button aria-label="Copy arn:aws:iam::111122223333:role/CrossroleDemoRole">Copy</button>
        <button>This account (111122223333)</button>
        <label for="x">External ID</label><input id="x" value="crossrole-7f3a9c2e-ext">
        <textarea aria-label="Description">Lets the service read 444455556666</textarea>
        <p>arn:aws:iam::111122223333:role/CrossroleDemoRole</p>
        <table>
          <thead><tr><th>Policy name</th><th>Type</th></tr></thead>
          <tbody>
            <tr><td><a href="#/policies/details/x">CustomerSecretPolicy</a></td><td>Customer managed</td></tr>
            <tr><td><input type="checkbox" aria-label="Select SecretTwo"></td><td>AWS managed</td></tr>
          </tbody>
        </table>
      </main>`;
    (document.querySelector('#x') as HTMLInputElement).value = 'typed-secret';
    const outline = pageOutline(undefined, ['CrossroleDemoRole']);
    const json = JSON.stringify(outline);
    for (const secret of [
      '1111',
      '4444',
      'arn:aws',
      'CrossroleDemoRole',
      'crossrole-7f3a9c2e-ext',
      'typed-secret',
      'CustomerSecretPolicy',
      'SecretTwo',
      'Customer managed',
      'Lets the service',
    ])
      expect(json).not.toContain(secret);
    expect(outline).toContainEqual({ d: 1, tag: 'button', name: 'This account (#)' });
    expect(outline).toContainEqual({ d: 1, tag: 'button', name: 'Copy arn:…' });
    expect(outline).toContainEqual({ d: 1, tag: 'h1', name: '*' });
    expect(outline).toContainEqual({ d: 1, tag: 'input', label: 'External ID' });
    expect(outline).toContainEqual({ d: 1, tag: 'th', name: 'Policy name' });
    expect(outline).toContainEqual({ d: 1, tag: 'tbody', rows: 2 });
  });

  it('stays within 400 nodes, 25 levels and 60 characters a text', () => {
    let deep = '<button>Deepest</button>';
    for (let i = 0; i < 60; i += 1) deep = `<section aria-label="Level ${i}">${deep}</section>`;
    document.body.innerHTML = `<main>${deep}${'<button>Go</button>'.repeat(600)}<h2>${'Long '.repeat(30)}</h2></main>`;
    const outline = pageOutline();
    expect(outline.length).toBe(400);
    expect(Math.max(...outline.map((n) => n.d))).toBe(24);
    expect(outline).toContainEqual({ d: 24, tag: 'button', name: 'Deepest' });
    expect(PageOutline.safeParse(outline).success).toBe(true);
    document.body.innerHTML = `<main><h2>${'Long '.repeat(30)}</h2></main>`;
    expect(pageOutline()[1]!.name).toHaveLength(60);
  });

  it('is accepted by the background with a miss, and a forged one is not', () => {
    document.body.innerHTML = '<main><h1>Roles</h1></main>';
    const miss = {
      type: 'content.locatorMiss',
      feature: 'create-role-wizard',
      field: 'next',
      language: 'en',
      route: '/roles/create',
    };
    expect(parseMessage({ ...miss, outline: pageOutline() }).ok).toBe(true);
    expect(parseMessage(miss).ok).toBe(true);
    for (const outline of [
      [{ d: 1, tag: 'main' }],
      [
        { d: 0, tag: 'main' },
        { d: 2, tag: 'h1' },
      ],
      [{ d: 0, tag: 'main', cs: 'awsui_root_2qdw9 111122223333' }],
      [{ d: 0, tag: 'main', name: 'x'.repeat(61) }],
      [{ d: 0, tag: 'main' }, ...Array.from({ length: 400 }, () => ({ d: 1, tag: 'b' }))],
      [{ d: 0, tag: '<script>' }],
    ])
      expect(parseMessage({ ...miss, outline }).ok).toBe(false);
  });
});

describe('saved outlines', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('cover every replica page in both languages, valid and redacted', () => {
    const pages = [
      'roles',
      'create-role-1',
      'create-role-2',
      'create-role-3',
      'role-permissions',
      'role-trust',
      'edit-trust-policy',
      'attach-policies',
      'policies',
      'create-policy',
      'users',
      'create-user',
      'user-details',
      'create-access-key',
    ];
    expect(files.sort()).toEqual(pages.flatMap((p) => [`${p}-en.json`, `${p}-ja.json`]).sort());
    for (const file of files) {
      const outline = fixture(file.replace(/\.json$/, ''));
      expect(PageOutline.safeParse(outline).success, file).toBe(true);
      const texts = outline.flatMap((n) => [n.role, n.name, n.label]).join('\n');
      expect(texts, file).not.toMatch(/\d{4}|arn:aws/);
    }
  });

  const finds: { page: string; buttons: LabelKey[]; fields: LabelKey[] }[] = [
    { page: 'create-role-1', buttons: ['next'], fields: ['accountId', 'externalId'] },
    { page: 'create-role-2', buttons: ['next'], fields: [] },
    { page: 'create-role-3', buttons: ['createRole'], fields: ['roleName', 'description'] },
    { page: 'role-permissions', buttons: ['addPermissions'], fields: [] },
    { page: 'role-trust', buttons: ['editTrustPolicy'], fields: [] },
    { page: 'edit-trust-policy', buttons: ['updatePolicy'], fields: [] },
    { page: 'attach-policies', buttons: ['addPermissions'], fields: [] },
    { page: 'create-user', buttons: ['next'], fields: ['userName'] },
    { page: 'user-details', buttons: ['createAccessKey'], fields: [] },
  ];
  for (const language of ['en', 'ja'] as const satisfies Language[]) {
    for (const { page, buttons, fields } of finds) {
      it(`finds the controls of ${page} in ${language}`, () => {
        rebuild(fixture(`${page}-${language}`));
        // The language's own labels only: the English fallback would hide a missing translation.
        for (const key of buttons) {
          const labels = LABELS[key][language];
          expect(findButton(document, labels), `${key} button`).not.toBeNull();
        }
        for (const key of fields) {
          const labels = LABELS[key][language];
          expect(findByLabel(document, 'input, textarea', labels), `${key} field`).not.toBeNull();
        }
      });
    }
  }

  it('does not find what a page does not have', () => {
    rebuild(fixture('create-role-1-en'));
    expect(findButton(document, LABELS.createRole.en)).toBeNull();
    expect(findByLabel(document, 'input', LABELS.roleName.en)).toBeNull();
  });
});
