import { initialTileHealth, tileHealthStep, type TileEvent, type TileHealth } from '../../../shared/video/backoff';
import { watchdogReason, type FailureReason } from '../../../shared/video/streamFailure';

/** No new frame for this long while "playing" is a frozen picture: the alarm the room asks for. */
export const frozenAfterMs = 5_000;
/**
 * No new frame for this long and hls.js still has not given up (it retries a
 * dead playlist quietly while its buffer lasts): the tile reconnects itself.
 */
export const reconnectAfterMs = 8_000;
/** recoverMediaError at most this often; after that, a full reconnect. */
export const mediaRecoveryGapMs = 5_000;

export interface PlayerView {
  health: TileHealth;
  reason: FailureReason | null;
  /** Seconds behind real time, from EXT-X-PROGRAM-DATE-TIME. */
  latencyS: number | null;
  /** Milliseconds from start to the first frame, once there is one. */
  ttffMs: number | null;
  /** A still of the last good frame exists (shown while the stream is down). */
  hasStill: boolean;
  /** Seconds since the last new frame, and until the next retry; refreshed once a second. */
  frameAgeS: number | null;
  retryInS: number | null;
}

export const initialPlayerView: PlayerView = { health: initialTileHealth, reason: null, latencyS: null, ttffMs: null, hasStill: false, frameAgeS: null, retryInS: null };

/**
 * The clocks a tile reads. Every duration and deadline (frame age, watchdog,
 * retry, recovery gap) is on the monotonic clock, which only moves forward:
 * the wall clock can step back (an NTP correction) and a tile timed by it
 * would wait for a retry that is hours away. The wall clock is read only to
 * compare with a real time the stream carries (program date-time).
 */
export interface TileClocks {
  monotonicMs(): number;
  wallMs(): number;
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(handle: number): void;
  /** In [0, 1): the retry jitter. */
  random01(): number;
}

export const browserTileClocks: TileClocks = {
  monotonicMs: () => performance.now(),
  wallMs: () => Date.now(),
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (handle) => window.clearTimeout(handle),
  random01: () => Math.random(),
};

/** What the watch asks of the player it watches. */
export interface TileWatchHooks {
  /** The stream failed: keep its last picture and tear the player down. */
  stop(reason: FailureReason): void;
  /** The retry is due: start a new player. */
  restart(): void;
}

/**
 * A tile's health, read from the video itself, and the timing of its
 * reconnects: frames seen, stalls, errors and a once-a-second tick go in;
 * the view the tile shows and the stop/restart of its player come out.
 * Knows nothing of hls.js or the DOM, so it is tested with stepped clocks.
 */
export class TileWatch {
  private view: PlayerView = initialPlayerView;
  private readonly listeners = new Set<() => void>();
  /** Monotonic times: when this connection started, the last new frame, the last media recovery. */
  private startedAt = 0;
  private lastFrameAt: number | null = null;
  private lastMediaRecovery: number | null = null;
  /** What the last non-fatal error suggested, to name the cause when the watchdog reconnects. */
  private suspected: FailureReason | null = null;
  private retryTimer: number | null = null;

  constructor(
    private readonly hooks: TileWatchHooks,
    private readonly clocks: TileClocks = browserTileClocks,
  ) {}

  get snapshot(): PlayerView {
    return this.view;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  patch(patch: Partial<PlayerView>) {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** A player (re)started: it gets its own time to show a frame, whatever the last stream did. */
  connected() {
    this.startedAt = this.clocks.monotonicMs();
    this.suspected = null;
  }

  frameArrived() {
    this.lastFrameAt = this.clocks.monotonicMs();
    // The picture moves: earlier suspicions no longer describe the stream.
    this.suspected = null;
    if (this.view.ttffMs === null) this.patch({ ttffMs: Math.round(this.lastFrameAt - this.startedAt) });
    if (this.view.health.kind !== 'live') this.step({ type: 'frameAdvanced' });
  }

  stalled() {
    this.step({ type: 'stalled' });
  }

  /** A non-fatal error's hint, used if the picture then stops. */
  suspect(reason: FailureReason) {
    this.suspected = reason;
  }

  /** Whether hls.js may try recoverMediaError now (at most once per gap); otherwise the tile reconnects. */
  mayRecoverMedia(): boolean {
    const now = this.clocks.monotonicMs();
    if (this.lastMediaRecovery !== null && now - this.lastMediaRecovery <= mediaRecoveryGapMs) return false;
    this.lastMediaRecovery = now;
    return true;
  }

  /** Once a second: frozen?, the no-frame watchdog, latency, and the numbers the tile shows. */
  tick(playerRunning: boolean, playingDate: Date | null) {
    const now = this.clocks.monotonicMs();
    if (this.lastFrameAt !== null) this.step({ type: 'frameCheck', lastFrameAtMs: this.lastFrameAt, frozenAfterMs });
    // Counted from this connection's start too: a reconnect gets its own 8 s, not the old stream's frame age.
    const framesSinceConnect = this.lastFrameAt !== null && this.lastFrameAt >= this.startedAt;
    const since = framesSinceConnect ? this.lastFrameAt! : this.startedAt;
    if (playerRunning && this.view.health.kind !== 'reconnecting' && now - since > reconnectAfterMs) {
      this.fail(watchdogReason(this.suspected, framesSinceConnect));
      return;
    }
    const health = this.view.health;
    const next = {
      // Real time against the time the camera stamped on the picture: the one place for the wall clock.
      latencyS: health.kind === 'live' && playingDate ? Math.max(0, (this.clocks.wallMs() - playingDate.getTime()) / 1000) : null,
      frameAgeS: this.lastFrameAt === null ? null : Math.max(0, Math.round((now - this.lastFrameAt) / 1000)),
      retryInS: health.kind === 'reconnecting' ? Math.max(0, Math.ceil((health.nextRetryAtMs - now) / 1000)) : null,
    };
    // Tiles show latency and frame age in whole seconds, and the retry countdown: re-render only when one of those
    // would read differently (the latency itself stays current for the health bar and the probe). A live tile then
    // repaints when its delay really moves, not every second.
    const shown = (view: Pick<PlayerView, 'latencyS' | 'frameAgeS' | 'retryInS'>) =>
      health.kind === 'live' ? `${view.latencyS === null ? '' : Math.round(view.latencyS)}` : `${view.frameAgeS}|${view.retryInS}`;
    if (shown(next) !== shown(this.view)) this.patch(next);
    else this.view = { ...this.view, ...next };
  }

  /** The stream is down: stop the player, and start a new one after the backoff. */
  fail(reason: FailureReason) {
    if (this.view.health.kind === 'reconnecting') return;
    this.hooks.stop(reason);
    this.patch({ reason });
    // A 404 is retried too, on the same slow backoff: a gateway answers 404 until the camera registers again.
    this.step({ type: 'error', fatal: true, retryable: true, random01: this.clocks.random01() });
    const health: TileHealth = this.snapshot.health;
    if (health.kind !== 'reconnecting') return;
    const waitMs = Math.max(0, health.nextRetryAtMs - this.clocks.monotonicMs());
    this.patch({ retryInS: Math.ceil(waitMs / 1000) });
    this.retryTimer = this.clocks.setTimeout(() => {
      this.retryTimer = null;
      // The timer firing is the retry being due, even if a timer ran a hair early against the clock.
      this.step({ type: 'retryDue' }, Math.max(this.clocks.monotonicMs(), health.nextRetryAtMs));
      this.hooks.restart();
    }, waitMs);
  }

  destroy() {
    if (this.retryTimer !== null) this.clocks.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.listeners.clear();
  }

  private step(event: TileEvent, now = this.clocks.monotonicMs()) {
    const next = tileHealthStep(this.view.health, event, now);
    if (next !== this.view.health) this.patch({ health: next, ...(next.kind === 'live' ? { reason: null } : {}) });
  }
}
