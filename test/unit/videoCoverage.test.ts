import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camerasNotShown, coverageBySlot, type OnWallInterval, type SlotWindow } from '../../shared/video/coverage';
import { demoSlotPlan, slotOccurrences } from '../../shared/video/slots';

const S = 1000;

describe('coverageBySlot', () => {
  const slots: SlotWindow[] = [
    { slotId: 'dawn', startMs: 0, endMs: 100 * S },
    { slotId: 'day', startMs: 100 * S, endMs: 300 * S },
    { slotId: 'dawn', startMs: 1000 * S, endMs: 1100 * S }, // the next day
  ];

  it('clips intervals to slots and adds up a slot over days', () => {
    const intervals: OnWallInterval[] = [
      { cameraId: 'a', screen: 1, fromMs: 50 * S, toMs: 150 * S },
      { cameraId: 'a', screen: 1, fromMs: 1050 * S, toMs: 2000 * S },
      { cameraId: 'b', screen: 2, fromMs: 120 * S, toMs: 130 * S },
    ];
    expect(coverageBySlot(intervals, slots)).toEqual({ dawn: { a: 100 }, day: { a: 50, b: 10 } });
  });

  it('counts a camera on two screens at once once', () => {
    const intervals: OnWallInterval[] = [
      { cameraId: 'a', screen: 1, fromMs: 0, toMs: 60 * S },
      { cameraId: 'a', screen: 5, fromMs: 30 * S, toMs: 90 * S },
    ];
    expect(coverageBySlot(intervals, slots).dawn).toEqual({ a: 90 });
  });

  it('ignores empty, reversed and broken intervals', () => {
    const intervals: OnWallInterval[] = [
      { cameraId: 'a', screen: 1, fromMs: 10 * S, toMs: 10 * S },
      { cameraId: 'a', screen: 1, fromMs: 20 * S, toMs: 10 * S },
      { cameraId: 'a', screen: 1, fromMs: Number.NaN, toMs: 10 * S },
    ];
    expect(coverageBySlot(intervals, slots)).toEqual({ dawn: {}, day: {} });
  });

  it('lists the cameras a slot never showed, in the order given', () => {
    const coverage = coverageBySlot([{ cameraId: 'b', screen: 1, fromMs: 0, toMs: 10 * S }], slots);
    expect(camerasNotShown(['c', 'b', 'a'], coverage, 'dawn')).toEqual(['c', 'a']);
    expect(camerasNotShown(['c', 'b', 'a'], coverage, 'day')).toEqual(['c', 'b', 'a']);
    expect(camerasNotShown(['a'], coverage, 'unknown-slot')).toEqual(['a']);
  });

  it('over a whole day of demo slots, no camera is on the wall longer than the day, nor a slot longer than the slot', () => {
    const plan = demoSlotPlan(['a', 'b', 'c']);
    const day0 = Date.UTC(2026, 9, 8, 16); // 2026-10-09 00:00 in Shanghai
    const windows = slotOccurrences(plan, day0, day0 + 86_400_000, 480).map((occurrence) => ({
      slotId: occurrence.slot.id,
      startMs: occurrence.startMs,
      endMs: occurrence.endMs,
    }));
    const interval = fc.record({
      cameraId: fc.constantFrom('a', 'b', 'c'),
      screen: fc.integer({ min: 1, max: 9 }),
      fromMs: fc.integer({ min: day0 - 3_600_000, max: day0 + 90_000_000 }),
      toMs: fc.integer({ min: day0 - 3_600_000, max: day0 + 90_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), (intervals) => {
        const coverage = coverageBySlot(intervals, windows);
        const total = new Map<string, number>();
        for (const window of windows) {
          for (const [camera, seconds] of Object.entries(coverage[window.slotId]!)) {
            expect(seconds).toBeGreaterThan(0);
            expect(seconds).toBeLessThanOrEqual((window.endMs - window.startMs) / 1000);
            total.set(camera, (total.get(camera) ?? 0) + seconds);
          }
        }
        for (const seconds of total.values()) expect(seconds).toBeLessThanOrEqual(86_400 + 1e-6);
      }),
    );
  });
});
