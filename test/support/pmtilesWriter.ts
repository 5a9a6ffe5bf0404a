import { deflateSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

/**
 * A small PMTiles v3 archive of raster tiles, written by the spec
 * (github.com/protomaps/PMTiles, spec/v3): a 127-byte header, an
 * uncompressed root directory, JSON metadata and the tile data. Enough for a
 * test to serve a real basemap file through the host and see maplibre read
 * it by byte range; a room cuts its own with the pmtiles tools.
 */
export function rasterPmtiles(options: { bbox: [number, number, number, number]; minZoom: number; maxZoom: number; colour: [number, number, number] }): Buffer {
  const tile = solidPng(256, options.colour);
  const entries: { tileId: number; offset: number; length: number }[] = [];
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    const [minX, maxY] = tileOf(options.bbox[0], options.bbox[1], z);
    const [maxX, minY] = tileOf(options.bbox[2], options.bbox[3], z);
    for (let x = minX; x <= maxX; x++) for (let y = minY; y <= maxY; y++) entries.push({ tileId: zxyToTileId(z, x, y), offset: 0, length: tile.length });
  }
  entries.sort((a, b) => a.tileId - b.tileId);
  // Every tile is the same picture: all entries point at one copy of it.
  const directory = serialiseDirectory(entries);
  const metadata = Buffer.from(JSON.stringify({ name: 'test raster', format: 'png' }));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadata.length;
  const u64 = (position: number, value: number) => header.writeBigUInt64LE(BigInt(value), position);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, dataOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tile.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, 1);
  header.writeUInt8(0, 96); // not clustered: entries share one tile
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: png
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const e7 = (value: number) => Math.round(value * 1e7);
  header.writeInt32LE(e7(options.bbox[0]), 102);
  header.writeInt32LE(e7(options.bbox[1]), 106);
  header.writeInt32LE(e7(options.bbox[2]), 110);
  header.writeInt32LE(e7(options.bbox[3]), 114);
  header.writeUInt8(options.minZoom, 118);
  header.writeInt32LE(e7((options.bbox[0] + options.bbox[2]) / 2), 119);
  header.writeInt32LE(e7((options.bbox[1] + options.bbox[3]) / 2), 123);
  return Buffer.concat([header, directory, metadata, tile]);
}

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const radians = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * n)];
}

function varint(value: number, out: number[]): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Entries: count, tile id deltas, run lengths, lengths, offsets (offset + 1; 0 = right after the previous, which these never are). */
function serialiseDirectory(entries: readonly { tileId: number; offset: number; length: number }[]): Buffer {
  const out: number[] = [];
  varint(entries.length, out);
  let last = 0;
  for (const entry of entries) {
    varint(entry.tileId - last, out);
    last = entry.tileId;
  }
  for (let index = 0; index < entries.length; index++) varint(1, out);
  for (const entry of entries) varint(entry.length, out);
  for (const entry of entries) varint(entry.offset + 1, out);
  return Buffer.from(out);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A one-colour PNG, size × size. */
function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
