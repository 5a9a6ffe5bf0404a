import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
};

/** Where a request for `urlPath` leads under `root`: a file, or the status that refuses it. */
export type RendererFile = { file: string } | { status: 400 | 404 };

/**
 * Resolves a URL path to a file under `root`, for both hosts (the web host
 * and the shell's app:// protocol). A path that is not a valid escape
 * (`%E0%A4%A`) is a 400; one that climbs out of `root` or holds a NUL is a 404.
 */
export function resolveRendererFile(root: string, urlPath: string): RendererFile {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 404 };
  const file = resolve(join(base, normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded)));
  if (!file.startsWith(base + sep)) return { status: 404 };
  return { file };
}

/** The content type a file is served with, by its extension. */
export function contentTypeOf(file: string): string {
  return contentTypes[extname(file)] ?? 'application/octet-stream';
}

/**
 * Serves files under `root` only (see resolveRendererFile). The security
 * headers (CSP, nosniff) are set by the web host on every response before
 * this runs.
 */
export function serveStatic(root: string, urlPath: string, response: ServerResponse): void {
  const resolved = resolveRendererFile(root, urlPath);
  if ('status' in resolved) return refuse(response, resolved.status);
  const { file } = resolved;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return refuse(response, 404);
    size = stat.size;
  } catch {
    return refuse(response, 404);
  }
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': size,
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

function refuse(response: ServerResponse, status: 400 | 404): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(status === 400 ? '请求地址无效 / Bad request' : '未找到 / Not found');
}
