// The access-keys method's guide (Create user, the user's page, Create access key): six steps,
// each with the reason a role would be safer in plain sight.
// Their words come in the console's language from the background (src/core/panel-words.ts).
import { fillWords, wordOf, type KeyWord } from '../../core/panel-words.ts';
import type { FeatureContext } from '../feature.ts';
import type { PanelAction, PanelItem } from '../panel.ts';

/** The word `key` with the setup's service and user, and `key` (an access key ID) when given. */
export const keyWord = (context: FeatureContext, key: KeyWord, accessKeyId = ''): string =>
  fillWords(wordOf(context.words, key), {
    service: context.setup.serviceName,
    user: context.setup.roleName,
    key: accessKeyId,
  });

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
    note: keyWord(context, 'saferWithRole'),
  });
}
