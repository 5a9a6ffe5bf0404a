import { z } from 'zod';
import { videoModules, wallLayouts } from '../commands/grammar';
import type { Audience } from '../domain/case';
import type { WindowRole } from './roles';

/**
 * What the wall shows, shared by every window: kept in the core, changed by
 * commands and hotkeys, announced as `wall.changed`. Screen numbers are
 * global across all video windows ("screen 11").
 */
export const WallStateSchema = z.object({
  /** Visitors are watching: wall windows receive data without personal fields. */
  presentation: z.boolean(),
  module: z.enum(Object.keys(videoModules) as [keyof typeof videoModules, ...(keyof typeof videoModules)[]]),
  /** Tiles per video window. */
  layout: z.number().int().refine((value) => (wallLayouts as readonly number[]).includes(value)),
  /** Cameras an operator put on a screen by hand, by global screen number. */
  screens: z.record(z.string().regex(/^\d{1,3}$/), z.string().min(1).max(40)),
  /** One screen shown alone over its video window (chosen from the map or a tile), until someone goes back or the slot changes. */
  solo: z.number().int().min(1).max(200).nullable().default(null),
});
export type WallState = z.infer<typeof WallStateSchema>;

export const initialWallState: WallState = { presentation: false, module: 'timeSlot', layout: 9, screens: {}, solo: null };

/**
 * Who a window shows data to. In presentation mode the wall windows (video,
 * map) show visitors results, so they get what a public window gets; the
 * operators' queue windows stay as they are. A presentation window is always
 * for visitors, whichever token opened it.
 */
export function effectiveAudience(session: { audience: Audience; role: WindowRole }, presentation: boolean): Audience {
  if (session.audience === 'public' || session.role === 'presentation') return 'public';
  return presentation && session.role !== 'queue' ? 'public' : 'operator';
}

/** The most screens a wall can number: up to 25 tiles in each of up to 8 video windows. */
export const maxScreenNumber = 200;
