import { streamFaults, type FaultSwitches, type StreamFault } from './media/liveHlsServer';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/contract/messages';
import type { Audience } from '../../shared/domain/case';
import { parseLocale } from '../../shared/i18n/index';
import { WindowRoleSchema, windowRoles, type WindowRole } from '../../shared/wall/roles';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import { audienceForToken, isLoopback, type AccessTokens } from './access';
import { serveStatic } from './staticFiles';

export interface WebHostOptions {
  link: CoreLink;
  /** The demo camera server's fault switches (for drills and tests); null without the demo. */
  cameraFaults?: FaultSwitches | null;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  tokens: AccessTokens;
  logger: Logger;
  port: number;
  /** Listen on every interface and accept other PCs of the room's LAN. Off by default. */
  lan: boolean;
}

/** A socket that falls this far behind is closed; its window reconnects and reloads. */
const maxBufferedBytes = 8 * 1024 * 1024;
const maxMessageBytes = 256 * 1024;

/**
 * The browser wall: serves the renderer and speaks the core's contract over
 * a WebSocket at /ws. Each socket is one window; its session (role,
 * audience, language) is fixed when it connects, from the URL and the token.
 */
export async function startWebHost(options: WebHostOptions) {
  const { link, tokens, logger } = options;
  let connections = 0;

  const server = createServer((request, response) => {
    if (!options.lan && !isLoopback(request.socket.remoteAddress)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(refusedFromNetwork);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    // Lets a window tell "host down" from "my token is no longer valid" (tokens change at every start).
    if (url.pathname === '/demo/camera-fault' && options.cameraFaults) {
      // Drills and tests break a demo camera on purpose; only an operator token may.
      if (audienceForToken(tokens, url.searchParams.get('token')) !== 'operator') return void response.writeHead(401).end();
      const camera = url.searchParams.get('camera') ?? '';
      const fault = url.searchParams.get('fault') ?? '';
      if (fault !== 'none' && !(streamFaults as readonly string[]).includes(fault)) return void response.writeHead(400).end('unknown fault');
      try {
        options.cameraFaults.set(camera, fault === 'none' ? null : (fault as StreamFault));
      } catch {
        return void response.writeHead(404).end('unknown camera');
      }
      logger.info('demo.cameraFault', { camera, fault });
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/token-check') {
      response.writeHead(audienceForToken(tokens, url.searchParams.get('token')) ? 204 : 401).end();
      return;
    }
    serveStatic(options.staticDir, url.pathname, response);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  server.on('upgrade', (request, socket, head) => {
    const refusal = refusalFor(request);
    if (refusal) {
      logger.warn('socket.refused', { reason: refusal.reason, from: request.socket.remoteAddress });
      socket.end(`HTTP/1.1 ${refusal.status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${refusal.text}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveWindow(ws, sessionFor(request)));
  });

  function refusalFor(request: IncomingMessage): { status: string; reason: string; text: string } | null {
    if (!options.lan && !isLoopback(request.socket.remoteAddress)) {
      return { status: '403 Forbidden', reason: 'notLoopback', text: refusedFromNetwork };
    }
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname !== '/ws') return { status: '404 Not Found', reason: 'path', text: 'Not found' };
    if (!audienceForToken(tokens, url.searchParams.get('token'))) {
      return { status: '401 Unauthorized', reason: 'token', text: '令牌无效或缺失。/ Missing or wrong token.' };
    }
    if (!WindowRoleSchema.safeParse(url.searchParams.get('role')).success) {
      return { status: '400 Bad Request', reason: 'role', text: `role must be one of ${windowRoles.join(', ')}` };
    }
    return null;
  }

  function sessionFor(request: IncomingMessage): Session {
    const url = new URL(request.url ?? '/', 'http://host');
    const audience = audienceForToken(tokens, url.searchParams.get('token')) as Audience;
    const role = url.searchParams.get('role') as WindowRole;
    return {
      connectionId: `ws-${++connections}-${request.socket.remoteAddress ?? 'unknown'}`,
      role,
      audience,
      locale: parseLocale(url.searchParams.get('lang')),
    };
  }

  function serveWindow(ws: WebSocket, session: Session) {
    logger.info('window.connected', { role: session.role, audience: session.audience, connection: session.connectionId });
    const send = (message: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        logger.warn('window.tooSlow', { role: session.role });
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(message));
    };
    const unsubscribe = link.subscribe(session, (event) => send({ type: 'event', event }));
    ws.on('message', (data, isBinary) => {
      let raw: unknown;
      try {
        raw = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        raw = undefined;
      }
      // Unparseable text still goes to the core, which answers with a clear error and logs it.
      void link.request(session, raw).then((response) => send({ type: 'response', response }));
    });
    ws.on('close', () => {
      unsubscribe();
      void link.forget(session.connectionId);
      logger.info('window.disconnected', { role: session.role, connection: session.connectionId });
    });
    ws.on('error', (error) => logger.warn('window.socketError', { role: session.role, error: error.message }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.lan ? '0.0.0.0' : '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    urls(host = '127.0.0.1') {
      const base = `http://${host}:${port}`;
      const operatorUrls = Object.fromEntries(
        windowRoles.map((role) => [role, `${base}/${role}.html?token=${tokens.operator}`]),
      ) as Record<WindowRole, string>;
      return { ...operatorUrls, presentation: `${base}/video.html?token=${tokens.presentation}` };
    },
    async close() {
      for (const client of sockets.clients) client.close(1001, 'host stopping');
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
export type WebHost = Awaited<ReturnType<typeof startWebHost>>;

const refusedFromNetwork =
  '浏览器指挥墙只接受本机连接；如需局域网访问，请以 --lan 启动。/ The browser wall only accepts connections from this machine; start it with --lan to serve the room\'s LAN.';
