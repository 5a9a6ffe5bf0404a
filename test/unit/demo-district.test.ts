import { readFileSync } from 'node:fs';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import type { DistrictGeography, LngLat, Ring } from '../../shared/domain/district';
import { createGridLocator } from '../../shared/domain/locate';
import { seededRandom } from '../../shared/domain/random';

/** The shipped demo district, as written by scripts/draw-demo-district.ts. */
const geography = JSON.parse(
  readFileSync(new URL('../../resources/demo/district.json', import.meta.url), 'utf8'),
) as DistrictGeography;

/** Areas from the table in shared/GEODATA.md, in its order (SD01…SD09). */
const tableAreaKm2: Record<string, number> = {
  SD01: 1.93,
  SD02: 1.75,
  SD03: 1.61,
  SD04: 1.57,
  SD05: 2.71,
  SD06: 6.25,
  SD07: 3.26,
  SD08: 2.13,
  SD09: 7.83,
};

const areaKm2 = (ring: Ring) => turfArea({ type: 'Polygon', coordinates: [ring] }) / 1e6;
const inside = (point: LngLat, ring: Ring) => booleanPointInPolygon(point, { type: 'Polygon', coordinates: [ring] });
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const sequence = (prefix: string, count: number, digits: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(digits, '0')}`);

/** Twice the signed planar area: positive for a counter-clockwise ring. */
function signedArea2(ring: Ring): number {
  let total = 0;
  for (let i = 0; i + 1 < ring.length; i++) total += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return total;
}

function selfCrossing(ring: Ring): [number, number] | null {
  const orient = (p: LngLat, q: LngLat, r: LngLat) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue;
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      if (orient(a, b, c) !== orient(a, b, d) && orient(c, d, a) !== orient(c, d, b)) return [i, j];
    }
  }
  return null;
}

/**
 * A point certainly inside a simple ring: the middle of the widest stretch
 * where a horizontal line through the ring's middle latitude is inside it.
 * (A centroid can fall outside a concave grid.)
 */
function interiorPoint(ring: Ring): LngLat {
  const lats = ring.map((point) => point[1]);
  // Nudged off the exact middle so the line never passes through a vertex.
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2 + 1.234567e-7;
  const xs: number[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [[x0, y0], [x1, y1]] = [ring[i]!, ring[i + 1]!];
    if (y0 < lat !== y1 < lat) xs.push(x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0));
  }
  xs.sort((a, b) => a - b);
  let best: LngLat = [NaN, NaN];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > widest) {
      widest = xs[i + 1]! - xs[i]!;
      best = [(xs[i]! + xs[i + 1]!) / 2, lat];
    }
  }
  return best;
}

const allRings = (): [string, Ring][] => [
  ...geography.subDistricts.map((item): [string, Ring] => [item.id, item.polygon]),
  ...geography.workstations.map((item): [string, Ring] => [item.id, item.polygon]),
  ...geography.grids.map((item): [string, Ring] => [item.id, item.polygon]),
];

describe('demo district: organisation', () => {
  it('has the 1 + 9 + 31 + 65 structure with ordered ids', () => {
    expect(geography.illustrative).toBe(true);
    expect(geography.subDistricts.map((item) => item.id)).toEqual(sequence('SD', 9, 2));
    expect(geography.workstations.map((item) => item.id)).toEqual(sequence('WS', 31, 2));
    expect(geography.grids.map((item) => item.id)).toEqual(sequence('G', 65, 2));
  });

  it('nests codes and parent links: sub-district → workstation → grid', () => {
    const subDistricts = new Map(geography.subDistricts.map((item) => [item.id, item]));
    const workstations = new Map(geography.workstations.map((item) => [item.id, item]));

    for (const subDistrict of geography.subDistricts) {
      expect(subDistrict.code).toMatch(/^310108\d{3}$/);
      expect(geography.workstations.some((item) => item.subDistrictId === subDistrict.id)).toBe(true);
    }
    for (const workstation of geography.workstations) {
      const parent = subDistricts.get(workstation.subDistrictId);
      expect(parent, workstation.id).toBeDefined();
      expect(workstation.code).toMatch(new RegExp(`^${parent!.code}\\d{2}$`));
      expect(geography.grids.some((grid) => grid.workstationId === workstation.id)).toBe(true);
    }
    for (const grid of geography.grids) {
      const parent = workstations.get(grid.workstationId);
      expect(parent, grid.id).toBeDefined();
      expect(grid.subDistrictId).toBe(parent!.subDistrictId);
      expect(grid.code).toMatch(new RegExp(`^${parent!.code}\\d{2}$`));
    }
    const codes = allRings().map(([id]) => id);
    expect(new Set(codes).size).toBe(codes.length);
    const allCodes = [...geography.subDistricts, ...geography.workstations, ...geography.grids].map((item) => item.code);
    expect(new Set(allCodes).size).toBe(allCodes.length);
  });

  it('names everything in both languages', () => {
    for (const item of [...geography.subDistricts, ...geography.workstations, ...geography.grids]) {
      expect(item.name.zh, item.id).toMatch(/\p{Script=Han}/u);
      expect(item.name.en, item.id).toMatch(/^[A-Za-z]/);
    }
    expect(geography.workstations[0]!.name).toEqual({ zh: '天目西路第1工作站', en: 'Tianmu West Rd WS 1' });
  });
});

describe('demo district: geometry', () => {
  it('has closed, counter-clockwise, simple rings with 6-decimal coordinates', () => {
    for (const [id, ring] of allRings()) {
      expect(ring.length, id).toBeGreaterThanOrEqual(4);
      expect(ring[0], id).toEqual(ring[ring.length - 1]);
      expect(signedArea2(ring), id).toBeGreaterThan(0);
      expect(selfCrossing(ring), id).toBeNull();
      for (const [lng, lat] of ring) {
        expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
        expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
      }
    }
  });

  it('draws sub-districts with 8–20 vertices and an area within ±35 % of the GEODATA table', () => {
    for (const subDistrict of geography.subDistricts) {
      const vertices = subDistrict.polygon.length - 1;
      expect(vertices, subDistrict.id).toBeGreaterThanOrEqual(8);
      expect(vertices, subDistrict.id).toBeLessThanOrEqual(20);
      const drawn = areaKm2(subDistrict.polygon);
      expect(subDistrict.areaKm2).toBeCloseTo(drawn, 3);
      const ratio = drawn / tableAreaKm2[subDistrict.id]!;
      expect(ratio, subDistrict.id).toBeGreaterThan(0.65);
      expect(ratio, subDistrict.id).toBeLessThan(1.35);
    }
  });

  it('has each sub-district centroid inside its outline', () => {
    for (const subDistrict of geography.subDistricts) {
      expect(inside(subDistrict.centroid, subDistrict.polygon), subDistrict.id).toBe(true);
    }
  });

  it('fills each sub-district and each workstation with its grids (area within 0.5 %)', () => {
    for (const subDistrict of geography.subDistricts) {
      const grids = geography.grids.filter((grid) => grid.subDistrictId === subDistrict.id);
      const gridArea = sum(grids.map((grid) => areaKm2(grid.polygon)));
      expect(Math.abs(gridArea / areaKm2(subDistrict.polygon) - 1), subDistrict.id).toBeLessThan(0.005);
    }
    for (const workstation of geography.workstations) {
      const grids = geography.grids.filter((grid) => grid.workstationId === workstation.id);
      const gridArea = sum(grids.map((grid) => areaKm2(grid.polygon)));
      expect(Math.abs(gridArea / areaKm2(workstation.polygon) - 1), workstation.id).toBeLessThan(0.005);
    }
    for (const grid of geography.grids) expect(grid.areaKm2).toBeCloseTo(areaKm2(grid.polygon), 3);
  });

  it('tiles the district without overlaps: 2,000 seeded points each fall in at most one area per level', () => {
    const random = seededRandom(20240611);
    const [west, south, east, north] = geography.bbox;
    const workstations = new Map(geography.workstations.map((item) => [item.id, item]));
    const subDistricts = new Map(geography.subDistricts.map((item) => [item.id, item]));
    let inDistrict = 0;

    for (let i = 0; i < 2000; i++) {
      const point: LngLat = [west + random.next() * (east - west), south + random.next() * (north - south)];
      const sds = geography.subDistricts.filter((item) => inside(point, item.polygon));
      const wss = geography.workstations.filter((item) => inside(point, item.polygon));
      const grids = geography.grids.filter((item) => inside(point, item.polygon));
      expect(sds.length, `${point}`).toBeLessThanOrEqual(1);
      expect(wss.length, `${point}`).toBeLessThanOrEqual(1);
      // Inside the district means inside exactly one grid: no gaps, no overlaps.
      expect(grids.length, `${point}`).toBe(sds.length);
      expect(wss.length, `${point}`).toBe(sds.length);
      const grid = grids[0];
      if (grid) {
        inDistrict++;
        // A grid lies inside its own workstation and sub-district.
        expect(inside(point, workstations.get(grid.workstationId)!.polygon)).toBe(true);
        expect(inside(point, subDistricts.get(grid.subDistrictId)!.polygon)).toBe(true);
      }
    }
    // The district fills a fair part of its bounding box, so the sample means something.
    expect(inDistrict).toBeGreaterThan(600);
  });

  it('gives the district bbox as the extent of its sub-districts', () => {
    const points = geography.subDistricts.flatMap((item) => item.polygon);
    expect(geography.bbox).toEqual([
      Math.min(...points.map((point) => point[0])),
      Math.min(...points.map((point) => point[1])),
      Math.max(...points.map((point) => point[0])),
      Math.max(...points.map((point) => point[1])),
    ]);
  });

  it('lets createGridLocator find every grid from a point inside it', () => {
    const locate = createGridLocator(geography);
    for (const grid of geography.grids) {
      const point = interiorPoint(grid.polygon);
      expect(locate(point), grid.id).toEqual({
        gridId: grid.id,
        workstationId: grid.workstationId,
        subDistrictId: grid.subDistrictId,
      });
    }
    expect(locate([121.3, 31.1])).toBeNull();
  });
});

describe('demo district: places and roads', () => {
  const inDistrict = (point: LngLat) => geography.subDistricts.some((item) => inside(point, item.polygon));

  it('has the twelve GEODATA metro stations and named places, all inside the district', () => {
    expect(geography.places.map((place) => place.id)).toEqual(sequence('P', geography.places.length, 3));
    expect(geography.places.filter((place) => place.kind === 'metro')).toHaveLength(12);
    expect(geography.places.length).toBeGreaterThanOrEqual(12 + 12);
    for (const place of geography.places) {
      expect(inDistrict(place.lngLat), place.name.zh).toBe(true);
      expect(place.aliases.length, place.name.zh).toBeGreaterThan(0);
    }
    const qufu = geography.places.find((place) => place.name.zh === '曲阜路站');
    expect(qufu?.aliases).toContain('曲阜路地铁站');
    expect(qufu?.lngLat).toEqual([121.46696, 31.24419]);
  });

  it('has roads that run through the district with house-number ranges', () => {
    expect(geography.roads.map((road) => road.id)).toEqual(sequence('R', geography.roads.length, 2));
    expect(geography.roads.length).toBeGreaterThanOrEqual(20);
    for (const road of geography.roads) {
      expect(road.line.length, road.name.zh).toBeGreaterThanOrEqual(2);
      expect(road.line.some(inDistrict), road.name.zh).toBe(true);
      expect(road.houseNumbers.from, road.name.zh).toBeLessThan(road.houseNumbers.to);
      expect(road.name.en, road.name.zh).toMatch(/Road$/);
    }
  });
});
