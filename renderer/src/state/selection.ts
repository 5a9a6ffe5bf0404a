import type { CaseFilter } from '../../../shared/contract/contract';
import type { CoreBridge } from '../bridge/bridge';
import type { WallStore } from './wallStore';

/**
 * Selecting a case is this window's business first (it shows at once) and
 * its console's next: the core is told, and the map and the other windows
 * follow its event. While one selection is on its way only the latest
 * waiting one is sent after it, so holding ↓ in the queue does not queue up
 * a selection per row for the map to fly through.
 */
const senders = new WeakMap<WallStore, (caseId: number | null) => void>();

export function selectCase(bridge: CoreBridge, store: WallStore, caseId: number | null): void {
  store.getState().caseSelected(caseId);
  // A presentation window is read-only and follows the room; it does not lead it.
  if (store.getState().session?.audience !== 'operator') return;
  let send = senders.get(store);
  if (!send) {
    send = latestWins((id) => bridge.request('selection.set', { caseId: id, origin: store.getState().origin }, 'mouse'));
    senders.set(store, send);
  }
  send(caseId);
}

function latestWins(send: (caseId: number | null) => Promise<unknown>): (caseId: number | null) => void {
  let inFlight = false;
  let waiting: { caseId: number | null } | null = null;
  const next = (caseId: number | null) => {
    inFlight = true;
    // A refused selection (the case is gone) leaves this window's own choice as it is.
    void send(caseId)
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        const queued = waiting;
        waiting = null;
        if (queued) next(queued.caseId);
      });
  };
  return (caseId) => {
    if (inFlight) waiting = { caseId };
    else next(caseId);
  };
}

/** The queue's filters, told to its console a moment after the operator stops changing them (typing a search). */
export function shareFilter(bridge: CoreBridge, store: WallStore, filter: CaseFilter | null): void {
  if (store.getState().session?.audience !== 'operator') return;
  void bridge.request('filter.share', { filter, origin: store.getState().origin }, 'mouse').catch(() => undefined);
}
