// Every page feature, in the order they start.
import type { Feature } from '../feature.ts';
import { createPolicy } from './create-policy.ts';
import { createRoleWizard } from './create-role-wizard.ts';
import { editTrustPolicy } from './edit-trust-policy.ts';
import { policiesList } from './policies-list.ts';
import { roleDetails } from './role-details.ts';
import { rolesList } from './roles-list.ts';

export const FEATURES: readonly Feature[] = [
  createRoleWizard,
  createPolicy,
  policiesList,
  rolesList,
  roleDetails,
  editTrustPolicy,
];
