// @vitest-environment happy-dom
// Reading a role back takes only what a person sees in the IAM app's main content: a policy in a
// hidden block, an ARN or a flash a page script put elsewhere in the document, say nothing.
import { describe, expect, it } from 'vitest';
import { flashNames } from '../../../src/content/lib/flash.ts';
import {
  roleArnTexts,
  rolePageRoot,
  trustPolicyShown,
} from '../../../src/content/lib/role-page.ts';

const ARN = 'arn:aws:iam::111122223333:role/DemoRole';
const FORGED_ARN = 'arn:aws:iam::666666666666:role/DemoRole';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
    },
  ],
});

function page(extra: { inMain?: string; outside?: string } = {}) {
  document.body.innerHTML = `
    <header><span>${FORGED_ARN}</span></header>
    <main>
      <h1>DemoRole</h1>
      <div>ARN <span>${ARN}</span></div>
      <div role="tabpanel">${extra.inMain ?? ''}</div>
    </main>
    ${extra.outside ?? ''}`;
}

describe('the role page as a person sees it', () => {
  it('is the main content under the role heading, and ARNs come from there only', () => {
    page({ outside: `<div>${FORGED_ARN}</div>` });
    expect(rolePageRoot('DemoRole')).toBe(document.querySelector('main'));
    expect(rolePageRoot('OtherRole')).toBeNull();
    // The header and the rest of the body may say anything: only <main> counts.
    expect(roleArnTexts()).toEqual([ARN]);
  });

  it('reads a trust policy shown on the tab, never a hidden one or one outside the main content', () => {
    page({ inMain: `<pre>${POLICY}</pre>` });
    expect(trustPolicyShown()).toBe(POLICY);
    page({ inMain: `<pre hidden>${POLICY}</pre>` });
    expect(trustPolicyShown()).toBeNull();
    page({ inMain: `<div aria-hidden="true"><pre>${POLICY}</pre></div>` });
    expect(trustPolicyShown()).toBeNull();
    page({ inMain: `<div inert><pre>${POLICY}</pre></div>` });
    expect(trustPolicyShown()).toBeNull();
    page({ outside: `<pre>${POLICY}</pre>` });
    expect(trustPolicyShown()).toBeNull();
  });

  it('counts a success flash only when it is shown, and never a bare status element', () => {
    const link = '<a href="#/roles/details/DemoRole">DemoRole</a>';
    page({ outside: `<div data-itemid="1">Role ${link} created.</div>` });
    expect(flashNames('roles')).toEqual(['DemoRole']);
    page({ outside: `<div data-itemid="1" hidden>Role ${link} created.</div>` });
    expect(flashNames('roles')).toEqual([]);
    page({ outside: `<div role="status">Role ${link} created.</div>` });
    expect(flashNames('roles')).toEqual([]);
  });
});
