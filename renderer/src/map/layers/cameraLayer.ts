import type { Feature, Point, Polygon } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibre, SourceSpecification } from 'maplibre-gl';
import { localName, type Locale } from '../../../../shared/domain/names';
import { fieldOfViewWedge } from '../../../../shared/map/fieldOfView';
import type { CameraHealth } from '../../../../shared/map/linkState';
import type { Camera } from '../../../../shared/video/camera';
import type { VideoState } from '../../../../shared/video/videoState';
import type { DisplayDatum } from '../displayDatum';
import { palette, textFont } from '../palette';

const empty: SourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
export const cameraSources: Record<string, SourceSpecification> = { cameras: empty, 'camera-fov': empty };

/** Health as colour: live green, reconnecting amber, frozen red (the alarm nobody notices otherwise), offline grey, unwatched slate. */
const healthColour = [
  'match',
  ['coalesce', ['feature-state', 'health'], 'unknown'],
  'live',
  palette.live,
  'reconnecting',
  palette.attention,
  'frozen',
  palette.frozen,
  'offline',
  palette.offline,
  palette.unknown,
];

export const cameraFovLayers: LayerSpecification[] = [
  {
    id: 'camera-fov',
    type: 'fill',
    source: 'camera-fov',
    minzoom: 13.5,
    paint: { 'fill-color': healthColour as never, 'fill-opacity': ['case', ['==', ['get', 'onWall'], 1], 0.3, 0.14] },
  },
];

export const cameraLayers: LayerSpecification[] = [
  {
    id: 'camera-dots',
    type: 'circle',
    source: 'cameras',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 15, 7],
      'circle-color': healthColour as never,
      'circle-stroke-color': ['case', ['==', ['get', 'onWall'], 1], palette.text, palette.halo],
      'circle-stroke-width': ['case', ['==', ['get', 'onWall'], 1], 2.5, 1.5],
    },
  },
  {
    id: 'camera-screen',
    type: 'symbol',
    source: 'cameras',
    filter: ['==', ['get', 'onWall'], 1],
    layout: { 'text-field': ['get', 'screenLabel'], 'text-font': textFont, 'text-size': 14, 'text-offset': [0, -1.3], 'text-allow-overlap': true },
    paint: { 'text-color': palette.text, 'text-halo-color': palette.halo, 'text-halo-width': 2.5 },
  },
];

/**
 * Cameras with what they see, coloured by health (feature state: a camera
 * going offline repaints, nothing is re-tiled), and marked with their screen
 * number while the wall shows them.
 */
export function createCameraLayer(map: MapLibre, datum: DisplayDatum, locale: Locale, screenLabel: (screen: number) => string) {
  let indexOf = new Map<string, number>();
  let positions = new Map<string, [number, number]>();
  let painted = new Map<string, string>();

  return {
    /** The camera list or what the wall shows changed: 24–2,000 features, rebuilt whole. */
    setCameras(cameras: readonly Camera[], video: VideoState | null): void {
      indexOf = new Map(cameras.map((camera, index) => [camera.id, index]));
      positions = new Map(cameras.map((camera) => [camera.id, camera.position]));
      const screens = new Map<string, number[]>();
      for (const tile of video?.tiles ?? []) if (tile.cameraId) screens.set(tile.cameraId, [...(screens.get(tile.cameraId) ?? []), tile.screen]);
      const points: Feature<Point>[] = cameras.map((camera, index) => {
        const on = screens.get(camera.id) ?? [];
        return {
          type: 'Feature',
          id: index,
          properties: { id: camera.id, name: localName(camera.name, locale), onWall: on.length ? 1 : 0, screenLabel: on.map(screenLabel).join(' · ') },
          geometry: { type: 'Point', coordinates: datum.toDisplay(camera.position) },
        };
      });
      const wedges: Feature<Polygon>[] = cameras.map((camera, index) => ({
        type: 'Feature',
        id: index,
        properties: { id: camera.id, onWall: screens.has(camera.id) ? 1 : 0 },
        geometry: { type: 'Polygon', coordinates: [fieldOfViewWedge(camera).map(datum.toDisplay)] },
      }));
      (map.getSource('cameras') as GeoJSONSource).setData({ type: 'FeatureCollection', features: points });
      (map.getSource('camera-fov') as GeoJSONSource).setData({ type: 'FeatureCollection', features: wedges });
      painted = new Map();
    },
    /** Where a camera stands (WGS-84). */
    positionOf: (cameraId: string) => positions.get(cameraId) ?? null,
    indexOf: (cameraId: string) => indexOf.get(cameraId) ?? null,
    /** Health changed: only the cameras whose state differs are repainted. */
    setHealth(health: Readonly<Record<string, CameraHealth>>): void {
      const next = new Map<string, string>();
      for (const [cameraId, index] of indexOf) {
        const state = health[cameraId]?.state ?? 'unknown';
        next.set(cameraId, state);
        if (painted.get(cameraId) === state) continue;
        for (const source of ['cameras', 'camera-fov']) map.setFeatureState({ source, id: index }, { health: state });
      }
      painted = next;
    },
  };
}
export type CameraLayer = ReturnType<typeof createCameraLayer>;
