import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { DistrictGeography, Grid, GridAssignment, LngLat } from './district';

type Box = [number, number, number, number];

function ringBox(ring: LngLat[]): Box {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng, lat] of ring) {
    minLng = Math.min(minLng, lng);
    minLat = Math.min(minLat, lat);
    maxLng = Math.max(maxLng, lng);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

/**
 * Point → grid, the one answer every window agrees on. A bounding-box test
 * first keeps it cheap at 65 grids; point-in-polygon decides.
 */
export function createGridLocator(geography: Pick<DistrictGeography, 'grids'>) {
  const indexed = geography.grids.map((grid) => ({ grid, box: ringBox(grid.polygon) }));

  return function locate([lng, lat]: LngLat): GridAssignment | null {
    for (const { grid, box } of indexed) {
      if (lng < box[0] || lng > box[2] || lat < box[1] || lat > box[3]) continue;
      if (booleanPointInPolygon([lng, lat], { type: 'Polygon', coordinates: [grid.polygon] })) {
        return assignmentOf(grid);
      }
    }
    return null;
  };
}

function assignmentOf(grid: Grid): GridAssignment {
  return { gridId: grid.id, workstationId: grid.workstationId, subDistrictId: grid.subDistrictId };
}
