import { net, protocol } from 'electron';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentTypeOf } from '../host/staticFiles';
import { appRequestTarget, appScheme } from './appUrl';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the built renderer on app://wall/ and, at app://wall/basemap/<file>,
 * the room's PMTiles basemap from its reference folder by byte range, as the
 * pmtiles reader asks for it (the browser wall's host does the same). Every
 * answer — a page, an asset, a 400 or a 404 — carries the security headers
 * (the room's CSP, nosniff).
 */
export function serveRenderer(rendererDir: string, securityHeaders: Record<string, string>, basemapDir: string | null = null): void {
  const refusal = (status: number) =>
    new Response(status === 400 ? '请求地址无效 / Bad request' : '未找到 / Not found', {
      status,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    });
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'wall' && url.pathname.startsWith('/basemap/')) {
      const basemap = await basemapResponse(basemapDir, url.pathname.slice('/basemap/'.length), request.headers.get('range'));
      for (const [name, value] of Object.entries(securityHeaders)) basemap.headers.set(name, value);
      return basemap;
    }
    const target = appRequestTarget(rendererDir, request.url);
    if ('status' in target) return refusal(target.status);
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(target.file).href);
    } catch {
      return refusal(404);
    }
    if (!response.ok) return refusal(404);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    headers.set('content-type', contentTypeOf(target.file));
    return new Response(response.body, { status: response.status, headers });
  });
}

const basemapName = /^[\w.-]{1,100}\.pmtiles$/;

async function basemapResponse(dir: string | null, encodedName: string, range: string | null): Promise<Response> {
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
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
