// Every CloudFormation console page feature, in the order they start (docs/organizations.md).
import type { Feature } from '../feature.ts';
import { createStackSetWizard } from './create-stack-set-wizard.ts';
import { stackSetPage } from './stack-set-page.ts';

export const CLOUDFORMATION_FEATURES: readonly Feature[] = [createStackSetWizard, stackSetPage];

/** A stack set's tabs (`/stacksets/<name>/<tab>`) are one page: its features read across them. */
export const cloudFormationPage = (path: string): string =>
  path.replace(/^(\/stacksets\/[^/]+)\/(?:info|stacks|parameters|template|operations)$/, '$1');
