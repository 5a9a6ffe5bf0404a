import { parse } from 'hls-parser';
import type { MediaPlaylist } from 'hls-parser/types';

/**
 * A live media playlist, read with hls-parser and reduced to what a tile
 * needs: its segments with sequence numbers, durations, program date-times
 * and init segment, and whether the gateway supports blocking reload.
 */

export interface LiveSegment {
  seq: number;
  url: string;
  durationMs: number;
  /** EXT-X-PROGRAM-DATE-TIME in ms since the epoch; null when the playlist has none. */
  programMs: number | null;
  /** The fMP4 init segment (EXT-X-MAP); null for MPEG-TS. */
  initUrl: string | null;
}

export interface LiveWindow {
  segments: LiveSegment[];
  /** Last media sequence number; -1 for an empty playlist. */
  endSN: number;
  targetDurationMs: number;
  canBlockReload: boolean;
  /** EXT-X-ENDLIST: the stream has ended (a camera should never say so). */
  ended: boolean;
}

/** What is wrong with a playlist: not a playlist at all, or a master playlist where a media playlist was expected. */
export class PlaylistFormatError extends Error {}

export function readLivePlaylist(text: string, playlistUrl: string): LiveWindow {
  if (!text.trimStart().startsWith('#EXTM3U')) throw new PlaylistFormatError('not a playlist (no #EXTM3U)');
  let playlist: MediaPlaylist;
  try {
    const parsed = parse(text);
    if (parsed.isMasterPlaylist) throw new PlaylistFormatError('a multi-variant playlist: give the camera one stream address per rendition');
    playlist = parsed as MediaPlaylist;
  } catch (error) {
    throw error instanceof PlaylistFormatError ? error : new PlaylistFormatError(error instanceof Error ? error.message : String(error));
  }
  const resolve = (uri: string) => new URL(uri, playlistUrl).href;
  // A low-latency playlist ends with the segment being captured: parts only, no address of its own yet.
  const complete = playlist.segments.filter((segment) => segment.uri && segment.duration > 0);
  const segments = complete.map((segment) => ({
    seq: segment.mediaSequenceNumber,
    url: resolve(segment.uri),
    durationMs: Math.round(segment.duration * 1000),
    programMs: segment.programDateTime ? segment.programDateTime.getTime() : null,
    initUrl: segment.map ? resolve(segment.map.uri) : null,
  }));
  // hls-parser gives a date-time only to the segment that carries the tag; later ones are dated by durations.
  for (let index = 1; index < segments.length; index++) {
    const previous = segments[index - 1]!;
    if (segments[index]!.programMs === null && previous.programMs !== null) segments[index]!.programMs = previous.programMs + previous.durationMs;
  }
  return {
    segments,
    endSN: segments.at(-1)?.seq ?? -1,
    targetDurationMs: playlist.targetDuration * 1000,
    canBlockReload: playlist.lowLatencyCompatibility?.canBlockReload ?? false,
    ended: playlist.endlist,
  };
}

/** The playlist address with a blocking-reload directive for sequence `msn` (RFC 8216bis, 6.2.5.2). */
export function blockingReloadUrl(playlistUrl: string, msn: number): string {
  const url = new URL(playlistUrl);
  url.searchParams.set('_HLS_msn', String(msn));
  return url.href;
}
