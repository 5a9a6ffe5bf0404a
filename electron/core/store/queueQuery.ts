import type { CaseQuery } from '../../../shared/contract/contract';
import type { Case, CaseStatus } from '../../../shared/domain/case';
import { caseStatuses, openStatuses } from '../../../shared/domain/case';
import { searchMatch } from '../../../shared/domain/searchTokens';
import type { CaseReads } from './caseReads';
import type { CaseRow } from './caseRows';
import { emptySql, sql, sqlJoin, sqlList, sqlTrusted, type SqlFragment, type StatementCache } from './sql';

/**
 * The queue's filtered, sorted page at 100,000 cases. Every filter is a
 * bound parameter; the shapes repeat, so the statement cache prepares each
 * once.
 */

const runningClockStatuses: readonly CaseStatus[] = ['dispatched', 'inProgress'];
/** Above this many search matches, scanning the other filters' index beats looking each match up. */
const manyMatches = 2_000;

/** The effective supervision level in SQL, the same rule as supervisionLevel() in shared/domain/case.ts. */
const supervisionSql = (now: number) => sql`MAX(
  CASE WHEN status IN ${sqlList(openStatuses)} THEN supervision_manual ELSE 0 END,
  CASE WHEN deadline_at IS NULL OR status NOT IN ${sqlList(runningClockStatuses)} THEN 0
       WHEN ${now} > deadline_at THEN 3
       WHEN ${now} >= ladder2_at THEN 2
       WHEN ${now} >= ladder1_at THEN 1
       ELSE 0 END)`;

const priorityOrder = (now: number) => sql`urgent DESC, ${supervisionSql(now)} DESC, deadline_at IS NULL, deadline_at ASC, reported_at DESC, id DESC`;

/**
 * A sorted view is read as consecutive segments, each cheap to read through
 * an index: e.g. "priority" over open and finished cases lists the (few)
 * open cases by urgency and deadline, then the finished ones newest first.
 */
interface Segment {
  where: SqlFragment | null;
  order: SqlFragment;
  /** The order walks the time index (a text search then tests each id instead of sorting every match). */
  byTime: boolean;
}

function segmentsFor(sort: CaseQuery['sort'], statuses: readonly CaseStatus[], now: number): Segment[] {
  switch (sort) {
    case 'newest':
      return [{ where: null, order: sql`reported_at DESC, id DESC`, byTime: true }];
    case 'oldest':
      return [{ where: null, order: sql`reported_at ASC, id ASC`, byTime: true }];
    case 'deadline': {
      // Open cases are few: sorting them beats walking the whole deadline index ("+ 0" keeps the planner off it).
      const onlyOpen = statuses.every((status) => openStatuses.includes(status));
      return [
        { where: sql`deadline_at IS NOT NULL`, order: onlyOpen ? sql`deadline_at + 0 ASC, id ASC` : sql`deadline_at ASC, id ASC`, byTime: false },
        { where: sql`deadline_at IS NULL`, order: sql`id ASC`, byTime: false },
      ];
    }
    case 'priority': {
      const open = statuses.filter((status) => openStatuses.includes(status));
      const finished = statuses.filter((status) => !openStatuses.includes(status));
      if (finished.length === 0) return [{ where: null, order: priorityOrder(now), byTime: false }];
      return [
        ...(open.length ? [{ where: sql`status IN ${sqlList(open)}`, order: priorityOrder(now), byTime: false }] : []),
        { where: sql`status IN ${sqlList(finished)}`, order: sql`reported_at DESC, id DESC`, byTime: true },
      ];
    }
  }
}

/** The filters as WHERE clauses; a text search asks the full-text index once and returns how many it matched. */
function filterClauses(query: CaseQuery, statuses: readonly CaseStatus[], now: number, searchIds: (match: string) => number[]) {
  const clauses: SqlFragment[] = [];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length) clauses.push(sql`${sqlTrusted(column)} IN ${sqlList(values)}`);
  };
  // Every status selected is no filter at all (and lets the planner use the order's index).
  if (statuses.length < caseStatuses.length) inList('status', statuses);
  inList('source_id', query.sourceIds);
  inList('grid_id', query.gridIds);
  inList('lead_department_id', query.departmentIds);
  if (query.categoryPrefixes.length) {
    // A digit prefix as a range (":" sorts right after "9"), so the category index serves it.
    const ranges = query.categoryPrefixes.map((prefix) => sql`(category_code >= ${prefix} AND category_code < ${`${prefix}:`})`);
    clauses.push(sql`(${sqlJoin(ranges, ' OR ')})`);
  }
  if (query.urgent !== null) clauses.push(sql`urgent = ${query.urgent ? 1 : 0}`);
  // Only an open case can be supervised, and only a running clock can be overdue: for the finished
  // statuses these filters are known without reading a row (which keeps their counts index-only).
  if (query.overdue !== null) {
    const overdue = sql`(deadline_at IS NOT NULL AND status IN ${sqlList(runningClockStatuses)} AND ${now} > deadline_at)`;
    if (statuses.some((status) => runningClockStatuses.includes(status))) clauses.push(query.overdue ? overdue : sql`NOT ${overdue}`);
    else if (query.overdue) clauses.push(sql`0`);
  }
  if (query.supervised !== null) {
    if (statuses.some((status) => openStatuses.includes(status))) clauses.push(query.supervised ? sql`${supervisionSql(now)} > 0` : sql`${supervisionSql(now)} = 0`);
    else if (query.supervised) clauses.push(sql`0`);
  }
  const match = searchMatch(query.text);
  if (!match) return { clauses, matchCount: null };
  // Few matches are looked up one by one; for many, "+id" keeps SQLite off the rowid so it scans the
  // index of the other filters and tests each entry against the matches (no rows read for a count).
  const ids = searchIds(match);
  clauses.push(sql`${sqlTrusted(ids.length > manyMatches ? '+id' : 'id')} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  return { clauses, matchCount: ids.length };
}

const whereOf = (clauses: readonly SqlFragment[]) => (clauses.length ? sql`WHERE ${sqlJoin(clauses, ' AND ')}` : emptySql);

export function createQueueQuery(statements: StatementCache, reads: CaseReads) {
  const searchIds = (match: string) =>
    statements.all<{ rowid: number }>(sql`SELECT rowid FROM cases_search WHERE cases_search MATCH ${match}`).map((row) => row.rowid);

  return function queueQuery(query: CaseQuery, now: number): { total: number; cases: Case[] } {
    const statuses = query.statuses.length ? query.statuses : openStatuses;
    const { clauses, matchCount } = filterClauses(query, statuses, now, searchIds);
    let total = 0;
    let skip = query.offset;
    const rows: CaseRow[] = [];
    for (const segment of segmentsFor(query.sort, statuses, now)) {
      const where = whereOf(segment.where ? [...clauses, segment.where] : clauses);
      // A search with nothing else to filter matches exactly what the search index found.
      const onlyText = matchCount !== null && clauses.length === 1 && !segment.where;
      const count = onlyText ? matchCount : statements.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases ${where}`)!.n;
      total += count;
      const wanted = query.limit - rows.length;
      if (wanted <= 0 || skip >= count) {
        skip = Math.max(0, skip - count);
        continue;
      }
      // Sort narrow rows (ids), then read the page's full rows.
      const hint = matchCount !== null && segment.byTime ? sqlTrusted('INDEXED BY cases_reported') : emptySql;
      rows.push(
        ...statements.all<CaseRow>(
          sql`SELECT * FROM cases WHERE id IN (SELECT id FROM cases ${hint} ${where} ORDER BY ${segment.order} LIMIT ${wanted} OFFSET ${skip}) ORDER BY ${segment.order}`,
        ),
      );
      skip = 0;
    }
    return { total, cases: reads.withAssignments(rows) };
  };
}
