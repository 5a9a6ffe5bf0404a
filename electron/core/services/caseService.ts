import type { ParsedArgsOf } from '../../../shared/contract/contract';
import type { InputKind } from '../../../shared/contract/messages';
import type { Case } from '../../../shared/domain/case';
import { formatCaseNumber, roomDayKey } from '../../../shared/domain/caseNumber';
import type { LngLat } from '../../../shared/domain/district';
import { CoreError } from '../errors';
import type { CaseStore } from '../store/caseStore';
import type { Db } from '../store/database';
import type { ReferenceIndex } from './referenceIndex';

/** Who acts and through which input; recorded with every change. */
export interface Actor {
  id: string;
  input: InputKind;
}

export type CaseChange = { change: 'created' | 'updated'; case: Case };

/**
 * Every write follows one shape: validate against reference data, then in ONE
 * transaction change the case, append its audit event and its outbox record.
 * Only after the commit is the change announced to windows.
 */
export function createCaseService(deps: {
  db: Db;
  cases: CaseStore;
  reference: () => ReferenceIndex;
  clock: () => number;
  announce: (change: CaseChange) => void;
}) {
  const { db, cases, clock, announce } = deps;

  /** Records the audit event and the outbox row for a change made inside the caller's transaction. */
  function record(caseId: number, actor: Actor, kind: string, data: unknown, at: number): Case {
    cases.appendEvent({ caseId, at, actor: actor.id, input: actor.input, kind, data });
    const current = cases.get(caseId)!;
    cases.appendOutbox(at, `case.${kind}`, current);
    return current;
  }

  return {
    create(draft: ParsedArgsOf<'case.create'>, actor: Actor, reportedAt?: number): Case {
      const reference = deps.reference();
      const category = reference.category(draft.categoryCode);
      if (!category) throw new CoreError('unknownCategory', { code: draft.categoryCode }, [
        { path: 'categoryCode', message: 'categoryCode' },
      ]);
      if (!reference.source(draft.sourceId)) throw new CoreError('unknownSource', { id: draft.sourceId }, [
        { path: 'sourceId', message: 'sourceId' },
      ]);

      let lngLat: LngLat | null = draft.lngLat;
      let address = draft.address;
      if (!lngLat && draft.placeId) {
        const place = reference.place(draft.placeId);
        if (!place) throw new CoreError('unknownPlace', { id: draft.placeId });
        lngLat = place.lngLat;
        if (!address) address = place.name.zh;
      }
      const assignment = lngLat ? reference.locate(lngLat) : null;
      if (lngLat && !assignment) throw new CoreError('outsideDistrict');

      const at = reportedAt ?? clock();
      const created = db.transaction(() => {
        const number = formatCaseNumber(roomDayKey(at), cases.nextSerial(roomDayKey(at)));
        const id = cases.insert({
          number,
          description: draft.description,
          categoryCode: category.code,
          sourceId: draft.sourceId,
          status: 'reported',
          urgent: draft.urgent || category.urgentByDefault,
          lngLat,
          gridId: assignment?.gridId ?? null,
          workstationId: assignment?.workstationId ?? null,
          subDistrictId: assignment?.subDistrictId ?? null,
          address,
          leadDepartmentId: category.leadDepartmentId,
          reportedAt: at,
          dispatchedAt: null,
          closedAt: null,
          updatedAt: at,
          reporter: draft.reporter && (draft.reporter.name || draft.reporter.phone) ? draft.reporter : null,
        });
        return record(id, actor, 'created', { draft }, at);
      })();
      announce({ change: 'created', case: created });
      return created;
    },

    setUrgent(caseId: number, urgent: boolean, actor: Actor): Case {
      const current = cases.get(caseId);
      if (!current) throw new CoreError('notFound', { id: caseId });
      if (current.urgent === urgent) return current;
      const at = clock();
      const updated = db.transaction(() => {
        cases.setUrgent(caseId, urgent, at);
        return record(caseId, actor, urgent ? 'markedUrgent' : 'clearedUrgent', {}, at);
      })();
      announce({ change: 'updated', case: updated });
      return updated;
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
