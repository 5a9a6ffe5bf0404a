import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { DistrictGeography, LngLat } from '../../../shared/domain/district';
import type { Locale } from '../../../shared/domain/names';
import type { MapSetup } from '../../../shared/map/mapSetup';
import { basemapStyle } from './basemap';
import { displayDatum } from './displayDatum';
import { createCameraLayer, cameraFovLayers, cameraLayers, cameraSources } from './layers/cameraLayer';
import { caseLayers, caseSource, caseSourceId, createCaseLayer } from './layers/caseLayer';
import { createDensityLayer, densityLayers, densitySources } from './layers/densityLayer';
import { districtLabels, districtLayersBelow, districtSources, subDistrictLabelLayer } from './layers/districtLayers';
import { localFontFamily, palette } from './palette';
import { createPulseMarkers } from './pulseMarkers';
import { setLayerVisible } from './layers/layerVisibility';
import type { ToggleableLayer } from './layers/toggleable';

maplibregl.setWorkerUrl(workerUrl);

export interface MapCallbacks {
  caseClicked(caseId: number): void;
  cameraClicked(cameraId: string, at: { x: number; y: number }): void;
  /** A right-click (or long press) on the map: a spot, in WGS-84, and where on screen. */
  spotChosen(lngLat: LngLat, at: { x: number; y: number }): void;
  emptyClicked(): void;
}

const layerIds: Record<ToggleableLayer, string[]> = {
  cases: ['case-halo', 'case-dots'],
  cameras: ['camera-fov', 'camera-dots', 'camera-screen'],
  density: [],
  transit: ['metro', 'station', 'station-label'],
};

/**
 * The map, outside React: one maplibre map whose sources and layers are the
 * district, the basemap (when configured), density, cameras and cases, each
 * updated by its own small module; React only tells it what changed.
 */
export function createMapController(container: HTMLElement, options: { geography: DistrictGeography; setup: MapSetup; locale: Locale; screenLabel: (screen: number) => string; callbacks: MapCallbacks }) {
  const { geography, setup, locale, callbacks } = options;
  const datum = displayDatum(setup.basemap?.datum ?? null);
  const basemap = basemapStyle(setup.basemap, locale);
  const withBasemap = setup.basemap !== null;
  const [west, south, east, north] = geography.bbox;
  const [sw, ne] = [datum.toDisplay([west, south]), datum.toDisplay([east, north])];
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: { ...basemap.sources, ...districtSources(geography, locale, setup.homeSubDistrictId, datum), ...densitySources, ...cameraSources, [caseSourceId]: caseSource },
      layers: [
        ...(withBasemap ? [{ id: 'background', type: 'background' as const, paint: { 'background-color': palette.background } }] : []),
        ...basemap.layers,
        ...districtLayersBelow(withBasemap),
        ...densityLayers,
        ...districtLabels(withBasemap),
        ...cameraFovLayers,
        ...cameraLayers,
        ...caseLayers,
        subDistrictLabelLayer,
      ],
    },
    bounds: [sw[0], sw[1], ne[0], ne[1]],
    fitBoundsOptions: { padding: 40 },
    localIdeographFontFamily: localFontFamily,
    // Labels appear at once instead of fading in over 300 ms of extra frames: in software rendering each frame costs a core for a while.
    fadeDuration: 0,
    attributionControl: withBasemap ? { compact: false } : false,
    dragRotate: false,
    pitchWithRotate: false,
    maxBounds: [sw[0] - 0.08, sw[1] - 0.06, ne[0] + 0.08, ne[1] + 0.06],
  });
  // Usable once its style is in, before the first full frame: the cases and cameras given now are tiled with the
  // district in one go, instead of each costing the worker another pass and the window another frame (software
  // rendered frames take long here).
  const ready = new Promise<void>((resolve) => map.once('style.load', () => resolve()));
  wireEvents(map, datum.fromDisplay, callbacks);
  let selectedGrid: number | null = null;
  const gridIndex = new Map(geography.grids.map((grid, index) => [grid.id, index]));

  return {
    map,
    ready,
    cases: createCaseLayer(map, datum),
    cameras: createCameraLayer(map, datum, locale, options.screenLabel),
    density: createDensityLayer(map, datum, geography.grids.length),
    pulses: createPulseMarkers(map, datum),
    /** Where the map draws a WGS-84 point (shifted over a GCJ-02 basemap). */
    toDisplay: datum.toDisplay,
    /** Outlines the selected case's grid. */
    highlightGrid(gridId: string | null): void {
      if (selectedGrid !== null) map.setFeatureState({ source: 'grids', id: selectedGrid }, { selected: false });
      selectedGrid = gridId === null ? null : (gridIndex.get(gridId) ?? null);
      if (selectedGrid !== null) map.setFeatureState({ source: 'grids', id: selectedGrid }, { selected: true });
    },
    /** A calm flight to a case (a jump when the room asked for less motion). */
    flyTo(lngLat: LngLat): void {
      const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      map.flyTo({ center: datum.toDisplay(lngLat), zoom: Math.max(map.getZoom(), 15.5), duration: reduced ? 0 : 1_200, essential: true });
    },
    /** Shows a whole grid (from the ranking of grids with the most cases). */
    flyToGrid(gridId: string): void {
      const grid = geography.grids.find((candidate) => candidate.id === gridId);
      if (!grid) return;
      const points = grid.polygon.map(datum.toDisplay);
      const lngs = points.map((point) => point[0]);
      const lats = points.map((point) => point[1]);
      map.fitBounds([Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)], { padding: 80, duration: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 900 });
    },
    setVisible(layer: ToggleableLayer, visible: boolean): void {
      for (const id of layerIds[layer]) setLayerVisible(map, id, visible);
    },
    remove(): void {
      map.remove();
    },
  };
}
export type MapController = ReturnType<typeof createMapController>;

function wireEvents(map: maplibregl.Map, fromDisplay: (point: LngLat) => LngLat, callbacks: MapCallbacks): void {
  const pointer = (on: boolean) => () => (map.getCanvas().style.cursor = on ? 'pointer' : '');
  for (const layer of ['case-dots', 'camera-dots']) {
    map.on('mouseenter', layer, pointer(true));
    map.on('mouseleave', layer, pointer(false));
  }
  map.on('click', (event) => {
    // Of the dots under the pointer (cases and cameras crowd at a market), the one nearest to where it was aimed.
    const layers = ['case-dots', 'camera-dots'].filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
    const hits = map.queryRenderedFeatures(event.point, { layers });
    const distance = (feature: (typeof hits)[number]) => {
      if (feature.geometry.type !== 'Point') return Infinity;
      const at = map.project(feature.geometry.coordinates as [number, number]);
      return Math.hypot(at.x - event.point.x, at.y - event.point.y);
    };
    const hit = hits.sort((a, b) => distance(a) - distance(b))[0];
    if (hit?.layer.id === 'case-dots') return callbacks.caseClicked(Number(hit.properties.id));
    if (hit?.layer.id === 'camera-dots') return callbacks.cameraClicked(String(hit.properties.id), { x: event.point.x, y: event.point.y });
    callbacks.emptyClicked();
  });
  map.on('contextmenu', (event) => {
    event.preventDefault();
    callbacks.spotChosen(fromDisplay([event.lngLat.lng, event.lngLat.lat]), { x: event.point.x, y: event.point.y });
  });
}
