/**
 * A wait that a kick ends early: the loops sleep on it between rounds, a
 * local commit (or closing) kicks it. A kick while nobody waits is kept for
 * the next wait, so a commit made during a round is never missed.
 */
export function createWake() {
  let waiting: (() => void) | null = null;
  let kicked = false;
  return {
    kick(): void {
      if (waiting) waiting();
      else kicked = true;
    },
    wait(ms: number): Promise<void> {
      if (kicked) {
        kicked = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiting = done;
      });
    },
  };
}

/** A pause that closing ends at once. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
