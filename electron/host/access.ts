import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Audience } from '../../shared/domain/case';

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
