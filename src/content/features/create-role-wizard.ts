// Create role wizard (`#/roles/create`): on each step, find every field by label and structure,
// set it the way React accepts, read it back and repair what the URL or the page got wrong;
// then go to the next step. The last step is the customer's: Crossrole highlights Create role
// and says what it will do, and never clicks it.
import { legacyCreateRoleUrl } from '../../core/console-links.ts';
import { nameFollowedOnLineBy } from '../../core/name-in-text.ts';
import { verifyTrustPolicy } from '../../core/trust-policy.ts';
import type { ContentSetup } from '../../core/content-setup.ts';
import type { Feature, FeatureContext } from '../feature.ts';
import {
  accessibleLabel,
  findButton,
  findByLabel,
  normalize,
  visibleText,
  setChecked,
  setValue,
  settled,
  waitFor,
} from '../lib/dom.ts';
import { labelsFor, type LabelKey } from '../lib/labels.ts';
import { selectPolicies } from '../lib/policy-table.ts';
import { policyName, stepNumber } from '../lib/steps.ts';
import type { PanelItem } from '../panel.ts';

/** IAM's message when a role name is taken, in the console languages Crossrole reads. */
const CLASH_PHRASES = ['already exists', '既に存在'] as const;

type Step = 1 | 2 | 3;

const FILLABLE_STATES = ['started', 'policies-created'];

export const createRoleWizard: Feature = {
  id: 'create-role-wizard',
  matches: (path) => path === '/roles/create',
  async init(context, signal) {
    const { setup } = context;
    if (!setup || setup.mode !== 'create-role' || !FILLABLE_STATES.includes(setup.state)) return;
    const wizard = new Wizard(context, setup, signal);
    await wizard.run();
  },
};

class Wizard {
  constructor(
    private readonly context: FeatureContext,
    private setup: ContentSetup,
    private readonly signal: AbortSignal,
  ) {}

  private labels = (key: LabelKey) => labelsFor(key, this.context.language);
  /** Steps already moved past once: if the customer goes back, they stay to look. */
  private readonly advanced = new Set<Step>();

  /** Which step is on screen, by what it contains (language-independent first). */
  private currentStep(): Step | null {
    if (findByLabel(document, 'input', this.labels('roleName'))) return 3;
    if (document.querySelector('input[type="radio"][value="AWS_ACCOUNT"]')) return 1;
    if (document.querySelector('table input[type="checkbox"]')) return 2;
    return null;
  }

  async run(): Promise<void> {
    let step = await waitFor(() => this.currentStep(), { signal: this.signal, timeoutMs: 20_000 });
    if (step === null) {
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
        title: 'Crossrole cannot find the Create role form',
        ...stepNumber(this.setup, 'entity'),
        items: [
          {
            status: 'problem',
            text: 'Fill the form by hand with the values below, or try the older form.',
          },
          ...this.manualItems(),
        ],
        actions: [{ label: 'Try the older form', run: () => void (location.hash = legacy) }],
      });
      return;
    }
    while (step !== null && !this.signal.aborted) {
      await settled(this.signal);
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

  private render(milestoneStep: Step, title: string, items: PanelItem[], note?: string): void {
    const milestone =
      milestoneStep === 1 ? 'entity' : milestoneStep === 2 ? 'permissions' : 'review';
    this.context.panel().render({
      service: this.setup.serviceName,
      title,
      items,
      note,
      ...stepNumber(this.setup, milestone),
    });
  }

  /** Everything the customer needs to fill the wizard alone. */
  private manualItems(): PanelItem[] {
    return [
      {
        status: 'manual',
        text: 'Trusted entity: AWS account → Another AWS account → Account ID',
        copy: { value: this.setup.serviceAccountId, label: 'account ID' },
      },
      {
        status: 'manual',
        text: 'Tick "Require external ID" → External ID',
        copy: { value: this.setup.externalId, label: 'External ID' },
      },
      { status: 'manual', text: 'Leave "Require MFA" unticked' },
      ...this.expectedPolicies().map((name) => ({
        status: 'manual' as const,
        text: 'Permissions: tick the policy',
        copy: { value: name, label: `policy ${name}` },
      })),
      {
        status: 'manual',
        text: 'Role name',
        copy: { value: this.setup.roleName, label: 'role name' },
      },
    ];
  }

  private expectedPolicies(): string[] {
    return [
      ...this.setup.managedPolicyArns.map(policyName),
      ...this.setup.customPolicies.map((p) => p.name),
    ];
  }

  private radioByText(labels: readonly string[]): HTMLInputElement | null {
    return findByLabel<HTMLInputElement>(document, 'input[type="radio"]', labels);
  }

  private async fillTrustedEntity(): Promise<void> {
    const items: PanelItem[] = [];
    const wait = <T>(find: () => T | null) =>
      waitFor(find, { signal: this.signal, timeoutMs: 5000 });
    const tile = document.querySelector<HTMLInputElement>(
      'input[type="radio"][value="AWS_ACCOUNT"]',
    );
    const tileOk = tile ? setChecked(tile, true) : false;
    items.push(
      tileOk
        ? { status: 'done', text: 'Trusted entity type: AWS account' }
        : { status: 'manual', text: 'Choose the trusted entity type "AWS account"' },
    );

    const another = await wait(() => this.radioByText(this.labels('anotherAccount')));
    if (!another) this.context.miss('another-account');
    const anotherOk = another ? setChecked(another, true) : false;
    items.push(
      anotherOk
        ? { status: 'done', text: 'Another AWS account' }
        : { status: 'manual', text: 'Choose "Another AWS account"' },
    );

    const account = await wait(() =>
      findByLabel<HTMLInputElement>(document, 'input', this.labels('accountId')),
    );
    if (!account) this.context.miss('account-id');
    const accountOk = account
      ? account.value === this.setup.serviceAccountId ||
        setValue(account, this.setup.serviceAccountId)
      : false;
    items.push(
      accountOk
        ? {
            status: 'done',
            text: `Account ID: ${this.setup.serviceAccountId} (${this.setup.serviceName})`,
          }
        : {
            status: 'manual',
            text: 'Account ID',
            copy: { value: this.setup.serviceAccountId, label: 'account ID' },
          },
    );

    const requireId = await wait(() =>
      findByLabel<HTMLInputElement>(
        document,
        'input[type="checkbox"]',
        this.labels('requireExternalId'),
      ),
    );
    if (!requireId) this.context.miss('require-external-id');
    const requireOk = requireId ? setChecked(requireId, true) : false;
    const externalId = requireOk
      ? await wait(() =>
          findByLabel<HTMLInputElement>(
            document,
            'input:not([type="checkbox"])',
            this.labels('externalId'),
          ),
        )
      : null;
    if (requireOk && !externalId) this.context.miss('external-id');
    const idOk = externalId
      ? externalId.value === this.setup.externalId || setValue(externalId, this.setup.externalId)
      : false;
    items.push(
      requireOk && idOk
        ? { status: 'done', text: 'Require external ID, with the External ID' }
        : {
            status: 'manual',
            text: 'Tick "Require external ID" and enter the External ID',
            copy: { value: this.setup.externalId, label: 'External ID' },
          },
    );

    const mfa = findByLabel<HTMLInputElement>(
      document,
      'input[type="checkbox"]',
      this.labels('requireMfa'),
    );
    if (!mfa) this.context.miss('require-mfa');
    const mfaOk = mfa ? setChecked(mfa, false) : false;
    items.push(
      mfaOk
        ? { status: 'done', text: 'Require MFA: off (a service cannot answer MFA)' }
        : { status: 'manual', text: 'Make sure "Require MFA" is unticked' },
    );

    // Read everything back once the page has re-rendered: React may have undone a value.
    await settled(this.signal);
    const readBack =
      tile?.checked &&
      another?.checked &&
      account?.value === this.setup.serviceAccountId &&
      requireId?.checked &&
      externalId?.value === this.setup.externalId &&
      mfa?.checked === false;
    if (readBack && !this.advanced.has(1)) {
      this.render(
        1,
        'Trusted entity filled in',
        items,
        'Going on to permissions. Use Previous to look again.',
      );
      this.clickNext(1);
    } else {
      this.render(1, 'Check the trusted entity', items, 'Then press Next.');
      this.context.panel().highlight(this.nextButton(), 'Press Next when the fields above are set');
    }
  }

  private nextButton(): HTMLButtonElement | null {
    return (
      document.querySelector<HTMLButtonElement>('[class*="awsui_primary-button"]') ??
      findButton(document, this.labels('next'))
    );
  }

  private clickNext(step: Step): void {
    this.advanced.add(step);
    const next = this.nextButton();
    if (next && !this.signal.aborted) next.click();
    else this.context.miss('next-button');
  }

  private async fillPermissions(): Promise<void> {
    const { items, allOk } = await selectPolicies(
      this.expectedPolicies(),
      this.context.language,
      this.signal,
      this.context.miss,
    );
    await settled(this.signal);
    if (allOk && !this.advanced.has(2)) {
      this.render(2, 'Permissions selected', items, 'Going on to name and review.');
      this.clickNext(2);
    } else {
      this.render(2, 'Select the permissions', items, 'Then press Next.');
      this.context.panel().highlight(this.nextButton(), 'Press Next when the policies are ticked');
    }
  }

  /** The trust policy preview: the first block of text on the page that parses as a policy. */
  private trustPreview(): string | null {
    for (const block of document.querySelectorAll('pre, code, textarea[readonly], .ace_editor')) {
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

  private async fillReview(): Promise<void> {
    const items: PanelItem[] = [];
    const name = findByLabel<HTMLInputElement>(document, 'input', this.labels('roleName'));
    const nameOk = name
      ? name.value === this.setup.roleName || setValue(name, this.setup.roleName)
      : false;
    items.push(
      nameOk
        ? { status: 'done', text: `Role name: ${this.setup.roleName}` }
        : {
            status: 'manual',
            text: 'Role name',
            copy: { value: this.setup.roleName, label: 'role name' },
          },
    );

    const description = findByLabel<HTMLTextAreaElement>(
      document,
      'textarea, input',
      this.labels('description'),
    );
    if (!description) this.context.miss('description');
    const descriptionOk = description
      ? description.value === this.setup.roleDescription ||
        setValue(description, this.setup.roleDescription)
      : false;
    if (this.setup.roleDescription) {
      items.push(
        descriptionOk
          ? { status: 'done', text: 'Description filled in' }
          : {
              status: 'manual',
              text: 'Description',
              copy: { value: this.setup.roleDescription, label: 'description' },
            },
      );
    }

    const preview = await waitFor(() => this.trustPreview(), {
      signal: this.signal,
      timeoutMs: 5000,
    });
    if (!preview) this.context.miss('trust-policy-preview');
    // The wizard always trusts the account root; a narrower principal is set after creation.
    const rootPrincipal = `arn:${this.setup.partition}:iam::${this.setup.serviceAccountId}:root`;
    const check = preview
      ? verifyTrustPolicy(
          preview,
          { principalArn: rootPrincipal, externalId: this.setup.externalId },
          this.setup.serviceAccountId,
        )
      : null;
    if (check?.verified)
      items.push({
        status: 'done',
        text: `Trust policy checked: ${this.setup.serviceName} only, with your External ID, no MFA`,
      });
    else if (check)
      for (const problem of [...check.problems, ...check.dangers])
        items.push({ status: 'problem', text: problem });
    else
      items.push({
        status: 'manual',
        text: 'Crossrole could not read the trust policy preview: check it shows the account and External ID above.',
      });

    const pageText = normalize(visibleText());
    const missing = this.expectedPolicies().filter((p) => !pageText.includes(p));
    items.push(
      missing.length
        ? {
            status: 'problem',
            text: `Not in the chosen permissions: ${missing.join(', ')}. Go back to step 2.`,
          }
        : { status: 'done', text: `Permissions: ${this.expectedPolicies().join(', ')}` },
    );

    const create =
      document.querySelector<HTMLButtonElement>('[class*="awsui_primary-button"]') ??
      findButton(document, this.labels('createRole'));
    if (!create) this.context.miss('create-role-button');
    const ready =
      nameOk &&
      (descriptionOk || !this.setup.roleDescription) &&
      check?.verified === true &&
      missing.length === 0;
    items.push({
      status: 'todo',
      text: ready
        ? 'Review, then press Create role.'
        : 'Fix what is marked above, then press Create role.',
    });
    this.render(
      3,
      ready ? 'Ready: press Create role' : 'Almost ready',
      items,
      `Create role makes ${this.setup.roleName}, which ${this.setup.serviceName} (AWS account ${this.setup.serviceAccountId}) can assume with your External ID. Crossrole then reads the new Role ARN and sends it to ${this.setup.serviceName}.`,
    );
    this.context
      .panel()
      .highlight(create, `Creates ${this.setup.roleName} for ${this.setup.serviceName}`);
    this.watchForNameClash(name);
    name?.addEventListener('change', () => void this.rename(name.value), { signal: this.signal });
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
      const why = reply.ok ? 'The setup is gone.' : reply.error;
      this.render(3, 'Crossrole cannot use that name', [{ status: 'problem', text: why }]);
    }
  }

  /** IAM refuses a name taken in another case: say so beside the field the customer must change. */
  private watchForNameClash(name: HTMLInputElement | null): void {
    // IAM's message names the role, so an earlier clash under another name does not count.
    const roleName = this.setup.roleName;
    const clash = () =>
      nameFollowedOnLineBy(visibleText(document.body), roleName, CLASH_PHRASES, true);
    void waitFor(() => (clash() ? true : null), {
      signal: this.signal,
      timeoutMs: 10 * 60 * 1000,
    }).then((clash) => {
      if (!clash || this.signal.aborted) return;
      const label = name ? accessibleLabel(name) : 'Role name';
      const suggestion = `${this.setup.roleName.slice(0, 62)}-2`;
      this.context.panel().render({
        service: this.setup.serviceName,
        title: 'That role name is taken',
        ...stepNumber(this.setup, 'review'),
        items: [
          {
            status: 'problem',
            text: `A role named ${this.setup.roleName} (in some letter case) already exists in this account. Type another name in ${label}, or use ${suggestion}; then press Create role again.`,
          },
        ],
        note: `${label} must be unique in the account, whatever the case.`,
        actions: [
          {
            label: `Use ${suggestion}`,
            primary: true,
            run: async () => {
              if (name && setValue(name, suggestion)) await this.rename(suggestion);
            },
          },
        ],
      });
    });
  }
}
