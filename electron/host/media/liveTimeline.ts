import type { Clip, Rendition } from './demoClips';

export interface LiveCamera {
  id: string;
  /** Clip id from clips.json; by default cameras take the clips in turn. */
  clip?: string;
}

/**
 * The live timeline of one camera.
 *
 * A camera's sequence number `seq` shows clip position `seq + offset`, where
 * a position counts segments across endless passes of the clip. Sequence 0
 * started at wall time `phaseMs` after the start of the UTC day the server
 * started on, so sequence numbers and date-times stay the same across
 * restarts of the server that day. Not the Unix epoch: hls.js keeps an array
 * indexed by discontinuity sequence and copies it on every segment, and a
 * sequence in the hundreds of millions (one per loop since 1970) costs
 * seconds of CPU per segment.
 */
export interface CameraTimeline {
  id: string;
  hostLabel: string;
  clip: Clip;
  /** Clip segment shown at sequence 0: cameras on the same clip start at different points. */
  offset: number;
  /** When sequence 0 started (wall time); staggered so the wall's playlists do not all refresh in the same instant. */
  phaseMs: number;
}

export const segmentIndex = (clip: Clip, position: number) => position % clip.durationsMs.length;
export const passOf = (clip: Clip, position: number) => Math.floor(position / clip.durationsMs.length);

/** Wall time at which a clip position starts, counted from where the camera's sequence 0 starts. */
export function positionStartMs(camera: CameraTimeline, position: number): number {
  const { clip } = camera;
  const fromClipStart = passOf(clip, position) * clip.loopMs + clip.startsMs[segmentIndex(clip, position)]!;
  return camera.phaseMs - clip.startsMs[camera.offset]! + fromClipStart;
}

/** When sequence `seq` starts being "captured" (wall time). */
export const seqStartMs = (camera: CameraTimeline, seq: number) => positionStartMs(camera, seq + camera.offset);

/** The sequence number being "captured" at `nowMs` (its first frame is in the past, its last not yet). */
export function capturingSeq(camera: CameraTimeline, nowMs: number): number {
  const { clip } = camera;
  const elapsed = nowMs - (camera.phaseMs - clip.startsMs[camera.offset]!);
  const pass = Math.floor(elapsed / clip.loopMs);
  const intoPass = elapsed - pass * clip.loopMs;
  const started = clip.startsMs.filter((start) => start <= intoPass).length;
  return pass * clip.durationsMs.length + started - 1 - camera.offset;
}

/** The newest sequence number whose segment has been fully "captured" by `nowMs`; -1 if none yet. */
export function latestCompleteSeq(camera: CameraTimeline, nowMs: number): number {
  return Math.max(-1, capturingSeq(camera, nowMs) - 1);
}

/** The fMP4 parts (moof + mdat each) of sequence `seq`; null when the clip has no fMP4 copy. */
export function partsOf(camera: CameraTimeline, seq: number, rendition: Rendition): Buffer[] | null {
  return camera.clip.fmp4?.[rendition].parts[segmentIndex(camera.clip, seq + camera.offset)] ?? null;
}

/** The durations (seconds) of sequence `seq`'s parts; both renditions are cut alike. */
export function partSecondsOf(camera: CameraTimeline, seq: number): number[] {
  return camera.clip.fmp4?.sub.partSeconds[segmentIndex(camera.clip, seq + camera.offset)] ?? [];
}

/** How many parts of sequence `seq` are complete at `nowMs` (all of them once the segment is). */
export function completeParts(camera: CameraTimeline, seq: number, nowMs: number): number {
  let endMs = seqStartMs(camera, seq);
  let count = 0;
  for (const seconds of partSecondsOf(camera, seq)) {
    endMs += seconds * 1000;
    if (endMs > nowMs) break;
    count += 1;
  }
  return count;
}

/** When part `part` of sequence `seq` is complete (wall time); the segment's end for the last part. */
export function partReadyAtMs(camera: CameraTimeline, seq: number, part: number): number {
  return seqStartMs(camera, seq) + partSecondsOf(camera, seq).slice(0, part + 1).reduce((sum, value) => sum + value * 1000, 0);
}

export function planTimelines(cameras: readonly LiveCamera[], clips: Clip[], originMs: number): CameraTimeline[] {
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
