import { originMatches, type NetworkPolicy } from '../host/networkPolicy';
import { isAppUrl } from './appUrl';

/**
 * The shell's security decisions, as plain functions of the room's network
 * policy (no Electron here, so each rule is unit tested). security.ts wires
 * them to Electron's handlers.
 */

/** The origin of a URL as Chromium reports it (`https://host:port`), or null for what has none. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

const isCameraOrigin = (origin: string | null, policy: NetworkPolicy) => origin !== null && policy.cameraOrigins.some((pattern) => originMatches(origin, pattern));

/**
 * Whether a page may have a permission. Nothing is granted by default (Electron
 * grants everything unless told otherwise); media only to a configured
 * camera origin (a gateway's own player page, never the wall's pages, which
 * only play streams and never capture), and only for video.
 */
export function permissionAllowed(permission: string, requestingUrl: string, policy: NetworkPolicy, mediaTypes: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  if (mediaTypes.some((type) => type !== 'video')) return false;
  return isCameraOrigin(originOf(requestingUrl), policy);
}

/**
 * The URL to hand to the system browser, or null to refuse: http(s) only, no
 * credentials, and its parsed origin exactly one the room allowed (never a
 * prefix test: `https://platform.gov.cn.evil.cn` is another site).
 */
export function externalUrl(url: string, policy: NetworkPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  return policy.externalOrigins.includes(parsed.origin) ? parsed.href : null;
}

/** A wall window only ever shows our own pages: any navigation or redirect elsewhere is stopped. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}
