import type { Map as MapLibre } from 'maplibre-gl';

/**
 * Shows or hides a layer, leaving it alone when it already is so: any change of a layer's layout re-tiles its
 * whole source in maplibre (a pass of the worker and another frame), and "visible" is also what a layer
 * without the property is.
 */
export function setLayerVisible(map: MapLibre, layerId: string, visible: boolean): void {
  if (!map.getLayer(layerId)) return;
  const shown = (map.getLayoutProperty(layerId, 'visibility') ?? 'visible') === 'visible';
  if (shown !== visible) map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
}
