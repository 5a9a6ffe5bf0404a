import type { LngLat } from '../domain/district';
import { parseDatum, toWgs84, type Datum } from './datum';
import { looksSwapped, type GeoProblem } from './geometryChecks';

/** A layer file larger than this is refused before it is parsed (a district's grids are a few MB at most). */
export const maxGeoJsonBytes = 50 * 1024 * 1024;
export const maxFeaturesPerFile = 20_000;
export const maxVerticesPerFeature = 50_000;

export type GeometryKind = 'polygon' | 'point' | 'line';

/** One feature of a layer file, checked and converted to WGS-84. */
export interface ReadFeature {
  record: string;
  properties: Record<string, unknown>;
  /** The outer ring (closed), the point, or the line, in WGS-84. */
  coordinates: LngLat[];
}

export interface ReadLayer {
  features: ReadFeature[];
  datum: Datum;
  problems: GeoProblem[];
}

const problem = (file: string, record: string, zh: string, en: string, at?: LngLat): GeoProblem => ({ severity: 'error', file, record, reason: { zh, en }, ...(at ? { at } : {}) });

/**
 * Reads one GeoJSON layer file: size, JSON, a FeatureCollection, the datum
 * it says it is in (its `datum` member, a `crs` name, or the importer's
 * option), and every feature's geometry — the kind the layer needs, finite
 * numbers, not written latitude first, one outer ring without holes.
 * Problems name the file and the feature; nothing is converted from a file
 * with any.
 */
export function readGeoJsonLayer(file: string, text: string, kind: GeometryKind, fallbackDatum: Datum | null): ReadLayer {
  const fail = (zh: string, en: string): ReadLayer => ({ features: [], datum: 'WGS84', problems: [problem(file, '(file)', zh, en)] });
  if (text.length > maxGeoJsonBytes) return fail(`文件过大（超过 ${maxGeoJsonBytes / 1024 / 1024} MB）`, `the file is too large (over ${maxGeoJsonBytes / 1024 / 1024} MB)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`不是有效的 JSON：${detail}`, `not valid JSON: ${detail}`);
  }
  const collection = json as { type?: unknown; features?: unknown; datum?: unknown; crs?: { properties?: { name?: unknown } } };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return fail('不是 GeoJSON FeatureCollection', 'not a GeoJSON FeatureCollection');
  if (collection.features.length > maxFeaturesPerFile) return fail(`要素过多（超过 ${maxFeaturesPerFile} 个）`, `too many features (over ${maxFeaturesPerFile})`);
  const stated = collection.datum ?? collection.crs?.properties?.name;
  const datum = stated === undefined ? fallbackDatum : parseDatum(String(stated));
  if (!datum) {
    return stated === undefined
      ? fail('未说明坐标系：在文件中加入 "datum": "WGS84"、"GCJ02" 或 "BD09"，或导入时指定 --datum', 'the datum is not stated: add "datum": "WGS84", "GCJ02" or "BD09" to the file, or give --datum')
      : fail(`不认识的坐标系 "${String(stated)}"（可用 WGS84、CGCS2000、GCJ02、BD09）`, `unknown datum "${String(stated)}" (WGS84, CGCS2000, GCJ02 or BD09)`);
  }
  const features: ReadFeature[] = [];
  const problems: GeoProblem[] = [];
  collection.features.forEach((raw, index) => {
    const read = readFeature(file, raw, index, kind);
    if ('problem' in read) problems.push(read.problem);
    else features.push({ ...read, coordinates: read.coordinates.map((point) => toWgs84(point, datum)) });
  });
  return { features: problems.length ? [] : features, datum, problems };
}

function readFeature(file: string, raw: unknown, index: number, kind: GeometryKind): ReadFeature | { problem: GeoProblem } {
  const feature = raw as { type?: unknown; properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null };
  const properties = (feature?.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
  const label = properties.id ?? properties['编号'] ?? properties.name ?? properties['名称'];
  const record = `features[${index}]${label !== undefined ? ` ${String(label)}` : ''}`;
  const refuse = (zh: string, en: string, at?: LngLat) => ({ problem: problem(file, record, zh, en, at) });
  if (feature?.type !== 'Feature' || !feature.geometry) return refuse('不是带几何的 GeoJSON Feature', 'not a GeoJSON Feature with a geometry');
  const coordinates = outline(feature.geometry, kind);
  if (typeof coordinates === 'string') return refuse(...geometryReasons[coordinates]);
  if (coordinates.length > maxVerticesPerFeature) return refuse(`顶点过多（超过 ${maxVerticesPerFeature} 个）`, `too many vertices (over ${maxVerticesPerFeature})`);
  for (const point of coordinates) {
    if (point.length < 2 || !point.slice(0, 2).every((value) => typeof value === 'number' && Number.isFinite(value))) {
      return refuse('坐标不是有限的数字', 'a coordinate is not a finite number');
    }
    if (looksSwapped(point)) {
      return refuse(`经纬度似乎写反了（${point[0]}, ${point[1]}）：GeoJSON 先写经度再写纬度`, `longitude and latitude look swapped (${point[0]}, ${point[1]}): GeoJSON puts longitude first`, [point[1]!, point[0]!]);
    }
  }
  const lngLats = coordinates.map((point): LngLat => [point[0]!, point[1]!]);
  if (kind === 'polygon') {
    const [first, last] = [lngLats[0]!, lngLats.at(-1)!];
    if (lngLats.length < 4 || first[0] !== last[0] || first[1] !== last[1]) return refuse('多边形未闭合（首尾点不同）或少于 3 个顶点', 'the polygon is not closed (first and last point differ) or has fewer than 3 vertices');
  }
  return { record, properties, coordinates: lngLats };
}

type GeometryReason = 'wrongKind' | 'holes' | 'multi' | 'shape';
const geometryReasons: Record<GeometryReason, [string, string]> = {
  wrongKind: ['几何类型不符合这一图层（面、点或线）', 'the geometry is not the kind this layer holds (polygon, point or line)'],
  holes: ['多边形带有内洞：网格和街镇须为单一外边界', 'the polygon has holes: grids and sub-districts must be one outline each'],
  multi: ['由多块组成（MultiPolygon）：每个区域须为一块', 'it is made of several parts (MultiPolygon): each area must be one piece'],
  shape: ['坐标结构不正确', 'the coordinates are not shaped as GeoJSON requires'],
};

/** The outer ring, point or line of a geometry, or why it cannot be one. */
function outline(geometry: { type?: unknown; coordinates?: unknown }, kind: GeometryKind): number[][] | GeometryReason {
  const coordinates = geometry.coordinates;
  const isPoints = (value: unknown): value is number[][] => Array.isArray(value) && value.every((point) => Array.isArray(point));
  switch (kind) {
    case 'point':
      if (geometry.type !== 'Point') return 'wrongKind';
      return Array.isArray(coordinates) ? [coordinates as number[]] : 'shape';
    case 'line':
      if (geometry.type !== 'LineString') return 'wrongKind';
      return isPoints(coordinates) && coordinates.length >= 2 ? coordinates : 'shape';
    case 'polygon': {
      let rings = coordinates;
      if (geometry.type === 'MultiPolygon') {
        if (!Array.isArray(coordinates) || coordinates.length !== 1) return 'multi';
        rings = coordinates[0];
      } else if (geometry.type !== 'Polygon') {
        return 'wrongKind';
      }
      if (!Array.isArray(rings) || rings.length === 0 || !isPoints(rings[0])) return 'shape';
      return rings.length > 1 ? 'holes' : rings[0];
    }
  }
}
