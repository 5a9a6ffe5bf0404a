import Hls, { ErrorDetails, ErrorTypes, type ErrorData, type HlsConfig, type LoadPolicy } from 'hls.js';
import workerPath from 'hls.js/dist/hls.worker.js?url';
import { initialTileHealth, tileHealthStep, type TileEvent, type TileHealth } from '../../../shared/video/backoff';

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
      errorRetry: { maxNumRetry: 1, retryDelayMs: 500, maxRetryDelayMs: 1000, shouldRetry: (_config, _count, _timeout, response) => !(response?.code !== undefined && response.code >= 400 && response.code < 500) },
    },
  };
}

export const wallHlsConfig: Partial<HlsConfig> = {
  workerPath,
  enableWorker: true,
  // Camera restreams cut 1 s segments without partial segments: LL-HLS mode would only add requests.
  lowLatencyMode: false,
  backBufferLength: 0,
  maxBufferLength: 3,
  maxMaxBufferLength: 4,
  maxBufferSize: 4 * 1000 * 1000,
  // Play 1.5 segments behind the live edge; beyond 4 s speed up (×1.2) to catch up, so latency never creeps.
  liveSyncDuration: 1.5,
  liveMaxLatencyDuration: 4,
  maxLiveSyncPlaybackRate: 1.2,
  liveSyncOnStallIncrease: 0,
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

export type FailureReason = 'notFound' | 'network' | 'stale' | 'malformed' | 'media' | 'timeout';

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
  private watchdog: number | null = null;
  private retryTimer: number | null = null;
  private lastMediaRecovery = 0;
  /** What the last non-fatal error suggested, to name the cause when the watchdog reconnects. */
  private suspectedReason: FailureReason | null = null;
  private destroyed = false;

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
    this.connect();
    this.watchdog = window.setInterval(this.check, 1_000);
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
    hls.on(Hls.Events.ERROR, (_event, data) => this.onError(data));
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
    this.watchFrames();
  }

  private watchFrames() {
    if (!this.video.requestVideoFrameCallback) return;
    const onFrame = () => {
      this.frameHandle = this.video.requestVideoFrameCallback!(onFrame);
      this.frameArrived();
    };
    this.frameHandle = this.video.requestVideoFrameCallback(onFrame);
  }

  private frameArrived() {
    this.lastFrameAtMs = Date.now();
    if (this.view.ttffMs === null) this.set({ ttffMs: Math.round(performance.now() - this.startedAt) });
    if (this.view.health.kind !== 'live') this.step({ type: 'frameAdvanced' });
  }

  private onWaiting = () => this.step({ type: 'stalled' });
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
    const since = this.lastFrameAtMs ?? this.startedAtWall;
    if (this.hls && this.view.health.kind !== 'reconnecting' && Date.now() - since > reconnectAfterMs) {
      this.fail(this.suspectedReason ?? (this.lastFrameAtMs === null ? 'timeout' : 'stale'));
      return;
    }
    const playingDate = this.hls?.playingDate;
    const latencyS = playingDate ? Math.max(0, (Date.now() - playingDate.getTime()) / 1000) : null;
    // Re-render once a second anyway: tiles show the frame age and the retry countdown.
    const now = Date.now();
    const health = this.view.health;
    this.set({
      latencyS: health.kind === 'live' ? latencyS : null,
      frameAgeS: this.lastFrameAtMs === null ? null : Math.max(0, Math.round((now - this.lastFrameAtMs) / 1000)),
      retryInS: health.kind === 'reconnecting' ? Math.max(0, Math.ceil((health.nextRetryAtMs - now) / 1000)) : null,
    });
  };

  private onError(data: ErrorData) {
    if (this.destroyed) return;
    if (data.details === ErrorDetails.PLAYLIST_UNCHANGED_ERROR) return this.fail('stale');
    if (!data.fatal) {
      if (data.type === ErrorTypes.NETWORK_ERROR) this.suspectedReason = data.response?.code === 404 ? 'notFound' : 'network';
      return;
    }
    if (data.type === ErrorTypes.MEDIA_ERROR && Date.now() - this.lastMediaRecovery > mediaRecoveryGapMs) {
      this.lastMediaRecovery = Date.now();
      this.hls?.recoverMediaError();
      return;
    }
    const code = data.response?.code ?? 0;
    const reason: FailureReason =
      data.type === ErrorTypes.MEDIA_ERROR
        ? 'media'
        : data.details === ErrorDetails.MANIFEST_PARSING_ERROR || data.details === ErrorDetails.LEVEL_PARSING_ERROR || data.details === ErrorDetails.LEVEL_EMPTY_ERROR
          ? 'malformed'
          : code === 404 || code === 410
            ? 'notFound'
            : data.details.endsWith('Timeout') || data.details.endsWith('TimeOut')
              ? 'timeout'
              : 'network';
    this.fail(reason);
  }

  /** The stream is down: keep its last picture, tear the player down and retry after the backoff. */
  private fail(reason: FailureReason) {
    if (this.view.health.kind === 'reconnecting') return;
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
    if (this.watchdog !== null) window.clearInterval(this.watchdog);
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.video.removeEventListener('waiting', this.onWaiting);
    this.video.removeEventListener('playing', this.onPlaying);
    this.teardownHls();
    this.listeners.clear();
    this.element.remove();
  }
}
