import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Mp4FormatError, readInitSegment, readMediaSegment, topLevelBoxes } from '../../shared/video/fmp4';

const file = new Uint8Array(readFileSync('resources/demo/video/fractal/main/clip.mp4'));
const boxes = topLevelBoxes(file);
const initEnd = boxes.find((box) => box.type === 'moov')!.end;

describe('fragmented MP4', () => {
  it('reads the H.264 track of an init segment: codec string, configuration record, size, timescale', () => {
    const track = readInitSegment(file.subarray(0, initEnd));
    expect(track).toMatchObject({ trackId: 1, timescale: 90_000, width: 960, height: 540 });
    expect(track.codec).toBe(`avc1.${[...track.description.subarray(1, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`);
    expect(track.description[0]).toBe(1);
  });

  it('reads every sample of every fragment in decode order, key frames once a second, bytes as stored', () => {
    const track = readInitSegment(file.subarray(0, initEnd));
    const samples = readMediaSegment(file.subarray(initEnd), track);
    expect(samples).toHaveLength(200);
    expect(samples.filter((sample) => sample.key).map((sample) => sample.dts / track.timescale)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const [index, sample] of samples.entries()) {
      expect(sample.dts).toBe(index * 3_600);
      // AVCC: each NAL unit is length-prefixed, and the lengths add up to the sample.
      let at = 0;
      while (at < sample.data.length) at += 4 + new DataView(sample.data.buffer, sample.data.byteOffset + at).getUint32(0);
      expect(at).toBe(sample.data.length);
    }
  });

  it('refuses what it cannot read with a named error rather than reading past the end', () => {
    expect(() => readInitSegment(file.subarray(initEnd))).toThrow(Mp4FormatError);
    expect(() => readInitSegment(file.subarray(0, initEnd - 10))).toThrow(/overruns/);
    const track = readInitSegment(file.subarray(0, initEnd));
    const firstFragment = boxes.find((box) => box.type === 'mdat')!;
    expect(() => readMediaSegment(file.subarray(initEnd, firstFragment.end - 100), track)).toThrow(Mp4FormatError);
    // A fragment of another track has no samples for this one.
    expect(readMediaSegment(file.subarray(initEnd), { ...track, trackId: 2 })).toEqual([]);
  });
});
