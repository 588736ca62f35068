// A coded problem as a schema, for what carries one across a boundary: the background's replies
// (src/core/replies.ts) and the setups kept in storage (src/core/setup.ts).
import * as z from 'zod/mini';
import { isProblem, type Problem } from './problems.ts';

/** A problem core said (a known code, its values, its own English): src/core/problems.ts. */
export const ProblemSchema = z.custom<Problem>(isProblem);
