// @vitest-environment happy-dom
// Finding controls by label the way the console names them, and filling them so that a
// React-style controlled input keeps the value.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  findByLabel,
  findButton,
  setChecked,
  setValue,
  settled,
  waitFor,
} from '../../../src/content/lib/dom.ts';
import { sessionAccountId, menuAccountId } from '../../../src/content/lib/session.ts';
import { flashNames } from '../../../src/content/lib/flash.ts';

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = `
    <label for=":r1:">Require external ID (Best practice when a third party will assume this role)</label>
    <input type="checkbox" id=":r1:">
    <label for=":r2:">External ID</label><input id=":r2:">
    <span id="lbl">Account ID</span><input aria-labelledby="lbl" id=":r3:">
    <label><input type="radio" name="a" value="this">This account (111122223333)</label>
    <label><input type="radio" name="a" value="another">Another AWS account</label>
    <button>Next</button><button aria-label="Create role">Create</button>`;
});

describe('findByLabel', () => {
  it('prefers an exact label over a longer one that starts the same', () => {
    expect(findByLabel(document, 'input', ['External ID'])?.id).toBe(':r2:');
    expect(findByLabel(document, 'input[type="checkbox"]', ['Require external ID'])?.id).toBe(
      ':r1:',
    );
  });
  it('follows aria-labelledby and enclosing labels, and tries labels in order', () => {
    expect(findByLabel(document, 'input', ['Account ID'])?.id).toBe(':r3:');
    expect(
      findByLabel<HTMLInputElement>(document, 'input[type="radio"]', [
        '別の AWS アカウント',
        'Another AWS account',
      ])?.value,
    ).toBe('another');
    expect(findByLabel(document, 'input', ['Role name'])).toBeNull();
  });
  it('finds buttons by text or aria-label', () => {
    expect(findButton(document, ['Next'])?.textContent).toBe('Next');
    expect(findButton(document, ['Create role'])?.textContent).toBe('Create');
  });
});

describe('filling', () => {
  it('sets a value through the prototype setter, so a React value tracker sees the change', () => {
    const input = document.getElementById(':r2:') as HTMLInputElement;
    // React keeps the last value it rendered on an own `value` property; assigning `.value` on the
    // element updates only that tracker, and React then undoes the edit. The prototype setter is real.
    let tracked = '';
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => tracked,
      set: (v: string) => (tracked = v),
    });
    const events: string[] = [];
    input.addEventListener('input', () => events.push('input'));
    input.addEventListener('change', () => events.push('change'));
    setValue(input, 'demo-123');
    expect(events).toEqual(['input', 'change']);
    expect(tracked).toBe('');
    const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.get!;
    expect(nativeValue.call(input)).toBe('demo-123');
  });
  it('changes a checkbox only by clicking it, and reads the state back', () => {
    const box = document.getElementById(':r1:') as HTMLInputElement;
    let clicks = 0;
    box.addEventListener('click', () => clicks++);
    expect(setChecked(box, true)).toBe(true);
    expect(setChecked(box, true)).toBe(true);
    expect(clicks).toBe(1);
    box.disabled = true;
    expect(setChecked(box, false)).toBe(false);
  });
  it('does not write into read-only fields', () => {
    const input = document.getElementById(':r2:') as HTMLInputElement;
    input.readOnly = true;
    expect(setValue(input, 'x')).toBe(false);
    expect(input.value).toBe('');
  });
});

describe('page data', () => {
  it('reads the account from awsc-session-data and from the account menu, each on its own, and rejects junk', () => {
    document.head.innerHTML = `<meta name="awsc-session-data" content='{"accountId":"111122223333","accountAlias":"x"}'>`;
    expect(sessionAccountId()).toBe('111122223333');
    document.head.innerHTML = `<meta name="awsc-session-data" content='{"accountId":"1111"}'>`;
    document.body.innerHTML = `<div data-testid="account-detail-menu"><button data-testid="awsc-copy-accountid">4444-5555-6666</button></div>`;
    expect(sessionAccountId()).toBeNull();
    expect(menuAccountId()).toBe('444455556666');
    document.body.innerHTML = '';
    document.head.innerHTML = `<meta name="awsc-session-data" content='not json'>`;
    expect(sessionAccountId()).toBeNull();
  });
  it('reads role names from success flash links', () => {
    document.body.innerHTML = `<div data-itemid="1">Role <a href="#/roles/details/Crossrole%2BDemo">Crossrole+Demo</a> created.</div>`;
    expect(flashNames('roles')).toEqual(['Crossrole+Demo']);
  });
});

describe('waiting for the page', () => {
  it('looks again shortly after a change, since a fade-in ends without a DOM mutation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let shownNow = false;
      let found: boolean | null | undefined;
      void waitFor(() => (shownNow ? true : null), { signal: new AbortController().signal }).then(
        (v) => (found = v),
      );
      document.body.append(document.createElement('div'));
      await vi.advanceTimersByTimeAsync(0);
      // The flash turns visible without another mutation.
      shownNow = true;
      await vi.advanceTimersByTimeAsync(150);
      expect(found).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('settles on the given root only: changes elsewhere on the page do not hold it up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const table = document.createElement('div');
      const elsewhere = document.createElement('div');
      document.body.append(table, elsewhere);
      let done = false;
      void settled(new AbortController().signal, { quietMs: 60, root: table }).then(
        () => (done = true),
      );
      for (let i = 0; i < 5; i += 1) {
        elsewhere.textContent = String(i);
        await vi.advanceTimersByTimeAsync(20);
      }
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
