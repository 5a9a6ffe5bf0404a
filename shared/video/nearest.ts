import type { LngLat } from '../domain/district';
import { distanceM } from '../domain/geo';
import type { Camera } from './camera';

/**
 * Emergency video: which cameras to pull onto the wall for a point.
 *
 * Scoring, in order:
 * 1. Cameras that can see the point come first. A camera "faces" the point
 *    when the bearing from the camera to the point lies within heading ±
 *    fieldOfView/2 (a camera with a heading but no field of view is taken as
 *    a 90° fixed camera; one within 5 m of the point faces it whatever its
 *    heading). A camera without a heading, or with a 360° view, is a dome:
 *    "omni", it can be turned to the point.
 * 2. Among those, by rank distance: the distance for a facing camera, 1.25 ×
 *    the distance for a dome. So a dome ranks after a camera already pointing
 *    at the point at a similar distance (within 25 %), but a dome at 100 m
 *    beats a facing camera at 300 m.
 * 3. Then cameras pointing elsewhere ("away"), by distance: they show the
 *    surroundings (who walks off which way), never the point itself.
 * Ties go to the nearer camera, then the smaller id, so the answer is stable.
 */

export type CameraCoverage = 'facing' | 'omni' | 'away';

export interface NearCamera<C> {
  camera: C;
  distanceM: number;
  /** Bearing from the camera to the point, degrees clockwise from north. */
  bearingDeg: number;
  coverage: CameraCoverage;
  /** The distance the ranking uses (see above). */
  rankDistanceM: number;
}

export interface NearestOptions {
  /** At most this many cameras (default 9, one 3×3 window). */
  limit?: number;
  /** Cameras farther than this are left out (default 500 m). */
  maxDistanceMeters?: number;
}

export const defaultNearestLimit = 9;
export const defaultNearestMaxDistanceM = 500;
/** Field of view assumed for a camera that has a heading but no recorded field of view. */
export const assumedFieldOfView = 90;
export const domePenalty = 1.25;
const atThePointM = 5;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Initial great-circle bearing from `from` to `to`, 0–360° clockwise from north. */
export function bearingDeg(from: LngLat, to: LngLat): number {
  const lat1 = radians(from[1]);
  const lat2 = radians(to[1]);
  const dLng = radians(to[0] - from[0]);
  const y = Math.sin(dLng) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLng);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** Smallest angle between two directions, 0–180°. */
export function angleBetween(a: number, b: number): number {
  const difference = (((a - b) % 360) + 360) % 360;
  return difference > 180 ? 360 - difference : difference;
}

type Locatable = Pick<Camera, 'id' | 'position' | 'heading' | 'fieldOfView'>;

export function cameraCoverage(camera: Locatable, distance: number, bearing: number): CameraCoverage {
  const fieldOfView = camera.fieldOfView ?? assumedFieldOfView;
  if (camera.heading === undefined || fieldOfView >= 360) return 'omni';
  if (distance <= atThePointM) return 'facing';
  return angleBetween(bearing, camera.heading) <= fieldOfView / 2 ? 'facing' : 'away';
}

/** Cameras for a point, best first (see the scoring above). */
export function nearestCameras<C extends Locatable>(cameras: readonly C[], point: LngLat, options: NearestOptions = {}): NearCamera<C>[] {
  const limit = Math.max(0, Math.floor(options.limit ?? defaultNearestLimit));
  const maxDistance = options.maxDistanceMeters ?? defaultNearestMaxDistanceM;
  if (limit === 0) return [];
  const candidates: NearCamera<C>[] = [];
  for (const camera of cameras) {
    const distance = distanceM(camera.position, point);
    if (!(distance <= maxDistance)) continue;
    const bearing = bearingDeg(camera.position, point);
    const coverage = cameraCoverage(camera, distance, bearing);
    candidates.push({ camera, distanceM: distance, bearingDeg: bearing, coverage, rankDistanceM: coverage === 'omni' ? distance * domePenalty : distance });
  }
  candidates.sort(compareNear);
  return candidates.slice(0, limit);
}

/** The ranking order: seeing before not seeing, then rank distance, distance, id. */
export function compareNear(a: NearCamera<Locatable>, b: NearCamera<Locatable>): number {
  const tier = (near: NearCamera<Locatable>) => (near.coverage === 'away' ? 1 : 0);
  return (
    tier(a) - tier(b) ||
    a.rankDistanceM - b.rankDistanceM ||
    a.distanceM - b.distanceM ||
    (a.camera.id < b.camera.id ? -1 : a.camera.id > b.camera.id ? 1 : 0)
  );
}
