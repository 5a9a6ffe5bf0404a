import turfArea from '@turf/area';
import { polygon as turfPolygon } from '@turf/helpers';
import type { DistrictGeography, LngLat, Place, PlaceKind, Ring } from '../domain/district';
import type { Name } from '../domain/names';
import { DistrictGeographySchema } from '../domain/referenceSchemas';
import { boundsOf } from './convertGeography';
import type { Datum } from './datum';
import { checkDistrictGeometry } from './districtChecks';
import { readGeoJsonLayer, type GeometryKind, type ReadFeature } from './geoJsonRead';
import type { GeoProblem } from './geometryChecks';

/**
 * A district from GIS layers: one GeoJSON file per layer, as a surveying
 * office or the district platform exports them (often in GCJ-02), turned into
 * GridWall's district.json in WGS-84. All or nothing: the result is either a
 * geography that passed every check, or the full list of problems with the
 * file, the record and the reason — never half a district.
 */
export const districtLayers = {
  subDistricts: { file: 'subDistricts.geojson', kind: 'polygon', required: true },
  workstations: { file: 'workstations.geojson', kind: 'polygon', required: true },
  grids: { file: 'grids.geojson', kind: 'polygon', required: true },
  places: { file: 'places.geojson', kind: 'point', required: false },
  roads: { file: 'roads.geojson', kind: 'line', required: false },
  waterways: { file: 'waterways.geojson', kind: 'line', required: false },
  transitLines: { file: 'transitLines.geojson', kind: 'line', required: false },
} as const satisfies Record<string, { file: string; kind: GeometryKind; required: boolean }>;
export type DistrictLayer = keyof typeof districtLayers;

export interface DistrictImportInput {
  /** File text per layer (those present). */
  files: Partial<Record<DistrictLayer, string>>;
  /** For files that do not state their datum themselves. */
  datum: Datum | null;
  id: string;
  name: Name;
}

export type DistrictImportResult = { ok: true; geography: DistrictGeography; warnings: GeoProblem[] } | { ok: false; problems: GeoProblem[] };

/** Property names as GIS tables spell them, English or Chinese. */
const fields = {
  id: ['id', 'ID', '编号'],
  code: ['code', 'CODE', '编码', '代码'],
  name: ['name', 'name_zh', 'NAME', '名称'],
  nameEn: ['name_en', 'NAME_EN', '英文名称'],
  subDistrictId: ['subDistrictId', 'sub_district_id', '所属街镇'],
  workstationId: ['workstationId', 'workstation_id', '所属工作站'],
  kind: ['kind', '类型'],
  aliases: ['aliases', '别名'],
  from: ['from', '起始门牌'],
  to: ['to', '终止门牌'],
  colour: ['colour', 'color', '颜色'],
  stations: ['stationIds', 'stations', '车站'],
  width: ['widthM', 'width', '宽度'],
} as const;

function field(feature: ReadFeature, key: keyof typeof fields): string {
  for (const name of fields[key]) {
    const value = feature.properties[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return '';
}

const listOf = (text: string) => text.split('|').map((part) => part.trim()).filter(Boolean);
const round4 = (value: number) => Math.round(value * 1e4) / 1e4;
const areaKm2 = (ring: Ring) => round4(turfArea(turfPolygon([ring])) / 1e6);
const nameOf = (feature: ReadFeature): Name => ({ zh: field(feature, 'name'), en: field(feature, 'nameEn') || field(feature, 'name') });

function centreOf(ring: Ring): LngLat {
  let [twiceArea, cx, cy] = [0, 0, 0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [Math.round((cx / (3 * twiceArea)) * 1e6) / 1e6, Math.round((cy / (3 * twiceArea)) * 1e6) / 1e6];
}

/** Reads, checks, converts and assembles the layers; see the module comment. */
export function importDistrict(input: DistrictImportInput): DistrictImportResult {
  const problems: GeoProblem[] = [];
  const layers: Partial<Record<DistrictLayer, ReadFeature[]>> = {};
  for (const [layer, spec] of Object.entries(districtLayers) as [DistrictLayer, (typeof districtLayers)[DistrictLayer]][]) {
    const text = input.files[layer];
    if (text === undefined) {
      if (spec.required) problems.push({ severity: 'error', file: spec.file, record: '(file)', reason: { zh: '缺少这一图层文件', en: 'this layer file is missing' } });
      continue;
    }
    const read = readGeoJsonLayer(spec.file, text, spec.kind, input.datum);
    problems.push(...read.problems);
    layers[layer] = read.features;
  }
  if (problems.length) return { ok: false, problems };
  const geography = assemble(layers, input);
  const fieldProblems = [...missingFields(layers), ...duplicateIds(geography)];
  if (fieldProblems.length) return { ok: false, problems: fieldProblems };
  // Geometry first: a bow tie has no area, and "area too small" would hide why.
  const checked = checkDistrictGeometry(geography);
  const errors = checked.filter((item) => item.severity === 'error').map((item) => ({ ...item, file: fileOfRecord(item.record) }));
  if (errors.length) return { ok: false, problems: errors };
  const parsed = DistrictGeographySchema.safeParse(geography);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue): GeoProblem => {
        const [layer, index, ...rest] = issue.path.map(String);
        const record = index !== undefined && /^\d+$/.test(index) ? `${layer}[${index}]` : issue.path.join('.') || '(district)';
        const detail = `${rest.join('.')}${rest.length ? ': ' : ''}${issue.message}`;
        return { severity: 'error', file: fileOfRecord(record), record, reason: { zh: detail, en: detail } };
      }),
    };
  }
  return { ok: true, geography: parsed.data, warnings: checked.filter((item) => item.severity === 'warning') };
}

function fileOfRecord(record: string): string | undefined {
  const layer = /^(\w+)\[/.exec(record)?.[1] as DistrictLayer | undefined;
  return layer && layer in districtLayers ? districtLayers[layer].file : undefined;
}

function assemble(layers: Partial<Record<DistrictLayer, ReadFeature[]>>, input: DistrictImportInput): DistrictGeography {
  const workstationSub = new Map((layers.workstations ?? []).map((feature) => [field(feature, 'id'), field(feature, 'subDistrictId')]));
  const subDistricts = (layers.subDistricts ?? []).map((feature) => ({
    id: field(feature, 'id'),
    code: field(feature, 'code'),
    name: nameOf(feature),
    areaKm2: areaKm2(feature.coordinates),
    centroid: centreOf(feature.coordinates),
    polygon: feature.coordinates,
  }));
  return {
    id: input.id,
    name: input.name,
    illustrative: false,
    datum: 'WGS84',
    bbox: boundsOf(subDistricts.flatMap((sub) => sub.polygon)),
    subDistricts,
    workstations: (layers.workstations ?? []).map((feature) => ({
      id: field(feature, 'id'),
      code: field(feature, 'code'),
      subDistrictId: field(feature, 'subDistrictId'),
      name: nameOf(feature),
      polygon: feature.coordinates,
    })),
    grids: (layers.grids ?? []).map((feature) => ({
      id: field(feature, 'id'),
      code: field(feature, 'code'),
      workstationId: field(feature, 'workstationId'),
      subDistrictId: workstationSub.get(field(feature, 'workstationId')) ?? '',
      name: nameOf(feature),
      areaKm2: areaKm2(feature.coordinates),
      polygon: feature.coordinates,
    })),
    places: (layers.places ?? []).map((feature) => ({
      id: field(feature, 'id'),
      kind: (field(feature, 'kind') || 'landmark') as PlaceKind,
      name: nameOf(feature),
      aliases: listOf(field(feature, 'aliases')),
      lngLat: feature.coordinates[0]!,
    })) satisfies Place[],
    roads: (layers.roads ?? []).map((feature) => ({
      id: field(feature, 'id'),
      name: nameOf(feature),
      aliases: listOf(field(feature, 'aliases')),
      line: feature.coordinates,
      houseNumbers: { from: Number(field(feature, 'from') || 1), to: Number(field(feature, 'to') || 1) },
    })),
    waterways: (layers.waterways ?? []).map((feature) => ({ id: field(feature, 'id'), name: nameOf(feature), line: feature.coordinates, widthM: Number(field(feature, 'width') || 40) })),
    transitLines: (layers.transitLines ?? []).map((feature) => ({
      id: field(feature, 'id'),
      name: nameOf(feature),
      colour: field(feature, 'colour') || '#8899aa',
      line: feature.coordinates,
      stationIds: listOf(field(feature, 'stations')),
    })),
  };
}

/** Ids, names and parents a layer's records must carry, named per record. */
function missingFields(layers: Partial<Record<DistrictLayer, ReadFeature[]>>): GeoProblem[] {
  const needs: Partial<Record<DistrictLayer, (keyof typeof fields)[]>> = {
    subDistricts: ['id', 'name'],
    workstations: ['id', 'name', 'subDistrictId'],
    grids: ['id', 'name', 'workstationId'],
    places: ['id', 'name'],
    roads: ['id', 'name'],
    waterways: ['id', 'name'],
    transitLines: ['id', 'name'],
  };
  const workstations = new Set((layers.workstations ?? []).map((feature) => field(feature, 'id')));
  const subDistricts = new Set((layers.subDistricts ?? []).map((feature) => field(feature, 'id')));
  const problems: GeoProblem[] = [];
  for (const [layer, required] of Object.entries(needs) as [DistrictLayer, (keyof typeof fields)[]][]) {
    for (const feature of layers[layer] ?? []) {
      const file = districtLayers[layer].file;
      const missing = required.filter((key) => field(feature, key) === '');
      if (missing.length) problems.push({ severity: 'error', file, record: feature.record, reason: { zh: `缺少属性：${missing.map((key) => fields[key][0]).join('、')}`, en: `missing properties: ${missing.map((key) => fields[key][0]).join(', ')}` } });
      const parent = layer === 'grids' ? field(feature, 'workstationId') : layer === 'workstations' ? field(feature, 'subDistrictId') : '';
      const known = layer === 'grids' ? workstations : subDistricts;
      if (parent && !known.has(parent)) problems.push({ severity: 'error', file, record: feature.record, reason: { zh: `所属的 ${parent} 不存在`, en: `the ${parent} it belongs to does not exist` } });
    }
  }
  return problems;
}

function duplicateIds(geography: DistrictGeography): GeoProblem[] {
  const problems: GeoProblem[] = [];
  for (const layer of ['subDistricts', 'workstations', 'grids', 'places', 'roads'] as const) {
    const seen = new Set<string>();
    geography[layer].forEach((item, index) => {
      if (seen.has(item.id)) problems.push({ severity: 'error', file: districtLayers[layer].file, record: `features[${index}] ${item.id}`, reason: { zh: '编号重复', en: 'the id is used twice' } });
      seen.add(item.id);
    });
  }
  return problems;
}
