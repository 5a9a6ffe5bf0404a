import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cameraHostLabel,
  demoClipsDir,
  startLiveHlsServer,
  type LiveCamera,
  type LiveHlsServer,
  type Rendition,
} from '../../electron/host/media/liveHlsServer';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const clipsDir = demoClipsDir(join(repoRoot, 'resources'));
const manifest = JSON.parse(readFileSync(join(clipsDir, 'clips.json'), 'utf8')) as {
  clips: { id: string; segmentCount: number; renditions: Record<Rendition, { files: string[] }> }[];
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hand-driven wall clock, well after the epoch like the real one. */
function testClock(startMs = Date.UTC(2025, 5, 1, 8, 0, 0, 250)) {
  const clock = { ms: startMs, now: () => clock.ms, advance: (ms: number) => (clock.ms += ms) };
  return clock;
}

async function startServer(cameras: LiveCamera[], clock = testClock(), dir = clipsDir): Promise<{ server: LiveHlsServer; clock: ReturnType<typeof testClock> }> {
  const server = await startLiveHlsServer({ clipsDir: dir, cameras, now: clock.now, windowSegments: 4 });
  cleanups.push(() => server.close());
  return { server, clock };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Requests loopback directly, naming the camera's host in the Host header:
 * Node does not resolve `*.localhost` everywhere, Chromium always does.
 */
function fetchRaw(server: LiveHlsServer, path: string, options: { host?: string; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `cam-test.localhost:${server.port}` }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Fetches through the camera's public URL: its own host name, sent to loopback. */
function fetchUrl(server: LiveHlsServer, url: string): Promise<Reply> {
  const parsed = new URL(url);
  return fetchRaw(server, parsed.pathname, { host: parsed.host });
}

interface ParsedSegment {
  seq: number;
  uri: string;
  pdtMs: number;
  durationMs: number;
  discontinuity: boolean;
}

function parsePlaylist(text: string) {
  const lines = text.trim().split('\n');
  const tag = (name: string) => lines.find((line) => line.startsWith(`#${name}:`))?.slice(name.length + 2);
  const segments: ParsedSegment[] = [];
  let pending: Partial<ParsedSegment> = {};
  for (const line of lines) {
    if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pending.pdtMs = Date.parse(line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length));
    else if (line.startsWith('#EXTINF:')) pending.durationMs = Math.round(Number.parseFloat(line.slice('#EXTINF:'.length)) * 1000);
    else if (!line.startsWith('#')) {
      segments.push({ seq: Number.parseInt(line, 10), uri: line, pdtMs: pending.pdtMs ?? Number.NaN, durationMs: pending.durationMs ?? Number.NaN, discontinuity: pending.discontinuity ?? false });
      pending = {};
    }
  }
  return {
    first: lines[0],
    targetDuration: Number(tag('EXT-X-TARGETDURATION')),
    mediaSequence: Number(tag('EXT-X-MEDIA-SEQUENCE')),
    discontinuitySequence: Number(tag('EXT-X-DISCONTINUITY-SEQUENCE') ?? 0),
    segments,
  };
}

async function playlistOf(server: LiveHlsServer, cameraId: string, rendition: Rendition = 'sub') {
  const reply = await fetchUrl(server, server.urlFor(cameraId, rendition));
  expect(reply.status).toBe(200);
  return parsePlaylist(reply.body.toString('utf8'));
}

const segmentPath = (cameraId: string, rendition: Rendition, seq: number) => `/cam/${encodeURIComponent(cameraId)}/${rendition}/${seq}.ts`;

function clipFiles(clipId: string, rendition: Rendition): Buffer[] {
  const clip = manifest.clips.find((candidate) => candidate.id === clipId)!;
  return clip.renditions[rendition].files.map((file) => readFileSync(join(clipsDir, clipId, rendition, file)));
}

/** Which file of the clip a served segment is. */
function fileIndexOf(bytes: Buffer, files: Buffer[]): number {
  return files.findIndex((file) => file.equals(bytes));
}

const twoClipsCamera: LiveCamera[] = [{ id: 'cam-a', clip: 'patterns' }, { id: 'cam-b', clip: 'fractal' }];

describe('the demo clips', () => {
  it('are small, cut into 1 s segments, in both renditions', () => {
    expect(manifest.clips.length).toBeGreaterThanOrEqual(4);
    let totalBytes = 0;
    for (const clip of manifest.clips) {
      for (const rendition of ['sub', 'main'] as const) {
        expect(clip.renditions[rendition].files).toHaveLength(clip.segmentCount);
        for (const file of clipFiles(clip.id, rendition)) {
          // 0x47 is the MPEG-TS sync byte, every 188 bytes.
          expect(file[0]).toBe(0x47);
          expect(file.length % 188).toBe(0);
          totalBytes += file.length;
        }
      }
    }
    expect(totalBytes).toBeLessThan(6 * 1024 * 1024);
  });
});

describe('the live playlist', () => {
  it('is a valid sliding window with program date-times from the wall clock', async () => {
    const { server, clock } = await startServer(twoClipsCamera);
    const playlist = await playlistOf(server, 'cam-a');
    expect(playlist.first).toBe('#EXTM3U');
    expect(playlist.targetDuration).toBe(1);
    expect(playlist.segments).toHaveLength(4);
    expect(playlist.segments.map((segment) => segment.seq)).toEqual([0, 1, 2, 3].map((step) => playlist.mediaSequence + step));
    for (const [index, segment] of playlist.segments.entries()) {
      expect(segment.durationMs).toBe(1000);
      if (index > 0) expect(segment.pdtMs - playlist.segments[index - 1]!.pdtMs).toBe(1000);
    }
    // Only fully captured segments are listed, and the newest one is listed.
    const newest = playlist.segments.at(-1)!;
    expect(newest.pdtMs + newest.durationMs).toBeLessThanOrEqual(clock.ms);
    expect(newest.pdtMs + 2 * newest.durationMs).toBeGreaterThan(clock.ms);
  });

  it('advances its media sequence with time and answers without caching', async () => {
    const { server, clock } = await startServer(twoClipsCamera);
    const before = await playlistOf(server, 'cam-a');
    clock.advance(3000);
    const reply = await fetchUrl(server, server.urlFor('cam-a', 'sub'));
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    const after = parsePlaylist(reply.body.toString('utf8'));
    expect(after.mediaSequence).toBe(before.mediaSequence + 3);
    expect(after.segments[0]!.pdtMs).toBe(before.segments[0]!.pdtMs + 3000);
  });

  it('marks each loop of the clip with a discontinuity and keeps the discontinuity sequence right as the window slides', async () => {
    const { server, clock } = await startServer(twoClipsCamera);
    // A player numbers segments by discontinuity: each segment must keep its number in every refresh.
    const discontinuityOf = new Map<number, number>();
    let tagsSeen = 0;
    let sequenceIncreases = 0;
    let previousSequence: number | null = null;
    for (let step = 0; step < 20; step++) {
      const playlist = await playlistOf(server, 'cam-a');
      expect(playlist.segments[0]!.discontinuity).toBe(false);
      let counter = playlist.discontinuitySequence;
      for (const segment of playlist.segments) {
        if (segment.discontinuity) {
          counter++;
          tagsSeen++;
        }
        const known = discontinuityOf.get(segment.seq);
        if (known !== undefined) expect(counter).toBe(known);
        discontinuityOf.set(segment.seq, counter);
      }
      if (previousSequence !== null && playlist.discontinuitySequence > previousSequence) sequenceIncreases++;
      previousSequence = playlist.discontinuitySequence;
      clock.advance(1000);
    }
    expect(tagsSeen).toBeGreaterThan(0);
    expect(sequenceIncreases).toBe(2);
    // The segment after each tag restarts the clip: its bytes are the clip's first segment.
    const files = clipFiles('patterns', 'sub');
    const seqs = [...discontinuityOf.keys()].sort((a, b) => a - b);
    for (const seq of seqs.slice(1)) {
      const loopStarts = discontinuityOf.get(seq)! > discontinuityOf.get(seq - 1)!;
      const reply = await fetchRaw(server, segmentPath('cam-a', 'sub', seq));
      expect(fileIndexOf(reply.body, files) === 0).toBe(loopStarts);
    }
  });

  it('repeats the EXTINF durations of uneven clips and dates segments by them', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const durations = [2, 1, 1.52];
    for (const rendition of ['sub', 'main']) {
      mkdirSync(join(dir.path, 'odd', rendition), { recursive: true });
      durations.forEach((_, index) => writeFileSync(join(dir.path, 'odd', rendition, `seg_00${index}.ts`), `${rendition}-${index}`));
    }
    const files = durations.map((_, index) => `seg_00${index}.ts`);
    writeFileSync(
      join(dir.path, 'clips.json'),
      JSON.stringify({ clips: [{ id: 'odd', segmentCount: 3, segmentDurations: durations, renditions: { sub: { files }, main: { files } } }] }),
    );
    const { server, clock } = await startServer([{ id: 'odd-cam' }], testClock(), dir.path);
    for (let step = 0; step < 6; step++) {
      const playlist = await playlistOf(server, 'odd-cam');
      expect(playlist.targetDuration).toBe(2);
      for (const [index, segment] of playlist.segments.entries()) {
        const body = (await fetchRaw(server, segmentPath('odd-cam', 'sub', segment.seq))).body.toString();
        expect(segment.durationMs).toBe(Math.round(durations[Number(body.split('-')[1])]! * 1000));
        const next = playlist.segments[index + 1];
        if (next) expect(next.pdtMs - segment.pdtMs).toBe(segment.durationMs);
      }
      const newest = playlist.segments.at(-1)!;
      expect(newest.pdtMs + newest.durationMs).toBeLessThanOrEqual(clock.ms);
      clock.advance(700);
    }
  });
});

describe('segments', () => {
  it('are the clip files, in order, the main rendition cut like the sub one', async () => {
    const { server } = await startServer(twoClipsCamera);
    const playlist = await playlistOf(server, 'cam-b');
    const sub = clipFiles('fractal', 'sub');
    const main = clipFiles('fractal', 'main');
    const indexes: number[] = [];
    for (const segment of playlist.segments) {
      const subReply = await fetchRaw(server, segmentPath('cam-b', 'sub', segment.seq));
      expect(subReply.status).toBe(200);
      expect(subReply.headers['content-type']).toBe('video/mp2t');
      expect(subReply.headers['access-control-allow-origin']).toBe('*');
      const index = fileIndexOf(subReply.body, sub);
      expect(index).toBeGreaterThanOrEqual(0);
      const mainReply = await fetchRaw(server, segmentPath('cam-b', 'main', segment.seq));
      expect(fileIndexOf(mainReply.body, main)).toBe(index);
      indexes.push(index);
    }
    for (let i = 1; i < indexes.length; i++) expect(indexes[i]).toBe((indexes[i - 1]! + 1) % sub.length);
  });

  it('are not served before they are complete', async () => {
    const { server } = await startServer(twoClipsCamera);
    const playlist = await playlistOf(server, 'cam-a');
    const next = playlist.segments.at(-1)!.seq + 1;
    expect((await fetchRaw(server, segmentPath('cam-a', 'sub', next))).status).toBe(404);
  });
});

describe('faults', () => {
  it('notFound answers 404 for playlist and segments, until cleared', async () => {
    const { server } = await startServer(twoClipsCamera);
    const { segments } = await playlistOf(server, 'cam-a');
    server.faults.set('cam-a', 'notFound');
    expect(server.faults.get('cam-a')).toBe('notFound');
    expect((await fetchUrl(server, server.urlFor('cam-a', 'sub'))).status).toBe(404);
    expect((await fetchRaw(server, segmentPath('cam-a', 'sub', segments[0]!.seq))).status).toBe(404);
    expect((await playlistOf(server, 'cam-b')).segments).toHaveLength(4);
    server.faults.set('cam-a', null);
    expect(server.faults.get('cam-a')).toBeNull();
    expect((await fetchRaw(server, segmentPath('cam-a', 'sub', segments[0]!.seq))).status).toBe(200);
  });

  it('stale freezes the playlist while time goes on, and catches up when cleared', async () => {
    const { server, clock } = await startServer(twoClipsCamera);
    const before = (await fetchUrl(server, server.urlFor('cam-a', 'sub'))).body.toString();
    server.faults.set('cam-a', 'stale');
    clock.advance(5000);
    expect((await fetchUrl(server, server.urlFor('cam-a', 'sub'))).body.toString()).toBe(before);
    server.faults.set('cam-a', null);
    const after = parsePlaylist((await fetchUrl(server, server.urlFor('cam-a', 'sub'))).body.toString());
    expect(after.mediaSequence).toBe(parsePlaylist(before).mediaSequence + 5);
  });

  it('malformed serves a playlist without #EXTM3U, until cleared', async () => {
    const { server } = await startServer(twoClipsCamera);
    server.faults.set('cam-a', 'malformed');
    const reply = await fetchUrl(server, server.urlFor('cam-a', 'sub'));
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).not.toContain('#EXTM3U');
    server.faults.set('cam-a', null);
    expect((await playlistOf(server, 'cam-a')).first).toBe('#EXTM3U');
  });

  it('offline drops connections without an answer, until cleared', async () => {
    const { server } = await startServer(twoClipsCamera);
    server.faults.set('cam-a', 'offline');
    await expect(fetchUrl(server, server.urlFor('cam-a', 'sub'))).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await playlistOf(server, 'cam-b')).first).toBe('#EXTM3U');
    server.faults.set('cam-a', null);
    expect((await playlistOf(server, 'cam-a')).first).toBe('#EXTM3U');
  });

  it('stall sends half a segment and holds the rest until cleared', async () => {
    const { server } = await startServer(twoClipsCamera);
    const { segments } = await playlistOf(server, 'cam-a');
    server.faults.set('cam-a', 'stall');
    // The playlist itself still answers: the camera looks alive but its video does not arrive.
    expect((await playlistOf(server, 'cam-a')).segments).toHaveLength(4);

    const received: Buffer[] = [];
    let ended = false;
    let expectedLength = 0;
    const done = new Promise<void>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: server.port, path: segmentPath('cam-a', 'sub', segments[0]!.seq), headers: { host: 'cam-cam-a.localhost' }, agent: false },
        (response) => {
          expectedLength = Number(response.headers['content-length']);
          response.on('data', (chunk: Buffer) => received.push(chunk));
          response.on('end', () => {
            ended = true;
            resolve();
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    await waitFor(() => received.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const held = Buffer.concat(received).length;
    expect(ended).toBe(false);
    expect(held).toBeGreaterThan(expectedLength * 0.3);
    expect(held).toBeLessThan(expectedLength * 0.7);

    server.faults.set('cam-a', null);
    await done;
    const body = Buffer.concat(received);
    expect(body.length).toBe(expectedLength);
    expect(fileIndexOf(body, clipFiles('patterns', 'sub'))).toBeGreaterThanOrEqual(0);
  });

  it('stall survives clients that give up, and going offline drops what it holds', async () => {
    const { server } = await startServer(twoClipsCamera);
    const { segments } = await playlistOf(server, 'cam-a');
    server.faults.set('cam-a', 'stall');
    const abandoned = request({ host: '127.0.0.1', port: server.port, path: segmentPath('cam-a', 'sub', segments[0]!.seq), agent: false });
    abandoned.on('error', () => {});
    const firstBytes = new Promise<void>((resolve) => abandoned.on('response', (response) => response.once('data', () => resolve())));
    abandoned.end();
    await firstBytes;
    abandoned.destroy();

    const held = fetchRaw(server, segmentPath('cam-a', 'sub', segments[1]!.seq));
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.faults.set('cam-a', 'offline');
    await expect(held).rejects.toThrow();
    server.faults.clearAll();
    expect(server.faults.get('cam-a')).toBeNull();
    expect((await fetchRaw(server, segmentPath('cam-a', 'sub', segments[1]!.seq))).status).toBe(200);
  });

  it('refuses unknown cameras and faults', async () => {
    const { server } = await startServer(twoClipsCamera);
    expect(() => server.faults.set('nobody', 'stall')).toThrow(/unknown camera/);
    expect(() => server.faults.set('cam-a', 'melted' as never)).toThrow(/unknown fault/);
    expect(() => server.urlFor('nobody', 'sub')).toThrow(/unknown camera/);
  });
});

describe('bad requests', () => {
  it('answer 404 or 405 without touching the file system or stopping the server', async () => {
    const { server } = await startServer(twoClipsCamera);
    const notFound = [
      '/cam/../../etc/passwd',
      '/cam/..%2F..%2Fetc%2Fpasswd/sub/index.m3u8',
      '/cam/cam-a/sub/../../../../etc/passwd',
      '/cam/cam-a/sub/..%2F..%2Fclips.json',
      '/cam/cam-a/sub/99999999999999999999.ts',
      '/cam/cam-a/sub/1e9.ts',
      '/cam/cam-a/sub/-1.ts',
      '/cam/cam-a/sub/abc.ts',
      '/cam/cam-a/hd/index.m3u8',
      '/cam/%E0%A4%A/sub/index.m3u8',
      '/cam/nobody/sub/index.m3u8',
      '/cam/cam-a/sub/index.m3u8/extra',
      '/',
      '/clips.json',
      '/patterns/sub/seg_000.ts',
    ];
    for (const path of notFound) {
      const reply = await fetchRaw(server, path);
      expect(reply.status, path).toBe(404);
      expect(reply.headers['content-type'], path).toMatch(/^text\/plain/);
      expect(reply.body.length, path).toBeLessThan(100);
      expect(reply.headers['access-control-allow-origin'], path).toBe('*');
    }
    expect((await fetchRaw(server, '/cam/nobody/sub/index.m3u8')).body.toString()).toBe('Unknown camera.');
    expect((await fetchRaw(server, '/cam/cam-a/sub/index.m3u8', { method: 'POST' })).status).toBe(405);
    expect((await fetchRaw(server, '/cam/cam-a/sub/index.m3u8', { method: 'OPTIONS' })).status).toBe(204);
    const head = await fetchRaw(server, '/cam/cam-a/sub/index.m3u8', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await playlistOf(server, 'cam-a')).first).toBe('#EXTM3U');
  });

  it('accepts any Host header', async () => {
    const { server } = await startServer(twoClipsCamera);
    for (const host of ['127.0.0.1', 'localhost:1', 'cam-b.localhost', 'something.else.example']) {
      expect((await fetchRaw(server, '/cam/cam-a/sub/index.m3u8', { host })).status).toBe(200);
    }
  });
});

describe('a wall of cameras', () => {
  const wall: LiveCamera[] = Array.from({ length: 24 }, (_, index) => ({ id: `cam-${String(index + 1).padStart(2, '0')}` }));

  it('gives every camera its own host name', async () => {
    const { server } = await startServer(wall);
    const hosts = wall.map((camera) => new URL(server.urlFor(camera.id, 'sub')).host);
    expect(new Set(hosts).size).toBe(24);
    for (const host of hosts) expect(host).toMatch(new RegExp(`^cam-[a-z0-9-]+\\.localhost:${server.port}$`));
    expect(server.urlFor('cam-07', 'main')).toBe(`http://cam-cam-07.localhost:${server.port}/cam/cam-07/main/index.m3u8`);
  });

  it('shows a different picture on every camera at the same moment', async () => {
    const { server } = await startServer(wall);
    const clipIds = manifest.clips.map((clip) => clip.id);
    const pictures = new Set<string>();
    for (const camera of wall) {
      const newest = (await playlistOf(server, camera.id)).segments.at(-1)!;
      const bytes = (await fetchRaw(server, segmentPath(camera.id, 'sub', newest.seq))).body;
      const clipId = clipIds.find((id) => fileIndexOf(bytes, clipFiles(id, 'sub')) >= 0)!;
      const fileIndex = fileIndexOf(bytes, clipFiles(clipId, 'sub'));
      // Where in its clip the camera is at a fixed instant (each segment lasts 1 s).
      const clipTimeMs = (((fileIndex * 1000 - newest.pdtMs) % 8000) + 8000) % 8000;
      pictures.add(`${clipId}@${clipTimeMs}`);
    }
    expect(pictures.size).toBe(24);
    // Cameras take the clips in turn.
    expect(new Set([...pictures].map((picture) => picture.split('@')[0])).size).toBe(manifest.clips.length);
  });

  it('serves a camera through the exact URL it hands out', async () => {
    const { server } = await startServer(wall);
    const reply = await fetchUrl(server, server.urlFor('cam-12', 'main'));
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toMatch(/^#EXTM3U\n/);
  });
});

describe('camera host names', () => {
  it('are valid DNS labels, and distinct even when ids only differ in punctuation', async () => {
    expect(cameraHostLabel('Cam 07/东门')).toBe('cam-cam-07');
    expect(cameraHostLabel('???')).toBe('cam-x');
    expect(cameraHostLabel('x'.repeat(100))).toHaveLength(63);
    const { server } = await startServer([{ id: 'gate a' }, { id: 'gate-a' }, { id: 'Gate_A' }]);
    const hosts = ['gate a', 'gate-a', 'Gate_A'].map((id) => new URL(server.urlFor(id, 'sub')).hostname);
    expect(new Set(hosts).size).toBe(3);
    for (const host of hosts) expect(host).toMatch(/^[a-z0-9-]{1,63}\.localhost$/);
    // The id itself travels in the path, percent-encoded.
    expect((await fetchUrl(server, server.urlFor('gate a', 'sub'))).status).toBe(200);
  });
});

describe('start-up', () => {
  it('refuses duplicate cameras and unknown clips', async () => {
    await expect(startLiveHlsServer({ clipsDir, cameras: [{ id: 'a' }, { id: 'a' }] })).rejects.toThrow(/listed twice/);
    await expect(startLiveHlsServer({ clipsDir, cameras: [{ id: 'a', clip: 'nope' }] })).rejects.toThrow(/unknown clip/);
  });

  it('refuses a clip folder without a valid manifest', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(join(dir.path, 'clips.json'), JSON.stringify({ clips: [{ id: 'x', segmentDurations: [1], renditions: { sub: { files: ['../../secret'] } } }] }));
    await expect(startLiveHlsServer({ clipsDir: dir.path, cameras: [{ id: 'a' }] })).rejects.toThrow(/segment files/);
  });
});

function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'gridwall-hls-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
