import { z } from 'zod';
import { assignmentStatuses } from './lifecycle';

/**
 * The standard digital-urban-management workflow. Supervision, overdue and
 * urgency are flags, not states (see FIELD-NOTES.md).
 */
export const caseStatuses = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'inProgress',
  'reportedBack',
  'closed',
  'voided',
  'merged',
  'hung',
] as const;
export const CaseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Statuses that still need someone in the room to act. */
export const openStatuses: readonly CaseStatus[] = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'inProgress',
  'reportedBack',
];

export function isOpen(status: CaseStatus): boolean {
  return openStatuses.includes(status);
}

export const LngLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** Personal data: only operator windows ever receive it. */
export const ReporterSchema = z.object({
  name: z.string().trim().max(40),
  phone: z.string().trim().regex(/^[0-9+\- ]{0,20}$/, { message: 'phone' }),
});
export type Reporter = z.infer<typeof ReporterSchema>;

/** One department's record on a case; a joint operation has one per unit. */
export const AssignmentSchema = z.object({
  departmentId: z.string(),
  role: z.enum(['lead', 'helper']),
  status: z.enum(assignmentStatuses),
  assignedAt: z.number().int(),
  updatedAt: z.number().int(),
  note: z.string(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const TimeLimitSchema = z.object({ value: z.number().positive().max(1000), unit: z.enum(['workingHours', 'workingDays']) });

export const PendingExtensionSchema = z.object({
  limit: TimeLimitSchema,
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.number().int(),
});

export const CaseSchema = z.object({
  id: z.number().int().positive(),
  /** Spoken aloud in the room: date + serial, e.g. "20261126-0042". */
  number: z.string(),
  description: z.string(),
  categoryCode: z.string(),
  sourceId: z.string(),
  status: CaseStatusSchema,
  urgent: z.boolean(),
  lngLat: LngLatSchema.nullable(),
  /** The position came from the gazetteer (a named place or an address in the text), not from a point someone chose. */
  locationApproximate: z.boolean(),
  gridId: z.string().nullable(),
  workstationId: z.string().nullable(),
  subDistrictId: z.string().nullable(),
  address: z.string(),
  leadDepartmentId: z.string().nullable(),
  reportedAt: z.number().int(),
  dispatchedAt: z.number().int().nullable(),
  closedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  /** null in every projection for a public (presentation) audience. */
  reporter: ReporterSchema.nullable(),

  /** Deadline in wall-clock time, counted in working time from dispatch (after extensions and pauses). */
  deadlineAt: z.number().int().nullable(),
  /** The supervision ladder's automatic steps (50 % and 80 % of the time limit used). */
  ladderAt: z.tuple([z.number().int(), z.number().int()]).nullable(),
  /** The time limit in working milliseconds, extensions included. */
  timeLimitMs: z.number().int().nullable(),
  /** Working time spent hung (挂账): the clock stops while a case is hung. */
  pausedWorkingMs: z.number().int(),
  hungAt: z.number().int().nullable(),
  firstReportedBackAt: z.number().int().nullable(),
  /** Manually raised supervision level (0–3); the effective level is the higher of this and the ladder. */
  supervisionManual: z.number().int().min(0).max(3),
  returnCount: z.number().int(),
  reworkCount: z.number().int(),
  extensionCount: z.number().int(),
  mergedInto: z.number().int().nullable(),
  pendingExtension: PendingExtensionSchema.nullable(),
  /** The verifier's rating at closure, 0–1; feeds the satisfaction part of the assessment. */
  satisfaction: z.number().min(0).max(1).nullable(),
  assignments: z.array(AssignmentSchema),
});
export type Case = z.infer<typeof CaseSchema>;

/** What the room types to open a case; the core fills in place, number and times. */
export const CaseDraftSchema = z.object({
  description: z.string().trim().min(2).max(500),
  categoryCode: z.string().regex(/^[12]\d{4}$/),
  sourceId: z.string().min(1).max(40),
  lngLat: LngLatSchema.nullable().default(null),
  /** A gazetteer place id; the core takes its coordinates when lngLat is missing. */
  placeId: z.string().max(40).nullable().default(null),
  address: z.string().trim().max(200).default(''),
  urgent: z.boolean().default(false),
  reporter: ReporterSchema.nullable().default(null),
  /** When the report came in, if earlier than its registration (a call taken before typing); never in the future. */
  reportedAt: z.number().int().positive().nullable().default(null),
});
export type CaseDraft = z.input<typeof CaseDraftSchema>;

export type Audience = 'operator' | 'public';

/** Where the clock stands: a hung case's clock is stopped, a closed case's no longer matters. */
function clockRunning(item: Case): boolean {
  return item.deadlineAt !== null && (item.status === 'dispatched' || item.status === 'inProgress' || item.status === 'reportedBack');
}

export function isOverdue(item: Case, now: number): boolean {
  return clockRunning(item) && item.status !== 'reportedBack' && now > item.deadlineAt!;
}

/**
 * The effective supervision level (督办): 1 at 50 % of the time limit, 2 at
 * 80 %, 3 when overdue — or higher if the director raised it by hand.
 */
export function supervisionLevel(item: Case, now: number): 0 | 1 | 2 | 3 {
  let ladder: 0 | 1 | 2 | 3 = 0;
  if (clockRunning(item) && item.status !== 'reportedBack' && item.ladderAt) {
    if (now > item.deadlineAt!) ladder = 3;
    else if (now >= item.ladderAt[1]) ladder = 2;
    else if (now >= item.ladderAt[0]) ladder = 1;
  }
  return Math.max(ladder, isOpen(item.status) ? item.supervisionManual : 0) as 0 | 1 | 2 | 3;
}
