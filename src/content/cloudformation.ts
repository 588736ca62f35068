// The content script on CloudFormation console pages (the manifest limits it to the console
// hosts' /cloudformation paths; the runner checks the host again): the Create StackSet wizard
// and the stack set's page, for an Organization setup (docs/organizations.md).
import { isStackSetPlan } from '../core/content-setup.ts';
import { CLOUDFORMATION_FEATURES, cloudFormationPage } from './cloudformation/index.ts';
import { runContentScript } from './lib/runner.ts';

runContentScript(CLOUDFORMATION_FEATURES, { pageOf: cloudFormationPage, isPlan: isStackSetPlan });
