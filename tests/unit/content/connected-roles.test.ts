// @vitest-environment happy-dom
// Connected roles where no setup runs (docs/lifecycle.md): a role's page says who uses it; a
// role page's not-found error, or a roles list shown whole without it, offers to tell the
// service, and only the customer's press sends anything; a partial or filtered list proves nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectedRoles } from '../../../src/content/connected-roles.ts';
import type { ConnectedRolesContext } from '../../../src/content/feature.ts';
import type { PanelState } from '../../../src/content/panel.ts';
import type { Message } from '../../../src/core/messages.ts';
import { consoleWordsFor } from '../../../src/core/iam-words.ts';

const CONNECTION = {
  id: 'conn-1',
  serviceName: 'Example Service',
  roleName: 'ExampleRole',
  since: '2026-12-01T09:00:00.000Z',
  level: 'Read-only',
};

function fake(
  path: string,
  language: 'en' | 'ja' = 'en',
  known: Pick<ConnectedRolesContext, 'connections' | 'services'> = {
    connections: [CONNECTION],
    services: [],
  },
) {
  const rendered: PanelState[] = [];
  const sent: Message[] = [];
  const context: ConnectedRolesContext = {
    ...known,
    path,
    language,
    words: consoleWordsFor(language),
    send: async (message) => (sent.push(message), { ok: true, value: null }),
    panel: () => ({ render: (state: PanelState) => void rendered.push(state) }) as never,
  };
  return { context, rendered, sent, last: () => rendered.at(-1) };
}

const list = (names: string[], counter: number, filter = '') =>
  (document.body.innerHTML = `<main><h1>Roles <span>(${counter})</span></h1>
    <input type="search" value="${filter}"><table><tbody>${names
      .map((n) => `<tr><td><a href="#/roles/details/${n}">${n}</a></td><td>x</td></tr>`)
      .join('')}</tbody></table></main>`);

let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
});
afterEach(() => controller.abort());

describe('Connected roles', () => {
  it('names the known service a role’s trust names, once the page shows the trust policy', async () => {
    document.body.innerHTML = '<main><h1>OtherRole</h1><div role="tabpanel"></div></main>';
    const f = fake('/roles/details/OtherRole', 'en', {
      connections: [],
      services: [
        { name: 'Example Service', accountId: '999988887777' },
        { name: 'Another', accountId: '444455556666' },
      ],
    });
    const done = connectedRoles(f.context, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(f.rendered).toEqual([]);
    // The customer opens Trust relationships: the service's account is a principal.
    document.querySelector('[role="tabpanel"]')!.innerHTML = `<pre>${JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'sts:AssumeRole',
        },
      ],
    })}</pre>`;
    await done;
    expect(f.last()?.title).toBe('Example Service can use this role');
    expect(f.last()?.items[0]?.text).toContain('AWS account 999988887777');
    expect(f.sent).toEqual([]);
  });

  it('says nothing when the trust names no known service', async () => {
    document.body.innerHTML = `<main><h1>OtherRole</h1><div role="tabpanel"><pre>${JSON.stringify({
      Statement: [
        { Principal: { AWS: 'arn:aws:iam::123412341234:root' }, Action: 'sts:AssumeRole' },
      ],
    })}</pre></div></main>`;
    const f = fake('/roles/details/OtherRole', 'en', {
      connections: [],
      services: [{ name: 'Example Service', accountId: '999988887777' }],
    });
    await connectedRoles(f.context, controller.signal);
    expect(f.rendered).toEqual([]);
  });

  it('says on its page which service uses the role, at which level, since when', async () => {
    document.body.innerHTML = '<main><h1>ExampleRole</h1></main>';
    const f = fake('/roles/details/ExampleRole');
    await connectedRoles(f.context, controller.signal);
    expect(f.last()).toMatchObject({ title: 'Example Service uses this role' });
    expect(f.last()?.items[0]?.text).toContain('access level Read-only');
    expect(f.sent).toEqual([]);
    // Its check against the service's profile today starts only on the customer's press.
    const check = f.last()?.actions?.find((a) => a.label === 'Check against Example Service today');
    await check!.run();
    expect(f.sent).toEqual([
      { type: 'content.checkConnection', connectionId: 'conn-1', sessionAccountId: null },
    ]);
  });

  it('offers to tell the service when the page shows the role not found, and tells on the press', async () => {
    document.body.innerHTML =
      '<main><div role="alert">Role not found The role with name ExampleRole cannot be found.</div></main>';
    const f = fake('/roles/details/ExampleRole');
    await connectedRoles(f.context, controller.signal);
    expect(f.last()?.title).toBe('Example Service’s role ExampleRole is gone');
    expect(f.sent).toEqual([]);
    await f.last()!.actions![0]!.run();
    expect(f.sent).toEqual([
      {
        type: 'content.roleMissing',
        connectionId: 'conn-1',
        roleName: 'ExampleRole',
        sessionAccountId: null,
        shownText: 'Role not found The role with name ExampleRole cannot be found.',
      },
    ]);
    expect(f.last()?.items[0]?.text).toBe(
      'Example Service is told that the role ExampleRole is gone.',
    );
  });

  it('takes a roles list shown whole without the role as proof, with what it listed', async () => {
    list(['OtherRole'], 1);
    const f = fake('/roles');
    await connectedRoles(f.context, controller.signal);
    await f.last()!.actions![0]!.run();
    expect(f.sent[0]).toMatchObject({ listed: { names: ['OtherRole'], total: 1 } });
  });

  it.each([
    ['a list that holds it', ['ExampleRole', 'OtherRole'], 2, ''],
    ['a page of a longer list', ['OtherRole'], 25, ''],
    ['a filtered list', ['OtherRole'], 1, 'Other'],
  ])('says nothing on %s', async (_name, names, counter, filter) => {
    list(names, counter, filter);
    const f = fake('/roles');
    await connectedRoles(f.context, controller.signal);
    expect(f.rendered).toEqual([]);
  });

  it('speaks Japanese on a Japanese console', async () => {
    document.body.innerHTML = '<main><h1>ExampleRole</h1></main>';
    const f = fake('/roles/details/ExampleRole', 'ja');
    await connectedRoles(f.context, controller.signal);
    expect(f.last()?.title).toBe('Example Service がこのロールを使っています');
  });
});
