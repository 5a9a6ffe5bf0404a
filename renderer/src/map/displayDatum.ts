import type { LngLat } from '../../../shared/domain/district';
import { fromWgs84, isShifted, toWgs84, type Datum } from '../../../shared/geo/datum';

/**
 * Where the map draws a WGS-84 point. Over OpenStreetMap-based tiles that is
 * the point itself; over a GCJ-02 tile service (common on government
 * intranets) every point GridWall draws is shifted the same way the tiles
 * are, and a click is shifted back, so a case sits on its street either way.
 */
export interface DisplayDatum {
  shifted: boolean;
  toDisplay(point: LngLat): LngLat;
  fromDisplay(point: LngLat): LngLat;
}

export function displayDatum(datum: Datum | null): DisplayDatum {
  if (!datum || !isShifted(datum)) return { shifted: false, toDisplay: (point) => point, fromDisplay: (point) => point };
  return { shifted: true, toDisplay: (point) => fromWgs84(point, datum), fromDisplay: (point) => toWgs84(point, datum) };
}
