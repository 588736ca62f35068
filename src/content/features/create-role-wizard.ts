// Create role wizard (`#/roles/create`): each step is filled by its plan and read back, and the
// step runner goes on to the next step once, only while the page still shows the step it checked
// (the customer may press Next at the same moment). The last step is the customer's: Crossrole
// reads the whole review back and highlights Create role only when all of it is right; otherwise
// it says what is wrong and offers to go back to that step (docs/console.md, "The wizard").
import type { Feature } from '../feature.ts';
import { findByLabel } from '../lib/dom.ts';
import { fillFields, manual, type FieldPlan, type Filled } from '../lib/fill.ts';
import { fillBoundary, fillTags, guardWord, iamRefusal } from '../lib/guard.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor, type LabelKey } from '../lib/labels.ts';
import { mainContent } from '../lib/page.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { checkReview, offerAnotherName } from '../lib/role-review.ts';
import { policyName, stepNumber } from '../lib/steps.ts';
import { stepRunner, wizardButton, type StepOutcome } from '../lib/wizard.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

export const createRoleWizard: Feature = {
  id: 'create-role-wizard',
  matches: (path) => path === '/roles/create',
  modes: ['create-role'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const { language, miss } = context;
    const t = say(language);
    let setup = context.setup;
    const labels = (key: LabelKey) => labelsFor(key, language);
    const root = (): ParentNode => mainContent() ?? document;
    const find = (selector: string, key: LabelKey) =>
      findByLabel<HTMLInputElement>(root(), selector, labels(key));
    const policies = () => [
      ...setup.managedPolicyArns.map(policyName),
      ...setup.customPolicies.map((p) => p.name),
    ];
    const next = () => wizardButton(root(), 'primary', labels('next'));
    const runner = stepRunner(
      {
        // Which step is on screen, by what it shows (language-independent first).
        current() {
          const page = root();
          if (findByLabel(page, 'input', labels('roleName'))) return 3;
          if (page.querySelector('input[type="radio"][value="AWS_ACCOUNT"]')) return 1;
          if (page.querySelector('table input[type="checkbox"]')) return 2;
          return null;
        },
        fill: (step) => (step === 1 ? fillEntity() : step === 2 ? fillPermissions() : fillReview()),
        next,
        previous: () => wizardButton(root(), 'previous', labels('previous')),
      },
      signal,
      miss,
    );

    function render(
      step: number,
      title: string,
      items: PanelItem[],
      note?: string,
      actions?: PanelAction[],
    ) {
      const milestone = step === 1 ? 'entity' : step === 2 ? 'permissions' : 'review';
      context.panel().render({
        service: setup.serviceName,
        title,
        items,
        note,
        actions,
        ...stepNumber(setup, milestone),
      });
    }

    /** A step's panel: filled and going on, or what to check before pressing Next. */
    function outcome(step: number, items: PanelItem[], right: () => boolean, texts: string[]) {
      const [filled = '', goingOn, check = '', pressNext] = texts;
      return {
        right,
        show(advancing: boolean) {
          if (advancing) return render(step, filled, items, goingOn);
          render(step, check, items, t.thenNext);
          context.panel().highlight(next(), pressNext);
        },
      };
    }

    /** A control named by `key`, waited for while the step renders. */
    const field = (selector: string, key: LabelKey, want: string | boolean, missing: string) =>
      ({ find: () => find(selector, key), want, waitMs: 5000, miss: missing }) satisfies FieldPlan;

    async function fillEntity(): Promise<StepOutcome> {
      const { serviceAccountId: account, externalId } = setup;
      const { items, right } = await fillFields(
        [
          {
            find: () => root().querySelector('input[type="radio"][value="AWS_ACCOUNT"]'),
            want: true,
            say: { done: t.entityType, manual: t.chooseEntityType },
          },
          {
            ...field('input[type="radio"]', 'anotherAccount', true, 'another-account'),
            say: { done: t.anotherAccount, manual: t.chooseAnotherAccount },
          },
          {
            ...field('input', 'accountId', account, 'account-id'),
            say: {
              done: t.accountId(account, setup.serviceName),
              manual: t.accountIdField,
              copy: t.accountIdField,
            },
          },
          field('input[type="checkbox"]', 'requireExternalId', true, 'require-external-id'),
          {
            ...field('input:not([type="checkbox"])', 'externalId', externalId, 'external-id'),
            revealed: true,
            say: { done: t.externalIdDone, manual: t.externalIdManual, copy: 'ID' },
          },
          {
            ...field('input[type="checkbox"]', 'requireMfa', false, 'require-mfa'),
            waitMs: 0,
            say: { done: t.mfaOff, manual: t.mfaManual },
          },
        ],
        signal,
        miss,
      );
      const texts = [t.entityFilled, t.goingToPermissions, t.checkEntity, t.pressNextFields];
      return outcome(1, items, right, texts);
    }

    async function fillPermissions(): Promise<StepOutcome> {
      const picked = await selectPolicies(policies(), language, signal, miss, root());
      const bounded = await fillBoundary(context, root(), signal);
      const texts = [
        t.permissionsSelected,
        t.goingToReview,
        t.selectPermissions,
        t.pressNextPolicies,
      ];
      return outcome(
        2,
        [...picked.items, ...bounded.items],
        () => picked.allOk && bounded.ok,
        texts,
      );
    }

    async function fillReview(): Promise<void> {
      const { roleName, roleDescription, serviceName, serviceAccountId } = setup;
      const copy = t.descriptionField;
      const { filled, items } = await fillFields(
        [
          {
            find: () => find('input', 'roleName'),
            want: roleName,
            say: { done: t.roleName(roleName), manual: t.roleNameField, copy: t.roleNameField },
          },
          {
            find: () => find('textarea, input', 'description'),
            want: roleDescription,
            miss: 'description',
            say: roleDescription ? { done: t.descriptionDone, manual: copy, copy } : undefined,
          },
        ],
        signal,
        miss,
      );
      const [name, description] = filled as [Filled, Filled];
      const tagged = await fillTags(context, root(), signal);
      const review = await checkReview(context, root(), policies(), signal);
      if (!review) return;
      const { trustOk, missing } = review;
      const create = wizardButton(root(), 'primary', labels('createRole'));
      if (!create) miss('create-role-button');
      const ready = name.ok && description.ok && tagged.ok && trustOk && missing.length === 0;
      const back = (label: string, step: number): PanelAction[] => [
        { label, primary: true, run: () => runner.back(step) },
      ];
      render(
        3,
        ready ? t.readyTitle : t.notReadyTitle,
        [
          ...items,
          ...tagged.items,
          ...review.items,
          { status: 'todo', text: ready ? t.reviewThenCreate : t.fixFirst },
        ],
        t.createRoleNote(roleName, serviceName, serviceAccountId),
        !trustOk ? back(t.backToEntity, 1) : missing.length ? back(t.backToPermissions, 2) : [],
      );
      // Never point at Create role while the review is wrong: the role would be created wrong.
      context
        .panel()
        .highlight(ready ? create : null, ready ? t.createsRole(roleName, serviceName) : '');
      // IAM's refusal (an SCP, a required tag): its own words, what to do, nothing reported.
      void iamRefusal(signal).then(
        (message) =>
          message &&
          render(
            3,
            guardWord(context, 'refusedTitle'),
            [
              { status: 'problem', text: message },
              { status: 'todo', text: guardWord(context, 'refusedTags') },
            ],
            guardWord(context, 'refusedWhy'),
          ),
      );
      const input = name.control;
      if (!input) return;
      void offerAnotherName(context, input, setup.roleName, signal, rename);
      input.addEventListener('change', () => void rename(input.value), { signal });
    }

    /** The customer typed another role name: the background must expect the role under it. */
    async function rename(roleName: string): Promise<void> {
      if (roleName === setup.roleName || !roleName) return;
      const reply = await context.send({
        type: 'content.roleRenamed',
        setupId: setup.id,
        roleName,
      });
      if (signal.aborted) return;
      if (reply.ok && reply.value) {
        setup = reply.value;
        await fillReview();
      } else {
        render(3, t.cannotUseName, [
          { status: 'problem', text: reply.ok ? t.setupGone : reply.error },
        ]);
      }
    }

    if (await runner.run()) return;
    // No step showed: everything the customer needs to fill the wizard alone, or the older form.
    miss('wizard-step');
    const olderForm = setup.olderFormHash;
    const items = [
      { status: 'problem' as const, text: t.noFormHelp },
      manual(t.manualEntity, setup.serviceAccountId),
      manual(t.manualExternalId, setup.externalId),
      manual(t.manualMfa),
      ...policies().map((name) => manual(t.manualPolicy, name, name)),
      manual(t.roleNameField, setup.roleName, t.roleNameField),
    ];
    render(
      1,
      t.noForm,
      items,
      undefined,
      olderForm ? [{ label: t.tryOlderForm, run: () => void (location.hash = olderForm) }] : [],
    );
  },
};
