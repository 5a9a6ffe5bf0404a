import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import { presentationViews } from '../../shared/presentation/figures';
import { createCore, type Core, type Session } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';
import { connectPresenter, type Presenter } from '../../test/support/presenter';
import { resourcesDir, tempDir } from '../../test/support/testCore';
import { startWallProcess } from '../../test/support/wallProcess';
import { mapIdle } from './mapPage';
import { median, percentile, round } from './stats';

const targetCases = 100_000;
/** More than a year, so "year on year" has last year to compare with. */
const historyDays = 400;
const visitor: Session = { connectionId: 'bench-visitor', role: 'presentation', audience: 'public', locale: 'zh-CN' };
const director: Session = { connectionId: 'bench-director', role: 'queue', audience: 'operator', locale: 'zh-CN' };

/**
 * The presentation at 100,000 cases:
 *  - view compute: each view's figures through the core's boundary, as a
 *    presentation window asks for them, with the cache out of the way (the
 *    clock moves a minute between samples); baseline in the same run: the
 *    queue's `kpi.get` of a month.
 *  - enter: on the browser wall (real CLI, core in its worker, Chromium), from
 *    a settled wall (map idle, tiles live), the director's command until the
 *    video, map and a visitors' window each show their first view with its
 *    figures and charts drawn.
 *  - charts: every ECharts `setOption` on the windows' main threads while the
 *    tour is stepped through every view, each chart's first draw apart from
 *    its updates (new figures while the page is up, after a new case).
 */
export async function presentBench() {
  const dir = tempDir();
  const dbPath = join(dir.path, 'present-100k.db');
  try {
    const build = buildDatabase(dbPath);
    const compute = await computeTimes(build.core, 12);
    build.core.close();
    const wall = await wallTimes(dbPath);
    const everyView = Object.values(compute.perView).flat();
    return {
      cases: compute.cases,
      build_s: build.seconds,
      enter_s: round(median(wall.enter) / 1000, 3),
      enter_max_s: round(Math.max(...wall.enter) / 1000, 3),
      enter_samples: wall.enter.length,
      view_compute_max_ms: round(Math.max(...everyView), 1),
      ...Object.fromEntries(Object.entries(compute.perView).map(([view, samples]) => [`view_${view}_p50_ms`, round(median(samples), 1)])),
      baseline_kpi_month_ms: round(median(compute.kpi), 1),
      chart_updates: wall.charts.updates.length,
      chart_update_p50_ms: round(median(wall.charts.updates), 2),
      chart_update_p95_ms: round(percentile(wall.charts.updates, 95), 2),
      chart_first_draws: wall.charts.firstDraws.length,
      chart_first_draw_p50_ms: round(median(wall.charts.firstDraws), 2),
      chart_first_draw_p95_ms: round(percentile(wall.charts.firstDraws, 95), 2),
    };
  } finally {
    dir.remove();
  }
}

function buildDatabase(dbPath: string) {
  const started = performance.now();
  let now = Date.UTC(2026, 11, 6, 2, 0, 0);
  const core = createCore({
    dbPath,
    resourcesDir,
    demo: { seed: 5, historyDays, historyPerDay: Math.ceil(targetCases / historyDays), feedRatePerMinute: 0 },
    logger: silentLogger,
    clock: () => now,
  });
  const seconds = round((performance.now() - started) / 1000, 1);
  const tick = () => (now += 61_000);
  return { core: Object.assign(core, { tick }), seconds };
}

async function computeTimes(core: Core & { tick: () => void }, samples: number) {
  let id = 1;
  const ask = async (session: Session, name: string, args: unknown) => {
    const started = performance.now();
    const answer = await core.handle(session, { id: id++, name, args });
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return performance.now() - started;
  };
  await core.handle(director, { id: 0, name: 'session.signIn', args: { operatorId: 'dir01', pin: '999999' } });
  const perView: Record<string, number[]> = Object.fromEntries(presentationViews.map((view) => [view, []]));
  const kpi: number[] = [];
  for (let pass = 0; pass < samples; pass++) {
    core.tick();
    for (const view of presentationViews) perView[view]!.push(await ask(visitor, 'presentation.view', { view }));
    kpi.push(await ask(director, 'kpi.get', { month: '2026-11' }));
  }
  const all = await core.handle(director, { id: id++, name: 'cases.query', args: { statuses: ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack', 'closed', 'voided', 'merged', 'hung'], limit: 1 } });
  return { perView, kpi, cases: all.ok ? (all.value as { total: number }).total : -1 };
}

/** Resolves when the page shows a view with its figures in (the stage's data-ready). */
const shown = (page: Page) => page.locator('[data-testid="presentation"] .view[data-ready="true"]').first().waitFor({ timeout: 20_000 });

/**
 * Resolves when a wall window is back at its everyday work after presentation: the map drawn and idle, every
 * tile with a camera live. Entering is timed from a settled wall, as a director enters it when visitors come in;
 * the map's restart in software WebGL (seconds here) would otherwise be counted as the entering.
 */
async function settled(page: Page) {
  if (await page.getByTestId('map').count()) await mapIdle(page);
  await page.waitForFunction(() => {
    const withCamera = document.querySelectorAll('.matrix .tile:not([data-camera=""])').length;
    return document.querySelectorAll('.matrix .tile[data-health="live"]').length === withCamera;
  }, null, { timeout: 30_000 });
}

interface ChartTimes {
  firstDraws: number[];
  updates: number[];
}
const chartTimes = (page: Page) => page.evaluate(() => (window as unknown as { gridwallCharts?: ChartTimes }).gridwallCharts ?? { firstDraws: [], updates: [] });

async function timeEntering(presenter: Presenter, pages: Page[], passes: number): Promise<number[]> {
  const enter: number[] = [];
  const byWindow: string[] = [];
  for (let pass = 0; pass < passes; pass++) {
    await presenter.present(false);
    await Promise.all(pages.slice(0, 2).map((page) => page.getByTestId('presentation').waitFor({ state: 'detached', timeout: 20_000 })));
    await Promise.all(pages.slice(0, 2).map(settled));
    const started = performance.now();
    await presenter.present(true);
    const perWindow = await Promise.all(pages.map(async (page) => {
      await shown(page);
      return performance.now() - started;
    }));
    enter.push(Math.max(...perWindow));
    byWindow.push(perWindow.map((ms) => Math.round(ms)).join('/'));
  }
  console.error(`present: entering per pass, video/map/visitors ms: ${byWindow.join('; ')}`);
  return enter;
}

/**
 * The tour's views, twelve times; on each, a new case is reported so the figures come again while the page is up
 * (at most every 5 s, useFigures): those `setOption`s are the chart updates, apart from each chart's first draw.
 * A chart whose own figures did not move is not redrawn, so not every view gives an update in every window.
 */
async function timeCharts(presenter: Presenter, pages: Page[]): Promise<ChartTimes> {
  await presenter.tour({ action: 'stop' });
  for (let pass = 0; pass < 12; pass++) {
    for (const view of presentationViews.filter((name) => name !== 'highlights')) {
      await presenter.show(view);
      await Promise.all(pages.map((page) => page.locator(`[data-view="${view}"] .view[data-ready="true"]`).waitFor({ timeout: 20_000 })));
      const before = await Promise.all(pages.map(async (page) => (await chartTimes(page)).updates.length));
      await presenter.request('case.create', { description: '基准测试：人行道上暴露垃圾', categoryCode: '20101', sourceId: 'hotline', address: '芷江西路300号' });
      // Every window redraws, in turn (useFigures); a view whose figures do not move with a new case (the departments'
      // settled month) draws no update: move on.
      await Promise.all(pages.map((page, index) => page.waitForFunction((count) => ((window as unknown as { gridwallCharts?: ChartTimes }).gridwallCharts?.updates.length ?? 0) > count, before[index] ?? 0, { timeout: 8_000 }).catch(() => undefined)));
    }
  }
  const all = await Promise.all(pages.map(chartTimes));
  const names = ['video', 'map', 'visitors'];
  console.error(`present: chart updates by window ${all.map((times, index) => `${names[index]} n=${times.updates.length} p50 ${round(median(times.updates), 1)} p95 ${round(percentile(times.updates, 95), 1)} ms`).join('; ')}`);
  return { firstDraws: all.flatMap((times) => times.firstDraws), updates: all.flatMap((times) => times.updates) };
}

async function wallTimes(dbPath: string) {
  const wall = await startWallProcess(['--db', dbPath]);
  const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
  const presenter = await connectPresenter(wall.urls, wall.port);
  try {
    const pages = await Promise.all([wall.urls.video, wall.urls.map, wall.urls.presentation].map(async (url) => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(url);
      await page.locator('.link-open').first().waitFor({ timeout: 30_000 });
      return page;
    }));
    const enter = await timeEntering(presenter, pages, 5);
    const charts = await timeCharts(presenter, pages);
    await presenter.present(false);
    return { enter, charts };
  } finally {
    await presenter.close();
    await browser.close();
    await wall.stop();
  }
}
