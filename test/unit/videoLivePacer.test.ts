import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPacerSettings, LivePacer } from '../../shared/video/livePacer';

/**
 * The clock of a tile drawn on the canvas: which program time it shows as segments arrive. Times are in ms; a
 * segment of 1 s published when complete arrives about 1 s after its first frame was captured.
 */

const segmentMs = 1_000;

/** Feeds `count` segments arriving `delay(n)` after their end, advancing every 40 ms; returns what was shown. */
function play(count: number, delay: (n: number) => number, settings = defaultPacerSettings) {
  const pacer = new LivePacer(settings);
  const shown: Array<{ at: number; mediaMs: number; stalled: boolean }> = [];
  const arrivals = Array.from({ length: count }, (_, n) => ({ n, at: (n + 1) * segmentMs + delay(n) }));
  pacer.segmentArrived(0, segmentMs, arrivals[0]!.at, true);
  let next = 1;
  for (let at = arrivals[0]!.at; at < count * segmentMs + 3_000; at += 40) {
    while (next < count && arrivals[next]!.at <= at) {
      pacer.segmentArrived(next * segmentMs, (next + 1) * segmentMs, arrivals[next]!.at);
      next += 1;
    }
    const state = pacer.advance(at);
    shown.push({ at, mediaMs: state.mediaMs!, stalled: state.stalled });
  }
  return shown.filter((sample) => sample.at < count * segmentMs);
}

describe('the live pacer', () => {
  it('settles a steady stream about one segment plus a margin behind, and never stalls', () => {
    const shown = play(30, () => 20);
    const late = shown.filter((sample) => sample.at > 10_000);
    for (const sample of late) {
      expect(sample.stalled).toBe(false);
      const latency = sample.at - sample.mediaMs;
      expect(latency).toBeGreaterThan(segmentMs);
      expect(latency).toBeLessThan(segmentMs + 20 + defaultPacerSettings.marginMs + 100);
    }
  });

  it('starts inside the segment it joins, already close to its target', () => {
    const pacer = new LivePacer();
    // Joined 700 ms after the segment was complete (a first, non-blocking playlist load).
    pacer.segmentArrived(0, segmentMs, segmentMs + 700, true);
    const first = pacer.advance(segmentMs + 700).mediaMs!;
    expect(first).toBeGreaterThan(0);
    expect(segmentMs + 700 - first).toBeCloseTo(segmentMs + defaultPacerSettings.marginMs, -1);
  });

  it('moves forward only, and never past what has arrived', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 12, maxLength: 12 }), (delays) => {
        const shown = play(12, (n) => delays[n]!);
        for (let index = 1; index < shown.length; index++) expect(shown[index]!.mediaMs).toBeGreaterThanOrEqual(shown[index - 1]!.mediaMs);
        for (const sample of shown) {
          const arrived = delays.filter((delay, n) => (n + 1) * segmentMs + delay <= sample.at).length;
          expect(sample.mediaMs).toBeLessThanOrEqual(Math.max(segmentMs, arrived * segmentMs));
        }
      }),
    );
  });

  it('after a late segment stalls it, it plays from where it stopped and widens its margin, then closes the gap slowly', () => {
    const shown = play(30, (n) => (n === 10 ? 900 : 20));
    const stalls = shown.filter((sample, index) => sample.stalled && !shown[index - 1]?.stalled);
    expect(stalls).toHaveLength(1);
    const afterStall = shown.filter((sample) => sample.at > 13_000 && sample.at < 16_000);
    expect(afterStall.every((sample) => !sample.stalled)).toBe(true);
    // The catch-up is gradual: at most 10 % faster than real time.
    for (let index = 1; index < afterStall.length; index++) {
      expect(afterStall[index]!.mediaMs - afterStall[index - 1]!.mediaMs).toBeLessThanOrEqual(40 * defaultPacerSettings.catchUpRate + 0.001);
    }
  });

  it('after an outage, starts again on the segment it rejoins instead of crawling through the gap', () => {
    const pacer = new LivePacer();
    pacer.segmentArrived(0, segmentMs, 1_020, true);
    for (let n = 1; n < 4; n++) pacer.segmentArrived(n * segmentMs, (n + 1) * segmentMs, (n + 1) * segmentMs + 20);
    for (let at = 1_020; at <= 12_000; at += 200) pacer.advance(at);
    expect(pacer.advance(12_000).stalled).toBe(true);
    // The network is back: the loader skips to the newest segment (11 s – 12 s), arriving at 12.02 s.
    pacer.segmentArrived(11 * segmentMs, 12 * segmentMs, 12_020, true);
    const state = pacer.advance(12_020);
    expect(state.stalled).toBe(false);
    expect(state.mediaMs!).toBeGreaterThanOrEqual(11 * segmentMs);
  });

  it('a window that was not drawn for seconds is not moved at a catch-up or fall-back rate for all of it', () => {
    const pacer = new LivePacer();
    pacer.segmentArrived(0, segmentMs, 1_020, true);
    pacer.advance(1_020);
    const shown = pacer.advance(1_040).mediaMs!;
    for (let n = 1; n < 12; n++) pacer.segmentArrived(n * segmentMs, (n + 1) * segmentMs, (n + 1) * segmentMs + 20);
    const later = pacer.advance(9_040).mediaMs!;
    expect(later - shown).toBeGreaterThan(8_000 - 500 * (1 - defaultPacerSettings.fallBackRate) - 1);
  });
});
