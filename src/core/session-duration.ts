// A role's maximum session duration as the console writes it (docs/guardrails.md): "1 hour",
// "2 hours", "1 hour 30 minutes", "3600 seconds", or in Japanese "2 時間", "1 時間 30 分". IAM
// allows 1–12 hours; the Create role wizard has no field for it, so it is set on the role's
// Edit page after creation and read back from the role's summary. Pure: no browser API.

export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 43200;

const UNITS: [RegExp, number][] = [
  [/(\d+)\s*(?:hours?|hrs?|時間)/i, 3600],
  [/(\d+)\s*(?:minutes?|mins?|分)/i, 60],
  [/(\d+)\s*(?:seconds?|secs?|秒)/i, 1],
];

/** The seconds `text` says, or null when it names no duration IAM allows. */
export function parseSessionDuration(text: string): number | null {
  let seconds = 0;
  let found = false;
  for (const [unit, factor] of UNITS) {
    const match = unit.exec(text);
    if (match) {
      seconds += Number(match[1]) * factor;
      found = true;
    }
  }
  return found && seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS ? seconds : null;
}
