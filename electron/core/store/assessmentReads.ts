import type { Case, CaseStatus } from '../../../shared/domain/case';
import type { Db } from './database';

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

/**
 * Cases whose deadline falls in [from, to): the ones assessment counts as
 * due, with only the columns it reads. A month is ~17,000 rows: read as
 * arrays, not objects, which halves the cost.
 */
export function createAssessmentReads(db: Db) {
  const due = db
    .prepare(
      `SELECT id, lead_department_id, source_id, urgent, status, dispatched_at, deadline_at, ladder1_at, ladder2_at,
         first_reported_back_at, closed_at, rework_count, return_count, extension_count, supervision_manual, satisfaction
       FROM cases WHERE deadline_at >= ? AND deadline_at < ?`,
    )
    .raw(true);
  return function dueIn(from: number, to: number): AssessableCase[] {
    return (due.all(from, to) as AssessableRow[]).map(
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
  };
}
