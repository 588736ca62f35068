// Create role wizard (`#/roles/create`): on each step, find every field by label and structure,
// set it the way React accepts, read it back and repair what the URL or the page got wrong;
// then go to the next step, once, and only while the page still shows the step it checked (the
// customer may press Next at the same moment). The last step is the customer's: Crossrole reads
// the whole review back and highlights Create role only when all of it is right; otherwise it
// says what is wrong and offers to go back to that step (docs/console.md, "The wizard").
import { legacyCreateRoleUrl } from '../../core/console-links.ts';
import { nameFollowedOnLineBy } from '../../core/name-in-text.ts';
import type { ContentSetup } from '../../core/content-setup.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import {
  accessibleLabel,
  findButton,
  findByLabel,
  normalize,
  setChecked,
  setValue,
  settled,
  waitFor,
} from '../lib/dom.ts';
import { say } from '../lib/i18n.ts';
import { labelsFor, type LabelKey } from '../lib/labels.ts';
import { mainContent, shown, shownText } from '../lib/page.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { policyName, stepNumber } from '../lib/steps.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

/** IAM's message when a role name is taken, in the console languages Crossrole reads. */
const CLASH_PHRASES = ['already exists', '既に存在'] as const;

type Step = 1 | 2 | 3;

export const createRoleWizard: Feature = {
  id: 'create-role-wizard',
  matches: (path) => path === '/roles/create',
  modes: ['create-role'],
  states: ['started', 'policies-created'],
  async init(context, signal) {
    const wizard = new Wizard(context, context.setup, signal);
    await wizard.run();
  },
};

class Wizard {
  private readonly t;

  constructor(
    private readonly context: FeatureContext,
    private setup: ContentSetup,
    private readonly signal: AbortSignal,
  ) {
    this.t = say(context.language);
  }

  private labels = (key: LabelKey) => labelsFor(key, this.context.language);
  /** Steps Crossrole moved past itself: if the customer goes back, they stay to look. */
  private readonly advanced = new Set<Step>();

  private root(): ParentNode {
    return mainContent() ?? document;
  }

  /** Which step is on screen, by what it shows (language-independent first). */
  private currentStep(): Step | null {
    const root = this.root();
    if (findByLabel(root, 'input', this.labels('roleName'))) return 3;
    if (root.querySelector('input[type="radio"][value="AWS_ACCOUNT"]')) return 1;
    if (root.querySelector('table input[type="checkbox"]')) return 2;
    return null;
  }

  async run(): Promise<void> {
    let step = await waitFor(() => this.currentStep(), { signal: this.signal, timeoutMs: 20_000 });
    if (step === null) return this.noForm();
    while (step !== null && !this.signal.aborted) {
      await settled(this.signal);
      // The step may have changed while the page settled (a hasty Next): check what it shows.
      step = this.currentStep() ?? step;
      if (step === 1) await this.fillTrustedEntity();
      else if (step === 2) await this.fillPermissions();
      else await this.fillReview();
      const from: Step = step;
      step = await waitFor(
        () => {
          const now = this.currentStep();
          return now !== null && now !== from ? now : null;
        },
        { signal: this.signal, timeoutMs: 24 * 60 * 60 * 1000 },
      );
    }
  }

  private noForm(): void {
    this.context.miss('wizard-step');
    const legacy = new URL(
      legacyCreateRoleUrl(this.setup.partition, {
        serviceAccountId: this.setup.serviceAccountId,
        externalId: this.setup.externalId,
        policyArns: this.setup.managedPolicyArns,
        roleName: this.setup.roleName,
      }),
    ).hash;
    this.context.panel().render({
      service: this.setup.serviceName,
      title: this.t.noForm,
      ...stepNumber(this.setup, 'entity'),
      items: [{ status: 'problem', text: this.t.noFormHelp }, ...this.manualItems()],
      actions: [{ label: this.t.tryOlderForm, run: () => void (location.hash = legacy) }],
    });
  }

  private render(
    milestoneStep: Step,
    title: string,
    items: PanelItem[],
    note?: string,
    actions?: PanelAction[],
  ): void {
    const milestone =
      milestoneStep === 1 ? 'entity' : milestoneStep === 2 ? 'permissions' : 'review';
    this.context.panel().render({
      service: this.setup.serviceName,
      title,
      items,
      note,
      actions,
      ...stepNumber(this.setup, milestone),
    });
  }

  /** Everything the customer needs to fill the wizard alone. */
  private manualItems(): PanelItem[] {
    const t = this.t;
    const { serviceAccountId, externalId, roleName } = this.setup;
    return [
      { status: 'manual', text: t.manualEntity, copy: { value: serviceAccountId, label: 'ID' } },
      { status: 'manual', text: t.manualExternalId, copy: { value: externalId, label: 'ID' } },
      { status: 'manual', text: t.manualMfa },
      ...this.expectedPolicies().map((name) => ({
        status: 'manual' as const,
        text: t.manualPolicy,
        copy: { value: name, label: name },
      })),
      {
        status: 'manual',
        text: t.roleNameField,
        copy: { value: roleName, label: t.roleNameField },
      },
    ];
  }

  private expectedPolicies(): string[] {
    return [
      ...this.setup.managedPolicyArns.map(policyName),
      ...this.setup.customPolicies.map((p) => p.name),
    ];
  }

  private find<T extends Element>(selector: string, key: LabelKey): T | null {
    return findByLabel<T>(this.root(), selector, this.labels(key));
  }

  private async fillTrustedEntity(): Promise<void> {
    const t = this.t;
    const { serviceAccountId, externalId, serviceName } = this.setup;
    const wait = <T>(find: () => T | null) =>
      waitFor(find, { signal: this.signal, timeoutMs: 5000 });
    const tile = this.root().querySelector<HTMLInputElement>(
      'input[type="radio"][value="AWS_ACCOUNT"]',
    );
    const tileOk = tile ? setChecked(tile, true) : false;
    const another = await wait(() =>
      this.find<HTMLInputElement>('input[type="radio"]', 'anotherAccount'),
    );
    if (!another) this.context.miss('another-account');
    const anotherOk = another ? setChecked(another, true) : false;
    const account = await wait(() => this.find<HTMLInputElement>('input', 'accountId'));
    if (!account) this.context.miss('account-id');
    const accountOk = account
      ? account.value === serviceAccountId || setValue(account, serviceAccountId)
      : false;
    const requireId = await wait(() =>
      this.find<HTMLInputElement>('input[type="checkbox"]', 'requireExternalId'),
    );
    if (!requireId) this.context.miss('require-external-id');
    const requireOk = requireId ? setChecked(requireId, true) : false;
    const idField = requireOk
      ? await wait(() => this.find<HTMLInputElement>('input:not([type="checkbox"])', 'externalId'))
      : null;
    if (requireOk && !idField) this.context.miss('external-id');
    const idOk = idField ? idField.value === externalId || setValue(idField, externalId) : false;
    const mfa = this.find<HTMLInputElement>('input[type="checkbox"]', 'requireMfa');
    if (!mfa) this.context.miss('require-mfa');
    const mfaOk = mfa ? setChecked(mfa, false) : false;
    const items: PanelItem[] = [
      tileOk
        ? { status: 'done', text: t.entityType }
        : { status: 'manual', text: t.chooseEntityType },
      anotherOk
        ? { status: 'done', text: t.anotherAccount }
        : { status: 'manual', text: t.chooseAnotherAccount },
      accountOk
        ? { status: 'done', text: t.accountId(serviceAccountId, serviceName) }
        : {
            status: 'manual',
            text: t.accountIdField,
            copy: { value: serviceAccountId, label: t.accountIdField },
          },
      requireOk && idOk
        ? { status: 'done', text: t.externalIdDone }
        : { status: 'manual', text: t.externalIdManual, copy: { value: externalId, label: 'ID' } },
      mfaOk ? { status: 'done', text: t.mfaOff } : { status: 'manual', text: t.mfaManual },
    ];

    // Read everything back once the page has re-rendered: React may have undone a value.
    await settled(this.signal);
    const readBack = () =>
      tile?.checked === true &&
      another?.checked === true &&
      account?.value === serviceAccountId &&
      requireId?.checked === true &&
      idField?.value === externalId &&
      mfa?.checked === false;
    if (readBack() && !this.advanced.has(1)) {
      this.render(1, t.entityFilled, items, t.goingToPermissions);
      this.advance(1, readBack);
    } else {
      this.render(1, t.checkEntity, items, t.thenNext);
      this.context.panel().highlight(this.nextButton(), t.pressNextFields);
    }
  }

  /** The wizard's primary button (Next, or Create role on the last step), else by its name. */
  private primaryButton(name: 'next' | 'createRole'): HTMLButtonElement | null {
    return (
      shown<HTMLButtonElement>(this.root(), '[class*="awsui_primary-button"]')[0] ??
      findButton(this.root(), this.labels(name))
    );
  }

  private nextButton(): HTMLButtonElement | null {
    return this.primaryButton('next');
  }

  /**
   * Presses Next for `step`: once per step, and only if the page still shows that step with what
   * was checked. Checked and clicked in one synchronous turn, so no click of the customer's can
   * come in between; a step the customer already left is not advanced a second time.
   */
  private advance(step: Step, stillRight: () => boolean): void {
    if (this.signal.aborted || this.currentStep() !== step || !stillRight()) return;
    const next = this.nextButton();
    if (!next) return this.context.miss('next-button');
    this.advanced.add(step);
    next.click();
  }

  private async fillPermissions(): Promise<void> {
    const t = this.t;
    const { items, allOk } = await selectPolicies(
      this.expectedPolicies(),
      this.context.language,
      this.signal,
      this.context.miss,
      this.root(),
    );
    await settled(this.signal);
    if (allOk && !this.advanced.has(2)) {
      this.render(2, t.permissionsSelected, items, t.goingToReview);
      this.advance(2, () => true);
    } else {
      this.render(2, t.selectPermissions, items, t.thenNext);
      this.context.panel().highlight(this.nextButton(), t.pressNextPolicies);
    }
  }

  /** The trust policy preview: a shown block of the review that parses as a policy. */
  private trustPreview(): string | null {
    for (const block of shown(this.root(), 'pre, code, textarea[readonly], .ace_editor')) {
      const text = block.classList.contains('ace_editor')
        ? [...block.querySelectorAll('.ace_line')].map((l) => l.textContent).join('\n')
        : (block.textContent ?? '');
      if (!text.includes('Statement')) continue;
      try {
        const json = JSON.parse(text) as unknown;
        if (json && typeof json === 'object') return text;
      } catch {
        // Not this block.
      }
    }
    return null;
  }

  /** Policy names the review lists: shown elements whose whole text is a policy's name. */
  private reviewedPolicies(expected: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const el of shown(this.root(), 'a, span, li, td, div, p')) {
      if (el.children.length > 1) continue;
      const text = normalize(el.textContent);
      if (expected.includes(text)) found.add(text);
    }
    return found;
  }

  private async fillReview(): Promise<void> {
    const t = this.t;
    const { roleName, roleDescription, serviceName, serviceAccountId } = this.setup;
    const items: PanelItem[] = [];
    const name = this.find<HTMLInputElement>('input', 'roleName');
    const nameOk = name ? name.value === roleName || setValue(name, roleName) : false;
    items.push(
      nameOk
        ? { status: 'done', text: t.roleName(roleName) }
        : {
            status: 'manual',
            text: t.roleNameField,
            copy: { value: roleName, label: t.roleNameField },
          },
    );
    const description = this.find<HTMLTextAreaElement>('textarea, input', 'description');
    if (!description) this.context.miss('description');
    const descriptionOk = description
      ? description.value === roleDescription || setValue(description, roleDescription)
      : !roleDescription;
    if (roleDescription)
      items.push(
        descriptionOk
          ? { status: 'done', text: t.descriptionDone }
          : {
              status: 'manual',
              text: t.descriptionField,
              copy: { value: roleDescription, label: t.descriptionField },
            },
      );

    const preview = await waitFor(() => this.trustPreview(), {
      signal: this.signal,
      timeoutMs: 5000,
    });
    if (!preview) this.context.miss('trust-policy-preview');
    // The background judges it (against the account root: the wizard trusts nothing narrower).
    const verdict = preview ? await this.context.judgeTrust('check', preview) : null;
    if (this.signal.aborted) return;
    const check = verdict?.ok ? verdict.value : null;
    if (check?.verified) items.push({ status: 'done', text: t.trustChecked(serviceName) });
    else if (check) for (const text of check.problems) items.push({ status: 'problem', text });
    else
      items.push({
        status: 'problem',
        text: verdict?.ok === false ? verdict.error : t.trustUnreadable,
      });

    const expected = this.expectedPolicies();
    const listed = this.reviewedPolicies(expected);
    const missing = expected.filter((p) => !listed.has(p));
    items.push(
      missing.length
        ? { status: 'problem', text: t.policiesMissing(missing.join(', ')) }
        : { status: 'done', text: t.policiesListed(expected.join(', ')) },
    );

    const create = this.primaryButton('createRole');
    if (!create) this.context.miss('create-role-button');
    const trustOk = check?.verified === true;
    const ready = nameOk && descriptionOk && trustOk && missing.length === 0;
    items.push({ status: 'todo', text: ready ? t.reviewThenCreate : t.fixFirst });
    const actions: PanelAction[] = [];
    if (!trustOk) actions.push({ label: t.backToEntity, primary: true, run: () => this.back(1) });
    else if (missing.length)
      actions.push({ label: t.backToPermissions, primary: true, run: () => this.back(2) });
    this.render(
      3,
      ready ? t.readyTitle : t.notReadyTitle,
      items,
      t.createRoleNote(roleName, serviceName, serviceAccountId),
      actions,
    );
    // Never point at Create role while the review is wrong: the role would be created wrong.
    this.context
      .panel()
      .highlight(ready ? create : null, ready ? t.createsRole(roleName, serviceName) : '');
    if (!name) return;
    this.watchForNameClash(name);
    name.addEventListener('change', () => void this.rename(name.value), { signal: this.signal });
  }

  /** Back to `step` with Previous (the wizard's own control), to fill it again from there. */
  private async back(step: Step): Promise<void> {
    for (let s = step; s <= 3; s += 1) this.advanced.delete(s as Step);
    for (let tries = 0; tries < 3 && !this.signal.aborted; tries += 1) {
      const now = this.currentStep();
      if (now === null || now <= step) return;
      const previous =
        shown<HTMLButtonElement>(this.root(), '[class*="awsui_previous-button"]')[0] ??
        findButton(this.root(), this.labels('previous'));
      if (!previous) return this.context.miss('previous-button');
      previous.click();
      await waitFor(() => (this.currentStep() !== now ? true : null), {
        signal: this.signal,
        timeoutMs: 5000,
      });
    }
  }

  /** The customer typed another role name: the background must expect the role under it. */
  private async rename(roleName: string): Promise<void> {
    if (roleName === this.setup.roleName || !roleName) return;
    const reply = await this.context.send({
      type: 'content.roleRenamed',
      setupId: this.setup.id,
      roleName,
    });
    if (this.signal.aborted) return;
    if (reply.ok && reply.value) {
      this.setup = reply.value;
      await this.fillReview();
    } else {
      const why = reply.ok ? this.t.setupGone : reply.error;
      this.render(3, this.t.cannotUseName, [{ status: 'problem', text: why }]);
    }
  }

  /** IAM refuses a name taken in another case: say so beside the field the customer must change. */
  private watchForNameClash(name: HTMLInputElement): void {
    const t = this.t;
    // IAM's message names the role, so an earlier clash under another name does not count.
    const roleName = this.setup.roleName;
    const clash = () =>
      nameFollowedOnLineBy(shownText(mainContent()), roleName, CLASH_PHRASES, true);
    void waitFor(() => (clash() ? true : null), {
      signal: this.signal,
      timeoutMs: 10 * 60 * 1000,
    }).then((clash) => {
      if (!clash || this.signal.aborted) return;
      const label = accessibleLabel(name) || t.roleNameField;
      const suggestion = `${this.setup.roleName.slice(0, 62)}-2`;
      this.context.panel().render({
        service: this.setup.serviceName,
        title: t.nameTaken,
        ...stepNumber(this.setup, 'review'),
        items: [
          { status: 'problem', text: t.nameTakenText(this.setup.roleName, label, suggestion) },
        ],
        note: t.nameUnique(label),
        actions: [
          {
            label: t.useName(suggestion),
            primary: true,
            run: async () => {
              if (setValue(name, suggestion)) await this.rename(suggestion);
            },
          },
        ],
      });
    });
  }
}
