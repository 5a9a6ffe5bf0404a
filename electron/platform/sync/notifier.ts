/**
 * Wakes the pulls that wait (long-poll) for a sub-centre's next change, once
 * the transaction that made it has committed. One platform process holds its
 * own waiters; a pull that misses a wake-up still returns at its timeout.
 */
export function createChangeNotifier() {
  const waiting = new Map<string, Set<() => void>>();
  return {
    notify(subCentreIds: Iterable<string>): void {
      for (const id of subCentreIds) {
        const waiters = waiting.get(id);
        if (!waiters) continue;
        waiting.delete(id);
        for (const wake of waiters) wake();
      }
    },
    /** Resolves at the next change for the sub-centre, at the timeout, or when `signal` aborts. */
    wait(subCentreId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
      return new Promise((resolve) => {
        const waiters = waiting.get(subCentreId) ?? new Set<() => void>();
        waiting.set(subCentreId, waiters);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    /** Wakes every waiter (the platform is stopping). */
    wakeAll(): void {
      this.notify([...waiting.keys()]);
    },
  };
}
export type ChangeNotifier = ReturnType<typeof createChangeNotifier>;
