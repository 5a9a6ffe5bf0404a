import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { DistrictGeography } from '../domain/district';
import { overlaps, selfIntersections, tilingProblems, type GeoProblem, type Piece } from './geometryChecks';

const labels = {
  subDistrict: { zh: '街镇', en: 'sub-district' },
  workstation: { zh: '工作站', en: 'workstation' },
  grid: { zh: '网格', en: 'grid' },
};

/**
 * Everything wrong with a district's geometry that would put a case in the
 * wrong grid or in none: outlines that cross themselves, grids that overlap
 * or leave gaps in their workstation, workstations that do not tile their
 * sub-district, sub-districts that overlap; and, as warnings, places outside
 * the district and a file that does not say which datum it is in.
 */
export function checkDistrictGeometry(geography: DistrictGeography, file?: string): GeoProblem[] {
  const pieces = <T extends { id: string; name: { zh: string }; polygon: DistrictGeography['grids'][number]['polygon'] }>(kind: string, items: readonly T[]) =>
    items.map((item, index): Piece & { id: string } => ({ id: item.id, record: `${kind}[${index}] ${item.id} ${item.name.zh}`, ring: item.polygon }));
  const subDistricts = pieces('subDistricts', geography.subDistricts);
  const workstations = pieces('workstations', geography.workstations);
  const grids = pieces('grids', geography.grids);

  const problems: GeoProblem[] = [];
  for (const piece of [...subDistricts, ...workstations, ...grids]) {
    const crossings = selfIntersections(piece.ring);
    if (crossings.length === 0) continue;
    problems.push({
      severity: 'error',
      record: piece.record,
      reason: { zh: `边界自相交（${crossings.length} 处）`, en: `its outline crosses itself (${crossings.length} times)` },
      at: crossings[0]!,
    });
  }
  // Tiling needs simple outlines: with a bow tie the areas below mean nothing.
  if (problems.length === 0) {
    problems.push(...overlaps(subDistricts, labels.subDistrict), ...overlaps(grids, labels.grid));
    for (const sub of subDistricts) {
      const own = geography.workstations.flatMap((station, index) => (station.subDistrictId === sub.id ? [workstations[index]!] : []));
      problems.push(...tilingProblems(sub, own, labels.workstation));
    }
    for (const station of workstations) {
      const own = geography.grids.flatMap((grid, index) => (grid.workstationId === station.id ? [grids[index]!] : []));
      problems.push(...tilingProblems(station, own, labels.grid));
    }
  }
  problems.push(...placesOutside(geography));
  if (!geography.datum) {
    problems.push({
      severity: 'warning',
      record: 'datum',
      reason: {
        zh: '文件未说明坐标系，按 WGS-84 读取；请加上 "datum": "WGS84"（或 "GCJ02"、"BD09"，将自动转换）',
        en: 'the file does not say which datum it is in and is read as WGS-84; add "datum": "WGS84" (or "GCJ02", "BD09", which are converted)',
      },
    });
  }
  return file ? problems.map((problem) => ({ ...problem, file })) : problems;
}

function placesOutside(geography: DistrictGeography): GeoProblem[] {
  const outlines = geography.subDistricts.map((sub) => ({ type: 'Polygon' as const, coordinates: [sub.polygon] }));
  return geography.places.flatMap((place, index): GeoProblem[] =>
    outlines.some((outline) => booleanPointInPolygon(place.lngLat, outline))
      ? []
      : [
          {
            severity: 'warning',
            record: `places[${index}] ${place.id} ${place.name.zh}`,
            reason: { zh: '地点在辖区之外：以它定位的案件会被拒绝', en: 'the place lies outside the district: cases located by it are refused' },
            at: place.lngLat,
          },
        ],
  );
}
