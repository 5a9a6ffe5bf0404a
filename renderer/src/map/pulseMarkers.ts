import * as maplibregl from 'maplibre-gl';
import type { Case } from '../../../shared/domain/case';
import type { DisplayDatum } from './displayDatum';

/**
 * More urgent cases than this at once and the wall is one red shimmer (the
 * larger red-ringed dots say it already), and in software rendering each
 * animated ring costs compositing time: the newest urgent cases pulse.
 */
const maxPulses = 40;

/**
 * A calm pulse under every urgent case: DOM rings animated by CSS on the
 * compositor, so the WebGL map is not repainted every frame for it (in
 * software rendering that would cost a core), and the theme's reduced-motion
 * rule stills them.
 */
export function createPulseMarkers(map: maplibregl.Map, datum: DisplayDatum) {
  const markers = new Map<number, maplibregl.Marker>();
  return {
    sync(cases: ReadonlyMap<number, Case>, visible: (item: Case) => boolean): void {
      const urgent = [...cases.values()].filter((item) => item.urgent && item.lngLat && visible(item));
      urgent.sort((a, b) => b.reportedAt - a.reportedAt || b.id - a.id);
      const wanted = new Map(urgent.slice(0, maxPulses).map((item) => [item.id, item]));
      for (const [id, marker] of markers) {
        if (wanted.has(id)) continue;
        marker.remove();
        markers.delete(id);
      }
      for (const [id, item] of wanted) {
        if (markers.has(id)) continue;
        const element = document.createElement('div');
        element.className = 'case-pulse';
        element.dataset.caseId = String(id);
        markers.set(id, new maplibregl.Marker({ element }).setLngLat(datum.toDisplay(item.lngLat!)).addTo(map));
      }
    },
    get count() {
      return markers.size;
    },
    remove(): void {
      for (const marker of markers.values()) marker.remove();
      markers.clear();
    },
  };
}
