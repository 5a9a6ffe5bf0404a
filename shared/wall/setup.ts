import {
  displayRef,
  findDisplay,
  maxVideoWindows,
  orderDisplays,
  wallWindows,
  type DisplayInfo,
  type WallProfile,
  type WallWindowKey,
  type WindowMode,
} from './profile';

/**
 * The wall setup view's rules, pure: every change the director makes by
 * dragging a window onto a display or by keyboard is one of these, and each
 * returns a new profile. The view only draws the result.
 */

/** Puts a window on a display. */
export function assignWindow(profile: WallProfile, key: WallWindowKey, display: DisplayInfo): WallProfile {
  if (!wallWindows(profile).includes(key)) return profile;
  return { ...profile, assignments: { ...profile.assignments, [key]: displayRef(display) } };
}

/** Moves a window to the display numbered `number` (1 = leftmost), if there is one. */
export function assignToNumber(profile: WallProfile, key: WallWindowKey, displays: readonly DisplayInfo[], number: number): WallProfile {
  const display = orderDisplays(displays)[number - 1];
  return display ? assignWindow(profile, key, display) : profile;
}

/** Moves a window to the next display to the right (step 1) or left (step -1), wrapping round. */
export function stepWindow(profile: WallProfile, key: WallWindowKey, displays: readonly DisplayInfo[], step: 1 | -1): WallProfile {
  const ordered = orderDisplays(displays);
  if (ordered.length === 0) return profile;
  const ref = profile.assignments[key];
  const current = ref ? findDisplay(ref, ordered) : null;
  const index = current ? ordered.indexOf(current) : step === 1 ? -1 : 0;
  const next = ordered[(index + step + ordered.length) % ordered.length]!;
  return assignWindow(profile, key, next);
}

/** Where a new window goes: the connected display with the fewest windows, leftmost first. */
function quietestDisplay(profile: WallProfile, displays: readonly DisplayInfo[]): DisplayInfo | null {
  const ordered = orderDisplays(displays);
  const counts = new Map(ordered.map((display) => [display.id, 0]));
  for (const key of wallWindows(profile)) {
    const ref = profile.assignments[key];
    const display = ref ? findDisplay(ref, ordered) : null;
    if (display) counts.set(display.id, counts.get(display.id)! + 1);
  }
  return [...ordered].sort((a, b) => counts.get(a.id)! - counts.get(b.id)!)[0] ?? null;
}

/** One video window more or fewer (1 … 8). A new one goes on the quietest display; a removed one forgets its display. */
export function setVideoWindows(profile: WallProfile, count: number, displays: readonly DisplayInfo[]): WallProfile {
  const target = Math.max(1, Math.min(maxVideoWindows, Math.round(count)));
  let next: WallProfile = { ...profile, assignments: { ...profile.assignments }, modes: { ...profile.modes } };
  while (next.videoWindows > target) {
    const key = `video-${next.videoWindows}` as const;
    delete next.assignments[key];
    delete next.modes[key];
    next = { ...next, videoWindows: next.videoWindows - 1 };
  }
  while (next.videoWindows < target) {
    const display = quietestDisplay(next, displays);
    next = { ...next, videoWindows: next.videoWindows + 1 };
    if (display) next = assignWindow(next, `video-${next.videoWindows}`, display);
  }
  return next;
}

/** Adds the visitors' window (on the quietest display, to be dragged where the visitors look) or removes it. */
export function setPresentation(profile: WallProfile, on: boolean, displays: readonly DisplayInfo[]): WallProfile {
  if (on === profile.presentation) return profile;
  if (!on) {
    const { presentation: _assignment, ...assignments } = profile.assignments;
    const { presentation: _mode, ...modes } = profile.modes;
    return { ...profile, presentation: false, assignments, modes };
  }
  const display = quietestDisplay(profile, displays);
  const next = { ...profile, presentation: true };
  return display ? assignWindow(next, 'presentation', display) : next;
}

export function setMode(profile: WallProfile, key: WallWindowKey, mode: WindowMode): WallProfile {
  return { ...profile, modes: { ...profile.modes, [key]: mode } };
}

export interface SetupLayout {
  /** The windows on each connected display, in the wall's window order. */
  onDisplay: Map<number, WallWindowKey[]>;
  /** Windows whose display is not connected now (kept: they go back when it returns). */
  waiting: WallWindowKey[];
  /** Windows with no display at all yet. */
  unassigned: WallWindowKey[];
}

export function setupLayout(profile: WallProfile, displays: readonly DisplayInfo[]): SetupLayout {
  const ordered = orderDisplays(displays);
  const onDisplay = new Map<number, WallWindowKey[]>(ordered.map((display) => [display.id, []]));
  const waiting: WallWindowKey[] = [];
  const unassigned: WallWindowKey[] = [];
  for (const key of wallWindows(profile)) {
    const ref = profile.assignments[key];
    if (!ref) {
      unassigned.push(key);
      continue;
    }
    const display = findDisplay(ref, ordered);
    if (display) onDisplay.get(display.id)!.push(key);
    else waiting.push(key);
  }
  return { onDisplay, waiting, unassigned };
}

/** A profile may be saved when every window has a display (connected or remembered). */
export function canSave(profile: WallProfile): boolean {
  return wallWindows(profile).every((key) => profile.assignments[key] !== undefined);
}
