// The end-to-end files' teardown (tests/support/e2e-setup.ts) closes everything it was given even
// when a close fails, so one browser that will not close does not leave the service on its port.
import { describe, expect, it } from 'vitest';
import { closeAll } from '../../support/e2e-setup.ts';

describe('closeAll', () => {
  it('runs every closer in order, and throws the one failure after all have run', async () => {
    const ran: string[] = [];
    const refused = new Error('browser would not close');
    await expect(
      closeAll([
        () => void ran.push('browser'),
        async () => {
          ran.push('proxy');
          throw refused;
        },
        async () => void ran.push('service'),
      ]),
    ).rejects.toBe(refused);
    expect(ran).toEqual(['browser', 'proxy', 'service']);
  });

  it('names every failure when several closes fail, and is quiet when none does', async () => {
    const failures = [new Error('one'), new Error('two')];
    const thrown = await closeAll(failures.map((e) => () => Promise.reject(e))).catch((e) => e);
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors).toEqual(failures);
    await expect(closeAll([() => undefined])).resolves.toBeUndefined();
  });
});
