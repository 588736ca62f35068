// What the CloudFormation console shows of an organization setup's stack set, as the content
// script reads it (docs/organizations.md, "Console pages"): the background tests' pages.
import type { StackSetState } from '../../../src/core/setup.ts';
import { ACCOUNT, consoleTab, demoStart } from '../../support/setup-fixtures.ts';

export const ORG_ROLE = 'CrossroleOrgRole';
export const STACK_SET_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** A CloudFormation console page of the commercial partition, at hash route `route`. */
export const cloudFormationUrl = (route = '/stacksets/create') =>
  `https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#${route}`;

/** The content script in console tab `tabId` on a CloudFormation page. */
export const cloudFormationTab = (tabId: number, route?: string) =>
  consoleTab(tabId, cloudFormationUrl(route));

/** The demo service's setup as the popup starts it for every account of an Organization. */
export const organizationStart = (over: Record<string, unknown> = {}) => ({
  ...demoStart({ mode: 'organization', roleName: ORG_ROLE }),
  targets: { kind: 'organization' as const },
  ...over,
});

export const stackSetArn = (
  account = ACCOUNT,
  name = ORG_ROLE,
  region = 'us-east-1',
  partition = 'aws',
) => `arn:${partition}:cloudformation:${region}:${account}:stackset/${name}:${STACK_SET_ID}`;

/** The stack set's page after Submit when CloudFormation holds what was planned. */
export const stackSetPage = (
  setupId: string,
  plan: Pick<StackSetState, 'parameters' | 'templateBody'>,
  over: Record<string, unknown> = {},
) => ({
  type: 'content.stackSet' as const,
  setupId,
  stackSetArn: stackSetArn(),
  permissionModel: 'SERVICE_MANAGED' as const,
  autoDeployment: true,
  parameters: plan.parameters,
  // As the Template tab shows it: the same JSON, laid out otherwise.
  templateBody: JSON.stringify(JSON.parse(plan.templateBody)),
  sessionAccountId: ACCOUNT,
  ...over,
});

export type Row = [account: string, detailedStatus: string, reason?: string];

/** The Stack instances tab: one row per account in us-east-1 unless said. */
export const stackInstancesPage = (
  setupId: string,
  rows: readonly Row[],
  over: Record<string, unknown> = {},
) => ({
  type: 'content.stackInstances' as const,
  setupId,
  stackSetArn: stackSetArn(),
  instances: rows.map(([accountId, detailedStatus, reason]) => ({
    accountId,
    region: 'us-east-1',
    status:
      detailedStatus === 'SUCCEEDED'
        ? 'CURRENT'
        : detailedStatus === 'INOPERABLE'
          ? 'INOPERABLE'
          : 'OUTDATED',
    detailedStatus,
    reason: reason ?? null,
  })),
  complete: true,
  sessionAccountId: ACCOUNT,
  ...over,
});
