/**
 * H.264 from MPEG-TS live segments (ISO/IEC 13818-1), what most gateways
 * serve: the video elementary stream's access units with their times and
 * whether each is a key frame, in Annex B form, as a WebCodecs decoder
 * takes it without a configuration record. Audio and other streams are
 * skipped. Pure and stateless per segment: each live segment carries its
 * own PAT and PMT.
 */

export class TsFormatError extends Error {}

export interface TsVideo {
  /** WebCodecs codec string from the sequence parameter set, e.g. `avc1.4d400c`; null when the segment has none. */
  codec: string | null;
  /** Video stream type from the PMT (0x1b H.264, 0x24 H.265 …). */
  streamType: number;
  samples: TsSample[];
}

export interface TsSample {
  /** 90 kHz. */
  pts: number;
  dts: number;
  key: boolean;
  data: Uint8Array;
}

const packetSize = 188;
export const streamTypeH264 = 0x1b;

interface Packet {
  pid: number;
  start: boolean;
  payload: Uint8Array;
}

function* packets(bytes: Uint8Array): Generator<Packet> {
  if (bytes.length < packetSize || bytes[0] !== 0x47) throw new TsFormatError('not an MPEG-TS segment (no sync byte)');
  for (let at = 0; at + packetSize <= bytes.length; at += packetSize) {
    if (bytes[at] !== 0x47) throw new TsFormatError(`lost sync at byte ${at}`);
    const pid = ((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!;
    const start = (bytes[at + 1]! & 0x40) !== 0;
    const control = (bytes[at + 3]! >> 4) & 0x3;
    let offset = at + 4;
    if (control === 2 || control === 0) continue;
    if (control === 3) offset += 1 + bytes[offset]!;
    if (offset >= at + packetSize) continue;
    yield { pid, start, payload: bytes.subarray(offset, at + packetSize) };
  }
}

/** The PMT's PID from a PAT section. */
function readPat(payload: Uint8Array): number | null {
  const section = payload.subarray(1 + payload[0]!);
  const length = ((section[1]! & 0x0f) << 8) | section[2]!;
  for (let at = 8; at + 4 <= Math.min(3 + length - 4, section.length); at += 4) {
    const program = (section[at]! << 8) | section[at + 1]!;
    if (program !== 0) return ((section[at + 2]! & 0x1f) << 8) | section[at + 3]!;
  }
  return null;
}

/** The first video stream of a PMT section: its PID and stream type. */
function readPmt(payload: Uint8Array): { pid: number; streamType: number } | null {
  const section = payload.subarray(1 + payload[0]!);
  const length = ((section[1]! & 0x0f) << 8) | section[2]!;
  const end = Math.min(3 + length - 4, section.length);
  let at = 12 + (((section[10]! & 0x0f) << 8) | section[11]!);
  while (at + 5 <= end) {
    const streamType = section[at]!;
    const pid = ((section[at + 1]! & 0x1f) << 8) | section[at + 2]!;
    if ([0x1b, 0x24, 0x10, 0x02].includes(streamType)) return { pid, streamType };
    at += 5 + (((section[at + 3]! & 0x0f) << 8) | section[at + 4]!);
  }
  return null;
}

const timestamp = (bytes: Uint8Array, at: number) =>
  (bytes[at]! & 0x0e) * 536870912 + bytes[at + 1]! * 4194304 + ((bytes[at + 2]! & 0xfe) >> 1) * 32768 + bytes[at + 3]! * 128 + ((bytes[at + 4]! & 0xfe) >> 1);

/** One PES packet → one access unit (gateways write one per frame). */
function readPes(pes: Uint8Array): TsSample | null {
  if (pes.length < 9 || pes[0] !== 0 || pes[1] !== 0 || pes[2] !== 1) return null;
  const flags = pes[7]!;
  const headerEnd = 9 + pes[8]!;
  if (!(flags & 0x80) || headerEnd > pes.length) return null;
  const pts = timestamp(pes, 9);
  const dts = flags & 0x40 ? timestamp(pes, 14) : pts;
  const data = pes.subarray(headerEnd);
  return { pts, dts, key: nalTypes(data).includes(5), data };
}

/** The NAL unit types in an Annex B access unit. */
function nalTypes(data: Uint8Array): number[] {
  const types: number[] = [];
  for (let at = 0; at + 3 < data.length; at++) {
    if (data[at] === 0 && data[at + 1] === 0 && data[at + 2] === 1) {
      types.push(data[at + 3]! & 0x1f);
      at += 3;
    }
  }
  return types;
}

/** `avc1.PPCCLL` from the first sequence parameter set in an access unit. */
function codecOf(data: Uint8Array): string | null {
  for (let at = 0; at + 6 < data.length; at++) {
    if (data[at] === 0 && data[at + 1] === 0 && data[at + 2] === 1 && (data[at + 3]! & 0x1f) === 7) {
      const hex = (value: number) => value.toString(16).padStart(2, '0');
      return `avc1.${hex(data[at + 4]!)}${hex(data[at + 5]!)}${hex(data[at + 6]!)}`;
    }
  }
  return null;
}

export function readTsSegment(bytes: Uint8Array): TsVideo {
  let pmtPid: number | null = null;
  let video: { pid: number; streamType: number } | null = null;
  const units: Uint8Array[][] = [];
  for (const packet of packets(bytes)) {
    if (packet.pid === 0 && packet.start) pmtPid = readPat(packet.payload);
    else if (packet.pid === pmtPid && packet.start) video ??= readPmt(packet.payload);
    else if (video && packet.pid === video.pid) {
      if (packet.start) units.push([]);
      units.at(-1)?.push(packet.payload);
    }
  }
  if (!video) throw new TsFormatError('no video stream in the segment');
  const samples = units.map((parts) => readPes(concat(parts))).filter((sample): sample is TsSample => sample !== null);
  const withCodec = samples.find((sample) => sample.key);
  return { codec: withCodec ? codecOf(withCodec.data) : null, streamType: video.streamType, samples };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
