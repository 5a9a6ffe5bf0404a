import Database from 'better-sqlite3';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Case } from '../../shared/domain/case';
import { CameraSchema, type Camera } from '../../shared/video/camera';
import { demoSlotPlan } from '../../shared/video/slots';
import { initialWallState, type WallState } from '../../shared/wall/wallState';
import { DisposableStore } from '../../electron/core/runtime/disposables';
import { createVideoWall } from '../../electron/core/services/videoWall';
import type { WallService } from '../../electron/core/services/wallService';
import { createCore } from '../../electron/core/core';
import { resourcesDir, startTestCore, tempDir } from '../support/testCore';

/**
 * Errors nobody asked for are logged and contained: a throwing listener does
 * not fail a committed command, a throwing timer does not stop the wall, and
 * a start that fails half-way leaves nothing running or open.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  vi.useRealTimers();
});

describe('unexpected errors', () => {
  it('a throwing event listener neither fails the committed command nor keeps the event from the other listeners', async () => {
    const test = startTestCore();
    cleanups.push(() => test.close());
    await test.ready;
    test.core.subscribe(() => {
      throw new Error('a broken window host');
    });
    const heard: number[] = [];
    test.core.subscribe((message) => heard.push(message.seq));
    const created = await test.request('case.create', { description: '天目西路井盖缺失', categoryCode: '20101', sourceId: 'street' });
    expect(created.ok).toBe(true);
    expect(heard.length).toBeGreaterThan(0);
    const db = new Database(test.dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get((created as { value: Case }).value.id)).toEqual({ n: 1 });
    db.close();
    expect(test.logs.some((line) => line.event === 'unexpected' && String(line.where).startsWith('event listener'))).toBe(true);
    // And the core keeps serving.
    expect((await test.request('session.hello', {})).ok).toBe(true);
  });

  it('a video wall timer that throws is reported, and the wall keeps waking and switching', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 26, 19, 58, 0) }); // 03:58 in Shanghai, two minutes before the dawn slot
    const cameras: Camera[] = (JSON.parse(readFileSync(join(resourcesDir, 'demo', 'cameras.json'), 'utf8')) as unknown[]).map((camera) => CameraSchema.parse(camera));
    let broken = false;
    const reported: string[] = [];
    let state: WallState = { ...initialWallState };
    let video: ReturnType<typeof createVideoWall> | null = null;
    const wall = {
      get state() {
        if (broken) throw new Error('settings unreadable');
        return state;
      },
      change(next: Partial<WallState>) {
        state = { ...state, ...next };
        video?.wallChanged();
        return state;
      },
    } as WallService;
    video = createVideoWall({
      cameras: () => cameras,
      wall,
      plan: demoSlotPlan(cameras),
      clock: () => Date.now(),
      announce: () => {},
      audit: () => {},
      onUnexpected: (_error, where) => reported.push(where),
    });
    cleanups.push(() => video!.close());
    expect(video.state.slot.id).toBe('night');
    broken = true;
    vi.advanceTimersByTime(60_000);
    expect(reported).toContain('video wall timer');
    broken = false;
    vi.advanceTimersByTime(2 * 60_000);
    expect(video.state.slot.id).toBe('dawn');
  });

  it('a start that fails half-way closes what it opened', () => {
    const disposed: string[] = [];
    const store = new DisposableStore();
    store.add('database', 'db', () => disposed.push('database'));
    store.add('timer', 'timer', () => {
      throw new Error('already stopped');
    });
    store.add('feed', 'feed', () => disposed.push('feed'));
    expect(store.dispose().map((failure) => failure.name)).toEqual(['timer']);
    expect(disposed).toEqual(['feed', 'database']);
    expect(() => store.add('late', 'late', () => disposed.push('late'))).toThrow(/after the core was stopped/);
    expect(disposed).toContain('late');

    // A room whose video plan is refused stops the start after the database was opened and written: it is closed
    // again (a cleanly closed SQLite database leaves no write-ahead log behind), and a retry with a good plan starts.
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const room = join(dir.path, 'room');
    cpSync(join(resourcesDir, 'demo'), room, { recursive: true });
    writeFileSync(join(room, 'videoPlan.json'), JSON.stringify({ slots: [{ id: 'all-day', start: '00:00', layout: '9', screens: { '1': 'no-such-camera' } }] }));
    const options = { dbPath: join(dir.path, 'half.db'), resourcesDir, referenceDir: room, demo: { seed: 1, historyDays: 1, historyPerDay: 5, feedRatePerMinute: 0 } };
    expect(() => createCore(options)).toThrow(/videoPlan\.json/);
    expect(existsSync(`${options.dbPath}-wal`)).toBe(false);
    rmSync(join(room, 'videoPlan.json'));
    const retried = createCore(options);
    retried.close();
  });
});
