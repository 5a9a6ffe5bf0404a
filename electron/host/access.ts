import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Audience } from '../../shared/domain/case';
import { WindowRoleSchema, windowRoles } from '../../shared/wall/roles';

/**
 * Who may open a window on the browser wall. Each run draws two fresh
 * tokens: one for operator windows, one for presentation (visitor) windows,
 * which the core serves read-only and without personal data.
 */
export interface AccessTokens {
  operator: string;
  presentation: string;
}

export function drawTokens(): AccessTokens {
  return { operator: randomBytes(18).toString('base64url'), presentation: randomBytes(18).toString('base64url') };
}

export function audienceForToken(tokens: AccessTokens, offered: string | null): Audience | null {
  if (!offered) return null;
  if (sameSecret(offered, tokens.operator)) return 'operator';
  if (sameSecret(offered, tokens.presentation)) return 'public';
  return null;
}

function sameSecret(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || plain.startsWith('127.');
}

export const refusedFromNetwork =
  '浏览器指挥墙只接受本机连接；如需局域网访问，请以 --lan 启动。/ The browser wall only accepts connections from this machine; start it with --lan to serve the room\'s LAN.';

/**
 * Why a window's socket is refused, or null to accept it: from another PC
 * when the host serves this machine only, at the wrong path, without a
 * valid token, or for an unknown window role.
 */
export function socketRefusal(
  request: Pick<IncomingMessage, 'url'> & { socket: { remoteAddress?: string | undefined } },
  options: { lan: boolean; tokens: AccessTokens },
): { status: string; reason: string; text: string } | null {
  if (!options.lan && !isLoopback(request.socket.remoteAddress)) {
    return { status: '403 Forbidden', reason: 'notLoopback', text: refusedFromNetwork };
  }
  const url = new URL(request.url ?? '/', 'http://host');
  if (url.pathname !== '/ws') return { status: '404 Not Found', reason: 'path', text: 'Not found' };
  const audience = audienceForToken(options.tokens, url.searchParams.get('token'));
  if (!audience) {
    return { status: '401 Unauthorized', reason: 'token', text: '令牌无效或缺失。/ Missing or wrong token.' };
  }
  const role = WindowRoleSchema.safeParse(url.searchParams.get('role'));
  if (!role.success) {
    return { status: '400 Bad Request', reason: 'role', text: `role must be one of ${windowRoles.join(', ')}` };
  }
  // The visitors' token opens presentation windows only: never a queue, a map or the camera matrix.
  if (audience === 'public' && role.data !== 'presentation') {
    return { status: '403 Forbidden', reason: 'presentationToken', text: '展示令牌只能打开成果展示窗口。/ The presentation token opens presentation windows only.' };
  }
  return null;
}
