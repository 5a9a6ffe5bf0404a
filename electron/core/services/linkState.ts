import type { CaseFilter } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import type { CaseSelection, SharedFilter } from '../../../shared/map/linkState';
import type { WindowRole } from '../../../shared/wall/roles';
import { CoreError } from '../errors';
import type { EventHub } from '../runtime/eventHub';

/** Groups come from URLs; past this many the least recently used is forgotten (a typo must not grow the core). */
const maxGroups = 64;

interface Group {
  selection: CaseSelection | null;
  filter: SharedFilter<CaseFilter> | null;
}

/**
 * What each console's windows share through the core: the selected case and
 * the queue's filters. It is the room's working state, not its record: kept
 * in memory (a restarted core starts with nothing selected), never audited,
 * and set without a sign-in (a wall map nobody signed in at still selects).
 */
export function createLinkState(deps: { hub: EventHub; clock: () => number; caseById: (id: number) => Case | null }) {
  const groups = new Map<string, Group>();

  function groupNamed(name: string): Group {
    let group = groups.get(name);
    if (group) {
      groups.delete(name);
    } else {
      group = { selection: null, filter: null };
      if (groups.size >= maxGroups) groups.delete(groups.keys().next().value!);
    }
    groups.set(name, group);
    return group;
  }

  return {
    get(name: string): Group {
      return groups.get(name) ?? { selection: null, filter: null };
    },
    /** Selects a case (or none) for a console; its windows and map follow the event. */
    select(name: string, caseId: number | null, origin: string | null, role: WindowRole | null): CaseSelection | null {
      let selection: CaseSelection | null = null;
      if (caseId !== null) {
        const item = deps.caseById(caseId);
        if (!item) throw new CoreError('notFound', { id: caseId });
        selection = { caseId, number: item.number, lngLat: item.lngLat, approximate: item.locationApproximate, gridId: item.gridId, at: deps.clock(), origin, role };
      }
      const group = groupNamed(name);
      // Selecting what is already selected says nothing new: no event (keyboard repeat, a second click).
      if (group.selection?.caseId === selection?.caseId && (selection === null || sameSpot(group.selection, selection))) return group.selection;
      group.selection = selection;
      deps.hub.emit('selection.changed', { group: name, selection });
      return selection;
    },
    shareFilter(name: string, filter: CaseFilter | null, origin: string): void {
      const group = groupNamed(name);
      if (JSON.stringify(group.filter?.filter ?? null) === JSON.stringify(filter)) return;
      group.filter = filter ? { filter, origin, at: deps.clock() } : null;
      deps.hub.emit('filter.changed', { group: name, filter: group.filter });
    },
  };
}
export type LinkState = ReturnType<typeof createLinkState>;

const sameSpot = (a: CaseSelection | null, b: CaseSelection) => a !== null && a.lngLat?.[0] === b.lngLat?.[0] && a.lngLat?.[1] === b.lngLat?.[1] && a.gridId === b.gridId;
