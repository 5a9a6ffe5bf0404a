import type { Assignment, Case } from '../../../shared/domain/case';
import { openStatuses } from '../../../shared/domain/case';
import { assignmentFromRow, fromRow, type AssignmentRow, type CaseRow } from './caseRows';
import { sql, sqlList, type StatementCache } from './sql';

/** Ids per IN list: well under SQLite's parameter limit. */
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) result.push(items.slice(start, start + chunkSize));
  return result;
}

/** Cases as windows and services read them: by id, by number, a page of a list, by ids. */
export function createCaseReads(statements: StatementCache) {
  /** Rows with their assignments, one query per 500 rows (not one per row). */
  function withAssignments(rows: readonly CaseRow[]): Case[] {
    const byCase = new Map<number, Assignment[]>();
    for (const ids of chunks(rows.map((row) => row.id))) {
      const found = statements.all<AssignmentRow>(
        sql`SELECT * FROM case_assignments WHERE case_id IN ${sqlList(ids)} ORDER BY role DESC, assigned_at, department_id`,
      );
      for (const row of found) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), assignmentFromRow(row)]);
    }
    return rows.map((row) => fromRow(row, byCase.get(row.id) ?? []));
  }

  const one = (row: CaseRow | undefined) => (row ? withAssignments([row])[0]! : null);

  return {
    withAssignments,
    get: (id: number): Case | null => one(statements.get<CaseRow>(sql`SELECT * FROM cases WHERE id = ${id}`)),
    /** A case by the number people read aloud ("20261127-0003"). */
    byNumber: (number: string): Case | null => one(statements.get<CaseRow>(sql`SELECT * FROM cases WHERE number = ${number}`)),
    /** A page of the open (or all) cases, newest id first, after the case id `before` (null: from the newest). */
    listPage(scope: 'open' | 'all', limit: number, before: number | null): Case[] {
      const open = scope === 'open' ? sql`status IN ${sqlList(openStatuses)}` : sql`1`;
      return withAssignments(statements.all<CaseRow>(sql`SELECT * FROM cases WHERE ${open} AND id < ${before ?? Number.MAX_SAFE_INTEGER} ORDER BY id DESC LIMIT ${limit}`));
    },
    /** Every open case, newest first, for reports the core builds itself (never sent whole to a window). */
    allOpen(limit = 100_000): Case[] {
      return withAssignments(statements.all<CaseRow>(sql`SELECT * FROM cases WHERE status IN ${sqlList(openStatuses)} ORDER BY urgent DESC, reported_at DESC LIMIT ${limit}`));
    },
    /** Cases by id, in the order asked (drill-down lists). */
    byIds(ids: readonly number[]): Case[] {
      const rows = chunks(ids).flatMap((chunk) => statements.all<CaseRow>(sql`SELECT * FROM cases WHERE id IN ${sqlList(chunk)}`));
      const byId = new Map(withAssignments(rows).map((item) => [item.id, item]));
      return ids.map((id) => byId.get(id)).filter((item): item is Case => item !== undefined);
    },
    /** Open cases of one minor category: the candidates for duplicate detection. */
    openWithCategory(categoryCode: string): Case[] {
      return withAssignments(
        statements.all<CaseRow>(sql`SELECT * FROM cases WHERE category_code = ${categoryCode} AND status IN ${sqlList(openStatuses)} ORDER BY reported_at DESC LIMIT 500`),
      );
    },
    count(scope: 'open' | 'all'): number {
      const where = scope === 'open' ? sql`WHERE status IN ${sqlList(openStatuses)}` : sql``;
      return statements.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases ${where}`)!.n;
    },
  };
}
export type CaseReads = ReturnType<typeof createCaseReads>;
