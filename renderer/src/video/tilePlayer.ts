import Hls, { ErrorTypes, type ErrorData, type HlsConfig, type LevelDetails, type LoadPolicy } from 'hls.js';
import workerPath from 'hls.js/dist/hls.worker.js?url';
import { nativePictureSize, type PixelSize } from '../../../shared/video/layout';
import { initialTileHealth, tileHealthStep, type TileEvent, type TileHealth } from '../../../shared/video/backoff';
import { classifyPlayerError, stillStale, watchdogReason, type FailureReason } from '../../../shared/video/streamFailure';

/**
 * One live camera in one tile: an hls.js player on its own <video>, its
 * health read from the video itself, and a still of the last good frame.
 *
 * hls.js defaults suit a single VOD player, not a wall of two dozen live
 * feeds watched for days (docs: FIELD-NOTES "video walls"): they keep an
 * unbounded back buffer, 60 MB of forward buffer per player, raise the
 * target latency after every stall, and never flag a playlist that stopped
 * changing. The settings below are the wall's.
 */

/** Loads fail fast: the tile's own backoff (1 s → 30 s, jittered) does the retrying, not hls.js in a tight loop. */
function policy(firstByteMs: number, loadMs: number): LoadPolicy {
  return {
    default: {
      maxTimeToFirstByteMs: firstByteMs,
      maxLoadTimeMs: loadMs,
      timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
      // Once, for a dropped connection or a 5xx; never for a 4xx. The count must be checked here: a shouldRetry that
      // only looks at the status retries a refused connection every second for ever.
      errorRetry: {
        maxNumRetry: 1,
        retryDelayMs: 500,
        maxRetryDelayMs: 1000,
        shouldRetry: (config, count, _timeout, response) => count < (config?.maxNumRetry ?? 0) && !(response?.code !== undefined && response.code >= 400 && response.code < 500),
      },
    },
  };
}

export const wallHlsConfig: Partial<HlsConfig> = {
  workerPath,
  enableWorker: true,
  // Camera restreams cut 1 s segments without partial segments, so this adds no requests (no parts, no blocking
  // reload without EXT-X-SERVER-CONTROL); it is what lets hls.js speed playback up to its target latency: without
  // it, maxLiveSyncPlaybackRate does nothing and a tile that stalled once stays late until liveMaxLatencyDuration.
  lowLatencyMode: true,
  backBufferLength: 0,
  maxBufferLength: 3,
  maxMaxBufferLength: 4,
  maxBufferSize: 4 * 1000 * 1000,
  // Play 1.2 s behind hls.js's estimate of the live edge (a camera segment is published once complete, so the
  // picture is ≈ 1 s older than that): ≈ 2.2 s behind real time. A stall raises one tile's target by 0.1 s, at most
  // one segment; speed up to ×1.2 to get back to it; beyond 4 s, jump.
  liveSyncDuration: 1.2,
  liveSyncOnStallIncrease: 0.1,
  liveMaxLatencyDuration: 4,
  maxLiveSyncPlaybackRate: 1.2,
  // A playlist unchanged after 3 reloads is a stale camera: reported, and the tile reconnects.
  liveMaxUnchangedPlaylistRefresh: 3,
  startFragPrefetch: true,
  capLevelToPlayerSize: false,
  manifestLoadPolicy: policy(3_000, 5_000),
  playlistLoadPolicy: policy(3_000, 5_000),
  fragLoadPolicy: policy(3_000, 4_000),
};

/** No new frame for this long while "playing" is a frozen picture: the alarm the room asks for. */
export const frozenAfterMs = 5_000;
/**
 * No new frame for this long and hls.js still has not given up (it retries a
 * dead playlist quietly while its buffer lasts): the tile reconnects itself.
 */
export const reconnectAfterMs = 8_000;
/** recoverMediaError at most this often; after that, a full reconnect. */
const mediaRecoveryGapMs = 5_000;

export type { FailureReason };

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

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

let livePlayers = 0;
/** Players alive in this window (the benchmark checks that it equals the tiles after many camera changes). */
export const playerCount = () => livePlayers;

/**
 * One clock for every player in the window, not a timer each: the players' once-a-second updates then land in one
 * task, React renders them in one commit, and the page lays out and paints once a second instead of once per tile.
 */
const ticking = new Set<TilePlayer>();
let ticker: number | null = null;
function startTicking(player: TilePlayer, tick: () => void) {
  ticks.set(player, tick);
  ticking.add(player);
  ticker ??= window.setInterval(() => {
    for (const each of ticking) ticks.get(each)?.();
  }, 1_000);
}
function stopTicking(player: TilePlayer) {
  ticking.delete(player);
  ticks.delete(player);
  if (ticking.size === 0 && ticker !== null) {
    window.clearInterval(ticker);
    ticker = null;
  }
}
const ticks = new Map<TilePlayer, () => void>();

export class TilePlayer {
  readonly element: HTMLDivElement;
  private readonly video: VideoWithFrames;
  private readonly still: HTMLCanvasElement;
  private hls: Hls | null = null;
  private view: PlayerView = { health: initialTileHealth, reason: null, latencyS: null, ttffMs: null, hasStill: false, frameAgeS: null, retryInS: null };
  private readonly listeners = new Set<() => void>();
  private startedAt = 0;
  private startedAtWall = 0;
  private lastFrameAtMs: number | null = null;
  private lastMediaTime = -1;
  private frameHandle: number | null = null;
  private retryTimer: number | null = null;
  private lastMediaRecovery = 0;
  /** What the last non-fatal error suggested, to name the cause when the watchdog reconnects. */
  private suspectedReason: FailureReason | null = null;
  /** Where the live playlist ended when it was last seen, and where it ended when it went stale. */
  private lastEndSN: number | null = null;
  private staleEndSN: number | null = null;
  private destroyed = false;
  /** The tile's picture box in CSS pixels (none while pre-warming out of sight). */
  private box: PixelSize = { width: 0, height: 0 };

  constructor(readonly url: string) {
    livePlayers += 1;
    this.element = document.createElement('div');
    this.element.className = 'player';
    this.still = document.createElement('canvas');
    this.still.className = 'player-still';
    this.video = document.createElement('video') as VideoWithFrames;
    this.video.className = 'player-video';
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.autoplay = true;
    this.video.disablePictureInPicture = true;
    this.element.append(this.still, this.video);
    this.video.addEventListener('waiting', this.onWaiting);
    this.video.addEventListener('playing', this.onPlaying);
    this.video.addEventListener('resize', this.fitPicture);
    this.connect();
    startTicking(this, this.check);
  }

  get snapshot(): PlayerView {
    return this.view;
  }

  get media(): HTMLVideoElement {
    return this.video;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Where the tile shows the picture, in CSS pixels: the picture is drawn 1:1 when it nearly fits (nativePictureSize). */
  setBox(box: PixelSize) {
    if (box.width === this.box.width && box.height === this.box.height) return;
    this.box = box;
    this.fitPicture();
  }

  /** On a new box and whenever the stream's resolution changes (the video's `resize` event). */
  private fitPicture = () => {
    const native = nativePictureSize({ width: this.video.videoWidth, height: this.video.videoHeight }, this.box, devicePixelRatio);
    this.video.dataset.fit = native ? 'native' : 'contain';
    this.video.style.width = native ? `${native.width}px` : '';
    this.video.style.height = native ? `${native.height}px` : '';
  };

  private set(patch: Partial<PlayerView>) {
    this.view = { ...this.view, ...patch };
    this.element.dataset.health = this.view.health.kind;
    for (const listener of this.listeners) listener();
  }

  private step(event: TileEvent) {
    const next = tileHealthStep(this.view.health, event, Date.now());
    if (next !== this.view.health) this.set({ health: next, ...(next.kind === 'live' ? { reason: null } : {}) });
  }

  private connect() {
    if (this.destroyed) return;
    this.startedAt = performance.now();
    this.startedAtWall = Date.now();
    this.suspectedReason = null;
    const hls = new Hls(wallHlsConfig);
    this.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, () => void this.video.play().catch(() => undefined));
    hls.on(Hls.Events.LEVEL_LOADED, (_event, data) => this.onPlaylist(data.details));
    hls.on(Hls.Events.ERROR, (_event, data) => this.onError(data));
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
    this.watchFrames();
  }

  /**
   * New frames, seen from the video itself, but sampled: one requestVideoFrameCallback at a time, armed again by the
   * once-a-second check. A callback pending on every frame of every tile (25 fps × 16 tiles) made Chromium run a
   * main-thread rendering update for nearly every vsync; the frame age only needs second resolution (frozen after
   * 5 s) and the first frame still fires at once for time to first frame.
   */
  private watchFrames() {
    if (!this.video.requestVideoFrameCallback || this.frameHandle !== null || this.destroyed) return;
    this.frameHandle = this.video.requestVideoFrameCallback(() => {
      this.frameHandle = null;
      this.frameArrived();
    });
  }

  private frameArrived() {
    this.lastFrameAtMs = Date.now();
    // The picture moves: earlier suspicions no longer describe the stream.
    this.suspectedReason = null;
    if (this.view.ttffMs === null) this.set({ ttffMs: Math.round(performance.now() - this.startedAt) });
    if (this.view.health.kind !== 'live') this.step({ type: 'frameAdvanced' });
  }

  private onWaiting = () => {
    this.step({ type: 'stalled' });
    // Back to live on the first frame after the stall, not at the next sample.
    this.watchFrames();
  };
  private onPlaying = () => undefined;

  /** Once a second: frame age (frozen?), retry due, latency from program date-time. */
  private check = () => {
    if (this.destroyed) return;
    // Without requestVideoFrameCallback, a moving currentTime is the sign of new frames.
    if (!this.video.requestVideoFrameCallback && !this.video.paused && this.video.currentTime !== this.lastMediaTime) {
      this.lastMediaTime = this.video.currentTime;
      this.frameArrived();
    }
    if (this.lastFrameAtMs !== null) this.step({ type: 'frameCheck', lastFrameAtMs: this.lastFrameAtMs, frozenAfterMs });
    // Counted from this connection's start too: a reconnect gets its own 8 s, not the old stream's frame age.
    const since = Math.max(this.lastFrameAtMs ?? 0, this.startedAtWall);
    if (this.hls && this.view.health.kind !== 'reconnecting' && Date.now() - since > reconnectAfterMs) {
      this.fail(watchdogReason(this.suspectedReason, (this.lastFrameAtMs ?? 0) >= this.startedAtWall));
      return;
    }
    const playingDate = this.hls?.playingDate;
    const latencyS = playingDate ? Math.max(0, (Date.now() - playingDate.getTime()) / 1000) : null;
    const now = Date.now();
    const health = this.view.health;
    const next = {
      latencyS: health.kind === 'live' ? latencyS : null,
      frameAgeS: this.lastFrameAtMs === null ? null : Math.max(0, Math.round((now - this.lastFrameAtMs) / 1000)),
      retryInS: health.kind === 'reconnecting' ? Math.max(0, Math.ceil((health.nextRetryAtMs - now) / 1000)) : null,
    };
    // Tiles show latency and frame age in whole seconds, and the retry countdown: re-render only when one of those
    // would read differently (the latency itself stays current for the health bar and the probe). A live tile then
    // repaints when its delay really moves, not every second.
    const shown = (view: Pick<PlayerView, 'latencyS' | 'frameAgeS' | 'retryInS'>) =>
      health.kind === 'live' ? `${view.latencyS === null ? '' : Math.round(view.latencyS)}` : `${view.frameAgeS}|${view.retryInS}`;
    if (shown(next) !== shown(this.view)) this.set(next);
    else this.view = { ...this.view, ...next };
    this.watchFrames();
  };

  private onError(data: ErrorData) {
    if (this.destroyed) return;
    if (data.fatal && data.type === ErrorTypes.MEDIA_ERROR && Date.now() - this.lastMediaRecovery > mediaRecoveryGapMs) {
      this.lastMediaRecovery = Date.now();
      this.hls?.recoverMediaError();
      return;
    }
    const verdict = classifyPlayerError({
      type: data.type,
      details: data.details,
      fatal: data.fatal,
      httpStatus: data.response?.code,
      fragmentBytesLoaded: data.frag?.stats.loaded,
    });
    // Non-fatal errors only leave a suspicion: it names the cause if the picture then stops.
    if (verdict.reason) this.suspectedReason = verdict.reason;
    if (verdict.reconnect) this.fail(verdict.reason ?? 'network');
  }

  /** Each (re)load of the live playlist: a reconnect that finds the same stale playlist fails again at once. */
  private onPlaylist(details: LevelDetails) {
    if (this.destroyed) return;
    if (stillStale(this.staleEndSN, details)) return this.fail('stale');
    this.staleEndSN = null;
    this.lastEndSN = details.endSN;
  }

  /** The stream is down: keep its last picture, tear the player down and retry after the backoff. */
  private fail(reason: FailureReason) {
    if (this.view.health.kind === 'reconnecting') return;
    this.staleEndSN = reason === 'stale' ? this.lastEndSN : null;
    this.keepStill();
    this.teardownHls();
    this.set({ reason });
    // A 404 is retried too, on the same slow backoff: a gateway answers 404 until the camera registers again.
    this.step({ type: 'error', fatal: true, retryable: true, random01: Math.random() });
    const health: TileHealth = this.snapshot.health;
    if (health.kind !== 'reconnecting') return;
    this.set({ retryInS: Math.max(0, Math.ceil((health.nextRetryAtMs - Date.now()) / 1000)) });
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.step({ type: 'retryDue' });
      this.connect();
    }, Math.max(0, health.nextRetryAtMs - Date.now()));
  }

  private keepStill() {
    if (this.video.readyState < 2 || this.video.videoWidth === 0) return;
    this.still.width = this.video.videoWidth;
    this.still.height = this.video.videoHeight;
    this.still.getContext('2d')?.drawImage(this.video, 0, 0);
    this.set({ hasStill: true });
  }

  /** The current frame as a JPEG (base64, no prefix), for tile → case; null before the first frame. */
  grabFrame(): string | null {
    const source = this.video.readyState >= 2 && this.video.videoWidth > 0 ? this.video : this.view.hasStill ? this.still : null;
    if (!source) return null;
    const canvas = document.createElement('canvas');
    canvas.width = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
    canvas.height = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
    canvas.getContext('2d')!.drawImage(source, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1] ?? null;
  }

  get lastFrameAt(): number | null {
    return this.lastFrameAtMs;
  }

  private teardownHls() {
    if (this.frameHandle !== null) this.video.cancelVideoFrameCallback?.(this.frameHandle);
    this.frameHandle = null;
    this.hls?.destroy();
    this.hls = null;
    // Chromium frees the media player only when the element lets go of its source.
    this.video.removeAttribute('src');
    this.video.load();
  }

  /** Full teardown: nothing of this player survives (timers, listeners, hls.js, the media player). */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    livePlayers -= 1;
    stopTicking(this);
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.video.removeEventListener('waiting', this.onWaiting);
    this.video.removeEventListener('playing', this.onPlaying);
    this.video.removeEventListener('resize', this.fitPicture);
    this.teardownHls();
    this.listeners.clear();
    this.element.remove();
  }
}
