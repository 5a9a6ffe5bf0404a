import { describe, expect, it } from 'vitest';
import { planWall, type DisplayInfo } from '../../shared/wall/placement';
import {
  displayNumbers,
  displayRef,
  findDisplay,
  parseProfile,
  proposeProfile,
  videoScreens,
  wallWindows,
  wallWindowSpec,
  type WallProfile,
} from '../../shared/wall/profile';

const display = (id: number, x: number, options: { width?: number; height?: number; y?: number; primary?: boolean; label?: string } = {}): DisplayInfo => {
  const { width = 1920, height = 1080, y = 0 } = options;
  return {
    id,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height: height - 40 },
    label: options.label ?? `Monitor ${id}`,
    ...(options.primary ? { primary: true } : {}),
  };
};

/** window → display id, from a plan. */
const where = (profile: WallProfile, displays: DisplayInfo[]) => Object.fromEntries(planWall(profile, displays).map((p) => [p.key, p.displayId]));

describe('the first start proposes a wall from the displays it finds', () => {
  it('one display: every window shares it, tiled without overlap', () => {
    const profile = proposeProfile([display(7, 0, { primary: true })]);
    expect(wallWindows(profile)).toEqual(['video-1', 'map', 'queue']);
    const plan = planWall(profile, [display(7, 0, { primary: true })]);
    expect(plan.every((p) => p.displayId === 7 && p.mode === 'tiled')).toBe(true);
    const [video, map, queue] = plan.map((p) => p.bounds);
    expect(video).toEqual({ x: 0, y: 0, width: 960, height: 1040 });
    expect(map).toEqual({ x: 960, y: 0, width: 960, height: 520 });
    expect(queue).toEqual({ x: 960, y: 520, width: 960, height: 520 });
  });

  it('two displays: the video fills the wall display, map and queue share the desk (primary) display', () => {
    const displays = [display(1, 0), display(2, 1920, { primary: true })];
    const profile = proposeProfile(displays);
    expect(where(profile, displays)).toEqual({ 'video-1': 1, map: 2, queue: 2 });
  });

  it('three displays: video, map and the queue on the primary display, each filling its own', () => {
    const displays = [display(3, 3840), display(1, 0, { primary: true }), display(2, 1920)];
    const profile = proposeProfile(displays);
    expect(where(profile, displays)).toEqual({ queue: 1, 'video-1': 2, map: 3 });
    const modes = Object.fromEntries(planWall(profile, displays).map((p) => [p.key, p.mode]));
    expect(modes).toEqual({ 'video-1': 'kiosk', map: 'kiosk', queue: 'fullscreen' });
  });

  it('a wall of six: four video windows left to right, the map on the last wall display, the queue on the desk', () => {
    const wall = [0, 1, 2, 3, 4].map((index) => display(10 + index, index * 1920));
    const desk = display(99, 0, { y: 1080, primary: true });
    const profile = proposeProfile([desk, ...wall]);
    expect(profile.videoWindows).toBe(4);
    expect(where(profile, [...wall, desk])).toEqual({ 'video-1': 10, 'video-2': 11, 'video-3': 12, 'video-4': 13, map: 14, queue: 99 });
  });

  it('numbers displays as the room sees them, left to right then top to bottom', () => {
    expect([...displayNumbers([display(5, 1920), display(9, 0, { y: 1080 }), display(2, 0)])]).toEqual([
      [2, 1],
      [9, 2],
      [5, 3],
    ]);
  });
});

describe('the plan follows the displays', () => {
  const wall = [display(1, 0), display(2, 1920), display(3, 3840, { primary: true })];
  const profile = proposeProfile(wall);

  it('a window whose display is unplugged moves to the quietest display, marked displaced, and goes home when it returns', () => {
    const without = planWall(profile, [wall[0]!, wall[2]!]);
    const map = without.find((p) => p.key === 'map')!;
    expect(map).toMatchObject({ displaced: true });
    expect(map.displayId).not.toBe(2);
    expect(without.find((p) => p.key === 'video-1')).toMatchObject({ displayId: 1, displaced: false });
    const back = planWall(profile, wall);
    expect(back.find((p) => p.key === 'map')).toMatchObject({ displayId: 2, displaced: false, mode: 'kiosk' });
  });

  it('a resized display gives its window the new size', () => {
    const bigger = [wall[0]!, { ...wall[1]!, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2120 } }, wall[2]!];
    expect(planWall(profile, bigger).find((p) => p.key === 'map')!.bounds).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
  });

  it('knows a display again by label and size when the OS gave it a new id, but never guesses between two alike', () => {
    const ref = displayRef(display(2, 1920, { label: 'DELL U2720Q' }));
    expect(findDisplay(ref, [display(41, 1920, { label: 'DELL U2720Q' })])?.id).toBe(41);
    expect(findDisplay(ref, [display(41, 0, { label: 'DELL U2720Q' }), display(42, 1920, { label: 'DELL U2720Q' })])).toBeNull();
    expect(findDisplay(ref, [display(41, 1920, { label: 'DELL U2720Q', width: 1280 })])).toBeNull();
  });

  it('with every display gone there is nothing to plan (windows stay where they are)', () => {
    expect(planWall(profile, [])).toEqual([]);
  });
});

describe('wall windows and the screen numbering', () => {
  it('numbers each video window\'s screens after the windows before it', () => {
    expect(videoScreens(0, 9)).toEqual({ first: 1, last: 9 });
    expect(videoScreens(1, 9)).toEqual({ first: 10, last: 18 });
    expect(videoScreens(2, 6)).toEqual({ first: 13, last: 18 });
  });

  it('a presentation window is the public, read-only audience; the queue is an operator console, not a wall display', () => {
    expect(wallWindowSpec('presentation')).toMatchObject({ role: 'presentation', audience: 'public', wallDisplay: true });
    expect(wallWindowSpec('video-3')).toMatchObject({ role: 'video', audience: 'operator', videoIndex: 2 });
    expect(wallWindowSpec('queue')).toMatchObject({ role: 'queue', audience: 'operator', wallDisplay: false });
  });

  it('reads a stored profile and refuses one that does not fit, naming the field', () => {
    const good = proposeProfile([display(1, 0), display(2, 1920)]);
    expect(parseProfile(JSON.parse(JSON.stringify(good)))).toEqual({ profile: good });
    expect(parseProfile({ ...good, videoWindows: 9 })).toMatchObject({ problem: expect.stringContaining('videoWindows') });
    expect(parseProfile({ ...good, assignments: { ...good.assignments, 'video-2': displayRef(display(1, 0)) } })).toMatchObject({
      problem: expect.stringContaining('video-2 is not a window of this wall'),
    });
    expect(parseProfile({ ...good, assignments: { printer: displayRef(display(1, 0)) } })).toMatchObject({ problem: expect.stringContaining('assignments') });
    expect(parseProfile('nonsense')).toMatchObject({ problem: expect.any(String) });
  });
});
