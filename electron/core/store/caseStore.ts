import type { Case, CaseStatus } from '../../../shared/domain/case';
import { openStatuses } from '../../../shared/domain/case';
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
}

function fromRow(row: CaseRow): Case {
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
  };
}

export type NewCase = Omit<Case, 'id'>;

/** An entry of the append-only trail: who did what, when, from which input. */
export interface CaseEventRecord {
  caseId: number;
  at: number;
  actor: string;
  input: string;
  kind: string;
  data: unknown;
}

const openStatusList = openStatuses.map((status) => `'${status}'`).join(', ');

/**
 * All SQL for cases. Prepared once per connection; every write method is a
 * single statement, so callers compose them into one transaction.
 */
export function createCaseStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO cases (number, description, category_code, source_id, status, urgent, lng, lat, grid_id,
      workstation_id, sub_district_id, address, lead_department_id, reported_at, dispatched_at, closed_at,
      updated_at, reporter_name, reporter_phone)
    VALUES (@number, @description, @categoryCode, @sourceId, @status, @urgent, @lng, @lat, @gridId,
      @workstationId, @subDistrictId, @address, @leadDepartmentId, @reportedAt, @dispatchedAt, @closedAt,
      @updatedAt, @reporterName, @reporterPhone)`);
  const selectById = db.prepare('SELECT * FROM cases WHERE id = ?');
  const selectOpen = db.prepare(
    `SELECT * FROM cases WHERE status IN (${openStatusList}) ORDER BY urgent DESC, reported_at DESC LIMIT ?`,
  );
  const selectAll = db.prepare('SELECT * FROM cases ORDER BY reported_at DESC LIMIT ?');
  const updateUrgent = db.prepare('UPDATE cases SET urgent = ?, updated_at = ? WHERE id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO case_events (case_id, at, actor, input, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
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

  return {
    insert(item: NewCase): number {
      const result = insert.run({
        ...item,
        urgent: item.urgent ? 1 : 0,
        lng: item.lngLat?.[0] ?? null,
        lat: item.lngLat?.[1] ?? null,
        reporterName: item.reporter?.name ?? null,
        reporterPhone: item.reporter?.phone ?? null,
      });
      return Number(result.lastInsertRowid);
    },
    get(id: number): Case | null {
      const row = selectById.get(id) as CaseRow | undefined;
      return row ? fromRow(row) : null;
    },
    list(scope: 'open' | 'all', limit: number): Case[] {
      const rows = (scope === 'open' ? selectOpen : selectAll).all(limit) as CaseRow[];
      return rows.map(fromRow);
    },
    setUrgent(id: number, urgent: boolean, at: number): void {
      updateUrgent.run(urgent ? 1 : 0, at, id);
    },
    appendEvent(event: CaseEventRecord): void {
      insertEvent.run(event.caseId, event.at, event.actor, event.input, event.kind, JSON.stringify(event.data));
    },
    /** The sync outbox: a row per change, in the same transaction as the change. */
    appendOutbox(at: number, kind: string, payload: unknown): void {
      insertOutbox.run(at, kind, JSON.stringify(payload));
    },
    /** Used by bulk imports that number their own cases. */
    setSerial(day: string, last: number): void {
      setSerial.run(day, last);
    },
    count(scope: 'open' | 'all'): number {
      return ((scope === 'open' ? countOpen : countAll).get() as { n: number }).n;
    },
    /** Next serial for a day key ("20261126"); the caller formats the number. */
    nextSerial(day: string): number {
      return (bumpSerial.get(day) as { last: number }).last;
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;
