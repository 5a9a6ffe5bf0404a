import type { PixelSize } from '../../../shared/video/layout';
import { classifyPlayerError, stillStale, type FailureReason } from '../../../shared/video/streamFailure';
import type { CanvasWall, StreamHandle, StreamListener } from './canvasWall';
import { frameToJpeg } from './frameJpeg';
import { countPlayer, startTicking, stopTicking, type WallPlayer } from './playerClock';
import type { StreamError, StreamStatus } from './stream/wallProtocol';
import { TilePlayer } from './tilePlayer';
import { browserTileClocks, TileWatch, type PlayerView, type TileClocks } from './tileWatch';

/**
 * One live camera in one tile, played by the wall's worker onto the wall's
 * canvas (canvasWall.ts): the same health rules as the hls.js player
 * (tileWatch.ts: frozen, stalls, reconnects on the backoff, stale and 404
 * named), from what the worker reports: first frame, stall, playing again,
 * errors, and once a second the time of the last new picture.
 *
 * A stream the worker cannot read (MPEG-TS, a codec WebCodecs lacks) is
 * handed to hls.js on a <video> inside this tile, once and for good: a
 * gateway that serves fMP4 makes the wall cheaper, one that does not still
 * plays (README, "The video wall").
 */

/** Streams found unreadable by the worker, played by hls.js from the start next time. */
const mediaElementOnly = new Set<string>();
export const needsMediaElement = (url: string) => mediaElementOnly.has(url);

/**
 * The program time on screen now: the worker's last report moved on by the time since (the tile plays at about
 * real speed), so the latency a tile shows does not carry up to a second of report age.
 */
function playingDate(status: StreamStatus | null): Date | null {
  if (status?.programMs == null) return null;
  return new Date(status.programMs + Math.max(0, performance.timeOrigin + performance.now() - status.atMs));
}

export class CanvasTilePlayer implements WallPlayer {
  readonly element: HTMLDivElement;
  private readonly watch: TileWatch;
  private readonly listeners = new Set<() => void>();
  private handle: StreamHandle | null = null;
  private delegate: TilePlayer | null = null;
  private lastSeenFrameAt: number | null = null;
  private staleEndSN: number | null = null;
  private still: ImageBitmap | null = null;
  private destroyed = false;
  /** Stalls so far and the time spent in them (the benchmark's stall figures, like a <video>'s `waiting`). */
  private stallCount = 0;
  private stalledMs = 0;
  private stalledSince: number | null = null;

  constructor(
    readonly url: string,
    private readonly wall: CanvasWall,
    clocks: TileClocks = browserTileClocks,
  ) {
    countPlayer(1);
    this.element = document.createElement('div');
    this.element.className = 'player';
    this.element.dataset.engine = 'canvas';
    this.watch = new TileWatch({ stop: (reason) => this.stop(reason), restart: () => this.connect() }, clocks);
    this.watch.subscribe(() => {
      this.element.dataset.health = this.watch.snapshot.health.kind;
      this.emit();
    });
    this.connect();
    startTicking(this, this.check);
  }

  get snapshot(): PlayerView {
    return this.delegate?.snapshot ?? this.watch.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private emit() {
    for (const listener of this.listeners) listener();
  }

  setBox(box: PixelSize) {
    this.delegate?.setBox(box);
    this.wall.requestLayout();
  }

  private connect() {
    if (this.destroyed || this.delegate) return;
    this.watch.connected();
    this.lastSeenFrameAt = null;
    const listener: StreamListener = {
      playlist: (endSN, live) => this.onPlaylist(endSN, live),
      frame: () => {
        this.endStall();
        this.watch.frameArrived();
      },
      waiting: () => {
        this.stallCount += 1;
        this.stalledSince ??= performance.now();
        this.watch.stalled();
      },
      error: (error) => this.onError(error),
      still: (bitmap) => this.keepStill(bitmap),
    };
    this.handle = this.wall.open(this.url, listener, this.staleEndSN);
    this.handle.attach(this.element);
  }

  private endStall() {
    if (this.stalledSince !== null) this.stalledMs += performance.now() - this.stalledSince;
    this.stalledSince = null;
  }

  stalls(): { count: number; stalledMs: number } {
    const open = this.stalledSince === null ? 0 : performance.now() - this.stalledSince;
    return { count: this.stallCount, stalledMs: this.stalledMs + open };
  }

  /** Once a second: new pictures since the last look (frozen?), retry due, latency from program date-time. */
  private check = () => {
    if (this.destroyed || this.delegate) return;
    const status = this.handle?.status ?? null;
    if (status?.lastFrameAtMs != null && status.lastFrameAtMs !== this.lastSeenFrameAt) {
      this.lastSeenFrameAt = status.lastFrameAtMs;
      this.watch.frameArrived();
    }
    this.watch.tick(this.handle !== null, playingDate(status));
  };

  /** The first playlist of a (re)connection: a reconnect that finds the same stale playlist fails again at once. */
  private onPlaylist(endSN: number, live: boolean) {
    if (stillStale(this.staleEndSN, { live, endSN })) return this.watch.fail('stale');
    this.staleEndSN = null;
  }

  private onError(error: StreamError) {
    if (this.destroyed) return;
    if (error.details === 'unsupportedFormat') return this.handToMediaElement();
    if (error.fatal && error.type === 'mediaError' && this.watch.mayRecoverMedia()) return this.handle?.recover();
    const verdict = classifyPlayerError({ type: error.type, details: error.details, fatal: error.fatal, httpStatus: error.httpStatus, fragmentBytesLoaded: error.fragmentBytesLoaded });
    // Non-fatal errors only leave a suspicion: it names the cause if the picture then stops.
    if (verdict.reason) this.watch.suspect(verdict.reason);
    if (verdict.reconnect) this.watch.fail(verdict.reason ?? 'network');
  }

  /** The stream is down: its last picture stays on the wall (dimmed by the tile); the watch times the retry. */
  private stop(reason: FailureReason) {
    this.endStall();
    // A reconnect refused as still stale has no report of its own yet: the stale end stays what it was.
    this.staleEndSN = reason === 'stale' ? (this.handle?.status?.endSN ?? this.staleEndSN) : null;
    this.handle?.close(true);
    this.handle = null;
  }

  private keepStill(bitmap: ImageBitmap | null) {
    if (!bitmap) return;
    this.still?.close();
    this.still = bitmap;
    if (!this.destroyed) this.watch.patch({ hasStill: true });
  }

  private handToMediaElement() {
    mediaElementOnly.add(this.url);
    this.handle?.close(false);
    this.handle = null;
    stopTicking(this);
    countPlayer(-1);
    this.delegate = new TilePlayer(this.url);
    this.element.dataset.engine = 'video';
    this.element.append(this.delegate.element);
    this.delegate.subscribe(() => this.emit());
    this.emit();
  }

  async grabFrame(): Promise<string | null> {
    if (this.delegate) return this.delegate.grabFrame();
    const bitmap = (await this.handle?.grab()) ?? null;
    const source = bitmap ?? this.still;
    const frame = source ? frameToJpeg(source, source.width, source.height) : null;
    bitmap?.close();
    return frame;
  }

  picture() {
    return this.delegate ? this.delegate.picture() : (this.handle?.status?.drawn ?? null);
  }

  pictureTime() {
    return this.delegate ? this.delegate.pictureTime() : (this.handle?.status?.programMs ?? null);
  }

  /** Full teardown: nothing of this player survives (timers, listeners, the worker's stream, its picture). */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.delegate) this.delegate.destroy();
    else {
      countPlayer(-1);
      stopTicking(this);
    }
    this.watch.destroy();
    this.handle?.close(false);
    this.handle = null;
    this.still?.close();
    this.still = null;
    this.listeners.clear();
    this.element.remove();
    this.wall.requestLayout();
  }
}
