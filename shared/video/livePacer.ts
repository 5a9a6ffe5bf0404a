/**
 * When a live tile shows which frame: the clock of a live stream played
 * without a media element (video decoded by WebCodecs, drawn on a canvas).
 *
 * Frames are placed on their program time (the camera's clock, from
 * EXT-X-PROGRAM-DATE-TIME), and the tile plays a fixed distance behind the
 * moment data arrives, measured rather than assumed: each segment's lateness
 * is when it arrived minus when its first frame was captured. With whole
 * segments published when complete, that is about one segment duration plus
 * the network; a gateway whose clock is off shifts it, and the pacer follows.
 * The tile plays `max(recent lateness) + margin` behind, so every segment is
 * there before its first frame is due; a stall widens the margin a little,
 * and quiet segments narrow it again. Drift is corrected by playing slightly
 * faster or slower (nobody sees 10 % on a live street camera), never by
 * jumping, unless the tile is hopelessly late.
 *
 * Pure: times come in as arguments (milliseconds on one monotonic clock for
 * arrival and "now", program time for frames), so it is tested step by step.
 */

export interface PacerSettings {
  /** Safety margin over the worst recent lateness. */
  marginMs: number;
  /** Added to the margin at each stall, up to `maxMarginMs`; taken back by `marginDecayMs` per segment. */
  stallPenaltyMs: number;
  maxMarginMs: number;
  marginDecayMs: number;
  /** How many recent segments' lateness count. */
  recentSegments: number;
  /** Rates used to close a gap larger than `toleranceMs`. */
  catchUpRate: number;
  fallBackRate: number;
  toleranceMs: number;
  /** Further behind than this, jump instead of catching up. */
  jumpBeyondMs: number;
}

export const defaultPacerSettings: PacerSettings = {
  marginMs: 200,
  stallPenaltyMs: 150,
  maxMarginMs: 1_500,
  marginDecayMs: 10,
  recentSegments: 6,
  catchUpRate: 1.1,
  fallBackRate: 0.92,
  toleranceMs: 60,
  jumpBeyondMs: 3_000,
};

const maxRatedStepMs = 500;

export interface PacerState {
  /** Program time being shown; null before the first segment. */
  mediaMs: number | null;
  stalled: boolean;
  rate: number;
}

export class LivePacer {
  private mediaMs: number | null = null;
  private lastAdvanceAt = 0;
  private rate = 1;
  private stalled = false;
  private margin: number;
  private readonly lateness: number[] = [];
  /** Program time up to which frames are available (end of the newest segment received). */
  private bufferedEndMs: number | null = null;
  private segmentMs = 1_000;

  constructor(private readonly settings: PacerSettings = defaultPacerSettings) {
    this.margin = settings.marginMs;
  }

  /** How far behind arrival the tile aims to play. */
  targetOffsetMs(segmentMs: number): number {
    const worst = this.lateness.length > 0 ? Math.max(...this.lateness) : segmentMs;
    return worst + this.margin;
  }

  /**
   * A segment arrived: its first frame's program time, its end, and when it arrived. `joined` marks a segment a tile
   * starts on, or starts again on after an outage (fetched late, out of the normal rhythm): it sets where to start
   * but says nothing about the gateway's lateness.
   */
  segmentArrived(startMs: number, endMs: number, arrivedAt: number, joined = false): void {
    if (!joined) {
      this.lateness.push(arrivedAt - startMs);
      if (this.lateness.length > this.settings.recentSegments) this.lateness.shift();
      this.margin = Math.max(this.settings.marginMs, this.margin - this.settings.marginDecayMs);
    }
    this.segmentMs = endMs - startMs;
    this.bufferedEndMs = Math.max(this.bufferedEndMs ?? endMs, endMs);
    // Joined again after an outage (the loader skipped to the newest segment): start over from there.
    if (this.mediaMs === null || (joined && this.mediaMs < startMs)) {
      // Start where the target offset puts the picture, but inside what has arrived.
      const target = arrivedAt - this.targetOffsetMs(endMs - startMs);
      this.mediaMs = Math.min(Math.max(startMs, target), endMs);
      this.lastAdvanceAt = arrivedAt;
    }
  }

  /** Moves the clock to `now` and says what to show. */
  advance(now: number): PacerState {
    if (this.mediaMs === null || this.bufferedEndMs === null) return { mediaMs: null, stalled: false, rate: 1 };
    const elapsed = Math.max(0, now - this.lastAdvanceAt);
    this.lastAdvanceAt = now;
    // A rate is chosen for the next moment, not for a long gap between calls (a window that was not drawn for a while).
    if (!this.stalled) this.mediaMs += Math.min(elapsed, maxRatedStepMs) * this.rate + Math.max(0, elapsed - maxRatedStepMs);
    const target = this.targetOffsetMs(this.segmentMs);
    const behind = now - this.mediaMs - target;
    if (behind > this.settings.jumpBeyondMs) {
      this.mediaMs = Math.min(this.bufferedEndMs, now - target);
      this.rate = 1;
    } else {
      this.rate = behind > this.settings.toleranceMs ? this.settings.catchUpRate : behind < -this.settings.toleranceMs ? this.settings.fallBackRate : 1;
    }
    if (this.mediaMs >= this.bufferedEndMs) {
      if (!this.stalled) this.margin = Math.min(this.settings.maxMarginMs, this.margin + this.settings.stallPenaltyMs);
      this.mediaMs = this.bufferedEndMs;
      this.stalled = true;
    } else {
      this.stalled = false;
    }
    return { mediaMs: this.mediaMs, stalled: this.stalled, rate: this.rate };
  }
}
