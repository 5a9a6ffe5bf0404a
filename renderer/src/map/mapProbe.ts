import type { LngLat } from '../../../shared/domain/district';
import type { WallStore } from '../state/wallStore';
import type { MapController } from './mapController';

/**
 * What the end-to-end tests and the benchmark read from the map (a canvas
 * has no DOM to query): where it looks, what it outlines and shades, where a
 * camera or a case is on screen, and a hook on every frame drawn.
 */
export interface MapProbe {
  idle(): boolean;
  center(): LngLat;
  zoom(): number;
  highlightedGrid(): string | null;
  caseShown(caseId: number): boolean;
  shownCases(): number;
  screenPoint(lngLat: LngLat): { x: number; y: number };
  gridCount(gridId: string): number;
  cameraHealth(cameraId: string): string | null;
  onRender(listener: () => void): () => void;
}

export function installMapProbe(controller: MapController, store: WallStore): () => void {
  const { map } = controller;
  const grids = store.getState().reference?.geography.grids ?? [];
  const gridIndex = new Map(grids.map((grid, index) => [grid.id, index]));
  const probe: MapProbe = {
    idle: () => map.loaded() && !map.isMoving() && map.areTilesLoaded(),
    center: () => [map.getCenter().lng, map.getCenter().lat],
    zoom: () => map.getZoom(),
    highlightedGrid: () => grids.find((_grid, index) => map.getFeatureState({ source: 'grids', id: index }).selected === true)?.id ?? null,
    caseShown: (caseId) => controller.cases.isShown(caseId),
    shownCases: () => controller.cases.count,
    screenPoint: (lngLat) => {
      const point = map.project(lngLat);
      return { x: point.x, y: point.y };
    },
    gridCount: (gridId) => Number(map.getFeatureState({ source: 'grids', id: gridIndex.get(gridId) ?? -1 }).count ?? 0),
    cameraHealth: (cameraId) => {
      const cameras = map.querySourceFeatures('cameras');
      const feature = cameras.find((candidate) => candidate.properties.id === cameraId);
      return feature?.id === undefined ? null : ((map.getFeatureState({ source: 'cameras', id: feature.id }).health as string | undefined) ?? 'unknown');
    },
    onRender(listener) {
      map.on('render', listener);
      return () => void map.off('render', listener);
    },
  };
  (window as unknown as { gridwallMap?: MapProbe }).gridwallMap = probe;
  return () => {
    delete (window as unknown as { gridwallMap?: MapProbe }).gridwallMap;
  };
}
