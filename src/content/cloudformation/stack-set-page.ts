// The stack set's page (`#/stacksets/<name>/info`, or wherever it shows its heading and tabs;
// docs/organizations.md, "The flow" 4–5): after the customer's Submit, read the stack set back
// — ARN, permission model, automatic deployment, parameters, template — for the background to
// check against the plan; then read every page of Stack instances and hand them over, pressing
// the table's own refresh every 5 s while instances still deploy and the tab is shown.
import type { ContentSetup } from '../../core/content-setup.ts';
import { isFailedInstance } from '../../core/organization.ts';
import type { Feature } from '../feature.ts';
import { cfnLabels, type CfnLabelKey } from '../lib/cfn-labels.ts';
import { later, settled, waitFor } from '../lib/dom.ts';
import { headingNamed, mainContent, selectTabNamed, shown } from '../lib/page.ts';
import {
  STACK_SET_STEPS,
  STILL_RUNNING,
  instancesContainer,
  readAllInstances,
  readParameters,
  readStackSetInfo,
  readTemplate,
  refreshButton,
  type StackInstance,
} from '../lib/stack-set.ts';
import { stackSetWords } from '../lib/stack-set-words.ts';
import { menuAccountId, sessionAccountId } from '../lib/session.ts';
import { tableLoading } from '../lib/table.ts';
import type { PanelItem } from '../panel.ts';

/** The stack set page's tabs and the route segment of each. */
const TABS: Record<string, CfnLabelKey> = {
  info: 'tabInfo',
  stacks: 'tabInstances',
  parameters: 'tabParameters',
  template: 'tabTemplate',
};
const ROUTE = /^\/stacksets\/[^/]+\/(info|stacks|parameters|template|operations)$/;
const REFRESH_MS = 5000;
/** Reads of a table that does not add up before Crossrole stops re-reading it. */
const INCOMPLETE_TRIES = 3;

export const stackSetPage: Feature = {
  id: 'stack-set-page',
  matches: (path) => ROUTE.test(path),
  // Its tabs, when the console shows the page on a route Crossrole does not know.
  shows: (language) =>
    (['tabInfo', 'tabInstances'] as const).every((key) =>
      shown(mainContent(), '[role="tab"]').some((tab) =>
        cfnLabels(key, language).includes((tab.textContent ?? '').trim()),
      ),
    ),
  modes: ['organization'],
  states: ['started', 'role-created'],
  async init(context, signal) {
    const { language, miss } = context;
    let setup: ContentSetup = context.setup;
    const plan = setup.organization;
    if (!plan) return;
    const t = stackSetWords(language);
    // Another stack set's page is none of this setup's business.
    const heading = await waitFor(() => headingNamed(plan.stackSetName), {
      signal,
      timeoutMs: 15_000,
    });
    if (!heading) return;

    const render = (title: string, items: PanelItem[], note?: string) =>
      context.panel().render({
        service: setup.serviceName,
        title,
        items,
        note,
        step: STACK_SET_STEPS,
        totalSteps: STACK_SET_STEPS,
      });
    const problem = (title: string, text: string) => render(title, [{ status: 'problem', text }]);
    render(t.readingStackSet, [{ status: 'todo', text: t.readingStackSetText }]);

    /** Opens a tab by its name, else by its hash route (the console's tabs are routes too). */
    async function open(route: keyof typeof TABS): Promise<ParentNode> {
      const names = cfnLabels(TABS[route]!, language);
      if (!(await selectTabNamed(names, signal, 5000)) && !signal.aborted) {
        miss(`tab-${route}`);
        const [path, query = ''] = location.hash.slice(1).split('?');
        location.hash = `#${(path ?? '').replace(/\/[^/]*$/, `/${route}`)}${query ? `?${query}` : ''}`;
        await settled(signal, { quietMs: 150 });
      }
      return shown(mainContent(), '[role="tabpanel"]')[0] ?? mainContent() ?? document;
    }

    const infoPanel = await open('info');
    const info = await waitFor(
      () => {
        const read = readStackSetInfo(infoPanel.isConnected ? infoPanel : document, language);
        return read.stackSetArn ? read : null;
      },
      { signal, timeoutMs: 10_000 },
    );
    if (signal.aborted) return;
    if (!info?.stackSetArn) {
      miss('stack-set-arn');
      return problem(t.stackSetRefused, t.noStackSet);
    }
    const stackSetArn = info.stackSetArn;
    const parametersPanel = await open('parameters');
    const parameters =
      (await waitFor(
        () => {
          const read = readParameters(parametersPanel, language);
          return read.length ? read : null;
        },
        { signal, timeoutMs: 5000 },
      )) ?? [];
    const templatePanel = await open('template');
    const templateBody = await waitFor(() => readTemplate(templatePanel), {
      signal,
      timeoutMs: 5000,
    });
    if (signal.aborted) return;
    const checked = await context.send({
      type: 'content.stackSet',
      setupId: setup.id,
      stackSetArn,
      permissionModel: info.permissionModel,
      autoDeployment: info.autoDeployment,
      parameters,
      templateBody,
      sessionAccountId: sessionAccountId(),
      menuAccountId: menuAccountId(),
    });
    if (signal.aborted) return;
    if (!checked.ok) return problem(t.stackSetRefused, checked.error);
    setup = checked.value ?? setup;
    // Accounts are reported only once the read-back was accepted (docs/organizations.md).
    if (setup.state !== 'role-created') return problem(t.stackSetRefused, t.noStackSet);

    await open('stacks');
    const table = () => instancesContainer(language);
    if (!(await waitFor(table, { signal, timeoutMs: 10_000 }))) {
      miss('stack-instances-table');
      return problem(t.stackSetRefused, t.noInstances);
    }
    let incompleteReads = 0;
    while (!signal.aborted) {
      const { instances, complete } = await readAllInstances(table, language, signal);
      if (signal.aborted) return;
      const reply = await context.send({
        type: 'content.stackInstances',
        setupId: setup.id,
        stackSetArn,
        instances,
        complete,
        sessionAccountId: sessionAccountId(),
        menuAccountId: menuAccountId(),
      });
      if (signal.aborted) return;
      if (!reply.ok) return problem(t.stackSetRefused, reply.error);
      setup = reply.value ?? setup;
      const running = instances.filter(
        (i) => i.region === plan.region && STILL_RUNNING.includes(i.detailedStatus ?? ''),
      );
      incompleteReads = complete ? 0 : incompleteReads + 1;
      const again = running.length > 0 || (!complete && incompleteReads < INCOMPLETE_TRIES);
      showProgress(instances, running, complete, again);
      if (!again) return;
      if (!(await pause(REFRESH_MS, signal))) return;
      const container = table();
      const refresh = container && refreshButton(container, language);
      if (!refresh) miss('stack-instances-refresh');
      refresh?.click();
      await waitFor(
        () => {
          const now = table();
          return now && !tableLoading(now) ? true : null;
        },
        { signal, timeoutMs: 15_000 },
      );
    }

    function showProgress(
      instances: StackInstance[],
      running: StackInstance[],
      complete: boolean,
      again: boolean,
    ) {
      const here = instances.filter((i) => i.region === plan!.region);
      const accounts = [...new Set(here.map((i) => i.accountId))];
      const reported = setup.organization?.reportedAccounts ?? [];
      const failed = here.filter(isFailedInstance);
      const items: PanelItem[] = [
        {
          status: again ? 'todo' : 'done',
          text: t.accountsReported(
            accounts.filter((a) => reported.includes(a)).length,
            accounts.length,
          ),
        },
        ...failed.map((i): PanelItem => ({
          status: 'problem',
          text: t.failed(i.accountId, i.reason ?? i.detailedStatus ?? ''),
        })),
        ...(running.length
          ? [
              {
                status: 'todo' as const,
                text: t.running(running.map((i) => i.accountId).join(', ')),
              },
            ]
          : []),
        ...(complete ? [] : [{ status: 'problem' as const, text: t.incomplete }]),
      ];
      render(
        t.reportingTitle(setup.serviceName),
        items,
        again ? t.watching : `${t.allDone(setup.serviceName)} ${t.managementAccount}`,
      );
    }
  },
};

/**
 * Waits `ms`, then until the tab is shown (a hidden tab is not refreshed: the console's API
 * calls would run for nobody); false when the feature is torn down first.
 */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(false), { once: true });
    later(ms, signal, () => {
      if (document.visibilityState === 'visible') return resolve(true);
      const onShown = () => {
        if (document.visibilityState !== 'visible') return;
        document.removeEventListener('visibilitychange', onShown);
        resolve(true);
      };
      document.addEventListener('visibilitychange', onShown, { signal });
    });
  });
}
