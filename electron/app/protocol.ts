import { net, protocol } from 'electron';
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
 * Serves the built renderer on app://wall/. Every answer — a page, an asset,
 * a 400 or a 404 — carries the security headers (the room's CSP, nosniff).
 */
export function serveRenderer(rendererDir: string, securityHeaders: Record<string, string>): void {
  const refusal = (status: number) =>
    new Response(status === 400 ? '请求地址无效 / Bad request' : '未找到 / Not found', {
      status,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    });
  protocol.handle(appScheme, async (request) => {
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
