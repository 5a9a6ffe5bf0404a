import { completeParts, latestCompleteSeq, partSecondsOf, passOf, positionStartMs, segmentIndex, type CameraTimeline } from './liveTimeline';

/**
 * The live playlists a camera offers, as real gateways do:
 * - `ts` (`index.m3u8`): MPEG-TS segments, reloaded by polling: what every gateway serves.
 * - `cmaf` (`cmaf.m3u8`): the same segments as fragmented MP4 (no transmuxing in the browser), and blocking
 *   playlist reload (`?_HLS_msn=`): a client asks for the next segment's playlist and gets it the moment the
 *   segment is complete, one request per segment instead of polling.
 * - `ll` (`ll.m3u8`): low-latency HLS: the cmaf playlist plus 0.2 s partial segments and a preload hint.
 */
export const playlistKinds = ['ts', 'cmaf', 'll'] as const;
export type PlaylistKind = (typeof playlistKinds)[number];

export const playlistFile: Record<PlaylistKind, string> = { ts: 'index.m3u8', cmaf: 'cmaf.m3u8', ll: 'll.m3u8' };

/** Parts are listed for the segments of the last few seconds (RFC 8216bis: at least three target durations). */
const segmentsWithParts = 3;

export function livePlaylist(camera: CameraTimeline, nowMs: number, windowSegments: number, kind: PlaylistKind): string {
  const { clip } = camera;
  const latest = latestCompleteSeq(camera, nowMs);
  const first = Math.max(0, latest - windowSegments + 1);
  const firstPosition = first + camera.offset;
  const targetDuration = Math.ceil(Math.max(...clip.durationsMs) / 1000);
  const partTarget = Math.max(...(partSecondsOf(camera, 0).length > 0 ? partSecondsOf(camera, 0) : [0]));
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${kind === 'ts' ? 3 : kind === 'cmaf' ? 7 : 9}`,
    `#EXT-X-TARGETDURATION:${targetDuration}`,
    ...(kind === 'cmaf' ? ['#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES'] : []),
    ...(kind === 'll' ? [`#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${(3 * partTarget).toFixed(3)}`, `#EXT-X-PART-INF:PART-TARGET=${partTarget.toFixed(6)}`] : []),
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    // One discontinuity per pass of the clip (its timestamps restart), counted
    // up to the first listed segment, whose own tag is dropped as it leaves.
    `#EXT-X-DISCONTINUITY-SEQUENCE:${passOf(clip, firstPosition) - passOf(clip, camera.offset)}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...(kind === 'ts' ? [] : ['#EXT-X-MAP:URI="init.mp4"']),
  ];
  const segmentHead = (seq: number) => {
    const position = seq + camera.offset;
    if (seq > first && segmentIndex(clip, position) === 0) lines.push('#EXT-X-DISCONTINUITY');
    // When this segment's first frame was "captured": a player's latency is now minus this.
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(positionStartMs(camera, position)).toISOString()}`);
  };
  const partLines = (seq: number, count: number) => {
    partSecondsOf(camera, seq)
      .slice(0, count)
      .forEach((seconds, part) => lines.push(`#EXT-X-PART:DURATION=${seconds.toFixed(6)},URI="${seq}.${part}.m4s"${part === 0 ? ',INDEPENDENT=YES' : ''}`));
  };
  for (let seq = first; seq <= latest; seq++) {
    segmentHead(seq);
    if (kind === 'll' && seq > latest - segmentsWithParts) partLines(seq, Infinity);
    lines.push(`#EXTINF:${clip.durationTexts[segmentIndex(clip, seq + camera.offset)]},`);
    lines.push(kind === 'ts' ? `${seq}.ts` : `${seq}.m4s`);
  }
  if (kind === 'll') {
    // The segment being captured: its finished parts, then a hint for the part that comes next.
    const capturing = latest + 1;
    const done = completeParts(camera, capturing, nowMs);
    if (done > 0) segmentHead(capturing);
    partLines(capturing, done);
    const next = done < partSecondsOf(camera, capturing).length ? `${capturing}.${done}` : `${capturing + 1}.0`;
    lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${next}.m4s"`);
  }
  return lines.join('\n') + '\n';
}
