import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInitSegment, readMediaSegment, topLevelBoxes } from '../../shared/video/fmp4';
import { readTsSegment, streamTypeH264, TsFormatError } from '../../shared/video/mpegts';

const segment = (clip: string, rendition: string, index: number) => new Uint8Array(readFileSync(`resources/demo/video/${clip}/${rendition}/seg_00${index}.ts`));

describe('MPEG-TS segments', () => {
  it('give the H.264 access units of a segment with 90 kHz times, one key frame first, and the codec', () => {
    const video = readTsSegment(segment('patterns', 'sub', 3));
    expect(video.streamType).toBe(streamTypeH264);
    expect(video.samples).toHaveLength(25);
    expect(video.samples.map((sample) => sample.key)).toEqual([true, ...Array(24).fill(false)]);
    for (let index = 1; index < 25; index++) expect(video.samples[index]!.pts - video.samples[index - 1]!.pts).toBe(3_600);
    // The same pictures as the fMP4 copy of the clip: same codec, same frame sizes less the Annex B / AVCC framing.
    const mp4 = new Uint8Array(readFileSync('resources/demo/video/patterns/sub/clip.mp4'));
    const initEnd = topLevelBoxes(mp4).find((box) => box.type === 'moov')!.end;
    const track = readInitSegment(mp4.subarray(0, initEnd));
    expect(video.codec).toBe(track.codec);
    const fmp4Samples = readMediaSegment(mp4.subarray(initEnd), track).slice(75, 100);
    expect(video.samples[5]!.data.length).toBeGreaterThan(fmp4Samples[5]!.data.length - 40);
  });

  it('refuses what is not MPEG-TS', () => {
    expect(() => readTsSegment(new TextEncoder().encode('<html>502 Bad Gateway</html>'.padEnd(400)))).toThrow(TsFormatError);
    const broken = segment('bars', 'main', 0).slice();
    broken[188 * 3] = 0;
    expect(() => readTsSegment(broken)).toThrow(/lost sync/);
  });
});
