import { describe, expect, it } from 'vitest';
import { blockingReloadUrl, PlaylistFormatError, readLivePlaylist } from '../../renderer/src/video/stream/livePlaylist';

const url = 'http://cam-a.localhost:5170/cam/a/sub/ll.m3u8?token=x';

const lowLatency = `#EXTM3U
#EXT-X-VERSION:9
#EXT-X-TARGETDURATION:1
#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600
#EXT-X-PART-INF:PART-TARGET=0.200000
#EXT-X-MEDIA-SEQUENCE:9619
#EXT-X-DISCONTINUITY-SEQUENCE:3
#EXT-X-MAP:URI="init.mp4"
#EXT-X-PROGRAM-DATE-TIME:2026-12-06T02:40:19.000Z
#EXTINF:1.000000,
9619.m4s
#EXT-X-DISCONTINUITY
#EXT-X-PROGRAM-DATE-TIME:2026-12-06T02:40:20.000Z
#EXT-X-PART:DURATION=0.200000,URI="9620.0.m4s",INDEPENDENT=YES
#EXTINF:1.000000,
9620.m4s
#EXTINF:1.000000,
9621.m4s
#EXT-X-PROGRAM-DATE-TIME:2026-12-06T02:40:22.000Z
#EXT-X-PART:DURATION=0.200000,URI="9622.0.m4s",INDEPENDENT=YES
#EXT-X-PRELOAD-HINT:TYPE=PART,URI="9622.1.m4s"
`;

describe('reading a live playlist', () => {
  it('gives complete segments with sequence, address, duration, program date-time and init segment', () => {
    const window = readLivePlaylist(lowLatency, url);
    expect(window.segments.map((segment) => segment.seq)).toEqual([9619, 9620, 9621]);
    expect(window.segments[0]).toEqual({
      seq: 9619,
      url: 'http://cam-a.localhost:5170/cam/a/sub/9619.m4s',
      durationMs: 1000,
      programMs: Date.parse('2026-12-06T02:40:19.000Z'),
      initUrl: 'http://cam-a.localhost:5170/cam/a/sub/init.mp4',
    });
    // A segment without a date-time of its own is dated by the durations before it.
    expect(window.segments[2]!.programMs).toBe(Date.parse('2026-12-06T02:40:21.000Z'));
    expect(window).toMatchObject({ endSN: 9621, targetDurationMs: 1000, canBlockReload: true, ended: false });
  });

  it('says MPEG-TS segments have no init segment, and a plain playlist cannot block', () => {
    const ts = readLivePlaylist('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:5\n#EXTINF:2.0,\n5.ts\n#EXTINF:2.0,\n6.ts\n', url);
    expect(ts.segments.map((segment) => [segment.seq, segment.initUrl, segment.programMs])).toEqual([
      [5, null, null],
      [6, null, null],
    ]);
    expect(ts.canBlockReload).toBe(false);
  });

  it('refuses what is not a media playlist, in words', () => {
    expect(() => readLivePlaylist('<html>502</html>', url)).toThrow(PlaylistFormatError);
    expect(() => readLivePlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nsub.m3u8\n', url)).toThrow(/multi-variant/);
  });

  it('asks for the next segment with a blocking-reload directive, keeping the address query', () => {
    expect(blockingReloadUrl(url, 9622)).toBe('http://cam-a.localhost:5170/cam/a/sub/ll.m3u8?token=x&_HLS_msn=9622');
  });
});
