import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../shared/video/camera';
import {
  checkPlanAgainstWall,
  demoSlotPlan,
  minutesOfClock,
  nextBoundary,
  shouldPrewarm,
  slotAt,
  slotOccurrenceAt,
  slotOccurrences,
  SlotPlanSchema,
  slotScreenAssignments,
  slotScreenCount,
  tourCameraAt,
  tourFallbacks,
  validateSlotPlan,
  type SlotPlanInput,
} from '../../shared/video/slots';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHANGHAI = 480;

/** An instant given as Beijing wall-clock time: "2026-10-09 16:30". */
function bj(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) throw new Error(`bad test time ${text}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second) - 8 * HOUR;
}

const name = (text: string) => ({ zh: text, en: text });

function plan(...slots: Array<Partial<SlotPlanInput['slots'][number]> & { id: string; start: string }>): SlotPlanInput {
  return { slots: slots.map((slot) => ({ name: name(slot.id), layout: '9' as const, ...slot })) };
}

function codes(input: unknown): string[] {
  const result = validateSlotPlan(input);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}

const demoCameras: Array<Pick<Camera, 'id' | 'tags'>> = [
  { id: 'gm-1', tags: ['ghost-market'] },
  { id: 'gm-2', tags: ['ghost-market', 'market'] },
  { id: 'mk-1', tags: ['market'] },
  { id: 'pk-1', tags: ['park'] },
  { id: 'sg-1', tags: ['school-gate'] },
  { id: 'sg-2', tags: ['School gate'] },
  { id: 'me-1', tags: ['metro-exit'] },
  { id: 'st-1', tags: ['street', 'quiet-street'] },
  { id: 'cs-1', tags: ['construction'] },
  { id: 'nm-1', tags: ['night-market'] },
  ...Array.from({ length: 12 }, (_, index) => ({ id: `mk-x${index}`, tags: ['market'] })),
];

describe('slot plan validation', () => {
  it('accepts the demo plan: 8 slots over the whole day', () => {
    const demo = demoSlotPlan(demoCameras);
    expect(SlotPlanSchema.safeParse(demo).success).toBe(true);
    expect(demo.slots).toHaveLength(8);
    expect(demo.slots.map((slot) => `${slot.start}–${slot.end}`)).toEqual([
      '00:00–04:00',
      '04:00–07:00',
      '07:00–08:30',
      '08:30–11:00',
      '11:00–14:00',
      '14:00–16:00',
      '16:00–19:00',
      '19:00–24:00',
    ]);
    expect(checkPlanAgainstWall(demo, { windowCount: 1, cameraIds: demoCameras.map((camera) => camera.id) })).toEqual([]);
  });

  it('the demo watches ghost markets and markets at dawn, touring what does not fit', () => {
    const dawn = demoSlotPlan(demoCameras).slots.find((slot) => slot.start === '04:00')!;
    expect(Object.values(dawn.screens).slice(0, 3)).toEqual(['gm-1', 'gm-2', 'mk-1']);
    expect(Object.keys(dawn.screens)).toHaveLength(8);
    expect(dawn.tours).toHaveLength(1);
    expect(dawn.tours[0]!.screen).toBe(9);
    const shown = new Set([...Object.values(dawn.screens), ...dawn.tours.flatMap((tour) => tour.cameras)]);
    for (const camera of demoCameras.filter((each) => each.tags.some((tag) => ['ghost-market', 'market', 'park'].includes(tag)))) expect(shown.has(camera.id), camera.id).toBe(true);
  });

  it('the demo watches school gates at 07:00 and works from bare ids or none', () => {
    const school = demoSlotPlan(demoCameras).slots.find((slot) => slot.start === '07:00')!;
    expect(Object.values(school.screens).slice(0, 3)).toEqual(['sg-1', 'sg-2', 'me-1']);
    expect(demoSlotPlan(['a', 'b']).slots[0]!.screens).toEqual({ 1: 'a', 2: 'b' });
    expect(demoSlotPlan([]).slots).toHaveLength(8);
  });

  it('accepts any number of slots in any listed order, with or without ends', () => {
    expect(codes(plan({ id: 'all', start: '06:00' }))).toEqual([]);
    expect(codes(plan({ id: 'b', start: '20:00' }, { id: 'a', start: '08:00', end: '20:00' }))).toEqual([]);
  });

  it('names gaps and overlaps with their length', () => {
    const gap = validateSlotPlan(plan({ id: 'dawn', start: '04:00', end: '06:30' }, { id: 'day', start: '07:00' }));
    expect(gap.ok).toBe(false);
    if (gap.ok) return;
    expect(gap.issues.map((issue) => [issue.code, issue.path])).toEqual([['slotGap', ['slots', 0, 'end']]]);
    expect(gap.issues[0]!.message.en).toBe('Slot "dawn" ends at 06:30 but the next slot "day" starts at 07:00: 30 min are not covered.');
    expect(gap.issues[0]!.message.zh).toContain('30 分钟');

    // The last slot wraps over midnight to the first.
    expect(codes(plan({ id: 'day', start: '07:00', end: '22:00' }, { id: 'night', start: '22:00', end: '07:30' }))).toEqual(['slotOverlap']);
    expect(codes(plan({ id: 'day', start: '07:00', end: '24:00' }, { id: 'night', start: '22:00' }))).toEqual(['slotOverlap']);
  });

  it('refuses repeated starts and ids, too-short slots, a screen given twice', () => {
    expect(codes(plan({ id: 'a', start: '04:00' }, { id: 'b', start: '04:00' }, { id: 'c', start: '09:00' }))).toEqual(['duplicateSlotStart']);
    expect(codes(plan({ id: 'a', start: '04:00' }, { id: 'a', start: '09:00' }))).toEqual(['duplicateSlotId']);
    expect(codes(plan({ id: 'a', start: '04:00' }, { id: 'b', start: '04:10' }))).toEqual(['slotTooShort']);
    expect(codes(plan({ id: 'a', start: '04:00', screens: { 3: 'c1' }, tours: [{ screen: 3, cameras: ['c2', 'c3'], dwellSeconds: 10 }] }))).toEqual(['screenTwice']);
  });

  it('explains field errors: times, dwell, per-window layouts', () => {
    expect(codes(plan({ id: 'a', start: '7:00' }))).toEqual(['badClock']);
    expect(codes(plan({ id: 'a', start: '04:00', end: '24:30' }))).toEqual(['badClock']);
    expect(codes(plan({ id: 'a', start: '04:00', tours: [{ screen: 1, cameras: ['c'], dwellSeconds: 2 }] }))).toEqual(['badDwell']);
    // Two windows, 4 + 1 screens: screen 6 does not exist.
    expect(codes(plan({ id: 'a', start: '04:00', layout: ['4', '1'], screens: { 6: 'c' } }))).toEqual(['screenOutsideWall']);
    expect(codes({ slots: [] })).toEqual(['invalidValue']);
  });

  it('checks a plan against the wall it runs on', () => {
    const parsed = SlotPlanSchema.parse(plan({ id: 'a', start: '04:00', layout: '4', screens: { 1: 'c1', 5: 'c2' }, tours: [{ screen: 2, cameras: ['c1', 'ghost'], dwellSeconds: 5 }] }));
    expect(slotScreenCount(parsed.slots[0]!, 2)).toBe(8);
    const issues = checkPlanAgainstWall(parsed, { windowCount: 1, cameraIds: ['c1', 'c2'] });
    expect(issues.map((issue) => [issue.code, issue.params])).toEqual([
      ['screenOutsideWall', { slot: 'a', screen: 5, count: 4 }],
      ['unknownCamera', { slot: 'a', screen: 2, camera: 'ghost' }],
    ]);
  });
});

describe('which slot, when', () => {
  const demo = demoSlotPlan(demoCameras);

  it('finds the slot of a time of day, including the one running over midnight', () => {
    const wrapping = SlotPlanSchema.parse(plan({ id: 'day', start: '07:00' }, { id: 'night', start: '22:00' }));
    expect(slotAt(wrapping, 3 * 60)).toMatchObject({ slot: { id: 'night' }, startMinute: -120, endMinute: 420 });
    expect(slotAt(wrapping, 7 * 60)).toMatchObject({ slot: { id: 'day' }, startMinute: 420, endMinute: 1320 });
    expect(slotAt(wrapping, 23 * 60)).toMatchObject({ slot: { id: 'night' }, startMinute: 1320, endMinute: 1860 });
    expect(slotAt(demo, 4 * 60 + 19).slot.id).toBe('dawn');
    expect(slotAt(demo, 24 * 60 + 30).slot.id).toBe('night');
  });

  it('every minute of the day falls in the slot that contains it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1439.999, noNaN: true }), (minute) => {
        const found = slotAt(demo, minute);
        const wrapped = minute < found.startMinute ? minute + 1440 : minute;
        expect(found.startMinute).toBeLessThanOrEqual(wrapped);
        expect(wrapped).toBeLessThan(found.endMinute);
        expect(((found.startMinute % 1440) + 1440) % 1440).toBe(minutesOfClock(found.slot.start));
      }),
    );
  });

  it('switches at local slot starts (Shanghai, UTC+8)', () => {
    expect(nextBoundary(demo, bj('2026-10-09 04:19'), SHANGHAI)).toMatchObject({ atMs: bj('2026-10-09 07:00'), slot: { id: 'school-in' } });
    expect(nextBoundary(demo, bj('2026-10-09 07:00'), SHANGHAI)).toMatchObject({ atMs: bj('2026-10-09 08:30'), slot: { id: 'morning' } });
    expect(nextBoundary(demo, bj('2026-10-09 23:59'), SHANGHAI)).toMatchObject({ atMs: bj('2026-10-10 00:00'), slot: { id: 'night' } });
    expect(slotOccurrenceAt(demo, bj('2026-10-09 04:19'), SHANGHAI)).toMatchObject({ slot: { id: 'dawn' }, startMs: bj('2026-10-09 04:00'), endMs: bj('2026-10-09 07:00') });
  });

  it('the next boundary is after now, within a day, and starts the slot it names', () => {
    const instants = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
    const offsets = fc.integer({ min: -12 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instants, offsets, (at, offset) => {
        const next = nextBoundary(demo, at, offset);
        expect(next.atMs).toBeGreaterThan(at);
        expect(next.atMs - at).toBeLessThanOrEqual(5 * HOUR);
        expect(slotOccurrenceAt(demo, next.atMs, offset)).toMatchObject({ slot: next.slot, startMs: next.atMs });
        expect(slotOccurrenceAt(demo, next.atMs - 1, offset).slot.id).not.toBe(next.slot.id);
        const localMinute = (((next.atMs / MINUTE + offset) % 1440) + 1440) % 1440;
        expect(localMinute).toBe(minutesOfClock(next.slot.start));
      }),
    );
  });

  it('lists the slot occurrences of a period back to back', () => {
    const list = slotOccurrences(demo, bj('2026-10-09 03:00'), bj('2026-10-10 05:00'), SHANGHAI);
    expect(list.map((occurrence) => occurrence.slot.id)).toEqual(['night', 'dawn', 'school-in', 'morning', 'midday', 'afternoon', 'evening', 'night-market', 'night', 'dawn']);
    for (let index = 1; index < list.length; index += 1) expect(list[index]!.startMs).toBe(list[index - 1]!.endMs);
    expect(slotOccurrences(demo, 10, 10, SHANGHAI)).toEqual([]);
  });

  it('pre-warms in the last seconds before a boundary, not at or after it', () => {
    const boundary = bj('2026-10-09 07:00');
    expect(shouldPrewarm(boundary - 11_000, boundary, 10)).toBe(false);
    expect(shouldPrewarm(boundary - 10_000, boundary, 10)).toBe(true);
    expect(shouldPrewarm(boundary - 1, boundary, 10)).toBe(true);
    expect(shouldPrewarm(boundary, boundary, 10)).toBe(false);
    expect(shouldPrewarm(boundary + 1, boundary, 10)).toBe(false);
  });
});

describe('tours', () => {
  const tour = { screen: 9, cameras: ['a', 'b', 'c'], dwellSeconds: 15 };
  const start = bj('2026-10-09 04:00');

  it('starts with the first camera at the slot start and moves on every dwell', () => {
    expect(tourCameraAt(tour, start, start)).toBe('a');
    expect(tourCameraAt(tour, start, start + 14_999)).toBe('a');
    expect(tourCameraAt(tour, start, start + 15_000)).toBe('b');
    expect(tourCameraAt(tour, start, start + 30_000)).toBe('c');
    expect(tourCameraAt(tour, start, start + 45_000)).toBe('a');
    expect(tourCameraAt(tour, start, start - 5_000)).toBe('a');
  });

  it('shows every camera equally over whole rounds', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 120 }), (cameras, dwellSeconds) => {
        const counts = new Map<number, number>();
        const ids = cameras.map((_, index) => index);
        const indexTour = { cameras: ids.map(String), dwellSeconds };
        for (let step = 0; step < cameras.length * 2; step += 1) {
          const shown = Number(tourCameraAt(indexTour, start, start + step * dwellSeconds * 1000 + 1));
          counts.set(shown, (counts.get(shown) ?? 0) + 1);
        }
        for (const id of ids) expect(counts.get(id)).toBe(2);
      }),
    );
  });

  it('puts fixed screens and tours together', () => {
    const slot = { screens: { 1: 'x', 2: 'y' }, tours: [tour] };
    expect([...slotScreenAssignments(slot, start, start + 16_000)]).toEqual([
      [1, 'x'],
      [2, 'y'],
      [9, 'b'],
    ]);
  });

  it('offers a tour\'s other cameras in the order it would show them next, for when its camera is already on the wall', () => {
    const slot = { screens: { 1: 'x' }, tours: [tour, { screen: 1, cameras: ['p', 'q'], dwellSeconds: 15 }] };
    // At b: c, then a. A tour on a fixed screen never shows, so it offers nothing.
    expect([...tourFallbacks(slot, start, start + 16_000)]).toEqual([[9, ['c', 'a']]]);
    expect(tourFallbacks({ screens: {}, tours: [{ screen: 3, cameras: ['only'], dwellSeconds: 15 }] }, start, start).get(3)).toEqual([]);
  });
});
