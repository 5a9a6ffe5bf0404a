import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Case } from '../../../shared/domain/case';
import type { DistrictGeography } from '../../../shared/domain/district';
import { localName, type Locale } from '../../../shared/domain/names';

/** Grid outlines; their open-case counts travel as feature state (cheap to change, no re-tiling). */
export function gridFeatures(geography: DistrictGeography, locale: Locale): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: geography.grids.map((grid, index) => ({
      type: 'Feature',
      id: index,
      properties: { id: grid.id, name: localName(grid.name, locale) },
      geometry: { type: 'Polygon', coordinates: [grid.polygon] },
    })),
  };
}

export function openCasesPerGrid(cases: Iterable<Case>): Map<string, number> {
  const perGrid = new Map<string, number>();
  for (const item of cases) if (item.gridId) perGrid.set(item.gridId, (perGrid.get(item.gridId) ?? 0) + 1);
  return perGrid;
}

export interface CaseLayerDiff {
  remove: number[];
  add: Feature<Point>[];
}

/**
 * What changed between two states of the open cases, as a GeoJSON source
 * diff: a new case is one added point, not a rebuilt layer. A changed case
 * is removed and added again (the diff applies removals first).
 */
export function caseLayerDiff(previous: ReadonlyMap<number, Case>, next: ReadonlyMap<number, Case>): CaseLayerDiff {
  const remove: number[] = [];
  const changed: Case[] = [];
  for (const [id, item] of previous) {
    const now = next.get(id);
    if (!now) remove.push(id);
    else if (now !== item) {
      remove.push(id);
      changed.push(now);
    }
  }
  for (const [id, item] of next) if (!previous.has(id)) changed.push(item);
  return { remove, add: caseFeatures(changed).features };
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
