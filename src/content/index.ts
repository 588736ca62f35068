// The content script on IAM console pages (the manifest limits it to the console hosts' /iam
// paths; the runner checks the host again): IAM's page features, run by the shared runner.
import { FEATURES } from './features/index.ts';
import { runContentScript } from './lib/runner.ts';

runContentScript(FEATURES);
