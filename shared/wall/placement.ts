import {
  defaultMode,
  findDisplay,
  orderDisplays,
  wallWindows,
  type DisplayInfo,
  type Rect,
  type WallProfile,
  type WallWindowKey,
  type WindowMode,
} from './profile';

export type { DisplayInfo, Rect } from './profile';

export interface WindowPlacement {
  key: WallWindowKey;
  displayId: number;
  bounds: Rect;
  /** Alone on its display: kiosk or fullscreen as the profile says. Sharing one: tiled in its part of it. */
  mode: WindowMode | 'tiled';
  /** Not on its own display (not connected now): it goes back when the display returns. */
  displaced: boolean;
}

/**
 * Profile + the displays connected now → where each window goes. A window
 * whose display is connected goes there; one whose display is missing
 * goes to the connected display with the fewest windows (the primary, then
 * the leftmost, on a tie) and is marked displaced, so the next plan with
 * its display back puts it home. Displays holding several windows are
 * tiled: the first on the left half, the others stacked on the right.
 */
export function planWall(profile: WallProfile, displays: readonly DisplayInfo[]): WindowPlacement[] {
  if (displays.length === 0) return [];
  const ordered = orderDisplays(displays);
  const keys = wallWindows(profile);
  const home = new Map<WallWindowKey, DisplayInfo>();
  const homeless: WallWindowKey[] = [];
  for (const key of keys) {
    const ref = profile.assignments[key];
    const display = ref ? findDisplay(ref, ordered) : null;
    if (display) home.set(key, display);
    else homeless.push(key);
  }
  const load = new Map(ordered.map((display) => [display.id, 0]));
  for (const display of home.values()) load.set(display.id, load.get(display.id)! + 1);
  const hostFor = () => {
    const byLoad = [...ordered].sort((a, b) => load.get(a.id)! - load.get(b.id)! || Number(Boolean(b.primary)) - Number(Boolean(a.primary)));
    return byLoad[0]!;
  };
  const where = new Map(home);
  for (const key of homeless) {
    const display = hostFor();
    where.set(key, display);
    load.set(display.id, load.get(display.id)! + 1);
  }

  const sharing = new Map<number, WallWindowKey[]>();
  for (const key of keys) {
    const display = where.get(key)!;
    sharing.set(display.id, [...(sharing.get(display.id) ?? []), key]);
  }
  return keys.map((key) => {
    const display = where.get(key)!;
    const together = sharing.get(display.id)!;
    const displaced = !home.has(key);
    if (together.length === 1) return { key, displayId: display.id, bounds: { ...display.bounds }, mode: profile.modes[key] ?? defaultMode(key), displaced };
    return { key, displayId: display.id, bounds: tile(display.workArea, together.indexOf(key), together.length), mode: 'tiled', displaced };
  });
}

/** Whether a window must be moved: another display, other bounds or another mode. */
export function placementChanged(before: WindowPlacement, after: WindowPlacement): boolean {
  const a = before.bounds;
  const b = after.bounds;
  return before.displayId !== after.displayId || before.mode !== after.mode || a.x !== b.x || a.y !== b.y || a.width !== b.width || a.height !== b.height;
}

function tile(area: Rect, index: number, count: number): Rect {
  const leftWidth = Math.floor(area.width / 2);
  if (index === 0) return { x: area.x, y: area.y, width: leftWidth, height: area.height };
  const stacked = count - 1;
  const height = Math.floor(area.height / stacked);
  const row = index - 1;
  return {
    x: area.x + leftWidth,
    y: area.y + row * height,
    width: area.width - leftWidth,
    height: row === stacked - 1 ? area.height - row * height : height,
  };
}
