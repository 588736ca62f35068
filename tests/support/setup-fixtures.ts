// The sender and setup fixtures that the state machine's, the background's and the fuzz tests
// share: the parsed example profiles, the demo setup as the popup starts it, the senders a message
// comes from (the popup, a console tab; the machine's ConsoleSender), and what the console shows
// of the demo role once IAM has created it. No vitest here: the bench imports the fuzz targets.
import type { ConsoleSender } from '../../src/core/machine.ts';
import type { SetupStartInput } from '../../src/core/messages.ts';
import { parseProfile, type ServiceProfile } from '../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import type { Setup } from '../../src/core/setup.ts';

/** The extension id the fake browser (tests/support/fake-browser.ts) answers with. */
export const EXTENSION_ID = 'fake-extension-id';
export const POPUP_URL = `chrome-extension://${EXTENSION_ID}/src/popup/index.html`;
export const CONSOLE_HOST = 'us-east-1.console.aws.amazon.com';
export const CONSOLE_URL = `https://${CONSOLE_HOST}/iam/home?region=us-east-1#/roles`;
/** The customer's account, the one the console is signed in to. */
export const ACCOUNT = '111122223333';
/** The demo service's account, the principal of the demo role's trust policy. */
export const SERVICE_ACCOUNT = '999988887777';
export const DEMO_EXTERNAL_ID = 'demo-abcdefghijklmnopqrstuv';
export const DEMO_ROLE = 'CrossroleDemoRole';
/** AWS's documented example key pair, never a real one. */
export const EXAMPLE_ACCESS_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

/** The example profiles (src/core/profiles) as the built-ins are kept: parsed. */
export function parsedExampleProfiles(): ServiceProfile[] {
  return EXAMPLE_PROFILES.map((p) => {
    const parsed = parseProfile(p);
    if (!parsed.ok) throw new Error('example profile invalid');
    return parsed.value;
  });
}

/** The popup, as the router sees its messages' sender. */
export const popupSender = { id: EXTENSION_ID, url: POPUP_URL };

/** The content script in the top frame of console tab `tabId`, as the router sees it. */
export const consoleTab = (tabId: number, url = CONSOLE_URL) => ({
  id: EXTENSION_ID,
  url,
  tab: { id: tabId } as never,
  frameId: 0,
});

/** A console tab as the state machine is given it (tab 7 on the us-east-1 console unless said). */
export const consoleSender = (over: Partial<ConsoleSender> = {}): ConsoleSender => ({
  tabId: 7,
  host: CONSOLE_HOST,
  partition: 'aws',
  ...over,
});

/** The demo profile's read-only setup as the popup starts it. */
export const demoStart = (over: Partial<SetupStartInput> = {}): SetupStartInput => ({
  mode: 'create-role',
  profileId: 'crossrole-demo',
  levelId: 'read-only',
  optionIds: [],
  partition: 'aws',
  roleName: DEMO_ROLE,
  roleDescription: 'Demo',
  externalId: DEMO_EXTERNAL_ID,
  ...over,
});

/** The trust policy text IAM shows for a demo role created with `externalId`. */
export const demoTrustText = (externalId: string = DEMO_EXTERNAL_ID) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${SERVICE_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  });

/**
 * The demo role's page as the content script reads it when IAM holds what the setup planned:
 * its ARN in the customer's account, the demo trust policy and ReadOnlyAccess attached.
 */
export const demoRolePage = (setupId: string, over: Record<string, unknown> = {}) => ({
  type: 'content.rolePage' as const,
  setupId,
  roleName: DEMO_ROLE,
  sessionAccountId: ACCOUNT,
  arnTexts: [`arn:aws:iam::${ACCOUNT}:role/${DEMO_ROLE}`],
  trustPolicyText: demoTrustText(),
  attachedPolicies: [{ name: 'ReadOnlyAccess', arn: null, type: 'aws' as const }],
  attachedComplete: true,
  ...over,
});

/** A service that is not built in, issuing its External IDs: the profile a link's code carries. */
export const linkedServiceProfile = (): Record<string, unknown> => ({
  ...(structuredClone(
    EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-cost-inventory'),
  ) as Record<string, unknown>),
  id: 'acme-costs',
  name: 'Acme Costs',
});

/** A demo setup whose role IAM created and whose ARN was captured, as the popup lists it. */
export function capturedSetup(overrides: Partial<Setup> = {}): Setup {
  return {
    id: 's1',
    mode: 'create-role',
    state: 'arn-captured',
    profileId: 'crossrole-demo',
    serviceName: 'Crossrole Demo Service',
    levelId: 'read-only',
    optionIds: [],
    partition: 'aws',
    serviceAccountId: '999988887777',
    principalArn: 'arn:aws:iam::999988887777:root',
    externalId: 'demo-x',
    roleName: 'R',
    roleDescription: '',
    managedPolicyArns: [],
    customPolicies: [],
    trustPolicy: {},
    reportUrl: 'http://127.0.0.1:47615/r',
    createdAt: 1,
    updatedAt: 1,
    tabId: 1,
    consoleHost: null,
    hasToken: false,
    accountId: '111122223333',
    roleArn: 'arn:aws:iam::111122223333:role/R',
    capturedAt: '2026-11-24T11:00:00Z',
    trustPolicyVerified: true,
    trustProblems: [],
    problem: null,
    delivery: null,
    ...overrides,
  };
}
