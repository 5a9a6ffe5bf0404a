import { expect, test } from 'vitest';
import { TileWatch, type TileClocks } from '../../renderer/src/video/tileWatch';

/**
 * The two clocks a tile reads, stepped by hand: time passing moves both; an
 * NTP correction moves only the wall clock (backwards, here, by an hour).
 */
function roomClocks() {
  let monotonic = 10_000;
  let wall = Date.UTC(2026, 11, 5, 20, 19); // 04:19 in Beijing
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clocks: TileClocks = {
    monotonicMs: () => monotonic,
    wallMs: () => wall,
    setTimeout(callback, delayMs) {
      timers.set(nextHandle, { at: monotonic + delayMs, callback });
      return nextHandle++;
    },
    clearTimeout: (handle) => void timers.delete(handle),
    random01: () => 0.5,
  };
  return {
    clocks,
    get wall() {
      return wall;
    },
    /** Seconds pass; each second the due timers fire and the tile's once-a-second check runs. */
    seconds(count: number, everySecond: () => void = () => undefined) {
      for (let second = 0; second < count; second++) {
        monotonic += 1_000;
        wall += 1_000;
        for (const [handle, timer] of [...timers]) {
          if (timer.at > monotonic) continue;
          timers.delete(handle);
          timer.callback();
        }
        everySecond();
      }
    },
    stepWallClock(byMs: number) {
      wall += byMs;
    },
  };
}

/** A tile's watch with a player that only records what it is told to do. */
function watchedTile(clocks: TileClocks) {
  const player: string[] = [];
  const watch: TileWatch = new TileWatch(
    {
      stop: (reason) => player.push(`stop:${reason}`),
      restart: () => {
        player.push('restart');
        watch.connected();
      },
    },
    clocks,
  );
  watch.connected();
  return { watch, player };
}

/** What the tile's label says, in the shape the tile reads it. */
const label = (watch: TileWatch) => {
  const { health, retryInS } = watch.snapshot;
  return health.kind === 'reconnecting' ? `reconnecting #${health.attempt} in ${retryInS} s` : health.kind === 'connecting' ? `connecting #${health.attempt}` : health.kind;
};

test('a wall clock stepped back an hour does not leave a tile reconnecting for ever: it retries on time and comes back', () => {
  const room = roomClocks();
  const { watch, player } = watchedTile(room.clocks);
  const tick = () => watch.tick(true, new Date(room.wall - 2_000));
  room.seconds(1);
  watch.frameArrived();
  room.seconds(3, () => {
    watch.frameArrived();
    tick();
  });
  expect(label(watch)).toBe('live');
  expect(watch.snapshot.latencyS).toBe(2);

  // NTP corrects the room's clock by an hour, backwards; at the same moment the camera stops sending.
  room.stepWallClock(-3_600_000);
  room.seconds(8, tick);
  expect(player).toEqual([]);
  room.seconds(1, tick);
  // Eight seconds without a frame, by the clock that only moves forward: the watchdog reconnects.
  expect(player).toEqual(['stop:noPicture']);
  expect(label(watch)).toBe('reconnecting #1 in 2 s');

  room.seconds(2, tick);
  expect(player).toEqual(['stop:noPicture', 'restart']);
  expect(label(watch)).toBe('connecting #1');

  // The camera is still dark: the new connection gets its own eight seconds, then the next, longer wait.
  room.seconds(9, tick);
  expect(player).toEqual(['stop:noPicture', 'restart', 'stop:timeout']);
  expect(label(watch)).toBe('reconnecting #2 in 3 s');
  room.seconds(3, tick);
  watch.frameArrived();
  expect(label(watch)).toBe('live');
});

test('a wall clock stepped forward does not freeze a live tile; only the latency, a real-time comparison, reads it', () => {
  const room = roomClocks();
  const { watch, player } = watchedTile(room.clocks);
  const cameraStamp = () => new Date(room.wall - 2_000);
  room.seconds(2, () => {
    watch.frameArrived();
    watch.tick(true, cameraStamp());
  });
  const stampBeforeStep = cameraStamp();
  room.stepWallClock(3_600_000);
  // Each second the check comes first, a second after the last frame, then the next frame.
  const shown = new Set<string>();
  room.seconds(10, () => {
    watch.tick(true, stampBeforeStep);
    shown.add(`${label(watch)}, frame ${watch.snapshot.frameAgeS} s old`);
    watch.frameArrived();
  });
  expect([...shown]).toEqual(['live, frame 1 s old']);
  expect(player).toEqual([]);
  // The picture's own time against the (now corrected) wall clock: this is what latency means.
  expect(watch.snapshot.latencyS).toBeGreaterThan(3_600);
});

test('media recovery is tried at most once per five seconds of real elapsed time, whatever the wall clock does', () => {
  const room = roomClocks();
  const { watch } = watchedTile(room.clocks);
  expect(watch.mayRecoverMedia()).toBe(true);
  room.stepWallClock(-60_000);
  room.seconds(5);
  expect(watch.mayRecoverMedia()).toBe(false);
  room.seconds(1);
  expect(watch.mayRecoverMedia()).toBe(true);
});
