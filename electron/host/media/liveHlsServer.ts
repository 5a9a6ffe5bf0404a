import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The demo's live cameras. A few short pre-encoded clips
 * (scripts/make-demo-clips.sh) are looped into a sliding live HLS playlist
 * per camera, computed from the wall clock: no encoder runs, so two dozen
 * cameras cost almost nothing, and yet every playlist behaves like a real
 * camera restream (media sequence advancing, program date-time, a
 * discontinuity where the clip loops). Fault switches make a camera fail the
 * ways real ones do, for tests and for the demo's fault control.
 */

export const renditions = ['sub', 'main'] as const;
/** `sub` for small tiles, `main` for a tile that fills a screen; both cut at the same instants. */
export type Rendition = (typeof renditions)[number];

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

export interface LiveCamera {
  id: string;
  /** Clip id from clips.json; by default cameras take the clips in turn. */
  clip?: string;
}

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
  urlFor(cameraId: string, rendition: Rendition): string;
  faults: FaultSwitches;
  close(): Promise<void>;
}

export const demoClipsDir = (resourcesDir: string) => join(resourcesDir, 'demo', 'video');

/**
 * A DNS label for a camera's host name. Browsers allow six connections per
 * host; every `*.localhost` name resolves to loopback in Chromium but counts
 * as a host of its own, so one name per camera keeps a 24-tile wall from
 * queueing behind its first six tiles.
 */
export function cameraHostLabel(cameraId: string): string {
  const slug = cameraId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `cam-${slug || 'x'}`.slice(0, 63).replace(/-+$/, '');
}

// ---------------------------------------------------------------------------
// Clips

interface Clip {
  id: string;
  /** As written by ffmpeg, repeated verbatim in #EXTINF. */
  durationTexts: string[];
  durationsMs: number[];
  /** Where each segment starts within one pass of the clip. */
  startsMs: number[];
  loopMs: number;
  segments: Record<Rendition, Buffer[]>;
}

const segmentFilePattern = /^seg_\d{3,6}\.ts$/;

async function loadClips(clipsDir: string): Promise<Clip[]> {
  const manifest: unknown = JSON.parse(await readFile(join(clipsDir, 'clips.json'), 'utf8'));
  const entries = isRecord(manifest) && Array.isArray(manifest.clips) ? manifest.clips : [];
  if (entries.length === 0) throw new Error(`${clipsDir}/clips.json lists no clips`);
  return Promise.all(entries.map((entry: unknown) => loadClip(clipsDir, entry)));
}

async function loadClip(clipsDir: string, entry: unknown): Promise<Clip> {
  const problem = (what: string) => new Error(`${clipsDir}/clips.json: ${what}`);
  if (!isRecord(entry) || typeof entry.id !== 'string' || !/^[a-z0-9-]+$/.test(entry.id)) throw problem('a clip has no valid id');
  const id = entry.id;
  const durations = entry.segmentDurations;
  if (!Array.isArray(durations) || durations.length === 0 || !durations.every((d) => typeof d === 'number' && d > 0 && d <= 30)) {
    throw problem(`clip ${id} has no valid segmentDurations`);
  }
  const durationsMs = durations.map((seconds: number) => Math.round(seconds * 1000));
  const startsMs = durationsMs.map((_, index) => durationsMs.slice(0, index).reduce((sum, ms) => sum + ms, 0));
  const segments = {} as Record<Rendition, Buffer[]>;
  for (const rendition of renditions) {
    const files: unknown = isRecord(entry.renditions) && isRecord(entry.renditions[rendition]) ? entry.renditions[rendition].files : undefined;
    // Both renditions must be cut identically: a tile switches between them by sequence number.
    if (!Array.isArray(files) || files.length !== durations.length || !files.every((file) => typeof file === 'string' && segmentFilePattern.test(file))) {
      throw problem(`clip ${id} needs ${durations.length} segment files for ${rendition}`);
    }
    segments[rendition] = await Promise.all(files.map((file: string) => readFile(join(clipsDir, id, rendition, file))));
  }
  return {
    id,
    durationTexts: durations.map((seconds: number) => seconds.toFixed(6)),
    durationsMs,
    startsMs,
    loopMs: durationsMs.reduce((sum, ms) => sum + ms, 0),
    segments,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// ---------------------------------------------------------------------------
// The live timeline of one camera
//
// A camera's sequence number `seq` shows clip position `seq + offset`, where
// a position counts segments across endless passes of the clip. Sequence 0
// started at wall time `phaseMs` after the start of the UTC day the server
// started on, so sequence numbers and date-times stay the same across
// restarts of the server that day. Not the Unix epoch: hls.js keeps an array
// indexed by discontinuity sequence and copies it on every segment, and a
// sequence in the hundreds of millions (one per loop since 1970) costs
// seconds of CPU per segment.

interface CameraTimeline {
  id: string;
  hostLabel: string;
  clip: Clip;
  /** Clip segment shown at sequence 0: cameras on the same clip start at different points. */
  offset: number;
  /** When sequence 0 started (wall time); staggered so the wall's playlists do not all refresh in the same instant. */
  phaseMs: number;
}

const segmentIndex = (clip: Clip, position: number) => position % clip.durationsMs.length;
const passOf = (clip: Clip, position: number) => Math.floor(position / clip.durationsMs.length);

/** Wall time at which a clip position starts, counted from where the camera's sequence 0 starts. */
function positionStartMs(camera: CameraTimeline, position: number): number {
  const { clip } = camera;
  const fromClipStart = passOf(clip, position) * clip.loopMs + clip.startsMs[segmentIndex(clip, position)]!;
  return camera.phaseMs - clip.startsMs[camera.offset]! + fromClipStart;
}

/** The newest sequence number whose segment has been fully "captured" by `nowMs`; -1 if none yet. */
function latestCompleteSeq(camera: CameraTimeline, nowMs: number): number {
  const { clip } = camera;
  const elapsed = nowMs - (camera.phaseMs - clip.startsMs[camera.offset]!);
  const pass = Math.floor(elapsed / clip.loopMs);
  const intoPass = elapsed - pass * clip.loopMs;
  const started = clip.startsMs.filter((start) => start <= intoPass).length;
  // The segment now being "captured" is at started - 1; the one before it is complete.
  const latestPosition = pass * clip.durationsMs.length + started - 2;
  return Math.max(-1, latestPosition - camera.offset);
}

function livePlaylist(camera: CameraTimeline, nowMs: number, windowSegments: number): string {
  const { clip } = camera;
  const latest = latestCompleteSeq(camera, nowMs);
  const first = Math.max(0, latest - windowSegments + 1);
  const firstPosition = first + camera.offset;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(Math.max(...clip.durationsMs) / 1000)}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    // One discontinuity per pass of the clip (its timestamps restart), counted
    // up to the first listed segment, whose own tag is dropped as it leaves.
    `#EXT-X-DISCONTINUITY-SEQUENCE:${passOf(clip, firstPosition) - passOf(clip, camera.offset)}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  for (let seq = first; seq <= latest; seq++) {
    const position = seq + camera.offset;
    if (seq > first && segmentIndex(clip, position) === 0) lines.push('#EXT-X-DISCONTINUITY');
    // When this segment's first frame was "captured": a player's latency is now minus this.
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(positionStartMs(camera, position)).toISOString()}`);
    lines.push(`#EXTINF:${clip.durationTexts[segmentIndex(clip, position)]},`);
    lines.push(`${seq}.ts`);
  }
  return lines.join('\n') + '\n';
}

function planTimelines(cameras: readonly LiveCamera[], clips: Clip[], originMs: number): CameraTimeline[] {
  const seen = new Set<string>();
  const assigned = cameras.map((camera, index) => {
    if (seen.has(camera.id)) throw new Error(`camera ${camera.id} is listed twice`);
    seen.add(camera.id);
    const clip = camera.clip === undefined ? clips[index % clips.length]! : clips.find((candidate) => candidate.id === camera.clip);
    if (!clip) throw new Error(`camera ${camera.id} asks for unknown clip ${camera.clip}`);
    return { camera, clip, index };
  });
  const hostLabels = uniqueHostLabels(cameras.map((camera) => camera.id));
  return assigned.map(({ camera, clip, index }) => {
    // Spread the cameras sharing a clip evenly over its segments, so no two show the same picture.
    const sharing = assigned.filter((other) => other.clip === clip);
    const rank = sharing.findIndex((other) => other.index === index);
    const count = clip.durationsMs.length;
    const offset = Math.floor((rank * count) / sharing.length) % count;
    // Golden-ratio steps spread the phases evenly however many cameras there are.
    const phaseMs = Math.round(((index * 0.6180339887) % 1) * Math.min(...clip.durationsMs));
    return { id: camera.id, hostLabel: hostLabels[index]!, clip, offset, phaseMs: originMs + phaseMs };
  });
}

function uniqueHostLabels(cameraIds: string[]): string[] {
  const taken = new Set<string>();
  return cameraIds.map((id) => {
    const base = cameraHostLabel(id);
    let label = base;
    for (let suffix = 2; taken.has(label); suffix++) label = `${base.slice(0, 56)}-${suffix}`;
    taken.add(label);
    return label;
  });
}

// ---------------------------------------------------------------------------
// Requests

type Route = { cameraId: string; rendition: Rendition } & ({ kind: 'playlist' } | { kind: 'segment'; seq: number });

/** `/cam/<id>/<rendition>/index.m3u8` or `/cam/<id>/<rendition>/<seq>.ts`; anything else is not ours. */
function parseRoute(url: string | undefined): Route | null {
  const parts = (url ?? '').split('?', 1)[0]!.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 'cam') return null;
  const cameraId = decodeSegment(parts[2]!);
  const rendition = renditions.find((name) => name === parts[3]);
  if (cameraId === null || !rendition) return null;
  if (parts[4] === 'index.m3u8') return { cameraId, rendition, kind: 'playlist' };
  // Fifteen digits stay far inside safe integers; longer numbers are nobody's segment.
  const seq = /^(\d{1,15})\.ts$/.exec(parts[4]!)?.[1];
  return seq === undefined ? null : { cameraId, rendition, kind: 'segment', seq: Number(seq) };
}

function decodeSegment(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
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

export async function startLiveHlsServer(options: LiveHlsServerOptions): Promise<LiveHlsServer> {
  const now = options.now ?? Date.now;
  const windowSegments = Math.max(3, Math.floor(options.windowSegments ?? 4));
  const timelines = new Map(planTimelines(options.cameras, await loadClips(options.clipsDir), Math.floor(now() / 86_400_000) * 86_400_000).map((camera) => [camera.id, camera]));
  const activeFaults = new Map<string, { fault: StreamFault; sinceMs: number }>();
  const stalled = new Map<string, Set<StalledResponse>>();

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
    for (const held of stalled.get(cameraId) ?? []) {
      if (drop) held.response.destroy();
      else held.response.end(held.rest);
    }
    stalled.delete(cameraId);
  }

  function serve(request: IncomingMessage, response: ServerResponse) {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...corsHeaders, 'access-control-max-age': '86400' }).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Only GET and HEAD.');
      return;
    }
    const route = parseRoute(request.url);
    if (!route) {
      sendText(response, 404, 'Not found.');
      return;
    }
    const camera = timelines.get(route.cameraId);
    if (!camera) {
      sendText(response, 404, 'Unknown camera.');
      return;
    }
    const active = activeFaults.get(camera.id);
    if (active?.fault === 'offline') {
      request.socket.destroy();
      return;
    }
    if (active?.fault === 'notFound') {
      sendText(response, 404, 'Stream not available.');
      return;
    }
    if (route.kind === 'playlist') {
      const body =
        active?.fault === 'malformed'
          ? '<html><body>502 upstream error</body></html>\n\x00\x13garbage'
          : livePlaylist(camera, active?.fault === 'stale' ? active.sinceMs : now(), windowSegments);
      response.writeHead(200, {
        ...corsHeaders,
        'content-type': 'application/vnd.apple.mpegurl',
        'cache-control': 'no-cache',
        'content-length': Buffer.byteLength(body),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    if (route.seq > latestCompleteSeq(camera, now())) {
      sendText(response, 404, 'Segment not available yet.');
      return;
    }
    const position = route.seq + camera.offset;
    const bytes = camera.clip.segments[route.rendition][segmentIndex(camera.clip, position)]!;
    // Live segments are watched once: caching them would only churn the renderer's disk cache.
    response.writeHead(200, { ...corsHeaders, 'content-type': 'video/mp2t', 'cache-control': 'no-store', 'content-length': bytes.length });
    if (request.method === 'HEAD') {
      response.end();
    } else if (active?.fault === 'stall') {
      const half = Math.floor(bytes.length / 2);
      response.write(bytes.subarray(0, half));
      const held = { response, rest: bytes.subarray(half) };
      const set = stalled.get(camera.id) ?? new Set<StalledResponse>();
      stalled.set(camera.id, set);
      set.add(held);
      response.once('close', () => set.delete(held));
    } else {
      response.end(bytes);
    }
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

  return {
    port,
    urlFor(cameraId, rendition) {
      const camera = timelines.get(cameraId);
      if (!camera) throw new Error(`unknown camera ${cameraId}`);
      return `http://${camera.hostLabel}.localhost:${port}/cam/${encodeURIComponent(cameraId)}/${rendition}/index.m3u8`;
    },
    faults,
    async close() {
      for (const cameraId of [...stalled.keys()]) releaseStalled(cameraId, true);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
