// User details (`#/users/details/<name>`), access-keys method: once the user exists in this
// setup, open its Security credentials tab and the Create access key page. Both are navigation
// only; creating the key stays the customer's click.
import type { Feature } from '../feature.ts';
import { userNameFromPath } from '../../core/console-links.ts';
import { keyWord, showKeyStep } from '../lib/access-keys.ts';
import { enabledButton, findButton, waitFor } from '../lib/dom.ts';
import { labelsFor } from '../lib/labels.ts';
import { mainContent, selectTab, shownText } from '../lib/page.ts';
import { USER_ARN_IN_TEXT } from '../../core/arn.ts';
import { USER_ARN_SHOWN } from '../lib/session.ts';

export const userDetails: Feature = {
  id: 'user-details',
  matches: (path) => userNameFromPath(path) !== null,
  modes: ['access-keys'],
  states: ['role-created'],
  async init(context, signal) {
    const { setup } = context;
    if (userNameFromPath(context.path) !== setup.roleName) return;
    // Remembered for the Retrieve page, which may not show it: the key is sent only for the
    // user whose ARN the console showed (checked by the background against the host's account).
    const shownArns = await waitFor(() => shownText(mainContent()).match(USER_ARN_IN_TEXT), {
      signal,
      timeoutMs: 10_000,
    });
    if (shownArns)
      context.memory.set(USER_ARN_SHOWN, [...new Set(shownArns)].slice(0, 5).join(' '));
    else context.miss('user-arn');
    // A tab is named by its text, which findByLabel (labels, aria-label) does not read.
    await selectTab('securityCredentials', context.language, signal);
    // The console keeps the button disabled while it loads the keys, and when the user already
    // has two (IAM's limit): a click then does nothing, so wait until it takes one.
    const labels = labelsFor('createAccessKey', context.language);
    const create = await waitFor(() => enabledButton(document, labels), {
      signal,
      timeoutMs: 15_000,
    });
    if (signal.aborted) return;
    if (!create) {
      const disabled = findButton(document, labels) !== null;
      context.miss(disabled ? 'create-access-key-disabled' : 'create-access-key-button');
      showKeyStep(context, 4, keyWord(context, 'createKeyTitle'), [
        disabled
          ? { status: 'problem', text: keyWord(context, 'createKeyUnavailable') }
          : { status: 'manual', text: keyWord(context, 'openCredentials') },
      ]);
      return;
    }
    create.click();
  },
};
