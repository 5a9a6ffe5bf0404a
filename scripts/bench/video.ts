import type { Page } from '@playwright/test';
import type { Camera } from '../../shared/video/camera';
import type { VideoState } from '../../shared/video/videoState';
import { coreClient } from '../../test/support/coreClient';
import { startWallProcess, type StartedWall } from '../../test/support/wallProcess';
import { launchBrowser, loadNow, processTree, type ProcessGroup } from './browserCpu';
import { startNaivePage } from './naivePage';
import { median, percentile, round } from './stats';
import { measurePage, viewport, warmupMs, type PageFigures, type Probe } from './videoPage';

/**
 * The video wall against two bare walls on the same cameras, same layout, same window size, same Chromium
 * (docs/BENCHMARKS.md, video):
 * - `sub`: one default-config hls.js player per tile on the very streams the wall plays (a user who picked sub
 *   streams by hand);
 * - `naive`: the same on the main streams (what one gets by pasting each camera's address).
 * Each page runs alone in its own Chromium; the three are measured in turn, in rounds whose order alternates
 * (wall, sub, naive, then naive, sub, wall), so load that drifts during the run weighs on all alike. CPU is CPU
 * time used, for the whole browser (the figure the targets use) and for its renderer and GPU processes.
 *
 * `GRIDWALL_BENCH_STREAMS` (cmaf, ts, ll) picks how the demo gateway offers the cameras; `GRIDWALL_BENCH_ROUNDS`
 * the rounds (default 2); `GRIDWALL_BENCH_ENGINE=video` plays GridWall's tiles on <video> elements (hls.js), as
 * before the canvas, to compare.
 */
const changes = Number(process.env.GRIDWALL_BENCH_CHANGES ?? 500);
const slotSwitches = Number(process.env.GRIDWALL_BENCH_SWITCHES ?? 5);
const emergencies = Number(process.env.GRIDWALL_BENCH_EMERGENCIES ?? 5);
const rounds = Math.max(1, Number(process.env.GRIDWALL_BENCH_ROUNDS ?? 2));
const streams = process.env.GRIDWALL_BENCH_STREAMS ?? 'cmaf';
const engine = process.env.GRIDWALL_BENCH_ENGINE ?? '';

type PageName = 'wall' | 'sub' | 'naive';

export async function videoBench() {
  const loadAtStart = loadNow();
  const wall = await startWallProcess(['--demo-streams', streams]);
  const core = await coreClient(wall.urls.queue);
  const naive = await startNaivePage();
  try {
    await core.request('session.signIn', { operatorId: 'dir01', pin: '999999' });
    const cameras = await core.request<Camera[]>('cameras.list', {});
    const figures: Record<string, number | boolean | string> = { streams, engine: engine || 'canvas', rounds };
    const wallPages: PageFigures[] = [];
    for (const tiles of [9, 16]) {
      await setLayout(core, cameras, tiles);
      const state = await holdStill(core);
      const onWall = state.tiles.map((tile) => cameras.find((camera) => camera.id === tile.cameraId)!);
      const wallUrl = engine ? `${wall.urls.video}&engine=${engine}` : wall.urls.video;
      const urls: Record<PageName, string> = {
        wall: wallUrl,
        sub: naive.url(onWall.map((camera) => camera.subStream!)),
        naive: naive.url(onWall.map((camera) => camera.mainStream!)),
      };
      const measured: Record<PageName, PageFigures[]> = { wall: [], sub: [], naive: [] };
      for (let round = 0; round < rounds; round++) {
        const order: PageName[] = round % 2 === 0 ? ['wall', 'sub', 'naive'] : ['naive', 'sub', 'wall'];
        for (const name of order) measured[name].push(await measurePage(urls[name], tiles));
      }
      wallPages.push(...measured.wall);
      Object.assign(figures, pageFigures(tiles, measured));
      // The bare sub-stream wall must play what the wall plays, or the comparison is not on the same streams.
      figures[`same_streams_${tiles}`] = measured.wall.every((page) => page.urls.join() === measured.sub[0]!.urls.join());
    }
    const churn = await cameraChurn(wall, core, cameras);
    await setLayout(core, cameras, 9);
    const switching = await slotSwitching(wall, core);
    const emergency = await emergencyTimes(wall, core, cameras);
    const latencies = wallPages.flatMap((page) => page.latencies);
    const ttffCold = wallPages.flatMap((page) => page.ttffMs);
    const stalls = wallPages.reduce((sum, page) => sum + page.stalls, 0);
    const tileMinutes = wallPages.reduce((sum, page) => sum + page.tileMinutes, 0);
    return {
      ...figures,
      latency_p50_s: round(median(latencies), 2),
      latency_p95_s: round(percentile(latencies, 95), 2),
      stalls_per_tile_minute: round(stalls / tileMinutes, 2),
      ttff_cold_p50_s: round(median(ttffCold) / 1000, 2),
      ttff_cold_p95_s: round(percentile(ttffCold, 95) / 1000, 2),
      ttff_warm_p50_s: round(median(switching.warmMs) / 1000, 2),
      ttff_warm_p95_s: round(percentile(switching.warmMs, 95) / 1000, 2),
      warm_tiles: switching.warmMs.length,
      slot_switch_p50_s: round(median(switching.switchMs) / 1000, 2),
      slot_switch_p95_s: round(percentile(switching.switchMs, 95) / 1000, 2),
      emergency_s: round(median(emergency) / 1000, 2),
      emergency_max_s: round(Math.max(...emergency) / 1000, 2),
      camera_changes: changes,
      mem_growth_pct: round(churn.growthPct, 1),
      heap_growth_pct: round(churn.heapGrowthPct, 1),
      players_after_changes: churn.players,
      players_equal_tiles: churn.players === 16 && churn.videos <= 16,
      loadavg_start: round(loadAtStart, 2),
      loadavg_end: round(loadNow(), 2),
    };
  } finally {
    core.close();
    await naive.close();
    await wall.stop();
  }
}

const medianOf = (pages: PageFigures[], pick: (page: PageFigures) => number) => median(pages.map(pick));
const groupsText = (pages: PageFigures[]) =>
  (Object.keys(pages[0]!.groups) as ProcessGroup[]).map((group) => `${group} ${round(medianOf(pages, (page) => page.groups[group]))}`).join(', ');

/**
 * One tile count's figures. Ratios are medians over the rounds of the ratio within each round (wall and baseline
 * measured a minute apart), and the per-round ratios are listed for the spread.
 */
function pageFigures(tiles: number, measured: Record<PageName, PageFigures[]>): Record<string, number | string | boolean> {
  const { wall, sub, naive } = measured;
  const ratios = (baseline: PageFigures[], pick: (page: PageFigures) => number) => wall.map((page, index) => pick(page) / pick(baseline[index]!));
  const whole = (page: PageFigures) => page.cpuPct;
  const render = (page: PageFigures) => page.renderPct;
  const stallRate = (pages: PageFigures[]) => pages.reduce((sum, page) => sum + page.stalls, 0) / pages.reduce((sum, page) => sum + page.tileMinutes, 0);
  const dropped = (pages: PageFigures[]) => (pages[0]!.dropped === null ? 'n/a' : round(medianOf(pages, (page) => page.dropped ?? 0), 4));
  const list = (values: number[]) => values.map((value) => round(value, 2)).join(' ');
  return {
    [`cpu_wall_${tiles}_pct`]: round(medianOf(wall, whole)),
    [`cpu_sub_${tiles}_pct`]: round(medianOf(sub, whole)),
    [`cpu_naive_${tiles}_pct`]: round(medianOf(naive, whole)),
    [`cpu_wall_render_${tiles}_pct`]: round(medianOf(wall, render)),
    [`cpu_sub_render_${tiles}_pct`]: round(medianOf(sub, render)),
    [`cpu_naive_render_${tiles}_pct`]: round(medianOf(naive, render)),
    // Whole browser against the main-stream grid (the figure kept since issue 5).
    [`cpu_ratio_${tiles}`]: round(median(ratios(naive, whole)), 2),
    [`cpu_render_ratio_${tiles}`]: round(median(ratios(naive, render)), 2),
    // Against the bare grid on the same (sub) streams: renderer + GPU, and the whole browser.
    [`cpu_ratio_sub_${tiles}`]: round(median(ratios(sub, render)), 2),
    [`cpu_whole_ratio_sub_${tiles}`]: round(median(ratios(sub, whole)), 2),
    [`cpu_whole_ratio_sub_${tiles}_rounds`]: list(ratios(sub, whole)),
    [`cpu_ratio_${tiles}_rounds`]: list(ratios(naive, whole)),
    [`cpu_groups_wall_${tiles}`]: groupsText(wall),
    [`cpu_groups_sub_${tiles}`]: groupsText(sub),
    [`dropped_ratio_${tiles}`]: dropped(wall),
    [`dropped_ratio_sub_${tiles}`]: dropped(sub),
    [`dropped_ratio_naive_${tiles}`]: dropped(naive),
    [`rss_wall_${tiles}_mb`]: round(medianOf(wall, (page) => page.rssMb)),
    [`rss_sub_${tiles}_mb`]: round(medianOf(sub, (page) => page.rssMb)),
    [`rss_naive_${tiles}_mb`]: round(medianOf(naive, (page) => page.rssMb)),
    [`heap_wall_${tiles}_mb`]: round(medianOf(wall, (page) => page.heapMb)),
    [`latency_${tiles}_p50_s`]: round(median(wall.flatMap((page) => page.latencies)), 2),
    [`latency_sub_${tiles}_p50_s`]: round(median(sub.flatMap((page) => page.latencies)), 2),
    [`latency_naive_${tiles}_p50_s`]: round(median(naive.flatMap((page) => page.latencies)), 2),
    [`ttff_sub_${tiles}_p95_s`]: round(percentile(sub.flatMap((page) => page.ttffMs), 95) / 1000, 2),
    [`stalls_per_tile_minute_${tiles}`]: round(stallRate(wall), 2),
    [`stalls_per_tile_minute_sub_${tiles}`]: round(stallRate(sub), 2),
    [`stalls_per_tile_minute_naive_${tiles}`]: round(stallRate(naive), 2),
    [`stalled_ratio_${tiles}`]: round(medianOf(wall, (page) => page.stalledRatio), 4),
    [`loadavg_${tiles}`]: list([...wall, ...sub, ...naive].map((page) => page.load)),
  };
}

// ---------------------------------------------------------------------------

/** The wall at `tiles` tiles per window, every screen with a camera (hand-placed beyond the plan's nine). */
async function setLayout(core: Core, cameras: Camera[], tiles: 9 | 16 | number) {
  const text = tiles === 16 ? '十六画面' : '九画面';
  const understood = await core.request<{ readBack: string }>('command.understand', { text });
  await core.request('command.run', { text, expectedReadBack: understood.readBack, selectedCaseId: null });
  const state = await core.request<VideoState>('video.get', {});
  const used = new Set(state.tiles.map((tile) => tile.cameraId));
  const free = cameras.filter((camera) => !used.has(camera.id));
  for (const tile of state.tiles) if (!tile.cameraId) await core.request('video.place', { screen: tile.screen, cameraId: free.shift()!.id });
}

/**
 * Every screen keeps the camera it shows now, hand-placed, so the wall holds still while it is measured: the demo
 * plan tours screen 9 every 15 s, and a camera changing on one page and not the other is not the same cameras.
 */
async function holdStill(core: Core): Promise<VideoState> {
  const state = await core.request<VideoState>('video.get', {});
  for (const tile of state.tiles) await core.request('video.place', { screen: tile.screen, cameraId: tile.cameraId });
  return core.request<VideoState>('video.get', {});
}

/** 500 camera changes on a 16-tile wall: memory before and after, and players left. */
async function cameraChurn(wall: StartedWall, core: Core, cameras: Camera[]) {
  await setLayout(core, cameras, 16);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(wall.urls.video);
    await page.waitForFunction(() => ((window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? []).filter((tile) => tile.health === 'live').length === 16, undefined, { timeout: 60_000 });
    await page.waitForTimeout(warmupMs);
    const cdp = await page.context().newCDPSession(page);
    const pid = browser.pid();
    const memory = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.waitForTimeout(2_000);
      return { rss: processTree(pid).rssMb, heap: ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize };
    };
    const before = await memory();
    // Each change puts a camera that is not on the wall yet on the next screen (a camera is never shown twice).
    const current = new Map((await core.request<VideoState>('video.get', {})).tiles.map((tile) => [tile.screen, tile.cameraId!]));
    const free = cameras.map((camera) => camera.id).filter((id) => ![...current.values()].includes(id));
    for (let change = 0; change < changes; change++) {
      const screen = (change % 16) + 1;
      const cameraId = free.shift()!;
      await core.request('video.place', { screen, cameraId });
      free.push(current.get(screen)!);
      current.set(screen, cameraId);
      await page.waitForTimeout(30);
    }
    await page.waitForFunction(() => ((window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? []).filter((tile) => tile.health === 'live').length === 16, undefined, { timeout: 60_000 });
    await page.waitForTimeout(warmupMs);
    const after = await memory();
    const players = await page.evaluate(() => (window as unknown as { gridwallVideo: Probe }).gridwallVideo.players());
    const videos = await page.evaluate(() => document.querySelectorAll('video').length);
    return { growthPct: ((after.rss - before.rss) / before.rss) * 100, heapGrowthPct: ((after.heap - before.heap) / before.heap) * 100, players, videos };
  } finally {
    await browser.close();
  }
}

/** Watches the tiles in the page: when each changed camera and when each became live, by the page's clock (Date.now). */
async function watchTiles(page: Page) {
  // A string, not a function: the TypeScript runner names inner functions with a helper the page does not have.
  await page.evaluate(`(() => {
    const log = [];
    window.tileLog = log;
    new MutationObserver((records) => {
      const at = Date.now();
      const slot = document.querySelector('[data-testid="slot"]')?.dataset.slot ?? '';
      for (const record of records) {
        const element = record.target;
        if (element.classList?.contains('tile')) log.push({ at, screen: element.dataset.screen, camera: element.dataset.camera, health: element.dataset.health, slot });
        else if (element.dataset?.testid === 'slot') log.push({ at, screen: '', camera: '', health: '', slot });
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-camera', 'data-health', 'data-slot'] });
  })()`);
}

type TileLog = Array<{ at: number; screen: string; camera: string; health: string; slot: string }>;
const tileLog = (page: Page) => page.evaluate(() => (window as unknown as { tileLog: TileLog }).tileLog.splice(0));

/** Slot switches on the rehearsal clock: switch → every tile live, and each changed tile's first live frame. */
async function slotSwitching(wall: StartedWall, core: Core) {
  const browser = await launchBrowser();
  const switchMs: number[] = [];
  const warmMs: number[] = [];
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(wall.urls.video);
    await page.waitForFunction(() => ((window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? []).filter((tile) => tile.health === 'live').length === 9, undefined, { timeout: 60_000 });
    await watchTiles(page);
    for (let run = 0; run < slotSwitches; run++) {
      const before = await core.request<VideoState>('video.get', {});
      await core.request('video.setClock', { atMs: before.next.atMs - 11_000 });
      await page.waitForFunction((slot) => document.querySelector<HTMLElement>('[data-testid="slot"]')?.dataset.slot === slot, before.next.id, { timeout: 30_000 });
      await page.waitForFunction(() => ((window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? []).filter((tile) => tile.health === 'live').length === 9, undefined, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const log = await tileLog(page);
      const switchedAt = log.find((entry) => entry.screen === '' && entry.slot === before.next.id)?.at;
      if (switchedAt === undefined) continue;
      // Every tile live again after the switch (a tile that never left "live" counts as at once).
      const lastLive = new Map<string, number>();
      for (const entry of log) {
        if (entry.at < switchedAt || !entry.screen) continue;
        if (entry.health === 'live') lastLive.set(entry.screen, Math.max(lastLive.get(entry.screen) ?? 0, entry.at));
        else lastLive.delete(entry.screen);
      }
      switchMs.push(Math.max(0, ...[...lastLive.values()].map((at) => at - switchedAt)));
      const changedScreens = new Set(log.filter((entry) => entry.at >= switchedAt && entry.screen && entry.camera).map((entry) => entry.screen));
      for (const screen of changedScreens) {
        const live = log.find((entry) => entry.screen === screen && entry.at >= switchedAt && entry.health === 'live');
        const changedTo = log.find((entry) => entry.screen === screen && entry.at >= switchedAt);
        if (live && changedTo) warmMs.push(live.at - changedTo.at);
      }
    }
    await core.request('video.setClock', { atMs: null });
  } finally {
    await browser.close();
  }
  return { switchMs, warmMs };
}

/** Urgent case created → its nearest camera's tile on the wall and live, in the page (request sent → tile live). */
async function emergencyTimes(wall: StartedWall, core: Core, cameras: Camera[]) {
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(wall.urls.video);
    await page.waitForFunction(() => ((window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? []).filter((tile) => tile.health === 'live').length === 9, undefined, { timeout: 60_000 });
    for (let run = 0; run < emergencies; run++) {
      const state = await core.request<VideoState>('video.get', {});
      const offWall = cameras.filter((camera) => camera.heading !== undefined && !state.tiles.some((tile) => tile.cameraId === camera.id));
      const target = offWall[run % offWall.length]!;
      const sentAt = Date.now();
      const created = await core.request<{ id: number }>('case.create', { description: '基准测试：路口聚集', categoryCode: '20101', sourceId: 'video', lngLat: target.position, urgent: true });
      const liveAt = await page.waitForFunction(
        (camera) => {
          const tile = document.querySelector<HTMLElement>(`.matrix .tile[data-camera="${camera}"][data-source="emergency"]`);
          return tile?.dataset.health === 'live' ? Date.now() : null;
        },
        target.id,
        { timeout: 20_000, polling: 20 },
      );
      times.push(((await liveAt.jsonValue()) as number) - sentAt);
      await core.request('case.act', { action: 'void', caseId: created.id, reason: '基准测试' });
      await page.waitForTimeout(2_000);
    }
  } finally {
    await browser.close();
  }
  return times;
}

// ---------------------------------------------------------------------------

type Core = Awaited<ReturnType<typeof coreClient>>;

