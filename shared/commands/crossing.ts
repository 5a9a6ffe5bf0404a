import type { LngLat } from '../domain/district';
import { distanceM } from '../domain/geo';

/** Two roads closer than this where their lines end meet at a T-junction the drawing left open. */
const touchingMeters = 150;
/** "X路近Y路" still says where on X when Y passes within this distance. */
const nearMeters = 1_000;

type Segment = [LngLat, LngLat];
const segmentsOf = (line: readonly LngLat[]): Segment[] => line.slice(1).map((point, index) => [line[index]!, point]);
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

function intersection([a, b]: Segment, [c, d]: Segment): LngLat | null {
  const cross = (o: LngLat, p: LngLat, q: LngLat) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (!(d1 * d2 < 0 && d3 * d4 < 0)) return null;
  const t = d1 / (d1 - d2);
  return [round6(a[0] + t * (b[0] - a[0])), round6(a[1] + t * (b[1] - a[1]))];
}

/** The point of a segment nearest to p (planar: the district is a few kilometres across). */
function nearestOnSegment(p: LngLat, [a, b]: Segment): LngLat {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  return [a[0] + t * dx, a[1] + t * dy];
}

/** The closest pair of points on two lines: one on `a`, one on `b`. */
function closestApproach(a: readonly LngLat[], b: readonly LngLat[]): { onA: LngLat; onB: LngLat; meters: number } {
  let best = { onA: a[0]!, onB: b[0]!, meters: Infinity };
  const offer = (onA: LngLat, onB: LngLat) => {
    const meters = distanceM(onA, onB);
    if (meters < best.meters) best = { onA, onB, meters };
  };
  for (const segment of segmentsOf(b)) for (const point of a) offer(point, nearestOnSegment(point, segment));
  for (const segment of segmentsOf(a)) for (const point of b) offer(nearestOnSegment(point, segment), point);
  return best;
}

/** Where two roads meet: where their lines cross, or where they nearly touch; null when they do not meet. */
export function junctionOf(a: readonly LngLat[], b: readonly LngLat[]): LngLat | null {
  for (const first of segmentsOf(a)) {
    for (const second of segmentsOf(b)) {
      const point = intersection(first, second);
      if (point) return point;
    }
  }
  const closest = closestApproach(a, b);
  if (closest.meters > touchingMeters) return null;
  return [round6((closest.onA[0] + closest.onB[0]) / 2), round6((closest.onA[1] + closest.onB[1]) / 2)];
}

/** The point of road `a` nearest to road `b` ("共和新路近中山北路"); null when `b` is nowhere near. */
export function nearOn(a: readonly LngLat[], b: readonly LngLat[]): LngLat | null {
  const junction = junctionOf(a, b);
  if (junction) return junction;
  const closest = closestApproach(a, b);
  return closest.meters > nearMeters ? null : [round6(closest.onA[0]), round6(closest.onA[1])];
}
