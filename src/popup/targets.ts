// Where an organization setup's stack set deploys (docs/organizations.md): the whole
// Organization, or the OUs (or root) the customer typed. Checked with the message schema the
// background checks `setup.start` with, so the popup never offers a start the background refuses;
// what is wrong is said in the popup's language, naming the values.
import * as z from 'zod/mini';
import { StackSetTargets } from '../core/messages.ts';
import { plural, t } from './i18n.ts';

export type Targets = z.infer<typeof StackSetTargets>;

/** As many OU IDs as `StackSetTargets` takes. */
export const OU_IDS_MAX = 100;

/** What an OU ID and the root ID look like, for the messages (values, not words to translate). */
export const OU_ID_EXAMPLE = 'ou-…';
export const ROOT_ID_EXAMPLE = 'r-…';

/** OU IDs separated by spaces, commas or lines; each once, in the order typed. */
export function splitOuIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((id) => id !== ''))];
}

export function ouTargets(
  text: string,
): { ok: true; targets: Targets } | { ok: false; problem: string } {
  const ouIds = splitOuIds(text);
  if (ouIds.length === 0) return { ok: false, problem: t('orgOuNone') };
  const wrong = ouIds.filter(
    (id) => !z.safeParse(StackSetTargets, { kind: 'ous', ouIds: [id] }).success,
  );
  if (wrong.length > 0)
    return {
      ok: false,
      problem: plural(
        'orgOuInvalid',
        wrong.length,
        wrong.map((id) => `“${id}”`).join(', '),
        OU_ID_EXAMPLE,
        ROOT_ID_EXAMPLE,
      ),
    };
  const parsed = z.safeParse(StackSetTargets, { kind: 'ous', ouIds });
  if (!parsed.success) return { ok: false, problem: t('orgOuTooMany', OU_IDS_MAX) };
  return { ok: true, targets: parsed.data };
}
