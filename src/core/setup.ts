// A setup: one attempt to connect one AWS account to one service, from "Open in AWS console" to
// the report being delivered. The background owns it and persists it in storage.local; the popup
// and the content scripts see projections of it. Pure data and rules, no browser APIs.

export const SETUP_STATES = [
  'started', // created by the popup; the console tab is being filled
  'policies-created', // every customer-managed policy the level needs exists
  'role-created', // the console reported the role created (or the trust policy updated)
  'arn-captured', // the ARN is computed and confirmed against the role page
  'verified', // the role's trust policy was read back and checked
  'delivered', // the service accepted the report
  'failed', // refused by the service, or expired after 24 hours of retries
  'discarded', // the customer threw it away
] as const;
export type SetupState = (typeof SETUP_STATES)[number];

/** Allowed moves; anything else is a bug or a forged message and is refused. */
const NEXT: Record<SetupState, readonly SetupState[]> = {
  started: ['policies-created', 'role-created', 'discarded'],
  'policies-created': ['role-created', 'discarded'],
  'role-created': ['arn-captured', 'discarded'],
  'arn-captured': ['verified', 'discarded'],
  verified: ['delivered', 'failed', 'discarded'],
  delivered: ['discarded'],
  failed: ['verified', 'discarded'], // "Retry now" after a refusal or expiry re-queues the report
  discarded: [],
};

export function canMove(from: SetupState, to: SetupState): boolean {
  return NEXT[from].includes(to);
}

/** Setups whose work is over: they stay visible in the popup until discarded. */
export function isFinished(state: SetupState): boolean {
  return state === 'delivered' || state === 'failed' || state === 'discarded';
}
