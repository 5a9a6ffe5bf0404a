import type { Assignment } from '../../../shared/domain/case';
import { searchColumns } from '../../../shared/domain/searchTokens';
import type { Logger } from '../runtime/logger';
import { createAssessmentReads } from './assessmentReads';
import { createAuditTrail } from './auditTrail';
import { createCaseReads } from './caseReads';
import { insertCaseSql, patchSql, type CasePatch, type NewCase } from './caseRows';
import type { Db } from './database';
import { createOutbox } from './outbox';
import { createQueueQuery } from './queueQuery';
import { createSerials } from './serials';
import { sql, createStatementCache } from './sql';

export type { CasePatch, NewCase } from './caseRows';
export type { AssessableCase } from './assessmentReads';

/**
 * Everything the services store about cases, over one statement cache:
 * the case rows (reads, the queue's query, writes), the audit trail, the
 * outbox and the number serials. Every write method is a single statement,
 * so callers compose them into one transaction.
 */
export function createCaseStore(db: Db, options: { logger?: Logger } = {}) {
  const statements = createStatementCache(db, options.logger ? { logger: options.logger } : {});
  const reads = createCaseReads(statements);

  return {
    /** The statement cache, for the other stores of the same database. */
    statements,
    ...reads,
    query: createQueueQuery(statements, reads),
    dueIn: createAssessmentReads(db),
    audit: createAuditTrail(statements),
    outbox: createOutbox(statements),
    serials: createSerials(statements),

    insert(item: NewCase): number {
      const id = Number(statements.run(insertCaseSql(item)).lastInsertRowid);
      // Number, description and address never change after a case is created: indexed once, here.
      const search = searchColumns(`${item.number} ${item.description} ${item.address}`);
      statements.run(sql`INSERT INTO cases_search (rowid, singles, pairs) VALUES (${id}, ${search.singles}, ${search.pairs})`);
      return id;
    },
    patch(id: number, patch: CasePatch, at: number): void {
      statements.run(sql`UPDATE cases SET ${patchSql(patch, at)} WHERE id = ${id}`);
    },
    putAssignment(caseId: number, assignment: Assignment): void {
      statements.run(sql`
        INSERT INTO case_assignments (case_id, department_id, role, status, assigned_at, updated_at, note)
        VALUES (${caseId}, ${assignment.departmentId}, ${assignment.role}, ${assignment.status}, ${assignment.assignedAt}, ${assignment.updatedAt}, ${assignment.note})
        ON CONFLICT (case_id, department_id) DO UPDATE SET role = excluded.role, status = excluded.status,
          updated_at = excluded.updated_at, note = excluded.note`);
    },
    clearAssignments(caseId: number): void {
      statements.run(sql`DELETE FROM case_assignments WHERE case_id = ${caseId}`);
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;
