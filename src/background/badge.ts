// The toolbar badge: one glance tells the customer whether a connection needs them.
import { browser } from '../platform/browser.ts';
import type { Setup } from '../core/setup.ts';

type Badge = { text: string; color: string; title: string };

/** The most urgent thing across setups: a problem, then waiting to deliver, then in progress, then connected. */
export function badgeFor(setups: readonly Setup[]): Badge | null {
  const live = setups.filter((s) => s.state !== 'discarded');
  if (
    live.some(
      (s) =>
        s.state === 'failed' ||
        s.problem ||
        (s.trustProblems.length > 0 && s.state === 'arn-captured'),
    )
  ) {
    return { text: '!', color: '#d91515', title: 'Crossrole: a connection needs your attention' };
  }
  if (live.some((s) => s.delivery?.status === 'queued' || s.delivery?.status === 'sending')) {
    return { text: '…', color: '#8d6605', title: 'Crossrole: waiting to deliver the Role ARN' };
  }
  if (live.some((s) => s.state !== 'delivered')) {
    return { text: '•', color: '#0972d3', title: 'Crossrole: connection in progress' };
  }
  if (live.length > 0) return { text: '✓', color: '#037f0c', title: 'Crossrole: connected' };
  return null;
}

export async function showBadge(setups: readonly Setup[]): Promise<void> {
  const badge = badgeFor(setups);
  await browser.action.setBadgeText({ text: badge?.text ?? '' });
  if (badge) await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setTitle({ title: badge?.title ?? browser.i18n.getMessage('actionTitle') });
}
