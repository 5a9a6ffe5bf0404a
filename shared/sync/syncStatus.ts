import { z } from 'zod';
import type { RejectionReasonSchema } from './protocol';

/**
 * What every window's sync light shows: whether the district platform is
 * reachable (and since when not), how many of the room's actions are still
 * on their way, how many the district rejected, and the last change of the
 * district's the room has (everything up to it is confirmed).
 */
export const SyncStatusSchema = z.object({
  /** False on a wall started without a platform (the embedded demo): the light says so and stays grey. */
  configured: z.boolean(),
  subCentreId: z.string().nullable(),
  online: z.boolean(),
  /** When the link was lost; null while online. */
  offlineSince: z.number().int().nullable(),
  /** Why the last attempt failed (a code the windows put in words). */
  lastError: z.string().nullable(),
  /** Actions not yet acknowledged by the platform. */
  waiting: z.number().int().min(0),
  /** Acknowledged, but the platform's change carrying them has not come back down yet. */
  unconfirmed: z.number().int().min(0),
  /** Rejections nobody in the room has acknowledged yet (the light is red while there are any). */
  rejected: z.number().int().min(0),
  /** The platform's change number the room has applied everything up to. */
  lastConfirmedChange: z.number().int().min(0),
  /** When the platform last answered. */
  lastContactAt: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const syncOff: SyncStatus = {
  configured: false,
  subCentreId: null,
  online: false,
  offlineSince: null,
  lastError: null,
  waiting: 0,
  unconfirmed: 0,
  rejected: 0,
  lastConfirmedChange: 0,
  lastContactAt: null,
};

/** One of the room's actions in the list the director opens from the light. */
export interface SyncActionInfo {
  seq: number;
  at: number;
  /** The lifecycle step or change (`created`, `dispatch`, `attached` …). */
  kind: string;
  caseId: number | null;
  caseNumber: string | null;
  state: 'waiting' | 'unconfirmed' | 'confirmed' | 'rejected';
  reason: z.infer<typeof RejectionReasonSchema> | null;
  changeNo: number | null;
  /** A rejection someone in the room has acknowledged. */
  seen: boolean;
}
