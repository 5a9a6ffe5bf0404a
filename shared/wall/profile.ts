import { z } from 'zod';
import type { Audience } from '../domain/case';
import type { WindowRole } from './roles';

/**
 * The wall profile: which window of the wall goes on which display. The
 * wall's windows are its video windows (video-1 … video-n, whose screens
 * are numbered across them: with 9 tiles each, video-2 shows screens
 * 10–18), the map, the queue and, when the room has a screen for
 * visitors, the presentation. A display is remembered by its id, with its
 * label, size and position as they were, so the mapping survives an id the
 * OS changed after a reconnect.
 */
export const maxVideoWindows = 8;

export type WallWindowKey = 'map' | 'queue' | 'presentation' | `video-${number}`;
export type WindowMode = 'kiosk' | 'fullscreen';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the shell knows about a monitor (a subset of Electron's Display). */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
  /** The OS's name for it (may be empty). */
  label?: string;
  /** The OS's primary display: usually the operator's desk monitor. */
  primary?: boolean;
}

/** A display as the profile remembers it. */
export interface DisplayRef {
  id: number;
  label: string;
  bounds: Rect;
}

export interface WallProfile {
  version: 1;
  videoWindows: number;
  presentation: boolean;
  assignments: Partial<Record<WallWindowKey, DisplayRef>>;
  modes: Partial<Record<WallWindowKey, WindowMode>>;
}

const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const DisplayRefSchema = z.object({ id: z.number().int(), label: z.string().max(200), bounds: RectSchema });
const WindowKeySchema = z.string().regex(/^(map|queue|presentation|video-[1-8])$/, 'a wall window: video-1 … video-8, map, queue or presentation');

export const WallProfileSchema = z
  .object({
    version: z.literal(1),
    videoWindows: z.number().int().min(1).max(maxVideoWindows),
    presentation: z.boolean(),
    assignments: z.record(WindowKeySchema, DisplayRefSchema),
    modes: z.record(WindowKeySchema, z.enum(['kiosk', 'fullscreen'])),
  })
  .strict()
  .superRefine((profile, context) => {
    const windows = new Set<string>(wallWindows(profile as WallProfile));
    for (const key of Object.keys(profile.assignments)) {
      if (!windows.has(key)) context.addIssue({ code: 'custom', path: ['assignments', key], message: `${key} is not a window of this wall` });
    }
  }) as z.ZodType<WallProfile>;

/** The profile's windows in their fixed order: video windows, map, queue, presentation. */
export function wallWindows(profile: Pick<WallProfile, 'videoWindows' | 'presentation'>): WallWindowKey[] {
  const videos = Array.from({ length: profile.videoWindows }, (_, index) => `video-${index + 1}` as const);
  return [...videos, 'map', 'queue', ...(profile.presentation ? (['presentation'] as const) : [])];
}

/** What a wall window is: the page it shows, for which audience, and (video) its place in the screen numbering. */
export interface WallWindowSpec {
  key: WallWindowKey;
  role: WindowRole;
  audience: Audience;
  /** 0 for video-1: its screens come first. */
  videoIndex: number | null;
  /** Shows the wall, not an operator's console: the pointer hides when idle. */
  wallDisplay: boolean;
}

export function wallWindowSpec(key: WallWindowKey): WallWindowSpec {
  if (key.startsWith('video-')) return { key, role: 'video', audience: 'operator', videoIndex: Number(key.slice('video-'.length)) - 1, wallDisplay: true };
  // Visitors see the sub-centre's results, with the core's allow-list projection (no personal data), read-only.
  if (key === 'presentation') return { key, role: 'presentation', audience: 'public', videoIndex: null, wallDisplay: true };
  return { key, role: key as WindowRole, audience: 'operator', videoIndex: null, wallDisplay: key !== 'queue' };
}

/** Screens a video window shows, numbered across the wall (1-based, inclusive). */
export function videoScreens(videoIndex: number, tilesPerWindow: number): { first: number; last: number } {
  return { first: videoIndex * tilesPerWindow + 1, last: (videoIndex + 1) * tilesPerWindow };
}

/** Displays as the room sees them: left to right, then top to bottom; the number each one is shown with. */
export function orderDisplays<T extends Pick<DisplayInfo, 'id' | 'bounds'>>(displays: readonly T[]): T[] {
  return [...displays].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
}

export function displayNumbers(displays: readonly Pick<DisplayInfo, 'id' | 'bounds'>[]): Map<number, number> {
  return new Map(orderDisplays(displays).map((display, index) => [display.id, index + 1]));
}

export function displayRef(display: DisplayInfo): DisplayRef {
  return { id: display.id, label: display.label ?? '', bounds: { ...display.bounds } };
}

/**
 * The connected display a remembered one is: the same id; failing that (the
 * OS renumbered it after a reconnect) the one display with the same label
 * and size. Null while it is not connected.
 */
export function findDisplay<T extends DisplayInfo>(ref: DisplayRef, displays: readonly T[]): T | null {
  const byId = displays.find((display) => display.id === ref.id);
  if (byId) return byId;
  if (!ref.label) return null;
  const alike = displays.filter(
    (display) => display.label === ref.label && display.bounds.width === ref.bounds.width && display.bounds.height === ref.bounds.height,
  );
  return alike.length === 1 ? alike[0]! : null;
}

/** Kiosk for what the wall shows; fullscreen for the queue, an operator's console that may switch to other programs. */
export function defaultMode(key: WallWindowKey): WindowMode {
  return key === 'queue' ? 'fullscreen' : 'kiosk';
}

/**
 * The first start's proposal from the displays found. The queue goes on the
 * primary display (the desk monitor), the map on another, and every other
 * display gets a video window, left to right. With one display everything
 * shares it; with two, the video has one and the map shares the queue's.
 * No presentation window until the director gives it a display.
 */
export function proposeProfile(displays: readonly DisplayInfo[]): WallProfile {
  const ordered = orderDisplays(displays);
  const profile: WallProfile = { version: 1, videoWindows: 1, presentation: false, assignments: {}, modes: {} };
  if (ordered.length === 0) return profile;
  const primary = ordered.find((display) => display.primary) ?? ordered[ordered.length - 1]!;
  const others = ordered.filter((display) => display !== primary);
  const assign = (key: WallWindowKey, display: DisplayInfo) => (profile.assignments[key] = displayRef(display));
  assign('queue', primary);
  if (others.length <= 1) {
    assign('video-1', others[0] ?? primary);
    assign('map', primary);
    return profile;
  }
  // The map takes the rightmost wall display; video windows the rest, left to right.
  const map = others[others.length - 1]!;
  const videos = others.slice(0, -1).slice(0, maxVideoWindows);
  profile.videoWindows = videos.length;
  videos.forEach((display, index) => assign(`video-${index + 1}`, display));
  assign('map', map);
  return profile;
}

/** Reads a stored profile; null (and the reason) when it cannot be used. */
export function parseProfile(json: unknown): { profile: WallProfile } | { problem: string } {
  const parsed = WallProfileSchema.safeParse(json);
  if (parsed.success) return { profile: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
