import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDatum } from '../../shared/geo/datum';
import { districtLayers, importDistrict, type DistrictLayer } from '../../shared/geo/districtImport';
import { maxGeoJsonBytes } from '../../shared/geo/geoJsonRead';
import { formatGeoProblem } from '../../shared/geo/geometryChecks';
import { parseLocale } from '../../shared/i18n/index';

export const importDistrictUsage = `用法 / usage: gridwall import-district <folder> --out <district.json> [options]
  <folder> holds one GeoJSON file per layer: ${Object.values(districtLayers).map((layer) => layer.file).join(', ')}
           (the first three are required)
  --datum <WGS84|CGCS2000|GCJ02|BD09>  for files that do not say which datum they are in
  --id <id> --name-zh <名称> --name-en <name>  the district (default: the folder's name)
  --locale <zh-CN|en>  language of the problems listed (default zh-CN)
Writes district.json in WGS-84 only when every layer passes every check; otherwise lists every
problem with its file and record, writes nothing and exits with 1.`;

/**
 * `gridwall import-district`: GIS layers → the room's district.json
 * (shared/geo/districtImport.ts does the work; this reads the files and says
 * what happened).
 */
export function runImportDistrict(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        datum: { type: 'string' },
        id: { type: 'string' },
        'name-zh': { type: 'string' },
        'name-en': { type: 'string' },
        locale: { type: 'string', default: 'zh-CN' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${importDistrictUsage}`);
    return 2;
  }
  const [folder] = parsed.positionals;
  const datum = parsed.values.datum === undefined ? null : parseDatum(parsed.values.datum);
  if (!folder || !parsed.values.out || (parsed.values.datum !== undefined && !datum)) {
    console.error(importDistrictUsage);
    return 2;
  }
  const locale = parseLocale(parsed.values.locale);
  const files: Partial<Record<DistrictLayer, string>> = {};
  for (const [layer, spec] of Object.entries(districtLayers) as [DistrictLayer, { file: string }][]) {
    const path = join(resolve(folder), spec.file);
    if (!existsSync(path)) continue;
    // Refused before reading: a file this large would only be read to be refused.
    files[layer] = statSync(path).size > maxGeoJsonBytes ? ' '.repeat(maxGeoJsonBytes + 1) : readFileSync(path, 'utf8');
  }
  const name = parsed.values['name-zh'] ?? resolve(folder).split(/[\\/]/).at(-1) ?? 'district';
  const result = importDistrict({ files, datum, id: parsed.values.id ?? 'district', name: { zh: name, en: parsed.values['name-en'] ?? name } });
  if (!result.ok) {
    console.error(locale === 'en' ? `Nothing was written: ${result.problems.length} problem(s)` : `未写入任何内容：共 ${result.problems.length} 个问题`);
    for (const problem of result.problems) console.error(`  ${formatGeoProblem(problem, locale)}`);
    return 1;
  }
  for (const warning of result.warnings) console.error(`  ${locale === 'en' ? 'warning' : '提示'}: ${formatGeoProblem(warning, locale)}`);
  writeFileSync(resolve(parsed.values.out), `${JSON.stringify(result.geography, null, 2)}\n`);
  const { subDistricts, workstations, grids } = result.geography;
  console.log(
    locale === 'en'
      ? `wrote ${parsed.values.out}: ${subDistricts.length} sub-districts, ${workstations.length} workstations, ${grids.length} grids (WGS-84)`
      : `已写入 ${parsed.values.out}：${subDistricts.length} 个街镇、${workstations.length} 个工作站、${grids.length} 个网格（WGS-84）`,
  );
  return 0;
}
