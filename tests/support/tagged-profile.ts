// A service that sets a role tag of its own and asks for a 2 hour session, for the popup's Tags
// screenshots: imported in the test, so the built-in examples others rely on stay as they are.
import cloudDiagrams from '../../src/core/profiles/cloud-diagrams.json' with { type: 'json' };
import { DEMO_SERVICE_PORT } from './e2e-setup.ts';

export const taggedProfile = () => ({
  ...structuredClone(cloudDiagrams),
  id: 'acme-tags',
  name: 'Acme Diagrams',
  role: {
    ...cloudDiagrams.role,
    tags: [{ key: 'Vendor', value: 'Acme' }],
    maxSessionDurationSeconds: 7200,
  },
  // Reports where the development build may send them: the browser asks nothing.
  report: { url: `http://127.0.0.1:${DEMO_SERVICE_PORT}/crossrole/v1/connections`, auth: 'none' },
});
