// Every page feature, in the order they start.
import type { Feature } from '../feature.ts';
import { attachPolicies } from './attach-policies.ts';
import { createAccessKey } from './create-access-key.ts';
import { createPolicy } from './create-policy.ts';
import { createRoleWizard } from './create-role-wizard.ts';
import { editRole } from './edit-role.ts';
import { editTrustPolicy } from './edit-trust-policy.ts';
import { policiesList } from './policies-list.ts';
import { policyVersion } from './policy-version.ts';
import { roleDetails } from './role-details.ts';
import { rolesList } from './roles-list.ts';
import { createUserWizard } from './create-user-wizard.ts';
import { disconnect } from './disconnect.ts';
import { userDetails } from './user-details.ts';
import { usersList } from './users-list.ts';

export const FEATURES: readonly Feature[] = [
  createRoleWizard,
  createPolicy,
  policiesList,
  rolesList,
  roleDetails,
  editTrustPolicy,
  editRole,
  attachPolicies,
  createUserWizard,
  usersList,
  userDetails,
  createAccessKey,
  disconnect,
  policyVersion,
];
