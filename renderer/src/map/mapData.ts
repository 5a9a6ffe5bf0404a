import type { FeatureCollection, Point, Polygon } from 'geojson';
import type { Case } from '../../../shared/domain/case';
import type { DistrictGeography } from '../../../shared/domain/district';
import { localName, type Locale } from '../../../shared/domain/names';

/** Grid outlines, each carrying its count of open cases for the choropleth. */
export function gridFeatures(geography: DistrictGeography, cases: Iterable<Case>, locale: Locale): FeatureCollection<Polygon> {
  const openPerGrid = new Map<string, number>();
  for (const item of cases) if (item.gridId) openPerGrid.set(item.gridId, (openPerGrid.get(item.gridId) ?? 0) + 1);
  return {
    type: 'FeatureCollection',
    features: geography.grids.map((grid) => ({
      type: 'Feature',
      id: Number(grid.id.slice(1)),
      properties: { id: grid.id, name: localName(grid.name, locale), open: openPerGrid.get(grid.id) ?? 0 },
      geometry: { type: 'Polygon', coordinates: [grid.polygon] },
    })),
  };
}

export function subDistrictFeatures(geography: DistrictGeography): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: geography.subDistricts.map((sub) => ({
      type: 'Feature',
      properties: { id: sub.id },
      geometry: { type: 'Polygon', coordinates: [sub.polygon] },
    })),
  };
}

export function caseFeatures(cases: Iterable<Case>): FeatureCollection<Point> {
  const features: FeatureCollection<Point>['features'] = [];
  for (const item of cases) {
    if (!item.lngLat) continue;
    features.push({
      type: 'Feature',
      id: item.id,
      properties: { id: item.id, urgent: item.urgent ? 1 : 0 },
      geometry: { type: 'Point', coordinates: item.lngLat },
    });
  }
  return { type: 'FeatureCollection', features };
}
