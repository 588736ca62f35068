// Create StackSet wizard (recognised by its step titles, on any route; docs/organizations.md,
// "The flow" 3): each step filled by its plan and read back, Next pressed once per step and only
// while that step shows (docs/console.md, "The wizard"). The Review step's IAM acknowledgement
// and Submit are the customer's: the panel says what the acknowledgement means and points at
// them, and Crossrole never ticks or presses either.
import type { StackSetPlan } from '../../core/content-setup.ts';
import type { Feature } from '../feature.ts';
import { cfnLabels, type CfnLabelKey } from '../lib/cfn-labels.ts';
import {
  chooseOnly,
  chooseOption,
  fieldGroup,
  fileInput,
  putFile,
  selectIn,
  selectedText,
  setNumber,
  tokenCodes,
  TRIGGER,
} from '../lib/controls.ts';
import {
  accessibleLabel,
  findButton,
  findByLabel,
  normalize,
  setValue,
  waitFor,
} from '../lib/dom.ts';
import { fillFields, manual, type FieldPlan } from '../lib/fill.ts';
import { labelsFor } from '../lib/labels.ts';
import { mainContent, shown, shownText } from '../lib/page.ts';
import { STACK_SET_STEPS, wizardStepOnScreen } from '../lib/stack-set.ts';
import { stackSetWords } from '../lib/stack-set-words.ts';
import { stepRunner, wizardButton, type StepOutcome } from '../lib/wizard.ts';
import type { PanelItem } from '../panel.ts';

export const createStackSetWizard: Feature = {
  id: 'create-stack-set-wizard',
  shows: (language) => wizardStepOnScreen(language) !== null,
  modes: ['organization'],
  states: ['started'],
  async init(context, signal) {
    const { setup, language, miss } = context;
    const plan = setup.organization;
    if (!plan) return;
    const t = stackSetWords(language);
    const labels = (key: CfnLabelKey) => cfnLabels(key, language);
    const root = (): ParentNode => mainContent() ?? document;
    const radio = (key: CfnLabelKey, within?: ParentNode | null) =>
      findByLabel<HTMLInputElement>(within ?? root(), 'input[type="radio"]', labels(key));
    const text = (key: CfnLabelKey) =>
      findByLabel<HTMLInputElement>(
        root(),
        'input:not([type="radio"]):not([type="checkbox"])',
        labels(key),
      );
    // Next only: on the last step the wizard's primary button is Submit, which is the customer's.
    const nextLabels = labelsFor('next', language);
    const next = () => {
      const primary = wizardButton(root(), 'primary', nextLabels);
      return primary && nextLabels.includes(normalize(primary.textContent))
        ? primary
        : findButton(root(), nextLabels);
    };
    const roleName = plan.parameters.find((p) => p.key === 'RoleName')?.value ?? setup.roleName;

    const runner = stepRunner(
      {
        current: () => wizardStepOnScreen(language),
        fill: (step) =>
          step === 1
            ? fillTemplate()
            : step === 2
              ? fillDetails()
              : step === 3
                ? fillOptions()
                : step === 4
                  ? fillDeployment()
                  : fillReview(),
        next,
        previous: () => wizardButton(root(), 'previous', labelsFor('previous', language)),
      },
      signal,
      miss,
    );

    function render(step: number, title: string, items: PanelItem[], note?: string) {
      context.panel().render({
        service: setup.serviceName,
        title,
        items,
        note,
        step,
        totalSteps: STACK_SET_STEPS,
      });
    }

    /** A step's panel: filled and going on, or what to check before pressing Next. */
    function outcome(
      step: number,
      items: PanelItem[],
      right: () => boolean,
      titles: [string, string],
    ) {
      return {
        right,
        show(advancing: boolean) {
          if (advancing) return render(step, titles[0], items, t.goingOn);
          render(step, titles[1], items, t.thenNext);
          context.panel().highlight(next(), t.pressNext);
        },
      } satisfies StepOutcome;
    }

    const line = (ok: boolean, done: string, todo: string, copy?: string): PanelItem =>
      ok
        ? { status: 'done', text: done }
        : manual(todo, copy, copy === undefined ? undefined : todo);

    async function fillTemplate(): Promise<StepOutcome> {
      const first = await fillFields(
        [
          {
            find: () => radio('serviceManaged'),
            want: true,
            waitMs: 5000,
            miss: 'service-managed',
            say: { done: t.serviceManagedDone, manual: t.chooseServiceManaged },
          },
        ],
        signal,
        miss,
      );
      if (plan!.templateUrl) {
        const url = await fillFields(
          [
            {
              find: () => radio('s3Url'),
              want: true,
              miss: 'template-s3-url',
              say: { done: t.s3UrlDone, manual: t.chooseS3Url },
            },
            {
              find: () => text('s3Url'),
              want: plan!.templateUrl,
              waitMs: 3000,
              revealed: true,
              miss: 'template-url-input',
            } satisfies FieldPlan,
          ],
          signal,
          miss,
        );
        const right = () => first.right() && url.right();
        return outcome(1, [...first.items, ...url.items], right, [
          t.templateChosen,
          t.chooseTemplate,
        ]);
      }
      const upload = await fillFields(
        [
          {
            find: () => radio('uploadFile'),
            want: true,
            miss: 'template-upload',
            say: { done: t.uploadDone, manual: t.chooseUpload },
          },
        ],
        signal,
        miss,
      );
      const { templateFileName: name, templateBody } = plan!;
      // The page shows the chosen file's name (Cloudscape's file token) once it took the file.
      const fileShown = () => shownText(mainContent()).includes(name);
      let taken = fileShown();
      if (!taken && upload.right()) {
        const input = await waitFor(() => fileInput(root(), labels('chooseFile')), {
          signal,
          timeoutMs: 3000,
        });
        if (!input) miss('template-file-input');
        const file = new File([templateBody], name, { type: 'application/json' });
        if (input && putFile(input, file))
          taken =
            (await waitFor(() => (fileShown() ? true : null), { signal, timeoutMs: 3000 })) ===
            true;
      }
      const items = [...first.items, ...upload.items];
      if (!taken) {
        // The customer chooses the downloaded file; the step goes on once the page shows it.
        render(1, t.chooseTemplate, [...items, { status: 'problem', text: t.fileRefused(name) }]);
        context.panel().highlight(findButton(root(), labels('chooseFile')), name);
        taken =
          (await waitFor(
            () => (fileShown() ? true : wizardStepOnScreen(language) !== 1 ? false : null),
            { signal, timeoutMs: 60 * 60 * 1000 },
          )) === true;
      }
      items.push(line(taken, t.fileDone(name), t.fileRefused(name)));
      const right = () => first.right() && upload.right() && fileShown();
      return outcome(1, items, right, [t.templateChosen, t.chooseTemplate]);
    }

    async function fillDetails(): Promise<StepOutcome> {
      const fields: FieldPlan[] = [
        {
          find: () => text('stackSetName'),
          want: plan!.stackSetName,
          waitMs: 5000,
          miss: 'stack-set-name',
          say: { done: t.nameDone(plan!.stackSetName), manual: t.nameField, copy: t.nameField },
        },
        {
          find: () => findByLabel(root(), 'textarea, input', labels('stackSetDescription')),
          want: plan!.stackSetDescription,
          miss: 'stack-set-description',
          say: { done: t.descriptionDone, manual: t.descriptionField, copy: t.descriptionField },
        },
        // One input per template parameter, labelled by its key.
        ...plan!.parameters.map(({ key, value }): FieldPlan => ({
          find: () => findByLabel(root(), 'input, textarea', [key]),
          want: value,
          waitMs: 3000,
          miss: `parameter-${key.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          say: { done: t.parameterDone(key), manual: t.parameterField(key), copy: key },
        })),
      ];
      const { items, right } = await fillFields(fields, signal, miss);
      return outcome(2, items, right, [t.detailsFilled, t.checkDetails]);
    }

    async function fillOptions(): Promise<StepOutcome> {
      const items: PanelItem[] = [{ status: 'done', text: t.optionsNothing }];
      return outcome(3, items, () => true, [t.optionsTitle, t.optionsTitle]);
    }

    async function fillDeployment(): Promise<StepOutcome> {
      const checks: (() => boolean)[] = [];
      const items: PanelItem[] = [];
      const targets = plan!.targets;
      if (targets.kind === 'organization') {
        const org = await fillFields(
          [
            {
              find: () => radio('deployToOrganization'),
              want: true,
              waitMs: 5000,
              miss: 'deploy-to-organization',
              say: { done: t.targetsOrganization, manual: t.chooseOrganization },
            },
          ],
          signal,
          miss,
        );
        items.push(...org.items);
        checks.push(org.right);
      } else {
        const ous = await fillOus(targets.ouIds);
        items.push(line(ous.ok, t.targetsOus(targets.ouIds.join(', ')), t.chooseOus));
        if (ous.extra) items.push({ status: 'problem', text: t.extraOu });
        checks.push(ous.right);
      }
      const autoGroup = fieldGroup(root(), labels('autoDeployment'), 'input[type="radio"]');
      const auto = await fillFields(
        [
          {
            find: () => radio('activated', autoGroup),
            want: true,
            miss: 'automatic-deployment',
            say: { done: t.autoDone, manual: t.chooseAuto },
          },
        ],
        signal,
        miss,
      );
      items.push(...auto.items, { status: 'done', text: t.removalLeft });
      checks.push(auto.right);

      const region = plan!.region;
      const regionGroup = fieldGroup(root(), labels('regions'), TRIGGER);
      if (!regionGroup) miss('regions');
      const regionOk = regionGroup ? await chooseOnly(regionGroup, region, signal) : false;
      items.push(line(regionOk, t.regionDone(region), t.chooseRegion(region), region));
      checks.push(() => {
        const codes = regionGroup ? tokenCodes(regionGroup) : [];
        return codes.length === 1 && codes[0] === region;
      });

      for (const [key, percent, id] of [
        ['maxConcurrent', plan!.maxConcurrentPercentage, 'max-concurrent'],
        ['failureTolerance', plan!.failureTolerancePercentage, 'failure-tolerance'],
      ] as const) {
        const result = await fillPercentage(key, percent);
        if (!result.found) miss(id);
        const label = labels(key)[0] ?? key;
        items.push(line(result.ok, t.percentDone(label, percent), t.choosePercent(label, percent)));
        checks.push(result.right);
      }
      return outcome(4, items, () => checks.every((c) => c()), [
        t.deploymentFilled,
        t.checkDeployment,
      ]);
    }

    /** Every planned OU in its own "AWS OU ID" input (Add another OU for each one more). */
    async function fillOus(ouIds: readonly string[]) {
      const chosen = await fillFields(
        [
          {
            find: () => radio('deployToOus'),
            want: true,
            waitMs: 5000,
            miss: 'deploy-to-ous',
          },
        ],
        signal,
        miss,
      );
      const ouLabels = labels('ouId').map((l) => l.toLowerCase());
      const inputs = () =>
        shown<HTMLInputElement>(root(), 'input:not([type="radio"]):not([type="checkbox"])').filter(
          (input) => ouLabels.some((l) => accessibleLabel(input).toLowerCase().startsWith(l)),
        );
      let ok = chosen.right();
      for (let i = 0; ok && i < ouIds.length; i += 1) {
        let fields = inputs();
        if (fields.length <= i) {
          findButton(root(), labels('addOu'))?.click();
          fields =
            (await waitFor(() => (inputs().length > i ? inputs() : null), {
              signal,
              timeoutMs: 3000,
            })) ?? fields;
        }
        const input = fields[i];
        const id = ouIds[i]!;
        ok = !!input && (input.value === id || setValue(input, id));
      }
      const right = () => {
        const values = inputs().map((input) => input.value);
        return (
          chosen.right() &&
          ouIds.every((id, i) => values[i] === id) &&
          values.slice(ouIds.length).every((v) => v === '')
        );
      };
      const extra = inputs()
        .slice(ouIds.length)
        .some((input) => input.value !== '');
      return { ok: ok && !extra, extra, right };
    }

    /** A "Number / Percentage" select and its number input: Percentage and `percent`. */
    async function fillPercentage(key: CfnLabelKey, percent: number) {
      const group = fieldGroup(root(), labels(key), 'input');
      const select = selectIn(group, root(), labels(key));
      const input =
        (group &&
          shown<HTMLInputElement>(group, 'input:not([type="radio"]):not([type="checkbox"])')[0]) ??
        findByLabel<HTMLInputElement>(root(), 'input', labels(key));
      const percentLabels = labels('percentage');
      const chosen = select ? await chooseOption(select, percentLabels, signal) : false;
      const typed = chosen && input ? setNumber(input, percent) : false;
      return {
        found: !!select && !!input,
        ok: chosen && typed,
        right: () =>
          !!select &&
          !!input &&
          percentLabels.includes(selectedText(select)) &&
          input.value === String(percent),
      };
    }

    async function fillReview(): Promise<void> {
      const shownNow = shownText(mainContent());
      const plan_ = plan!;
      const expected: [string, string][] = [
        [plan_.stackSetName, plan_.stackSetName],
        ...plan_.parameters.map(({ key, value }): [string, string] => [key, value]),
        [plan_.region, plan_.region],
      ];
      const items: PanelItem[] = expected.map(([what, value]) =>
        shownNow.includes(value)
          ? { status: 'done', text: t.reviewShows(what) }
          : { status: 'problem', text: t.reviewMissing(what) },
      );
      const acknowledge = findByLabel<HTMLInputElement>(
        root(),
        'input[type="checkbox"]',
        labels('acknowledge'),
      );
      if (!acknowledge) {
        miss('iam-acknowledgement');
        items.push({ status: 'problem', text: t.noAcknowledge });
      }
      items.push({ status: 'todo', text: t.thenSubmit });
      render(
        5,
        t.reviewTitle,
        items,
        t.acknowledgeMeans(roleName, setup.serviceName, setup.serviceAccountId),
      );
      const submit = () => findButton(root(), labels('submit'));
      // The acknowledgement first, then Submit: pointed at, never ticked or pressed.
      const point = () =>
        acknowledge && !acknowledge.checked
          ? context.panel().highlight(acknowledge, t.tickHere)
          : context.panel().highlight(submit(), t.submitHere(roleName));
      point();
      acknowledge?.addEventListener('change', point, { signal });
    }

    if (await runner.run()) return;
    miss('wizard-step');
    manualHelp(plan);

    function manualHelp(p: StackSetPlan) {
      render(1, t.noWizard, [
        { status: 'problem', text: t.noWizardHelp },
        manual(t.chooseServiceManaged),
        manual(t.nameField, p.stackSetName, t.nameField),
        ...p.parameters.map(({ key, value }) => manual(t.parameterField(key), value, key)),
        manual(t.chooseRegion(p.region), p.region, p.region),
      ]);
    }
  },
};
