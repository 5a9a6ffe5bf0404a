import { openStatuses } from '../../../shared/domain/case';
import { sql, sqlList, sqlTrusted, type SqlFragment, type StatementCache } from './sql';

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

    /** Cases reported in [from, to): a range of the time index, less the merged ones (a range of the status index). */
    receivedBetween(from: number, to: number, sourceIds: readonly string[] | null = null): number {
      if (sourceIds) return count(sql`SELECT count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} AND source_id IN ${sqlList(sourceIds)} AND ${counted}`);
      const all = count(sql`SELECT count(*) AS n FROM cases WHERE reported_at >= ${from} AND reported_at < ${to}`);
      return all - count(sql`SELECT count(*) AS n FROM cases WHERE status = 'merged' AND reported_at >= ${from} AND reported_at < ${to}`);
    },
    /** Cases closed (and still closed) in [from, to): a range of the closing-time index. */
    closedBetween: (from: number, to: number): number => count(sql`SELECT count(*) AS n FROM cases WHERE status = 'closed' AND closed_at >= ${from} AND closed_at < ${to}`),

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

