import { net, protocol } from 'electron';
import { open, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/staticFiles';

/**
 * Windows load the renderer from app://wall/, a privileged origin of our
 * own, rather than file:// (which would give every page the whole disk).
 */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://wall`;

/**
 * Whether a URL is one of our pages. Compared by scheme and host: for a
 * custom scheme, Node's URL gives the origin "null", so origins cannot be compared.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === 'wall';
  } catch {
    return false;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the windows (dist/renderer) and, at app://wall/basemap/<file>, the
 * room's PMTiles basemap from its reference folder by byte range, as the
 * pmtiles reader asks for it (the browser wall's host does the same).
 */
export function serveRenderer(rendererDir: string, basemapDir: string | null = null): void {
  const root = resolve(rendererDir);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'wall' && url.pathname.startsWith('/basemap/')) return basemapResponse(basemapDir, decodeURIComponent(url.pathname.slice('/basemap/'.length)), request.headers.get('range'));
    const file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== 'wall' || !file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy);
    return new Response(response.body, { status: response.status, headers });
  });
}

const basemapName = /^[\w.-]{1,100}\.pmtiles$/;

async function basemapResponse(dir: string | null, name: string, range: string | null): Promise<Response> {
  if (!dir || !basemapName.test(name)) return new Response('Not found', { status: 404 });
  const path = join(dir, name);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range ?? '');
  const start = !match ? 0 : match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = !match || match[2] === '' || match[1] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  if (start > end) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  const file = await open(path, 'r');
  try {
    const bytes = new Uint8Array(end - start + 1);
    await file.read(bytes, 0, bytes.length, start);
    const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'content-length': String(bytes.length) };
    return match
      ? new Response(bytes, { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}` } })
      : new Response(bytes, { status: 200, headers });
  } finally {
    await file.close();
  }
}
