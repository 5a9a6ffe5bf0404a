import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../../shared/domain/district';
import { distanceM } from '../../shared/domain/geo';
import type { Camera } from '../../shared/video/camera';
import { angleBetween, bearingDeg, compareNear, nearestCameras } from '../../shared/video/nearest';

type Cam = Pick<Camera, 'id' | 'position' | 'heading' | 'fieldOfView'>;

/** Qufu Road metro station (GEODATA.md). */
const qufu: LngLat = [121.46696, 31.24419];
/** Metres → degrees near 31.24° N. */
const dLat = (metres: number) => metres / 111_195;
const dLng = (metres: number) => metres / (111_195 * Math.cos((31.24419 * Math.PI) / 180));

describe('bearings', () => {
  it('points north, east, south, west', () => {
    expect(bearingDeg(qufu, [qufu[0], qufu[1] + 0.001])).toBeCloseTo(0, 6);
    expect(bearingDeg(qufu, [qufu[0] + 0.001, qufu[1]])).toBeCloseTo(90, 1);
    expect(bearingDeg(qufu, [qufu[0], qufu[1] - 0.001])).toBeCloseTo(180, 6);
    expect(bearingDeg(qufu, [qufu[0] - 0.001, qufu[1]])).toBeCloseTo(270, 1);
  });

  it('measures the smaller angle across north', () => {
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(10, 350)).toBe(20);
    expect(angleBetween(0, 360)).toBe(0);
    expect(angleBetween(90, 270)).toBe(180);
  });
});

describe('nearestCameras', () => {
  const east100Facing: Cam = { id: 'east-facing', position: [qufu[0] + dLng(100), qufu[1]], heading: 270, fieldOfView: 60 };
  const north80Away: Cam = { id: 'north-away', position: [qufu[0], qufu[1] + dLat(80)], heading: 0, fieldOfView: 60 };
  const south90Dome: Cam = { id: 'south-dome', position: [qufu[0], qufu[1] - dLat(90)] };
  const west300Facing: Cam = { id: 'west-far', position: [qufu[0] - dLng(300), qufu[1]], heading: 90, fieldOfView: 40 };
  const far: Cam = { id: 'far', position: [qufu[0] + dLng(900), qufu[1]] };

  it('puts cameras that see the point first, a dome after a facing camera at a similar distance', () => {
    const ranked = nearestCameras([far, north80Away, south90Dome, west300Facing, east100Facing], qufu);
    expect(ranked.map((near) => [near.camera.id, near.coverage, Math.round(near.distanceM)])).toEqual([
      ['east-facing', 'facing', 100],
      ['south-dome', 'omni', 90],
      ['west-far', 'facing', 300],
      ['north-away', 'away', 80],
    ]);
  });

  it('prefers a near dome to a far facing camera', () => {
    const dome20: Cam = { id: 'dome', position: [qufu[0], qufu[1] - dLat(20)] };
    expect(nearestCameras([west300Facing, dome20], qufu).map((near) => near.camera.id)).toEqual(['dome', 'west-far']);
  });

  it('assumes 90° for a heading without a field of view, and a camera at the point sees it', () => {
    const slightlyOff: Cam = { id: 'off', position: [qufu[0] + dLng(100), qufu[1]], heading: 270 + 40 };
    const tooFarOff: Cam = { id: 'too-off', position: [qufu[0] + dLng(100), qufu[1]], heading: 270 + 50 };
    const atPoint: Cam = { id: 'here', position: [qufu[0] + dLng(2), qufu[1]], heading: 90, fieldOfView: 30 };
    const coverage = Object.fromEntries(nearestCameras([slightlyOff, tooFarOff, atPoint], qufu).map((near) => [near.camera.id, near.coverage]));
    expect(coverage).toEqual({ off: 'facing', 'too-off': 'away', here: 'facing' });
  });

  it('respects the limit and the distance', () => {
    const all = [far, north80Away, south90Dome, west300Facing, east100Facing];
    expect(nearestCameras(all, qufu, { limit: 2 }).map((near) => near.camera.id)).toEqual(['east-facing', 'south-dome']);
    expect(nearestCameras(all, qufu, { maxDistanceMeters: 95 }).map((near) => near.camera.id)).toEqual(['south-dome', 'north-away']);
    expect(nearestCameras(all, qufu, { limit: 0 })).toEqual([]);
    expect(nearestCameras(all, qufu, { maxDistanceMeters: 2000 })).toHaveLength(5);
  });

  const camera = fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 6 }),
      position: fc.tuple(fc.double({ min: 121.455, max: 121.48, noNaN: true }), fc.double({ min: 31.235, max: 31.255, noNaN: true })),
      heading: fc.double({ min: 0, max: 360, noNaN: true }),
      fieldOfView: fc.double({ min: 1, max: 360, noNaN: true }),
    },
    { requiredKeys: ['id', 'position'] },
  );
  const point = fc.tuple(fc.double({ min: 121.46, max: 121.475, noNaN: true }), fc.double({ min: 31.24, max: 31.25, noNaN: true }));
  const options = fc.record({ limit: fc.integer({ min: 0, max: 30 }), maxDistanceMeters: fc.double({ min: 0, max: 3000, noNaN: true }) });

  it('is sorted, within the limit and the distance, and keeps the best (property)', () => {
    fc.assert(
      fc.property(fc.array(camera, { maxLength: 60 }), point, options, (cameras, at, { limit, maxDistanceMeters }) => {
        const ranked = nearestCameras(cameras, at as LngLat, { limit, maxDistanceMeters });
        expect(ranked.length).toBeLessThanOrEqual(limit);
        for (const near of ranked) {
          expect(near.distanceM).toBeLessThanOrEqual(maxDistanceMeters);
          expect(near.distanceM).toBeCloseTo(distanceM(near.camera.position, at as LngLat), 6);
          expect(near.rankDistanceM).toBeGreaterThanOrEqual(near.distanceM);
        }
        for (let index = 1; index < ranked.length; index += 1) expect(compareNear(ranked[index - 1]!, ranked[index]!)).toBeLessThanOrEqual(0);
        // Everything in range is returned unless the limit cut it; then nothing left out ranks better than the last one in.
        const inRange = cameras.filter((each) => distanceM(each.position, at as LngLat) <= maxDistanceMeters);
        expect(ranked.length).toBe(Math.min(limit, inRange.length));
        const all = nearestCameras(cameras, at as LngLat, { limit: cameras.length, maxDistanceMeters });
        expect(ranked).toEqual(all.slice(0, ranked.length));
      }),
    );
  });

  it('ranks every camera that sees the point before any that does not (property)', () => {
    fc.assert(
      fc.property(fc.array(camera, { maxLength: 40 }), point, (cameras, at) => {
        const ranked = nearestCameras(cameras, at as LngLat, { limit: 100, maxDistanceMeters: 5000 });
        const firstAway = ranked.findIndex((near) => near.coverage === 'away');
        if (firstAway >= 0) expect(ranked.slice(firstAway).every((near) => near.coverage === 'away')).toBe(true);
      }),
    );
  });
});
