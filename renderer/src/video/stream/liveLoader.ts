import { fetchWithRetry, LoadFailure, type LoadLimits } from './fetchBytes';
import { blockingReloadUrl, PlaylistFormatError, readLivePlaylist, type LiveSegment, type LiveWindow } from './livePlaylist';

/**
 * Follows a camera's live playlist and hands over each new segment once, in
 * order, as soon as it can be had: with blocking reload (the gateway answers
 * the request for the next segment's playlist the moment the segment is
 * complete: one playlist request per segment, no polling, no waiting), or by
 * polling once a target duration (twice as often while it has not moved).
 *
 * It starts at the newest segment: a wall shows now, not the playlist's past.
 * One request at a time per camera.
 */

export interface LoaderEvents {
  /** Every playlist loaded; `first` for the connection's first (a reconnect after "stale" compares its end). */
  playlist(window: LiveWindow, first: boolean): void;
  /** `init`: the fMP4 init segment; null for MPEG-TS. */
  segment(segment: LiveSegment, bytes: Uint8Array, init: { url: string; bytes: Uint8Array } | null, joined: boolean): void;
  /** hls.js's vocabulary: see shared/video/streamFailure.ts. */
  error(error: { type: 'networkError' | 'mediaError' | 'otherError'; details: string; fatal: boolean; httpStatus?: number; fragmentBytesLoaded?: number }): void;
}

const playlistLimits: LoadLimits = { firstByteMs: 3_000, totalMs: 5_000 };
const segmentLimits: LoadLimits = { firstByteMs: 3_000, totalMs: 4_000 };
/** A playlist that has not moved for this many reloads is a stale camera (hls.js: liveMaxUnchangedPlaylistRefresh). */
const unchangedLimit = 3;
/** Segments behind the playlist's end from which the loader skips to the newest rather than fetch them all. */
const rejoinBehind = 2;
/** A blocking reload the gateway held to its limit without the segment counts for this many polls. */
const blockedReloadWeight = 2;

export class LiveLoader {
  private readonly abort = new AbortController();
  private init: { url: string; bytes: Uint8Array } | null = null;
  private nextSeq: number | null = null;
  private unchanged = 0;

  constructor(
    private readonly url: string,
    /** Set after a stale playlist: one that has not moved past it is not played (the window fails it again). */
    private readonly staleEndSN: number | null,
    private readonly events: LoaderEvents,
  ) {}

  start(): void {
    void this.run().catch((error: unknown) => this.fail(error));
  }

  stop(): void {
    this.abort.abort();
  }

  private get stopped() {
    return this.abort.signal.aborted;
  }

  private async run() {
    let window = await this.loadPlaylist(this.url, 'manifest');
    this.events.playlist(window, true);
    if (this.staleEndSN !== null && window.endSN <= this.staleEndSN) return;
    while (!this.stopped) {
      // At the start, and when more than one segment behind (after an outage), go to the newest: a wall shows now.
      const rejoin = this.nextSeq === null || window.endSN - this.nextSeq >= rejoinBehind;
      const due = rejoin ? window.segments.at(-1) : window.segments.find((segment) => segment.seq === this.nextSeq);
      if (due) {
        await this.loadSegment(due, rejoin);
        this.nextSeq = due.seq + 1;
        this.unchanged = 0;
        continue;
      }
      if (window.ended) throw new LoadFailure('levelEmptyError', 0, 0);
      const before = window.endSN;
      const blocking = window.canBlockReload && this.nextSeq !== null;
      if (!blocking) await this.sleep(this.unchanged > 0 ? window.targetDurationMs / 2 : window.targetDurationMs);
      if (this.stopped) return;
      const startedAt = performance.now();
      window = await this.loadPlaylist(blocking ? blockingReloadUrl(this.url, this.nextSeq!) : this.url, 'level', blocking ? window.targetDurationMs * 3 : 0);
      this.events.playlist(window, false);
      if (window.endSN > before) continue;
      // A gateway that held the request to its limit (three target durations) and still had nothing: nearly stale.
      this.unchanged += blocking && performance.now() - startedAt >= window.targetDurationMs * 2 ? blockedReloadWeight : 1;
      if (this.unchanged >= unchangedLimit) this.events.error({ type: 'networkError', details: 'playlistUnchangedError', fatal: false });
      if (window.endSN < before) this.nextSeq = null;
    }
  }

  private async loadPlaylist(url: string, kind: 'manifest' | 'level', holdMs = 0): Promise<LiveWindow> {
    const bytes = await fetchWithRetry(url, kind, { firstByteMs: playlistLimits.firstByteMs + holdMs, totalMs: playlistLimits.totalMs + holdMs }, this.abort.signal);
    try {
      return readLivePlaylist(new TextDecoder().decode(bytes), this.url);
    } catch (error) {
      if (error instanceof PlaylistFormatError) throw new LoadFailure(`${kind}ParsingError`, 0, 0);
      throw error;
    }
  }

  private async loadSegment(segment: LiveSegment, joined: boolean) {
    // A new init segment (fMP4) is loaded beside the segment, not before it: one round trip less to the first picture.
    const initUrl = segment.initUrl;
    const init = initUrl === null || this.init?.url === initUrl ? null : fetchWithRetry(initUrl, 'frag', segmentLimits, this.abort.signal);
    const [bytes, initBytes] = await Promise.all([fetchWithRetry(segment.url, 'frag', segmentLimits, this.abort.signal), init]);
    if (initBytes && initUrl) this.init = { url: initUrl, bytes: initBytes };
    if (initUrl === null) this.init = null;
    if (!this.stopped) this.events.segment(segment, bytes, this.init, joined);
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  private fail(error: unknown) {
    if (this.stopped) return;
    if (error instanceof LoadFailure) {
      const type = error.details === 'unsupportedFormat' ? 'otherError' : 'networkError';
      this.events.error({ type, details: error.details, fatal: true, httpStatus: error.httpStatus, fragmentBytesLoaded: error.bytesLoaded });
    } else {
      this.events.error({ type: 'otherError', details: error instanceof Error ? error.message : String(error), fatal: true });
    }
  }
}
