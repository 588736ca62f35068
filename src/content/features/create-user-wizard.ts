// Create user wizard (`#/users/create`), for the access-keys method only: the user gets no
// console access and exactly the level's policies, attached directly. As with roles, Crossrole
// fills and reads back each step, moves past the ones it verified, and leaves Create user to the
// customer, with the reason a role would be safer in plain sight.
import type { ContentSetup } from '../../core/content-setup.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import { findByLabel, setChecked, setValue, settled, waitFor } from '../lib/dom.ts';
import { labelsFor } from '../lib/labels.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { policyName } from '../lib/steps.ts';
import type { PanelItem } from '../panel.ts';

export const SAFER_WITH_A_ROLE =
  'A role is safer: its credentials expire within hours and need your External ID, while access keys work from anywhere until someone deactivates them.';

export const createUserWizard: Feature = {
  id: 'create-user-wizard',
  matches: (path) => path === '/users/create',
  modes: ['access-keys'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const { setup } = context;
    const advanced = new Set<number>();
    const stepOf = (): number | null => {
      if (findByLabel(document, 'input', labelsFor('userName', context.language))) return 1;
      if (document.querySelector('input[type="radio"][value="ATTACH_DIRECTLY"]')) return 2;
      if (findCreateUser(context)) return 3;
      return null;
    };
    let step = await waitFor(stepOf, { signal, timeoutMs: 20_000 });
    if (step === null) context.miss('user-wizard-step');
    while (step !== null && !signal.aborted) {
      await settled(signal);
      const done =
        step === 1
          ? await fillUserDetails(context, setup)
          : step === 2
            ? await fillPermissions(context, setup, signal)
            : reviewUser(context, setup);
      if (done && step < 3 && !advanced.has(step)) {
        advanced.add(step);
        nextButton(context)?.click();
      }
      const from = step;
      step = await waitFor(
        () => {
          const now = stepOf();
          return now !== null && now !== from ? now : null;
        },
        { signal, timeoutMs: 24 * 60 * 60 * 1000 },
      );
    }
  },
};

function nextButton(context: FeatureContext): HTMLButtonElement | null {
  return (
    document.querySelector<HTMLButtonElement>('[class*="awsui_primary-button"]') ??
    [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      labelsFor('next', context.language).includes((b.textContent ?? '').trim()),
    ) ??
    null
  );
}

function findCreateUser(context: FeatureContext): HTMLButtonElement | null {
  return (
    [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      labelsFor('createUser', context.language).includes((b.textContent ?? '').trim()),
    ) ?? null
  );
}

function render(
  context: FeatureContext,
  setup: ContentSetup,
  step: number,
  title: string,
  items: PanelItem[],
  note = SAFER_WITH_A_ROLE,
): void {
  context.panel().render({ service: setup.serviceName, title, step, totalSteps: 6, items, note });
}

async function fillUserDetails(context: FeatureContext, setup: ContentSetup): Promise<boolean> {
  const name = findByLabel<HTMLInputElement>(
    document,
    'input',
    labelsFor('userName', context.language),
  );
  const nameOk = name ? name.value === setup.roleName || setValue(name, setup.roleName) : false;
  const access = findByLabel<HTMLInputElement>(
    document,
    'input[type="checkbox"]',
    labelsFor('consoleAccess', context.language),
  );
  if (!access) context.miss('console-access');
  const accessOk = access ? setChecked(access, false) : false;
  render(
    context,
    setup,
    1,
    nameOk && accessOk ? 'User details filled in' : 'Check the user details',
    [
      nameOk
        ? { status: 'done', text: `User name: ${setup.roleName}` }
        : {
            status: 'manual',
            text: 'User name',
            copy: { value: setup.roleName, label: 'user name' },
          },
      accessOk
        ? { status: 'done', text: 'No console access: the service only needs an access key' }
        : { status: 'manual', text: 'Leave console access unticked' },
    ],
  );
  return nameOk && accessOk;
}

async function fillPermissions(
  context: FeatureContext,
  setup: ContentSetup,
  signal: AbortSignal,
): Promise<boolean> {
  const tile = document.querySelector<HTMLInputElement>(
    'input[type="radio"][value="ATTACH_DIRECTLY"]',
  );
  const tileOk = tile ? setChecked(tile, true) : false;
  await settled(signal);
  const names = [
    ...setup.managedPolicyArns.map(policyName),
    ...setup.customPolicies.map((p) => p.name),
  ];
  const { items, allOk } = await selectPolicies(names, context.language, signal, context.miss);
  render(context, setup, 2, allOk && tileOk ? 'Permissions selected' : 'Select the permissions', [
    tileOk
      ? { status: 'done', text: 'Attach policies directly' }
      : { status: 'manual', text: 'Choose "Attach policies directly"' },
    ...items,
  ]);
  return tileOk && allOk;
}

function reviewUser(context: FeatureContext, setup: ContentSetup): boolean {
  const create = findCreateUser(context);
  if (!create) context.miss('create-user-button');
  render(context, setup, 3, 'Ready: press Create user', [
    { status: 'done', text: `User ${setup.roleName}, no console access` },
    {
      status: 'todo',
      text: 'Review, then press Create user. Next, Crossrole opens its access keys.',
    },
  ]);
  context
    .panel()
    .highlight(create, `Creates the IAM user ${setup.roleName} for ${setup.serviceName}`);
  return false;
}
