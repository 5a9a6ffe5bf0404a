import type { z } from 'zod';
import {
  bearerFor,
  ChangesResponseSchema,
  UploadRefusalSchema,
  UploadResponseSchema,
  type ChangesResponse,
  type PlatformCredentials,
  type UploadRequest,
  type UploadResponse,
} from '../../../shared/sync/protocol';

export type PlatformErrorCode = 'unreachable' | 'timeout' | 'badCredentials' | 'refused' | 'badAnswer' | 'gap';

/** Why a call to the platform did not give an answer the wall can use. */
export class PlatformError extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    readonly detail = '',
    readonly expectedSeq: number | null = null,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'PlatformError';
  }
}

/**
 * The wall's HTTP client for the platform. Every answer is validated with
 * the protocol's schemas before the wall believes it; anything else (a cut
 * connection, a proxy's HTML, a field too many) is a `PlatformError`.
 */
export function createPlatformLink(credentials: PlatformCredentials, options: { uploadTimeoutMs?: number; pullGraceMs?: number } = {}) {
  const base = credentials.url.replace(/\/+$/, '');
  const headers = { authorization: bearerFor(credentials), 'content-type': 'application/json' };

  async function call<T extends z.ZodType>(path: string, init: RequestInit, timeoutMs: number, schema: T, signal: AbortSignal): Promise<z.output<T>> {
    let response: Response;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      response = await fetch(`${base}${path}`, { ...init, headers, signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      throw new PlatformError(timeout.aborted ? 'timeout' : 'unreachable', error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error));
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new PlatformError(timeout.aborted ? 'timeout' : 'badAnswer', `HTTP ${response.status}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 401 || response.status === 403) throw new PlatformError('badCredentials', `HTTP ${response.status}`);
    if (response.status === 409) {
      const gap = UploadRefusalSchema.safeParse(body);
      if (gap.success) throw new PlatformError('gap', '', gap.data.expectedSeq);
    }
    if (!response.ok) throw new PlatformError('refused', `HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new PlatformError('badAnswer', parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return parsed.data;
  }

  return {
    subCentreId: credentials.subCentreId,
    upload(body: UploadRequest, signal: AbortSignal): Promise<UploadResponse> {
      return call('/sync/v1/upload', { method: 'POST', body: JSON.stringify(body) }, options.uploadTimeoutMs ?? 20_000, UploadResponseSchema, signal);
    },
    changes(query: { after: number; epoch: string; limit: number; waitMs: number; clientId: string }, signal: AbortSignal): Promise<ChangesResponse> {
      const search = new URLSearchParams({ after: String(query.after), epoch: query.epoch, limit: String(query.limit), waitMs: String(query.waitMs), clientId: query.clientId });
      return call(`/sync/v1/changes?${search}`, { method: 'GET' }, query.waitMs + (options.pullGraceMs ?? 10_000), ChangesResponseSchema, signal);
    },
  };
}
export type PlatformLink = ReturnType<typeof createPlatformLink>;
