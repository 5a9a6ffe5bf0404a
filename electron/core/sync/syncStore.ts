import type { ActionResult, Change } from '../../../shared/sync/protocol';
import type { SyncActionInfo } from '../../../shared/sync/syncStatus';
import { getSetting, setSetting } from '../store/referenceStore';
import type { Db } from '../store/database';
import { sql, type StatementCache } from '../store/sql';

export interface OutboxRow {
  seq: number;
  at: number;
  kind: string;
  payload: string;
  case_id: number | null;
}

export interface Cursor {
  epoch: string;
  changeNo: number;
}

/**
 * What the sync keeps in the room's database, next to the cases: the
 * outbox's answers, the downlink cursor (saved in the transaction that
 * applies its changes), the names of cases both sides know, and the
 * platform's versions held back while the room's own actions are on their way.
 */
export function createSyncStore(db: Db, statements: StatementCache) {
  return {
    clientId(draw: () => string): string {
      const kept = getSetting(db, 'sync.clientId');
      if (kept) return kept;
      const drawn = draw();
      setSetting(db, 'sync.clientId', drawn);
      return drawn;
    },
    cursor(): Cursor {
      return JSON.parse(getSetting(db, 'sync.cursor') ?? '{"epoch":"","changeNo":0}') as Cursor;
    },
    saveCursor(cursor: Cursor): void {
      setSetting(db, 'sync.cursor', JSON.stringify(cursor));
    },
    /** The next actions to send, oldest first: every row before them has its answer. */
    waitingBatch(limit: number, afterSeq = 0): OutboxRow[] {
      return statements.all<OutboxRow>(sql`SELECT seq, at, kind, payload, case_id FROM outbox WHERE sent_at IS NULL AND seq > ${afterSeq} ORDER BY seq LIMIT ${limit}`);
    },
    lastSeq(): number {
      return statements.get<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM outbox`)?.seq ?? 0;
    },
    recordResult(result: ActionResult, at: number): number | null {
      const row = statements.get<{ case_id: number | null }>(sql`
        UPDATE outbox SET sent_at = ${at}, outcome = ${result.outcome}, reason = ${result.reason}, change_no = ${result.changeNo}
        WHERE seq = ${result.clientSeq} AND sent_at IS NULL RETURNING case_id`);
      return row?.case_id ?? null;
    },
    /** The platform lost actions it had answered (restored from a backup): send them again from `seq`. */
    resendFrom(seq: number): number {
      return statements.run(sql`UPDATE outbox SET sent_at = NULL, outcome = NULL, reason = NULL, change_no = NULL WHERE seq >= ${seq}`).changes;
    },
    hasWaiting(caseId: number): boolean {
      return statements.get(sql`SELECT 1 AS yes FROM outbox WHERE case_id = ${caseId} AND sent_at IS NULL LIMIT 1`) !== undefined;
    },
    /** The answer to the room's last action on a case (its change number decides whether a held version is newer). */
    lastAnswerFor(caseId: number): number {
      return statements.get<{ change_no: number | null }>(sql`SELECT change_no FROM outbox WHERE case_id = ${caseId} AND sent_at IS NOT NULL ORDER BY seq DESC LIMIT 1`)?.change_no ?? 0;
    },
    hold(caseId: number, change: Change): void {
      statements.run(sql`
        INSERT INTO sync_held (case_id, change_no, change) VALUES (${caseId}, ${change.changeNo}, ${JSON.stringify(change)})
        ON CONFLICT (case_id) DO UPDATE SET change_no = excluded.change_no, change = excluded.change WHERE excluded.change_no > sync_held.change_no`);
    },
    takeHeld(caseId: number): Change | null {
      const row = statements.get<{ change: string }>(sql`DELETE FROM sync_held WHERE case_id = ${caseId} RETURNING change`);
      return row ? (JSON.parse(row.change) as Change) : null;
    },
    caseIdOfRef(ref: string): { caseId: number; removedAt: number | null } | null {
      const row = statements.get<{ case_id: number; removed_at: number | null }>(sql`SELECT case_id, removed_at FROM case_refs WHERE ref = ${ref}`);
      return row ? { caseId: row.case_id, removedAt: row.removed_at } : null;
    },
    refOfCase(caseId: number): string | null {
      return statements.get<{ ref: string }>(sql`SELECT ref FROM case_refs WHERE case_id = ${caseId}`)?.ref ?? null;
    },
    saveRef(caseId: number, ref: string): void {
      statements.run(sql`INSERT INTO case_refs (case_id, ref) VALUES (${caseId}, ${ref})`);
    },
    markRemoved(caseId: number, ref: string, at: number | null): void {
      statements.run(sql`INSERT INTO case_refs (case_id, ref, removed_at) VALUES (${caseId}, ${ref}, ${at}) ON CONFLICT (case_id) DO UPDATE SET removed_at = excluded.removed_at`);
    },
    counts(cursor: number): { waiting: number; unconfirmed: number; rejected: number } {
      return statements.get<{ waiting: number; unconfirmed: number; rejected: number }>(sql`
        SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL) AS waiting,
               (SELECT count(*) FROM outbox WHERE outcome = 'applied' AND change_no > ${cursor}) AS unconfirmed,
               (SELECT count(*) FROM outbox WHERE outcome = 'rejected' AND seen_at IS NULL) AS rejected`)!;
    },
    /** Someone in the room has read the rejections: the light stops showing them red (the list keeps them). */
    acknowledgeRejections(at: number): number {
      return statements.run(sql`UPDATE outbox SET seen_at = ${at} WHERE outcome = 'rejected' AND seen_at IS NULL`).changes;
    },
    /** The list the director opens from the light: waiting or rejected actions, newest first, with their case's number. */
    actions(state: 'waiting' | 'rejected', limit: number, cursor: number): SyncActionInfo[] {
      const where = state === 'waiting' ? sql`o.sent_at IS NULL` : sql`o.outcome = 'rejected'`;
      const rows = statements.all<{ seq: number; at: number; kind: string; case_id: number | null; number: string | null; outcome: string | null; reason: string | null; change_no: number | null; seen_at: number | null }>(sql`
        SELECT o.seq, o.at, o.kind, o.case_id, c.number, o.outcome, o.reason, o.change_no, o.seen_at
        FROM outbox o LEFT JOIN cases c ON c.id = o.case_id WHERE ${where} ORDER BY o.seq DESC LIMIT ${limit}`);
      return rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        kind: row.kind.replace(/^case\./, ''),
        caseId: row.case_id,
        caseNumber: row.number,
        state: row.outcome === null ? 'waiting' : row.outcome === 'rejected' ? 'rejected' : (row.change_no ?? 0) > cursor ? 'unconfirmed' : 'confirmed',
        reason: row.reason as SyncActionInfo['reason'],
        changeNo: row.change_no,
        seen: row.seen_at !== null,
      }));
    },
  };
}
export type SyncStore = ReturnType<typeof createSyncStore>;
