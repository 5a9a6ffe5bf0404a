/**
 * Fragmented MP4 (CMAF) as live HLS gateways send it: an init segment
 * (ftyp + moov) once, then media segments of moof + mdat fragments. Reads
 * just what a decoder needs: the H.264 track's codec and configuration
 * record from the init segment, and each fragment's samples (bytes, times,
 * key or not).
 *
 * Written for a tile that plays for weeks: every call reads one buffer and
 * keeps nothing, where a general MP4 library keeps a growing table of every
 * sample it has seen in a fragmented file. Box layouts follow ISO/IEC
 * 14496-12 (moov/moof), 14496-15 (avcC) and 14496-14.
 */

export class Mp4FormatError extends Error {}

export interface VideoTrackInfo {
  trackId: number;
  timescale: number;
  /** WebCodecs codec string, e.g. `avc1.4d401e`. */
  codec: string;
  /** The AVCDecoderConfigurationRecord (avcC payload): the decoder's `description`. */
  description: Uint8Array;
  width: number;
  height: number;
  /** From mvex/trex: what a fragment means when it does not say. */
  defaults: SampleDefaults;
}

interface SampleDefaults {
  duration: number;
  size: number;
  flags: number;
}

export interface Mp4Sample {
  /** Decode and presentation times in the track's timescale. */
  dts: number;
  pts: number;
  duration: number;
  key: boolean;
  data: Uint8Array;
}

interface Box {
  type: string;
  /** Offsets in the buffer of the box's payload (after its header) and of its end. */
  start: number;
  end: number;
  /** Where the box itself starts (its header). */
  at: number;
}

function* boxes(view: DataView, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) throw new Mp4FormatError(`${type}: truncated size`);
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) throw new Mp4FormatError(`${type}: box overruns its container`);
    yield { type, start: at + header, end: at + size, at };
    at += size;
  }
}

function child(view: DataView, parent: Pick<Box, 'start' | 'end'>, type: string, skip = 0): Box | undefined {
  for (const box of boxes(view, parent.start + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

function path(view: DataView, parent: Pick<Box, 'start' | 'end'>, ...types: string[]): Box | undefined {
  let box: Pick<Box, 'start' | 'end'> | undefined = parent;
  for (const type of types) box = box && child(view, box, type);
  return box as Box | undefined;
}

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const hex = (value: number) => value.toString(16).padStart(2, '0');

/** The first H.264 video track of an init segment. Throws Mp4FormatError when there is none or it is malformed. */
export function readInitSegment(bytes: Uint8Array): VideoTrackInfo {
  const view = viewOf(bytes);
  const whole = { start: 0, end: bytes.byteLength };
  const moov = child(view, whole, 'moov');
  if (!moov) throw new Mp4FormatError('no moov box: not an init segment');
  for (const trak of boxes(view, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const hdlr = path(view, trak, 'mdia', 'hdlr');
    if (!hdlr || view.getUint32(hdlr.start + 8) !== 0x76696465 /* 'vide' */) continue;
    const tkhd = path(view, trak, 'tkhd');
    const mdhd = path(view, trak, 'mdia', 'mdhd');
    const stsd = path(view, trak, 'mdia', 'minf', 'stbl', 'stsd');
    if (!tkhd || !mdhd || !stsd) throw new Mp4FormatError('video track without tkhd, mdhd or stsd');
    const trackId = view.getUint32(tkhd.start + (view.getUint8(tkhd.start) === 1 ? 20 : 12));
    const timescale = view.getUint32(mdhd.start + (view.getUint8(mdhd.start) === 1 ? 20 : 12));
    // stsd: version/flags, entry count, then sample entries; a visual sample entry's boxes follow 78 bytes of fields.
    const entry = boxes(view, stsd.start + 8, stsd.end).next().value;
    if (!entry || (entry.type !== 'avc1' && entry.type !== 'avc3')) throw new Mp4FormatError(`video codec ${entry?.type ?? 'none'} is not H.264`);
    const avcC = child(view, entry, 'avcC', 78);
    if (!avcC || avcC.end - avcC.start < 7) throw new Mp4FormatError('H.264 track without avcC');
    const description = bytes.slice(avcC.start, avcC.end);
    return {
      trackId,
      timescale,
      codec: `avc1.${hex(description[1]!)}${hex(description[2]!)}${hex(description[3]!)}`,
      description,
      width: view.getUint16(entry.start + 24),
      height: view.getUint16(entry.start + 26),
      defaults: trackDefaults(view, moov, trackId),
    };
  }
  throw new Mp4FormatError('no video track');
}

function trackDefaults(view: DataView, moov: Box, trackId: number): SampleDefaults {
  const mvex = child(view, moov, 'mvex');
  for (const trex of mvex ? boxes(view, mvex.start, mvex.end) : []) {
    if (trex.type === 'trex' && view.getUint32(trex.start + 4) === trackId) {
      return { duration: view.getUint32(trex.start + 12), size: view.getUint32(trex.start + 16), flags: view.getUint32(trex.start + 20) };
    }
  }
  return { duration: 0, size: 0, flags: 0 };
}

/** A sample is a sync sample (a key frame) unless its flags say it depends on others or is not a sync sample. */
const isKey = (flags: number) => (flags & 0x10000) === 0 && ((flags >>> 24) & 3) !== 1;

/** Every sample of the track in a media segment (one or more moof + mdat fragments), in decode order. */
export function readMediaSegment(bytes: Uint8Array, track: Pick<VideoTrackInfo, 'trackId' | 'defaults'>): Mp4Sample[] {
  const view = viewOf(bytes);
  const samples: Mp4Sample[] = [];
  for (const moof of boxes(view, 0, bytes.byteLength)) {
    if (moof.type !== 'moof') continue;
    for (const traf of boxes(view, moof.start, moof.end)) {
      if (traf.type === 'traf') readTrackFragment(view, bytes, moof, traf, track, samples);
    }
  }
  return samples;
}

function readTrackFragment(view: DataView, bytes: Uint8Array, moof: Box, traf: Box, track: Pick<VideoTrackInfo, 'trackId' | 'defaults'>, out: Mp4Sample[]) {
  const tfhd = child(view, traf, 'tfhd');
  if (!tfhd || view.getUint32(tfhd.start + 4) !== track.trackId) return;
  const tfhdFlags = view.getUint32(tfhd.start) & 0xffffff;
  let at = tfhd.start + 8;
  let base = moof.at;
  if (tfhdFlags & 0x1) {
    base = Number(view.getBigUint64(at));
    at += 8;
  }
  if (tfhdFlags & 0x2) at += 4;
  const defaults = { ...track.defaults };
  const field = () => ((at += 4), view.getUint32(at - 4));
  if (tfhdFlags & 0x8) defaults.duration = field();
  if (tfhdFlags & 0x10) defaults.size = field();
  if (tfhdFlags & 0x20) defaults.flags = field();
  const tfdt = child(view, traf, 'tfdt');
  let dts = tfdt ? (view.getUint8(tfdt.start) === 1 ? Number(view.getBigUint64(tfdt.start + 4)) : view.getUint32(tfdt.start + 4)) : 0;
  for (const trun of boxes(view, traf.start, traf.end)) {
    if (trun.type !== 'trun') continue;
    const version = view.getUint8(trun.start);
    const flags = view.getUint32(trun.start) & 0xffffff;
    const count = view.getUint32(trun.start + 4);
    let field = trun.start + 8;
    const next = (signed = false) => ((field += 4), signed ? view.getInt32(field - 4) : view.getUint32(field - 4));
    const dataOffset = flags & 0x1 ? next(true) : null;
    let dataAt = dataOffset === null ? base : base + dataOffset;
    const firstFlags = flags & 0x4 ? next() : null;
    for (let index = 0; index < count; index++) {
      const duration = flags & 0x100 ? next() : defaults.duration;
      const size = flags & 0x200 ? next() : defaults.size;
      const sampleFlags = flags & 0x400 ? next() : index === 0 && firstFlags !== null ? firstFlags : defaults.flags;
      const offset = flags & 0x800 ? next(version !== 0) : 0;
      if (field > trun.end || dataAt + size > bytes.byteLength) throw new Mp4FormatError('trun overruns its fragment');
      out.push({ dts, pts: dts + offset, duration, key: isKey(sampleFlags), data: bytes.subarray(dataAt, dataAt + size) });
      dts += duration;
      dataAt += size;
    }
  }
}

/** The top-level boxes of a file in order (type, start and end of each box), for splitting a fragmented file. */
export function topLevelBoxes(bytes: Uint8Array): Array<{ type: string; at: number; end: number }> {
  return [...boxes(viewOf(bytes), 0, bytes.byteLength)].map(({ type, at, end }) => ({ type, at, end }));
}
