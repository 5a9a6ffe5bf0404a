import type { CaseStatus } from './case';

/**
 * The case lifecycle of the standard digital-urban-management workflow, as
 * data: which action may be taken in which status, by whom, what it needs,
 * and where it leads. Supervision, overdue and urgency are flags, not
 * statuses; they are changed by their own actions in any open status.
 */
export const caseActions = [
  'verify',
  'register',
  'void',
  'merge',
  'dispatch',
  'startHandling',
  'returnCase',
  'reportBack',
  'close',
  'rework',
  'requestExtension',
  'approveExtension',
  'refuseExtension',
  'hang',
  'resume',
  'reopen',
  'addHelpers',
  'recordHelperProgress',
  'supervise',
] as const;
export type CaseAction = (typeof caseActions)[number];

export type OperatorRole = 'operator' | 'director';

interface ActionRule {
  from: readonly CaseStatus[];
  /** The status after the action; `null` keeps the current one. */
  to: CaseStatus | null;
  /** Approvals and irreversible decisions belong to the duty director. */
  director?: boolean;
  reason?: boolean;
}

const open: readonly CaseStatus[] = ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack'];
const beingHandled: readonly CaseStatus[] = ['dispatched', 'inProgress'];

export const actionRules: Record<CaseAction, ActionRule> = {
  verify: { from: ['reported'], to: 'verifying' },
  register: { from: ['reported', 'verifying'], to: 'registered' },
  void: { from: ['reported', 'verifying', 'registered'], to: 'voided', director: true, reason: true },
  merge: { from: ['reported', 'verifying', 'registered'], to: 'merged' },
  dispatch: { from: ['registered'], to: 'dispatched' },
  startHandling: { from: ['dispatched'], to: 'inProgress' },
  returnCase: { from: beingHandled, to: 'registered', reason: true },
  reportBack: { from: beingHandled, to: 'reportedBack' },
  close: { from: ['reportedBack'], to: 'closed' },
  rework: { from: ['reportedBack'], to: 'inProgress', reason: true },
  requestExtension: { from: beingHandled, to: null, reason: true },
  approveExtension: { from: beingHandled, to: null, director: true },
  refuseExtension: { from: beingHandled, to: null, director: true, reason: true },
  hang: { from: beingHandled, to: 'hung', director: true, reason: true },
  resume: { from: ['hung'], to: 'inProgress', director: true },
  reopen: { from: ['closed', 'voided'], to: 'registered', reason: true },
  addHelpers: { from: beingHandled, to: null },
  recordHelperProgress: { from: beingHandled, to: null },
  supervise: { from: open, to: null },
};

export type TransitionRefusal =
  | { kind: 'notAllowedInStatus'; status: CaseStatus; action: CaseAction; allowed: CaseAction[] }
  | { kind: 'directorOnly'; action: CaseAction }
  | { kind: 'reasonRequired'; action: CaseAction };

/** Everything the given role may do to a case in this status, in workflow order. */
export function allowedActions(status: CaseStatus, role: OperatorRole): CaseAction[] {
  return caseActions.filter((action) => {
    const rule = actionRules[action];
    return rule.from.includes(status) && (!rule.director || role === 'director');
  });
}

/** Checks one action; on refusal says why and what is possible instead. */
export function checkTransition(
  status: CaseStatus,
  action: CaseAction,
  role: OperatorRole,
  reason: string | null | undefined,
): { ok: true; to: CaseStatus } | { ok: false; refusal: TransitionRefusal } {
  const rule = actionRules[action];
  if (!rule.from.includes(status)) {
    return { ok: false, refusal: { kind: 'notAllowedInStatus', status, action, allowed: allowedActions(status, role) } };
  }
  if (rule.director && role !== 'director') return { ok: false, refusal: { kind: 'directorOnly', action } };
  if (rule.reason && !reason?.trim()) return { ok: false, refusal: { kind: 'reasonRequired', action } };
  return { ok: true, to: rule.to ?? status };
}

/** Assignments: one record per department on a case (lead + helpers of a joint operation). */
export const assignmentStatuses = ['dispatched', 'inProgress', 'reportedBack', 'returned'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export type AssignmentRole = 'lead' | 'helper';
