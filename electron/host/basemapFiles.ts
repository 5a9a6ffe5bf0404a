import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** Only a plain .pmtiles file name in the room's reference folder: nothing else of the disk is reachable. */
const basemapName = /^[\w.-]{1,100}\.pmtiles$/;

/**
 * A room's PMTiles basemap, served to the map window by byte range (the
 * pmtiles reader asks for the header, then each directory and tile by its
 * offset): a file of a few GB never travels whole, and the map works with no
 * tile server and no internet.
 */
export function serveBasemap(dir: string | null, name: string, request: IncomingMessage, response: ServerResponse): void {
  if (!dir || !basemapName.test(name)) return void response.writeHead(404).end();
  let size: number;
  try {
    const stat = statSync(join(dir, name));
    if (!stat.isFile()) return void response.writeHead(404).end();
    size = stat.size;
  } catch {
    return void response.writeHead(404).end();
  }
  const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range) {
    response.writeHead(200, { ...headers, 'content-length': size });
    return void createReadStream(join(dir, name)).pipe(response);
  }
  // "bytes=a-b", "bytes=a-" or the last n bytes "bytes=-n".
  const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(size - 1, Number(range[2]));
  if (start > end || start >= size) return void response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
  response.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
  createReadStream(join(dir, name), { start, end }).pipe(response);
}
