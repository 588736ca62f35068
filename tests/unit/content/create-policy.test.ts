// @vitest-environment happy-dom
// Create policy: the JSON tab, the setup's next policy pasted and read back, then its name and
// description on the next step; Create policy is pointed at, never pressed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPolicy } from '../../../src/content/features/create-policy.ts';
import { fakeContext } from '../../support/feature-context.ts';

const DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:List*' }] };
const policy = (name: string, created: boolean) => ({
  name,
  description: `${name} for the service`,
  document: DOCUMENT,
  created,
});
const options = {
  path: '/policies/create',
  setup: { customPolicies: [policy('ExampleRead', true), policy('ExampleWrite', false)] },
};

function page() {
  document.body.innerHTML = `<main>
    <button id="visual" aria-pressed="true">Visual</button><button id="json" aria-pressed="false">JSON</button>
    <textarea id="editor">{}</textarea>
    <button id="next">Next</button><div id="details"></div></main>`;
  const clicks = { json: 0, create: 0 };
  document.getElementById('json')!.addEventListener('click', () => (clicks.json += 1));
  // Next shows the name step.
  document.getElementById('next')!.addEventListener('click', () => {
    document.getElementById('details')!.innerHTML = `
      <label for="name">Policy name</label><input id="name">
      <label for="description">Description</label><textarea id="description"></textarea>
      <button id="create">Create policy</button>`;
    document.getElementById('create')!.addEventListener('click', () => (clicks.create += 1));
  });
  return clicks;
}
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => controller.abort());

describe('Create policy', () => {
  it('pastes the next policy, names it and points at Create policy', async () => {
    const clicks = page();
    const fake = fakeContext(options);
    await fake.start(createPolicy, controller.signal);
    expect(clicks.json).toBe(1);
    expect(JSON.parse(value('editor'))).toEqual(DOCUMENT);
    expect(value('name')).toBe('ExampleWrite');
    expect(value('description')).toBe('ExampleWrite for the service');
    expect(fake.last()).toMatchObject({
      title: 'Create the policy ExampleWrite',
      step: 2,
      items: [
        { status: 'done', text: 'Policy document pasted (ExampleWrite)' },
        { status: 'done', text: 'Policy name: ExampleWrite' },
        { status: 'done' },
        { status: 'todo' },
      ],
    });
    expect(fake.highlights.at(-1)!.target).toBe(document.getElementById('create'));
    expect(clicks.create).toBe(0);
  });

  it('offers the JSON to copy when the editor does not take it, and goes no further', async () => {
    page();
    // An editor whose text does not change (a custom one the page does not let Crossrole write).
    Object.defineProperty(document.getElementById('editor'), 'value', {
      get: () => '{}',
      set: () => undefined,
    });
    const fake = fakeContext(options);
    await fake.start(createPolicy, controller.signal);
    expect(fake.last()!.items[0]).toMatchObject({
      status: 'manual',
      copy: { value: JSON.stringify(DOCUMENT, null, 2) },
    });
    expect(document.getElementById('name')).toBeNull();
  });
});
