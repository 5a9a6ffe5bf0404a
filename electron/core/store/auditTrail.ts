import { chainHash, genesisHash } from './auditChain';
import type { Db } from './database';
import { sql, sqlList, type StatementCache } from './sql';

/**
 * An entry of the append-only trail: who did what, when, through which
 * input, and why. `caseId` is null for what is not about one case: the wall,
 * the video matrix, a shift report, a sign-in.
 */
export interface AuditRecord {
  caseId: number | null;
  at: number;
  actor: string;
  input: string;
  kind: string;
  data: unknown;
}

export interface StoredAuditEvent extends AuditRecord {
  id: number;
  hash: string;
}

interface AuditRow {
  id: number;
  case_id: number | null;
  at: number;
  actor: string;
  input: string;
  kind: string;
  data: string;
  hash: string;
}

const fromRow = (row: AuditRow): StoredAuditEvent => ({
  id: row.id,
  caseId: row.case_id,
  at: row.at,
  actor: row.actor,
  input: row.input,
  kind: row.kind,
  data: JSON.parse(row.data) as unknown,
  hash: row.hash,
});

const columns = sql`id, case_id, at, actor, input, kind, data, hash`;

/**
 * The hash-chained audit trail (see auditChain.ts). Append inside the
 * transaction of the change it records: the chain head is read from the file
 * each time, so a rolled-back write can never leave it out of step.
 */
export function createAuditTrail(statements: StatementCache) {
  return {
    append(event: AuditRecord): void {
      const previous = statements.get<{ hash: string }>(sql`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`)?.hash || genesisHash;
      const data = JSON.stringify(event.data);
      const hash = chainHash(previous, { caseId: event.caseId, at: event.at, actor: event.actor, input: event.input, kind: event.kind, data });
      statements.run(sql`
        INSERT INTO audit_events (case_id, at, actor, input, kind, data, prev_hash, hash)
        VALUES (${event.caseId}, ${event.at}, ${event.actor}, ${event.input}, ${event.kind}, ${data}, ${previous}, ${hash})`);
    },
    /** A case's timeline, oldest first. */
    ofCase(caseId: number): StoredAuditEvent[] {
      return statements.all<AuditRow>(sql`SELECT ${columns} FROM audit_events WHERE case_id = ${caseId} ORDER BY id`).map(fromRow);
    },
    /** The newest event of a case: it identifies the case's current version. */
    lastIdOfCase(caseId: number): number | null {
      return statements.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM audit_events WHERE case_id = ${caseId}`)?.id ?? null;
    },
    /** Events of some kinds in a time span, newest first, at most `limit` (the shift report's key events). */
    between(from: number, to: number, kinds: readonly string[], limit = 500): StoredAuditEvent[] {
      return statements
        .all<AuditRow>(sql`SELECT ${columns} FROM audit_events WHERE at >= ${from} AND at < ${to} AND kind IN ${sqlList(kinds)} ORDER BY at DESC, id DESC LIMIT ${limit}`)
        .map(fromRow);
    },
    /** How many events of one kind a time span holds (uncapped). */
    countBetween(from: number, to: number, kind: string): number {
      return statements.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events WHERE at >= ${from} AND at < ${to} AND kind = ${kind}`)!.n;
    },
    /** Events not about one case (wall, video, reports, sign-ins), newest first. */
    roomEvents(limit = 200): StoredAuditEvent[] {
      return statements.all<AuditRow>(sql`SELECT ${columns} FROM audit_events WHERE case_id IS NULL ORDER BY id DESC LIMIT ${limit}`).map(fromRow);
    },
  };
}
export type AuditTrail = ReturnType<typeof createAuditTrail>;

/** Walks the whole trail and returns the id of the first event whose hash does not match, or null. */
export function verifyAuditChain(db: Db): number | null {
  let previous = genesisHash;
  const rows = db.prepare('SELECT id, case_id, at, actor, input, kind, data, prev_hash, hash FROM audit_events ORDER BY id').iterate() as Iterable<
    AuditRow & { prev_hash: string }
  >;
  for (const row of rows) {
    const expected = chainHash(previous, { caseId: row.case_id, at: row.at, actor: row.actor, input: row.input, kind: row.kind, data: row.data });
    if (row.prev_hash !== previous || row.hash !== expected) return row.id;
    previous = row.hash;
  }
  return null;
}
