import type { z } from 'zod';
import type { ActionResult, RejectionReason, SyncCase, UploadRequestSchema, UploadResponse } from '../../../shared/sync/protocol';
import type { Sql, Tx } from '../storage/openStorage';
import { readEpoch } from '../storage/schema';
import { insertChanges, takeChangeNumbers, type NewChange } from './changeLog';
import type { ChangeNotifier } from './notifier';

type Upload = z.output<typeof UploadRequestSchema>;
type Action = Upload['actions'][number];

export type UploadOutcome =
  | { status: 200; body: UploadResponse }
  | { status: 409; body: { error: 'gap'; expectedSeq: number; epoch: string } }
  | { status: 403; body: { error: 'clientOfAnotherSubCentre' } };

interface CaseState {
  /** 0 until a new case is inserted. */
  id: number;
  ref: string;
  assignedTo: string | null;
  closedByDistrict: boolean;
  data: SyncCase;
  dirty: boolean;
  lastChange: number;
}

interface Decision {
  action: Action;
  outcome: 'applied' | 'rejected';
  reason: RejectionReason | null;
  /** Index into the batch's changes, or -1 when the answer names no change of its own. */
  change: number;
}

/** A change before its case has an id (a case new in this batch gets one when it is saved). */
type PendingChange = Omit<NewChange, 'caseId'> & { ref: string };

/**
 * Applies one upload of a wall's actions, exactly once each: in ONE
 * transaction it checks the client's last applied sequence (a repeat gets
 * its stored answer, a gap is refused with the sequence expected next),
 * decides each new action against the district's case (closed at the
 * district or transferred away → rejected, but the sequence still advances
 * and the wall gets the district's version of the case back), writes the
 * effects, the numbered changes, every answer and the new sequence.
 * Statements are per batch, not per action, so a drain is fast.
 */
export async function applyUpload(sql: Sql, notifier: ChangeNotifier, subCentreId: string, upload: Upload, now: number): Promise<UploadOutcome> {
  const touched = new Set<string>();
  const outcome = await sql.begin(async (tx): Promise<UploadOutcome> => {
    await tx`INSERT INTO clients (client_id, sub_centre, registered_at) VALUES (${upload.clientId}, ${subCentreId}, ${now}) ON CONFLICT (client_id) DO NOTHING`;
    const [client] = await tx<{ sub_centre: string; last_seq: number }[]>`SELECT sub_centre, last_seq FROM clients WHERE client_id = ${upload.clientId} FOR UPDATE`;
    const epoch = await readEpoch(tx as unknown as Sql);
    if (client!.sub_centre !== subCentreId) return { status: 403, body: { error: 'clientOfAnotherSubCentre' } };
    const lastSeq = client!.last_seq;
    const first = upload.actions[0]!.clientSeq;
    if (first > lastSeq + 1) return { status: 409, body: { error: 'gap', expectedSeq: lastSeq + 1, epoch } };
    const repeats = await storedResults(tx, upload.clientId, upload.actions.filter((action) => action.clientSeq <= lastSeq));
    const fresh = upload.actions.filter((action) => action.clientSeq > lastSeq);
    const results = fresh.length ? await applyFresh(tx, { subCentreId, clientId: upload.clientId, now }, fresh, touched) : [];
    if (fresh.length) await tx`UPDATE clients SET last_seq = ${fresh.at(-1)!.clientSeq} WHERE client_id = ${upload.clientId}`;
    return { status: 200, body: { epoch, lastSeq: Math.max(lastSeq, fresh.at(-1)?.clientSeq ?? 0), results: [...repeats, ...results] } };
  });
  notifier.notify(touched);
  return outcome;
}

async function storedResults(tx: Tx, clientId: string, repeats: readonly Action[]): Promise<ActionResult[]> {
  if (repeats.length === 0) return [];
  const rows = await tx<{ client_seq: number; outcome: 'applied' | 'rejected'; reason: RejectionReason | null; change_no: number }[]>`
    SELECT client_seq, outcome, reason, change_no FROM client_results
    WHERE client_id = ${clientId} AND client_seq = ANY(${tx.array(repeats.map((action) => action.clientSeq))}::bigint[]) ORDER BY client_seq`;
  return rows.map((row) => ({ clientSeq: row.client_seq, outcome: row.outcome, reason: row.reason, changeNo: row.change_no }));
}

async function applyFresh(tx: Tx, who: { subCentreId: string; clientId: string; now: number }, actions: readonly Action[], touched: Set<string>): Promise<ActionResult[]> {
  const states = await lockCases(tx, [...new Set(actions.map((action) => action.case.ref))]);
  const changes: PendingChange[] = [];
  const decisions = actions.map((action) => decide(who, action, states, changes));
  const firstNo = await takeChangeNumbers(tx, changes.length);
  for (const decision of decisions) {
    if (decision.change >= 0) states.get(decision.action.case.ref)!.lastChange = firstNo + decision.change;
  }
  await saveCases(tx, who, [...states.values()].filter((state) => state.dirty), states);
  await insertChanges(tx, firstNo, changes.map(({ ref, ...change }) => ({ ...change, caseId: states.get(ref)!.id })));
  for (const change of changes) touched.add(change.subCentre);
  await saveAttachments(tx, who.clientId, decisions);
  // A rejection that names no case change is confirmed once the wall's cursor passes the current number.
  const results = decisions.map((decision) => ({
    clientSeq: decision.action.clientSeq,
    outcome: decision.outcome,
    reason: decision.reason,
    changeNo: decision.change >= 0 ? firstNo + decision.change : firstNo - 1,
  }));
  await tx`
    INSERT INTO client_results (client_id, client_seq, outcome, reason, change_no)
    SELECT ${who.clientId}, seq, outcome, NULLIF(reason, ''), change_no FROM unnest(
      ${tx.array(results.map((result) => result.clientSeq))}::bigint[],
      ${tx.array(results.map((result) => result.outcome))}::text[],
      ${tx.array(results.map((result) => result.reason ?? ''))}::text[],
      ${tx.array(results.map((result) => result.changeNo))}::bigint[]
    ) AS u(seq, outcome, reason, change_no)`;
  return results;
}

async function lockCases(tx: Tx, refs: readonly string[]): Promise<Map<string, CaseState>> {
  const rows = await tx<{ id: number; ref: string; assigned_to: string | null; closed_by_district: boolean; data: SyncCase; change_no: number }[]>`
    SELECT id, ref, assigned_to, closed_by_district, data, change_no FROM cases WHERE ref = ANY(${tx.array(refs as string[])}::text[]) ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.ref, { id: row.id, ref: row.ref, assignedTo: row.assigned_to, closedByDistrict: row.closed_by_district, data: row.data, dirty: false, lastChange: row.change_no }]));
}

/** One action against the district's case, as the batch has left it so far. */
function decide(who: { subCentreId: string; clientId: string }, action: Action, states: Map<string, CaseState>, changes: PendingChange[]): Decision {
  const ref = action.case.ref;
  const state = states.get(ref);
  const reject = (reason: RejectionReason, resend: 'upsert' | 'removed' | null): Decision => {
    if (!resend) return { action, outcome: 'rejected', reason, change: -1 };
    // The wall gets the district's version of the case back, so it converges instead of keeping what was refused.
    changes.push({ subCentre: who.subCentreId, ref, kind: resend, originClient: null, originSeq: null, note: reason });
    return { action, outcome: 'rejected', reason, change: changes.length - 1 };
  };
  if (!state) {
    if (!ref.startsWith(`w.${who.clientId}.`)) return reject('unknownCase', null);
    states.set(ref, { id: 0, ref, assignedTo: who.subCentreId, closedByDistrict: false, data: action.case, dirty: true, lastChange: 0 });
  } else if (state.assignedTo !== who.subCentreId) {
    return reject('transferredAway', 'removed');
  } else if (state.closedByDistrict) {
    return reject('closedAtDistrict', 'upsert');
  } else {
    // The platform's own number stays the case's number at the district.
    state.data = { ...action.case, number: state.data.number };
    state.dirty = true;
  }
  changes.push({ subCentre: who.subCentreId, ref, kind: 'upsert', originClient: who.clientId, originSeq: action.clientSeq, note: null });
  return { action, outcome: 'applied', reason: null, change: changes.length - 1 };
}

async function saveCases(tx: Tx, who: { subCentreId: string; now: number }, states: readonly CaseState[], byRef: Map<string, CaseState>): Promise<void> {
  if (states.length === 0) return;
  const saved = await tx<{ id: number; ref: string }[]>`
    INSERT INTO cases (ref, source, source_id, assigned_to, sub_district_id, status, data, reported_at, updated_at, change_no)
    SELECT ref, 'wall', ref, ${who.subCentreId}, NULLIF(sub_district_id, ''), status, data, reported_at, ${who.now}, change_no FROM unnest(
      ${tx.array(states.map((state) => state.ref))}::text[],
      ${tx.array(states.map((state) => state.data.subDistrictId ?? ''))}::text[],
      ${tx.array(states.map((state) => state.data.status))}::text[],
      ${tx.array(states.map((state) => JSON.stringify(state.data)))}::jsonb[],
      ${tx.array(states.map((state) => state.data.reportedAt))}::bigint[],
      ${tx.array(states.map((state) => state.lastChange))}::bigint[]
    ) AS u(ref, sub_district_id, status, data, reported_at, change_no)
    ON CONFLICT (ref) DO UPDATE SET status = excluded.status, data = excluded.data, sub_district_id = excluded.sub_district_id,
      updated_at = excluded.updated_at, change_no = excluded.change_no, version = cases.version + 1
    RETURNING id, ref`;
  for (const row of saved) byRef.get(row.ref)!.id = row.id;
}

async function saveAttachments(tx: Tx, clientId: string, decisions: readonly Decision[]): Promise<void> {
  for (const { action, outcome } of decisions) {
    if (outcome !== 'applied' || !action.attachment) continue;
    await tx`
      INSERT INTO attachments (case_id, client_id, client_seq, mime, caption, bytes)
      SELECT id, ${clientId}, ${action.clientSeq}, ${action.attachment.mime}, ${action.attachment.caption}, decode(${action.attachment.dataBase64}, 'base64')
      FROM cases WHERE ref = ${action.case.ref}
      ON CONFLICT (client_id, client_seq) DO NOTHING`;
  }
}
