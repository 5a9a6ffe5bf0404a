import type { Case } from '../../../shared/domain/case';
import { maxActionsPerUpload, syncProtocolVersion, wallCaseRef, type UploadAction, type UploadResponse } from '../../../shared/sync/protocol';
import type { Logger } from '../runtime/logger';
import type { UnitOfWork } from '../runtime/unitOfWork';
import type { CaseStore } from '../store/caseStore';
import { sql } from '../store/sql';
import type { ChangeApplier } from './changeApplier';
import { PlatformError, type PlatformLink } from './platformLink';
import { toSyncCase } from './syncCase';
import type { OutboxRow, SyncStore } from './syncStore';

/** Photos make bodies large: a batch stops growing past this (the platform takes up to 8 MiB). */
const batchBytesBudget = 5 * 1024 * 1024;

/**
 * One upload: the oldest waiting actions (up to 500), sent as they were
 * numbered; the answers written in one transaction. A gap answer means the
 * platform lost actions it had answered (restored from a backup): they are
 * sent again from the sequence it names. Returns how many were answered.
 */
export function createUplink(deps: { clientId: string; store: SyncStore; cases: CaseStore; link: PlatformLink; applier: ChangeApplier; unitOfWork: UnitOfWork; clock: () => number; logger: Logger }) {
  const { store, cases } = deps;

  const refOf = (caseId: number) => store.refOfCase(caseId) ?? wallCaseRef(deps.clientId, caseId);

  function actionOf(row: OutboxRow): UploadAction {
    const caseId = row.case_id ?? 0;
    const attached = row.kind === 'case.attached';
    const item = attached ? cases.get(caseId) : (JSON.parse(row.payload) as Case);
    if (!item) throw new PlatformError('refused', `outbox row ${row.seq}: case ${caseId} not found`);
    const payload = attached ? (JSON.parse(row.payload) as { attachmentId: number }) : null;
    const picture = payload
      ? cases.statements.get<{ mime: 'image/jpeg' | 'image/png' | 'image/webp'; caption: string; bytes: Buffer }>(sql`SELECT mime, caption, bytes FROM case_attachments WHERE id = ${payload.attachmentId}`)
      : undefined;
    return {
      clientSeq: row.seq,
      kind: row.kind,
      at: row.at,
      case: toSyncCase(item, refOf(item.id)),
      attachment: picture ? { mime: picture.mime, dataBase64: picture.bytes.toString('base64'), caption: picture.caption.replaceAll('<', '＜').replaceAll('>', '＞').slice(0, 100) } : null,
    };
  }

  function batch(afterSeq: number): UploadAction[] {
    const actions: UploadAction[] = [];
    let bytes = 0;
    for (const row of store.waitingBatch(maxActionsPerUpload, afterSeq)) {
      const action = actionOf(row);
      bytes += action.attachment?.dataBase64.length ?? 1_000;
      if (actions.length > 0 && bytes > batchBytesBudget) break;
      actions.push(action);
    }
    return actions;
  }

  function record(actions: readonly UploadAction[], response: UploadResponse): void {
    const sent = new Set(actions.map((action) => action.clientSeq));
    if (response.results.length !== sent.size || response.results.some((result) => !sent.has(result.clientSeq))) {
      throw new PlatformError('badAnswer', 'the answers do not match the actions sent');
    }
    const at = deps.clock();
    deps.unitOfWork.run(() => {
      const touched = new Set<number>();
      for (const result of response.results) {
        const caseId = store.recordResult(result, at);
        if (caseId !== null) touched.add(caseId);
        if (result.outcome === 'rejected') deps.logger.warn('sync.rejected', { seq: result.clientSeq, reason: result.reason, caseId });
      }
      for (const caseId of touched) deps.applier.release(caseId);
    });
  }

  return {
    /**
     * Two batches in flight: the platform applies the second right after the first (it waits on the
     * client's row), while the wall records the first's answers: a drain is not held up by the round trip.
     */
    async step(signal: AbortSignal): Promise<number> {
      const first = batch(0);
      if (first.length === 0) return 0;
      const second = batch(first.at(-1)!.clientSeq);
      const sending = [first, second]
        .filter((actions) => actions.length > 0)
        .map((actions) => deps.link.upload({ protocol: syncProtocolVersion, clientId: deps.clientId, actions }, signal).then((response) => ({ actions, response })));
      // The second's failure is seen (or made moot) once the first is answered.
      for (const pending of sending) pending.catch(() => {});
      let answered = 0;
      try {
        for (const pending of sending) {
          const { actions, response } = await pending;
          record(actions, response);
          answered += response.results.length;
        }
        return answered;
      } catch (error) {
        if (answered > 0) return answered;
        if (error instanceof PlatformError && error.code === 'gap' && error.expectedSeq !== null) {
          const again = deps.unitOfWork.run(() => store.resendFrom(error.expectedSeq!));
          deps.logger.warn('sync.platformBehind', { expectedSeq: error.expectedSeq, resending: again });
          return again > 0 ? 1 : Promise.reject(error);
        }
        throw error;
      }
    },
  };
}
