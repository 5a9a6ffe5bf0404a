import { maxChangesPerPull, type ChangesResponse } from '../../../shared/sync/protocol';
import type { Logger } from '../runtime/logger';
import type { UnitOfWork } from '../runtime/unitOfWork';
import type { ChangeApplier } from './changeApplier';
import { PlatformError, type PlatformLink } from './platformLink';
import type { SyncStore } from './syncStore';

/**
 * One pull of the platform's changes after the room's cursor, applied with
 * the new cursor in ONE transaction: a crash keeps both or neither. An
 * answer that moves the cursor backwards, numbers changes out of order, or
 * switches epoch without saying "reset" is refused whole. A "reset" (the
 * platform was restored, or the cursor belongs to another epoch) starts
 * over from 0 in the platform's epoch: cases are matched by their names,
 * so a resync updates what the room has instead of duplicating it.
 */
export function createDownlink(deps: { clientId: string; store: SyncStore; link: PlatformLink; applier: ChangeApplier; unitOfWork: UnitOfWork; logger: Logger }) {
  const { store } = deps;

  function check(cursor: { epoch: string; changeNo: number }, answer: Extract<ChangesResponse, { type: 'changes' }>): void {
    if (cursor.epoch !== '' && answer.epoch !== cursor.epoch) throw new PlatformError('badAnswer', 'epoch changed without a reset');
    if (answer.last < cursor.changeNo) throw new PlatformError('badAnswer', `cursor would go backwards (${cursor.changeNo} → ${answer.last})`);
    let previous = cursor.changeNo;
    for (const change of answer.changes) {
      if (change.changeNo <= previous || change.changeNo > answer.last) throw new PlatformError('badAnswer', `change ${change.changeNo} out of order`);
      previous = change.changeNo;
    }
  }

  return {
    /** Returns whether more changes are waiting (pull again at once). */
    async step(waitMs: number, signal: AbortSignal): Promise<{ more: boolean; applied: number }> {
      const cursor = store.cursor();
      const answer = await deps.link.changes({ after: cursor.changeNo, epoch: cursor.epoch, limit: maxChangesPerPull, waitMs, clientId: deps.clientId }, signal);
      if (answer.type === 'reset') {
        deps.logger.warn('sync.reset', { from: cursor, epoch: answer.epoch });
        deps.unitOfWork.run(() => store.saveCursor({ epoch: answer.epoch, changeNo: 0 }));
        return { more: true, applied: 0 };
      }
      check(cursor, answer);
      deps.unitOfWork.run(() => {
        for (const change of answer.changes) deps.applier.apply(change);
        store.saveCursor({ epoch: answer.epoch, changeNo: answer.last });
      });
      return { more: answer.more, applied: answer.changes.length };
    },
  };
}
