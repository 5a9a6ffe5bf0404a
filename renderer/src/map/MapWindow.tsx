import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../shared/domain/case';
import { localName } from '../../../shared/domain/names';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { useWall, useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { caseFeatures, caseLayerDiff, gridFeatures, openCasesPerGrid, subDistrictFeatures } from './mapData';

maplibregl.setWorkerUrl(workerUrl);

const selectReference = (state: WallState) => state.reference;
const selectOpenCount = (state: WallState) => state.openCases.size;
const selectUrgentCount = (state: WallState) => {
  let urgent = 0;
  for (const item of state.openCases.values()) if (item.urgent) urgent++;
  return urgent;
};

/**
 * The sub-district on one screen: grids shaded by their open cases, every
 * located open case as a dot (red when urgent). No base map tiles: the room
 * works offline, and the demo geography is illustrative anyway.
 */
export function MapWindow() {
  const { t } = useTranslation();
  const reference = useWallState(selectReference);
  const openCount = useWallState(selectOpenCount);
  const urgentCount = useWallState(selectUrgentCount);
  const { store } = useWall();
  const container = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!reference || !container.current) return;
    const geography = reference.geography;
    const [west, south, east, north] = geography.bbox;
    const map = new maplibregl.Map({
      container: container.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0a0e13' } }],
      },
      bounds: [west, south, east, north],
      fitBoundsOptions: { padding: 40 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    const labels: maplibregl.Marker[] = [];

    map.on('load', () => {
      const { openCases } = store.getState();
      map.addSource('grids', { type: 'geojson', data: gridFeatures(geography, locale) });
      map.addSource('subDistricts', { type: 'geojson', data: subDistrictFeatures(geography) });
      map.addSource('cases', { type: 'geojson', data: caseFeatures(openCases.values()) });
      map.addLayer({
        id: 'grid-fill',
        type: 'fill',
        source: 'grids',
        paint: {
          'fill-color': ['interpolate', ['linear'], ['coalesce', ['feature-state', 'open'], 0], 0, '#142130', 5, '#1d3b5c', 15, '#2f5f91'],
          'fill-opacity': 0.9,
        },
      });
      map.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': '#3a4c60', 'line-width': 1 } });
      map.addLayer({
        id: 'sub-district-line',
        type: 'line',
        source: 'subDistricts',
        paint: { 'line-color': '#c9d6e3', 'line-width': 2.5 },
      });
      map.addLayer({
        id: 'case-dots',
        type: 'circle',
        source: 'cases',
        paint: {
          'circle-radius': ['case', ['==', ['get', 'urgent'], 1], 8, 5],
          'circle-color': ['case', ['==', ['get', 'urgent'], 1], '#ff5449', '#ffb020'],
          'circle-stroke-color': '#0a0e13',
          'circle-stroke-width': 1.5,
        },
      });
      // Text as DOM labels: no glyph server is needed offline.
      for (const sub of geography.subDistricts) {
        const element = document.createElement('div');
        element.className = 'map-label';
        element.textContent = localName(sub.name, locale);
        labels.push(new maplibregl.Marker({ element }).setLngLat(sub.centroid).addTo(map));
      }
      shadeGrids(openCases);
      shown = openCases;
      setReady(true);
    });

    const gridIndex = new Map(geography.grids.map((grid, index) => [grid.id, index]));
    let shaded = new Map<string, number>();
    const shadeGrids = (cases: ReadonlyMap<number, Case>) => {
      const counts = openCasesPerGrid(cases.values());
      for (const [gridId, index] of gridIndex) {
        const open = counts.get(gridId) ?? 0;
        if (shaded.get(gridId) !== open) map.setFeatureState({ source: 'grids', id: index }, { open });
      }
      shaded = new Map([...gridIndex.keys()].map((gridId) => [gridId, counts.get(gridId) ?? 0]));
    };

    // Follow the store without re-rendering React: apply only what changed, at most once per frame.
    let shown: ReadonlyMap<number, Case> | null = null;
    let frame = 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.openCases === previous.openCases || frame || !shown) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const cases = store.getState().openCases;
        const diff = caseLayerDiff(shown!, cases);
        if (diff.remove.length || diff.add.length) void (map.getSource('cases') as maplibregl.GeoJSONSource).updateData(diff);
        shadeGrids(cases);
        shown = cases;
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      for (const label of labels) label.remove();
      map.remove();
    };
  }, [reference, store]);

  return (
    <div className="window">
      <WindowHeader role="map">
        <span className="legend">
          <span className="legend-dot legend-open" /> {t('map.legendOpen')}
          <span className="count-figure" data-testid="open-count">
            {t('queue.count', { count: openCount })}
          </span>
          <span className="legend-dot legend-urgent" /> {t('map.legendUrgent')}
          <span className="count-figure count-urgent">{t('queue.count', { count: urgentCount })}</span>
        </span>
      </WindowHeader>
      <main className="map-body">
        <div className="map-canvas" ref={container} data-testid="map" data-ready={ready} />
        {reference?.geography.illustrative && <p className="map-note">{t('app.illustrativeMap')}</p>}
      </main>
    </div>
  );
}
