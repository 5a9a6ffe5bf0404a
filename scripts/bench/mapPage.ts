import type { Page } from '@playwright/test';
import type { MapProbe } from '../../renderer/src/map/mapProbe';

/**
 * What the map benchmark measures inside the page, on the page's own clock:
 * when a case event arrives on the socket and when the map has drawn it,
 * how long a density switch takes to reach the screen, and the frame times
 * of a pan. Installed before the page loads (events are counted from the
 * first one).
 */
export const recordCaseEvents = `(() => {
  const Real = window.WebSocket;
  window.__eventAt = {};
  window.WebSocket = class extends Real {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (message) => {
        const at = performance.now();
        if (typeof message.data !== 'string' || !message.data.includes('case.changed')) return;
        try {
          const parsed = JSON.parse(message.data);
          if (parsed.type === 'event' && parsed.event.event === 'case.changed') window.__eventAt[parsed.event.payload.case.id] = at;
        } catch {}
      });
    }
  };
})()`;

type Window = { gridwallMap: MapProbe; __eventAt: Record<number, number>; __drawnAt: Record<number, number>; gridwallDensity: { appliedAt: number } };

/** Resolves when the map is drawn and idle (its `data-ready` says only that the map can take its layers). */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { gridwallMap?: MapProbe }).gridwallMap?.idle() === true, null, { timeout: 30_000 });
}

/** From now on, notes when each case's change is on screen: its diff taken in by the source, then the next frame drawn. */
export async function watchDrawnCases(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Window;
    w.__drawnAt = {};
    const probe = w.gridwallMap;
    let waiting: number[] = [];
    probe.onSourceLoaded('cases', () => {
      const pending = Object.keys(w.__eventAt).map(Number).filter((id) => w.__drawnAt[id] === undefined && probe.caseShown(id));
      if (pending.length === 0) return;
      waiting = [...waiting, ...pending];
      const stop = probe.onRender(() => {
        stop();
        const at = performance.now();
        for (const id of waiting) w.__drawnAt[id] ??= at;
        waiting = [];
      });
    });
  });
}

/** Event → drawn, per case the page saw (ms). */
export async function drawLatencies(page: Page, ids: readonly number[]): Promise<number[]> {
  return page.evaluate((wanted) => {
    const w = window as unknown as Window;
    return wanted.flatMap((id) => (w.__drawnAt[id] !== undefined && w.__eventAt[id] !== undefined ? [w.__drawnAt[id]! - w.__eventAt[id]!] : []));
  }, ids);
}

/** Presses a key (a density slot) and returns the time until the layer applied it and the next frame was drawn. */
export async function timedSwitch(page: Page, act: 'key' | 'category', value: string): Promise<number> {
  return page.evaluate(
    ([kind, choice]) =>
      new Promise<number>((resolve) => {
        const w = window as unknown as Window;
        const started = performance.now();
        const stop = w.gridwallMap.onRender(() => {
          if (w.gridwallDensity.appliedAt < started) return;
          stop();
          resolve(performance.now() - started);
        });
        if (kind === 'key') {
          window.dispatchEvent(new KeyboardEvent('keydown', { key: choice, code: `Digit${choice}`, bubbles: true }));
        } else {
          const select = document.querySelector<HTMLSelectElement>('[data-testid="density-category"]')!;
          const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
          setValue.call(select, choice);
          select.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }),
    [act, value] as const,
  );
}

/** Frame times (ms between drawn frames) while the map pans back and forth. */
export async function panFrames(page: Page, pans: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const w = window as unknown as Window;
    const frames: number[] = [];
    let last = 0;
    const stop = w.gridwallMap.onRender(() => {
      const at = performance.now();
      if (last) frames.push(at - last);
      last = at;
    });
    for (let index = 0; index < count; index++) {
      last = 0;
      await w.gridwallMap.panBy(index % 2 ? -300 : 300, index % 2 ? -120 : 120, 1_000);
    }
    stop();
    return frames;
  }, pans);
}
