import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import { caseStatuses, type Case } from '../../shared/domain/case';
import type { LngLat } from '../../shared/domain/district';
import { createGridLocator } from '../../shared/domain/locate';
import { seededRandom } from '../../shared/domain/random';
import { createCore, type Core, type Session } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';
import { resourcesDir, tempDir } from '../../test/support/testCore';
import type { MapProbe } from '../../renderer/src/map/mapProbe';
import { drawLatencies, panFrames, recordCaseEvents, timedSwitch, watchDrawnCases } from './mapPage';
import { openWindow, startWallOn } from './queue';
import { median, percentile, round } from './stats';

const targetCases = 100_000;
const warmUpUpdates = 2_000;
const historyDays = 183;
const session: Session = { connectionId: 'bench', role: 'map', audience: 'operator', locale: 'zh-CN' };

/**
 * The map at a busy sub-centre's scale (100,000 cases of history), on the
 * browser wall in headless Chromium with software WebGL (a room PC's GPU
 * does better):
 *  - grid assignment of 100,000 points in the core, against the bounding
 *    box test alone as the floor, in the same run;
 *  - density: the core counting 30 days of history for the window;
 *  - open → idle with every layer on and the open cases drawn (the first
 *    open in a fresh browser, and the median of four opens after it); a
 *    live case change from its event to
 *    its frame; slot and category switches to their frame; pan frame times
 *    with every layer on and with the data layers off (the floor);
 *  - memory after 5,000 live updates against the start, and halfway (after
 *    a warm-up of 2,000; four full collections before each reading).
 */
export async function mapBench() {
  const dir = tempDir();
  const dbPath = join(dir.path, 'map-100k.db');
  let core: Core | null = createCore({ dbPath, resourcesDir, demo: { seed: 3, historyDays, historyPerDay: Math.ceil(targetCases / historyDays), feedRatePerMinute: 0 }, logger: silentLogger });
  try {
    const request = async <T>(name: string, args: unknown): Promise<T> => {
      const answer = await core!.handle(session, { id: 1, name, args });
      if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
      return answer.value as T;
    };
    const cases = (await request<{ total: number }>('cases.query', { statuses: [...caseStatuses], limit: 1 })).total;
    const reference = await request<{ geography: Parameters<typeof createGridLocator>[0] & { bbox: [number, number, number, number] } }>('reference.get', {});
    const assign = gridAssignment(reference.geography);
    const densityMs: number[] = [];
    let densityBytes = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      // Different periods each time: the core caches one count per period for a minute.
      densityBytes = JSON.stringify(await request('map.density', { days: 30 - run })).length;
      densityMs.push(performance.now() - started);
    }
    core.close();
    core = null;
    console.error(`map: ${cases} cases; grid assignment ${round(assign.locateMs)} ms; density ${round(median(densityMs))} ms, ${round(densityBytes / 1024)} KB`);
    const page = await browserFigures(dbPath);
    return {
      cases,
      grid_assign_100k_ms: round(assign.locateMs),
      grid_assign_bbox_floor_ms: round(assign.floorMs),
      density_30d_core_ms: round(median(densityMs)),
      density_30d_kb: round(densityBytes / 1024),
      ...page,
    };
  } finally {
    core?.close();
    dir.remove();
  }
}

/** 100,000 seeded points over the district's box, located three times; the median, and the box test alone as the floor. */
function gridAssignment(geography: Parameters<typeof createGridLocator>[0] & { bbox: [number, number, number, number] }) {
  const random = seededRandom(100);
  const [west, south, east, north] = geography.bbox;
  const points: LngLat[] = Array.from({ length: 100_000 }, () => [west + random.next() * (east - west), south + random.next() * (north - south)]);
  const locate = createGridLocator(geography);
  const runs = (work: () => void) =>
    median(
      Array.from({ length: 3 }, () => {
        const started = performance.now();
        work();
        return performance.now() - started;
      }),
    );
  let found = 0;
  const locateMs = runs(() => {
    found = 0;
    for (const point of points) if (locate(point)) found++;
  });
  const floorMs = runs(() => {
    let inside = 0;
    for (const [lng, lat] of points) if (lng >= west && lng <= east && lat >= south && lat <= north) inside++;
    if (inside < 0) throw new Error('unreachable');
  });
  if (found === 0) throw new Error('no point fell in a grid');
  return { locateMs, floorMs };
}

async function browserFigures(dbPath: string) {
  const wall = await startWallOn(dbPath);
  const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
  try {
    // The first open in a fresh browser (nothing compiled or cached yet), then the window opened again: a room's
    // windows open with the app, and again when one is re-created.
    const opens: number[] = [];
    let page: Page | null = null;
    for (let open = 0; open < 5; open++) {
      await page?.close();
      page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.addInitScript(recordCaseEvents);
      opens.push(await openToIdle(page, wall.urls.map));
    }
    console.error(`map: open to idle ${opens.map((seconds) => round(seconds, 2)).join(', ')} s`);
    page = page!;

    const client = await openWindow(wall.urls.queue);
    await client.request('session.signIn', { operatorId: 'op01', pin: '111111' });
    await watchDrawnCases(page);
    const live = await liveUpdates(page, client, 40);
    const switches = await densitySwitches(page);
    const pan = percentile(await panFrames(page, 6), 95);
    const memory = await memoryGrowth(page, client, 5_000);
    // The floor: the same pans with cases, cameras and density off.
    for (const layer of ['cases', 'cameras', 'density', 'transit']) await page.getByTestId(`layer-${layer}`).uncheck();
    const bare = percentile(await panFrames(page, 6), 95);
    client.socket.close();
    return {
      open_to_idle_s: round(median(opens.slice(1)), 2),
      open_to_idle_first_s: round(opens[0]!, 2),
      live_update_samples: live.length,
      live_update_p50_ms: round(median(live)),
      live_update_p95_ms: round(percentile(live, 95)),
      slot_switch_ms: round(percentile(switches.slot, 95)),
      slot_switch_p50_ms: round(median(switches.slot)),
      category_switch_ms: round(percentile(switches.category, 95)),
      pan_frame_p95_ms: round(pan),
      pan_frame_bare_p95_ms: round(bare),
      mem_start_mb: round(memory.start / 1_048_576),
      mem_half_mb: round(memory.half / 1_048_576),
      mem_end_mb: round(memory.end / 1_048_576),
      mem_growth_pct: round(((memory.end - memory.start) / memory.start) * 100),
      mem_growth_second_half_pct: round(((memory.end - memory.half) / memory.start) * 100),
    };
  } finally {
    await browser.close();
    await wall.stop();
  }
}

type Client = Awaited<ReturnType<typeof openWindow>>;

/** Seconds from opening the map window until it is idle with every layer drawn: the open cases in (they come with the window's snapshot) and the density applied. */
async function openToIdle(page: Page, url: string): Promise<number> {
  const opened = performance.now();
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { gridwallMap?: MapProbe; gridwallDensity?: { total: number } };
      return w.gridwallMap !== undefined && w.gridwallMap.shownCases() > 0 && (w.gridwallDensity?.total ?? 0) > 0 && w.gridwallMap.idle();
    },
    null,
    { timeout: 60_000, polling: 20 },
  );
  return (performance.now() - opened) / 1000;
}

/** New located cases, one every 400 ms: each from its event in the page to the frame that shows it. */
async function liveUpdates(page: Page, client: Client, count: number): Promise<number[]> {
  // Where cases are: next to open ones, so every new case lies in a grid.
  const { value: open } = await client.request<{ cases: Case[] }>('cases.query', { limit: 100 });
  const spots = open.cases.flatMap((item) => (item.lngLat ? [item.lngLat] : []));
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const [lng, lat] = spots[index % spots.length]!;
    const { value } = await client.request<Case>('case.create', {
      description: `地图基准测试 ${index}`,
      categoryCode: '20401',
      sourceId: 'street',
      lngLat: [lng + 0.00001, lat],
    });
    ids.push(value.id);
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(1_000);
  return drawLatencies(page, ids);
}

/** Every slot key in turn twice, then ten category changes; each to the frame that shows it. */
async function densitySwitches(page: Page): Promise<{ slot: number[]; category: number[] }> {
  const slot: number[] = [];
  for (let round = 0; round < 2; round++) for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '0']) slot.push(await timedSwitch(page, 'key', key));
  const category: number[] = [];
  for (const prefix of ['204', '20401', '201', '20101', '', '203', '204', '20402', '202', '']) category.push(await timedSwitch(page, 'category', prefix));
  return { slot, category };
}

/** The page's JS heap after a forced GC, before and after `updates` urgent flags toggled on 50 open cases (each a live update the map draws). */
async function memoryGrowth(page: Page, client: Client, updates: number): Promise<{ start: number; half: number; end: number }> {
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    // Several full collections: one leaves what only a later one frees (the earlier opens' pages, detached in this process).
    for (let pass = 0; pass < 4; pass++) await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  };
  const { value } = await client.request<{ cases: Case[] }>('cases.query', { statuses: ['dispatched', 'inProgress'], limit: 50 });
  const targets = value.cases.filter((item) => item.lngLat !== null);
  let toggled = 0;
  const toggle = async (count: number) => {
    for (const end = toggled + count; toggled < end; toggled++) {
      const item = targets[toggled % targets.length]!;
      await client.request('case.setUrgent', { caseId: item.id, urgent: Math.floor(toggled / targets.length) % 2 === 0 ? !item.urgent : item.urgent });
    }
    await page.waitForTimeout(1_500);
  };
  // A warm-up first (caches, pools, the first pulses, and V8 compiling the update path: its optimised code is heap
  // too, and still grows after 500 updates), so what is left after the run is what the run kept. The heap halfway
  // tells growth that levels off from growth that goes on (a leak grows as much in the second half as in the first).
  await toggle(warmUpUpdates);
  const start = await heap();
  await toggle(updates / 2);
  const half = await heap();
  await toggle(updates / 2);
  const end = await heap();
  await cdp.detach();
  return { start, half, end };
}
