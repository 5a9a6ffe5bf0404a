import { caseStatuses } from '../../shared/domain/case';
import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { ServerMessage } from '../../shared/contract/messages';
import { tempDir, resourcesDir } from '../../test/support/testCore';
import { median, percentile, round } from './stats';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';
import { startWallProcess, type WallUrls } from '../../test/support/wallProcess';


/**
 * How fast a change made in one window reaches the others (the foundation's
 * promise: within 100 ms), and how long the demo history takes on first start.
 *  - socket: one WebSocket client creates a case, another receives the event.
 *  - ui: the queue window's form is submitted; the case number appears in the
 *    video window's DOM and the map window's count changes (Chromium).
 */
export async function syncBench() {
  const history = await historyTimes(3);
  const wall = await startWallProcess();
  try {
    const socket = await socketLatencies(wall.urls.queue, Number(process.env.GRIDWALL_BENCH_SAMPLES ?? 300));
    const ui = await uiLatencies(wall.urls, Number(process.env.GRIDWALL_BENCH_SAMPLES ?? 40));
    return {
      socket_samples: socket.length,
      socket_p50_ms: round(median(socket)),
      socket_p95_ms: round(percentile(socket, 95)),
      ui_samples: ui.video.length,
      ui_to_video_p50_ms: round(median(ui.video)),
      ui_to_video_p95_ms: round(percentile(ui.video, 95)),
      ui_to_map_p50_ms: round(median(ui.map)),
      ui_to_map_p95_ms: round(percentile(ui.map, 95)),
      keypress_to_other_window_p50_ms: round(median(ui.keypress)),
      keypress_to_other_window_p95_ms: round(percentile(ui.keypress, 95)),
      history_cases: history.cases,
      history_ms_median: round(median(history.ms), 0),
    };
  } finally {
    await wall.stop();
  }
}

async function historyTimes(runs: number): Promise<{ cases: number; ms: number[] }> {
  const ms: number[] = [];
  let cases = 0;
  for (let run = 0; run < runs; run++) {
    const dir = tempDir();
    const started = performance.now();
    const core = createCore({ dbPath: join(dir.path, 'history.db'), resourcesDir, demo: { seed: 20261126, historyDays: 183, historyPerDay: 95, feedRatePerMinute: 0 }, logger: silentLogger });
    ms.push(performance.now() - started);
    const session = { connectionId: 'bench', role: 'queue', audience: 'operator', locale: 'en' } as const;
    const answer = await core.handle(session, { id: 1, name: 'cases.query', args: { statuses: [...caseStatuses], limit: 1 } });
    cases = answer.ok ? (answer.value as { total: number }).total : 0;
    core.close();
    dir.remove();
  }
  return { cases, ms };
}

async function socketLatencies(queueUrl: string, samples: number): Promise<number[]> {
  const page = new URL(queueUrl);
  const socketUrl = (role: string) => `ws://${page.host}/ws?role=${role}&token=${page.searchParams.get('token')}`;
  const open = (role: string) => new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(socketUrl(role));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  const [creator, watcher] = await Promise.all([open('queue'), open('video')]);
  // Only a signed-in console may register cases.
  await new Promise<void>((resolve) => {
    creator.once('message', () => resolve());
    creator.send(JSON.stringify({ id: 0, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } }));
  });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const seen = new Promise<void>((resolve) => {
      const listener = (data: WebSocket.RawData) => {
        if ((JSON.parse(String(data)) as ServerMessage).type !== 'event') return;
        watcher.off('message', listener);
        resolve();
      };
      watcher.on('message', listener);
    });
    const started = performance.now();
    creator.send(JSON.stringify({ id: i + 1, name: 'case.create', args: { description: `基准测试案件 ${i}`, categoryCode: '20101', sourceId: 'street', lngLat: [121.4605, 31.2602] } }));
    await seen;
    latencies.push(performance.now() - started);
  }
  creator.close();
  watcher.close();
  return latencies;
}

/**
 * Two scenarios, one after the other: the wall of the foundation issue
 * (queue, video, map) for "registered in one window, shown in the others";
 * then two queue windows side by side for "a key pressed in one, the
 * change shown in the other".
 */
async function uiLatencies(urls: WallUrls, samples: number): Promise<{ video: number[]; map: number[]; keypress: number[] }> {
  const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
  try {
    const open = async (url: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
      await page.goto(url);
      await page.locator('.link-open').waitFor();
      return page;
    };
    const queue = await open(urls.queue);
    await queue.getByRole('button', { name: '签入' }).click();
    await queue.getByLabel('密码').fill('111111');
    await queue.getByLabel('密码').press('Enter');
    await queue.getByTestId('operator').waitFor();
    await queue.evaluate(`document.addEventListener('submit', () => { window.submittedAt = Date.now(); }, true)`);
    await queue.evaluate(`document.addEventListener('keydown', (event) => { if (event.key === 'r') window.keyAt = Date.now(); }, true)`);

    /** Registers a case through the form; returns its number (the case stays selected). */
    const report = async (i: number) => {
      await queue.getByRole('button', { name: '新建案件' }).click();
      const form = queue.getByRole('form');
      await form.getByLabel('问题描述').fill(`界面基准测试案件 ${i}`);
      await form.getByLabel('类别').selectOption('20101');
      await form.getByLabel('来源').selectOption('video');
      await form.getByLabel('地点').selectOption({ index: 1 + (i % 10) });
      await form.getByRole('button', { name: '登记案件' }).click();
      const notice = queue.getByRole('status').filter({ hasText: '已登记' });
      await notice.waitFor();
      return (await notice.innerText()).match(/\d{8}-\d{4}/)![0];
    };

    const [video, map] = [await open(urls.video), await open(urls.map)];
    await map.locator('[data-ready="true"]').waitFor();
    await watchFirstAppearance(video, '[data-case-number]', 'caseNumber');
    await watchFirstAppearance(map, '[data-testid="open-count"]', 'text');
    const video_: number[] = [];
    const map_: number[] = [];
    for (let i = 0; i < samples; i++) {
      const number = await report(i);
      const submittedAt = (await queue.evaluate('window.submittedAt')) as number;
      await video.locator(`[data-case-number="${number}"]`).waitFor();
      const count = await map.getByTestId('open-count').innerText();
      video_.push((await firstSeen(video, number)) - submittedAt);
      map_.push((await firstSeen(map, count)) - submittedAt);
    }
    await video.context().close();
    await map.context().close();

    // The second queue window lists the newest first, so each new case is on its screen.
    const otherQueue = await open(urls.queue);
    await otherQueue.getByLabel('sort').selectOption('newest');
    await watchStatusChanges(otherQueue);
    const keypress: number[] = [];
    for (let i = 0; i < samples; i++) {
      const number = await report(samples + i);
      await otherQueue.locator(`[data-case-number="${number}"]`).waitFor();
      await queue.locator('body').press('r');
      await otherQueue.locator(`[data-case-number="${number}"][data-status="registered"]`).waitFor();
      const keyAt = (await queue.evaluate('window.keyAt')) as number;
      keypress.push(((await otherQueue.evaluate(`window.registeredAt[${JSON.stringify(number)}]`)) as number) - keyAt);
    }
    return { video: video_, map: map_, keypress };
  } finally {
    await browser.close();
  }
}

/** Records when each case row first shows a status (window.<status>At[number]). */
export function watchStatusChanges(page: Page, status = 'registered'): Promise<void> {
  return page.evaluate(`(() => {
    const seenAt = {};
    window[${JSON.stringify(`${status}At`)}] = seenAt;
    new MutationObserver(() => {
      const now = Date.now();
      for (const row of document.querySelectorAll('[data-status="${status}"][data-case-number]')) {
        if (!(row.dataset.caseNumber in seenAt)) seenAt[row.dataset.caseNumber] = now;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  })()`);
}

async function firstSeen(page: Page, key: string): Promise<number> {
  return (await page.evaluate(`window.firstSeen[${JSON.stringify(key)}]`)) as number;
}

/**
 * Records in the page when each key (a case number, a count's text) is first
 * on screen. Sent as source text: tsx would otherwise wrap the function in
 * helpers that do not exist in the page.
 */
function watchFirstAppearance(page: Page, selector: string, key: 'caseNumber' | 'text'): Promise<void> {
  return page.evaluate(`(() => {
    const firstSeen = {};
    window.firstSeen = firstSeen;
    const mark = () => {
      const now = Date.now();
      for (const element of document.querySelectorAll(${JSON.stringify(selector)})) {
        const value = ${key === 'text' ? 'element.textContent' : 'element.dataset.caseNumber'};
        if (!(value in firstSeen)) firstSeen[value] = now;
      }
    };
    mark();
    new MutationObserver(mark).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}
