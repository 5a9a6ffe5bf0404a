import { z } from 'zod';

/**
 * What the video wall shows right now, resolved by the core from the
 * time-slot plan, key focus, emergencies, hand-placed cameras and pins
 * (shared/video/priority.ts), and announced to every window as
 * `video.changed`. Times are on the video clock (real time unless a demo
 * rehearsal moved it; `clockOffsetMs` says by how much).
 */

const NameSchema = z.object({ zh: z.string(), en: z.string() });

/**
 * Where a tile's camera comes from. `placed`: an operator dragged it there
 * (or said "screen 11 camera …"); it holds until the next slot switch or
 * until an emergency needs the screen. `pin`: nothing replaces it.
 */
export const videoTileSources = ['pin', 'emergency', 'placed', 'keyFocus', 'slot', 'empty'] as const;
export type VideoTileSource = (typeof videoTileSources)[number];

export const VideoTileSchema = z.object({
  screen: z.number().int().min(1),
  cameraId: z.string().nullable(),
  source: z.enum(videoTileSources),
  /** The case of an emergency tile. */
  caseId: z.number().int().optional(),
  pinned: z.boolean(),
});
export type VideoTile = z.infer<typeof VideoTileSchema>;

export const VideoEmergencySchema = z.object({
  caseId: z.number().int(),
  caseNumber: z.string(),
  cameraIds: z.array(z.string()),
  startedAtMs: z.number(),
  expiresAtMs: z.number(),
});
export type VideoEmergency = z.infer<typeof VideoEmergencySchema>;

export const VideoStateSchema = z.object({
  /** Video-clock instant this state was resolved at. */
  atMs: z.number(),
  /** Video clock minus real clock: 0 except in a demo rehearsal. */
  clockOffsetMs: z.number(),
  /** Tiles per video window and the number of screens on the wall. */
  layout: z.number().int(),
  screenCount: z.number().int(),
  slot: z.object({ id: z.string(), name: NameSchema, startMs: z.number(), endMs: z.number() }),
  /** The next slot and the cameras it will show, so windows can start them early. */
  next: z.object({ id: z.string(), name: NameSchema, atMs: z.number(), cameraIds: z.array(z.string()) }),
  /** True in the last seconds before the switch: windows pre-warm `next.cameraIds` now. */
  prewarm: z.boolean(),
  tiles: z.array(VideoTileSchema),
  emergencies: z.array(VideoEmergencySchema),
  /** Emergency cameras that found no free screen. */
  unplaced: z.array(z.object({ caseId: z.number().int(), cameraId: z.string() })),
  /** The key-focus hot spots: each camera held on its screen across slots (the whole wall in the key-focus module). */
  keyFocus: z.array(z.object({ screen: z.number().int().min(1), cameraId: z.string() })).default([]),
});
export type VideoState = z.infer<typeof VideoStateSchema>;

/** Seconds on the wall per camera, per slot, over a period. */
export interface VideoCoverage {
  fromMs: number;
  toMs: number;
  /** The slot running at `toMs`. */
  currentSlotId: string;
  slots: Array<{ slotId: string; name: { zh: string; en: string }; seconds: Record<string, number>; notShown: string[] }>;
}
