// PRIVACY.md states how long Crossrole keeps each thing; every figure it states must be the one
// the code uses, so changing a retention constant without the policy fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
  FINISHED_SETUP_MAX_AGE_MS,
  LINK_PENDING_TTL_MS,
  MAX_FINISHED_SETUPS,
  MAX_IMPORTED_PROFILES,
  REQUEST_OUTCOME_TTL_MS,
} from '../../../src/core/limits.ts';
import {
  ACCESS_KEY_MEMORY_MS,
  ACCESS_KEY_SEND_WINDOW_MS,
  REPORT_RETRY_WINDOW_MS,
} from '../../../src/core/report.ts';

vi.mock('../../../src/platform/browser.ts', () => ({ browser: {}, browserName: () => 'chrome' }));
const { MAX_DIAGNOSTICS, MAX_OUTLINES, TOKEN_MAX_AGE_MS } =
  await import('../../../src/background/store.ts');

const policy = readFileSync(new URL('../../../PRIVACY.md', import.meta.url), 'utf8').replace(
  /\s+/g,
  ' ',
);

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const whole = (ms: number, unit: number) => {
  expect(ms % unit).toBe(0);
  return ms / unit;
};

describe('PRIVACY.md', () => {
  it('states the retention the code applies', () => {
    const stated = [
      `forgotten ${whole(FINISHED_SETUP_MAX_AGE_MS, DAY)} days after its last change`,
      `at most the ${MAX_FINISHED_SETUPS} newest are kept`,
      `loses its token ${whole(TOKEN_MAX_AGE_MS, DAY)} days after it started`,
      `waits for the service at most ${whole(REPORT_RETRY_WINDOW_MS, HOUR)} hours`,
      `Services you imported** (at most ${MAX_IMPORTED_PROFILES})`,
      `at most the ${MAX_DIAGNOSTICS} newest times`,
      `the newest ${MAX_OUTLINES} with an outline`,
      `for ${whole(REQUEST_OUTCOME_TTL_MS, MINUTE)} minutes, so a request repeated`,
      `for ${whole(LINK_PENDING_TTL_MS, MINUTE)} minutes at most, until you confirm`,
      `or after ${whole(ACCESS_KEY_MEMORY_MS, MINUTE)} minutes`,
      `for at most ${whole(ACCESS_KEY_SEND_WINDOW_MS, MINUTE)} minute if the service`,
    ];
    for (const sentence of stated) expect(policy).toContain(sentence);
  });

  it('states no other figure of time than those', () => {
    const figures = [...policy.matchAll(/\b(\d+) (minutes?|hours?|days?)\b/g)].map((m) => m[0]);
    expect(figures.sort()).toEqual(
      [
        `${FINISHED_SETUP_MAX_AGE_MS / DAY} days`,
        `${TOKEN_MAX_AGE_MS / DAY} days`,
        `${REPORT_RETRY_WINDOW_MS / HOUR} hours`,
        `${REQUEST_OUTCOME_TTL_MS / MINUTE} minutes`,
        `${LINK_PENDING_TTL_MS / MINUTE} minutes`,
        `${ACCESS_KEY_MEMORY_MS / MINUTE} minutes`,
        `${ACCESS_KEY_SEND_WINDOW_MS / MINUTE} minute`,
      ].sort(),
    );
  });
});
