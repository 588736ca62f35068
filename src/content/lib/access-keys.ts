// The access-keys method's guide (Create user, the user's page, Create access key): six steps,
// each with the reason a role would be safer in plain sight.
import type { FeatureContext } from '../feature.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

export const SAFER_WITH_A_ROLE =
  'A role is safer: its credentials expire within hours and need your External ID, while access keys work from anywhere until someone deactivates them.';

export function showKeyStep(
  context: FeatureContext,
  step: number,
  title: string,
  items: PanelItem[],
  actions?: PanelAction[],
): void {
  context.panel().render({
    service: context.setup.serviceName,
    title,
    step,
    totalSteps: 6,
    items,
    actions,
    note: SAFER_WITH_A_ROLE,
  });
}
