// Connected roles on pages where no setup runs (docs/lifecycle.md): a role's page says which
// service uses it, at which level, since when (or, for a role Crossrole did not connect, which
// known service its trust names); a role page showing IAM's "not found", or a roles
// list shown whole without a connected role, offers to tell its service the role is gone. Only
// the customer's own press in the panel sends that; the background checks what the page showed.
import type { ConnectionView } from '../core/content-setup.ts';
import { detailsLinkName, roleNameFromPath } from '../core/console-links.ts';
import { fillWords, wordOf } from '../core/panel-words.ts';
import { settled, waitFor } from './lib/dom.ts';
import { headingNamed, mainContent, notFoundError, shown } from './lib/page.ts';
import { trustPolicyShown } from './lib/role-page.ts';
import { sessionAccountId } from './lib/session.ts';
import { dataRows, headerTotal, tableLoading } from './lib/table.ts';
import type { ConnectedRolesContext } from './feature.ts';
import type { PanelItem } from './panel.ts';

export async function connectedRoles(
  context: ConnectedRolesContext,
  signal: AbortSignal,
): Promise<void> {
  const role = roleNameFromPath(context.path, 'details');
  const connection = context.connections.find((c) => c.roleName === role);
  if (connection) return rolePage(context, connection, signal);
  if (role !== null && context.services.length) return trustedBy(context, signal);
  if (context.path === '/roles') return rolesList(context, signal);
}

/**
 * A role connected elsewhere (another browser, or by hand): once the page shows its trust policy
 * (the customer opened Trust relationships), a principal in a known service's account names the
 * service. Crossrole knows neither its level nor since when, and says how to connect it here.
 */
async function trustedBy(context: ConnectedRolesContext, signal: AbortSignal): Promise<void> {
  const text = await waitFor(trustPolicyShown, { signal, timeoutMs: 10 * 60_000 });
  if (!text || signal.aborted) return;
  // The trust's principals, as the account ids of their ARNs (or bare ids).
  const accounts = new Set(
    [...text.matchAll(/(?:arn:aws[a-z-]*:iam::|")(\d{12})(?::|")/g)].map((m) => m[1]),
  );
  const service = context.services.find((s) => accounts.has(s.accountId));
  if (!service) return;
  const values = { service: service.name, account: service.accountId };
  context.panel().render({
    service: service.name,
    title: fillWords(wordOf(context.words, 'trustedTitle'), values),
    step: 1,
    totalSteps: 1,
    items: [{ status: 'manual', text: fillWords(wordOf(context.words, 'trustedText'), values) }],
  });
}

function say(context: ConnectedRolesContext, key: string, c: ConnectionView): string {
  return fillWords(wordOf(context.words, key), {
    service: c.serviceName,
    role: c.roleName,
    level: c.level,
    date: new Date(c.since).toLocaleDateString(context.language),
  });
}

async function rolePage(
  context: ConnectedRolesContext,
  connection: ConnectionView,
  signal: AbortSignal,
): Promise<void> {
  const page = await waitFor(
    () => {
      const gone = notFoundError(connection.roleName);
      return gone || headingNamed(connection.roleName) ? { gone } : null;
    },
    { signal, timeoutMs: 15_000 },
  );
  if (!page || signal.aborted) return;
  if (page.gone !== null) return offerToTell(context, connection, { shownText: page.gone });
  context.panel().render({
    service: connection.serviceName,
    title: say(context, 'connectedTitle', connection),
    step: 1,
    totalSteps: 1,
    items: [{ status: 'done', text: say(context, 'connectedSince', connection) }],
    actions: [
      {
        label: say(context, 'connectedCheck', connection),
        primary: true,
        // Starts an update in this tab: the background has it run here (docs/lifecycle.md).
        run: async () => {
          const reply = await context.send({
            type: 'content.checkConnection',
            connectionId: connection.id,
            sessionAccountId: sessionAccountId(),
          });
          if (!reply.ok && !signal.aborted)
            context.panel().render({
              service: connection.serviceName,
              title: say(context, 'connectedTitle', connection),
              step: 1,
              totalSteps: 1,
              items: [{ status: 'problem', text: reply.error }],
            });
        },
      },
    ],
    note: say(context, 'connectedNote', connection),
  });
}

/** The roles list, once it has settled: only a list shown whole proves a role absent. */
async function rolesList(context: ConnectedRolesContext, signal: AbortSignal): Promise<void> {
  // The list is the page: its header (with the count) sits above the table's own wrapper.
  const table = await waitFor(() => (shown(mainContent(), 'table').length ? mainContent() : null), {
    signal,
    timeoutMs: 15_000,
  });
  if (!table) return;
  await settled(signal, { root: table });
  const loaded = await waitFor(() => (tableLoading(table) ? null : true), {
    signal,
    timeoutMs: 15_000,
  });
  // Each row's role, by its link to the role's page.
  const names = dataRows(table)
    .map(
      (row) =>
        [...row.querySelectorAll('a')].map((a) => detailsLinkName(a.href, 'roles')).find(Boolean) ??
        null,
    )
    .filter((name): name is string => name !== null)
    .slice(0, 100);
  const total = headerTotal(table);
  // A filter narrows the list, and a total above the rows means more pages.
  const filtered = shown<HTMLInputElement>(
    table,
    'input[type="search"], input[type="text"], input:not([type])',
  ).some((input) => input.value !== '');
  if (!loaded || signal.aborted || filtered || total === null || total !== names.length) return;
  const gone = context.connections.find((c) => !names.includes(c.roleName));
  if (gone) offerToTell(context, gone, { listed: { names, total } });
}

function offerToTell(
  context: ConnectedRolesContext,
  connection: ConnectionView,
  shownGone: { shownText: string } | { listed: { names: string[]; total: number } },
): void {
  const render = (items: PanelItem[], tell: boolean) =>
    context.panel().render({
      service: connection.serviceName,
      title: say(context, 'goneTitle', connection),
      step: 1,
      totalSteps: 1,
      items,
      actions: tell
        ? [{ label: say(context, 'goneButton', connection), primary: true, run: send }]
        : [],
    });
  const send = async () => {
    const reply = await context.send({
      type: 'content.roleMissing',
      connectionId: connection.id,
      roleName: connection.roleName,
      sessionAccountId: sessionAccountId(),
      ...shownGone,
    });
    render(
      [
        reply.ok
          ? { status: 'done', text: say(context, 'goneTold', connection) }
          : { status: 'problem', text: reply.error },
      ],
      !reply.ok,
    );
  };
  render([{ status: 'problem', text: say(context, 'goneText', connection) }], true);
}
