import type { TimelineEntry } from '../../shared/contract/contract';
import type { EventMessage } from '../../shared/contract/messages';
import type { Audience, Case } from '../../shared/domain/case';
import { percent, type Fraction } from '../../shared/domain/kpi';
import type { VisibleCount, VisiblePercent } from '../../shared/presentation/figures';

/**
 * What each audience may receive, written once. Operators see everything.
 * A public window (visitors, or a wall window in presentation mode) gets an
 * allow-list: categories, places by grid, statuses, departments and times —
 * never the reporter, free text (people type names, phone numbers and flat
 * numbers into descriptions, addresses, notes and reasons), operator names
 * or pictures. Applied in the core, before anything leaves it.
 */

function publicCase(item: Case): Case {
  return {
    id: item.id,
    number: item.number,
    description: '',
    categoryCode: item.categoryCode,
    sourceId: item.sourceId,
    status: item.status,
    urgent: item.urgent,
    lngLat: item.lngLat,
    locationApproximate: item.locationApproximate,
    gridId: item.gridId,
    workstationId: item.workstationId,
    subDistrictId: item.subDistrictId,
    address: '',
    leadDepartmentId: item.leadDepartmentId,
    reportedAt: item.reportedAt,
    dispatchedAt: item.dispatchedAt,
    closedAt: item.closedAt,
    updatedAt: item.updatedAt,
    reporter: null,
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
    pendingExtension: null,
    satisfaction: item.satisfaction,
    assignments: item.assignments.map((assignment) => ({ ...assignment, note: '' })),
  };
}

export function projectCase(item: Case, audience: Audience): Case {
  return audience === 'operator' ? item : publicCase(item);
}

export function projectCases(items: readonly Case[], audience: Audience): Case[] {
  return audience === 'operator' ? [...items] : items.map(publicCase);
}

/** A timeline for the public: what happened and when, not who or why. */
export function projectTimeline(entries: readonly TimelineEntry[], audience: Audience): TimelineEntry[] {
  if (audience === 'operator') return [...entries];
  return entries.map((entry) => ({ ...entry, actor: '', actorName: '', data: {} }));
}

/** Photos may show people: only operators receive them. */
export const mayReceivePictures = (audience: Audience) => audience === 'operator';

/** Below this many cases a count or a rate can point at a person (a grid, a day): visitors see "<3" or nothing. */
export const smallestPublicCount = 3;

/** A count for visitors: 1 and 2 read "<3"; 0 and 3 on are exact. */
export function publicCount(count: number): VisibleCount {
  return count > 0 && count < smallestPublicCount ? '<3' : count;
}

/** A rate for visitors, in percent: withheld when it rests on fewer than 3 cases. */
export function publicPercent(rate: Fraction): VisiblePercent {
  return rate.denominator < smallestPublicCount ? null : percent(rate);
}

/**
 * Events, projected the same way before a host sends them to a window. A
 * public window hears that a case or the video wall changed — with the
 * case's major category, so the live counts move — but nothing of the case
 * (not even its place or number): "new cases appear as counts and
 * categories, never as details". Its event numbers stay gap-free.
 */
export function projectEvent(message: EventMessage, audience: Audience): EventMessage {
  if (audience === 'operator') return message;
  if (message.event === 'case.changed') {
    return { event: 'presentation.pulse', seq: message.seq, payload: { kind: 'case', majorCode: message.payload.case.categoryCode.slice(0, 3) } };
  }
  if (message.event === 'video.changed') return { event: 'presentation.pulse', seq: message.seq, payload: { kind: 'video', majorCode: null } };
  return message;
}
