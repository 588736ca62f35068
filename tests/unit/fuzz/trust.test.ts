// Fuzzing the trust parsers (tests/support/fuzz.ts): 10,000 random, mutated and hostile inputs each,
// fixed seed.
import { describeFuzz } from '../../support/fuzz.ts';

await describeFuzz('trust');
