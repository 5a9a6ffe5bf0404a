import type { LngLat, Ring } from '../domain/district';
import { assumedFieldOfView } from '../video/nearest';

/** How far a street camera's picture is useful on the map (a face or a plate is lost beyond it). */
export const viewRangeM = 80;

/**
 * What a camera sees, as a wedge on the map: from the camera, `fieldOfView`
 * degrees wide around its heading, `rangeM` deep. A dome (no heading, or a
 * 360° view) can look anywhere: a full circle. The same reading of heading
 * and field of view as the emergency camera choice (shared/video/nearest.ts).
 */
export function fieldOfViewWedge(camera: { position: LngLat; heading?: number; fieldOfView?: number }, rangeM = viewRangeM, stepDeg = 6): Ring {
  const [lng, lat] = camera.position;
  const metresPerLng = 111_320 * Math.cos((lat * Math.PI) / 180);
  const at = (bearing: number, metres: number): LngLat => {
    const radians = (bearing * Math.PI) / 180;
    return [lng + (Math.sin(radians) * metres) / metresPerLng, lat + (Math.cos(radians) * metres) / 110_900];
  };
  const fieldOfView = camera.fieldOfView ?? assumedFieldOfView;
  if (camera.heading === undefined || fieldOfView >= 360) {
    const circle = Array.from({ length: Math.round(360 / stepDeg) }, (_, index) => at(index * stepDeg, rangeM / 2));
    return [...circle, circle[0]!];
  }
  const from = camera.heading - fieldOfView / 2;
  const steps = Math.max(2, Math.ceil(fieldOfView / stepDeg));
  const arc = Array.from({ length: steps + 1 }, (_, index) => at(from + (index * fieldOfView) / steps, rangeM));
  return [camera.position, ...arc, camera.position];
}
