import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibre, SourceSpecification } from 'maplibre-gl';
import type { Case } from '../../../../shared/domain/case';
import { deadlineState, statusGroup } from '../../../../shared/map/caseStyle';
import type { DisplayDatum } from '../displayDatum';
import { palette } from '../palette';

export const caseSourceId = 'cases';

export const caseSource: SourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };

/**
 * Open cases as circles (a symbol layer fails with tens of thousands of
 * icons): fill by the clock (overdue, supervised, close to the deadline,
 * calm), ring by whose move it is (the room's white, a department's none,
 * the verifier's green), urgent ones larger, approximate positions
 * half-transparent; the selected one in a blue halo (feature state).
 */
export const caseLayers: LayerSpecification[] = [
  {
    id: 'case-halo',
    type: 'circle',
    source: caseSourceId,
    paint: {
      'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 20, 0],
      'circle-color': 'rgba(77, 163, 255, 0.18)',
      'circle-stroke-color': palette.select,
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0],
    },
  },
  {
    id: 'case-dots',
    type: 'circle',
    source: caseSourceId,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, ['case', ['==', ['get', 'urgent'], 1], 6, 4], 15, ['case', ['==', ['get', 'urgent'], 1], 11, 7]],
      'circle-color': ['match', ['get', 'deadline'], 'overdue', palette.urgent, 'supervised', palette.supervised, 'dueSoon', palette.attention, palette.calm],
      'circle-opacity': ['case', ['==', ['get', 'approximate'], 1], 0.45, 1],
      'circle-stroke-color': ['match', ['get', 'group'], 'room', palette.text, 'verify', palette.live, palette.halo],
      'circle-stroke-width': ['match', ['get', 'group'], 'department', 1.2, 2.4],
    },
  },
];

/** The properties that decide how a case is drawn; a case whose signature is unchanged is not sent to the source again. */
function featureOf(item: Case, now: number, datum: DisplayDatum): Feature<Point> {
  return {
    type: 'Feature',
    id: item.id,
    properties: { id: item.id, urgent: item.urgent ? 1 : 0, deadline: deadlineState(item, now), group: statusGroup(item.status), approximate: item.locationApproximate ? 1 : 0 },
    geometry: { type: 'Point', coordinates: datum.toDisplay(item.lngLat!) },
  };
}

const signatureOf = (feature: Feature<Point>) => JSON.stringify([feature.properties, feature.geometry.coordinates]);

/**
 * What the source must change to show exactly the visible located cases as
 * they are now: features to remove and to add (a changed case is both; the
 * diff applies removals first). `shown` (id → signature) is brought up to
 * date. Only cases whose look changed are sent.
 */
export function planCaseUpdate(shown: Map<number, string>, cases: ReadonlyMap<number, Case>, visible: (item: Case) => boolean, now: number, datum: DisplayDatum) {
  const add: Feature<Point>[] = [];
  const remove: number[] = [];
  const wanted = new Set<number>();
  for (const item of cases.values()) {
    if (!item.lngLat || !visible(item)) continue;
    wanted.add(item.id);
    const feature = featureOf(item, now, datum);
    const signature = signatureOf(feature);
    const before = shown.get(item.id);
    if (before === signature) continue;
    if (before !== undefined) remove.push(item.id);
    add.push(feature);
    shown.set(item.id, signature);
  }
  for (const id of shown.keys()) {
    if (wanted.has(id)) continue;
    remove.push(id);
    shown.delete(id);
  }
  return { add, remove };
}

/**
 * Keeps the case source equal to the cases that pass the filter, by diff:
 * a new or changed case is one feature added (after its old one is
 * removed), never a rebuilt layer; the minute tick re-reads the clock
 * states and sends only the cases whose colour changed.
 */
export function createCaseLayer(map: MapLibre, datum: DisplayDatum) {
  const shown = new Map<number, string>();
  let selected: number | null = null;
  const source = () => map.getSource(caseSourceId) as GeoJSONSource;

  return {
    /** Brings the source in line; returns how many features changed (0: nothing was sent). */
    sync(cases: ReadonlyMap<number, Case>, visible: (item: Case) => boolean, now: number): number {
      const wasEmpty = shown.size === 0;
      const { add, remove } = planCaseUpdate(shown, cases, visible, now, datum);
      // The first fill (or a new filter that replaced most of the layer) goes in whole: one parse instead of a diff per feature.
      if (wasEmpty || add.length > shown.size / 2) void source().setData({ type: 'FeatureCollection', features: [...cases.values()].filter((item) => shown.has(item.id)).map((item) => featureOf(item, now, datum)) });
      else if (add.length || remove.length) void source().updateData({ remove, add });
      // A re-added feature loses its state: the halo follows the selection again.
      if (selected !== null && add.some((feature) => feature.id === selected)) map.setFeatureState({ source: caseSourceId, id: selected }, { selected: true });
      return add.length + remove.length;
    },
    select(caseId: number | null): void {
      if (selected !== null && shown.has(selected)) map.setFeatureState({ source: caseSourceId, id: selected }, { selected: false });
      selected = caseId;
      if (caseId !== null && shown.has(caseId)) map.setFeatureState({ source: caseSourceId, id: caseId }, { selected: true });
    },
    isShown: (caseId: number) => shown.has(caseId),
    get count() {
      return shown.size;
    },
  };
}
export type CaseLayer = ReturnType<typeof createCaseLayer>;
