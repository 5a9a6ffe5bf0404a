import { z } from 'zod';
import { videoIssue, type VideoIssue, type VideoMessageCode, type VideoMessageParams } from './messages';

/**
 * A street camera, as the room's camera list describes it.
 *
 * Positions are WGS-84 [lng, lat] like all GridWall geography (convert
 * GCJ-02 / BD-09 coordinates from Chinese platforms before import). Heading
 * is degrees clockwise from north; a camera without one (a dome, a PTZ) is
 * treated as seeing all round. Streams are http(s) addresses handed out by a
 * media gateway (HLS, HTTP-FLV …); either may be missing, and a camera with
 * neither is still listed, its tile saying that no stream is configured.
 */

const NameSchema = z.object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(80) });

/** GB/T 28181 codes (20 digits) and site-made ids ("cam-zx-03") alike. */
export const CameraIdSchema = z.string().regex(/^[^\s,|]{1,40}$/, { message: 'id: 1–40 characters without spaces, commas or |' });

export const CameraPositionSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([lng, lat]) => !(lng === 0 && lat === 0), { message: 'position 0, 0 is a missing position' });

const TagSchema = z.string().regex(/^[^|\s](?:[^|]{0,38}[^|\s])?$/, { message: 'tag: 1–40 characters without |' });

/** http:// or https:// with a host; IP addresses and intranet names are fine. */
export const StreamUrlSchema = z.url({ protocol: /^https?$/, message: 'stream: a full http:// or https:// URL' });

export const CameraSchema = z.object({
  id: CameraIdSchema,
  name: NameSchema,
  position: CameraPositionSchema,
  heading: z.number().min(0).max(360).optional(),
  fieldOfView: z.number().min(1).max(360).optional(),
  tags: z.array(TagSchema).max(20).default([]),
  gridId: z.string().min(1).max(40).optional(),
  subStream: StreamUrlSchema.optional(),
  mainStream: StreamUrlSchema.optional(),
});

export type Camera = z.infer<typeof CameraSchema>;
export type CameraInput = z.input<typeof CameraSchema>;

/**
 * Tags the demo plan and the time-slot defaults look for. A room may use any
 * other tags; matching ignores case, spaces, "-" and "_" ("School gate",
 * "school-gate" and "schoolGate" are one tag).
 */
export const cameraTags = [
  'market',
  'ghost-market',
  'night-market',
  'park',
  'school-gate',
  'metro-exit',
  'station',
  'street',
  'quiet-street',
  'residential',
  'commercial',
  'construction',
  'square',
] as const;

export function normalizeTag(tag: string): string {
  return tag.toLowerCase().replace(/[\s_-]+/g, '');
}

export function hasTag(camera: Pick<Camera, 'tags'>, tag: string): boolean {
  const wanted = normalizeTag(tag);
  return camera.tags.some((own) => normalizeTag(own) === wanted);
}

/** The stream to play for a choice, falling back to the other one; null when the camera has none. */
export function streamUrl(camera: Pick<Camera, 'subStream' | 'mainStream'>, choice: 'sub' | 'main'): string | null {
  return (choice === 'main' ? (camera.mainStream ?? camera.subStream) : (camera.subStream ?? camera.mainStream)) ?? null;
}

// ---------------------------------------------------------------------------
// Camera lists (CSV or JSON)

export interface CameraListError extends VideoIssue {
  /**
   * CSV: the spreadsheet row (the header is row 1, blank rows count), which is
   * what Excel/WPS show. JSON: the 1-based position in the array. 0 for
   * problems with the file as a whole.
   */
  row: number;
  /** The CSV column or JSON path of the wrong value, when there is one. */
  field?: string;
}

export interface CameraListResult {
  cameras: Camera[];
  errors: CameraListError[];
}

function listError(row: number, code: VideoMessageCode, params: VideoMessageParams = {}, field?: string): CameraListError {
  const error: CameraListError = { ...videoIssue(code, params), row };
  if (field !== undefined) error.field = field;
  return error;
}

/**
 * Reads a camera list. Every good row is kept; every bad row is reported with
 * its row number and left out: nothing is dropped silently. A repeated id is
 * an error on the later row (the first one is kept).
 */
export function parseCameraList(text: string, format: 'csv' | 'json'): CameraListResult {
  return format === 'csv' ? parseCsvCameras(text) : parseJsonCameras(text);
}

/** Which field of the schema a zod issue is about → the code that explains it. */
function codeForPath(path: readonly PropertyKey[]): VideoMessageCode {
  switch (path[0]) {
    case 'id':
      return 'badId';
    case 'name':
      return 'badName';
    case 'position':
      return path[1] === 0 ? 'badLongitude' : path[1] === 1 ? 'badLatitude' : 'nullIsland';
    case 'heading':
      return 'badHeading';
    case 'fieldOfView':
      return 'badFieldOfView';
    case 'tags':
      return 'badTag';
    case 'gridId':
      return 'badGridId';
    case 'subStream':
    case 'mainStream':
      return 'badStreamUrl';
    default:
      return path.length === 0 ? 'notAnObject' : 'invalidValue';
  }
}

/**
 * Runs the schema on one row and turns its issues into row errors, one per
 * field. `fieldName` names the field as the file's author knows it.
 */
function validateRow(
  input: unknown,
  row: number,
  fieldName: (path: readonly PropertyKey[]) => string,
  alreadyWrong: ReadonlySet<string> = new Set(),
): { camera: Camera | null; errors: CameraListError[] } {
  const result = CameraSchema.safeParse(input);
  if (result.success) return { camera: result.data, errors: [] };
  const errors: CameraListError[] = [];
  const reported = new Set(alreadyWrong);
  for (const issue of result.error.issues) {
    const field = fieldName(issue.path);
    if (reported.has(field)) continue;
    reported.add(field);
    const code = codeForPath(issue.path);
    errors.push(listError(row, code, code === 'invalidValue' ? { field } : {}, field || undefined));
  }
  return { camera: null, errors };
}

function parseJsonCameras(text: string): CameraListResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (text.trim() === '') return { cameras: [], errors: [listError(0, 'emptyFile')] };
    return { cameras: [], errors: [listError(0, 'jsonSyntax', { detail: error instanceof Error ? error.message : String(error) })] };
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.cameras) ? (data.cameras as unknown[]) : null;
  if (!list) return { cameras: [], errors: [listError(0, 'notAList')] };
  if (list.length === 0) return { cameras: [], errors: [listError(0, 'emptyFile')] };

  const cameras: Camera[] = [];
  const errors: CameraListError[] = [];
  const firstRowOfId = new Map<string, number>();
  list.forEach((entry, index) => {
    const row = index + 1;
    const { camera, errors: rowErrors } = validateRow(normalizeJsonName(entry), row, (path) => path.map(String).join('.'));
    errors.push(...rowErrors);
    if (camera) keepUnique(camera, row, cameras, errors, firstRowOfId);
  });
  return { cameras, errors };
}

/** A JSON camera may give `name` as one string, or only one language: the other is filled from it. */
function normalizeJsonName(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const name = entry.name;
  if (typeof name === 'string') return { ...entry, name: { zh: name, en: name } };
  if (isRecord(name)) {
    const zh = typeof name.zh === 'string' && name.zh.trim() !== '' ? name.zh : undefined;
    const en = typeof name.en === 'string' && name.en.trim() !== '' ? name.en : undefined;
    if (zh !== undefined || en !== undefined) return { ...entry, name: { zh: zh ?? en, en: en ?? zh } };
  }
  return entry;
}

function keepUnique(camera: Camera, row: number, cameras: Camera[], errors: CameraListError[], firstRowOfId: Map<string, number>): void {
  const firstRow = firstRowOfId.get(camera.id);
  if (firstRow !== undefined) {
    errors.push(listError(row, 'duplicateId', { id: camera.id, firstRow }, 'id'));
    return;
  }
  firstRowOfId.set(camera.id, row);
  cameras.push(camera);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// CSV

type Column = 'id' | 'name' | 'name_zh' | 'name_en' | 'lng' | 'lat' | 'heading' | 'fov' | 'tags' | 'grid' | 'sub' | 'main';

/**
 * Header names, matched without case or surrounding spaces. The Chinese ones
 * are what a room's own spreadsheet is likely to say. `name` fills both
 * languages when the list has only one name per camera.
 */
const columnAliases: Record<string, Column> = {
  id: 'id',
  编号: 'id',
  name: 'name',
  名称: 'name',
  name_zh: 'name_zh',
  中文名称: 'name_zh',
  name_en: 'name_en',
  英文名称: 'name_en',
  lng: 'lng',
  lon: 'lng',
  经度: 'lng',
  lat: 'lat',
  纬度: 'lat',
  heading: 'heading',
  朝向: 'heading',
  fov: 'fov',
  视场角: 'fov',
  tags: 'tags',
  标签: 'tags',
  grid: 'grid',
  网格: 'grid',
  sub: 'sub',
  子码流: 'sub',
  main: 'main',
  主码流: 'main',
};

/** Schema path → the CSV column a person would fix. */
function csvFieldName(path: readonly PropertyKey[]): string {
  const [head, second] = path;
  if (head === 'position') return second === 1 ? 'lat' : 'lng';
  if (head === 'name') return second === 'en' ? 'name_en' : 'name_zh';
  const names: Record<string, string> = { fieldOfView: 'fov', gridId: 'grid', subStream: 'sub', mainStream: 'main' };
  return typeof head === 'string' ? (names[head] ?? head) : '';
}

export interface CsvRecord {
  /** Spreadsheet row: records are counted from 1, blank ones included. */
  row: number;
  cells: string[];
}

export interface CsvReadResult {
  records: CsvRecord[];
  /** The row whose quoted cell never closes; the records stop before it. */
  unterminatedRow?: number;
}

/**
 * A small RFC 4180 reader: comma-separated, `"` quotes, `""` for a quote
 * inside quotes, line breaks inside quotes, CRLF / LF / CR line ends, a
 * leading UTF-8 BOM. Lenient where spreadsheets are sloppy: spaces before an
 * opening quote are dropped, a quote inside an unquoted cell is kept as text,
 * text after a closing quote is appended. Line breaks inside quotes come back
 * as "\n". The text must already be decoded (GBK files from Excel included).
 */
export function readCsv(text: string): CsvReadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false; // inside quotes now
  let wasQuoted = false; // this cell had an opening quote
  let recordHasContent = false;
  let row = 1;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    records.push({ row, cells });
    cells = [];
    recordHasContent = false;
    row += 1;
  };

  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else if (char === '\r') {
        cell += '\n';
        if (source[index + 1] === '\n') index += 1;
      } else {
        cell += char;
      }
      continue;
    }
    if (char === ',') {
      endCell();
      recordHasContent = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
    } else if (char === '"' && !wasQuoted && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cell = '';
      recordHasContent = true;
    } else {
      cell += char;
      recordHasContent = true;
    }
  }
  if (quoted) return { records, unterminatedRow: row };
  // A final line without a line break is a record; a trailing line break is not a blank record.
  if (recordHasContent || cell !== '' || cells.length > 0) endRecord();
  return { records };
}

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseCsvCameras(text: string): CameraListResult {
  const { records, unterminatedRow } = readCsv(text);
  const errors: CameraListError[] = [];
  const nonBlank = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const header = nonBlank[0];
  if (!header) {
    if (unterminatedRow !== undefined) return { cameras: [], errors: [listError(unterminatedRow, 'unterminatedQuote')] };
    return { cameras: [], errors: [listError(0, 'emptyFile')] };
  }

  const columnIndex = new Map<Column, number>();
  header.cells.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const column = columnAliases[name.toLowerCase()];
    if (!column) errors.push(listError(header.row, 'unknownColumn', { column: name }, name));
    else if (columnIndex.has(column)) errors.push(listError(header.row, 'duplicateColumn', { column: name }, name));
    else columnIndex.set(column, index);
  });
  const hasName = columnIndex.has('name') || columnIndex.has('name_zh') || columnIndex.has('name_en');
  const missing = (['id', 'name_zh', 'lng', 'lat'] as const).filter((column) => (column === 'name_zh' ? !hasName : !columnIndex.has(column)));
  if (missing.length > 0) {
    errors.push(...missing.map((column) => listError(header.row, 'missingColumn', { column }, column)));
    return { cameras: [], errors };
  }

  const cameras: Camera[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const record of nonBlank.slice(1)) {
    // Even empty extra cells: a comma in an unquoted name shifts every later column by one.
    const extra = record.cells.length - header.cells.length;
    if (extra > 0) {
      errors.push(listError(record.row, 'extraCells', { count: extra }));
      continue;
    }
    const cell = (column: Column) => {
      const index = columnIndex.get(column);
      return index === undefined ? '' : (record.cells[index] ?? '').trim();
    };
    const rowErrors: CameraListError[] = [];
    const wrong = new Set<string>();
    const number = (column: Column, required: boolean): number | undefined => {
      const value = cell(column);
      if (value === '') {
        if (required) {
          rowErrors.push(listError(record.row, 'missingValue', { field: column }, column));
          wrong.add(column);
        }
        return undefined;
      }
      if (!numberPattern.test(value)) {
        rowErrors.push(listError(record.row, 'badNumber', { field: column, value }, column));
        wrong.add(column);
        return Number.NaN;
      }
      return Number(value);
    };

    const id = cell('id');
    if (id === '') {
      rowErrors.push(listError(record.row, 'missingValue', { field: 'id' }, 'id'));
      wrong.add('id');
    }
    const single = cell('name');
    const zh = cell('name_zh') || single || cell('name_en');
    const en = cell('name_en') || single || zh;
    const lng = number('lng', true);
    const lat = number('lat', true);
    const input = {
      id,
      name: { zh, en },
      position: [lng ?? Number.NaN, lat ?? Number.NaN],
      heading: number('heading', false),
      fieldOfView: number('fov', false),
      tags: [...new Set(cell('tags').split('|').map((tag) => tag.trim()).filter((tag) => tag !== ''))],
      gridId: cell('grid') || undefined,
      subStream: cell('sub') || undefined,
      mainStream: cell('main') || undefined,
    };
    const { camera, errors: schemaErrors } = validateRow(input, record.row, csvFieldName, wrong);
    errors.push(...rowErrors, ...schemaErrors);
    if (camera && rowErrors.length === 0) keepUnique(camera, record.row, cameras, errors, firstRowOfId);
  }
  if (unterminatedRow !== undefined) errors.push(listError(unterminatedRow, 'unterminatedQuote'));
  return { cameras, errors };
}
