import { mkdirSync, readFileSync, existsSync, writeFileSync, rmSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LngLat } from '../../shared/domain/district';
import { fromWgs84, parseDatum, toWgs84 } from '../../shared/geo/datum';
import { distanceM } from '../../shared/domain/geo';
import { importDistrict, type DistrictLayer } from '../../shared/geo/districtImport';
import { maxGeoJsonBytes } from '../../shared/geo/geoJsonRead';
import { runImportDistrict } from '../../electron/host/importDistrictCli';
import { readReferenceFolder, ReferenceFileError } from '../../electron/core/demo/seed';

const square = (west: number, south: number, east: number, north: number): LngLat[] => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];
const polygonFeature = (properties: Record<string, unknown>, ring: LngLat[]) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } });
const collection = (features: unknown[], datum?: string) => JSON.stringify({ type: 'FeatureCollection', ...(datum ? { datum } : {}), features });

/** Two sub-districts side by side, one workstation each, two grids per workstation: a district that tiles exactly. */
function layers(datum = 'WGS84', change: (grids: ReturnType<typeof polygonFeature>[]) => void = () => undefined): Partial<Record<DistrictLayer, string>> {
  const grids = [
    polygonFeature({ id: 'G1', name: '甲一网格', workstationId: 'W1', code: '1' }, square(121.45, 31.25, 121.455, 31.26)),
    polygonFeature({ id: 'G2', name: '甲二网格', workstationId: 'W1', code: '2' }, square(121.455, 31.25, 121.46, 31.26)),
    polygonFeature({ id: 'G3', 名称: '乙一网格', 编号: 'G3', 所属工作站: 'W2' }, square(121.46, 31.25, 121.465, 31.26)),
    polygonFeature({ id: 'G4', name: '乙二网格', name_en: 'B Grid 2', workstationId: 'W2' }, square(121.465, 31.25, 121.47, 31.26)),
  ];
  change(grids);
  return {
    subDistricts: collection(
      [polygonFeature({ id: 'S1', name: '甲街道', name_en: 'A' }, square(121.45, 31.25, 121.46, 31.26)), polygonFeature({ id: 'S2', name: '乙街道' }, square(121.46, 31.25, 121.47, 31.26))],
      datum,
    ),
    workstations: collection(
      [polygonFeature({ id: 'W1', name: '甲工作站', subDistrictId: 'S1' }, square(121.45, 31.25, 121.46, 31.26)), polygonFeature({ id: 'W2', name: '乙工作站', subDistrictId: 'S2' }, square(121.46, 31.25, 121.47, 31.26))],
      datum,
    ),
    grids: collection(grids, datum),
    places: collection([{ type: 'Feature', properties: { id: 'P1', name: '甲站', kind: 'metro', aliases: '甲地铁站|A Station' }, geometry: { type: 'Point', coordinates: [121.452, 31.255] } }], datum),
  };
}

const run = (files: Partial<Record<DistrictLayer, string>>, datum: 'WGS84' | 'GCJ02' | null = null) => importDistrict({ files, datum, id: 'test', name: { zh: '测试区', en: 'Test' } });
const reasons = (result: ReturnType<typeof run>) => (result.ok ? [] : result.problems.map((problem) => `${problem.file} ${problem.record} ${problem.reason.zh} ${problem.reason.en}`));

describe('datums', () => {
  it('reads the names files and people give them', () => {
    expect(['WGS-84', 'wgs84', 'EPSG:4326', 'urn:ogc:def:crs:OGC:1.3:CRS84'].map(parseDatum)).toEqual(['WGS84', 'WGS84', 'WGS84', 'WGS84']);
    expect(['GCJ-02', 'gcj02', '火星坐标', 'AMap'].map(parseDatum)).toEqual(['GCJ02', 'GCJ02', 'GCJ02', 'GCJ02']);
    expect(['BD-09', 'bd09ll', 'Baidu'].map(parseDatum)).toEqual(['BD09', 'BD09', 'BD09']);
    expect(parseDatum('EPSG:4490')).toBe('CGCS2000');
    expect(parseDatum('EPSG:3857')).toBeNull();
    expect(parseDatum(undefined)).toBeNull();
  });

  it('converts the Qufu Road test point from GCJ-02 and BD-09 to within metres of its WGS-84 position', () => {
    const wgs: LngLat = [121.467, 31.2442];
    // GEODATA's own figures are rounded to ~10 m; the library's conversion is what must agree with itself.
    expect(distanceM(toWgs84([121.4712, 31.2425], 'GCJ02'), wgs)).toBeLessThan(60);
    expect(distanceM(toWgs84([121.4777, 31.2485], 'BD09'), wgs)).toBeLessThan(60);
    // The shift itself is hundreds of metres: drawing GCJ-02 unconverted would put a case in the wrong street.
    expect(distanceM(fromWgs84(wgs, 'GCJ02'), wgs)).toBeGreaterThan(400);
    for (const datum of ['GCJ02', 'BD09'] as const) expect(distanceM(toWgs84(fromWgs84(wgs, datum), datum), wgs)).toBeLessThan(1);
    expect(toWgs84(wgs, 'CGCS2000')).toEqual(wgs);
  });
});

describe('importing a district from GIS layers', () => {
  it('builds a WGS-84 district with areas, centroids, parents and places', () => {
    const result = run(layers());
    expect(result.ok, reasons(result).join('\n')).toBe(true);
    if (!result.ok) return;
    const { geography } = result;
    expect(geography.datum).toBe('WGS84');
    expect(geography.grids.map((grid) => [grid.id, grid.subDistrictId])).toEqual([['G1', 'S1'], ['G2', 'S1'], ['G3', 'S2'], ['G4', 'S2']]);
    expect(geography.grids[2]!.name).toEqual({ zh: '乙一网格', en: '乙一网格' });
    expect(geography.subDistricts[0]!.areaKm2).toBeCloseTo(1.05, 1);
    expect(geography.subDistricts[0]!.centroid).toEqual([121.455, 31.255]);
    expect(geography.places[0]!.aliases).toEqual(['甲地铁站', 'A Station']);
    expect(result.warnings).toEqual([]);
  });

  it('converts GCJ-02 layers to WGS-84 as it imports them', () => {
    const wgs = run(layers('WGS84'));
    const gcj = run(layers('GCJ-02'));
    expect(wgs.ok && gcj.ok).toBe(true);
    if (!wgs.ok || !gcj.ok) return;
    const shift = distanceM(wgs.geography.places[0]!.lngLat, gcj.geography.places[0]!.lngLat);
    expect(shift).toBeGreaterThan(400);
    expect(distanceM(fromWgs84(gcj.geography.places[0]!.lngLat, 'GCJ02'), [121.452, 31.255])).toBeLessThan(1);
  });

  it('refuses layers that do not say their datum, unless the import is told', () => {
    const files = layers('');
    const refused = run(files);
    expect(refused.ok).toBe(false);
    expect(reasons(refused).join('\n')).toMatch(/subDistricts\.geojson \(file\) 未说明坐标系/);
    expect(run(files, 'GCJ02').ok).toBe(true);
  });

  it('refuses malformed, oversized and wrongly shaped files with the file named', () => {
    expect(reasons(run({ ...layers(), grids: '{"type": "FeatureCollection", "features": [' })).join()).toMatch(/grids\.geojson \(file\) 不是有效的 JSON/);
    expect(reasons(run({ ...layers(), grids: ' '.repeat(maxGeoJsonBytes + 1) })).join()).toMatch(/grids\.geojson \(file\) 文件过大/);
    expect(reasons(run({ ...layers(), grids: '{"type": "Feature"}' })).join()).toMatch(/不是 GeoJSON FeatureCollection/);
    const { grids: _omitted, ...withoutGrids } = layers();
    expect(reasons(run(withoutGrids)).join()).toMatch(/grids\.geojson \(file\) 缺少这一图层文件/);
  });

  it('refuses a self-intersecting grid, naming it', () => {
    const result = run(
      layers('WGS84', (grids) => {
        grids[1]!.geometry.coordinates = [[[121.455, 31.25], [121.46, 31.26], [121.46, 31.25], [121.455, 31.26], [121.455, 31.25]]];
      }),
    );
    expect(reasons(result).join('\n')).toMatch(/grids\.geojson grids\[1\] G2 甲二网格 边界自相交/);
  });

  it('refuses grids that overlap or leave a gap, naming the grids and the workstation', () => {
    const overlapping = run(layers('WGS84', (grids) => (grids[0]!.geometry.coordinates = [square(121.45, 31.25, 121.457, 31.26)])));
    expect(reasons(overlapping).join('\n')).toMatch(/grids\[0\] G1 甲一网格 \/ grids\[1\] G2 甲二网格 .*重叠约/);
    const gap = run(layers('WGS84', (grids) => (grids[0]!.geometry.coordinates = [square(121.45, 31.25, 121.453, 31.26)])));
    expect(reasons(gap).join('\n')).toMatch(/workstations\.geojson workstations\[0\] W1 甲工作站 网格之间留有空隙/);
  });

  it('refuses coordinates written latitude first, saying so', () => {
    const result = run(layers('WGS84', (grids) => (grids[3]!.geometry.coordinates = [square(121.465, 31.25, 121.47, 31.26).map(([lng, lat]) => [lat, lng] as LngLat)])));
    const text = reasons(result).join('\n');
    expect(text).toMatch(/grids\.geojson features\[3\] G4 经纬度似乎写反了/);
    expect(text).toMatch(/longitude and latitude look swapped/);
  });

  it('refuses a grid of an unknown workstation and ids used twice', () => {
    expect(reasons(run(layers('WGS84', (grids) => (grids[0]!.properties.workstationId = 'W9')))).join()).toMatch(/所属的 W9 不存在/);
    expect(reasons(run(layers('WGS84', (grids) => (grids[1]!.properties.id = 'G1')))).join()).toMatch(/编号重复/);
  });

  it('warns about a place outside the district but imports the rest', () => {
    const files = layers();
    files.places = collection([{ type: 'Feature', properties: { id: 'P9', name: '远处' }, geometry: { type: 'Point', coordinates: [121.5, 31.3] } }], 'WGS84');
    const result = run(files);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.map((warning) => warning.record)).toEqual(['places[0] P9 远处']);
  });
});

describe('gridwall import-district', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const folderWith = (files: Partial<Record<DistrictLayer, string>>) => {
    const dir = mkdtempSync(join(tmpdir(), 'gridwall-geo-'));
    dirs.push(dir);
    for (const [layer, text] of Object.entries(files)) writeFileSync(join(dir, `${layer}.geojson`), text!);
    return dir;
  };

  it('writes district.json only when everything passes, and nothing when anything fails', () => {
    const good = folderWith(layers('GCJ02'));
    const out = join(good, 'district.json');
    expect(runImportDistrict([good, '--out', out, '--name-zh', '测试区'])).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { datum: string; grids: unknown[]; name: { zh: string } };
    expect([written.datum, written.grids.length, written.name.zh]).toEqual(['WGS84', 4, '测试区']);

    const bad = folderWith(layers('WGS84', (grids) => (grids[0]!.geometry.coordinates = [square(121.45, 31.25, 121.457, 31.26)])));
    const badOut = join(bad, 'district.json');
    expect(runImportDistrict([bad, '--out', badOut])).toBe(1);
    expect(existsSync(badOut)).toBe(false);
  });
});

describe("a room's district.json", () => {
  const demo = join(import.meta.dirname, '../../resources/demo');
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const roomWith = (change: (district: Record<string, unknown>) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'gridwall-room-'));
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    cpSync(demo, dir, { recursive: true });
    const district = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')) as Record<string, unknown>;
    change(district);
    writeFileSync(join(dir, 'district.json'), JSON.stringify(district));
    return dir;
  };

  it('is converted to WGS-84 when it says it is in GCJ-02', () => {
    const original = readReferenceFolder(demo).geography;
    const shifted = roomWith((district) => {
      const geography = district as unknown as typeof original;
      geography.datum = 'GCJ02';
      for (const place of geography.places) place.lngLat = fromWgs84(place.lngLat, 'GCJ02');
    });
    const loaded = readReferenceFolder(shifted).geography;
    expect(loaded.datum).toBe('WGS84');
    expect(distanceM(loaded.places[0]!.lngLat, original.places[0]!.lngLat)).toBeLessThan(1);
  });

  it('is read with a warning when it does not say its datum, and refused when its grids overlap', () => {
    const warnings: string[] = [];
    readReferenceFolder(roomWith((district) => delete district.datum), (warning) => warnings.push(warning.record));
    expect(warnings).toEqual(['datum']);
    const overlapping = roomWith((district) => {
      const grids = district.grids as { polygon: LngLat[] }[];
      grids[1]!.polygon = grids[0]!.polygon;
    });
    expect(() => readReferenceFolder(overlapping)).toThrow(ReferenceFileError);
    expect(() => readReferenceFolder(overlapping)).toThrow(/G01 .* \/ grids\[1\] G02 .*重叠约/);
  });
});
