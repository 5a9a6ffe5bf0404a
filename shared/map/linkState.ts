import { z } from 'zod';
import { windowRoles } from '../wall/roles';

/**
 * State the windows of one console share through the core (windows never
 * talk to each other): the case selected anywhere — queue, command bar, map —
 * and the queue's filters, which the map can follow. The browser wall's
 * windows form one group unless a URL names another (`&console=pc2`); the
 * Electron app's windows are one console. Camera health, read from the video
 * itself, is shared by the whole room.
 */

/** A window chooses one per page load and sends it with its selections, so it can tell its own echo from another window's choice. */
export const WindowOriginSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const CaseSelectionSchema = z.object({
  caseId: z.number().int().positive(),
  number: z.string(),
  /** Where to fly; null when the case has no position yet. */
  lngLat: z.tuple([z.number(), z.number()]).nullable(),
  approximate: z.boolean(),
  gridId: z.string().nullable(),
  at: z.number(),
  /** The window that chose it; null when the core did (a command that named the case). */
  origin: z.string().nullable(),
  role: z.enum(windowRoles).nullable(),
});
export type CaseSelection = z.infer<typeof CaseSelectionSchema>;

export const cameraHealthStates = ['live', 'reconnecting', 'frozen', 'offline'] as const;
export type CameraHealthState = (typeof cameraHealthStates)[number];
export const CameraHealthStateSchema = z.enum(cameraHealthStates);

export const CameraHealthSchema = z.object({
  state: CameraHealthStateSchema,
  /** When it entered this state (core time). */
  since: z.number(),
});
export type CameraHealth = z.infer<typeof CameraHealthSchema>;

export interface SharedFilter<Filter> {
  filter: Filter;
  origin: string | null;
  at: number;
}

export interface LinkedState<Filter> {
  group: string;
  selection: CaseSelection | null;
  filter: SharedFilter<Filter> | null;
  /** Cameras some video window is playing, by id; a camera on no screen has no entry (its health is unknown). */
  cameraHealth: Record<string, CameraHealth>;
}

/** The group a URL names, or the room's one group. */
export const defaultLinkGroup = 'wall';
export const LinkGroupSchema = z.string().regex(/^[\w-]{1,32}$/);
