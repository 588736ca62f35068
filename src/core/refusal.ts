// A refusal that crosses a message boundary (the background's reply to the popup): `error` keeps
// the English, for logs, the content scripts and older popups; `problem` (one sentence) or
// `errors` (field errors) carry the codes, so the popup says them in its language
// (src/popup/problems.ts). Both are optional: a refusal without them is shown by its `error`.
import type { Problem } from './problems.ts';
import { formatErrors, type FieldError } from './result.ts';

export type Refused = { ok: false; error: string; problem?: Problem; errors?: FieldError[] };

/** A refusal said by one coded problem; `error` is its English unless a fuller log text is given. */
export const refusal = (p: Problem, error: string = p.message): Refused => ({
  ok: false,
  error,
  problem: p,
});

/** A refusal listing field errors (`path: rule` in English, one a line). */
export const fieldRefusal = (errors: FieldError[], error = formatErrors(errors)): Refused => ({
  ok: false,
  error,
  errors,
});
