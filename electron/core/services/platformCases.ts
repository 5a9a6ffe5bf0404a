import type { Case } from '../../../shared/domain/case';
import { formatCaseNumber, roomDayKey } from '../../../shared/domain/caseNumber';
import { isOpen } from '../../../shared/domain/case';
import type { SyncCase } from '../../../shared/sync/protocol';
import type { CasePatch, CaseStore } from '../store/caseStore';
import type { CaseChange } from './caseService';
import type { ReferenceIndex } from './referenceIndex';

/** The platform, as the actor the audit trail names for what came from the district. */
export const platformActor = { id: 'platform', input: 'system' } as const;

export type PlatformCaseRefusal = 'unknownCategory' | 'unknownSource';

/**
 * Cases as the district platform has them, written into the room's database
 * inside the downlink's transaction: a new case gets the room's own number
 * (the one people read aloud here), a known one takes the district's
 * status; each with its audit event and no outbox row (it came from there).
 * Announced like every other change, so every window shows it.
 */
export function createPlatformCases(deps: { cases: CaseStore; reference: () => ReferenceIndex; clock: () => number; announce: (change: CaseChange) => void }) {
  const { cases } = deps;

  function refusalOf(item: SyncCase): PlatformCaseRefusal | null {
    if (!deps.reference().category(item.categoryCode)) return 'unknownCategory';
    if (!deps.reference().source(item.sourceId)) return 'unknownSource';
    return null;
  }

  return {
    refusalOf,
    /** Writes a case the room did not have; returns its local id. */
    insert(item: SyncCase, note: string | null): Case {
      const now = deps.clock();
      // The room places the case on its own grids, whatever the platform's copy says.
      const place = item.lngLat ? deps.reference().locate(item.lngLat) : null;
      const day = roomDayKey(now);
      const id = cases.insert({
        number: formatCaseNumber(day, cases.serials.next(day)),
        description: item.description,
        categoryCode: item.categoryCode,
        sourceId: item.sourceId,
        status: item.status,
        urgent: item.urgent,
        lngLat: place ? item.lngLat : null,
        gridId: place?.gridId ?? null,
        workstationId: place?.workstationId ?? null,
        subDistrictId: place?.subDistrictId ?? item.subDistrictId,
        address: item.address,
        leadDepartmentId: item.leadDepartmentId ?? deps.reference().category(item.categoryCode)?.leadDepartmentId ?? null,
        reportedAt: item.reportedAt,
        dispatchedAt: item.dispatchedAt,
        closedAt: item.closedAt,
        updatedAt: now,
        reporter: item.reporter,
      });
      cases.audit.append({ caseId: id, at: now, actor: platformActor.id, input: platformActor.input, kind: 'receivedFromPlatform', data: { ref: item.ref, platformNumber: item.number, note } });
      const created = cases.get(id)!;
      deps.announce({ change: 'created', case: created });
      return created;
    },
    /** Takes the district's version of a case the room has (its status and who handles it). */
    update(caseId: number, item: SyncCase, note: string | null): Case {
      const current = cases.get(caseId)!;
      const patch: CasePatch = { status: item.status, urgent: item.urgent, closedAt: item.closedAt };
      if (item.leadDepartmentId) patch.leadDepartmentId = item.leadDepartmentId;
      if (item.dispatchedAt !== null) patch.dispatchedAt = item.dispatchedAt;
      return write(current, patch, 'updatedFromPlatform', { ref: item.ref, from: current.status, to: item.status, note });
    },
    /** The district handed the case to another sub-centre: it leaves this room's open work, saying why. */
    removed(caseId: number, item: SyncCase, note: string | null): Case {
      const current = cases.get(caseId)!;
      const patch: CasePatch = isOpen(current.status) ? { status: 'voided' } : {};
      return write(current, patch, 'transferredAway', { ref: item.ref, from: current.status, to: patch.status ?? current.status, note });
    },
  };

  function write(current: Case, patch: CasePatch, kind: string, data: Record<string, unknown>): Case {
    const now = Math.max(deps.clock(), current.updatedAt + 1);
    cases.patch(current.id, patch, now);
    cases.audit.append({ caseId: current.id, at: now, actor: platformActor.id, input: platformActor.input, kind, data });
    const updated = cases.get(current.id)!;
    deps.announce({ change: 'updated', case: updated });
    return updated;
  }
}
export type PlatformCases = ReturnType<typeof createPlatformCases>;
