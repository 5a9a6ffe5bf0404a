import type { Page } from '@playwright/test';
import { cpuPercent, launchBrowser, loadNow, processTree, type ProcessGroup } from './browserCpu';

/**
 * One video page measured alone in its own Chromium: time to first frame,
 * then over a window CPU (whole browser and renderer + GPU), dropped frames,
 * memory, latency and stalls. The same for GridWall's video window and for
 * the bare pages it is compared with (naivePage.ts): both expose the same
 * probe (`window.gridwallVideo`).
 */

export const viewport = { width: 1600, height: 900 };
export const warmupMs = Number(process.env.GRIDWALL_BENCH_WARMUP_MS ?? 8_000);
const windowMs = Number(process.env.GRIDWALL_BENCH_WINDOW_MS ?? 15_000);

export interface ProbeTile {
  screen: number;
  cameraId: string | null;
  health: string;
  latencyS: number | null;
  ttffMs: number | null;
  url: string | null;
}

export interface Probe {
  tiles(): ProbeTile[];
  players(): number;
  /** Stalls of tiles drawn without a <video> (GridWall's canvas); <video> stalls are counted by `countStalls`. */
  stalls?(): { count: number; stalledMs: number };
}

export const probeTiles = (page: Page) => page.evaluate(() => (window as unknown as { gridwallVideo: Probe }).gridwallVideo.tiles());

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
 * Tiles drawn on GridWall's canvas report theirs through the probe.
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

/** Stall count and stalled milliseconds so far, <video> and canvas tiles together (a stall still going counts up to now). */
const stallsSoFar = (page: Page): Promise<{ count: number; stalledMs: number }> =>
  page.evaluate(`(() => {
    const stalls = window.benchStalls;
    let open = 0;
    for (const at of stalls.since.values()) open += performance.now() - at;
    const canvas = window.gridwallVideo.stalls?.() ?? { count: 0, stalledMs: 0 };
    return { count: stalls.count + canvas.count, stalledMs: stalls.stalledMs + open + canvas.stalledMs };
  })()`);

export interface PageFigures {
  ttffMs: number[];
  cpuPct: number;
  renderPct: number;
  groups: Record<ProcessGroup, number>;
  /** Dropped frames of <video> elements; null for a page that has none (GridWall's canvas). */
  dropped: number | null;
  rssMb: number;
  heapMb: number;
  latencies: number[];
  stalls: number;
  tileMinutes: number;
  stalledRatio: number;
  /** The machine's load average over the window (mean of the start and end readings). */
  load: number;
  /** The stream each tile played. */
  urls: string[];
}

export async function measurePage(url: string, tiles: number): Promise<PageFigures> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport });
    await page.addInitScript(countStalls);
    await page.goto(url);
    await page.waitForFunction((count) => {
      const found = (window as unknown as { gridwallVideo?: Probe }).gridwallVideo?.tiles() ?? [];
      return found.length >= count && found.slice(0, count).every((tile) => tile.ttffMs !== null);
    }, tiles, { timeout: 60_000 });
    const ttffMs = (await probeTiles(page)).slice(0, tiles).map((tile) => tile.ttffMs!);
    await page.waitForTimeout(warmupMs);
    const pid = browser.pid();
    const loadBefore = loadNow();
    const cpuBefore = processTree(pid);
    await playbackQuality(page);
    const stallsBefore = await stallsSoFar(page);
    const latencies: number[] = [];
    const started = Date.now();
    while (Date.now() - started < windowMs) {
      await page.waitForTimeout(1_000);
      for (const tile of await probeTiles(page)) if (tile.latencyS !== null) latencies.push(tile.latencyS);
    }
    const elapsedS = (Date.now() - started) / 1000;
    const cpuAfter = processTree(pid);
    const load = (loadBefore + loadNow()) / 2;
    const quality = await playbackQuality(page);
    const stallsAfter = await stallsSoFar(page);
    const urls = (await probeTiles(page)).slice(0, tiles).map((tile) => tile.url ?? '');
    const cdp = await page.context().newCDPSession(page);
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const cpu = cpuPercent(cpuBefore, cpuAfter, elapsedS);
    return {
      ttffMs,
      cpuPct: cpu.whole,
      renderPct: cpu.render,
      groups: cpu.groups,
      dropped: quality.total > 0 ? quality.dropped / quality.total : null,
      rssMb: cpuAfter.rssMb,
      heapMb: heap.usedSize / 1024 / 1024,
      latencies,
      stalls: stallsAfter.count - stallsBefore.count,
      tileMinutes: (tiles * elapsedS) / 60,
      stalledRatio: (stallsAfter.stalledMs - stallsBefore.stalledMs) / 1000 / (tiles * elapsedS),
      load,
      urls,
    };
  } finally {
    await browser.close();
  }
}
