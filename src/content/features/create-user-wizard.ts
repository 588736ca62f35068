// Create user wizard (`#/users/create`), for the access-keys method only: the user gets no
// console access and exactly the level's policies, attached directly. As with roles, each step
// is filled by its plan and read back, the step runner moves past the ones it verified, and
// Create user is left to the customer, with the reason a role would be safer in plain sight.
import type { Feature } from '../feature.ts';
import { keyWord, showKeyStep } from '../lib/access-keys.ts';
import { findByLabel, settled } from '../lib/dom.ts';
import { fillField, fillFields } from '../lib/fill.ts';
import { labelsFor, type LabelKey } from '../lib/labels.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { policyName } from '../lib/steps.ts';
import { stepRunner, type StepOutcome } from '../lib/wizard.ts';

export const createUserWizard: Feature = {
  id: 'create-user-wizard',
  matches: (path) => path === '/users/create',
  modes: ['access-keys'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const { setup, language, miss } = context;
    const say = keyWord.bind(null, context);
    const labels = (key: LabelKey) => labelsFor(key, language);
    const button = (key: LabelKey) =>
      [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
        labels(key).includes((b.textContent ?? '').trim()),
      ) ?? null;
    const runner = stepRunner(
      {
        current() {
          if (findByLabel(document, 'input', labels('userName'))) return 1;
          if (document.querySelector('input[type="radio"][value="ATTACH_DIRECTLY"]')) return 2;
          if (button('createUser')) return 3;
          return null;
        },
        fill: (step) => (step === 1 ? fillDetails() : step === 2 ? fillPermissions() : review()),
        next: () =>
          document.querySelector<HTMLButtonElement>('[class*="awsui_primary-button"]') ??
          button('next'),
      },
      signal,
      miss,
    );

    async function fillDetails(): Promise<StepOutcome> {
      const { roleName } = setup;
      const { filled, items, right } = await fillFields(
        [
          {
            find: () => findByLabel(document, 'input', labels('userName')),
            want: roleName,
            say: {
              done: say('userNameDone'),
              manual: say('userNameField'),
              copy: say('userNameCopy'),
            },
          },
          {
            find: () => findByLabel(document, 'input[type="checkbox"]', labels('consoleAccess')),
            want: false,
            miss: 'console-access',
            say: { done: say('noConsoleAccess'), manual: say('leaveConsoleAccess') },
          },
        ],
        signal,
        miss,
      );
      const title = say(filled.every((f) => f.ok) ? 'userDetailsFilled' : 'checkUserDetails');
      return { right, show: () => showKeyStep(context, 1, title, items) };
    }

    async function fillPermissions(): Promise<StepOutcome> {
      const tile = await fillField(
        {
          find: () => document.querySelector('input[type="radio"][value="ATTACH_DIRECTLY"]'),
          want: true,
        },
        signal,
        miss,
      );
      await settled(signal);
      const names = [
        ...setup.managedPolicyArns.map(policyName),
        ...setup.customPolicies.map((p) => p.name),
      ];
      const { items, allOk } = await selectPolicies(names, language, signal, miss);
      const ok = tile.ok && allOk;
      return {
        right: () => tile.right() && allOk,
        show: () =>
          showKeyStep(context, 2, say(ok ? 'permissionsSelected' : 'selectPermissions'), [
            tile.ok
              ? { status: 'done', text: say('attachDirectly') }
              : { status: 'manual', text: say('chooseAttachDirectly') },
            ...items,
          ]),
      };
    }

    async function review(): Promise<void> {
      const create = button('createUser');
      if (!create) miss('create-user-button');
      showKeyStep(context, 3, say('readyCreateUser'), [
        { status: 'done', text: say('userNoConsole') },
        { status: 'todo', text: say('reviewCreateUser') },
      ]);
      context.panel().highlight(create, say('createsUser'));
    }

    if (!(await runner.run())) miss('user-wizard-step');
  },
};
