import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialTileHealth,
  maxRetryDelayMs,
  minRetryDelayMs,
  nextRetryDelayMs,
  retryDelayBoundsMs,
  tileHealthStep,
  type TileEvent,
  type TileHealth,
} from '../../shared/video/backoff';

describe('nextRetryDelayMs', () => {
  it('grows 1–2 s, 2–4 s, 4–8 s, 8–16 s, then 15–30 s for ever', () => {
    expect([1, 2, 3, 4, 5, 6, 100].map(retryDelayBoundsMs)).toEqual([
      { minMs: 1000, maxMs: 2000 },
      { minMs: 2000, maxMs: 4000 },
      { minMs: 4000, maxMs: 8000 },
      { minMs: 8000, maxMs: 16000 },
      { minMs: 15000, maxMs: 30000 },
      { minMs: 15000, maxMs: 30000 },
      { minMs: 15000, maxMs: 30000 },
    ]);
    expect(nextRetryDelayMs(1, 0)).toBe(1000);
    expect(nextRetryDelayMs(1, 0.5)).toBe(1500);
    expect(nextRetryDelayMs(3, 0.999999)).toBe(8000);
  });

  it('always lies in [1 s, 30 s] and in its attempt window, whatever it is given', () => {
    const attempt = fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double(), fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN));
    const random = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double(), fc.constantFrom(Number.NaN, -1, 2));
    fc.assert(
      fc.property(attempt, random, (n, r) => {
        const delay = nextRetryDelayMs(n, r);
        expect(delay).toBeGreaterThanOrEqual(minRetryDelayMs);
        expect(delay).toBeLessThanOrEqual(maxRetryDelayMs);
        const { minMs, maxMs } = retryDelayBoundsMs(n);
        expect(delay).toBeGreaterThanOrEqual(minMs);
        expect(delay).toBeLessThanOrEqual(maxMs);
      }),
    );
  });

  it('never lowers its window as attempts grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 50 }), (n, more) => {
        const now = retryDelayBoundsMs(n);
        const later = retryDelayBoundsMs(n + more);
        expect(later.maxMs).toBeGreaterThanOrEqual(now.maxMs);
        expect(later.minMs).toBeGreaterThanOrEqual(now.minMs);
      }),
    );
  });

  it('spreads 24 cameras failing together over the window instead of one storm', () => {
    // A deterministic spread of random draws, as Math.random would give.
    const delays = Array.from({ length: 24 }, (_, index) => nextRetryDelayMs(5, (index * 0.618034) % 1));
    const sameSecond = new Map<number, number>();
    for (const delay of delays) sameSecond.set(Math.floor(delay / 1000), (sameSecond.get(Math.floor(delay / 1000)) ?? 0) + 1);
    expect(Math.max(...sameSecond.values())).toBeLessThanOrEqual(3);
  });
});

describe('tileHealthStep', () => {
  const step = (state: TileHealth, event: TileEvent, now: number) => tileHealthStep(state, event, now);

  it('connects, goes live, buffers and recovers', () => {
    let state = initialTileHealth;
    state = step(state, { type: 'manifestLoaded' }, 100);
    expect(state).toEqual({ kind: 'connecting', attempt: 0, lastFrameAtMs: null });
    state = step(state, { type: 'frameAdvanced' }, 900);
    expect(state).toEqual({ kind: 'live', lastFrameAtMs: 900 });
    state = step(state, { type: 'stalled' }, 5000);
    expect(state).toEqual({ kind: 'buffering', sinceMs: 5000, lastFrameAtMs: 900 });
    state = step(state, { type: 'frameAdvanced' }, 6000);
    expect(state).toEqual({ kind: 'live', lastFrameAtMs: 6000 });
  });

  it('backs off after fatal errors and counts recovery only at a new frame', () => {
    let state: TileHealth = { kind: 'live', lastFrameAtMs: 1000 };
    state = step(state, { type: 'error', fatal: false }, 2000);
    expect(state.kind).toBe('live');
    state = step(state, { type: 'error', fatal: true, random01: 0 }, 2000);
    expect(state).toEqual({ kind: 'reconnecting', attempt: 1, nextRetryAtMs: 3000, lastFrameAtMs: 1000 });
    // More errors do not bring the retry forward; the timer firing early does nothing.
    expect(step(state, { type: 'error', fatal: true }, 2500)).toBe(state);
    expect(step(state, { type: 'retryDue' }, 2999)).toBe(state);
    state = step(state, { type: 'retryDue' }, 3000);
    expect(state).toEqual({ kind: 'connecting', attempt: 1, lastFrameAtMs: 1000 });
    // The manifest loads but the stream fails again: attempt 2, a longer wait.
    state = step(state, { type: 'manifestLoaded' }, 3100);
    state = step(state, { type: 'error', fatal: true, random01: 0 }, 3200);
    expect(state).toEqual({ kind: 'reconnecting', attempt: 2, nextRetryAtMs: 5200, lastFrameAtMs: 1000 });
    state = step(step(state, { type: 'retryDue' }, 5200), { type: 'frameAdvanced' }, 6000);
    expect(state).toEqual({ kind: 'live', lastFrameAtMs: 6000 });
    // Recovered: the next failure starts again at attempt 1.
    expect(step(state, { type: 'error', fatal: true, random01: 0 }, 7000)).toMatchObject({ attempt: 1 });
  });

  it('goes offline on an error not worth retrying, until the source is back', () => {
    let state: TileHealth = { kind: 'connecting', attempt: 0, lastFrameAtMs: null };
    state = step(state, { type: 'error', fatal: true, retryable: false }, 100);
    expect(state).toEqual({ kind: 'offline', lastFrameAtMs: null });
    expect(step(state, { type: 'retryDue' }, 10_000)).toBe(state);
    expect(step(state, { type: 'error', fatal: true }, 10_000)).toBe(state);
    state = step(state, { type: 'sourceBack' }, 20_000);
    expect(state).toEqual({ kind: 'connecting', attempt: 0, lastFrameAtMs: null });
  });

  it('flags a frozen picture and clears the flag when frames move again', () => {
    let state: TileHealth = { kind: 'live', lastFrameAtMs: 1000 };
    state = step(state, { type: 'frameCheck', lastFrameAtMs: 1000, frozenAfterMs: 5000 }, 5999);
    expect(state.kind).toBe('live');
    state = step(state, { type: 'frameCheck', lastFrameAtMs: 1000, frozenAfterMs: 5000 }, 6000);
    expect(state).toEqual({ kind: 'frozen', sinceMs: 1000, lastFrameAtMs: 1000 });
    expect(step(state, { type: 'stalled' }, 7000)).toBe(state);
    state = step(state, { type: 'frameCheck', lastFrameAtMs: 8000, frozenAfterMs: 5000 }, 8100);
    expect(state).toEqual({ kind: 'live', lastFrameAtMs: 8000 });
    // A long stall is a frozen picture too; a tile still connecting is not.
    expect(step({ kind: 'buffering', sinceMs: 2000, lastFrameAtMs: 1000 }, { type: 'frameCheck', lastFrameAtMs: 1000, frozenAfterMs: 5000 }, 9000).kind).toBe('frozen');
    expect(step({ kind: 'connecting', attempt: 0, lastFrameAtMs: null }, { type: 'frameCheck', lastFrameAtMs: 0, frozenAfterMs: 5000 }, 9000).kind).toBe('connecting');
  });

  it('keeps reconnect waits within the backoff bounds over any event sequence', () => {
    const event: fc.Arbitrary<TileEvent> = fc.oneof(
      fc.constant({ type: 'manifestLoaded' } as const),
      fc.constant({ type: 'frameAdvanced' } as const),
      fc.constant({ type: 'stalled' } as const),
      fc.record({ type: fc.constant('error' as const), fatal: fc.boolean(), retryable: fc.boolean(), random01: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
      fc.constant({ type: 'retryDue' } as const),
      fc.constant({ type: 'sourceBack' } as const),
      fc.record({ type: fc.constant('frameCheck' as const), lastFrameAtMs: fc.nat(100_000), frozenAfterMs: fc.integer({ min: 1000, max: 10_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.nat(40_000)), { maxLength: 60 }), (events) => {
        let state = initialTileHealth;
        let now = 0;
        for (const [each, gap] of events) {
          now += gap;
          const next = tileHealthStep(state, each, now);
          if (next.kind === 'reconnecting' && next !== state) {
            const wait = next.nextRetryAtMs - now;
            expect(wait).toBeGreaterThanOrEqual(retryDelayBoundsMs(next.attempt).minMs);
            expect(wait).toBeLessThanOrEqual(maxRetryDelayMs);
            expect(next.attempt).toBeGreaterThanOrEqual(1);
          }
          state = next;
        }
      }),
    );
  });
});
