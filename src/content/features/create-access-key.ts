// Create access key (`#/users/details/<name>/create_access_key`), access-keys method. Crossrole
// picks the "Third-party service" use case, and the customer confirms the console's own advice
// to use a role instead, then presses Create access key. On Retrieve access keys it reads the key
// ID and the secret and, only when the customer presses "Send", hands them to the background,
// which sends them once. The secret is never shown in the panel, copied, logged or stored.
import { accessKeyUserFromPath } from '../../core/console-links.ts';
import type { Feature } from '../feature.ts';
import { keyWord, showKeyStep } from '../lib/access-keys.ts';
import {
  findButton,
  findByLabel,
  later,
  setChecked,
  settled,
  visibleText,
  waitFor,
} from '../lib/dom.ts';
import { labelsFor } from '../lib/labels.ts';
import { USER_ARN_IN_TEXT } from '../../core/arn.ts';
import { USER_ARN_SHOWN, sessionAccountId } from '../lib/session.ts';
import { mainContent, shownText } from '../lib/page.ts';

/** docs/vendors.md §4: a captured key is forgotten after ten minutes. */
const ACCESS_KEY_MEMORY_MS = 10 * 60 * 1000;

/** The key ID and the revealed secret, from the Retrieve page's text (validated). */
function readKey(): { accessKeyId: string; secretAccessKey: string } | null {
  const text = visibleText(document.body);
  const accessKeyId = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/.exec(text)?.[0];
  const secretAccessKey = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/.exec(text)?.[0];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null;
}

export const createAccessKey: Feature = {
  id: 'create-access-key',
  matches: (path) => accessKeyUserFromPath(path) !== null,
  modes: ['access-keys'],
  states: ['role-created'],
  async init(context, signal) {
    const { setup } = context;
    if (accessKeyUserFromPath(context.path) !== setup.roleName) return;
    const show = showKeyStep.bind(null, context);
    const say = keyWord.bind(null, context);

    const thirdParty = await waitFor(
      () =>
        findByLabel<HTMLInputElement>(
          document,
          'input[type="radio"]',
          labelsFor('thirdParty', context.language),
        ),
      { signal, timeoutMs: 15_000 },
    );
    if (thirdParty) setChecked(thirdParty, true);
    else context.miss('use-case-third-party');
    show(5, say('confirmTitle'), [
      thirdParty?.checked
        ? { status: 'done', text: say('useCaseDone') }
        : { status: 'manual', text: say('chooseUseCase') },
      { status: 'todo', text: say('readAdvice') },
    ]);

    // The Retrieve step: wait for the key ID, reveal the secret (a display toggle), read both.
    const keyId = await waitFor(
      () => /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/.exec(visibleText(document.body))?.[0] ?? null,
      { signal, timeoutMs: 60 * 60 * 1000 },
    );
    if (!keyId || signal.aborted) return;
    await settled(signal);
    const reveal = findButton(document, labelsFor('show', context.language));
    reveal?.click();
    let key = await waitFor(readKey, { signal, timeoutMs: 5000 });
    // Masked again once read: the secret stays on screen no longer than the console would keep it.
    if (reveal) findButton(document, labelsFor('hide', context.language))?.click();
    if (!key) {
      context.miss('secret-access-key');
      show(6, say('sendYourselfTitle'), [{ status: 'manual', text: say('secretUnread') }]);
      return;
    }
    const send = async () => {
      const current = key;
      key = null; // forgotten here whatever happens next
      if (!current) return;
      // The user's ARN as this page or the user's own page showed it (the background requires it).
      const arnTexts = [
        ...(shownText(mainContent()).match(USER_ARN_IN_TEXT) ?? []),
        ...(context.memory.get(USER_ARN_SHOWN)?.split(' ') ?? []),
      ].slice(0, 20);
      const reply = await context.send({
        type: 'content.accessKey',
        setupId: setup.id,
        userName: setup.roleName,
        sessionAccountId: sessionAccountId(),
        arnTexts,
        ...current,
      });
      if (signal.aborted) return;
      show(
        6,
        say(reply.ok ? 'sentTitle' : 'notDelivered'),
        reply.ok
          ? [{ status: 'done', text: say('received', current.accessKeyId) }]
          : [{ status: 'problem', text: reply.error }],
      );
    };
    show(
      6,
      say('sendTitle'),
      [
        { status: 'done', text: say('keyRead', key.accessKeyId) },
        { status: 'todo', text: say('sendExplains') },
      ],
      [{ label: say('sendButton'), primary: true, run: send }],
    );
    // Leaving the page, or ten minutes without sending, forgets the key.
    later(ACCESS_KEY_MEMORY_MS, signal, () => {
      key = null;
      show(6, say('forgottenTitle'), [{ status: 'problem', text: say('forgotten', keyId) }]);
    });
    signal.addEventListener('abort', () => void (key = null));
  },
};
