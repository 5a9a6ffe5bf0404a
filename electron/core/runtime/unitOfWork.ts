import type { Db } from '../store/database';
import type { EventHub } from './eventHub';

/**
 * One write = one SQLite transaction, and the events it caused go out only
 * after the commit. Nested units join the outer one (their transactions
 * become savepoints), so a command made of several steps commits or rolls
 * back as a whole.
 */
export function createUnitOfWork(db: Db, hub: EventHub) {
  let depth = 0;
  return {
    run<T>(work: () => T): T {
      if (depth > 0) return db.transaction(work)();
      depth++;
      hub.hold();
      try {
        const result = db.transaction(work)();
        depth--;
        hub.release();
        return result;
      } catch (error) {
        depth--;
        hub.discard();
        throw error;
      }
    },
  };
}
export type UnitOfWork = ReturnType<typeof createUnitOfWork>;
