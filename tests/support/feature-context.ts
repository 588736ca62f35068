// A FeatureContext for unit tests of content features (happy-dom): it records what the feature
// shows in the panel (renders and highlights), sends to the background and reports as missed,
// keeps a memory map, and answers the background's part as the test says. `start` applies the
// content script's own gate (route, declared modes and states) before `init`, as index.ts does.
import type {
  ContentSetup,
  ContentSetupReply,
  StackSetPlan,
  TrustVerdict,
} from '../../src/core/content-setup.ts';
import type { Message, Reply } from '../../src/core/messages.ts';
import { consoleWordsFor } from '../../src/core/iam-words.ts';
import { useWords } from '../../src/content/lib/i18n.ts';
import { actsFor, type Feature, type FeatureContext } from '../../src/content/feature.ts';
import type { PanelState } from '../../src/content/panel.ts';

export const SETUP: ContentSetup = {
  id: 'setup-1',
  mode: 'create-role',
  state: 'started',
  serviceName: 'Example Service',
  partition: 'aws',
  serviceAccountId: '444455556666',
  principalArn: 'arn:aws:iam::444455556666:root',
  externalId: 'ext-123456',
  roleName: 'ExampleRole',
  roleDescription: 'Used by Example Service',
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  customPolicies: [],
  trustPolicy: {},
  olderFormHash: '#/roles$new?step=type&roleType=crossAccount&isThirdParty&roleName=ExampleRole',
};

/** An Organization setup's stack set (docs/organizations.md): whole Organization, us-east-1. */
export const ORGANIZATION_PLAN: StackSetPlan = {
  stackSetName: 'ExampleRole',
  stackSetDescription: 'Crossrole: a role for Example Service in every account',
  templateBody: JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { ExternalId: { Type: 'String' }, RoleName: { Type: 'String' } },
    Resources: { Role: { Type: 'AWS::IAM::Role' } },
  }),
  templateFileName: 'crossrole-example-service.json',
  templateUrl: null,
  parameters: [
    { key: 'ExternalId', value: 'ext-123456' },
    { key: 'RoleName', value: 'ExampleRole' },
  ],
  targets: { kind: 'organization' },
  region: 'us-east-1',
  maxConcurrentPercentage: 100,
  failureTolerancePercentage: 100,
  stackSetArn: null,
  reportedAccounts: [],
  failedAccounts: [],
};

export type FakeContext = {
  context: FeatureContext;
  rendered: PanelState[];
  /** Every highlight: the element pointed at (null: none) and its caption. */
  highlights: { target: Element | null; caption: string }[];
  sent: Message[];
  /** What `judgeTrust` was asked. */
  judged: { action: 'check' | 'merge'; text: string | null }[];
  misses: string[];
  memory: Map<string, string>;
  /** The panel's latest state. */
  last(): PanelState | undefined;
  /** Runs `feature` as the content script would on `context.path`; false when it would not. */
  start(feature: Feature, signal: AbortSignal): Promise<boolean>;
};

export function fakeContext(
  options: {
    setup?: Partial<ContentSetup>;
    path?: string;
    language?: 'en' | 'ja';
    reply?: (message: Message) => ContentSetupReply;
    trust?: (action: 'check' | 'merge', text: string | null) => Reply<TrustVerdict>;
  } = {},
): FakeContext {
  const rendered: PanelState[] = [];
  const highlights: FakeContext['highlights'] = [];
  const sent: Message[] = [];
  const judged: FakeContext['judged'] = [];
  const misses: string[] = [];
  const memory = new Map<string, string>();
  const panel = {
    render: (state: PanelState) => void rendered.push(state),
    highlight: (target: Element | null, caption = '') => void highlights.push({ target, caption }),
  };
  const path = options.path ?? '/';
  // As the background sends them for the page's language, and the runner hands them to `say`.
  const words = consoleWordsFor(options.language ?? 'en');
  useWords(words);
  const context: FeatureContext = {
    setup: { ...SETUP, ...options.setup },
    language: options.language ?? 'en',
    words,
    path,
    query: new URLSearchParams(),
    send: async (message) => {
      sent.push(message);
      return options.reply?.(message) ?? { ok: true, value: null };
    },
    judgeTrust: async (action, text) => {
      judged.push({ action, text });
      return options.trust?.(action, text) ?? { ok: false, error: 'No verdict in this test.' };
    },
    miss: (field) => void misses.push(field),
    panel: () => panel as unknown as ReturnType<FeatureContext['panel']>,
    memory,
  };
  return {
    context,
    rendered,
    highlights,
    sent,
    judged,
    misses,
    memory,
    last: () => rendered.at(-1),
    async start(feature, signal) {
      const shown = feature.matches?.(path) === true || feature.shows?.(context.language) === true;
      if (!shown || !actsFor(feature, context.setup)) return false;
      await feature.init(context, signal);
      return true;
    },
  };
}

/**
 * A console wizard in the page: one step's content shown at a time (the others detached, as
 * React unmounts them, keeping what was typed), with Previous and a primary button that is Next
 * and, on the last step, `last` (clicks on it are only counted: it never creates anything).
 */
export function wizardPage(steps: readonly string[], last: string) {
  document.body.innerHTML = `<main><div class="slot"></div>
    <button class="awsui_previous-button_1xupv">Previous</button>
    <button class="awsui_primary-button_1xupv">Next</button></main>`;
  const slot = document.querySelector('.slot')!;
  const [previous, primary] = [...document.querySelectorAll<HTMLButtonElement>('main > button')];
  const holders = steps.map((html) => {
    const holder = document.createElement('div');
    holder.innerHTML = html;
    return holder;
  });
  const clicks = { next: 0, previous: 0, last: 0 };
  let at = 0;
  const show = (index: number) => {
    at = index;
    slot.replaceChildren(holders[index]!);
    primary!.textContent = index === steps.length - 1 ? last : 'Next';
  };
  primary!.addEventListener('click', () => {
    if (at === steps.length - 1) clicks.last += 1;
    else {
      clicks.next += 1;
      show(at + 1);
    }
  });
  previous!.addEventListener('click', () => {
    clicks.previous += 1;
    if (at > 0) show(at - 1);
  });
  show(0);
  return {
    clicks,
    /** The 1-based step on screen. */
    step: () => at + 1,
    /** An element of step `n` (1-based), shown or not. */
    get: <T extends Element = HTMLInputElement>(n: number, selector: string) =>
      holders[n - 1]!.querySelector<T>(selector)!,
    primary: primary!,
  };
}
