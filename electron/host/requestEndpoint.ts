import type { IncomingMessage, ServerResponse } from 'node:http';
import { connectionKeyHeader, maxHttpRequestBytes } from '../../shared/contract/limits';
import type { ResponseMessage } from '../../shared/contract/messages';
import { jsonNestingDepth, maxMessageDepth } from '../../shared/contract/shape';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import { hostRefusal } from './hostRefusal';
import { leadingRequestId } from './windowSocket';

/**
 * `POST /request`: a request too large for one socket frame (a photo), sent
 * by the window over HTTP with its connection key. It runs in that socket's
 * session (so its sign-in applies) and is answered as JSON, refusals
 * included. The key only lives as long as its socket.
 */
export async function serveLargeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  deps: { link: CoreLink; logger: Logger; sessionForKey: (key: string | undefined) => Session | null },
): Promise<void> {
  const session = deps.sessionForKey(request.headers[connectionKeyHeader] as string | undefined);
  if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
  if (!session) return void response.writeHead(410, { 'content-type': 'text/plain; charset=utf-8' }).end('连接已结束，请重连后再试。/ That connection has ended; reconnect and try again.');
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxHttpRequestBytes) return answer(response, 413, tooLarge(session, declared));
  const body = await readBody(request, maxHttpRequestBytes);
  if (body === null) return answer(response, 413, tooLarge(session, maxHttpRequestBytes + 1));
  if (jsonNestingDepth(body) > maxMessageDepth) return answer(response, 200, hostRefusal(session, leadingRequestId(body), 'tooComplex'));
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    raw = undefined;
  }
  deps.logger.info('request.overHttp', { role: session.role, bytes: body.length });
  answer(response, 200, await deps.link.request(session, raw));
}

const tooLarge = (session: Session, bytes: number) =>
  hostRefusal(session, -1, 'tooLarge', { sizeKb: Math.ceil(bytes / 1024), maxKb: Math.floor(maxHttpRequestBytes / 1024) });

function answer(response: ServerResponse, status: number, message: ResponseMessage): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(message));
}

/**
 * The body as text, or null once it passes `limit` bytes. The rest is not
 * kept but left to Node to drain after the answer: destroying the request
 * reset the connection, and a sender still writing its body never read
 * the 413 that says why.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', collect);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', collect);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
