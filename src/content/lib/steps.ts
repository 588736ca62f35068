// The customer's journey for a setup, for the panel's "step n of m".
import type { ContentSetup } from '../../core/content-setup.ts';

export type Milestone = 'policy' | 'entity' | 'permissions' | 'review' | 'capture' | 'trust';

export function journey(setup: ContentSetup): Milestone[] {
  if (setup.mode === 'update-trust') return ['trust', 'capture'];
  // An update only reads the role back (and attaches what is missing from its page).
  if (setup.update) return ['capture'];
  // The wizard can only trust an account's root: a narrower principal needs the trust paste.
  const narrowed = !setup.principalArn.endsWith(':root');
  return [
    ...setup.customPolicies.map(() => 'policy' as const),
    'entity',
    'permissions',
    'review',
    ...(narrowed ? (['trust'] as const) : []),
    'capture',
  ];
}

/** 1-based position of a milestone (the n-th custom policy for 'policy'). */
export function stepNumber(
  setup: ContentSetup,
  milestone: Milestone,
  policyIndex = 0,
): { step: number; totalSteps: number } {
  const steps = journey(setup);
  const index = milestone === 'policy' ? policyIndex : steps.indexOf(milestone);
  return { step: Math.max(1, index + 1), totalSteps: steps.length };
}

export const policyName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
