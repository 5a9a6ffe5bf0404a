/**
 * A tile's connection health and its reconnect timing.
 *
 * Retries back off exponentially with "equal jitter": attempt n waits
 * between half and all of min(30 s, 2 s × 2^(n−1)), i.e. 1–2 s, 2–4 s,
 * 4–8 s, 8–16 s, then 15–30 s for ever. The random half spreads a wall of
 * 24 cameras that failed together (a gateway restart) over the window
 * instead of retrying in one storm; the fixed half keeps a camera that is
 * truly gone from being hammered. Every delay lies in [1 s, 30 s].
 *
 * Randomness is passed in (random01 in [0, 1)) so everything here stays pure
 * and testable; callers use Math.random().
 */

export const minRetryDelayMs = 1_000;
export const maxRetryDelayMs = 30_000;

/** The window attempt n (from 1) draws its delay from. Both ends never decrease as n grows. */
export function retryDelayBoundsMs(attempt: number): { minMs: number; maxMs: number } {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : attempt > 0 ? Number.MAX_SAFE_INTEGER : 1;
  const maxMs = Math.min(maxRetryDelayMs, 2 * minRetryDelayMs * 2 ** Math.min(n - 1, 30));
  return { minMs: maxMs / 2, maxMs };
}

/** The wait before retry number `attempt` (1 = the first retry). */
export function nextRetryDelayMs(attempt: number, random01: number): number {
  const { minMs, maxMs } = retryDelayBoundsMs(attempt);
  const random = Number.isFinite(random01) ? Math.min(1, Math.max(0, random01)) : 0.5;
  return Math.round(minMs + random * (maxMs - minMs));
}

// ---------------------------------------------------------------------------
// Tile health

export type TileHealth =
  /** Starting a stream; `attempt` is 0 the first time, n while retry n runs. */
  | { kind: 'connecting'; attempt: number; lastFrameAtMs: number | null }
  | { kind: 'live'; lastFrameAtMs: number }
  /** The player is waiting for data; the last picture is still up. */
  | { kind: 'buffering'; sinceMs: number; lastFrameAtMs: number }
  | { kind: 'reconnecting'; attempt: number; nextRetryAtMs: number; lastFrameAtMs: number | null }
  /** Given up until the source is reported back (e.g. a 4xx: the stream does not exist). */
  | { kind: 'offline'; lastFrameAtMs: number | null }
  /** The picture has not changed for too long: the alarm the room asks for. */
  | { kind: 'frozen'; sinceMs: number; lastFrameAtMs: number };

export type TileEvent =
  /** The playlist / stream header arrived. Not recovery yet: that is the first new frame. */
  | { type: 'manifestLoaded' }
  /** The picture advanced (a decoded frame, or currentTime moved). */
  | { type: 'frameAdvanced' }
  /** The player ran out of data. */
  | { type: 'stalled' }
  /**
   * A player error. Non-fatal ones the player recovers by itself; a fatal
   * one means a reconnect, unless `retryable` is false (a 4xx: retrying will
   * not help), which makes the tile offline.
   */
  | { type: 'error'; fatal: boolean; retryable?: boolean; random01?: number }
  /** The retry timer fired. */
  | { type: 'retryDue' }
  /** Someone (the gateway, an operator) says the source is back: connect now. */
  | { type: 'sourceBack' }
  /** A watchdog tick: when the player last showed a new frame, and how old is too old. */
  | { type: 'frameCheck'; lastFrameAtMs: number; frozenAfterMs: number };

export const initialTileHealth: TileHealth = { kind: 'connecting', attempt: 0, lastFrameAtMs: null };

/**
 * One step of a tile's health. Unlisted (state, event) pairs leave the state
 * as it is; the same object comes back, so a caller can skip a re-render.
 */
export function tileHealthStep(state: TileHealth, event: TileEvent, nowMs: number): TileHealth {
  switch (event.type) {
    case 'manifestLoaded':
      return state;
    case 'frameAdvanced':
      return { kind: 'live', lastFrameAtMs: nowMs };
    case 'stalled':
      return state.kind === 'live' ? { kind: 'buffering', sinceMs: nowMs, lastFrameAtMs: state.lastFrameAtMs } : state;
    case 'error': {
      if (!event.fatal || state.kind === 'offline') return state;
      if (event.retryable === false) return { kind: 'offline', lastFrameAtMs: state.lastFrameAtMs };
      // A reconnect already scheduled is not brought forward by more errors.
      if (state.kind === 'reconnecting') return state;
      const attempt = (state.kind === 'connecting' ? state.attempt : 0) + 1;
      return { kind: 'reconnecting', attempt, nextRetryAtMs: nowMs + nextRetryDelayMs(attempt, event.random01 ?? 0.5), lastFrameAtMs: state.lastFrameAtMs };
    }
    case 'retryDue':
      return state.kind === 'reconnecting' && nowMs >= state.nextRetryAtMs ? { kind: 'connecting', attempt: state.attempt, lastFrameAtMs: state.lastFrameAtMs } : state;
    case 'sourceBack':
      return state.kind === 'offline' || state.kind === 'reconnecting' ? { kind: 'connecting', attempt: 0, lastFrameAtMs: state.lastFrameAtMs } : state;
    case 'frameCheck': {
      const stale = nowMs - event.lastFrameAtMs >= event.frozenAfterMs;
      if ((state.kind === 'live' || state.kind === 'buffering') && stale) return { kind: 'frozen', sinceMs: event.lastFrameAtMs, lastFrameAtMs: event.lastFrameAtMs };
      if (state.kind === 'frozen' && !stale) return { kind: 'live', lastFrameAtMs: event.lastFrameAtMs };
      return state;
    }
  }
}
