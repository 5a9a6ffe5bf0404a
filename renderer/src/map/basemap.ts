import { layers as protomapsLayers, namedFlavor, type Flavor } from '@protomaps/basemaps';
import * as maplibregl from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import type { Locale } from '../../../shared/domain/names';
import type { ResolvedBasemap } from '../../../shared/map/mapSetup';

let pmtilesRegistered = false;

/**
 * Protomaps' dark flavour, adapted to the wall: the same near-black ground as
 * the rest of GridWall, water and roads a step quieter so the room's own data
 * (cases, cameras, density) keeps the colour, and no POI icons (they need a
 * sprite from the internet; the room's own places are on the map already).
 */
export function wallFlavor(): Flavor {
  const dark = namedFlavor('dark');
  return { ...dark, background: '#0a0e13', earth: '#0d131a', water: '#0f2a40', pois: undefined };
}

/** Where the PMTiles file is, with this window's token when the browser wall needs one (app:// needs none). */
function pmtilesUrl(path: string): string {
  const url = new URL(path, window.location.href);
  const token = new URLSearchParams(window.location.search).get('token');
  if (token) url.searchParams.set('token', token);
  return `pmtiles://${url.href}`;
}

/** The sources and layers a configured basemap adds under the district's own; none for the offline map. */
export function basemapStyle(basemap: ResolvedBasemap | null, locale: Locale): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  if (!basemap) return { sources: {}, layers: [] };
  if (basemap.source === 'pmtiles' && !pmtilesRegistered) {
    maplibregl.addProtocol('pmtiles', new Protocol().tile);
    pmtilesRegistered = true;
  }
  const common = { attribution: basemap.attribution, maxzoom: basemap.maxZoom };
  const location = basemap.source === 'pmtiles' ? { url: pmtilesUrl(basemap.path) } : { tiles: [basemap.url] };
  if (basemap.tiles === 'vector') {
    return {
      sources: { basemap: { type: 'vector', ...location, ...common } },
      layers: protomapsLayers('basemap', wallFlavor(), { lang: locale === 'en' ? 'en' : 'zh' }),
    };
  }
  return {
    sources: { basemap: { type: 'raster', ...location, ...common, tileSize: basemap.source === 'url' ? basemap.tileSize : 256 } },
    // A light raster basemap would glare across a dark room: dimmed and greyed under the data.
    layers: [{ id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-brightness-max': 0.5, 'raster-saturation': -0.6, 'raster-contrast': 0.1 } }],
  };
}
