import type { Locale } from '../../shared/domain/names';
import type { WallWindowSpec } from '../../shared/wall/profile';
import { resolveRendererFile, type RendererFile } from '../host/staticFiles';
import type { FailureNotice } from './wallKeeper';

/**
 * The app's own origin, app://wall/, and what a request to it leads to.
 * Plain Node (no Electron import), so the rules are unit tested.
 * Windows load the renderer from this privileged origin of our own rather
 * than file:// (which would give every page the whole disk).
 */
export const appScheme = 'app';
export const appHost = 'wall';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Whether a URL is one of our pages. Compared by parsed scheme and host:
 * for a custom scheme Node's URL gives the origin "null", so origins cannot
 * be compared, and a prefix test would let `app://wall.evil/` through.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** The page a URL shows (`queue.html`), for app URLs only; null for anything else. */
export function appPageOf(url: string): string | null {
  if (!isAppUrl(url)) return null;
  return new URL(url).pathname.replace(/^\/+/, '') || 'index.html';
}

/**
 * What an app:// request is answered with: a file of the built renderer,
 * 404 for another host or a path outside it, and 400 for a URL that cannot
 * be read (a bad escape such as `%E0%A4%A`) — never an exception.
 */
export function appRequestTarget(rendererDir: string, requestUrl: string): RendererFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return { status: 404 };
  return resolveRendererFile(rendererDir, url.pathname);
}

/** Seconds without pointer movement before the pointer hides on a wall display. */
export const idleCursorSeconds = 5;

/**
 * The page a wall window loads: its role's page, in the room's language;
 * a video window says which part of the screen numbering it shows, and a
 * window on a wall display hides the idle pointer.
 */
export function wallPageUrl(spec: WallWindowSpec, locale: Locale): string {
  const query = new URLSearchParams({ lang: locale });
  if (spec.videoIndex !== null) query.set('window', String(spec.videoIndex));
  if (spec.wallDisplay) query.set('hideCursorAfter', String(idleCursorSeconds));
  return `${appOrigin}/${spec.role}.html?${query}`;
}

/** The plain page shown instead of a window's page that keeps failing: the reason, and a way back to the page. */
export function failurePageUrl(spec: WallWindowSpec, locale: Locale, failure: FailureNotice): string {
  const query = new URLSearchParams({
    lang: locale,
    window: spec.key,
    reason: failure.reason,
    failures: String(failure.failures),
    retryAt: String(failure.retryAt),
    retry: wallPageUrl(spec, locale).slice(appOrigin.length),
  });
  return `${appOrigin}/failed.html?${query}`;
}
