// `npm run bench`: the figures behind the product's promises, each a median over repeated runs,
// printed as a table and written to bench/results.json. Goals are printed beside the figures;
// the benchmark reports, it does not fail (speed is not asserted in timed tests).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  CHROME_DIST,
  ROOT,
  launchBrowser,
  launchWithExtension,
  openPopup,
} from '../tests/support/browser.ts';
import { installConsoleReplica, type ReplicaOptions } from '../tests/support/console-replica.ts';
import { WORDS, fixUntilReady, hastyNext } from '../tests/support/hasty.ts';
import { Customer, createRoleButton, manualConnection } from '../tests/support/connect-driver.ts';
import { ONBOARDING_BUTTON, startReferenceService } from '../tests/reference-service/server.ts';
import { deliveryUnderFaults } from '../tests/support/fault-run.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SETUPS_UNDER_FAULTS = Number(process.env.BENCH_SETUPS ?? 100);

type Figure = {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
  runs?: number[];
  /** When it was measured: a partial run (`bench.ts <section>`) keeps the other figures' dates. */
  date: string;
};
const figures: Figure[] = [];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function record(
  name: string,
  runs: number[],
  unit: string,
  goal?: { text: string; ok: (v: number) => boolean },
): void {
  const value = Math.round(median(runs) * 100) / 100;
  const date = new Date().toISOString();
  figures.push({ name, value, unit, goal: goal?.text, met: goal?.ok(value), runs, date });
  console.log(
    `  ${name}: ${value} ${unit}${goal ? `   (goal ${goal.text}: ${goal.ok(value) ? 'met' : 'NOT met'})` : ''}`,
  );
}

async function gzipSize(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(path.join(CHROME_DIST, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function popupFiles(): Promise<string[]> {
  const html = await readFile(path.join(CHROME_DIST, 'src/popup/index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
}

/** Main-thread script time of a page load, from Chromium's own counters (CDP Performance). */
async function scriptMs(page: Page, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForTimeout(1500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

async function sizes(): Promise<void> {
  // The development build (`npm run bench` makes it): the example profiles add to the popup only.
  console.log('\nSizes (dist/chrome, development build)');
  // Each console app's script with what runs beside it on its pages, against the same bound
  // (docs/console.md, "The content script's size"): IAM's with its page-world helper, and
  // CloudFormation's alone.
  const pageWorld = await gzipSize('src/content/page-world.js');
  const apps = [
    { name: 'content script', files: ['src/content/index.js'] },
    { name: 'CloudFormation content script', files: ['src/content/cloudformation.js'] },
  ];
  for (const app of apps) {
    const sizes = await Promise.all(app.files.map(gzipSize));
    const extra = app.files.includes('src/content/index.js') ? pageWorld : { raw: 0, gzip: 0 };
    const gzip = sizes.reduce((sum, s) => sum + s.gzip, extra.gzip);
    const raw = sizes.reduce((sum, s) => sum + s.raw, extra.raw);
    // The bound decided with least privilege first: no `scripting`, nothing web-accessible.
    record(`${app.name}, gzip`, [gzip / 1024], 'KB', { text: '≤ 22 KB', ok: (v) => v <= 22 });
    record(`${app.name}, raw`, [raw / 1024], 'KB');
  }
  let popupGzip = 0;
  for (const file of await popupFiles()) popupGzip += (await gzipSize(file)).gzip;
  record('popup bundle, gzip', [popupGzip / 1024], 'KB');
}

async function mainThread(): Promise<void> {
  console.log(
    '\nContent script main-thread time (ScriptDuration with the extension minus without, on a static console page)',
  );
  const iamUrl = 'https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles';
  const ec2Url = 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances';
  const measure = async (withExtension: boolean, url: string): Promise<number[]> => {
    const runs: number[] = [];
    const session = withExtension ? await launchWithExtension() : null;
    const browser = withExtension ? null : await launchBrowser();
    const context = session?.context ?? (await browser!.newContext());
    // A static page at the console's URLs: the page's own scripts would drown the difference.
    await context.route(/^https:\/\/[^/]*console\.aws\.amazon\.com\//, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><head><meta name="awsc-session-data" content=\'{"accountId":"111122223333"}\'></head><body><main><h1>Console</h1></main></body></html>',
      }),
    );
    for (let i = 0; i < RUNS; i += 1) {
      const page = await context.newPage();
      runs.push(await scriptMs(page, url));
      await page.close();
    }
    await session?.close();
    await browser?.close();
    return runs;
  };
  for (const [label, url] of [
    ['an IAM page', iamUrl],
    ['a console page that is not IAM (EC2)', ec2Url],
  ] as const) {
    const withExt = await measure(true, url);
    const without = await measure(false, url);
    const extra = withExt.map((v, i) => Math.max(0, v - (without[i] ?? 0)));
    record(`content script on ${label}`, extra, 'ms', { text: '≤ 5 ms', ok: (v) => v <= 5 });
  }
}

async function popupRender(): Promise<void> {
  console.log('\nPopup');
  const session = await launchWithExtension();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const popup = await openPopup(session);
    await popup.getByRole('button', { name: 'Open in AWS console' }).waitFor();
    runs.push(await popup.evaluate(() => performance.now()));
    await popup.close();
  }
  await session.close();
  record('popup: navigation start to review rendered', runs, 'ms');
}

/**
 * Per wizard step, Crossrole's own time: from the step on screen (Cloudscape's own
 * `primaryButtonRendered` mark, which the wizard leaves as each step's buttons render) to the
 * step filled and checked (content/lib/wizard.ts marks `crossrole:step-checked:<n>`).
 */
async function ownStepTimes(page: Page): Promise<[number, number][]> {
  const marks = await page.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
  );
  const times: [number, number][] = [];
  let from = 0;
  for (const mark of marks) {
    const checked = /^crossrole:step-checked:(\d+)$/.exec(mark.name);
    if (!checked) continue;
    const shown = marks.find(
      (m) => m.name === 'primaryButtonRendered' && m.at >= from && m.at <= mark.at,
    );
    const step = Number(checked[1]);
    if (shown && !times.some(([s]) => s === step)) times.push([step, mark.at - shown.at]);
    from = mark.at;
  }
  if (times.length === 0)
    throw new Error('No step marks from the content script (content/lib/wizard.ts)');
  return times;
}

async function connectionFlow(): Promise<void> {
  console.log('\nOne connection with the demo profile, Crossrole vs the manual path');
  // The demo profile (development build only) reports to 127.0.0.1:47615.
  const service = await startReferenceService({ port: 47615 });
  const effort = {
    clicks: [] as number[],
    keystrokes: [] as number[],
    pastes: [] as number[],
    visits: [] as number[],
  };
  const toFilled: number[] = [];
  const toReport: number[] = [];
  const perStep = new Map<number, number[]>();
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const session = await launchWithExtension();
      await installConsoleReplica(session.context);
      const customer = new Customer(session);
      const popup = await customer.openPopup();
      await popup.getByText('Crossrole Demo Service').first().click();
      const t0 = performance.now();
      const page = await customer.openInConsole(popup);
      await customer.waitForPanelTitle(page, 'Ready: press Create role');
      toFilled.push(performance.now() - t0);
      for (const [step, ms] of await ownStepTimes(page)) {
        perStep.set(step, [...(perStep.get(step) ?? []), ms]);
      }
      const before = service.connections().length;
      const t1 = performance.now();
      await customer.click(createRoleButton(page));
      await service.waitForConnections(before + 1, 30_000);
      toReport.push(performance.now() - t1);
      effort.clicks.push(customer.effort.clicks);
      effort.keystrokes.push(customer.effort.keystrokes);
      effort.pastes.push(customer.effort.pastes);
      effort.visits.push(customer.effort.pageVisits);
      await session.close();
    }
  } finally {
    await service.close();
  }
  record('Crossrole: customer clicks in the console', effort.clicks, 'clicks', {
    text: '≤ 2',
    ok: (v) => v <= 2,
  });
  record('Crossrole: keystrokes', effort.keystrokes, 'keys', { text: '0', ok: (v) => v === 0 });
  record('Crossrole: pastes', effort.pastes, 'pastes', { text: '0', ok: (v) => v === 0 });
  record('Crossrole: console pages visited', effort.visits, 'pages');
  record('"Open in AWS console" → wizard filled', toFilled, 'ms');
  for (const [step, times] of [...perStep].sort(([a], [b]) => a - b)) {
    record(
      `Crossrole's own time on wizard step ${step} (form shown → filled and checked)`,
      times,
      'ms',
      {
        text: '≤ 300 ms',
        ok: (v) => v <= 300,
      },
    );
  }
  record('Create role click → service holds the report', toReport, 'ms', {
    text: '≤ 300 ms',
    ok: (v) => v <= 300,
  });

  const manual = {
    clicks: [] as number[],
    keystrokes: [] as number[],
    pastes: [] as number[],
    visits: [] as number[],
  };
  for (let i = 0; i < Math.min(RUNS, 3); i += 1) {
    const browser = await launchBrowser();
    const context = await browser.newContext();
    await installConsoleReplica(context);
    const result = await manualConnection(context);
    manual.clicks.push(result.clicks);
    manual.keystrokes.push(result.keystrokes);
    manual.pastes.push(result.pastes);
    manual.visits.push(result.pageVisits);
    await browser.close();
  }
  record('manual guide: clicks', manual.clicks, 'clicks');
  record('manual guide: keystrokes', manual.keystrokes, 'keys');
  record('manual guide: pastes', manual.pastes, 'pastes');
  record('manual guide: console pages visited', manual.visits, 'pages');
}

async function faults(): Promise<void> {
  console.log(
    `\nDelivery under faults: ${SETUPS_UNDER_FAULTS} setups, the service failing half its requests, the worker stopped at random`,
  );
  const result = await deliveryUnderFaults(SETUPS_UNDER_FAULTS);
  record('reports delivered', [result.delivered], `of ${result.captured} captured`, {
    text: `${SETUPS_UNDER_FAULTS} of ${SETUPS_UNDER_FAULTS}`,
    ok: (v) => v === SETUPS_UNDER_FAULTS && result.captured === SETUPS_UNDER_FAULTS,
  });
  record('distinct connections at the service', [result.connections], 'connections', {
    text: `exactly ${SETUPS_UNDER_FAULTS}`,
    ok: (v) => v === SETUPS_UNDER_FAULTS,
  });
  record('worker stops during the run', [result.workerStops], 'stops');
  record('requests answered with a failure', [result.failedRequests], 'requests');
}

/** The fuzz suite's counts (tests/unit/fuzz), same targets, inputs and seed: figures to watch. */
async function fuzz(): Promise<void> {
  console.log('\nFuzz: every parser of outside input, 10,000 inputs each, fixed seed');
  const { fuzzInputs, runFuzz, SLOW_MS } = await import('../tests/support/fuzz.ts');
  const { FUZZ_TARGETS } = await import('../tests/support/fuzz-targets.ts');
  const total = { inputs: 0, exceptions: 0, slow: 0 };
  for (const target of Object.values(FUZZ_TARGETS).flat()) {
    const stats = runFuzz(target, fuzzInputs(target, 10_000));
    total.inputs += stats.inputs;
    total.exceptions += stats.exceptions + stats.unexplained;
    total.slow += stats.slow;
  }
  record('fuzz: inputs', [total.inputs], 'inputs');
  record('fuzz: exceptions', [total.exceptions], 'inputs', { text: '0', ok: (v) => v === 0 });
  record(`fuzz: inputs over ${SLOW_MS} ms`, [total.slow], 'inputs', {
    text: '0',
    ok: (v) => v === 0,
  });
}

/**
 * Over the replica's drift variants, a careful and a hasty customer: in how many connections did
 * the service get exactly what IAM holds (the report's policies are the role's, both verified)?
 * A connection that never reached the service counts as not exact: the goal is all of them.
 */
async function truthfulness(): Promise<void> {
  console.log('\nWhat the service is told, against what IAM holds (drift variants × customers)');
  const variants: [string, ReplicaOptions][] = [
    ['as built', {}],
    ['URL ignored', { ignoreUrlParams: true }],
    ['slow', { slowMs: 1200 }],
    ['Japanese', { language: 'ja' }],
    ['property filter', { policyFilter: 'property', ignoreUrlParams: true }],
    ['unknown routes', { roleRoutes: 'alternate' }],
    ['20 rows a page', { policyPageSize: 20, ignoreUrlParams: true }],
    ['Japanese, URL ignored', { language: 'ja', ignoreUrlParams: true }],
  ];
  const service = await startReferenceService({ port: 47615 });
  let exact = 0;
  let total = 0;
  let wrong = 0;
  try {
    for (const [name, options] of variants) {
      for (const hasty of [false, true]) {
        total += 1;
        const language = options.language ?? 'en';
        const session = await launchWithExtension();
        const replica = await installConsoleReplica(session.context, options);
        const customer = new Customer(session);
        let outcome = 'no report';
        try {
          const popup = await customer.openPopup();
          await popup.getByText('Crossrole Demo Service').first().click();
          const page = await customer.openInConsole(popup);
          if (hasty) await hastyNext(customer, page, language, '999988887777');
          await fixUntilReady(customer, page, language);
          const before = service.connections().length;
          await customer.click(
            page.getByRole('button', { name: WORDS[language].createRole, exact: true }),
          );
          const report = (await service.waitForConnections(before + 1, 60_000)).at(-1)!.report;
          const held = [...(replica.iam.role('CrossroleDemoRole')?.attachedPolicyArns ?? [])];
          const told = [...(report.policyArns as string[])];
          const same = JSON.stringify(held.sort()) === JSON.stringify(told.sort());
          if (same && report.permissionsVerified === true && report.trustPolicyVerified === true) {
            exact += 1;
            outcome = 'exact';
          } else {
            wrong += 1;
            outcome = `WRONG: told ${told.join(',')}, IAM holds ${held.join(',')}`;
          }
        } catch (error) {
          outcome = `no report (${error instanceof Error ? error.message.split('\n')[0] : 'error'})`;
        } finally {
          await session.close();
        }
        console.log(`  ${name}, ${hasty ? 'hasty' : 'careful'}: ${outcome}`);
      }
    }
  } finally {
    await service.close();
  }
  record('connections where the service got exactly what IAM holds', [exact], `of ${total}`, {
    text: `${total} of ${total}`,
    ok: (v) => v === total,
  });
  record('reports that told the service what IAM does not hold', [wrong], 'reports', {
    text: '0',
    ok: (v) => v === 0,
  });
}

/**
 * A service that is not built in, from its onboarding page (docs/vendors.md §6): the service's
 * button, Confirm and allow in Crossrole's window, Create role. Effort counted in all.
 */
async function linkFlow(): Promise<void> {
  console.log("\nFrom the service's link, a service that is not built in");
  const service = await startReferenceService({ port: 47615 });
  const effort = { clicks: [] as number[], keystrokes: [] as number[], pastes: [] as number[] };
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const session = await launchWithExtension();
      await installConsoleReplica(session.context);
      const customer = new Customer(session);
      const page = await customer.openServiceLink(
        `${service.origin}/onboarding`,
        ONBOARDING_BUTTON,
      );
      await customer.confirmLink(await customer.linkWindow());
      await customer.waitForPanelTitle(page, 'Ready: press Create role');
      const before = service.connections().length;
      await customer.click(createRoleButton(page));
      await service.waitForConnections(before + 1, 30_000);
      effort.clicks.push(customer.effort.clicks);
      effort.keystrokes.push(customer.effort.keystrokes);
      effort.pastes.push(customer.effort.pastes);
      await session.close();
    }
  } finally {
    await service.close();
  }
  record("From the service's link: clicks in all", effort.clicks, 'clicks', {
    text: '≤ 3',
    ok: (v) => v <= 3,
  });
  record("From the service's link: keystrokes", effort.keystrokes, 'keys', {
    text: '0',
    ok: (v) => v === 0,
  });
  record("From the service's link: pastes", effort.pastes, 'pastes', {
    text: '0',
    ok: (v) => v === 0,
  });
}

async function organizationFlow(): Promise<void> {
  console.log('\nA whole AWS Organization of 50 member accounts, through a stack set');
  const service = await startReferenceService({ port: 47615 });
  const clicks: number[] = [];
  const submitToLastReport: number[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const session = await launchWithExtension();
      // Instances succeed at once: the time measured is Crossrole's, from Submit to the last report.
      const replica = await installConsoleReplica(session.context, {
        organization: { memberCount: 50, instanceStepMs: 0 },
      });
      const customer = new Customer(session);
      const popup = await customer.openPopup();
      const before = service.connections().length;
      // The popup's clicks count here: the goal is every click the customer makes.
      await popup.getByText('Crossrole Demo Service', { exact: true }).first().click();
      await popup.getByText('Every account in my AWS Organization', { exact: true }).click();
      const page = await customer.openInConsole(popup, 'Open in CloudFormation');
      const popupClicks = 3;
      await customer.waitForPanelTitle(page, 'Review, acknowledge, then Submit', 60_000);
      await customer.click(
        page.getByRole('checkbox', { name: /I acknowledge that AWS CloudFormation/ }),
      );
      const submitted = performance.now();
      await customer.click(page.getByRole('button', { name: 'Submit', exact: true }));
      await service.waitForConnections(
        before + replica.organization.memberAccounts().length,
        120_000,
      );
      submitToLastReport.push(performance.now() - submitted);
      clicks.push(popupClicks + customer.effort.clicks);
      await session.close();
    }
  } finally {
    await service.close();
  }
  record('Organization of 50 accounts: clicks in all', clicks, 'clicks', {
    text: '≤ 8',
    ok: (v) => v <= 8,
  });
  record('Organization of 50 accounts: Submit → last report', submitToLastReport, 'ms');
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const sections: Record<string, () => Promise<void>> = {
  sizes,
  mainThread,
  popupRender,
  connectionFlow,
  linkFlow,
  organizationFlow,
  truthfulness,
  faults,
  fuzz,
};
for (const [name, run] of Object.entries(sections)) {
  if (only.length === 0 || only.includes(name)) await run();
}

await mkdir(path.join(ROOT, 'bench'), { recursive: true });
const out = path.join(ROOT, 'bench/results.json');
// A partial run replaces its own figures and keeps the others, each with the date it was taken.
const kept: Figure[] = [];
if (only.length > 0) {
  const previous = JSON.parse(await readFile(out, 'utf8').catch(() => '{}')) as {
    date?: string;
    figures?: Figure[];
  };
  for (const f of previous.figures ?? []) {
    if (!figures.some((n) => n.name === f.name))
      kept.push({ ...f, date: f.date ?? previous.date ?? '' });
  }
}
await writeFile(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, figures: [...kept, ...figures] }, null, 2)}\n`,
);
console.log('\n| figure | median | goal |');
console.log('|---|---|---|');
for (const f of figures)
  console.log(
    `| ${f.name} | ${f.value} ${f.unit} | ${f.goal ? `${f.goal} ${f.met ? '✓' : '✗'}` : ''} |`,
  );
console.log(`\nWritten to ${path.relative(ROOT, out)}`);
