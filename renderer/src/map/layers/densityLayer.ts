import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibre, SourceSpecification } from 'maplibre-gl';
import { gridTotals, heatPoints, type DensityChoice, type DensityResult } from '../../../../shared/map/density';
import type { DisplayDatum } from '../displayDatum';
import { palette } from '../palette';
import { setLayerVisible } from './layerVisibility';

export const densitySources: Record<string, SourceSpecification> = { 'density-heat': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } };

export type DensityView = 'grids' | 'heat';

/** Grid shading from feature state (a slot switch repaints 65 grids, nothing is re-tiled); the heat layer from cell centres. */
export const densityLayers: LayerSpecification[] = [
  {
    // Shown from the start (grids without a level are clear): hiding and showing it would re-tile the grids.
    id: 'density-fill',
    type: 'fill',
    source: 'grids',
    paint: {
      'fill-color': ['interpolate', ['linear'], ['coalesce', ['feature-state', 'level'], 0], 0, palette.densityLow, 0.5, palette.densityMid, 1, palette.densityHigh],
      // Few cases barely tint a grid; the worst grids stand out without hiding the cases on them.
      'fill-opacity': ['interpolate', ['linear'], ['coalesce', ['feature-state', 'level'], 0], 0, 0, 0.05, 0.12, 1, 0.62],
    },
  },
  {
    id: 'density-heat',
    type: 'heatmap',
    source: 'density-heat',
    layout: { visibility: 'none' },
    paint: {
      'heatmap-weight': ['get', 'weight'],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 14, 15, 40],
      'heatmap-intensity': 1.1,
      'heatmap-opacity': 0.8,
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(0,0,0,0)', 0.2, palette.densityLow, 0.55, palette.densityMid, 1, palette.densityHigh],
    },
  },
];

/**
 * Where problems of a category occur in a time slot, from the tuples the core
 * counted: switching the slot or the category picks from what the window
 * already holds (no round trip), shading 65 grids by feature state or
 * handing the heat layer a few hundred cell centres.
 */
export function createDensityLayer(map: MapLibre, datum: DisplayDatum, gridCount: number) {
  // What each grid was last given, as "level count": the top grid keeps level 1 from one slot to the next while its count changes.
  let painted = new Map<number, string>();
  return {
    show(result: DensityResult | null, choice: DensityChoice, view: DensityView | null): { max: number; total: number } {
      setLayerVisible(map, 'density-fill', view === 'grids');
      setLayerVisible(map, 'density-heat', result !== null && view === 'heat');
      if (!result) return { max: 0, total: 0 };
      const totals = gridTotals(result, result.grid, choice);
      let max = 0;
      let total = 0;
      for (const count of totals.values()) {
        max = Math.max(max, count);
        total += count;
      }
      const next = new Map<number, string>();
      for (let grid = 0; grid < gridCount; grid++) {
        const level = max === 0 ? 0 : (totals.get(grid) ?? 0) / max;
        const count = totals.get(grid) ?? 0;
        const shown = `${level} ${count}`;
        next.set(grid, shown);
        if (painted.get(grid) !== shown) map.setFeatureState({ source: 'grids', id: grid }, { level, count });
      }
      painted = next;
      if (view === 'heat') {
        const points = heatPoints(result, choice);
        const heatMax = points.reduce((most, point) => Math.max(most, point.count), 1);
        const features: Feature<Point>[] = points.map((point) => ({ type: 'Feature', properties: { weight: point.count / heatMax }, geometry: { type: 'Point', coordinates: datum.toDisplay(point.lngLat) } }));
        (map.getSource('density-heat') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      }
      return { max, total };
    },
  };
}
export type DensityLayer = ReturnType<typeof createDensityLayer>;
