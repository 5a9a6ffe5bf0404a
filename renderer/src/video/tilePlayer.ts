import Hls, { ErrorTypes, type ErrorData, type HlsConfig, type LevelDetails, type LoadPolicy } from 'hls.js';
import workerPath from 'hls.js/dist/hls.worker.js?url';
import { nativePictureSize, type PixelSize } from '../../../shared/video/layout';
import { classifyPlayerError, stillStale, type FailureReason } from '../../../shared/video/streamFailure';
import { frameToJpeg } from './frameJpeg';
import { countPlayer, startTicking, stopTicking, type WallPlayer } from './playerClock';
import { browserTileClocks, TileWatch, type PlayerView, type TileClocks } from './tileWatch';

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

export type { FailureReason, PlayerView };

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export class TilePlayer implements WallPlayer {
  readonly element: HTMLDivElement;
  private readonly video: VideoWithFrames;
  private readonly still: HTMLCanvasElement;
  private readonly watch: TileWatch;
  private hls: Hls | null = null;
  private lastMediaTime = -1;
  private frameHandle: number | null = null;
  /** Where the live playlist ended when it was last seen, and where it ended when it went stale. */
  private lastEndSN: number | null = null;
  private staleEndSN: number | null = null;
  private destroyed = false;
  /** The tile's picture box in CSS pixels (none while pre-warming out of sight). */
  private box: PixelSize = { width: 0, height: 0 };

  constructor(
    readonly url: string,
    clocks: TileClocks = browserTileClocks,
  ) {
    countPlayer(1);
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
    this.watch = new TileWatch({ stop: (reason) => this.stop(reason), restart: () => this.connect() }, clocks);
    this.watch.subscribe(() => (this.element.dataset.health = this.watch.snapshot.health.kind));
    this.video.addEventListener('waiting', this.onWaiting);
    this.video.addEventListener('resize', this.fitPicture);
    this.connect();
    startTicking(this, this.check);
  }

  get snapshot(): PlayerView {
    return this.watch.snapshot;
  }

  get media(): HTMLVideoElement {
    return this.video;
  }

  subscribe = (listener: () => void): (() => void) => this.watch.subscribe(listener);

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

  private connect() {
    if (this.destroyed) return;
    this.watch.connected();
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
      this.watch.frameArrived();
    });
  }

  private onWaiting = () => {
    this.watch.stalled();
    // Back to live on the first frame after the stall, not at the next sample.
    this.watchFrames();
  };

  /** Once a second: frame age (frozen?), retry due, latency from program date-time. */
  private check = () => {
    if (this.destroyed) return;
    // Without requestVideoFrameCallback, a moving currentTime is the sign of new frames.
    if (!this.video.requestVideoFrameCallback && !this.video.paused && this.video.currentTime !== this.lastMediaTime) {
      this.lastMediaTime = this.video.currentTime;
      this.watch.frameArrived();
    }
    this.watch.tick(this.hls !== null, this.hls?.playingDate ?? null);
    if (this.hls) this.watchFrames();
  };

  private onError(data: ErrorData) {
    if (this.destroyed) return;
    if (data.fatal && data.type === ErrorTypes.MEDIA_ERROR && this.watch.mayRecoverMedia()) {
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
    if (verdict.reason) this.watch.suspect(verdict.reason);
    if (verdict.reconnect) this.watch.fail(verdict.reason ?? 'network');
  }

  /** Each (re)load of the live playlist: a reconnect that finds the same stale playlist fails again at once. */
  private onPlaylist(details: LevelDetails) {
    if (this.destroyed) return;
    if (stillStale(this.staleEndSN, details)) return this.watch.fail('stale');
    this.staleEndSN = null;
    this.lastEndSN = details.endSN;
  }

  /** The stream is down: keep its last picture and tear the player down (the watch times the retry). */
  private stop(reason: FailureReason) {
    this.staleEndSN = reason === 'stale' ? this.lastEndSN : null;
    this.keepStill();
    this.teardownHls();
  }

  private keepStill() {
    if (this.video.readyState < 2 || this.video.videoWidth === 0) return;
    this.still.width = this.video.videoWidth;
    this.still.height = this.video.videoHeight;
    this.still.getContext('2d')?.drawImage(this.video, 0, 0);
    this.watch.patch({ hasStill: true });
  }

  /**
   * The current frame as a JPEG (base64, no prefix), for tile → case; null before the first frame. A frame too
   * large for an attachment (a 4K camera) is scaled down until it fits, rather than refused.
   */
  async grabFrame(): Promise<string | null> {
    return this.grabFrameNow();
  }

  picture() {
    if (this.video.videoWidth === 0) return null;
    const box = this.video.getBoundingClientRect();
    return { width: Math.round(box.width * devicePixelRatio), height: Math.round(box.height * devicePixelRatio), native: this.video.dataset.fit === 'native', streamWidth: this.video.videoWidth };
  }

  pictureTime() {
    return this.video.readyState >= 2 ? this.video.currentTime * 1000 : null;
  }

  private grabFrameNow(): string | null {
    const source = this.video.readyState >= 2 && this.video.videoWidth > 0 ? this.video : this.snapshot.hasStill ? this.still : null;
    if (!source) return null;
    return source instanceof HTMLVideoElement ? frameToJpeg(source, source.videoWidth, source.videoHeight) : frameToJpeg(source, source.width, source.height);
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
    countPlayer(-1);
    stopTicking(this);
    this.watch.destroy();
    this.video.removeEventListener('waiting', this.onWaiting);
    this.video.removeEventListener('resize', this.fitPicture);
    this.teardownHls();
    this.element.remove();
  }
}
