import { net, protocol } from 'electron';
import { resolve, sep } from 'node:path';
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

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== 'wall' || !file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy);
    return new Response(response.body, { status: response.status, headers });
  });
}
