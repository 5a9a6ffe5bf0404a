/**
 * One HTTP load for a live tile, with the limits a wall needs: a time to the
 * first byte, a time for the whole body, and the bytes counted as they come
 * (a segment that hangs mid-way is a different failure from one that never
 * started). Failures carry hls.js's vocabulary (`fragLoadTimeOut`, HTTP
 * status, bytes loaded) so shared/video/streamFailure.ts names the reason the
 * same way for both players.
 */

export type LoadKind = 'manifest' | 'level' | 'frag';

export class LoadFailure extends Error {
  constructor(
    readonly details: string,
    readonly httpStatus: number,
    readonly bytesLoaded: number,
  ) {
    super(`${details}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
  }
}

export interface LoadLimits {
  firstByteMs: number;
  totalMs: number;
}

/** Loads `url` fully; throws LoadFailure (or an AbortError when `signal` aborts). */
export async function fetchBytes(url: string, kind: LoadKind, limits: LoadLimits, signal: AbortSignal): Promise<Uint8Array> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  let timedOut = false;
  let bytesLoaded = 0;
  const arm = (ms: number) =>
    setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  const timer = arm(limits.firstByteMs);
  const total = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.totalMs);
  try {
    const response = await fetch(url, { signal: controller.signal, cache: 'no-store' });
    clearTimeout(timer);
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      throw new LoadFailure(`${kind}LoadError`, response.status, 0);
    }
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytesLoaded += value.byteLength;
    }
    return concat(chunks, bytesLoaded);
  } catch (error) {
    if (error instanceof LoadFailure) throw error;
    if (signal.aborted) throw error;
    throw new LoadFailure(timedOut ? `${kind}LoadTimeOut` : `${kind}LoadError`, 0, bytesLoaded);
  } finally {
    clearTimeout(timer);
    clearTimeout(total);
    signal.removeEventListener('abort', stop);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Loads with one quick retry for a dropped connection or a 5xx, never for a 4xx (the tile's own backoff does the
 * real retrying; see tilePlayer.ts's load policy, which this mirrors).
 */
export async function fetchWithRetry(url: string, kind: LoadKind, limits: LoadLimits, signal: AbortSignal): Promise<Uint8Array> {
  try {
    return await fetchBytes(url, kind, limits, signal);
  } catch (error) {
    if (!(error instanceof LoadFailure) || (error.httpStatus >= 400 && error.httpStatus < 500) || error.details.endsWith('TimeOut')) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (signal.aborted) throw error;
    return fetchBytes(url, kind, limits, signal);
  }
}
