import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { jsonNestingDepth, maxMessageDepth } from '../../shared/contract/shape';
import type { ServerMessage } from '../../shared/contract/messages';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import type { Session } from '../core/core';
import { hostRefusal } from './hostRefusal';

/** A socket that falls this far behind is closed; its window reconnects and reloads. */
const maxBufferedBytes = 8 * 1024 * 1024;

/** One window's socket, as the host keeps it: its session, its key for large requests, and whether it answers pings. */
export interface WindowSocket {
  session: Session;
  connectionKey: string;
  send(message: ServerMessage): void;
  /** One keepalive round: a socket that did not answer the last ping is dropped; the others are pinged and hear a heartbeat. */
  keepalive(): void;
}

/**
 * Serves one window: its requests go to the core (after a shape check made
 * before anything is parsed), the core's events, status and heartbeats come
 * back. The first message tells the window its connection key and the
 * heartbeat interval.
 */
export function serveWindowSocket(ws: WebSocket, session: Session, deps: { link: CoreLink; logger: Logger; heartbeatMs: number; onClose: () => void }): WindowSocket {
  const { link, logger } = deps;
  let answeredPing = true;
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBufferedBytes) {
      logger.warn('window.tooSlow', { role: session.role });
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const windowSocket: WindowSocket = {
    session,
    connectionKey: randomBytes(18).toString('base64url'),
    send,
    keepalive() {
      if (!answeredPing) {
        logger.warn('window.noPong', { role: session.role, connection: session.connectionId });
        ws.terminate();
        return;
      }
      answeredPing = false;
      ws.ping();
      send({ type: 'heartbeat' });
    },
  };

  logger.info('window.connected', { role: session.role, audience: session.audience, connection: session.connectionId });
  send({ type: 'welcome', connectionKey: windowSocket.connectionKey, heartbeatMs: deps.heartbeatMs });
  send({ type: 'status', status: link.status() });
  const unsubscribe = link.subscribe(session, (event) => send({ type: 'event', event }));
  ws.on('pong', () => (answeredPing = true));
  ws.on('message', (data, isBinary) => {
    answeredPing = true;
    const answer = (response: Awaited<ReturnType<CoreLink['request']>>) => send({ type: 'response', response });
    const text = isBinary ? null : String(data);
    if (text !== null && jsonNestingDepth(text) > maxMessageDepth) {
      logger.warn('request.refused', { reason: 'tooComplex', role: session.role, bytes: text.length });
      return answer(hostRefusal(session, leadingRequestId(text), 'tooComplex'));
    }
    let raw: unknown;
    try {
      raw = text === null ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    // Unparseable text and binary frames still go to the core, which answers with a clear error and logs it.
    void link.request(session, raw).then(answer);
  });
  ws.on('close', () => {
    unsubscribe();
    deps.onClose();
    void link.forget(session.connectionId);
    logger.info('window.disconnected', { role: session.role, connection: session.connectionId });
  });
  ws.on('error', (error) => logger.warn('window.socketError', { role: session.role, error: error.message }));
  return windowSocket;
}

/** The id of a refused message, when it starts with it as windows write it (`{"id":12,…`); -1 otherwise. */
export function leadingRequestId(text: string): number {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(text);
  return match ? Number(match[1]) : -1;
}
