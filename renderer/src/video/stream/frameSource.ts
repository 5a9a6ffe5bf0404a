/** What the decoder is configured with: an fMP4 track's configuration record, or none for Annex B (MPEG-TS). */
export interface TrackConfig {
  codec: string;
  description: Uint8Array | null;
  timescale: number;
}

export interface EncodedSample {
  pts: number;
  duration: number;
  key: boolean;
  data: Uint8Array;
}

/**
 * A camera's pictures, decoded with WebCodecs just ahead of when they are
 * shown. Encoded samples wait in order with their program times (µs); the
 * decoder is fed up to a little past the playing position, so a tile holds a
 * few decoded frames, not a segment's worth; the frame to show is the newest
 * at or before the playing position, and every older one is closed at once.
 *
 * Every frame must still be decoded (a P frame needs the one before it), but
 * if the decoder falls behind (a starved machine), it skips ahead to the
 * newest key frame already due rather than showing the past late.
 */

interface PendingSample {
  programUs: number;
  durationUs: number;
  key: boolean;
  data: Uint8Array;
}

export interface FrameSourceEvents {
  /** The decoder failed: hls.js calls it a fatal media error. */
  failed(message: string): void;
  /** A frame came out of the decoder. */
  decoded(): void;
}

export class FrameSource {
  private decoder: VideoDecoder | null = null;
  private config: VideoDecoderConfig | null = null;
  private pending: PendingSample[] = [];
  private decoded: VideoFrame[] = [];
  /** The decoder needs a key frame next (at start, after a reset or a skip). */
  private needKey = true;
  /** Program time (µs) up to which samples have arrived. */
  private endUs: number | null = null;

  constructor(private readonly events: FrameSourceEvents) {}

  /** The samples of one segment, placed on the program timeline from the segment's start. */
  append(track: TrackConfig, samples: EncodedSample[], segmentProgramMs: number): void {
    this.configure(track);
    if (samples.length === 0) return;
    const firstPts = Math.min(...samples.map((sample) => sample.pts));
    const toUs = (ticks: number) => (ticks * 1_000_000) / track.timescale;
    // Decode order is kept; WebCodecs reorders by timestamp on output.
    for (const sample of samples) {
      const programUs = segmentProgramMs * 1000 + toUs(sample.pts - firstPts);
      this.pending.push({ programUs, durationUs: toUs(sample.duration), key: sample.key, data: sample.data });
      this.endUs = Math.max(this.endUs ?? 0, programUs + toUs(sample.duration));
    }
  }

  private configure(track: TrackConfig) {
    const same = this.config && this.config.codec === track.codec && equalBytes(this.config.description as Uint8Array | undefined, track.description);
    if (same && this.decoder?.state === 'configured') return;
    // Without a description, WebCodecs reads H.264 as Annex B (the form MPEG-TS carries).
    this.config = { codec: track.codec, optimizeForLatency: true, ...(track.description ? { description: track.description } : {}) };
    this.decoder ??= new VideoDecoder({
      output: (frame) => {
        this.decoded.push(frame);
        this.events.decoded();
      },
      error: (error) => this.events.failed(error.message),
    });
    if (this.decoder.state === 'closed') return;
    this.decoder.configure(this.config);
    this.needKey = true;
  }

  /** Feeds the decoder every sample up to `untilUs` (program time), skipping to a due key frame when far behind. */
  decodeUntil(untilUs: number, playingUs: number): void {
    const decoder = this.decoder;
    if (!decoder || decoder.state !== 'configured') return;
    this.skipToDueKeyFrame(playingUs);
    while (this.pending.length > 0 && this.pending[0]!.programUs <= untilUs) {
      const sample = this.pending.shift()!;
      if (this.needKey && !sample.key) continue;
      this.needKey = false;
      decoder.decode(new EncodedVideoChunk({ type: sample.key ? 'key' : 'delta', timestamp: sample.programUs, duration: sample.durationUs, data: sample.data }));
    }
  }

  /** Far behind (more than a second of due samples not yet decoded): go on from the newest key frame already due. */
  private skipToDueKeyFrame(playingUs: number) {
    const first = this.pending[0];
    if (!first || playingUs - first.programUs < 1_000_000) return;
    let key = -1;
    for (let index = 0; index < this.pending.length && this.pending[index]!.programUs <= playingUs; index++) if (this.pending[index]!.key) key = index;
    if (key > 0) this.pending.splice(0, key);
  }

  /** The frame to show at `playingUs`: the newest decoded at or before it. Older frames are closed. */
  frameAt(playingUs: number): VideoFrame | null {
    let chosen = -1;
    for (let index = 0; index < this.decoded.length; index++) if (this.decoded[index]!.timestamp <= playingUs) chosen = index;
    if (chosen < 0) return null;
    for (const frame of this.decoded.splice(0, chosen)) frame.close();
    return this.decoded[0]!;
  }

  /** Program time (ms) up to which pictures have arrived; null before any. */
  get bufferedEndMs(): number | null {
    return this.endUs === null ? null : this.endUs / 1000;
  }

  /** After a decoder error: a fresh decoder from the next key frame (hls.js's recoverMediaError). */
  recover(): void {
    this.closeFrames();
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.needKey = true;
    const config = this.config;
    this.config = null;
    if (config) this.configure({ codec: config.codec, description: (config.description as Uint8Array | undefined) ?? null, timescale: 1 });
  }

  close(): void {
    this.closeFrames();
    this.pending = [];
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
  }

  private closeFrames() {
    for (const frame of this.decoded) frame.close();
    this.decoded = [];
  }
}

function equalBytes(a: Uint8Array | undefined, b: Uint8Array | null): boolean {
  if (!a || !b) return !a && !b;
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}
