import { z } from 'zod';

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
});
export type CaseDraft = z.input<typeof CaseDraftSchema>;

export type Audience = 'operator' | 'public';

/**
 * The presentation mode promise: personal fields are removed in the core,
 * before a case reaches any window that visitors can see.
 */
export function caseForAudience(item: Case, audience: Audience): Case {
  if (audience === 'operator') return item;
  return { ...item, reporter: null };
}
