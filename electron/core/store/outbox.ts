import { sql, type StatementCache } from './sql';

/**
 * The sync outbox: one row per change, written in the same transaction as
 * the change, so the link to the district platform can send each exactly
 * once whenever it is up.
 */
export function createOutbox(statements: StatementCache) {
  return {
    append(at: number, kind: string, payload: unknown): void {
      statements.run(sql`INSERT INTO outbox (at, kind, payload) VALUES (${at}, ${kind}, ${JSON.stringify(payload)})`);
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
