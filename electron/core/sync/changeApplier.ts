import type { Change } from '../../../shared/sync/protocol';
import type { Logger } from '../runtime/logger';
import type { PlatformCases } from '../services/platformCases';
import type { CaseStore } from '../store/caseStore';
import type { SyncStore } from './syncStore';

/**
 * Applies one of the platform's changes inside the downlink's transaction.
 * The wall's own actions coming back are already here; a case the room
 * still has actions on the way for keeps the room's version, and the
 * platform's is held until those actions are answered (then applied if it
 * is newer than the room's last answered action). A change the room cannot
 * take (an unknown category, a removal of a case it never had) is refused
 * with a logged reason and does not stop the others.
 */
export function createChangeApplier(deps: { clientId: string; store: SyncStore; cases: CaseStore; platformCases: PlatformCases; logger: Logger; clock: () => number }) {
  const { store, logger } = deps;
  const ownPrefix = `w.${deps.clientId}.`;

  function resolve(ref: string): { caseId: number; removedAt: number | null } | null {
    const known = store.caseIdOfRef(ref);
    if (known) return known;
    if (!ref.startsWith(ownPrefix)) return null;
    const id = Number(ref.slice(ownPrefix.length));
    return deps.cases.get(id) ? { caseId: id, removedAt: null } : null;
  }

  function applyToKnown(local: { caseId: number; removedAt: number | null }, change: Change): void {
    if (change.kind === 'removed') {
      if (local.removedAt !== null) return;
      deps.platformCases.removed(local.caseId, change.case, change.note);
      store.markRemoved(local.caseId, change.case.ref, deps.clock());
      return;
    }
    if (local.removedAt !== null) store.markRemoved(local.caseId, change.case.ref, null);
    deps.platformCases.update(local.caseId, change.case, change.note);
  }

  return {
    apply(change: Change): void {
      if (change.origin?.clientId === deps.clientId) return;
      const local = resolve(change.case.ref);
      if (!local) {
        const refusal = change.kind === 'removed' ? 'unknownCase' : deps.platformCases.refusalOf(change.case);
        if (refusal) return void logger.warn('sync.changeRefused', { reason: refusal, ref: change.case.ref, changeNo: change.changeNo });
        const created = deps.platformCases.insert(change.case, change.note);
        store.saveRef(created.id, change.case.ref);
        return;
      }
      if (store.hasWaiting(local.caseId)) return store.hold(local.caseId, change);
      applyToKnown(local, change);
    },
    /** The room's actions on a case are all answered: the platform's held version wins if it is newer than the last answer. */
    release(caseId: number): void {
      if (store.hasWaiting(caseId)) return;
      const held = store.takeHeld(caseId);
      if (!held || held.changeNo < store.lastAnswerFor(caseId)) return;
      const local = resolve(held.case.ref);
      if (local) applyToKnown(local, held);
    },
  };
}
export type ChangeApplier = ReturnType<typeof createChangeApplier>;
