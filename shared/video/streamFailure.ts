/**
 * Why a tile's stream is not live, in words the room can act on.
 *
 * The player (hls.js) reports errors by type and detail, with the HTTP status
 * when there was one; the tile names one reason from them. Pure, so that the
 * mapping is tested without a browser: the detail strings are hls.js's
 * `ErrorDetails` values (1.x), compared as text.
 *
 * - notFound: the gateway answers 404/410: the camera address is wrong or the
 *   camera is not registered (yet).
 * - network: no answer at all (connection refused or dropped).
 * - stale: the playlist stopped advancing: the camera stopped sending.
 * - stalled: a segment started arriving and then hung mid-way.
 * - malformed: what came back is not a playlist.
 * - media: the picture cannot be decoded.
 * - timeout: nothing arrived in time.
 * - noPicture: the player has not complained, yet no new frame came for long.
 */
export const failureReasons = ['notFound', 'network', 'stale', 'stalled', 'malformed', 'media', 'timeout', 'noPicture'] as const;
export type FailureReason = (typeof failureReasons)[number];

/** The parts of an hls.js error event the classification reads. */
export interface PlayerErrorInfo {
  /** `networkError`, `mediaError`, … */
  type: string;
  /** `manifestLoadError`, `fragLoadTimeOut`, … */
  details: string;
  fatal: boolean;
  /** HTTP status of the failed load; 0 or undefined when there was no answer. */
  httpStatus?: number | undefined;
  /** Bytes of the fragment received before the load failed, when it was a fragment. */
  fragmentBytesLoaded?: number | undefined;
}

export interface ErrorVerdict {
  /** The reason this error points at; null when it says nothing about the source (e.g. a buffer stall). */
  reason: FailureReason | null;
  /** Reconnect now (tear the player down, back off, retry) rather than let the player go on. */
  reconnect: boolean;
}

const parsingDetails = new Set(['manifestParsingError', 'levelParsingError', 'levelEmptyError']);
const timeoutDetails = new Set(['manifestLoadTimeOut', 'levelLoadTimeOut', 'audioTrackLoadTimeOut', 'fragLoadTimeOut', 'keyLoadTimeOut']);
const fragmentDetails = new Set(['fragLoadError', 'fragLoadTimeOut', 'aborted']);

/**
 * What one player error means for the tile. Fatal errors reconnect; a
 * playlist that stopped changing reconnects too (hls.js reports it as
 * non-fatal and would go on reloading it); other non-fatal errors only
 * leave a suspicion, used if the picture then stops.
 */
export function classifyPlayerError(error: PlayerErrorInfo): ErrorVerdict {
  if (error.details === 'playlistUnchangedError') return { reason: 'stale', reconnect: true };
  return { reason: reasonOf(error), reconnect: error.fatal };
}

function reasonOf(error: PlayerErrorInfo): FailureReason | null {
  if (error.type === 'mediaError') return error.fatal ? 'media' : null;
  if (parsingDetails.has(error.details)) return 'malformed';
  const status = error.httpStatus ?? 0;
  if (status === 404 || status === 410) return 'notFound';
  // A segment that began to arrive and never finished: the stream hangs mid-segment.
  if (fragmentDetails.has(error.details) && (error.fragmentBytesLoaded ?? 0) > 0 && status === 0) return 'stalled';
  if (timeoutDetails.has(error.details)) return 'timeout';
  // The player cancelling a load of its own accord says nothing about the source.
  if (error.details === 'aborted') return null;
  if (error.type === 'networkError') return 'network';
  return error.fatal ? 'network' : null;
}

/**
 * The reason the no-frame watchdog gives when it reconnects a tile: what the
 * player last suspected, else whether anything played since this connection
 * started (nothing at all: it timed out; pictures that stopped: no picture).
 */
export function watchdogReason(suspected: FailureReason | null, framesSinceConnect: boolean): FailureReason {
  return suspected ?? (framesSinceConnect ? 'noPicture' : 'timeout');
}

/** Where a live playlist ends (its last media sequence number). */
export interface PlaylistEnd {
  live: boolean;
  endSN: number;
}

/**
 * A reconnect after a stale playlist finds the same playlist again: still
 * stale. Without this the tile would replay the last few old segments,
 * show "live" for a moment, and go stale again, round and round.
 */
export function stillStale(staleEndSN: number | null, playlist: PlaylistEnd): boolean {
  return staleEndSN !== null && playlist.live && playlist.endSN <= staleEndSN;
}
