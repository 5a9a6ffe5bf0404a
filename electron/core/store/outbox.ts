import { sql, type StatementCache } from './sql';

/**
 * The sync outbox: one row per change, written in the same transaction as
 * the change, so the link to the district platform can send each exactly
 * once whenever it is up.
 */
export function createOutbox(statements: StatementCache) {
  const listeners = new Set<() => void>();
  return {
    append(at: number, kind: string, payload: unknown, caseId: number): void {
      statements.run(sql`INSERT INTO outbox (at, kind, payload, case_id) VALUES (${at}, ${kind}, ${JSON.stringify(payload)}, ${caseId})`);
      for (const listener of listeners) listener();
    },
    /** Called after each row is written (inside its transaction): the sync sends it once that commits. */
    onAppend(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
