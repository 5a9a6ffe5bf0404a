/**
 * Video coverage: how long each camera was on the wall in each time slot, so
 * the room can see which cameras a slot's plan never shows.
 *
 * A camera on two screens at once counts once: the time is the union of its
 * intervals, not their sum. Intervals are clipped to the slot windows
 * (slotOccurrences in slots.ts gives them for a period); a slot that occurs on
 * several days adds up. Empty, reversed or non-finite intervals count nothing.
 */

export interface OnWallInterval {
  cameraId: string;
  screen: number;
  fromMs: number;
  toMs: number;
}

export interface SlotWindow {
  slotId: string;
  startMs: number;
  endMs: number;
}

/** slotId → cameraId → seconds on the wall (fractions kept). */
export type SlotCoverage = Record<string, Record<string, number>>;

type Span = [number, number];

function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to) && to > from).sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export function coverageBySlot(intervals: readonly OnWallInterval[], slotWindows: readonly SlotWindow[]): SlotCoverage {
  const byCamera = new Map<string, Span[]>();
  for (const interval of intervals) {
    const spans = byCamera.get(interval.cameraId) ?? [];
    spans.push([interval.fromMs, interval.toMs]);
    byCamera.set(interval.cameraId, spans);
  }
  const coverage: SlotCoverage = {};
  for (const window of slotWindows) coverage[window.slotId] ??= {};
  for (const [cameraId, spans] of byCamera) {
    const merged = union(spans);
    for (const window of slotWindows) {
      let ms = 0;
      for (const [from, to] of merged) ms += Math.max(0, Math.min(to, window.endMs) - Math.max(from, window.startMs));
      if (ms > 0) {
        const slot = coverage[window.slotId]!;
        slot[cameraId] = (slot[cameraId] ?? 0) + ms / 1000;
      }
    }
  }
  return coverage;
}

/** Cameras with no time on the wall in a slot, in the order given. */
export function camerasNotShown(allCameraIds: readonly string[], coverage: SlotCoverage, slotId: string): string[] {
  const slot = coverage[slotId] ?? {};
  return allCameraIds.filter((id) => !((slot[id] ?? 0) > 0));
}
