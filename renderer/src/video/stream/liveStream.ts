import { Mp4FormatError, readInitSegment, readMediaSegment, type VideoTrackInfo } from '../../../../shared/video/fmp4';
import { LivePacer } from '../../../../shared/video/livePacer';
import { readTsSegment, streamTypeH264, TsFormatError } from '../../../../shared/video/mpegts';
import { FrameSource, type EncodedSample, type TrackConfig } from './frameSource';
import { LiveLoader } from './liveLoader';
import type { DrawnPicture, StreamEvent } from './wallProtocol';

/**
 * One camera, played in the wall's worker: its live playlist followed
 * (LiveLoader), each fMP4 segment read (shared/video/fmp4.ts) and decoded
 * just in time (FrameSource), and a clock that says which frame is due
 * (LivePacer). The worker asks it for the frame to draw; it tells the window
 * what the window's tile watch needs to know: first frame, stall, playing
 * again, errors, and the first playlist's end.
 */

/** A stream this player cannot decode (not H.264): the tile hands it to a <video>. */
class UnsupportedStream extends Error {}

/** How far past the playing position samples go to the decoder: a little more than one drawing interval. */
const decodeAheadUs = 250_000;

export class LiveStream {
  private readonly loader: LiveLoader;
  private readonly frames: FrameSource;
  private readonly pacer = new LivePacer();
  private fmp4Track: { initUrl: string; info: VideoTrackInfo } | null = null;
  private tsCodec: string | null = null;
  private shown: VideoFrame | null = null;
  private shownUs = -1;
  /** When the last new picture came due (epoch ms), and its program time. */
  lastFrameAtMs: number | null = null;
  programMs: number | null = null;
  endSN: number | null = null;
  /** Set by the worker when it draws this stream. */
  drawn: DrawnPicture | null = null;
  private waiting = false;
  private closed = false;

  constructor(
    readonly id: number,
    url: string,
    staleEndSN: number | null,
    private readonly post: (event: StreamEvent) => void,
    private readonly now: () => number,
    /** Asks the worker for a tick now rather than at the next drawing instant: the first picture is not kept waiting. */
    private readonly wake: () => void,
  ) {
    this.frames = new FrameSource({ failed: (message) => this.mediaFailed(message), decoded: () => this.shownUs < 0 && this.wake() });
    this.loader = new LiveLoader(url, staleEndSN, {
      playlist: (window, first) => {
        this.endSN = window.endSN;
        if (first) this.post({ kind: 'playlist', id, endSN: window.endSN, live: !window.ended });
      },
      segment: (segment, bytes, init, joined) => this.append(segment.programMs ?? null, segment.durationMs, bytes, init, joined),
      error: (error) => this.post({ kind: 'error', id, error }),
    });
    this.loader.start();
  }

  private append(programMs: number | null, durationMs: number, bytes: Uint8Array, init: { url: string; bytes: Uint8Array } | null, joined: boolean) {
    if (this.closed) return;
    const arrivedAt = this.now();
    try {
      const { track, samples } = init ? this.readFmp4(init, bytes) : this.readTs(bytes);
      // Without program date-times, the picture is dated by its arrival: playing still works, latency is not known.
      const startMs = programMs ?? this.syntheticStart(arrivedAt, durationMs);
      this.frames.append(track, samples, startMs);
      this.pacer.segmentArrived(startMs, startMs + durationMs, arrivedAt, joined);
      this.hasProgramTime = programMs !== null;
      if (this.shownUs < 0) this.wake();
    } catch (error) {
      const unsupported = error instanceof UnsupportedStream;
      this.post({ kind: 'error', id: this.id, error: { type: unsupported ? 'otherError' : 'mediaError', details: unsupported ? 'unsupportedFormat' : 'fragParsingError', fatal: true } });
    }
  }

  private readFmp4(init: { url: string; bytes: Uint8Array }, bytes: Uint8Array): { track: TrackConfig; samples: EncodedSample[] } {
    try {
      if (this.fmp4Track?.initUrl !== init.url) this.fmp4Track = { initUrl: init.url, info: readInitSegment(init.bytes) };
    } catch (error) {
      throw error instanceof Mp4FormatError && /not H\.264/.test(error.message) ? new UnsupportedStream() : error;
    }
    return { track: this.fmp4Track.info, samples: readMediaSegment(bytes, this.fmp4Track.info) };
  }

  /** MPEG-TS: H.264 in Annex B; the codec comes from the key frame's sequence parameter set. */
  private readTs(bytes: Uint8Array): { track: TrackConfig; samples: EncodedSample[] } {
    const video = readTsSegment(bytes);
    if (video.streamType !== streamTypeH264) throw new UnsupportedStream();
    this.tsCodec = video.codec ?? this.tsCodec;
    if (!this.tsCodec) throw new TsFormatError('no sequence parameter set yet');
    const samples = video.samples.map((sample, index) => {
      const next = video.samples[index + 1];
      return { pts: sample.pts, duration: next ? next.pts - sample.pts : (video.samples[index - 1] ? sample.pts - video.samples[index - 1]!.pts : 3_600), key: sample.key, data: sample.data };
    });
    return { track: { codec: this.tsCodec, description: null, timescale: 90_000 }, samples };
  }

  private hasProgramTime = true;
  private syntheticEndMs: number | null = null;
  private syntheticStart(arrivedAt: number, durationMs: number): number {
    const start = this.syntheticEndMs ?? arrivedAt - durationMs;
    this.syntheticEndMs = start + durationMs;
    return start;
  }

  /** Moves the stream's clock to now; the frame due, or null when there is none yet. Says when it stalls and plays again. */
  tick(): VideoFrame | null {
    if (this.closed) return null;
    const state = this.pacer.advance(this.now());
    if (state.mediaMs === null) return this.shown;
    const playingUs = state.mediaMs * 1000;
    this.frames.decodeUntil(playingUs + decodeAheadUs, playingUs);
    const frame = this.frames.frameAt(playingUs);
    if (frame && frame.timestamp !== this.shownUs) {
      const first = this.shownUs < 0;
      this.shown = frame;
      this.shownUs = frame.timestamp;
      this.lastFrameAtMs = this.now();
      this.programMs = this.hasProgramTime ? frame.timestamp / 1000 : null;
      if (first) this.post({ kind: 'frame', id: this.id, first: true });
      else if (this.waiting) this.post({ kind: 'frame', id: this.id, first: false });
      this.waiting = false;
    } else if (state.stalled && !this.waiting && this.shownUs >= 0) {
      this.waiting = true;
      this.post({ kind: 'waiting', id: this.id });
    }
    return this.shown;
  }

  /** The picture on screen, for a snapshot (still owned by the stream). */
  get current(): VideoFrame | null {
    return this.closed ? null : this.shown;
  }

  recover(): void {
    this.shown = null;
    this.frames.recover();
  }

  private mediaFailed(message: string) {
    if (this.closed) return;
    this.post({ kind: 'error', id: this.id, error: { type: 'mediaError', details: `decoder: ${message}`, fatal: true } });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.loader.stop();
    this.frames.close();
    this.shown = null;
  }
}
