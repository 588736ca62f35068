// The profiles a default build carries: one per onboarding flow we support, and the local demo.
// They are plain JSON, the same documents a vendor writes, validated at build time.
import cloudDiagrams from './cloud-diagrams.json' with { type: 'json' };
import costInventory from './cost-inventory.json' with { type: 'json' };
import demo from './demo.json' with { type: 'json' };
import fullManagement from './full-management.json' with { type: 'json' };
import operations from './operations.json' with { type: 'json' };

export const DEMO_PROFILE_ID = 'crossrole-demo';

export const EXAMPLE_PROFILES: readonly unknown[] = [
  demo,
  cloudDiagrams,
  costInventory,
  fullManagement,
  operations,
];
