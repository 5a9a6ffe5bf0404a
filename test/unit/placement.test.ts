import { describe, expect, it } from 'vitest';
import { planWindows, type DisplayInfo } from '../../shared/wall/placement';

const display = (id: number, x: number, width = 1920, height = 1080): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
});

describe('window placement', () => {
  it('gives each role its own display, left to right by priority, when there are enough', () => {
    const plan = planWindows([display(3, 3840), display(1, 0), display(2, 1920)]);
    expect(plan.map((p) => [p.role, p.displayId, p.fullscreen])).toEqual([
      ['video', 1, true],
      ['map', 2, true],
      ['queue', 3, true],
    ]);
    expect(plan[0]!.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('tiles every role on one display without overlap when there is only one', () => {
    const plan = planWindows([display(7, 0)]);
    expect(plan.every((p) => p.displayId === 7 && !p.fullscreen)).toBe(true);
    const [video, map, queue] = plan.map((p) => p.bounds);
    expect(video).toEqual({ x: 0, y: 0, width: 960, height: 1040 });
    expect(map).toEqual({ x: 960, y: 0, width: 960, height: 520 });
    expect(queue).toEqual({ x: 960, y: 520, width: 960, height: 520 });
    const area = plan.reduce((sum, p) => sum + p.bounds.width * p.bounds.height, 0);
    expect(area).toBe(1920 * 1040);
  });

  it('with two displays, the first role fills one and the others share the second', () => {
    const plan = planWindows([display(1, 0), display(2, 1920)]);
    expect(plan.map((p) => [p.role, p.displayId, p.fullscreen])).toEqual([
      ['video', 1, true],
      ['map', 2, false],
      ['queue', 2, false],
    ]);
    expect(plan[1]!.bounds.x).toBe(1920);
    expect(plan[2]!.bounds.x).toBe(1920 + 960);
  });

  it('honours a pinned display and ignores a pin to a display that is not connected', () => {
    const plan = planWindows([display(1, 0), display(2, 1920), display(3, 3840)], {
      priority: ['video', 'map', 'queue'],
      pinned: { queue: 1, map: 99 },
    });
    expect(Object.fromEntries(plan.map((p) => [p.role, p.displayId]))).toEqual({ queue: 1, video: 2, map: 3 });
  });

  it('plans nothing without displays', () => {
    expect(planWindows([])).toEqual([]);
  });
});
