// The set-up and teardown the end-to-end files share: the reference service for a whole file,
// and for each test a fresh Chromium with the extension, the console replica and a customer.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './browser.ts';
import { installConsoleReplica, type ConsoleReplica } from './console-replica.ts';
import { Customer } from './connect-driver.ts';
import { startReferenceService, type ReferenceService } from '../reference-service/server.ts';

/** The port the demo profile reports to (src/core/profiles/demo.json). */
export const DEMO_SERVICE_PORT = 47615;

export type ConnectionEnv = {
  readonly service: ReferenceService;
  readonly session: ExtensionSession;
  readonly replica: ConsoleReplica;
  readonly customer: Customer;
};

/**
 * Registers the hooks and returns their products, read in tests as `env.session` and so on
 * (each is set before the test runs, and closed after it).
 */
export function useConnectionEnv(): ConnectionEnv {
  let service: ReferenceService | undefined;
  let session: ExtensionSession | undefined;
  let replica: ConsoleReplica | undefined;
  let customer: Customer | undefined;
  beforeAll(async () => {
    service = await startReferenceService({ port: DEMO_SERVICE_PORT });
  });
  afterAll(async () => {
    await service?.close();
  });
  beforeEach(async () => {
    session = await launchWithExtension();
    replica = await installConsoleReplica(session.context);
    customer = new Customer(session);
  });
  afterEach(async () => {
    await session?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is set up before each test, not at load`);
    return value;
  };
  return {
    get service() {
      return ready(service, 'service');
    },
    get session() {
      return ready(session, 'session');
    },
    get replica() {
      return ready(replica, 'replica');
    },
    get customer() {
      return ready(customer, 'customer');
    },
  };
}
