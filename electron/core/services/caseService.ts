import type { CaseActionArgs, ParsedArgsOf } from '../../../shared/contract/contract';
import type { Assignment, Case } from '../../../shared/domain/case';
import { formatCaseNumber, roomDayKey } from '../../../shared/domain/caseNumber';
import type { LngLat } from '../../../shared/domain/district';
import { geocode } from '../../../shared/domain/gazetteer';
import { actionRules, checkTransition } from '../../../shared/domain/lifecycle';
import type { WorkCalendar } from '../../../shared/domain/workCalendar';
import { CoreError } from '../errors';
import type { CasePatch, CaseStore } from '../store/caseStore';
import type { Db } from '../store/database';
import type { UnitOfWork } from '../runtime/unitOfWork';
import type { Actor } from './actors';
import type { ReferenceIndex } from './referenceIndex';

export type { Actor } from './actors';

export type CaseChange = { change: 'created' | 'updated'; case: Case };

/** A report may be dated a little in the future only by clock drift between PCs. */
const clockToleranceMs = 60_000;

interface Step {
  patch: CasePatch;
  assignments?: { clear?: boolean; put?: Assignment[] };
  /** What the audit event records besides the reason. */
  data?: Record<string, unknown>;
  /** Another case changed by the same step (the parent of a merge). */
  alsoTouches?: { caseId: number; kind: string; data: Record<string, unknown> };
}

/**
 * Every write follows one shape: check the lifecycle and the reference data,
 * then in ONE transaction change the case, append its audit event and its
 * outbox record. Only after the commit is the change announced to windows.
 */
export function createCaseService(deps: {
  db: Db;
  cases: CaseStore;
  reference: () => ReferenceIndex;
  calendar: () => WorkCalendar;
  clock: () => number;
  /** Announces a change; inside a unit of work it goes out after the commit. */
  announce: (change: CaseChange) => void;
  unitOfWork: UnitOfWork;
}) {
  const { db, cases, clock, announce } = deps;

  /** Records the audit event and the outbox row for a change made inside the caller's transaction. */
  function record(caseId: number, actor: Actor, kind: string, data: unknown, at: number): Case {
    cases.audit.append({ caseId, at, actor: actor.id, input: actor.input, kind, data });
    const current = cases.get(caseId)!;
    cases.outbox.append(at, `case.${kind}`, current, caseId);
    return current;
  }

  /** Where a new case is: the point given, else the gazetteer's place or address (approximate), else nowhere yet. */
  function locate(draft: ParsedArgsOf<'case.create'>): { lngLat: LngLat | null; address: string; approximate: boolean } {
    const reference = deps.reference();
    if (draft.lngLat) {
      if (!reference.locate(draft.lngLat)) throw new CoreError('outsideDistrict');
      return { lngLat: draft.lngLat, address: draft.address, approximate: false };
    }
    if (draft.placeId) {
      const place = reference.place(draft.placeId);
      if (!place) throw new CoreError('unknownPlace', { id: draft.placeId });
      return { lngLat: place.lngLat, address: draft.address || place.name.zh, approximate: true };
    }
    // No coordinates given: the gazetteer may know the address or a place named in the text.
    const hit = geocode(`${draft.address} ${draft.description}`, reference.data.geography);
    if (hit && reference.locate(hit.lngLat)) return { lngLat: hit.lngLat, address: draft.address || hit.name, approximate: true };
    return { lngLat: null, address: draft.address, approximate: false };
  }

  /** Deadline and supervision ladder, counted in working time from dispatch, minus time spent hung. */
  function schedule(dispatchedAt: number, timeLimitMs: number, pausedWorkingMs: number) {
    const calendar = deps.calendar();
    const at = (share: number) => calendar.addWorkingTime(dispatchedAt, Math.round(share * timeLimitMs) + pausedWorkingMs);
    return { deadlineAt: at(1), ladderAt: [at(0.5), at(0.8)] as [number, number] };
  }

  function requireDepartments(ids: readonly string[]): void {
    const known = new Set(deps.reference().data.departments.map((department) => department.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new CoreError('unknownDepartment', { id: unknown }, [{ path: 'departmentId', message: 'departmentId' }]);
  }

  function assignment(departmentId: string, role: Assignment['role'], status: Assignment['status'], at: number, note = ''): Assignment {
    return { departmentId, role, status, assignedAt: at, updatedAt: at, note };
  }

  function updatedAssignment(item: Case, departmentId: string, status: Assignment['status'], at: number, note: string): Assignment[] {
    const current = item.assignments.find((entry) => entry.departmentId === departmentId);
    return current ? [{ ...current, status, updatedAt: at, note: note || current.note }] : [];
  }

  function leadProgress(item: Case, status: Assignment['status'], at: number, note: string) {
    return item.leadDepartmentId ? updatedAssignment(item, item.leadDepartmentId, status, at, note) : [];
  }

  /** What each action changes, once the lifecycle has allowed it. */
  function plan(item: Case, args: CaseActionArgs, actor: Actor, at: number): Step {
    const reason = args.reason;
    switch (args.action) {
      case 'verify':
      case 'register':
      case 'void':
        return { patch: {} };
      case 'merge': {
        const parent = cases.get(args.parentId);
        if (!parent || parent.id === item.id || actionRules.merge.from.concat('dispatched', 'inProgress', 'reportedBack').indexOf(parent.status) < 0) {
          throw new CoreError('mergeTarget', { id: args.parentId });
        }
        return {
          patch: { mergedInto: parent.id },
          data: { parentId: parent.id, parentNumber: parent.number },
          alsoTouches: { caseId: parent.id, kind: 'absorbedDuplicate', data: { childId: item.id, childNumber: item.number } },
        };
      }
      case 'dispatch': {
        const helpers = [...new Set(args.helperDepartmentIds.filter((id) => id !== args.leadDepartmentId))];
        requireDepartments([args.leadDepartmentId, ...helpers]);
        const category = deps.reference().category(item.categoryCode);
        if (!category) throw new CoreError('unknownCategory', { code: item.categoryCode });
        const timeLimitMs = deps.calendar().limitMs(category.timeLimit);
        return {
          patch: { leadDepartmentId: args.leadDepartmentId, dispatchedAt: at, timeLimitMs, pausedWorkingMs: 0, hungAt: null, ...schedule(at, timeLimitMs, 0) },
          assignments: {
            clear: true,
            put: [assignment(args.leadDepartmentId, 'lead', 'dispatched', at), ...helpers.map((id) => assignment(id, 'helper', 'dispatched', at))],
          },
          data: { leadDepartmentId: args.leadDepartmentId, helperDepartmentIds: helpers, timeLimit: category.timeLimit },
        };
      }
      case 'startHandling':
        return { patch: {}, assignments: { put: leadProgress(item, 'inProgress', at, '') } };
      case 'returnCase':
        return {
          patch: { returnCount: item.returnCount + 1, deadlineAt: null, ladderAt: null, timeLimitMs: null, pendingExtension: null },
          assignments: { put: leadProgress(item, 'returned', at, reason) },
          data: { departmentId: item.leadDepartmentId },
        };
      case 'reportBack':
        return { patch: { firstReportedBackAt: item.firstReportedBackAt ?? at }, assignments: { put: leadProgress(item, 'reportedBack', at, reason) } };
      case 'close':
        return { patch: { closedAt: at, satisfaction: args.satisfaction }, data: { satisfaction: args.satisfaction } };
      case 'rework':
        return { patch: { reworkCount: item.reworkCount + 1 }, assignments: { put: leadProgress(item, 'inProgress', at, reason) } };
      case 'requestExtension':
        return { patch: { pendingExtension: { limit: args.limit, reason, requestedBy: actor.id, requestedAt: at } }, data: { limit: args.limit } };
      case 'approveExtension': {
        if (!item.pendingExtension || item.timeLimitMs === null || item.dispatchedAt === null) throw new CoreError('noPendingExtension');
        const timeLimitMs = item.timeLimitMs + deps.calendar().limitMs(item.pendingExtension.limit);
        return {
          patch: { timeLimitMs, extensionCount: item.extensionCount + 1, pendingExtension: null, ...schedule(item.dispatchedAt, timeLimitMs, item.pausedWorkingMs) },
          data: { limit: item.pendingExtension.limit },
        };
      }
      case 'refuseExtension':
        if (!item.pendingExtension) throw new CoreError('noPendingExtension');
        return { patch: { pendingExtension: null } };
      case 'hang':
        return { patch: { hungAt: at } };
      case 'resume': {
        const pausedWorkingMs = item.pausedWorkingMs + (item.hungAt === null ? 0 : deps.calendar().workingMsBetween(item.hungAt, at));
        const rescheduled = item.dispatchedAt !== null && item.timeLimitMs !== null ? schedule(item.dispatchedAt, item.timeLimitMs, pausedWorkingMs) : {};
        return { patch: { hungAt: null, pausedWorkingMs, ...rescheduled }, data: { pausedWorkingMs } };
      }
      case 'reopen':
        return { patch: { closedAt: null, mergedInto: null, deadlineAt: null, ladderAt: null, timeLimitMs: null, pendingExtension: null } };
      case 'addHelpers': {
        const existing = new Set(item.assignments.filter((entry) => entry.status !== 'returned').map((entry) => entry.departmentId));
        const added = [...new Set(args.helperDepartmentIds)].filter((id) => !existing.has(id));
        requireDepartments(added);
        return { patch: {}, assignments: { put: added.map((id) => assignment(id, 'helper', 'dispatched', at)) }, data: { helperDepartmentIds: added } };
      }
      case 'recordHelperProgress': {
        const record = item.assignments.find((entry) => entry.departmentId === args.departmentId && entry.role === 'helper');
        if (!record) throw new CoreError('unknownDepartment', { id: args.departmentId });
        return { patch: {}, assignments: { put: updatedAssignment(item, args.departmentId, args.progress, at, reason) }, data: { departmentId: args.departmentId, progress: args.progress } };
      }
      case 'supervise':
        return { patch: { supervisionManual: args.level }, data: { level: args.level } };
    }
  }

  return {
    /**
     * Several steps as one transaction (a spoken order: create, register,
     * dispatch): all are written or none, and windows hear of them only
     * after the commit.
     */
    batch<T>(steps: () => T): T {
      return deps.unitOfWork.run(steps);
    },

    /**
     * Puts a case back as it was before an action (undo). Refused when the
     * case changed since, so an undo never overwrites someone else's work.
     */
    restore(caseId: number, before: CaseSnapshot, expectedLastEventId: number | null, actor: Actor, data: Record<string, unknown>): Case {
      const current = cases.get(caseId);
      if (!current) throw new CoreError('notFound', { id: caseId });
      if (cases.audit.lastIdOfCase(caseId) !== expectedLastEventId) throw new CoreError('undoConflict');
      const at = Math.max(clock(), current.updatedAt + 1);
      const restored = db.transaction(() => {
        cases.patch(caseId, before.patch, at);
        cases.clearAssignments(caseId);
        for (const entry of before.assignments) cases.putAssignment(caseId, entry);
        return record(caseId, actor, 'undone', { ...data, from: current.status, to: before.patch.status }, at);
      })();
      announce({ change: 'updated', case: restored });
      return restored;
    },

    create(draft: ParsedArgsOf<'case.create'>, actor: Actor): Case {
      const reference = deps.reference();
      const category = reference.category(draft.categoryCode);
      if (!category) throw new CoreError('unknownCategory', { code: draft.categoryCode }, [{ path: 'categoryCode', message: 'categoryCode' }]);
      if (!reference.source(draft.sourceId)) throw new CoreError('unknownSource', { id: draft.sourceId }, [{ path: 'sourceId', message: 'sourceId' }]);
      const now = clock();
      if (draft.reportedAt !== null && draft.reportedAt > now + clockToleranceMs) {
        throw new CoreError('futureTimestamp', {}, [{ path: 'reportedAt', message: 'reportedAt' }]);
      }
      const { lngLat, address, approximate } = locate(draft);
      const assignment = lngLat ? reference.locate(lngLat) : null;
      const reportedAt = draft.reportedAt ?? now;

      const created = db.transaction(() => {
        const number = formatCaseNumber(roomDayKey(now), cases.serials.next(roomDayKey(now)));
        const id = cases.insert({
          number,
          description: draft.description,
          categoryCode: category.code,
          sourceId: draft.sourceId,
          status: 'reported',
          urgent: draft.urgent || category.urgentByDefault,
          lngLat,
          locationApproximate: approximate,
          gridId: assignment?.gridId ?? null,
          workstationId: assignment?.workstationId ?? null,
          subDistrictId: assignment?.subDistrictId ?? null,
          address,
          leadDepartmentId: category.leadDepartmentId,
          reportedAt,
          dispatchedAt: null,
          closedAt: null,
          updatedAt: now,
          reporter: draft.reporter && (draft.reporter.name || draft.reporter.phone) ? draft.reporter : null,
        });
        return record(id, actor, 'created', { draft }, now);
      })();
      announce({ change: 'created', case: created });
      return created;
    },

    /** One lifecycle step (see shared/domain/lifecycle.ts): checked, planned, written in one transaction. */
    act(args: CaseActionArgs, actor: Actor): Case {
      const item = cases.get(args.caseId);
      if (!item) throw new CoreError('notFound', { id: args.caseId });
      const check = checkTransition(item.status, args.action, actor.role, args.reason);
      if (!check.ok) {
        const refusal = check.refusal;
        if (refusal.kind === 'notAllowedInStatus') {
          throw new CoreError('illegalTransition', { status: refusal.status, action: refusal.action, allowed: refusal.allowed.join(',') });
        }
        throw new CoreError(refusal.kind, { action: refusal.action }, refusal.kind === 'reasonRequired' ? [{ path: 'reason', message: 'reason' }] : undefined);
      }
      const at = clock();
      const step = plan(item, args, actor, at);
      const statusChange: CasePatch = check.to !== item.status ? { status: check.to } : {};

      const touched: Case[] = [];
      const updated = db.transaction(() => {
        cases.patch(item.id, { ...step.patch, ...statusChange }, at);
        if (step.assignments?.clear) cases.clearAssignments(item.id);
        for (const entry of step.assignments?.put ?? []) cases.putAssignment(item.id, entry);
        if (step.alsoTouches) {
          cases.patch(step.alsoTouches.caseId, {}, at);
          touched.push(record(step.alsoTouches.caseId, actor, step.alsoTouches.kind, step.alsoTouches.data, at));
        }
        return record(item.id, actor, args.action, { ...step.data, reason: args.reason, from: item.status, to: check.to }, at);
      })();
      announce({ change: 'updated', case: updated });
      for (const other of touched) announce({ change: 'updated', case: other });
      return updated;
    },

    setUrgent(caseId: number, urgent: boolean, actor: Actor): Case {
      const current = cases.get(caseId);
      if (!current) throw new CoreError('notFound', { id: caseId });
      if (current.urgent === urgent) return current;
      const at = clock();
      const updated = db.transaction(() => {
        cases.patch(caseId, { urgent }, at);
        return record(caseId, actor, urgent ? 'markedUrgent' : 'clearedUrgent', {}, at);
      })();
      announce({ change: 'updated', case: updated });
      return updated;
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;

/** Everything an action can change on a case, to put it back. */
export interface CaseSnapshot {
  patch: Required<CasePatch>;
  assignments: Assignment[];
}

export function snapshotOf(item: Case): CaseSnapshot {
  return {
    patch: {
      status: item.status,
      urgent: item.urgent,
      leadDepartmentId: item.leadDepartmentId,
      dispatchedAt: item.dispatchedAt,
      closedAt: item.closedAt,
      deadlineAt: item.deadlineAt,
      ladderAt: item.ladderAt,
      timeLimitMs: item.timeLimitMs,
      pausedWorkingMs: item.pausedWorkingMs,
      hungAt: item.hungAt,
      firstReportedBackAt: item.firstReportedBackAt,
      supervisionManual: item.supervisionManual,
      returnCount: item.returnCount,
      reworkCount: item.reworkCount,
      extensionCount: item.extensionCount,
      mergedInto: item.mergedInto,
      pendingExtension: item.pendingExtension,
      satisfaction: item.satisfaction,
    },
    assignments: item.assignments,
  };
}
