import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { DistrictGeography, LngLat } from '../../../../shared/domain/district';
import { localName, type Locale } from '../../../../shared/domain/names';
import type { DisplayDatum } from '../displayDatum';
import { boldFont, palette, textFont } from '../palette';

/**
 * The district as the offline map draws it from its own file: sub-districts
 * (the room's own brighter), workstations, grids with names and codes,
 * Suzhou Creek, the main roads with their names, the metro lines and
 * stations. With a real basemap underneath, the fills, water, roads and
 * metro give way to the basemap's and only the organisation is drawn.
 */
export function districtSources(geography: DistrictGeography, locale: Locale, home: string | null, datum: DisplayDatum): Record<string, SourceSpecification> {
  const ring = (points: readonly LngLat[]) => points.map(datum.toDisplay);
  const collection = <G extends Polygon | LineString | Point>(features: FeatureCollection<G>['features']): SourceSpecification => ({
    type: 'geojson',
    data: { type: 'FeatureCollection', features } satisfies FeatureCollection<G>,
  });
  const stations = new Set((geography.transitLines ?? []).flatMap((line) => line.stationIds));
  return {
    subDistricts: collection<Polygon>(
      geography.subDistricts.map((sub, index) => ({ type: 'Feature', id: index, properties: { id: sub.id, home: sub.id === home ? 1 : 0 }, geometry: { type: 'Polygon', coordinates: [ring(sub.polygon)] } })),
    ),
    subDistrictLabels: collection<Point>(
      geography.subDistricts.map((sub) => ({ type: 'Feature', properties: { name: localName(sub.name, locale), home: sub.id === home ? 1 : 0 }, geometry: { type: 'Point', coordinates: datum.toDisplay(sub.centroid) } })),
    ),
    workstations: collection<Polygon>(
      geography.workstations.map((station) => ({ type: 'Feature', properties: { id: station.id }, geometry: { type: 'Polygon', coordinates: [ring(station.polygon)] } })),
    ),
    // Grid ids are their index, so density and highlight travel as feature state (no re-tiling).
    grids: collection<Polygon>(
      geography.grids.map((grid, index) => ({
        type: 'Feature',
        id: index,
        properties: { id: grid.id, label: `${localName(grid.name, locale)}\n${grid.code}` },
        geometry: { type: 'Polygon', coordinates: [ring(grid.polygon)] },
      })),
    ),
    water: collection<LineString>(
      (geography.waterways ?? []).map((water) => ({ type: 'Feature', properties: { name: localName(water.name, locale), widthM: water.widthM }, geometry: { type: 'LineString', coordinates: ring(water.line) } })),
    ),
    roads: collection<LineString>(
      geography.roads.map((road) => ({ type: 'Feature', properties: { name: localName(road.name, locale) }, geometry: { type: 'LineString', coordinates: ring(road.line) } })),
    ),
    metro: collection<LineString>(
      (geography.transitLines ?? []).map((line) => ({ type: 'Feature', properties: { name: localName(line.name, locale), colour: line.colour }, geometry: { type: 'LineString', coordinates: ring(line.line) } })),
    ),
    stations: collection<Point>(
      geography.places
        .filter((place) => stations.has(place.id))
        .map((place) => ({ type: 'Feature', properties: { name: localName(place.name, locale) }, geometry: { type: 'Point', coordinates: datum.toDisplay(place.lngLat) } })),
    ),
  };
}


const labelPaint = (colour: string) => ({ 'text-color': colour, 'text-halo-color': palette.halo, 'text-halo-width': 2 });

/** The layers under the live data; `withBasemap` leaves ground, water, roads and metro to the basemap. */
export function districtLayersBelow(withBasemap: boolean): LayerSpecification[] {
  const ground: LayerSpecification[] = withBasemap
    ? [{ id: 'sub-district-fill', type: 'fill', source: 'subDistricts', paint: { 'fill-color': palette.homeFill, 'fill-opacity': ['case', ['==', ['get', 'home'], 1], 0.25, 0] } }]
    : [
        { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
        { id: 'sub-district-fill', type: 'fill', source: 'subDistricts', paint: { 'fill-color': ['case', ['==', ['get', 'home'], 1], palette.homeFill, palette.otherFill] } },
      ];
  const streets: LayerSpecification[] = withBasemap
    ? []
    : [
        { id: 'water', type: 'line', source: 'water', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': palette.water, 'line-width': ['interpolate', ['exponential', 2], ['zoom'], 10, 1.5, 20, 500] } },
        { id: 'roads', type: 'line', source: 'roads', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': palette.road, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 14, 3, 17, 9] } },
        { id: 'metro', type: 'line', source: 'metro', paint: { 'line-color': ['get', 'colour'], 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 2, 15, 4], 'line-opacity': 0.8 } },
      ];
  return [
    ...ground,
    ...streets,
    { id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': palette.gridLine, 'line-width': 1 } },
    { id: 'workstation-line', type: 'line', source: 'workstations', paint: { 'line-color': palette.workstationLine, 'line-width': 1.4, 'line-dasharray': [3, 2] } },
    {
      id: 'sub-district-line',
      type: 'line',
      source: 'subDistricts',
      paint: { 'line-color': ['case', ['==', ['get', 'home'], 1], palette.homeOutline, palette.otherOutline], 'line-width': ['case', ['==', ['get', 'home'], 1], 3.5, 1.8] },
    },
    // The selected case's grid, outlined in the selection colour (feature state: no re-tiling).
    { id: 'grid-selected', type: 'line', source: 'grids', paint: { 'line-color': palette.select, 'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 4, 0] } },
  ];
}

/** Names: of the water, roads and stations (offline map only), of the grids when zoomed in, of the sub-districts. */
export function districtLabels(withBasemap: boolean): LayerSpecification[] {
  const ownLabels: LayerSpecification[] = withBasemap
    ? []
    : [
        { id: 'water-label', type: 'symbol', source: 'water', layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': textFont, 'text-size': 15, 'text-letter-spacing': 0.3 }, paint: labelPaint(palette.waterLabel) },
        { id: 'road-label', type: 'symbol', source: 'roads', minzoom: 13.5, layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': textFont, 'text-size': 14 }, paint: labelPaint(palette.roadLabel) },
        { id: 'station', type: 'circle', source: 'stations', paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6], 'circle-color': palette.stationFill, 'circle-stroke-color': palette.halo, 'circle-stroke-width': 2 } },
        { id: 'station-label', type: 'symbol', source: 'stations', minzoom: 13, layout: { 'text-field': ['get', 'name'], 'text-font': textFont, 'text-size': 13, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true }, paint: labelPaint(palette.stationLabel) },
      ];
  return [
    ...ownLabels,
    { id: 'grid-label', type: 'symbol', source: 'grids', minzoom: 14.2, layout: { 'text-field': ['get', 'label'], 'text-font': textFont, 'text-size': 13, 'text-line-height': 1.3 }, paint: labelPaint(palette.gridLabel) },
  ];
}

export const subDistrictLabelLayer: LayerSpecification = {
  id: 'sub-district-label',
  type: 'symbol',
  source: 'subDistrictLabels',
  maxzoom: 15,
  layout: { 'text-field': ['get', 'name'], 'text-font': boldFont, 'text-size': ['case', ['==', ['get', 'home'], 1], 22, 17], 'text-allow-overlap': false },
  paint: labelPaint(palette.subDistrictLabel),
};

