import type { SyncCase } from '../../shared/sync/protocol';
import { insertChanges, takeChangeNumbers, type NewChange } from './sync/changeLog';
import type { ChangeNotifier } from './sync/notifier';
import type { Sql } from './storage/openStorage';

export type DistrictRefusal = 'notFound' | 'unknownSubCentre' | 'alreadyClosed' | 'sameSubCentre';

export interface CaseListQuery {
  subCentreId: string | null;
  status: string | null;
  /** The page after this (reportedAt, id), newest first. */
  before: { reportedAt: number; id: number } | null;
  limit: number;
}

/**
 * What the district's own operators do to cases: transfer one reported in
 * the wrong sub-district, close one at the district, read the case lists.
 * Each change is numbered and reaches the sub-centres concerned.
 */
export function createDistrictCases(deps: { sql: Sql; notifier: ChangeNotifier; subCentreIds: () => readonly string[]; clock: () => number }) {
  const { sql } = deps;

  async function change(ref: string, note: string, plan: (row: { assigned_to: string | null; data: SyncCase; closed_by_district: boolean }) => DistrictRefusal | { assignedTo: string | null; data: SyncCase; closedByDistrict: boolean; changes: Omit<NewChange, 'caseId' | 'note' | 'originClient' | 'originSeq'>[] }, kind: string) {
    const touched: string[] = [];
    const outcome = await sql.begin(async (tx): Promise<DistrictRefusal | SyncCase> => {
      const [row] = await tx<{ id: number; assigned_to: string | null; data: SyncCase; closed_by_district: boolean }[]>`
        SELECT id, assigned_to, data, closed_by_district FROM cases WHERE ref = ${ref} FOR UPDATE`;
      if (!row) return 'notFound';
      const planned = plan(row);
      if (typeof planned === 'string') return planned;
      const changes = planned.changes.map((entry) => ({ ...entry, caseId: row.id, note, originClient: null, originSeq: null }));
      const first = await takeChangeNumbers(tx, changes.length);
      const now = deps.clock();
      await tx`
        UPDATE cases SET assigned_to = ${planned.assignedTo}, data = ${tx.json(planned.data as never)}, status = ${planned.data.status},
          closed_by_district = ${planned.closedByDistrict}, updated_at = ${now}, change_no = ${first + changes.length - 1}, version = version + 1
        WHERE id = ${row.id}`;
      await insertChanges(tx, first, changes);
      await tx`INSERT INTO district_audit (at, actor, kind, case_id, data) VALUES (${now}, 'district', ${kind}, ${row.id}, ${tx.json({ note, to: planned.assignedTo } as never)})`;
      touched.push(...changes.map((entry) => entry.subCentre));
      return planned.data;
    });
    deps.notifier.notify(touched);
    return outcome;
  }

  return {
    /** Hands a case to another sub-centre: the old one hears it left, the new one receives it. */
    transfer(ref: string, toSubCentreId: string, note: string) {
      return change(
        ref,
        note,
        (row) => {
          if (!deps.subCentreIds().includes(toSubCentreId)) return 'unknownSubCentre';
          if (row.assigned_to === toSubCentreId) return 'sameSubCentre';
          const changes: Omit<NewChange, 'caseId' | 'note' | 'originClient' | 'originSeq'>[] = [];
          if (row.assigned_to) changes.push({ subCentre: row.assigned_to, kind: 'removed' });
          changes.push({ subCentre: toSubCentreId, kind: 'upsert' });
          return { assignedTo: toSubCentreId, data: { ...row.data, updatedAt: deps.clock() }, closedByDistrict: row.closed_by_district, changes };
        },
        'transferred',
      );
    },
    /** Closes a case at the district: a wall's later action on it is rejected, and the wall is told why. */
    close(ref: string, note: string) {
      return change(
        ref,
        note,
        (row) => {
          if (row.closed_by_district) return 'alreadyClosed';
          const now = deps.clock();
          const data: SyncCase = { ...row.data, status: 'closed', closedAt: now, updatedAt: now };
          return { assignedTo: row.assigned_to, data, closedByDistrict: true, changes: row.assigned_to ? [{ subCentre: row.assigned_to, kind: 'upsert' }] : [] };
        },
        'closedAtDistrict',
      );
    },
    /** A page of cases, newest first, for one sub-centre and/or status (the district's lists, and the 1,000,000-case benchmark). */
    async list(query: CaseListQuery): Promise<{ cases: (SyncCase & { assignedTo: string | null })[]; next: { reportedAt: number; id: number } | null }> {
      const where = [
        query.subCentreId === null ? sql`TRUE` : sql`assigned_to = ${query.subCentreId}`,
        query.status === null ? sql`TRUE` : sql`status = ${query.status}`,
        query.before === null ? sql`TRUE` : sql`(reported_at, id) < (${query.before.reportedAt}, ${query.before.id})`,
      ];
      const rows = await sql<{ id: number; reported_at: number; assigned_to: string | null; data: SyncCase }[]>`
        SELECT id, reported_at, assigned_to, data FROM cases
        WHERE ${where[0]!} AND ${where[1]!} AND ${where[2]!}
        ORDER BY reported_at DESC, id DESC LIMIT ${query.limit}`;
      const last = rows.at(-1);
      return { cases: rows.map((row) => ({ ...row.data, assignedTo: row.assigned_to })), next: rows.length === query.limit && last ? { reportedAt: last.reported_at, id: last.id } : null };
    },
  };
}
export type DistrictCases = ReturnType<typeof createDistrictCases>;
