import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadClips, renditions, type Rendition } from './demoClips';
import { livePlaylist, playlistFile, playlistKinds, type PlaylistKind } from './livePlaylists';
import { capturingSeq, completeParts, latestCompleteSeq, partReadyAtMs, partsOf, planTimelines, segmentIndex, seqStartMs, type CameraTimeline, type LiveCamera } from './liveTimeline';

/**
 * The demo's live cameras. A few short pre-encoded clips
 * (scripts/make-demo-clips.sh) are looped into a sliding live HLS playlist
 * per camera, computed from the wall clock: no encoder runs, so two dozen
 * cameras cost almost nothing, and yet every playlist behaves like a real
 * camera restream (media sequence advancing, program date-time, a
 * discontinuity where the clip loops). Each camera is offered as MPEG-TS,
 * as fragmented MP4 with blocking playlist reload, and as low-latency HLS
 * (livePlaylists.ts). Fault switches make a camera fail the ways real ones
 * do, for tests and for the demo's fault control.
 */

export { cameraHostLabel, type LiveCamera } from './liveTimeline';
export { renditions, type Rendition } from './demoClips';
export { playlistKinds, type PlaylistKind } from './livePlaylists';

export const streamFaults = ['notFound', 'stale', 'stall', 'malformed', 'offline'] as const;
/**
 * - notFound: playlist and segments answer 404.
 * - stale: the playlist stops advancing (frozen at the moment the fault was set).
 * - stall: segment responses send about half their bytes, then hang until the
 *   fault is cleared (the rest is then sent) or the client gives up.
 * - malformed: the playlist is garbage (no #EXTM3U).
 * - offline: every connection for the camera is destroyed without an answer.
 */
export type StreamFault = (typeof streamFaults)[number];

export interface LiveHlsServerOptions {
  /** The folder holding clips.json (resources/demo/video). */
  clipsDir: string;
  cameras: readonly LiveCamera[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Segments listed in each playlist; at least 3. */
  windowSegments?: number;
  /** Wall clock in ms; injected by tests. */
  now?: () => number;
}

export interface FaultSwitches {
  /** Sets or (with null) clears a camera's fault. Throws for an unknown camera. */
  set(cameraId: string, fault: StreamFault | null): void;
  get(cameraId: string): StreamFault | null;
  clearAll(): void;
}

export interface LiveHlsServer {
  port: number;
  /** The camera's playlist, on its own host name so that no tile waits for another's connections. */
  urlFor(cameraId: string, rendition: Rendition, kind?: PlaylistKind): string;
  /** Whether the camera is offered as fragmented MP4 (cmaf and ll playlists). */
  offersFmp4(cameraId: string): boolean;
  faults: FaultSwitches;
  close(): Promise<void>;
}

export const demoClipsDir = (resourcesDir: string) => join(resourcesDir, 'demo', 'video');

// ---------------------------------------------------------------------------
// Requests

type Route = { cameraId: string; rendition: Rendition } & (
  | { kind: 'playlist'; playlist: PlaylistKind }
  | { kind: 'init' }
  | { kind: 'segment'; seq: number; format: 'ts' | 'm4s'; part: number | null }
);

/** `/cam/<id>/<rendition>/<file>`: a playlist, `init.mp4`, `<seq>.ts`, `<seq>.m4s` or `<seq>.<part>.m4s`; anything else is not ours. */
function parseRoute(path: string): Route | null {
  const parts = path.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'cam') return null;
  const cameraId = decodeSegment(parts[2]!);
  const rendition = renditions.find((name) => name === parts[3]);
  if (cameraId === null || !rendition) return null;
  const file = parts[4]!;
  const playlist = playlistKinds.find((kind) => playlistFile[kind] === file);
  if (playlist) return { cameraId, rendition, kind: 'playlist', playlist };
  if (file === 'init.mp4') return { cameraId, rendition, kind: 'init' };
  // Fifteen digits stay far inside safe integers; longer numbers are nobody's segment.
  const segment = /^(\d{1,15})(?:\.(\d{1,3}))?\.(ts|m4s)$/.exec(file);
  if (!segment || (segment[3] === 'ts' && segment[2] !== undefined)) return null;
  return { cameraId, rendition, kind: 'segment', seq: Number(segment[1]), format: segment[3] as 'ts' | 'm4s', part: segment[2] === undefined ? null : Number(segment[2]) };
}

function decodeSegment(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Blocking-reload directives (`_HLS_msn`, `_HLS_part`); null when absent, 'bad' when unusable. */
function deliveryDirectives(query: URLSearchParams): { msn: number; part: number | null } | null | 'bad' {
  const msn = query.get('_HLS_msn');
  const part = query.get('_HLS_part');
  if (msn === null) return part === null ? null : 'bad';
  if (!/^\d{1,15}$/.test(msn) || (part !== null && !/^\d{1,3}$/.test(part))) return 'bad';
  return { msn: Number(msn), part: part === null ? null : Number(part) };
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': '*',
};

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { ...corsHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end(text);
}

/** A segment response held half-sent by the `stall` fault. */
interface StalledResponse {
  response: ServerResponse;
  rest: Buffer;
}

/**
 * How early a hold's timer may fire against the clock the parts are timed by: a timer counts from the event
 * loop's cached time, which lags the moment it was set by a few milliseconds on a busy machine.
 */
const earlyTimerSlackMs = 20;
/**
 * How long a blocking request is held at most: three target durations (RFC 8216bis). A camera that produces
 * nothing in that time gets its playlist as it is, and the client sees it has not moved.
 */
const holdLimitMs = (camera: CameraTimeline) => 3 * Math.ceil(Math.max(...camera.clip.durationsMs) / 1000) * 1000;

export async function startLiveHlsServer(options: LiveHlsServerOptions): Promise<LiveHlsServer> {
  const now = options.now ?? Date.now;
  const windowSegments = Math.max(3, Math.floor(options.windowSegments ?? 4));
  const timelines = new Map(planTimelines(options.cameras, await loadClips(options.clipsDir), Math.floor(now() / 86_400_000) * 86_400_000).map((camera) => [camera.id, camera]));
  const activeFaults = new Map<string, { fault: StreamFault; sinceMs: number }>();
  const stalled = new Map<string, Set<StalledResponse>>();
  const held = new Set<ReturnType<typeof setTimeout>>();

  const faults: FaultSwitches = {
    set(cameraId, fault) {
      if (!timelines.has(cameraId)) throw new Error(`unknown camera ${cameraId}`);
      if (fault !== null && !streamFaults.includes(fault)) throw new Error(`unknown fault ${String(fault)}`);
      const previous = activeFaults.get(cameraId);
      if (previous?.fault === fault) return;
      if (fault === null) activeFaults.delete(cameraId);
      else activeFaults.set(cameraId, { fault, sinceMs: now() });
      if (previous?.fault === 'stall') releaseStalled(cameraId, fault === 'offline');
    },
    get: (cameraId) => activeFaults.get(cameraId)?.fault ?? null,
    clearAll() {
      for (const cameraId of [...activeFaults.keys()]) faults.set(cameraId, null);
    },
  };

  /** Ends the camera's held responses: the rest of the bytes, or (going offline) a dropped connection. */
  function releaseStalled(cameraId: string, drop: boolean) {
    for (const each of stalled.get(cameraId) ?? []) {
      if (drop) each.response.destroy();
      else each.response.end(each.rest);
    }
    stalled.delete(cameraId);
  }

  /** Answers later (a blocking reload, a preload hint); the faults are looked at again when it is answered. */
  function later(request: IncomingMessage, response: ServerResponse, delayMs: number) {
    const timer = setTimeout(() => {
      held.delete(timer);
      if (!response.destroyed) serve(request, response, false);
    }, delayMs);
    held.add(timer);
    response.once('close', () => {
      clearTimeout(timer);
      held.delete(timer);
    });
  }

  /** Whether a fault answered the request already. */
  function answeredByFault(camera: CameraTimeline, request: IncomingMessage, response: ServerResponse): boolean {
    const active = activeFaults.get(camera.id);
    if (active?.fault === 'offline') {
      request.socket.destroy();
      return true;
    }
    if (active?.fault === 'notFound') {
      sendText(response, 404, 'Stream not available.');
      return true;
    }
    return false;
  }

  /** The wall time the camera's playlists show: frozen by the `stale` fault. */
  const playlistTime = (camera: CameraTimeline) => {
    const active = activeFaults.get(camera.id);
    return active?.fault === 'stale' ? active.sinceMs : now();
  };

  function servePlaylist(camera: CameraTimeline, route: Extract<Route, { kind: 'playlist' }>, query: URLSearchParams, request: IncomingMessage, response: ServerResponse, mayHold: boolean) {
    if (route.playlist !== 'ts' && !camera.clip.fmp4) return sendText(response, 404, 'This camera is offered as MPEG-TS only.');
    const directives = route.playlist === 'ts' ? null : deliveryDirectives(query);
    if (directives === 'bad') return sendText(response, 400, 'Bad _HLS_msn or _HLS_part.');
    if (directives && mayHold) {
      const at = playlistTime(camera);
      const newest = route.playlist === 'll' ? capturingSeq(camera, at) : latestCompleteSeq(camera, at);
      // A request too far ahead is refused (RFC 8216bis: more than two segments past the newest).
      if (directives.msn > newest + 2) return sendText(response, 400, 'Requested segment is too far in the future.');
      const readyAt = directives.part === null || route.playlist === 'cmaf' ? seqStartMs(camera, directives.msn + 1) : partReadyAtMs(camera, directives.msn, directives.part);
      const stale = activeFaults.get(camera.id)?.fault === 'stale';
      const waitMs = stale ? holdLimitMs(camera) : Math.min(holdLimitMs(camera), readyAt - now());
      if (waitMs > 0) return later(request, response, waitMs);
    }
    const body =
      activeFaults.get(camera.id)?.fault === 'malformed'
        ? '<html><body>502 upstream error</body></html>\n\x00\x13garbage'
        : livePlaylist(camera, playlistTime(camera), windowSegments, route.playlist);
    response.writeHead(200, { ...corsHeaders, 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /** The bytes of a segment or part; null when it does not exist (yet); a delay when a preload hint may wait for it. */
  function mediaOf(camera: CameraTimeline, route: Extract<Route, { kind: 'segment' }>): Buffer | null | { waitMs: number } {
    const latest = latestCompleteSeq(camera, now());
    if (route.format === 'ts') return route.seq > latest ? null : camera.clip.segments[route.rendition][segmentIndex(camera.clip, route.seq + camera.offset)]!;
    const parts = partsOf(camera, route.seq, route.rendition);
    if (!parts) return null;
    if (route.part === null) return route.seq > latest ? null : Buffer.concat(parts);
    if (route.part >= parts.length) return null;
    if (route.seq <= latest || route.part < completeParts(camera, route.seq, now())) return parts[route.part]!;
    // A part not finished yet: held until it is, as a preload hint asks (a little further ahead is refused).
    const waitMs = partReadyAtMs(camera, route.seq, route.part) - now();
    return waitMs <= holdLimitMs(camera) ? { waitMs } : null;
  }

  function serveMedia(camera: CameraTimeline, route: Exclude<Route, { kind: 'playlist' }>, request: IncomingMessage, response: ServerResponse, mayHold: boolean) {
    const fmp4 = camera.clip.fmp4;
    if (route.kind === 'init') {
      if (!fmp4) return sendText(response, 404, 'This camera is offered as MPEG-TS only.');
      return sendMedia(camera, request, response, fmp4[route.rendition].init, 'video/mp4');
    }
    const bytes = mediaOf(camera, route);
    // A held hint asks again when its timer fires; one that fires a little before the clock reaches the part is held again.
    if (bytes && 'waitMs' in bytes) return mayHold || bytes.waitMs <= earlyTimerSlackMs ? later(request, response, Math.max(1, bytes.waitMs)) : sendText(response, 404, 'Part not available.');
    if (!bytes) return sendText(response, 404, 'Segment not available yet.');
    sendMedia(camera, request, response, bytes, route.format === 'ts' ? 'video/mp2t' : 'video/iso.segment');
  }

  function sendMedia(camera: CameraTimeline, request: IncomingMessage, response: ServerResponse, bytes: Buffer, type: string) {
    // Live segments are watched once: caching them would only churn the renderer's disk cache.
    response.writeHead(200, { ...corsHeaders, 'content-type': type, 'cache-control': 'no-store', 'content-length': bytes.length });
    if (request.method === 'HEAD') {
      response.end();
    } else if (activeFaults.get(camera.id)?.fault === 'stall') {
      const half = Math.floor(bytes.length / 2);
      response.write(bytes.subarray(0, half));
      const hold = { response, rest: bytes.subarray(half) };
      const set = stalled.get(camera.id) ?? new Set<StalledResponse>();
      stalled.set(camera.id, set);
      set.add(hold);
      response.once('close', () => set.delete(hold));
    } else {
      response.end(bytes);
    }
  }

  function serve(request: IncomingMessage, response: ServerResponse, mayHold = true) {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...corsHeaders, 'access-control-max-age': '86400' }).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Only GET and HEAD.');
    const [path = '', search = ''] = (request.url ?? '').split('?', 2);
    const route = parseRoute(path);
    if (!route) return sendText(response, 404, 'Not found.');
    const camera = timelines.get(route.cameraId);
    if (!camera) return sendText(response, 404, 'Unknown camera.');
    if (answeredByFault(camera, request, response)) return;
    if (route.kind === 'playlist') servePlaylist(camera, route, new URLSearchParams(search), request, response, mayHold);
    else serveMedia(camera, route, request, response, mayHold);
  }

  const server = createServer((request, response) => {
    try {
      serve(request, response);
    } catch {
      // A bug must cost one request, never the cameras of the whole wall.
      if (!response.headersSent) sendText(response, 500, 'Internal error.');
      else response.destroy();
    }
  });
  // hls.js refreshes every segment duration; a long keep-alive reuses each camera's connection.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const cameraOf = (cameraId: string) => {
    const camera = timelines.get(cameraId);
    if (!camera) throw new Error(`unknown camera ${cameraId}`);
    return camera;
  };

  return {
    port,
    urlFor(cameraId, rendition, kind = 'ts') {
      const camera = cameraOf(cameraId);
      return `http://${camera.hostLabel}.localhost:${port}/cam/${encodeURIComponent(cameraId)}/${rendition}/${playlistFile[kind]}`;
    },
    offersFmp4: (cameraId) => cameraOf(cameraId).clip.fmp4 !== null,
    faults,
    async close() {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      for (const cameraId of [...stalled.keys()]) releaseStalled(cameraId, true);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
