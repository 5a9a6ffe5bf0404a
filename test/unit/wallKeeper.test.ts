import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/core/runtime/logger';
import { createWallKeeper, type FailureNotice, type WindowHooks } from '../../electron/app/wallKeeper';
import type { DisplayInfo, WindowPlacement } from '../../shared/wall/placement';
import { proposeProfile, type WallWindowSpec } from '../../shared/wall/profile';
import { setPresentation } from '../../shared/wall/setup';

/**
 * The shell's window keeper with stand-in windows and fake timers: what the
 * room would see when displays come and go and pages crash or hang.
 */
interface FakeWindow {
  spec: WallWindowSpec;
  placement: WindowPlacement;
  failure: FailureNotice | null;
  hooks: WindowHooks;
  closed: boolean;
  pings: number;
  /** The page answers pings while it is alive and not hung. */
  hung: boolean;
}

const display = (id: number, x: number, primary = false): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
  label: `Monitor ${id}`,
  ...(primary ? { primary } : {}),
});
const wall = [display(1, 0), display(2, 1920), display(3, 3840, true)];

function setUp() {
  const windows: FakeWindow[] = [];
  const log: Record<string, unknown>[] = [];
  const keeper = createWallKeeper({
    logger: createLogger((line) => log.push(JSON.parse(line) as Record<string, unknown>)),
    opener: {
      open(spec, placement, hooks, failure) {
        const window: FakeWindow = { spec, placement, failure, hooks, closed: false, pings: 0, hung: false };
        windows.push(window);
        return {
          place: (next) => (window.placement = next),
          ping: () => {
            window.pings += 1;
            if (!window.hung && !window.closed) hooks.answered();
          },
          close: () => (window.closed = true),
        };
      },
    },
  });
  const open = () => windows.filter((window) => !window.closed);
  const of = (key: string) => {
    const found = open().filter((window) => window.spec.key === key);
    expect(found, `one open window for ${key}`).toHaveLength(1);
    return found[0]!;
  };
  const loadAll = () => open().forEach((window) => window.hooks.loaded(window.failure ? 'failed.html' : `${window.spec.role}.html`));
  return { keeper, windows, log, open, of, loadAll };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the window keeper', () => {
  it('opens every window of the profile where the plan puts it, the visitors\' window for the public', () => {
    const { keeper, open, of } = setUp();
    keeper.start(setPresentation(proposeProfile(wall), true, wall), wall);
    expect(open().map((window) => window.spec.key)).toEqual(['video-1', 'map', 'queue', 'presentation']);
    expect(of('queue').placement).toMatchObject({ displayId: 3, mode: 'fullscreen' });
    // Added without a display of its own, the visitors' window shares the leftmost until the director moves it.
    expect(of('presentation').placement).toMatchObject({ displayId: 1, mode: 'tiled' });
    expect(of('presentation').spec.audience).toBe('public');
    keeper.stop();
    expect(open()).toHaveLength(0);
  });

  it('moves windows within 2 s when a display goes, once per burst of changes, and back when it returns — without reloading them', async () => {
    const { keeper, windows, of, log } = setUp();
    keeper.start(proposeProfile(wall), wall);
    const opened = windows.length;
    // Unplugging sends several changes in a row.
    keeper.displaysChanged([wall[0]!, wall[2]!]);
    keeper.displaysChanged([wall[0]!, wall[2]!]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(of('map').placement).toMatchObject({ displaced: true });
    expect(of('map').placement.displayId).not.toBe(2);
    expect(log.filter((entry) => entry.event === 'window.moved' && entry.window === 'map')).toHaveLength(1);

    keeper.displaysChanged(wall);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(of('map').placement).toMatchObject({ displayId: 2, displaced: false, mode: 'kiosk' });
    expect(windows).toHaveLength(opened);
    keeper.stop();
  });

  it('re-creates a crashed window on its display, in its role, within 5 s, and logs why', async () => {
    const { keeper, of, loadAll, log } = setUp();
    keeper.start(proposeProfile(wall), wall);
    loadAll();
    const before = of('map');
    before.hooks.gone('crashed');
    await vi.advanceTimersByTimeAsync(5_000);
    const after = of('map');
    expect(after).not.toBe(before);
    expect(before.closed).toBe(true);
    expect(after.spec).toEqual(before.spec);
    expect(after.placement).toEqual(before.placement);
    expect(after.failure).toBeNull();
    expect(log.find((entry) => entry.event === 'window.failed')).toMatchObject({ window: 'map', reason: 'crashed', displayId: 2 });
    expect(log.find((entry) => entry.event === 'window.recreated')).toMatchObject({ window: 'map', reason: 'crashed' });
    keeper.stop();
  });

  it('notices a page that stops answering and re-creates it within 5 s of its last answer', async () => {
    const { keeper, of, loadAll, log } = setUp();
    keeper.start(proposeProfile(wall), wall);
    loadAll();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(of('video-1').pings).toBeGreaterThan(5);
    const hung = of('video-1');
    hung.hung = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(hung.closed).toBe(true);
    expect(of('video-1')).not.toBe(hung);
    expect(log.find((entry) => entry.event === 'window.failed')).toMatchObject({ window: 'video-1', reason: 'hung' });
    // The other windows kept answering and were left alone.
    expect(log.filter((entry) => entry.event === 'window.failed')).toHaveLength(1);
    keeper.stop();
  });

  it('after repeated crashes in a short time shows the plain page with the reason instead of looping, and tries again later', async () => {
    const { keeper, of, windows, loadAll, log } = setUp();
    keeper.start(proposeProfile(wall), wall);
    for (let crash = 0; crash < 4; crash += 1) {
      loadAll();
      of('queue').hooks.gone('oom');
      await vi.advanceTimersByTimeAsync(3_000);
    }
    const failed = of('queue');
    expect(failed.failure).toMatchObject({ reason: 'oom', failures: 4 });
    expect(failed.placement.displayId).toBe(3);
    const count = windows.length;
    // The failure page is not watched or re-created: nothing loops.
    failed.hooks.loaded('failed.html');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(windows.length).toBe(count);
    expect(log.find((entry) => entry.event === 'window.gaveUp')).toMatchObject({ window: 'queue', reason: 'oom', failures: 4 });

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(of('queue').failure).toBeNull();
    expect(log.some((entry) => entry.event === 'window.retry')).toBe(true);
    keeper.stop();
  });

  it('ignores what a replaced window still reports', async () => {
    const { keeper, of, loadAll, windows } = setUp();
    keeper.start(proposeProfile(wall), wall);
    loadAll();
    const first = of('map');
    first.hooks.gone('crashed');
    await vi.advanceTimersByTimeAsync(3_000);
    const count = windows.length;
    first.hooks.gone('crashed');
    first.hooks.unresponsive();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(windows.length).toBe(count);
    keeper.stop();
  });

  it('opens nothing once stopped (the app is quitting), whatever the displays do', async () => {
    const { keeper, windows } = setUp();
    keeper.start(proposeProfile(wall), wall);
    const opened = windows.length;
    keeper.displaysChanged([wall[0]!]);
    keeper.stop();
    keeper.displaysChanged(wall);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(windows.length).toBe(opened);
    expect(windows.every((window) => window.closed)).toBe(true);
  });

  it('opens and closes windows when the director saves a profile with more or fewer of them', () => {
    const { keeper, open } = setUp();
    const profile = proposeProfile(wall);
    keeper.start(profile, wall);
    keeper.applyProfile(setPresentation(profile, true, wall));
    expect(open().map((window) => window.spec.key)).toContain('presentation');
    keeper.applyProfile(profile);
    expect(open().map((window) => window.spec.key)).not.toContain('presentation');
    keeper.stop();
  });
});

describe('the failure page', () => {
  it('"try again" brings the page back at once and the keeper watches it again', async () => {
    const { keeper, of, loadAll, log } = setUp();
    keeper.start(proposeProfile(wall), wall);
    for (let crash = 0; crash < 4; crash += 1) {
      loadAll();
      of('map').hooks.gone('crashed');
      await vi.advanceTimersByTimeAsync(3_000);
    }
    const failed = of('map');
    failed.hooks.loaded('failed.html');
    // The page's "try again" navigates the same window back to the map.
    failed.hooks.loaded('map.html');
    expect(log.find((entry) => entry.event === 'window.retry')).toMatchObject({ window: 'map', byHand: true });
    const pings = failed.pings;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(failed.pings).toBeGreaterThan(pings);
    // No timed retry replaces it later.
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    expect(of('map')).toBe(failed);
    keeper.stop();
  });
});
