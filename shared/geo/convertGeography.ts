import type { DistrictGeography, LngLat } from '../domain/district';
import { toWgs84, type Datum } from './datum';

/**
 * A district drawn in another datum (a GCJ-02 export from a Chinese map
 * service), as WGS-84: every vertex, centroid, place and line converted, the
 * bounding box measured again, and the file marked as WGS-84 from then on.
 */
export function geographyToWgs84(geography: DistrictGeography, datum: Datum): DistrictGeography {
  const point = (value: LngLat) => toWgs84(value, datum);
  const line = (points: readonly LngLat[]) => points.map(point);
  const converted: DistrictGeography = {
    ...geography,
    datum: 'WGS84',
    subDistricts: geography.subDistricts.map((sub) => ({ ...sub, centroid: point(sub.centroid), polygon: line(sub.polygon) })),
    workstations: geography.workstations.map((station) => ({ ...station, polygon: line(station.polygon) })),
    grids: geography.grids.map((grid) => ({ ...grid, polygon: line(grid.polygon) })),
    places: geography.places.map((place) => ({ ...place, lngLat: point(place.lngLat) })),
    roads: geography.roads.map((road) => ({ ...road, line: line(road.line) })),
    ...(geography.waterways ? { waterways: geography.waterways.map((water) => ({ ...water, line: line(water.line) })) } : {}),
    ...(geography.transitLines ? { transitLines: geography.transitLines.map((transit) => ({ ...transit, line: line(transit.line) })) } : {}),
  };
  return { ...converted, bbox: boundsOf(converted.subDistricts.flatMap((sub) => sub.polygon)) };
}

export function boundsOf(points: readonly LngLat[]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of points) {
    west = Math.min(west, lng);
    south = Math.min(south, lat);
    east = Math.max(east, lng);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}
