import { describe, expect, it } from 'vitest';
import { planWall, type DisplayInfo } from '../../shared/wall/placement';
import { proposeProfile, wallWindows } from '../../shared/wall/profile';
import { assignToNumber, canSave, setPresentation, setVideoWindows, setupLayout, stepWindow, assignWindow, setMode } from '../../shared/wall/setup';

const display = (id: number, x: number, primary = false): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
  label: `Monitor ${id}`,
  ...(primary ? { primary } : {}),
});
const displays = [display(11, 0), display(12, 1920), display(13, 3840, true)];
const start = proposeProfile(displays);
const homeOf = (profile: ReturnType<typeof proposeProfile>, key: string) => profile.assignments[key as 'map']?.id;

describe('the wall setup view (its rules, without the view)', () => {
  it('drops a window on a display, by drag or by the display number typed on the keyboard', () => {
    expect(homeOf(start, 'map')).toBe(12);
    const dragged = assignWindow(start, 'map', displays[0]!);
    expect(homeOf(dragged, 'map')).toBe(11);
    const typed = assignToNumber(start, 'map', displays, 3);
    expect(homeOf(typed, 'map')).toBe(13);
    // A number with no display changes nothing.
    expect(assignToNumber(start, 'map', displays, 7)).toBe(start);
    // The plan follows: the map now shares display 3 with the queue, both tiled.
    expect(planWall(typed, displays).filter((p) => p.displayId === 13).map((p) => [p.key, p.mode])).toEqual([
      ['map', 'tiled'],
      ['queue', 'tiled'],
    ]);
  });

  it('steps a window to the next display left or right with the arrow keys, wrapping round', () => {
    expect(homeOf(stepWindow(start, 'video-1', displays, 1), 'video-1')).toBe(12);
    expect(homeOf(stepWindow(start, 'video-1', displays, -1), 'video-1')).toBe(13);
    expect(homeOf(stepWindow(start, 'queue', displays, 1), 'queue')).toBe(11);
  });

  it('adds video windows on the quietest display and removes the last one with its display', () => {
    const three = setVideoWindows(start, 3, displays);
    expect(wallWindows(three)).toEqual(['video-1', 'video-2', 'video-3', 'map', 'queue']);
    expect(canSave(three)).toBe(true);
    const back = setVideoWindows(three, 1, displays);
    expect(back.assignments['video-2']).toBeUndefined();
    expect(back.assignments['video-3']).toBeUndefined();
    expect(setVideoWindows(start, 0, displays).videoWindows).toBe(1);
    expect(setVideoWindows(start, 40, displays).videoWindows).toBe(8);
  });

  it('adds and removes the visitors\' window', () => {
    const withVisitors = setPresentation(start, true, displays);
    expect(wallWindows(withVisitors)).toContain('presentation');
    expect(withVisitors.assignments.presentation).toBeDefined();
    const without = setPresentation(setMode(withVisitors, 'presentation', 'fullscreen'), false, displays);
    expect(without.assignments.presentation).toBeUndefined();
    expect(without.modes.presentation).toBeUndefined();
  });

  it('shows which windows are on which display, and keeps those whose display is off until it returns', () => {
    const layout = setupLayout(start, [displays[0]!, displays[2]!]);
    expect(layout.onDisplay.get(11)).toEqual(['video-1']);
    expect(layout.onDisplay.get(13)).toEqual(['queue']);
    expect(layout.waiting).toEqual(['map']);
    expect(layout.unassigned).toEqual([]);
  });

  it('refuses to save while a window has no display at all', () => {
    const { map: _map, ...assignments } = start.assignments;
    expect(canSave({ ...start, assignments })).toBe(false);
    expect(canSave(start)).toBe(true);
  });
});
