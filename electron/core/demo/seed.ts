import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LexiconSchema } from '../../../shared/commands/lexicon';
import { loadKeymap } from '../../../shared/commands/keymap';
import { CameraSchema, type Camera } from '../../../shared/video/camera';
import type { KeyFocusEntry } from '../../../shared/video/priority';
import { checkPlanAgainstWall, validateSlotPlan, type SlotPlan } from '../../../shared/video/slots';
import type { ReferenceData } from '../../../shared/contract/contract';
import {
  CategoriesSchema,
  DepartmentsSchema,
  DistrictGeographySchema,
  OperatorsFileSchema,
  SourcesSchema,
} from '../../../shared/domain/referenceSchemas';
import { WorkCalendarDataSchema } from '../../../shared/domain/workCalendar';
import type { DistrictGeography } from '../../../shared/domain/district';
import { geographyToWgs84 } from '../../../shared/geo/convertGeography';
import { isShifted } from '../../../shared/geo/datum';
import { checkDistrictGeometry } from '../../../shared/geo/districtChecks';
import { formatGeoProblem, type GeoProblem } from '../../../shared/geo/geometryChecks';
import { MapConfigFileSchema, type ResolvedBasemap } from '../../../shared/map/mapSetup';
import type { OperatorRecord } from '../store/operatorStore';

/** A reference file that is missing, unreadable or does not fit its schema. */
export class ReferenceFileError extends Error {
  constructor(file: string, problem: string) {
    super(`基础数据文件 ${file} 无效：${problem} / Reference file ${file} is not valid: ${problem}`);
    this.name = 'ReferenceFileError';
  }
}

function readValidated<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = join(dir, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReferenceFileError(path, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceFileError(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Reads a room's reference data from a folder holding district.json,
 * departments.json, categories.json, sources.json and calendar.json (the demo's is
 * resources/demo). Every file is validated before any of it is used.
 */
export function readReferenceFolder(dir: string, onWarning: (problem: GeoProblem) => void = () => undefined): ReferenceData {
  const data: ReferenceData = {
    geography: readDistrict(dir, onWarning),
    departments: readValidated(dir, 'departments.json', DepartmentsSchema),
    categories: readValidated(dir, 'categories.json', CategoriesSchema),
    sources: readValidated(dir, 'sources.json', SourcesSchema),
    calendar: readValidated(dir, 'calendar.json', WorkCalendarDataSchema),
    // Everyday words for problems; a room without its own file parses with the category names alone.
    lexicon: existsSync(join(dir, 'lexicon.json')) ? readValidated(dir, 'lexicon.json', LexiconSchema) : [],
  };
  const departments = new Set(data.departments.map((department) => department.id));
  const unknownLead = data.categories.find((category) => !departments.has(category.leadDepartmentId));
  if (unknownLead) {
    throw new ReferenceFileError(join(dir, 'categories.json'), `${unknownLead.code}: unknown lead department ${unknownLead.leadDepartmentId}`);
  }
  return data;
}

/**
 * The district, in WGS-84 whatever datum the file says it is in (GCJ-02 and
 * BD-09 are converted), and only if its geometry would place every case in
 * exactly one grid: every problem is named at once; warnings (a datum not
 * stated, a place outside the district) go to `onWarning`.
 */
function readDistrict(dir: string, onWarning: (problem: GeoProblem) => void): DistrictGeography {
  const path = join(dir, 'district.json');
  const read = readValidated(dir, 'district.json', DistrictGeographySchema);
  const key = JSON.stringify(read);
  const checked = checkedDistricts.get(key) ?? checkDistrict(read, path);
  checkedDistricts.set(key, checked);
  if (checkedDistricts.size > 4) checkedDistricts.delete(checkedDistricts.keys().next().value!);
  if (checked.errors.length) {
    throw new ReferenceFileError(path, checked.errors.map((problem) => `${formatGeoProblem({ ...problem, file: undefined }, 'zh-CN')} / ${formatGeoProblem({ ...problem, file: undefined }, 'en')}`).join('；'));
  }
  for (const warning of checked.warnings) onWarning(warning);
  return checked.geography;
}

/** The geometry checks take a few hundred milliseconds; a file already checked (every core of a test run reads the demo's) is not checked again. */
const checkedDistricts = new Map<string, { geography: DistrictGeography; errors: GeoProblem[]; warnings: GeoProblem[] }>();

function checkDistrict(read: DistrictGeography, path: string) {
  const geography = read.datum && isShifted(read.datum) ? geographyToWgs84(read, read.datum) : read;
  const problems = checkDistrictGeometry(geography, path);
  return { geography, errors: problems.filter((problem) => problem.severity === 'error'), warnings: problems.filter((problem) => problem.severity === 'warning') };
}

/** The folder's camera list (cameras.json), or none. Stream addresses may be left out and filled in by the demo's camera server. */
export function readCameras(dir: string): Camera[] {
  if (!existsSync(join(dir, 'cameras.json'))) return [];
  const cameras = readValidated(dir, 'cameras.json', z.array(CameraSchema).max(5_000));
  const ids = new Set<string>();
  for (const camera of cameras) {
    if (ids.has(camera.id)) throw new ReferenceFileError(join(dir, 'cameras.json'), `${camera.id}: camera id used twice`);
    ids.add(camera.id);
  }
  return cameras;
}

/**
 * The room's video plan (videoPlan.json): the day's time slots and the
 * key-focus screens held across them. Every problem is reported at once,
 * in both languages, with where it is; none of the plan is used then.
 */
export function readVideoPlan(dir: string, cameraIds: readonly string[]): { plan: SlotPlan; keyFocus: KeyFocusEntry[] } | null {
  const path = join(dir, 'videoPlan.json');
  if (!existsSync(path)) return null;
  const file = readValidated(dir, 'videoPlan.json', z.object({ slots: z.unknown(), keyFocus: z.array(z.object({ screen: z.number().int().min(1).max(200), cameraId: z.string() })).default([]) }).loose());
  const { keyFocus, ...planInput } = file;
  const checked = validateSlotPlan(planInput);
  const issues = checked.ok ? checkPlanAgainstWall(checked.plan, { windowCount: 1, cameraIds }) : checked.issues;
  const unknown = keyFocus.filter((entry) => !cameraIds.includes(entry.cameraId)).map((entry) => `keyFocus: ${entry.cameraId} 不在摄像机清单中 / is not in the camera list`);
  if (!checked.ok || issues.length || unknown.length) {
    throw new ReferenceFileError(path, [...issues.map((issue) => `${issue.path?.length ? `${issue.path.join('.')}: ` : ''}${issue.message.zh} / ${issue.message.en}`), ...unknown].join('；'));
  }
  return { plan: checked.plan, keyFocus };
}

/** The room's hotkeys: keymap.json over the defaults; a file with any problem is refused as a whole. */
export function readKeymap(dir: string): ReturnType<typeof loadKeymap> {
  const path = join(dir, 'keymap.json');
  if (!existsSync(path)) return loadKeymap(null);
  try {
    return loadKeymap(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    return { ...loadKeymap(null), problems: [{ kind: 'badKey', action: '(file)', key: error instanceof Error ? error.message : String(error) }] };
  }
}

/** The folder's console accounts (operators.json), if it has them. */
export function readOperators(dir: string): OperatorRecord[] | null {
  if (!existsSync(join(dir, 'operators.json'))) return null;
  return readValidated(dir, 'operators.json', OperatorsFileSchema);
}

export const demoReferenceDir = (resourcesDir: string) => join(resourcesDir, 'demo');

/** Where windows load a room's PMTiles basemap from: the host's /basemap/ route, the Electron app's app://wall/basemap/. */
export const basemapPathPrefix = 'basemap/';

/**
 * The room's map.json: its own sub-district and basemap. A map that cannot
 * use what is configured still works (the offline map, the district
 * unemphasised), so every problem becomes a warning the map shows, with the
 * file and the reason, instead of stopping the wall.
 */
export function readMapConfig(dir: string, geography: DistrictGeography): { homeSubDistrictId: string | null; basemap: ResolvedBasemap | null; warnings: GeoProblem[] } {
  const path = join(dir, 'map.json');
  const none = { homeSubDistrictId: null, basemap: null, warnings: [] as GeoProblem[] };
  if (!existsSync(path)) return none;
  const warn = (record: string, zh: string, en: string): GeoProblem => ({ severity: 'warning', file: path, record, reason: { zh, en } });
  let parsed;
  try {
    parsed = MapConfigFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ...none, warnings: [warn('(file)', `不是有效的 JSON：${detail}；使用离线示意底图`, `not valid JSON: ${detail}; the offline map is used`)] };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ...none, warnings: [warn(issue.path.join('.') || '(file)', `${issue.message}；使用离线示意底图`, `${issue.message}; the offline map is used`)] };
  }
  const warnings: GeoProblem[] = [];
  const { homeSubDistrictId, basemap } = parsed.data;
  const home = homeSubDistrictId && geography.subDistricts.some((sub) => sub.id === homeSubDistrictId) ? homeSubDistrictId : null;
  if (homeSubDistrictId && !home) warnings.push(warn('homeSubDistrictId', `辖区中没有街镇 ${homeSubDistrictId}`, `the district has no sub-district ${homeSubDistrictId}`));
  if (!basemap) return { homeSubDistrictId: home, basemap: null, warnings };
  if (basemap.type === 'url') return { homeSubDistrictId: home, basemap: { source: 'url', ...basemap }, warnings };
  if (!existsSync(join(dir, basemap.file))) {
    warnings.push(warn('basemap.file', `找不到底图文件 ${basemap.file}；使用离线示意底图`, `the basemap file ${basemap.file} is missing; the offline map is used`));
    return { homeSubDistrictId: home, basemap: null, warnings };
  }
  const { type: _type, file, ...rest } = basemap;
  return { homeSubDistrictId: home, basemap: { source: 'pmtiles', path: `${basemapPathPrefix}${file}`, ...rest }, warnings };
}
