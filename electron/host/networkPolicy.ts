import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ReferenceFileError } from '../core/demo/seed';

/**
 * What the wall's pages may reach beyond their own origin, from the room's
 * configuration: the camera gateways (video and snapshots), the district
 * platform, and the sites a link may open in the system browser. Both hosts
 * build their Content-Security-Policy from it (the browser wall's web host
 * and the Electron shell's app:// protocol); the shell also decides
 * permissions and `shell.openExternal` by it.
 */
export interface NetworkPolicy {
  /** Origins (`scheme://host[:port]`, host may start with `*.`) video and snapshots come from. */
  cameraOrigins: string[];
  /** The district platform's origin, or null when the room has none. */
  platformOrigin: string | null;
  /** Origins whose links open in the system browser; every other link is refused. */
  externalOrigins: string[];
}

export const networkFileName = 'network.json';

/**
 * An origin as a site engineer writes it: http(s) only, no path, query or
 * credentials. A gateway may be several host names (browsers open only six
 * connections per host), written `http://*.cams.room.local:8888`.
 */
function originSchema(allowWildcard: boolean) {
  return z.string().transform((text, context) => {
    const origin = normaliseOrigin(text, allowWildcard);
    if (origin === null) {
      context.addIssue({
        code: 'custom',
        message: `"${text}" is not an origin such as http://10.0.0.5:8888 (http or https, no path${allowWildcard ? ', a host may start with *.' : ''})`,
      });
      return z.NEVER;
    }
    return origin;
  });
}

export const NetworkConfigSchema = z
  .object({
    cameraGateways: z.array(originSchema(true)).max(64).default([]),
    platform: originSchema(false).nullable().default(null),
    openExternal: z.array(originSchema(false)).max(64).default([]),
  })
  .strict();
export type NetworkConfig = z.infer<typeof NetworkConfigSchema>;

const wildcardLabel = 'gridwall-wildcard-label';

/** `scheme://host[:port]` in canonical form (lower case, default port dropped), or null if `text` is not just an origin. */
export function normaliseOrigin(text: string, allowWildcard = false): string | null {
  const wildcard = allowWildcard && /^https?:\/\/\*\./i.test(text);
  let url: URL;
  try {
    url = new URL(wildcard ? text.replace('*.', `${wildcardLabel}.`) : text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname.includes('*')) return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (text.trim() !== text || /\s/.test(text)) return null;
  return wildcard ? url.origin.replace(`${wildcardLabel}.`, '*.') : url.origin;
}

/** Whether `origin` (a page's or a URL's) is matched by `pattern` (an exact origin or `scheme://*.domain[:port]`). */
export function originMatches(origin: string, pattern: string): boolean {
  if (!pattern.includes('://*.')) return origin === pattern;
  const [scheme, rest] = pattern.split('://*.') as [string, string];
  const [domain, port] = splitPort(rest);
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === `${scheme}:` && url.hostname.endsWith(`.${domain}`) && url.port === port;
}

function splitPort(hostAndPort: string): [string, string] {
  const colon = hostAndPort.lastIndexOf(':');
  return colon === -1 ? [hostAndPort, ''] : [hostAndPort.slice(0, colon), hostAndPort.slice(colon + 1)];
}

/** The room's network.json from its reference folder; no file means nothing beyond the wall's own origin (and its cameras). */
export function readNetworkConfig(referenceDir: string | null): NetworkConfig {
  const empty: NetworkConfig = { cameraGateways: [], platform: null, openExternal: [] };
  if (!referenceDir) return empty;
  const path = join(referenceDir, networkFileName);
  if (!existsSync(path)) return empty;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReferenceFileError(path, error instanceof Error ? error.message : String(error));
  }
  const parsed = NetworkConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceFileError(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The policy for this start: the configured gateways, plus the origin of
 * every camera stream the room's camera list names (a listed camera is a
 * configured one) and the demo's camera server when it runs.
 */
export function buildNetworkPolicy(config: NetworkConfig, cameraStreamUrls: readonly string[], demoCameraOrigin: string | null = null): NetworkPolicy {
  const fromStreams = cameraStreamUrls.flatMap((url) => {
    try {
      const { protocol, origin } = new URL(url);
      return protocol === 'http:' || protocol === 'https:' ? [origin] : [];
    } catch {
      return [];
    }
  });
  const cameraOrigins = [...new Set([...config.cameraGateways, ...fromStreams, ...(demoCameraOrigin ? [demoCameraOrigin] : [])])]
    // An origin already covered by a wildcard gateway adds nothing.
    .filter((origin, _index, all) => origin.includes('://*.') || !all.some((other) => other !== origin && other.includes('://*.') && originMatches(origin, other)))
    .sort();
  return { cameraOrigins, platformOrigin: config.platform, externalOrigins: [...new Set(config.openExternal)].sort() };
}

/** A policy that lets the pages reach nothing but their own origin. */
export const closedNetworkPolicy: NetworkPolicy = { cameraOrigins: [], platformOrigin: null, externalOrigins: [] };

/**
 * The Content-Security-Policy of every page and response of both hosts.
 * Scripts only from the wall itself; media, snapshots and playlists only
 * from the camera gateways; requests to those and the platform; no
 * plugins, frames, framing, form posts or <base>.
 */
export function contentSecurityPolicy(policy: NetworkPolicy): string {
  const cameras = policy.cameraOrigins;
  const connect = [...cameras, ...(policy.platformOrigin ? [policy.platformOrigin] : [])];
  const directive = (name: string, ...sources: string[]) => [name, ...sources].join(' ');
  return [
    directive('default-src', "'self'"),
    directive('script-src', "'self'"),
    // React and maplibre set element styles at run time.
    directive('style-src', "'self'", "'unsafe-inline'"),
    directive('img-src', "'self'", 'data:', 'blob:', ...cameras),
    directive('media-src', "'self'", 'blob:', ...cameras),
    directive('worker-src', "'self'", 'blob:'),
    directive('connect-src', "'self'", ...connect),
    directive('font-src', "'self'", 'data:'),
    directive('object-src', "'none'"),
    directive('frame-src', "'none'"),
    directive('frame-ancestors', "'none'"),
    directive('base-uri', "'none'"),
    directive('form-action', "'none'"),
  ].join('; ');
}

/** Headers every response of both hosts carries, whatever it is (a page, a script, a 404). */
export function securityHeaders(policy: NetworkPolicy): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(policy),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** Every stream address a camera list names (the `--cameras` file, or a reference folder's cameras.json). */
export function cameraStreamUrls(cameras: readonly { subStream?: string | undefined; mainStream?: string | undefined }[]): string[] {
  return cameras.flatMap((camera) => [camera.subStream, camera.mainStream].filter((url): url is string => typeof url === 'string'));
}
