import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CameraSchema, hasTag, parseCameraList, readCsv, streamUrl, type Camera } from '../../shared/video/camera';
import { videoMessages } from '../../shared/video/messages';

const header = 'id,name_zh,name_en,lng,lat,heading,fov,tags,grid,sub,main';

function csv(...rows: string[]): string {
  return [header, ...rows].join('\n');
}

describe('readCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    const { records } = readCsv('a,"b, c","say ""hi""","two\r\nlines"\r\nx,y,z,w');
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b, c', 'say "hi"', 'two\nlines'] },
      { row: 2, cells: ['x', 'y', 'z', 'w'] },
    ]);
  });

  it('drops a BOM, accepts CRLF, LF and CR, and does not invent a record for the final line break', () => {
    expect(readCsv('\uFEFFa,b\r\nc,d\re,f\n').records.map((record) => record.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('counts blank lines as rows, like a spreadsheet, and keeps empty cells', () => {
    const { records } = readCsv('a,b\n\n,c,\n');
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: [''] },
      { row: 3, cells: ['', 'c', ''] },
    ]);
  });

  it('reports a quote that never closes, and keeps what came before', () => {
    const result = readCsv('a,b\n"never closed,c\nd,e');
    expect(result.records).toEqual([{ row: 1, cells: ['a', 'b'] }]);
    expect(result.unterminatedRow).toBe(2);
  });

  it('is lenient with spaces before a quote and quotes inside unquoted cells', () => {
    expect(readCsv('a,  "b,c" ,d"e').records[0]!.cells).toEqual(['a', 'b,c ', 'd"e']);
  });

  it('round-trips any table written by a correct CSV writer', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', ' ', 'x', '|') });
    const quote = (cell: string) => (/[",\n\r]/.test(cell) || cell.startsWith(' ') ? `"${cell.replaceAll('"', '""')}"` : cell);
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (table, crlf) => {
        const text = table.map((row) => row.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        expect(readCsv(text).records.map((record) => record.cells)).toEqual(table);
      }),
    );
  });
});

describe('parseCameraList (CSV)', () => {
  it('reads a good list with BOM and CRLF', () => {
    const text =
      '\uFEFF' +
      csv(
        'cam-01,"光复路西藏北路口, 东",Guangfu Rd × Xizang N Rd,121.4670,31.2420,90,60,market|ghost-market| market ,G-01,http://10.1.1.5/live/1.m3u8,https://gw.example/live/1main.flv',
        'cam-02,曲阜路地铁站,,121.46696,31.24419,,,metro-exit,,,',
      ).replaceAll('\n', '\r\n');
    const { cameras, errors } = parseCameraList(text, 'csv');
    expect(errors).toEqual([]);
    expect(cameras).toEqual<Camera[]>([
      {
        id: 'cam-01',
        name: { zh: '光复路西藏北路口, 东', en: 'Guangfu Rd × Xizang N Rd' },
        position: [121.467, 31.242],
        heading: 90,
        fieldOfView: 60,
        tags: ['market', 'ghost-market'],
        gridId: 'G-01',
        subStream: 'http://10.1.1.5/live/1.m3u8',
        mainStream: 'https://gw.example/live/1main.flv',
      },
      // One name fills both languages.
      { id: 'cam-02', name: { zh: '曲阜路地铁站', en: '曲阜路地铁站' }, position: [121.46696, 31.24419], tags: ['metro-exit'] },
    ]);
  });

  it('reports every bad row with its spreadsheet row number and keeps the good ones', () => {
    const text = csv(
      'ok-1,甲,,121.46,31.25,,,,,,', // row 2
      'bad-lng,乙,,abc,31.25,,,,,,', // row 3
      'bad-lat,丙,,121.46,131.25,,,,,,', // row 4: latitude out of range
      '', // row 5: blank, skipped
      'zero,丁,,0,0,,,,,,', // row 6
      'bad-url,戊,,121.46,31.25,,,,,rtsp://10.0.0.1/x,', // row 7
      'bad-heading,己,,121.46,31.25,400,0,,,,', // row 8: heading and fov
      'ok-1,庚,,121.46,31.25,,,,,,', // row 9: repeated id
      'shifted,辛,Zhijiang West Road, 300,121.46,31.25,,,,,,', // row 10: unquoted comma
      ',壬,,121.46,31.25,,,,,,', // row 11: no id
      'ok-2,癸,,121.47,31.26,,,,,,', // row 12
    );
    const { cameras, errors } = parseCameraList(text, 'csv');
    expect(cameras.map((camera) => camera.id)).toEqual(['ok-1', 'ok-2']);
    expect(errors.map((error) => [error.row, error.code, error.field])).toEqual([
      [3, 'badNumber', 'lng'],
      [4, 'badLatitude', 'lat'],
      [6, 'nullIsland', 'lng'],
      [7, 'badStreamUrl', 'sub'],
      [8, 'badHeading', 'heading'],
      [8, 'badFieldOfView', 'fov'],
      [9, 'duplicateId', 'id'],
      [10, 'extraCells', undefined],
      [11, 'missingValue', 'id'],
    ]);
    const duplicate = errors.find((error) => error.code === 'duplicateId')!;
    expect(duplicate.message.en).toBe('Id "ok-1" was already used in row 2.');
    expect(duplicate.message.zh).toBe('编号“ok-1”与第 2 行重复。');
  });

  it('maps Chinese headers, ignores column order, and flags unknown columns', () => {
    const text = '纬度,经度,编号,名称,备注\n31.25,121.46,c1,宝山路口,x';
    const { cameras, errors } = parseCameraList(text, 'csv');
    expect(cameras).toEqual([{ id: 'c1', name: { zh: '宝山路口', en: '宝山路口' }, position: [121.46, 31.25], tags: [] }]);
    expect(errors.map((error) => [error.row, error.code, error.params])).toEqual([[1, 'unknownColumn', { column: '备注' }]]);
  });

  it('refuses a file whose header lacks required columns, naming each', () => {
    const { cameras, errors } = parseCameraList('id,lng\nc1,121.4', 'csv');
    expect(cameras).toEqual([]);
    expect(errors.map((error) => error.params.column)).toEqual(['name_zh', 'lat']);
  });

  it('reports an empty file and an unclosed quote', () => {
    expect(parseCameraList('\uFEFF\r\n', 'csv').errors.map((error) => error.code)).toEqual(['emptyFile']);
    const result = parseCameraList(csv('c1,甲,,121.46,31.25,,,,,,', 'c2,"乙,,121.46,31.25,,,,,,'), 'csv');
    expect(result.cameras.map((camera) => camera.id)).toEqual(['c1']);
    expect(result.errors.map((error) => [error.row, error.code])).toEqual([[3, 'unterminatedQuote']]);
  });

  it('never drops a row silently: every non-blank data row is a camera or has an error', () => {
    const goodRow = fc.record({
      id: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      lng: fc.double({ min: 121.4, max: 121.5, noNaN: true }),
      lat: fc.double({ min: 31.2, max: 31.3, noNaN: true }),
    });
    const row = fc.oneof(
      goodRow.map(({ id, lng, lat }) => `${id},名,,${lng},${lat},,,,,,`),
      fc.constantFrom('x,名,,nope,31.2,,,,,,', 'y,,,121.4,31.2,,,,,,', 'z,名,,121.4,95,,,,,,', 'w,名,,121.4,31.2,,,,,ftp://a,', 'v,a,b,c,d,e,f,g,h,i,j,k'),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const { cameras, errors } = parseCameraList(csv(...rows), 'csv');
        const rowsWithErrors = new Set(errors.map((error) => error.row));
        expect(cameras.length + rowsWithErrors.size).toBe(rows.length);
        for (const error of errors) expect(error.row).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('parseCameraList (JSON)', () => {
  it('accepts an array or { cameras }, fills a missing language, and numbers rows from 1', () => {
    const list = [
      { id: 'a', name: '广场', position: [121.45, 31.28] },
      { id: 'b', name: { en: 'Gate' }, position: [121.45, 31.28], heading: 10, fieldOfView: 400 },
      { id: 'c', name: { zh: '路口', en: 'Junction' }, position: [121.45, 31.28], mainStream: 'javascript:alert(1)' },
      'not a camera',
      { id: 'a', name: 'dup', position: [121.45, 31.28] },
    ];
    for (const text of [JSON.stringify(list), JSON.stringify({ cameras: list })]) {
      const { cameras, errors } = parseCameraList(text, 'json');
      expect(cameras).toEqual([{ id: 'a', name: { zh: '广场', en: '广场' }, position: [121.45, 31.28], tags: [] }]);
      expect(errors.map((error) => [error.row, error.code, error.field])).toEqual([
        [2, 'badFieldOfView', 'fieldOfView'],
        [3, 'badStreamUrl', 'mainStream'],
        [4, 'notAnObject', undefined],
        [5, 'duplicateId', 'id'],
      ]);
    }
  });

  it('reports broken JSON and the wrong shape as file-level errors (row 0)', () => {
    expect(parseCameraList('[{"id": ', 'json').errors.map((error) => [error.row, error.code])).toEqual([[0, 'jsonSyntax']]);
    expect(parseCameraList('{"id": "a"}', 'json').errors.map((error) => error.code)).toEqual(['notAList']);
    expect(parseCameraList('[]', 'json').errors.map((error) => error.code)).toEqual(['emptyFile']);
  });
});

describe('camera helpers', () => {
  const camera = CameraSchema.parse({ id: 'g1', name: { zh: '门', en: 'Gate' }, position: [121.469, 31.247], tags: ['School gate'], subStream: 'http://10.0.0.2/s.m3u8' });

  it('matches tags regardless of case, spaces, dashes and underscores', () => {
    expect(hasTag(camera, 'school-gate')).toBe(true);
    expect(hasTag(camera, 'schoolGate')).toBe(true);
    expect(hasTag(camera, 'school_gate')).toBe(true);
    expect(hasTag(camera, 'market')).toBe(false);
  });

  it('falls back to the other stream, and to null when there is none', () => {
    expect(streamUrl(camera, 'main')).toBe('http://10.0.0.2/s.m3u8');
    expect(streamUrl(camera, 'sub')).toBe('http://10.0.0.2/s.m3u8');
    expect(streamUrl({}, 'main')).toBeNull();
  });

  it('accepts only http(s) stream URLs with a host', () => {
    const base = { id: 'x', name: { zh: 'x', en: 'x' }, position: [121.4, 31.2] };
    for (const url of ['http://192.168.1.20:8080/live/x.flv', 'https://gw.room.local/hls/x.m3u8', 'HTTP://10.0.0.1/a']) {
      expect(CameraSchema.safeParse({ ...base, subStream: url }).success, url).toBe(true);
    }
    for (const url of ['rtsp://10.0.0.1/x', 'ws://10.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'http:10.0.0.1', '10.0.0.1/x', 'http://']) {
      expect(CameraSchema.safeParse({ ...base, subStream: url }).success, url).toBe(false);
    }
  });

  it('has every message in both languages', () => {
    for (const [code, text] of Object.entries(videoMessages)) {
      expect(text.zh.trim(), code).not.toBe('');
      expect(text.en.trim(), code).not.toBe('');
      // The same placeholders in both languages.
      const placeholders = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
      expect(placeholders(text.zh), code).toEqual(placeholders(text.en));
    }
  });
});
