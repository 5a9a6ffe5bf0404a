import { sql, type StatementCache } from './sql';

/** Per-day serials for the case numbers people read aloud ("20261126-0042"). */
export function createSerials(statements: StatementCache) {
  return {
    /** The next serial of a day key ("20261126"); the caller formats the number. */
    next(day: string): number {
      return statements.get<{ last: number }>(
        sql`INSERT INTO case_number_serials (day, last) VALUES (${day}, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
      )!.last;
    },
    /** For bulk imports that number their own cases: the day's serial continues after `last`. */
    atLeast(day: string, last: number): void {
      statements.run(sql`INSERT INTO case_number_serials (day, last) VALUES (${day}, ${last}) ON CONFLICT (day) DO UPDATE SET last = MAX(last, excluded.last)`);
    },
  };
}
export type Serials = ReturnType<typeof createSerials>;
