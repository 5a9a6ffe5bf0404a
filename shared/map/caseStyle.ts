import { isOverdue, supervisionLevel, type Case, type CaseStatus } from '../domain/case';

/**
 * How the map tells cases apart at a glance. Fill colour: the clock
 * (overdue red, supervised by the director magenta, close to the deadline
 * amber, otherwise calm); ring: whose move it is (the room's, a department's,
 * or the verifier's).
 */
export type DeadlineState = 'overdue' | 'supervised' | 'dueSoon' | 'normal';
export type StatusGroup = 'room' | 'department' | 'verify';

export function deadlineState(item: Case, now: number): DeadlineState {
  if (isOverdue(item, now)) return 'overdue';
  if (item.supervisionManual > 0) return 'supervised';
  // The ladder's second step: 80 % of the time limit used.
  if (supervisionLevel(item, now) >= 2) return 'dueSoon';
  return 'normal';
}

export function statusGroup(status: CaseStatus): StatusGroup {
  if (status === 'dispatched' || status === 'inProgress') return 'department';
  if (status === 'reportedBack') return 'verify';
  return 'room';
}
