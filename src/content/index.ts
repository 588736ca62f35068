// The content script on IAM console pages (the manifest limits it to the console hosts' /iam
// paths; the runner checks the host again): IAM's page features, and connected roles on pages
// where no setup runs (docs/lifecycle.md), run by the shared runner.
import { connectedRoles } from './connected-roles.ts';
import { FEATURES } from './features/index.ts';
import { runContentScript } from './lib/runner.ts';

runContentScript(FEATURES, { connectedRoles });
