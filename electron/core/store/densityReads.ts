import type { DensityRow } from '../../../shared/map/density';
import { sql, type StatementCache } from './sql';

/**
 * The history the density layer counts: every case reported in a period
 * except voided ones and duplicates merged into another (they are not
 * problems of their own). Read through the time index, five columns only:
 * a case is counted, never sent anywhere.
 */
export function* casesReportedBetween(statements: StatementCache, fromMs: number, toMs: number): Generator<DensityRow> {
  const rows = statements.all<{ category_code: string; grid_id: string | null; lng: number | null; lat: number | null; reported_at: number }>(sql`
    SELECT category_code, grid_id, lng, lat, reported_at FROM cases INDEXED BY cases_reported
    WHERE reported_at >= ${fromMs} AND reported_at < ${toMs} AND status NOT IN ('voided', 'merged')`);
  for (const row of rows) yield { categoryCode: row.category_code, gridId: row.grid_id, lng: row.lng, lat: row.lat, reportedAt: row.reported_at };
}
