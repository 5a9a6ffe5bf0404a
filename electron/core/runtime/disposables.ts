/**
 * Everything that must be undone when the core stops or fails to start
 * (database, timers, feeds), registered as it is made and undone in reverse
 * order by one call. An undo that throws does not stop the others.
 */
export class DisposableStore {
  private readonly undo: { name: string; dispose: () => void }[] = [];
  private disposed = false;

  add<T>(name: string, value: T, dispose: (value: T) => void): T {
    if (this.disposed) {
      dispose(value);
      throw new Error(`${name} was made after the core was stopped`);
    }
    this.undo.push({ name, dispose: () => dispose(value) });
    return value;
  }

  /** Undoes everything, newest first; returns what failed to undo (for the log). */
  dispose(): { name: string; error: unknown }[] {
    this.disposed = true;
    const failures: { name: string; error: unknown }[] = [];
    for (const entry of this.undo.splice(0).reverse()) {
      try {
        entry.dispose();
      } catch (error) {
        failures.push({ name: entry.name, error });
      }
    }
    return failures;
  }
}
