import { chromium, type Browser, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import type { Camera } from '../../shared/video/camera';
import type { VideoState } from '../../shared/video/videoState';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';
import { coreClient } from '../../test/support/coreClient';
import { startWallProcess, type StartedWall } from '../../test/support/wallProcess';
import { startNaivePage } from './naivePage';
import { median, percentile, round } from './stats';

/**
 * The video wall against a naive wall (one default-config hls.js player per
 * tile on the main streams), same cameras, same tile count, same Chromium,
 * one browser per page so each is measured alone (docs/BENCHMARKS.md, video).
 */
const warmupMs = Number(process.env.GRIDWALL_BENCH_WARMUP_MS ?? 8_000);
const windowMs = Number(process.env.GRIDWALL_BENCH_WINDOW_MS ?? 15_000);
const changes = Number(process.env.GRIDWALL_BENCH_CHANGES ?? 500);
const slotSwitches = Number(process.env.GRIDWALL_BENCH_SWITCHES ?? 5);
const emergencies = Number(process.env.GRIDWALL_BENCH_EMERGENCIES ?? 5);
const viewport = { width: 1600, height: 900 };

interface Probe {
  tiles(): Array<{ screen: number; cameraId: string | null; health: string; latencyS: number | null; ttffMs: number | null; url: string | null }>;
  players(): number;
}

export async function videoBench() {
  const wall = await startWallProcess();
  const core = await coreClient(wall.urls.queue);
  const naive = await startNaivePage();
  try {
    await core.request('session.signIn', { operatorId: 'dir01', pin: '999999' });
    const cameras = await core.request<Camera[]>('cameras.list', {});
    const figures: Record<string, number | boolean> = {};
    const ttffCold: number[] = [];
    const latencies: number[] = [];
    let stalls = 0;
    let tileMinutes = 0;
    for (const tiles of [9, 16]) {
      await setLayout(core, cameras, tiles);
      const state = await holdStill(core);
      const onWall = state.tiles.map((tile) => cameras.find((camera) => camera.id === tile.cameraId)!);
      const gridwall = await measurePage(wall.urls.video, tiles);
      const plain = await measurePage(naive.url(onWall.map((camera) => camera.mainStream!)), tiles);
      ttffCold.push(...gridwall.ttffMs);
      latencies.push(...gridwall.latencies);
      stalls += gridwall.stalls;
      tileMinutes += gridwall.tileMinutes;
      figures[`cpu_wall_${tiles}_pct`] = round(gridwall.cpuPct);
      figures[`cpu_naive_${tiles}_pct`] = round(plain.cpuPct);
      figures[`cpu_ratio_${tiles}`] = round(gridwall.cpuPct / plain.cpuPct, 2);
      figures[`dropped_ratio_${tiles}`] = round(gridwall.dropped, 4);
      figures[`dropped_ratio_naive_${tiles}`] = round(plain.dropped, 4);
      figures[`rss_wall_${tiles}_mb`] = round(gridwall.rssMb);
      figures[`rss_naive_${tiles}_mb`] = round(plain.rssMb);
      figures[`heap_wall_${tiles}_mb`] = round(gridwall.heapMb);
      figures[`heap_naive_${tiles}_mb`] = round(plain.heapMb);
      figures[`latency_naive_${tiles}_p50_s`] = round(median(plain.latencies), 2);
      figures[`ttff_naive_${tiles}_p95_s`] = round(percentile(plain.ttffMs, 95) / 1000, 2);
      figures[`stalls_per_tile_minute_${tiles}`] = round(gridwall.stalls / gridwall.tileMinutes, 2);
      figures[`stalls_per_tile_minute_naive_${tiles}`] = round(plain.stalls / plain.tileMinutes, 2);
      figures[`stalled_ratio_${tiles}`] = round(gridwall.stalledRatio, 4);
      figures[`stalled_ratio_naive_${tiles}`] = round(plain.stalledRatio, 4);
    }
    const churn = await cameraChurn(wall, core, cameras);
    await setLayout(core, cameras, 9);
    const switching = await slotSwitching(wall, core);
    const emergency = await emergencyTimes(wall, core, cameras);
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
      players_equal_tiles: churn.players === 16 && churn.videos === 16,
    };
  } finally {
    core.close();
    await naive.close();
    await wall.stop();
  }
}

// ---------------------------------------------------------------------------

let launches = 0;

/** A Chromium of its own, tagged so its process tree can be found in /proc. */
async function launch(): Promise<Browser & { pid(): number }> {
  const tag = `--gridwall-bench-${process.pid}-${++launches}`;
  const browser = await chromium.launch({ executablePath: systemChromium(), args: [...chromiumArgs, tag] });
  return Object.assign(browser, {
    pid() {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(tag)) return Number(entry);
        } catch {
          // gone meanwhile
        }
      }
      throw new Error('cannot find the benchmark Chromium in /proc');
    },
  });
}

/** CPU seconds (user + system) and RSS of a browser's whole process tree, from /proc. */
function processTree(rootPid: number): { cpuS: number; rssMb: number } {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  let rssKb = 0;
  for (const pid of tree) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { cpuS: ticks / 100, rssMb: rssKb / 1024 };
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as { gridwallVideo: Probe }).gridwallVideo.tiles());

/** Frames shown and dropped since the previous call, per <video> element (a replaced element starts from zero). */
async function playbackQuality(page: Page): Promise<{ dropped: number; total: number }> {
  return page.evaluate(`(() => {
    const seen = (window.benchQuality ??= new WeakMap());
    let dropped = 0;
    let total = 0;
    for (const video of document.querySelectorAll('video')) {
      const quality = video.getVideoPlaybackQuality();
      const before = seen.get(video) ?? { dropped: 0, total: 0 };
      dropped += quality.droppedVideoFrames - before.dropped;
      total += quality.totalVideoFrames - before.total;
      seen.set(video, { dropped: quality.droppedVideoFrames, total: quality.totalVideoFrames });
    }
    return { dropped, total };
  })()`);
}

/**
 * Stalls as the media elements themselves report them, the same way on both pages: a `waiting` event on a
 * <video> that had already shown a frame (playback stopped for want of data), and the time until it played
 * again. Installed before the page's own scripts; media events do not bubble, so it listens in the capture phase.
 */
const countStalls = `(() => {
  const stalls = { count: 0, stalledMs: 0, since: new Map() };
  window.benchStalls = stalls;
  document.addEventListener('waiting', (event) => {
    const video = event.target;
    if (!(video instanceof HTMLVideoElement) || video.currentTime === 0 || stalls.since.has(video)) return;
    stalls.count += 1;
    stalls.since.set(video, performance.now());
  }, true);
  const resumed = (event) => {
    const at = stalls.since.get(event.target);
    if (at === undefined) return;
    stalls.stalledMs += performance.now() - at;
    stalls.since.delete(event.target);
  };
  document.addEventListener('playing', resumed, true);
  document.addEventListener('emptied', resumed, true);
})()`;

/** Stall count and stalled milliseconds so far (a stall still going counts up to now). */
const stallsSoFar = (page: Page): Promise<{ count: number; stalledMs: number }> =>
  page.evaluate(`(() => {
    const stalls = window.benchStalls;
    let open = 0;
    for (const at of stalls.since.values()) open += performance.now() - at;
    return { count: stalls.count, stalledMs: stalls.stalledMs + open };
  })()`);

/** One page alone in its own browser: time to first frame, then CPU, dropped frames, memory, latency and stalls over a window. */
async function measurePage(url: string, tiles: number) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport });
    await page.addInitScript(countStalls);
    await page.goto(url);
    await page.waitForFunction((count) => {
      const found = (window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? [];
      return found.length >= count && found.slice(0, count).every((tile) => tile.ttffMs !== null);
    }, tiles, { timeout: 60_000 });
    const ttffMs = (await probe(page)).slice(0, tiles).map((tile) => tile.ttffMs!);
    await page.waitForTimeout(warmupMs);
    const pid = browser.pid();
    const cpuBefore = processTree(pid).cpuS;
    await playbackQuality(page);
    const stallsBefore = await stallsSoFar(page);
    const latencies: number[] = [];
    const started = Date.now();
    while (Date.now() - started < windowMs) {
      await page.waitForTimeout(1_000);
      for (const tile of await probe(page)) if (tile.latencyS !== null) latencies.push(tile.latencyS);
    }
    const elapsedS = (Date.now() - started) / 1000;
    const cpuAfter = processTree(pid);
    const quality = await playbackQuality(page);
    const stallsAfter = await stallsSoFar(page);
    const cdp = await page.context().newCDPSession(page);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const frames = quality.total;
    return {
      ttffMs,
      cpuPct: ((cpuAfter.cpuS - cpuBefore) / elapsedS) * 100,
      dropped: frames > 0 ? quality.dropped / frames : 0,
      rssMb: cpuAfter.rssMb,
      heapMb: heap.usedSize / 1024 / 1024,
      latencies,
      stalls: stallsAfter.count - stallsBefore.count,
      tileMinutes: (tiles * elapsedS) / 60,
      stalledRatio: (stallsAfter.stalledMs - stallsBefore.stalledMs) / 1000 / (tiles * elapsedS),
    };
  } finally {
    await browser.close();
  }
}

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
  const browser = await launch();
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
  const browser = await launch();
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
  const browser = await launch();
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

