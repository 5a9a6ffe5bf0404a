import turfArea from '@turf/area';
import turfDifference from '@turf/difference';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import turfIntersect from '@turf/intersect';
import turfKinks from '@turf/kinks';
import turfUnion from '@turf/union';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LngLat, Ring } from '../domain/district';

/**
 * Checks on geometry a room brings in (grids drawn by a surveying office,
 * exported from a GIS): what would make a case land in the wrong grid, in no
 * grid, or in two. Every problem names the record and says why, in both
 * languages; `error`s refuse the file, `warning`s are shown and logged.
 */
export interface GeoProblem {
  severity: 'error' | 'warning';
  /** The file, when the check knows it. */
  file?: string;
  /** Which record: "grids[12] G13 天目西路第3网格". */
  record: string;
  reason: { zh: string; en: string };
  /** Where on the map, when there is one place to look. */
  at?: LngLat;
}

/** Slivers below this (about 14 m × 14 m) are rounding between neighbours drawn from shared vertices, not real overlaps or gaps. */
export const tilingToleranceM2 = 200;

/** A polygon as the checks see it: whose it is, and its outer ring. */
export interface Piece {
  record: string;
  ring: Ring;
}

const rounded = (value: number) => Math.round(value * 1e5) / 1e5;
const roundedPoint = ([lng, lat]: LngLat): LngLat => [rounded(lng), rounded(lat)];

/** Points where a ring crosses itself (a "bow tie"): point-in-polygon answers are wrong on both sides of them. */
export function selfIntersections(ring: Ring): LngLat[] {
  const kinks = turfKinks(turfPolygon([ring]));
  return kinks.features.map((feature) => roundedPoint(feature.geometry.coordinates as LngLat));
}

/** China, roughly: a point outside it that would fall inside with its numbers swapped was written latitude first. */
const china = { west: 73, east: 136, south: 3, north: 54 };
const inChina = ([lng, lat]: LngLat) => lng >= china.west && lng <= china.east && lat >= china.south && lat <= china.north;

/** Whether a point was most likely written as [latitude, longitude]. */
export function looksSwapped(point: readonly number[]): boolean {
  const [first, second] = point as [number, number];
  if (Math.abs(second) > 90 && Math.abs(first) <= 90) return true;
  return !inChina([first, second]) && inChina([second, first]);
}

function areaOf(geometry: Feature<Polygon | MultiPolygon> | null): number {
  return geometry ? turfArea(geometry) : 0;
}

/** The largest part of a (multi)polygon and its area, to say where a problem is. */
function largestPart(feature: Feature<Polygon | MultiPolygon>): { at: LngLat; areaM2: number } {
  const parts = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let best = { at: [0, 0] as LngLat, areaM2: -1 };
  for (const part of parts) {
    const area = turfArea(turfPolygon(part));
    if (area > best.areaM2) best = { at: roundedPoint(ringCentre(part[0] as LngLat[])), areaM2: area };
  }
  return best;
}

function ringCentre(ring: readonly LngLat[]): LngLat {
  const points = ring.slice(0, -1);
  const sum = points.reduce<LngLat>((total, [lng, lat]) => [total[0] + lng, total[1] + lat], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

type Box = [number, number, number, number];
function boxOf(ring: Ring): Box {
  let box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of ring) box = [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
  return box;
}
const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Pairs of pieces that cover the same ground: a point there would belong to both. */
export function overlaps(pieces: readonly Piece[], label: { zh: string; en: string }): GeoProblem[] {
  const problems: GeoProblem[] = [];
  const shapes = pieces.map((piece) => ({ piece, box: boxOf(piece.ring), feature: turfPolygon([piece.ring]) }));
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i]!;
      const b = shapes[j]!;
      if (!boxesMeet(a.box, b.box)) continue;
      const shared = turfIntersect(featureCollection([a.feature, b.feature]));
      const area = areaOf(shared);
      if (area <= tilingToleranceM2) continue;
      problems.push({
        severity: 'error',
        record: `${a.piece.record} / ${b.piece.record}`,
        reason: {
          zh: `两个${label.zh}重叠约 ${Math.round(area)} 平方米：重叠处的案件会同时属于两个${label.zh}`,
          en: `two ${label.en}s overlap by about ${Math.round(area)} m²: a case there would belong to both`,
        },
        at: largestPart(shared!).at,
      });
    }
  }
  return problems;
}

/**
 * Children must tile their parent: no ground of the parent left to no child
 * (a case there would find no grid) and no child reaching outside it (its
 * cases would be counted to the wrong sub-district).
 */
export function tilingProblems(parent: Piece, children: readonly Piece[], label: { zh: string; en: string }): GeoProblem[] {
  if (children.length === 0) {
    return [{ severity: 'error', record: parent.record, reason: { zh: `没有任何${label.zh}`, en: `has no ${label.en}s` } }];
  }
  const parentFeature = turfPolygon([parent.ring]);
  const union = children.length === 1 ? turfPolygon([children[0]!.ring]) : turfUnion(featureCollection(children.map((child) => turfPolygon([child.ring]))));
  if (!union) return [];
  const problems: GeoProblem[] = [];
  const gap = turfDifference(featureCollection([parentFeature, union]));
  if (gap && areaOf(gap) > tilingToleranceM2) {
    const { at, areaM2 } = largestPart(gap);
    problems.push({
      severity: 'error',
      record: parent.record,
      reason: {
        zh: `${label.zh}之间留有空隙约 ${Math.round(areaOf(gap))} 平方米（最大一处 ${Math.round(areaM2)} 平方米）：那里的案件找不到${label.zh}`,
        en: `its ${label.en}s leave gaps of about ${Math.round(areaOf(gap))} m² (the largest ${Math.round(areaM2)} m²): a case there would find no ${label.en}`,
      },
      at,
    });
  }
  for (const child of children) {
    const outside = turfDifference(featureCollection([turfPolygon([child.ring]), parentFeature]));
    if (!outside || areaOf(outside) <= tilingToleranceM2) continue;
    problems.push({
      severity: 'error',
      record: child.record,
      reason: {
        zh: `有约 ${Math.round(areaOf(outside))} 平方米在所属的 ${parent.record} 之外`,
        en: `about ${Math.round(areaOf(outside))} m² lie outside ${parent.record}, which it belongs to`,
      },
      at: largestPart(outside).at,
    });
  }
  return problems;
}

/** "grids[12] G13 …: reason (at 121.45, 31.25)" in one language. */
export function formatGeoProblem(problem: GeoProblem, locale: 'zh-CN' | 'en'): string {
  const reason = locale === 'en' ? problem.reason.en : problem.reason.zh;
  const where = problem.at ? ` (${problem.at[0]}, ${problem.at[1]})` : '';
  const file = problem.file ? `${problem.file}: ` : '';
  return `${file}${problem.record}: ${reason}${where}`;
}
