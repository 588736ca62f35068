// One change at a time: a queue of async steps in this worker, each started after the one before
// has settled (failed or not), so a read-change-write of one storage key never interleaves.
export function serialQueue(): <T>(change: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(change: () => Promise<T>): Promise<T> => {
    const run = queue.then(change, change);
    queue = run.catch(() => undefined);
    return run;
  };
}
