import type { CaseQuery } from '../../../shared/contract/contract';
import type { Assignment, Case, CaseStatus } from '../../../shared/domain/case';
import { caseStatuses, openStatuses } from '../../../shared/domain/case';
import { searchColumns, searchMatch } from '../../../shared/domain/searchTokens';
import { chainHash, genesisHash } from './auditChain';
import type { Db } from './database';

interface CaseRow {
  id: number;
  number: string;
  description: string;
  category_code: string;
  source_id: string;
  status: CaseStatus;
  urgent: number;
  lng: number | null;
  lat: number | null;
  grid_id: string | null;
  workstation_id: string | null;
  sub_district_id: string | null;
  address: string;
  lead_department_id: string | null;
  reported_at: number;
  dispatched_at: number | null;
  closed_at: number | null;
  updated_at: number;
  reporter_name: string | null;
  reporter_phone: string | null;
  deadline_at: number | null;
  ladder1_at: number | null;
  ladder2_at: number | null;
  time_limit_ms: number | null;
  paused_working_ms: number;
  hung_at: number | null;
  first_reported_back_at: number | null;
  supervision_manual: number;
  return_count: number;
  rework_count: number;
  extension_count: number;
  merged_into: number | null;
  pending_extension: string | null;
  satisfaction: number | null;
}

interface AssignmentRow {
  case_id: number;
  department_id: string;
  role: 'lead' | 'helper';
  status: Assignment['status'];
  assigned_at: number;
  updated_at: number;
  note: string;
}

function fromRow(row: CaseRow, assignments: Assignment[]): Case {
  return {
    id: row.id,
    number: row.number,
    description: row.description,
    categoryCode: row.category_code,
    sourceId: row.source_id,
    status: row.status,
    urgent: row.urgent === 1,
    lngLat: row.lng === null || row.lat === null ? null : [row.lng, row.lat],
    gridId: row.grid_id,
    workstationId: row.workstation_id,
    subDistrictId: row.sub_district_id,
    address: row.address,
    leadDepartmentId: row.lead_department_id,
    reportedAt: row.reported_at,
    dispatchedAt: row.dispatched_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    reporter:
      row.reporter_name === null && row.reporter_phone === null
        ? null
        : { name: row.reporter_name ?? '', phone: row.reporter_phone ?? '' },
    deadlineAt: row.deadline_at,
    ladderAt: row.ladder1_at === null || row.ladder2_at === null ? null : [row.ladder1_at, row.ladder2_at],
    timeLimitMs: row.time_limit_ms,
    pausedWorkingMs: row.paused_working_ms,
    hungAt: row.hung_at,
    firstReportedBackAt: row.first_reported_back_at,
    supervisionManual: row.supervision_manual,
    returnCount: row.return_count,
    reworkCount: row.rework_count,
    extensionCount: row.extension_count,
    mergedInto: row.merged_into,
    pendingExtension: row.pending_extension ? (JSON.parse(row.pending_extension) as Case['pendingExtension']) : null,
    satisfaction: row.satisfaction,
    assignments,
  };
}

function assignmentFromRow(row: AssignmentRow): Assignment {
  return {
    departmentId: row.department_id,
    role: row.role,
    status: row.status,
    assignedAt: row.assigned_at,
    updatedAt: row.updated_at,
    note: row.note,
  };
}

/** What assessment reads of a case. */
export type AssessableCase = Pick<
  Case,
  | 'id'
  | 'leadDepartmentId'
  | 'sourceId'
  | 'urgent'
  | 'status'
  | 'dispatchedAt'
  | 'deadlineAt'
  | 'ladderAt'
  | 'firstReportedBackAt'
  | 'closedAt'
  | 'reworkCount'
  | 'returnCount'
  | 'extensionCount'
  | 'supervisionManual'
  | 'satisfaction'
>;
/** The columns assessment reads, in the order of the row arrays dueIn() receives. */
const assessableColumns = `id, lead_department_id, source_id, urgent, status, dispatched_at, deadline_at, ladder1_at, ladder2_at,
  first_reported_back_at, closed_at, rework_count, return_count, extension_count, supervision_manual, satisfaction`;
type AssessableRow = [
  id: number,
  leadDepartmentId: string | null,
  sourceId: string,
  urgent: number,
  status: CaseStatus,
  dispatchedAt: number | null,
  deadlineAt: number | null,
  ladder1At: number | null,
  ladder2At: number | null,
  firstReportedBackAt: number | null,
  closedAt: number | null,
  reworkCount: number,
  returnCount: number,
  extensionCount: number,
  supervisionManual: number,
  satisfaction: number | null,
];

export type NewCase = Pick<
  Case,
  | 'number'
  | 'description'
  | 'categoryCode'
  | 'sourceId'
  | 'status'
  | 'urgent'
  | 'lngLat'
  | 'gridId'
  | 'workstationId'
  | 'subDistrictId'
  | 'address'
  | 'leadDepartmentId'
  | 'reportedAt'
  | 'dispatchedAt'
  | 'closedAt'
  | 'updatedAt'
  | 'reporter'
> &
  Partial<Pick<Case, 'deadlineAt' | 'ladderAt' | 'timeLimitMs' | 'firstReportedBackAt' | 'reworkCount' | 'returnCount' | 'extensionCount'>>;

/** The fields a lifecycle step may change; each maps to one column. */
export type CasePatch = Partial<
  Pick<
    Case,
    | 'status'
    | 'urgent'
    | 'leadDepartmentId'
    | 'dispatchedAt'
    | 'closedAt'
    | 'deadlineAt'
    | 'ladderAt'
    | 'timeLimitMs'
    | 'pausedWorkingMs'
    | 'hungAt'
    | 'firstReportedBackAt'
    | 'supervisionManual'
    | 'returnCount'
    | 'reworkCount'
    | 'extensionCount'
    | 'mergedInto'
    | 'pendingExtension'
    | 'satisfaction'
  >
>;

const patchColumns: Record<keyof CasePatch, (value: never) => [string, unknown][]> = {
  status: (value: CaseStatus) => [['status', value]],
  urgent: (value: boolean) => [['urgent', value ? 1 : 0]],
  leadDepartmentId: (value: string | null) => [['lead_department_id', value]],
  dispatchedAt: (value: number | null) => [['dispatched_at', value]],
  closedAt: (value: number | null) => [['closed_at', value]],
  deadlineAt: (value: number | null) => [['deadline_at', value]],
  ladderAt: (value: [number, number] | null) => [
    ['ladder1_at', value?.[0] ?? null],
    ['ladder2_at', value?.[1] ?? null],
  ],
  timeLimitMs: (value: number | null) => [['time_limit_ms', value]],
  pausedWorkingMs: (value: number) => [['paused_working_ms', value]],
  hungAt: (value: number | null) => [['hung_at', value]],
  firstReportedBackAt: (value: number | null) => [['first_reported_back_at', value]],
  supervisionManual: (value: number) => [['supervision_manual', value]],
  returnCount: (value: number) => [['return_count', value]],
  reworkCount: (value: number) => [['rework_count', value]],
  extensionCount: (value: number) => [['extension_count', value]],
  mergedInto: (value: number | null) => [['merged_into', value]],
  pendingExtension: (value: Case['pendingExtension']) => [['pending_extension', value ? JSON.stringify(value) : null]],
  satisfaction: (value: number | null) => [['satisfaction', value]],
};

/** An entry of the append-only trail: who did what, when, from which input, and why. */
export interface CaseEventRecord {
  caseId: number;
  at: number;
  actor: string;
  input: string;
  kind: string;
  data: unknown;
}

export interface StoredCaseEvent extends CaseEventRecord {
  id: number;
  hash: string;
}

const sqlList = (items: readonly string[]) => items.map((item) => `'${item}'`).join(', ');
const openStatusList = sqlList(openStatuses);
const runningClockStatuses: readonly CaseStatus[] = ['dispatched', 'inProgress'];
const runningClock = sqlList(runningClockStatuses);
/** Above this many search matches, scanning the other filters' index beats looking each match up. */
const manyMatches = 2_000;

/** The effective supervision level in SQL, the same rule as supervisionLevel() in shared/domain/case.ts. */
const supervisionSql = `MAX(
  CASE WHEN status IN (${openStatusList}) THEN supervision_manual ELSE 0 END,
  CASE WHEN deadline_at IS NULL OR status NOT IN (${runningClock}) THEN 0
       WHEN @now > deadline_at THEN 3
       WHEN @now >= ladder2_at THEN 2
       WHEN @now >= ladder1_at THEN 1
       ELSE 0 END)`;

const priorityOrder = `urgent DESC, ${supervisionSql} DESC, deadline_at IS NULL, deadline_at ASC, reported_at DESC, id DESC`;

/**
 * A sorted view is read as consecutive segments, each cheap to read through
 * an index: e.g. "priority" over open and finished cases lists the (few)
 * open cases by urgency and deadline, then the finished ones newest first.
 */
interface Segment {
  where: string;
  order: string;
}

function segmentsFor(sort: CaseQuery['sort'], statuses: readonly CaseStatus[]): Segment[] {
  switch (sort) {
    case 'newest':
      return [{ where: '', order: 'reported_at DESC, id DESC' }];
    case 'oldest':
      return [{ where: '', order: 'reported_at ASC, id ASC' }];
    case 'deadline':
      return [
        // Open cases are few: sorting them beats walking the whole deadline index ("+ 0" keeps the planner off it).
        { where: 'deadline_at IS NOT NULL', order: statuses.every((status) => openStatuses.includes(status)) ? 'deadline_at + 0 ASC, id ASC' : 'deadline_at ASC, id ASC' },
        { where: 'deadline_at IS NULL', order: 'id ASC' },
      ];
    case 'priority': {
      const open = statuses.filter((status) => openStatuses.includes(status));
      const finished = statuses.filter((status) => !openStatuses.includes(status));
      if (finished.length === 0) return [{ where: '', order: priorityOrder }];
      return [
        ...(open.length ? [{ where: `status IN (${sqlList(open)})`, order: priorityOrder }] : []),
        { where: `status IN (${sqlList(finished)})`, order: 'reported_at DESC, id DESC' },
      ];
    }
  }
}

/**
 * All SQL for cases. Prepared once per connection; every write method is a
 * single statement, so callers compose them into one transaction.
 */
export function createCaseStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO cases (number, description, category_code, source_id, status, urgent, lng, lat, grid_id,
      workstation_id, sub_district_id, address, lead_department_id, reported_at, dispatched_at, closed_at,
      updated_at, reporter_name, reporter_phone, deadline_at, ladder1_at, ladder2_at, time_limit_ms,
      first_reported_back_at, rework_count, return_count, extension_count)
    VALUES (@number, @description, @categoryCode, @sourceId, @status, @urgent, @lng, @lat, @gridId,
      @workstationId, @subDistrictId, @address, @leadDepartmentId, @reportedAt, @dispatchedAt, @closedAt,
      @updatedAt, @reporterName, @reporterPhone, @deadlineAt, @ladder1At, @ladder2At, @timeLimitMs,
      @firstReportedBackAt, @reworkCount, @returnCount, @extensionCount)`);
  const selectById = db.prepare('SELECT * FROM cases WHERE id = ?');
  const selectByNumber = db.prepare('SELECT * FROM cases WHERE number = ?');
  const selectOpen = db.prepare(
    `SELECT * FROM cases WHERE status IN (${openStatusList}) ORDER BY urgent DESC, reported_at DESC LIMIT ?`,
  );
  const selectAll = db.prepare('SELECT * FROM cases ORDER BY reported_at DESC LIMIT ?');
  // A month is ~17,000 rows: arrays, not objects, halve the cost of reading them.
  const selectDue = db.prepare(`SELECT ${assessableColumns} FROM cases WHERE deadline_at >= ? AND deadline_at < ?`).raw(true);
  const selectOpenWithCategory = db.prepare(`SELECT * FROM cases WHERE category_code = ? AND status IN (${openStatusList}) ORDER BY reported_at DESC LIMIT 500`);
  const selectAssignments = db.prepare('SELECT * FROM case_assignments WHERE case_id = ? ORDER BY role DESC, assigned_at, department_id');
  const selectAssignmentsOfOpen = db.prepare(
    `SELECT a.* FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.status IN (${openStatusList})`,
  );
  const upsertAssignment = db.prepare(`
    INSERT INTO case_assignments (case_id, department_id, role, status, assigned_at, updated_at, note)
    VALUES (@caseId, @departmentId, @role, @status, @assignedAt, @updatedAt, @note)
    ON CONFLICT (case_id, department_id) DO UPDATE SET role = excluded.role, status = excluded.status,
      updated_at = excluded.updated_at, note = excluded.note`);
  const deleteAssignments = db.prepare('DELETE FROM case_assignments WHERE case_id = ?');
  const lastHash = db.prepare('SELECT hash FROM case_events ORDER BY id DESC LIMIT 1').pluck();
  const insertEvent = db.prepare(
    'INSERT INTO case_events (case_id, at, actor, input, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectLastEventId = db.prepare('SELECT max(id) FROM case_events WHERE case_id = ?').pluck();
  const selectEvents = db.prepare('SELECT id, case_id, at, actor, input, kind, data, hash FROM case_events WHERE case_id = ? ORDER BY id');
  const insertOutbox = db.prepare('INSERT INTO outbox (at, kind, payload) VALUES (?, ?, ?)');
  const bumpSerial = db.prepare(
    'INSERT INTO case_number_serials (day, last) VALUES (?, 1) ' +
      'ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last',
  );
  const setSerial = db.prepare(
    'INSERT INTO case_number_serials (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = MAX(last, excluded.last)',
  );
  const countOpen = db.prepare(`SELECT count(*) AS n FROM cases WHERE status IN (${openStatusList})`);
  const countAll = db.prepare('SELECT count(*) AS n FROM cases');
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  /** Queries built from filters repeat; prepare each shape once. */
  const cachedStatement = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const insertSearch = db.prepare('INSERT INTO cases_search (rowid, singles, pairs) VALUES (?, ?, ?)');
  const searchIds = db.prepare('SELECT rowid FROM cases_search WHERE cases_search MATCH ?').pluck();
  const countEventsOfKind = db.prepare('SELECT count(*) FROM case_events WHERE at >= ? AND at < ? AND kind = ?').pluck();

  function withAssignments(rows: CaseRow[]): Case[] {
    if (rows.length === 0) return [];
    if (rows.length === 1) return [fromRow(rows[0]!, (selectAssignments.all(rows[0]!.id) as AssignmentRow[]).map(assignmentFromRow))];
    const ids = rows.map((row) => row.id);
    const byCase = new Map<number, Assignment[]>();
    // One query for the page, not one per row.
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const found = cachedStatement(`SELECT * FROM case_assignments WHERE case_id IN (${chunk.map(() => '?').join(',')}) ORDER BY role DESC, assigned_at, department_id`).all(
        chunk,
      ) as AssignmentRow[];
      for (const row of found) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), assignmentFromRow(row)]);
    }
    return rows.map((row) => fromRow(row, byCase.get(row.id) ?? []));
  }

  function queryWhere(
    query: CaseQuery,
    statuses: readonly CaseStatus[],
    now: number,
  ): { clauses: string[]; params: Record<string, unknown>; matchCount: number | null } {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { now };
    const inList = (column: string, values: readonly string[], name: string) => {
      if (values.length === 0) return;
      clauses.push(`${column} IN (${values.map((_, index) => `@${name}${index}`).join(', ')})`);
      values.forEach((value, index) => (params[`${name}${index}`] = value));
    };
    // Every status selected is no filter at all (and lets the planner use the order's index).
    if (statuses.length < caseStatuses.length) inList('status', statuses, 'status');
    inList('source_id', query.sourceIds, 'source');
    inList('grid_id', query.gridIds, 'grid');
    inList('lead_department_id', query.departmentIds, 'department');
    if (query.categoryPrefixes.length) {
      // A digit prefix as a range (":" sorts right after "9"), so the category index serves it.
      clauses.push(`(${query.categoryPrefixes.map((_, index) => `(category_code >= @category${index} AND category_code < @categoryEnd${index})`).join(' OR ')})`);
      query.categoryPrefixes.forEach((prefix, index) => {
        params[`category${index}`] = prefix;
        params[`categoryEnd${index}`] = `${prefix}:`;
      });
    }
    if (query.urgent !== null) clauses.push(query.urgent ? 'urgent = 1' : 'urgent = 0');
    // Only an open case can be supervised, and only a running clock can be overdue: for the finished
    // statuses these filters are known without reading a row (which keeps their counts index-only).
    if (query.overdue !== null) {
      const overdue = `(deadline_at IS NOT NULL AND status IN (${runningClock}) AND @now > deadline_at)`;
      if (statuses.some((status) => runningClockStatuses.includes(status))) clauses.push(query.overdue ? overdue : `NOT ${overdue}`);
      else if (query.overdue) clauses.push('0');
    }
    if (query.supervised !== null) {
      if (statuses.some((status) => openStatuses.includes(status))) clauses.push(query.supervised ? `${supervisionSql} > 0` : `${supervisionSql} = 0`);
      else if (query.supervised) clauses.push('0');
    }
    const match = searchMatch(query.text);
    if (match) {
      // The full-text index is asked once; the count and the page share its answer. Few matches are
      // looked up one by one; for many, "+id" keeps SQLite off the rowid so it scans the index of the
      // other filters and tests each entry against the matches, which reads no rows for a count.
      const ids = searchIds.all(match);
      clauses.push(`${ids.length > manyMatches ? '+id' : 'id'} IN (SELECT value FROM json_each(@matches))`);
      params.matches = JSON.stringify(ids);
      return { clauses, params, matchCount: ids.length };
    }
    return { clauses, params, matchCount: null };
  }

  const whereOf = (clauses: readonly string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');

  return {
    insert(item: NewCase): number {
      const result = insert.run({
        ...item,
        urgent: item.urgent ? 1 : 0,
        lng: item.lngLat?.[0] ?? null,
        lat: item.lngLat?.[1] ?? null,
        reporterName: item.reporter?.name ?? null,
        reporterPhone: item.reporter?.phone ?? null,
        deadlineAt: item.deadlineAt ?? null,
        ladder1At: item.ladderAt?.[0] ?? null,
        ladder2At: item.ladderAt?.[1] ?? null,
        timeLimitMs: item.timeLimitMs ?? null,
        firstReportedBackAt: item.firstReportedBackAt ?? null,
        reworkCount: item.reworkCount ?? 0,
        returnCount: item.returnCount ?? 0,
        extensionCount: item.extensionCount ?? 0,
      });
      const id = Number(result.lastInsertRowid);
      const search = searchColumns(`${item.number} ${item.description} ${item.address}`);
      insertSearch.run(id, search.singles, search.pairs);
      return id;
    },
    get(id: number): Case | null {
      const row = selectById.get(id) as CaseRow | undefined;
      return row ? withAssignments([row])[0]! : null;
    },
    /** A case by the number people read aloud ("20261127-0003"). */
    byNumber(number: string): Case | null {
      const row = selectByNumber.get(number) as CaseRow | undefined;
      return row ? withAssignments([row])[0]! : null;
    },
    list(scope: 'open' | 'all', limit: number): Case[] {
      const rows = (scope === 'open' ? selectOpen : selectAll).all(limit) as CaseRow[];
      if (scope !== 'open') return withAssignments(rows);
      // Open cases are the common snapshot: fetch their assignments in one pass.
      const byCase = new Map<number, Assignment[]>();
      for (const row of selectAssignmentsOfOpen.all() as AssignmentRow[]) {
        byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), assignmentFromRow(row)]);
      }
      return rows.map((row) => fromRow(row, byCase.get(row.id) ?? []));
    },
    /** Cases whose deadline falls in [from, to): the ones assessment counts as due (only the columns it reads). */
    dueIn(from: number, to: number): AssessableCase[] {
      return (selectDue.all(from, to) as AssessableRow[]).map(
        ([id, leadDepartmentId, sourceId, urgent, status, dispatchedAt, deadlineAt, ladder1At, ladder2At, firstReportedBackAt, closedAt, reworkCount, returnCount, extensionCount, supervisionManual, satisfaction]) => ({
          id,
          leadDepartmentId,
          sourceId,
          urgent: urgent === 1,
          status,
          dispatchedAt,
          deadlineAt,
          ladderAt: ladder1At === null || ladder2At === null ? null : [ladder1At, ladder2At],
          firstReportedBackAt,
          closedAt,
          reworkCount,
          returnCount,
          extensionCount,
          supervisionManual,
          satisfaction,
        }),
      );
    },
    /** Cases by id, in the order asked (drill-down lists). */
    byIds(ids: readonly number[]): Case[] {
      const rows: CaseRow[] = [];
      for (let start = 0; start < ids.length; start += 500) {
        const chunk = ids.slice(start, start + 500);
        rows.push(...(cachedStatement(`SELECT * FROM cases WHERE id IN (${chunk.map(() => '?').join(',')})`).all(chunk) as CaseRow[]));
      }
      const byId = new Map(withAssignments(rows).map((item) => [item.id, item]));
      return ids.map((id) => byId.get(id)).filter((item): item is Case => item !== undefined);
    },
    /** Audit events of a time span, newest first (the shift report's key events). */
    eventsBetween(from: number, to: number, kinds: readonly string[]): StoredCaseEvent[] {
      const rows = cachedStatement(
        `SELECT id, case_id, at, actor, input, kind, data, hash FROM case_events WHERE at >= ? AND at < ? AND kind IN (${kinds.map(() => '?').join(',')}) ORDER BY at DESC, id DESC LIMIT 500`,
      ).all([from, to, ...kinds]) as { id: number; case_id: number; at: number; actor: string; input: string; kind: string; data: string; hash: string }[];
      return rows.map((row) => ({ id: row.id, caseId: row.case_id, at: row.at, actor: row.actor, input: row.input, kind: row.kind, data: JSON.parse(row.data) as unknown, hash: row.hash }));
    },
    /** How many events of one kind a time span holds (uncapped, unlike eventsBetween). */
    countEventsBetween(from: number, to: number, kind: string): number {
      return countEventsOfKind.get(from, to, kind) as number;
    },
    /** Open cases of one minor category: the candidates for duplicate detection. */
    openWithCategory(categoryCode: string): Case[] {
      return withAssignments(selectOpenWithCategory.all(categoryCode) as CaseRow[]);
    },
    /** The queue's filtered, sorted page, and how many cases match in all. */
    query(query: CaseQuery, now: number): { total: number; cases: Case[] } {
      const statuses = query.statuses.length ? query.statuses : openStatuses;
      const { clauses, params, matchCount } = queryWhere(query, statuses, now);
      let total = 0;
      let skip = query.offset;
      const rows: CaseRow[] = [];
      for (const segment of segmentsFor(query.sort, statuses)) {
        const where = whereOf(segment.where ? [...clauses, segment.where] : clauses);
        // A search with nothing else to filter matches exactly what the search index found.
        const onlyText = matchCount !== null && clauses.length === 1 && !segment.where;
        const count = onlyText
          ? matchCount
          : (cachedStatement(`SELECT count(*) AS n FROM cases ${where}`).get(params) as { n: number }).n;
        total += count;
        const wanted = query.limit - rows.length;
        if (wanted <= 0 || skip >= count) {
          skip = Math.max(0, skip - count);
          continue;
        }
        // Sort narrow rows (ids), then read the page's full rows. A text search in time order walks
        // the time index and tests each id against the matches, instead of sorting every match.
        const byTime = matchCount !== null && segment.order.startsWith('reported_at') ? 'INDEXED BY cases_reported' : '';
        const page = `SELECT * FROM cases WHERE id IN (SELECT id FROM cases ${byTime} ${where} ORDER BY ${segment.order} LIMIT @limit OFFSET @offset) ORDER BY ${segment.order}`;
        rows.push(...(cachedStatement(page).all({ ...params, limit: wanted, offset: skip }) as CaseRow[]));
        skip = 0;
      }
      return { total, cases: withAssignments(rows) };
    },
    patch(id: number, patch: CasePatch, at: number): void {
      const columns = (Object.entries(patch) as [keyof CasePatch, never][]).flatMap(([key, value]) => patchColumns[key](value));
      columns.push(['updated_at', at]);
      const sql = `UPDATE cases SET ${columns.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`;
      cachedStatement(sql).run([...columns.map(([, value]) => value), id]);
    },
    setUrgent(id: number, urgent: boolean, at: number): void {
      this.patch(id, { urgent }, at);
    },
    putAssignment(caseId: number, assignment: Assignment): void {
      upsertAssignment.run({ caseId, ...assignment });
    },
    clearAssignments(caseId: number): void {
      deleteAssignments.run(caseId);
    },
    /**
     * Appends to the hash-chained trail. Call inside the transaction of the
     * change it records; the chain head is read from the file each time, so a
     * rolled-back write can never leave it out of step.
     */
    appendEvent(event: CaseEventRecord): void {
      const previous = (lastHash.get() as string | undefined) || genesisHash;
      const data = JSON.stringify(event.data);
      const hash = chainHash(previous, { caseId: event.caseId, at: event.at, actor: event.actor, input: event.input, kind: event.kind, data });
      insertEvent.run(event.caseId, event.at, event.actor, event.input, event.kind, data, previous, hash);
    },
    /** The newest audit event of a case: it identifies the case's current version. */
    lastEventId(caseId: number): number | null {
      return (selectLastEventId.get(caseId) as number | null) ?? null;
    },
    events(caseId: number): StoredCaseEvent[] {
      return (selectEvents.all(caseId) as { id: number; case_id: number; at: number; actor: string; input: string; kind: string; data: string; hash: string }[]).map(
        (row) => ({ id: row.id, caseId: row.case_id, at: row.at, actor: row.actor, input: row.input, kind: row.kind, data: JSON.parse(row.data) as unknown, hash: row.hash }),
      );
    },
    /** The sync outbox: a row per change, in the same transaction as the change. */
    appendOutbox(at: number, kind: string, payload: unknown): void {
      insertOutbox.run(at, kind, JSON.stringify(payload));
    },
    /** Next serial for a day key ("20261126"); the caller formats the number. */
    nextSerial(day: string): number {
      return (bumpSerial.get(day) as { last: number }).last;
    },
    /** Used by bulk imports that number their own cases. */
    setSerial(day: string, last: number): void {
      setSerial.run(day, last);
    },
    count(scope: 'open' | 'all'): number {
      return ((scope === 'open' ? countOpen : countAll).get() as { n: number }).n;
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;

/** Walks the whole trail and returns the id of the first event whose hash does not match, or null. */
export function verifyAuditChain(db: Db): number | null {
  let previous = genesisHash;
  const rows = db.prepare('SELECT id, case_id, at, actor, input, kind, data, prev_hash, hash FROM case_events ORDER BY id').iterate() as Iterable<{
    id: number;
    case_id: number;
    at: number;
    actor: string;
    input: string;
    kind: string;
    data: string;
    prev_hash: string;
    hash: string;
  }>;
  for (const row of rows) {
    const expected = chainHash(previous, { caseId: row.case_id, at: row.at, actor: row.actor, input: row.input, kind: row.kind, data: row.data });
    if (row.prev_hash !== previous || row.hash !== expected) return row.id;
    previous = row.hash;
  }
  return null;
}
