import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Mp4FormatError, readInitSegment, readMediaSegment, topLevelBoxes } from '../../../shared/video/fmp4';

/**
 * The demo's pre-encoded clips (scripts/make-demo-clips.sh), read once at
 * start: per rendition, the 1 s MPEG-TS segments and, when the clip has one,
 * the same pictures as fragmented MP4 (CMAF), split into an init segment and
 * per segment its 0.2 s fragments (the low-latency HLS parts).
 */

export const renditions = ['sub', 'main'] as const;
/** `sub` for small tiles, `main` for a tile that fills a screen; both cut at the same instants. */
export type Rendition = (typeof renditions)[number];

export interface Fmp4Rendition {
  init: Buffer;
  /** Per clip segment, its fragments (moof + mdat each) in order; a segment is their concatenation. */
  parts: Buffer[][];
  /** Each part's duration in seconds, per clip segment. */
  partSeconds: number[][];
}

export interface Clip {
  id: string;
  /** As written by ffmpeg, repeated verbatim in #EXTINF. */
  durationTexts: string[];
  durationsMs: number[];
  /** Where each segment starts within one pass of the clip. */
  startsMs: number[];
  loopMs: number;
  segments: Record<Rendition, Buffer[]>;
  /** Null when the clip has no fMP4 copy: its cameras then offer MPEG-TS only. */
  fmp4: Record<Rendition, Fmp4Rendition> | null;
}

const segmentFilePattern = /^seg_\d{3,6}\.ts$/;
const fmp4FilePattern = /^[a-z0-9_-]+\.mp4$/;

export async function loadClips(clipsDir: string): Promise<Clip[]> {
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
  const fmp4 = {} as Record<Rendition, Fmp4Rendition>;
  let withFmp4 = 0;
  for (const rendition of renditions) {
    const listed = isRecord(entry.renditions) && isRecord(entry.renditions[rendition]) ? entry.renditions[rendition] : {};
    const files: unknown = listed.files;
    // Both renditions must be cut identically: a tile switches between them by sequence number.
    if (!Array.isArray(files) || files.length !== durations.length || !files.every((file) => typeof file === 'string' && segmentFilePattern.test(file))) {
      throw problem(`clip ${id} needs ${durations.length} segment files for ${rendition}`);
    }
    segments[rendition] = await Promise.all(files.map((file: string) => readFile(join(clipsDir, id, rendition, file))));
    if (listed.fmp4 === undefined) continue;
    if (typeof listed.fmp4 !== 'string' || !fmp4FilePattern.test(listed.fmp4)) throw problem(`clip ${id} names no valid fmp4 file for ${rendition}`);
    fmp4[rendition] = splitFmp4(await readFile(join(clipsDir, id, rendition, listed.fmp4)), durations.length, (what) => problem(`clip ${id} ${rendition} fmp4: ${what}`));
    withFmp4 += 1;
  }
  if (withFmp4 !== 0 && withFmp4 !== renditions.length) throw problem(`clip ${id} has fmp4 for some renditions only`);
  return {
    id,
    durationTexts: durations.map((seconds: number) => seconds.toFixed(6)),
    durationsMs,
    startsMs,
    loopMs: durationsMs.reduce((sum, ms) => sum + ms, 0),
    segments,
    fmp4: withFmp4 === 0 ? null : fmp4,
  };
}

/**
 * A fragmented MP4 of the whole clip → init segment + the fragments of each segment. A segment starts at a fragment
 * whose first sample is a key frame; the clip must hold exactly as many of those as it has TS segments.
 */
export function splitFmp4(file: Buffer, segmentCount: number, problem: (what: string) => Error): Fmp4Rendition {
  try {
    const boxes = topLevelBoxes(file);
    const moov = boxes.findIndex((box) => box.type === 'moov');
    if (moov < 0) throw problem('no moov box');
    const init = file.subarray(0, boxes[moov]!.end);
    const track = readInitSegment(init);
    const parts: Buffer[][] = [];
    const partSeconds: number[][] = [];
    for (let index = moov + 1; index < boxes.length; index++) {
      const moof = boxes[index]!;
      const mdat = boxes[index + 1];
      if (moof.type !== 'moof') continue;
      if (mdat?.type !== 'mdat') throw problem('a moof without its mdat');
      const fragment = file.subarray(moof.at, mdat.end);
      const samples = readMediaSegment(fragment, track);
      if (samples.length === 0) throw problem('a fragment without video samples');
      if (samples[0]!.key) {
        parts.push([]);
        partSeconds.push([]);
      }
      if (parts.length === 0) throw problem('the first fragment does not start with a key frame');
      parts.at(-1)!.push(fragment);
      partSeconds.at(-1)!.push(samples.reduce((sum, sample) => sum + sample.duration, 0) / track.timescale);
      index += 1;
    }
    if (parts.length !== segmentCount) throw problem(`${parts.length} key-frame segments, the TS copy has ${segmentCount}`);
    return { init, parts, partSeconds };
  } catch (error) {
    if (error instanceof Mp4FormatError) throw problem(error.message);
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
