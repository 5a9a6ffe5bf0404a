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
  /** Where a point is drawn, in page coordinates. */
  screenPoint(lngLat: LngLat): { x: number; y: number };
  gridCount(gridId: string): number;
  cameraHealth(cameraId: string): string | null;
  /** Where a camera is drawn, on screen. */
  cameraPoint(cameraId: string): { x: number; y: number } | null;
  /** A located open case the map shows, inside the view, and where it is on screen. */
  someShownCase(): { id: number; number: string; x: number; y: number } | null;
  selection(): { caseId: number; lngLat: LngLat | null; gridId: string | null } | null;
  onRender(listener: () => void): () => void;
  /** Each time a source has taken new data in (after a diff or setData). */
  onSourceLoaded(sourceId: string, listener: () => void): () => void;
  /** Whether a configured basemap's source has loaded its tiles in view. */
  basemapLoaded(): boolean;
  /** An animated pan, resolved when it ends. */
  panBy(dx: number, dy: number, durationMs: number): Promise<void>;
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
    // In the page's coordinates (what a mouse click takes), not the canvas's.
    screenPoint: (lngLat) => {
      const point = map.project(controller.toDisplay(lngLat));
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    gridCount: (gridId) => Number(map.getFeatureState({ source: 'grids', id: gridIndex.get(gridId) ?? -1 }).count ?? 0),
    cameraHealth: (cameraId) => {
      const index = controller.cameras.indexOf(cameraId);
      return index === null ? null : ((map.getFeatureState({ source: 'cameras', id: index }).health as string | undefined) ?? 'unknown');
    },
    cameraPoint: (cameraId) => {
      const position = controller.cameras.positionOf(cameraId);
      return position ? probe.screenPoint(position) : null;
    },
    someShownCase: () => {
      const canvas = map.getCanvas();
      // Away from the edges, where a click might land on a control or a label instead.
      for (const item of store.getState().openCases.values()) {
        if (!item.lngLat || !controller.cases.isShown(item.id)) continue;
        const { x, y } = probe.screenPoint(item.lngLat);
        const box = canvas.getBoundingClientRect();
        if (x > box.left + 60 && y > box.top + 60 && x < box.right - 60 && y < box.bottom - 60) return { id: item.id, number: item.number, x, y };
      }
      return null;
    },
    selection: () => {
      const selection = store.getState().selection;
      return selection ? { caseId: selection.caseId, lngLat: selection.lngLat, gridId: selection.gridId } : null;
    },
    onRender(listener) {
      map.on('render', listener);
      return () => void map.off('render', listener);
    },
    onSourceLoaded(sourceId, listener) {
      const onData = (event: { sourceId?: string; isSourceLoaded?: boolean; sourceDataType?: string }) => {
        if (event.sourceId === sourceId && event.isSourceLoaded && event.sourceDataType !== 'metadata') listener();
      };
      map.on('sourcedata', onData);
      return () => void map.off('sourcedata', onData);
    },
    basemapLoaded: () => map.getSource('basemap') !== undefined && map.isSourceLoaded('basemap'),
    panBy: (dx, dy, durationMs) =>
      new Promise((resolve) => {
        map.once('moveend', () => resolve());
        map.panBy([dx, dy], { duration: durationMs, easing: (t) => t });
      }),
  };
  (window as unknown as { gridwallMap?: MapProbe }).gridwallMap = probe;
  return () => {
    delete (window as unknown as { gridwallMap?: MapProbe }).gridwallMap;
  };
}
