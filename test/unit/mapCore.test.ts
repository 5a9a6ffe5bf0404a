import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CameraSight, PlaceAt } from '../../shared/contract/contract';
import type { EventMessage, ResponseMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import type { LngLat } from '../../shared/domain/district';
import { distanceM } from '../../shared/domain/geo';
import { gridTotals, rankGrids, slotIndexAt, type DensityResult } from '../../shared/map/density';
import type { CaseSelection, LinkedState } from '../../shared/map/linkState';
import type { MapSetup } from '../../shared/map/mapSetup';
import type { VideoState } from '../../shared/video/videoState';
import type { WallState } from '../../shared/wall/wallState';
import type { Session } from '../../electron/core/core';
import { director, fixedNow, operator, resourcesDir, startTestCore, visitor } from '../support/testCore';

const value = <T>(answer: ResponseMessage): T => {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
};

const mapWindow: Session = { connectionId: 'map-window', role: 'map', audience: 'operator', locale: 'zh-CN' };
const videoWindow: Session = { connectionId: 'video-window', role: 'video', audience: 'operator', locale: 'zh-CN' };
const secondVideo: Session = { connectionId: 'video-window-2', role: 'video', audience: 'operator', locale: 'en' };
const otherConsole: Session = { connectionId: 'pc2-map', role: 'map', audience: 'operator', locale: 'zh-CN', linkGroup: 'pc2' };

let test: ReturnType<typeof startTestCore>;
const events: EventMessage[] = [];
beforeAll(() => {
  test = startTestCore();
  test.core.subscribe((message) => events.push(message));
});
afterAll(() => test.close());
afterEach(() => void events.splice(0));
const eventsNamed = <N extends EventMessage['event']>(name: N) => events.filter((event) => event.event === name) as unknown as EventMessage<N>[];

/** The hour of day in Shanghai, computed independently of the core's own arithmetic. */
const shanghaiMinute = (at: number) => {
  const [hours, minutes] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).split(':').map(Number);
  return hours! * 60 + minutes!;
};

describe('density: where problems occur, by time slot, counted in the core', () => {
  it('counts every case reported in the period that was not voided or merged, by grid, slot and category', async () => {
    const result = value<DensityResult>(await test.request('map.density', { days: 14, heat: true }, mapWindow));
    expect(result.heatIncluded).toBe(true);
    expect(result.heat.cells.length).toBeGreaterThan(0);
    expect(value<DensityResult>(await test.request('map.density', { days: 14 }, mapWindow)).heat.cells).toEqual([]);
    const setup = value<MapSetup>(await test.request('map.setup', {}, mapWindow));
    expect(result.slots.map((slot) => slot.id)).toEqual(setup.slots.map((slot) => slot.id));
    expect(result.slots).toHaveLength(8);

    const db = new Database(test.dbPath, { readonly: true });
    const rows = db
      .prepare("SELECT category_code AS code, grid_id AS grid, reported_at AS at FROM cases WHERE reported_at >= ? AND reported_at < ? AND status NOT IN ('voided', 'merged')")
      .all(result.fromMs, result.toMs) as { code: string; grid: string | null; at: number }[];
    db.close();
    expect(result.total).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(300);

    // Street vending (204xx) at dawn, the example of the issue: the same count by a count of our own.
    const starts = result.slots.map((slot) => Number(slot.start.slice(0, 2)) * 60 + Number(slot.start.slice(3)));
    for (const [slot, prefix] of [[1, '204'], [4, ''], [0, '2']] as const) {
      const expected = new Map<string, number>();
      for (const row of rows) {
        if (row.grid === null || !row.code.startsWith(prefix) || slotIndexAt(shanghaiMinute(row.at), starts) !== slot) continue;
        expected.set(row.grid, (expected.get(row.grid) ?? 0) + 1);
      }
      const counted = new Map([...gridTotals(result, result.grid, { slot, categoryPrefix: prefix })].map(([grid, count]) => [result.gridIds[grid]!, count]));
      expect(counted).toEqual(expected);
    }
    const ranking = rankGrids(result, { slot: null, categoryPrefix: '' }, 5);
    expect(ranking).toHaveLength(5);
    expect(ranking[0]!.count).toBeGreaterThanOrEqual(ranking[4]!.count);
    expect(ranking.every((rank) => rank.previous >= 0 && rank.share > 0)).toBe(true);
  });


  it('takes a new case into account and leaves a voided one out, once the minute it caches is over', async () => {
    const choice = { slot: null, categoryPrefix: '20401' };
    const before = value<DensityResult>(await test.request('map.density', { days: 3 }, mapWindow));
    const created = value<Case>(await test.request('case.create', { description: '光复路早市三个摊头占道', categoryCode: '20401', sourceId: 'street', lngLat: [121.4688, 31.2426] }));
    const grid = (result: DensityResult) => gridTotals(result, result.grid, choice).get(result.gridIds.indexOf(created.gridId!)) ?? 0;
    expect(grid(value<DensityResult>(await test.request('map.density', { days: 3 }, mapWindow)))).toBe(grid(before));
    test.advance(61_000);
    const after = value<DensityResult>(await test.request('map.density', { days: 3 }, mapWindow));
    expect(grid(after)).toBe(grid(before) + 1);
    value(await test.request('case.act', { action: 'void', caseId: created.id, reason: '重复上报' }, director));
    test.advance(61_000);
    expect(grid(value<DensityResult>(await test.request('map.density', { days: 3 }, mapWindow)))).toBe(grid(before));
  });
});

describe("selection: one console's windows follow the case selected in any of them", () => {
  it('is announced to the console with where to fly, needs no sign-in, and writes nothing', async () => {
    const item = value<Case[]>(await test.request('cases.byIds', { ids: [5] }))[0]!;
    const auditBefore = new Database(test.dbPath, { readonly: true });
    const count = () => (auditBefore.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    const audited = count();
    const selected = value<CaseSelection>(await test.request('selection.set', { caseId: 5, origin: 'map-origin-01' }, mapWindow));
    expect(selected).toMatchObject({ caseId: 5, number: item.number, lngLat: item.lngLat, gridId: item.gridId, origin: 'map-origin-01', role: 'map' });
    expect(eventsNamed('selection.changed').map((event) => event.payload)).toEqual([{ group: 'wall', selection: selected }]);
    expect(count()).toBe(audited);
    auditBefore.close();
    // The queue of the same console reads it; another console's map does not share it.
    expect(value<LinkedState<unknown>>(await test.request('links.get', {}, operator)).selection?.caseId).toBe(5);
    expect(value<LinkedState<unknown>>(await test.request('links.get', {}, otherConsole))).toMatchObject({ group: 'pc2', selection: null });
    // Selecting it again says nothing new.
    await test.request('selection.set', { caseId: 5, origin: 'queue-origin-1' }, operator);
    expect(eventsNamed('selection.changed')).toHaveLength(1);
  });

  it('is refused for an unknown case and for a presentation window', async () => {
    expect((await test.request('selection.set', { caseId: 999_999, origin: 'map-origin-01' }, mapWindow)) as ResponseMessage).toMatchObject({ ok: false, error: { code: 'notFound' } });
    expect((await test.request('selection.set', { caseId: 5, origin: 'visitor-origin' }, visitor)) as ResponseMessage).toMatchObject({ ok: false, error: { code: 'readOnly' } });
    expect(eventsNamed('selection.changed')).toHaveLength(0);
  });

  it('follows a command that names a case', async () => {
    const target = value<{ cases: Case[] }>(await test.request('cases.query', { statuses: ['dispatched'], limit: 1 })).cases[0]!;
    value(await test.request('command.run', { text: `督办 ${target.number} 1级`, selectedCaseId: null }, operator, 'command'));
    expect(eventsNamed('selection.changed').at(-1)!.payload.selection).toMatchObject({ caseId: target.id, origin: null });
  });

  it("shares the queue's filters with the console", async () => {
    value(await test.request('filter.share', { filter: { categoryPrefixes: ['204'], urgent: true }, origin: 'queue-origin-1' }, operator));
    const shared = value<LinkedState<{ categoryPrefixes: string[]; urgent: boolean }>>(await test.request('links.get', {}, mapWindow)).filter;
    expect(shared?.filter).toMatchObject({ categoryPrefixes: ['204'], urgent: true, statuses: [] });
    expect(eventsNamed('filter.changed')).toHaveLength(1);
  });
});

describe('camera health: read from the picture by the video windows, shared with the map', () => {
  it('takes the best report per camera, drops a window that goes away, and only announces changes', async () => {
    value(await test.request('cameras.reportHealth', { health: { 'cam-01': 'live', 'cam-02': 'frozen', 'cam-nope': 'live' } }, videoWindow));
    value(await test.request('cameras.reportHealth', { health: { 'cam-01': 'live', 'cam-02': 'frozen' } }, videoWindow));
    value(await test.request('cameras.reportHealth', { health: { 'cam-02': 'live', 'cam-03': 'offline' } }, secondVideo));
    const announced = eventsNamed('cameras.healthChanged').map((event) => Object.fromEntries(Object.entries(event.payload.health).map(([id, health]) => [id, health.state])));
    expect(announced).toEqual([
      { 'cam-01': 'live', 'cam-02': 'frozen' },
      { 'cam-01': 'live', 'cam-02': 'live', 'cam-03': 'offline' },
    ]);
    test.core.forget(secondVideo.connectionId);
    const health = value<LinkedState<unknown>>(await test.request('links.get', {}, mapWindow)).cameraHealth;
    expect(Object.fromEntries(Object.entries(health).map(([id, entry]) => [id, entry.state]))).toEqual({ 'cam-01': 'live', 'cam-02': 'frozen' });
  });

  it('is refused from a window that plays no video', async () => {
    expect(await test.request('cameras.reportHealth', { health: { 'cam-01': 'offline' } }, operator)).toMatchObject({ ok: false, error: { code: 'notThisWindow' } });
  });
});

describe('spots on the map', () => {
  const ahead = (from: LngLat, headingDeg: number, metres: number): LngLat => {
    const radians = (headingDeg * Math.PI) / 180;
    return [from[0] + (Math.sin(radians) * metres) / (111_320 * Math.cos((from[1] * Math.PI) / 180)), from[1] + (Math.cos(radians) * metres) / 110_900];
  };

  it('names the cameras that can see a spot, and not one that looks away from it', async () => {
    // cam-02 at the west end of the dawn market looks east (90°, 80° wide).
    const camera: LngLat = [121.4678, 31.2425];
    const inFront = value<CameraSight[]>(await test.request('map.camerasAt', { lngLat: ahead(camera, 90, 60) }, mapWindow));
    expect(inFront.find((sight) => sight.cameraId === 'cam-02')).toMatchObject({ coverage: 'facing', distanceM: 60 });
    const behind = value<CameraSight[]>(await test.request('map.camerasAt', { lngLat: ahead(camera, 270, 60) }, mapWindow));
    expect(behind.some((sight) => sight.cameraId === 'cam-02')).toBe(false);
    expect(inFront.every((sight, index) => index === 0 || sight.distanceM >= 0)).toBe(true);
  });

  it('says what a spot is called for a case filed there', async () => {
    const spot: LngLat = [121.4712, 31.24255];
    const place = value<PlaceAt>(await test.request('map.placeAt', { lngLat: spot }, mapWindow));
    expect(place.inDistrict).toBe(true);
    expect(place.gridId).toMatch(/^G\d\d$/);
    expect(place.address?.zh).toMatch(/^光复路\d+号$/);
    expect(place.address?.en).toMatch(/^\d+ Guangfu Road$/);
    expect(place.nearestPlace?.distanceM).toBeLessThan(300);
    const outside = value<PlaceAt>(await test.request('map.placeAt', { lngLat: [121.5, 31.3] }, mapWindow));
    expect(outside).toMatchObject({ inDistrict: false, gridId: null, address: null });
  });

  it('marks a case placed by the gazetteer as approximate and one placed on the map as exact', async () => {
    const byPlace = value<Case>(await test.request('case.create', { description: '地铁站口乱设摊', categoryCode: '20401', sourceId: 'street', placeId: 'P001' }));
    const byText = value<Case>(await test.request('case.create', { description: '光复路200号门口堆物', categoryCode: '20101', sourceId: 'street' }));
    const byPoint = value<Case>(await test.request('case.create', { description: '地图上点选的位置', categoryCode: '20101', sourceId: 'street', lngLat: [121.4668, 31.24205] }));
    expect([byPlace.locationApproximate, byText.locationApproximate, byPoint.locationApproximate]).toEqual([true, true, false]);
    expect(byText.lngLat).not.toBeNull();
    expect(distanceM(byPoint.lngLat!, [121.4668, 31.24205])).toBe(0);
  });
});

describe('the video wall from the map', () => {
  it('shows a camera alone, putting it on the chosen screen first when it is not on the wall', async () => {
    const video = value<VideoState>(await test.request('video.get', {}, mapWindow));
    const onWall = new Set(video.tiles.map((tile) => tile.cameraId));
    const offWall = ['cam-01', 'cam-02', 'cam-03', 'cam-04', 'cam-05', 'cam-06', 'cam-07', 'cam-08', 'cam-09', 'cam-10', 'cam-11', 'cam-12', 'cam-13', 'cam-14', 'cam-15', 'cam-16', 'cam-17', 'cam-18', 'cam-19', 'cam-20', 'cam-21', 'cam-22', 'cam-23', 'cam-24'].find((id) => !onWall.has(id))!;
    value(await test.request('video.solo', { screen: 4, cameraId: offWall }, operator));
    const after = value<VideoState>(await test.request('video.get', {}, mapWindow));
    expect(after.tiles.find((tile) => tile.screen === 4)).toMatchObject({ cameraId: offWall, source: 'placed' });
    expect(value<WallState>(await test.request('wall.get', {}, mapWindow)).solo).toBe(4);
    // Already on the wall: its own screen goes solo, nothing moves.
    const shown = after.tiles.find((tile) => tile.screen === 2)!.cameraId!;
    value(await test.request('video.solo', { screen: 7, cameraId: shown }, operator));
    expect(value<WallState>(await test.request('wall.get', {}, mapWindow)).solo).toBe(2);
    value(await test.request('video.solo', { screen: null }, operator));
    expect(value<WallState>(await test.request('wall.get', {}, mapWindow)).solo).toBeNull();
    expect(await test.request('video.solo', { screen: 4, cameraId: 'cam-99' }, operator)).toMatchObject({ ok: false, error: { code: 'unknownCamera' } });
    // A wall change needs someone signed in, like every other.
    expect(await test.request('video.solo', { screen: 4 }, mapWindow)).toMatchObject({ ok: false, error: { code: 'notSignedIn' } });
  });

  it('adds a camera to key focus on a screen, and takes it out again', async () => {
    const added = value<VideoState>(await test.request('video.keyFocus', { cameraId: 'cam-05', screen: 6, on: true }, operator));
    expect(added.keyFocus).toContainEqual({ screen: 6, cameraId: 'cam-05' });
    expect(added.tiles.find((tile) => tile.screen === 6)).toMatchObject({ cameraId: 'cam-05', source: 'keyFocus' });
    const removed = value<VideoState>(await test.request('video.keyFocus', { cameraId: 'cam-05', on: false }, operator));
    expect(removed.keyFocus.some((entry) => entry.cameraId === 'cam-05')).toBe(false);
  });
});

describe('map set-up', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const room = (mapJson: unknown, files: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'gridwall-map-'));
    dirs.push(dir);
    cpSync(join(resourcesDir, 'demo'), dir, { recursive: true });
    writeFileSync(join(dir, 'map.json'), typeof mapJson === 'string' ? mapJson : JSON.stringify(mapJson));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const setupOf = async (referenceDir: string) => {
    const core = startTestCore({ referenceDir });
    try {
      return value<MapSetup>(await core.request('map.setup', {}, mapWindow));
    } finally {
      core.close();
    }
  };

  it("names the demo room's own sub-district and has no basemap (offline)", async () => {
    expect(value<MapSetup>(await test.request('map.setup', {}, mapWindow))).toMatchObject({ homeSubDistrictId: 'SD02', basemap: null, warnings: [] });
  });

  it('serves a PMTiles basemap from the reference folder by its path on the host', async () => {
    const setup = await setupOf(room({ homeSubDistrictId: 'SD05', basemap: { type: 'pmtiles', file: 'city.pmtiles', attribution: '© OpenStreetMap contributors' } }, { 'city.pmtiles': 'PMTiles' }));
    expect(setup.basemap).toMatchObject({ source: 'pmtiles', path: 'basemap/city.pmtiles', tiles: 'vector', datum: 'WGS84' });
    expect(setup.homeSubDistrictId).toBe('SD05');
  });

  it('falls back to the offline map with a warning when the basemap cannot be used', async () => {
    const missing = await setupOf(room({ homeSubDistrictId: 'SD99', basemap: { type: 'pmtiles', file: 'gone.pmtiles' } }));
    expect(missing.basemap).toBeNull();
    expect(missing.homeSubDistrictId).toBeNull();
    expect(missing.warnings.map((warning) => warning.record)).toEqual(['homeSubDistrictId', 'basemap.file']);
    const broken = await setupOf(room('{"basemap": {"type": "url", "url": "ftp://tiles"'));
    expect(broken.warnings[0]!.reason.en).toMatch(/not valid JSON.*offline map/);
    const noDatum = await setupOf(room({ basemap: { type: 'url', url: 'http://10.1.1.1/t/{z}/{x}/{y}.png' } }));
    expect(noDatum.basemap).toBeNull();
    expect(noDatum.warnings[0]!.record).toBe('basemap.datum');
  });
});

void fixedNow;
