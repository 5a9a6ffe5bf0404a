import type { WindowRole } from './roles';

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
}

/**
 * The room's wish for its wall: which role matters most (gets a display of
 * its own first, leftmost first) and, optionally, a fixed display per role.
 */
export interface WallProfile {
  priority: readonly WindowRole[];
  pinned?: Partial<Record<WindowRole, number>>;
}

export interface WindowPlacement {
  role: WindowRole;
  displayId: number;
  bounds: Rect;
  /** A window alone on its display fills it; shared displays are tiled. */
  fullscreen: boolean;
}

export const defaultWallProfile: WallProfile = { priority: ['video', 'map', 'queue'] };

/**
 * Displays + profile → where each window goes. Displays are taken left to
 * right (then top to bottom), as the monitors stand in the room. With a
 * display per role, each role fills its own; with fewer, the most important
 * roles get theirs and the rest share the last display, tiled: the first of
 * them on the left half, the others stacked on the right.
 */
export function planWindows(displays: readonly DisplayInfo[], profile: WallProfile = defaultWallProfile): WindowPlacement[] {
  if (displays.length === 0) return [];
  const ordered = [...displays].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  const byId = new Map(ordered.map((display) => [display.id, display]));
  const roles = dedupe(profile.priority);

  const assignment = new Map<WindowRole, DisplayInfo>();
  for (const role of roles) {
    const pinnedId = profile.pinned?.[role];
    const pinned = pinnedId === undefined ? undefined : byId.get(pinnedId);
    if (pinned) assignment.set(role, pinned);
  }
  const taken = new Set([...assignment.values()].map((display) => display.id));
  const free = ordered.filter((display) => !taken.has(display.id));
  const unplaced = roles.filter((role) => !assignment.has(role));
  unplaced.forEach((role, index) => {
    const display = free.length > 0 ? free[Math.min(index, free.length - 1)]! : ordered[ordered.length - 1]!;
    assignment.set(role, display);
  });

  const perDisplay = new Map<number, WindowRole[]>();
  for (const role of roles) {
    const display = assignment.get(role)!;
    perDisplay.set(display.id, [...(perDisplay.get(display.id) ?? []), role]);
  }

  return roles.map((role) => {
    const display = assignment.get(role)!;
    const sharing = perDisplay.get(display.id)!;
    if (sharing.length === 1) return { role, displayId: display.id, bounds: display.bounds, fullscreen: true };
    return { role, displayId: display.id, bounds: tile(display.workArea, sharing.indexOf(role), sharing.length), fullscreen: false };
  });
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

function dedupe<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
