import { openStatuses } from '../../../shared/domain/case';
import { sql, sqlJoin, sqlList, sqlTrusted, type SqlFragment, type StatementCache } from './sql';

/**
 * The aggregates the presentation is built from: counts grouped in SQL, so
 * no case row leaves the store. Times are epoch milliseconds; day, month and
 * hour keys are Beijing time (UTC+8, no daylight saving), as everywhere in
 * the room.
 */

/** Seconds to add to a Unix time to read it as Beijing time in SQLite's date functions. */
const beijingShift = sqlTrusted(`${8 * 3600}`);
/** Cases merged into another were never cases of their own. */
const counted = sql`status != 'merged'`;

export interface KeyedCount {
  key: string;
  n: number;
}

export function createPresentationReads(statements: StatementCache) {
  const grouped = (query: SqlFragment) => statements.all<KeyedCount>(query);
  const count = (query: SqlFragment) => statements.get<{ n: number | null }>(query)?.n ?? 0;

  return {
    /** The first report the room holds ("since launch"). */
    firstReportedAt: (): number | null => statements.get<{ at: number | null }>(sql`SELECT min(reported_at) AS at FROM cases`)?.at ?? null,

    /** Cases reported since each of the instants, in one pass. */
    receivedSince(starts: readonly number[]): number[] {
      const sums = starts.map((start, index) => sql`coalesce(sum(reported_at >= ${start}), 0) AS n${sqlTrusted(String(index))}`);
      const row = statements.get<Record<string, number>>(sql`SELECT ${sqlJoin(sums, ', ')} FROM cases WHERE ${counted} AND reported_at >= ${Math.min(...starts)}`)!;
      return starts.map((_, index) => row[`n${index}`] ?? 0);
    },

    /** Cases closed (and still closed) since each of the instants, in one pass. */
    closedSince(starts: readonly number[]): number[] {
      const sums = starts.map((start, index) => sql`coalesce(sum(closed_at >= ${start}), 0) AS n${sqlTrusted(String(index))}`);
      const row = statements.get<Record<string, number>>(sql`SELECT ${sqlJoin(sums, ', ')} FROM cases WHERE status = 'closed' AND closed_at >= ${Math.min(...starts)}`)!;
      return starts.map((_, index) => row[`n${index}`] ?? 0);
    },

    receivedBetween(from: number, to: number, sourceIds: readonly string[] | null = null): number {
      const sources = sourceIds ? sql`AND source_id IN ${sqlList(sourceIds)}` : sql``;
      return count(sql`SELECT count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND ${counted} ${sources}`);
    },

    /** Received per Beijing calendar month (`YYYY-MM`) from `from`. */
    receivedPerMonth: (from: number) =>
      grouped(sql`SELECT strftime('%Y-%m', reported_at / 1000 + ${beijingShift}, 'unixepoch') AS key, count(*) AS n
        FROM cases WHERE reported_at >= ${from} AND ${counted} GROUP BY key`),
    /** Closed per Beijing calendar month (`YYYY-MM`) from `from`. */
    closedPerMonth: (from: number) =>
      grouped(sql`SELECT strftime('%Y-%m', closed_at / 1000 + ${beijingShift}, 'unixepoch') AS key, count(*) AS n
        FROM cases WHERE status = 'closed' AND closed_at >= ${from} GROUP BY key`),
    /** Received per Beijing day (`YYYY-MM-DD`) from `from`. */
    receivedPerDay: (from: number) =>
      grouped(sql`SELECT strftime('%Y-%m-%d', reported_at / 1000 + ${beijingShift}, 'unixepoch') AS key, count(*) AS n
        FROM cases WHERE reported_at >= ${from} AND ${counted} GROUP BY key`),
    /** Received per hour of the Beijing day (`0`–`23`) from `from`. */
    receivedPerHour: (from: number) =>
      grouped(sql`SELECT CAST(((reported_at / 1000 + ${beijingShift}) % 86400) / 3600 AS TEXT) AS key, count(*) AS n
        FROM cases WHERE reported_at >= ${from} AND ${counted} GROUP BY key`),
    /** Received per minute of the Beijing day (`0`–`1439`) in [from, to): time slots start on any minute. */
    receivedPerMinuteOfDay: (from: number, to: number) =>
      grouped(sql`SELECT CAST(((reported_at / 1000 + ${beijingShift}) % 86400) / 60 AS TEXT) AS key, count(*) AS n
        FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND ${counted} GROUP BY key`),
    receivedPerSource: (from: number, to: number) =>
      grouped(sql`SELECT source_id AS key, count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND ${counted} GROUP BY key`),
    /** Per major category: the category code's first three digits (type + major). */
    receivedPerMajor: (from: number, to: number) =>
      grouped(sql`SELECT substr(category_code, 1, 3) AS key, count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND ${counted} GROUP BY key`),
    receivedPerGrid: (from: number, to: number) =>
      grouped(sql`SELECT grid_id AS key, count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND ${counted} AND grid_id IS NOT NULL GROUP BY key`),
    openNow: (): number => count(sql`SELECT count(*) AS n FROM cases WHERE status IN ${sqlList(openStatuses)}`),

    /** A closed case's category, source, grid and times: what a highlight may say about it. */
    highlightCase: (caseId: number) =>
      statements.get<{ id: number; number: string; status: string; category_code: string; source_id: string; grid_id: string | null; reported_at: number; closed_at: number | null }>(
        sql`SELECT id, number, status, category_code, source_id, grid_id, reported_at, closed_at FROM cases WHERE id = ${caseId}`,
      ) ?? null,
    /** Which attachments belong to a case (ids only: their bytes are read one at a time, when released). */
    attachmentIdsOf: (caseId: number): number[] =>
      statements.all<{ id: number }>(sql`SELECT id FROM case_attachments WHERE case_id = ${caseId} ORDER BY id`).map((row) => row.id),
  };
}
export type PresentationReads = ReturnType<typeof createPresentationReads>;

