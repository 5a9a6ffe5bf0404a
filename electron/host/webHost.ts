import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { maxSocketRequestBytes } from '../../shared/contract/limits';
import type { Audience } from '../../shared/domain/case';
import { parseLocale } from '../../shared/i18n/index';
import { wallRoles, type WindowRole } from '../../shared/wall/roles';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { SupervisedCoreLink } from '../core/runtime/supervisor';
import type { Logger } from '../core/runtime/logger';
import { audienceForToken, isLoopback, refusedFromNetwork, socketRefusal, type AccessTokens } from './access';
import { streamFaults, type FaultSwitches, type StreamFault } from './media/liveHlsServer';
import { serveLargeRequest } from './requestEndpoint';
import { closedNetworkPolicy, securityHeaders, type NetworkPolicy } from './networkPolicy';
import { serveStatic } from './staticFiles';
import { serveBasemap } from './basemapFiles';
import { LinkGroupSchema } from '../../shared/map/linkState';
import { serveWindowSocket, type WindowSocket } from './windowSocket';

export interface WebHostOptions {
  link: CoreLink & Partial<Pick<SupervisedCoreLink, 'killCore'>>;
  /** The demo camera server's fault switches (for drills and tests); null without the demo. */
  cameraFaults?: FaultSwitches | null;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** The room's reference folder, where map.json may name a PMTiles basemap served at /basemap/<file>. */
  basemapDir?: string | null;
  tokens: AccessTokens;
  logger: Logger;
  port: number;
  /** Listen on every interface and accept other PCs of the room's LAN. Off by default. */
  lan: boolean;
  /** Heartbeat and ping interval: a window that stops answering is dropped within two of them. Default 5 s. */
  heartbeatMs?: number;
  /** What the pages may reach besides this host (camera gateways, the platform); default: nothing. */
  networkPolicy?: NetworkPolicy;
}

/** Frames a little larger than the largest request a window sends over its socket (bigger ones come over HTTP). */
const maxFrameBytes = maxSocketRequestBytes + 64 * 1024;

/**
 * The browser wall: serves the renderer and speaks the core's contract over
 * a WebSocket at /ws (and over `POST /request` for requests too large for
 * one frame). Each socket is one window; its session (role, audience,
 * language) is fixed when it connects, from the URL and the token.
 */
export async function startWebHost(options: WebHostOptions) {
  const { link, tokens, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const windows = new Map<string, WindowSocket>();
  let connections = 0;
  const headers = Object.entries(securityHeaders(options.networkPolicy ?? closedNetworkPolicy));

  const server = createServer((request, response) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    if (!options.lan && !isLoopback(request.socket.remoteAddress)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(refusedFromNetwork);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://host');
    const audience = audienceForToken(tokens, url.searchParams.get('token'));
    switch (url.pathname) {
      case '/health':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, core: link.status().state }));
      // Lets a window tell "host down" from "my token is no longer valid" (tokens change at every start).
      case '/token-check':
        return void response.writeHead(audience ? 204 : 401).end();
      case '/request': {
        // A wrong token is 401 (the window asks /token-check why); a key whose socket has gone is 410 (it reconnects).
        if (!audience) return void response.writeHead(401).end();
        const sessionForKey = (key: string | undefined) => {
          const session = [...windows.values()].find((window) => window.connectionKey === key)?.session ?? null;
          return session && session.audience === audience ? session : null;
        };
        return void serveLargeRequest(request, response, { link, logger, sessionForKey }).catch(() => response.destroy());
      }
      case '/demo/camera-fault':
        return cameraFault(url, audience, response);
      case '/demo/core-stop':
        return coreStop(audience, response);
      default:
        // The map's basemap tiles are for the room's windows: a valid token of either audience.
        if (url.pathname.startsWith('/basemap/')) {
          if (!audience) return void response.writeHead(401).end();
          return serveBasemap(options.basemapDir ?? null, url.pathname.slice('/basemap/'.length), request, response);
        }
        serveStatic(options.staticDir, url.pathname, response);
    }
  });

  /** Drills and tests break a demo camera on purpose; only an operator token may. */
  function cameraFault(url: URL, audience: Audience | null, response: ServerResponse): void {
    if (!options.cameraFaults) return void response.writeHead(404).end();
    if (audience !== 'operator') return void response.writeHead(401).end();
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
  }

  /** A recovery drill on the demo: the core's worker stops as if it had crashed, and is restarted. */
  function coreStop(audience: Audience | null, response: ServerResponse): void {
    if (!options.cameraFaults || !link.killCore) return void response.writeHead(404).end();
    if (audience !== 'operator') return void response.writeHead(401).end();
    logger.warn('demo.coreStop', {});
    void link.killCore().then(() => response.writeHead(204).end());
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });

  server.on('upgrade', (request, socket, head) => {
    const refusal = socketRefusal(request, { lan: options.lan, tokens });
    if (refusal) {
      logger.warn('socket.refused', { reason: refusal.reason, from: request.socket.remoteAddress });
      socket.end(`HTTP/1.1 ${refusal.status}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${refusal.text}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const session = sessionFor(request);
      const window = serveWindowSocket(ws, session, { link, logger, heartbeatMs, onClose: () => windows.delete(session.connectionId) });
      windows.set(session.connectionId, window);
    });
  });

  function sessionFor(request: IncomingMessage): Session {
    const url = new URL(request.url ?? '/', 'http://host');
    return {
      connectionId: `ws-${++connections}-${request.socket.remoteAddress ?? 'unknown'}`,
      role: url.searchParams.get('role') as WindowRole,
      audience: audienceForToken(tokens, url.searchParams.get('token')) as Audience,
      locale: parseLocale(url.searchParams.get('lang')),
      // Windows opened with the same `&console=` follow one another's selection; without it, the whole wall does.
      ...(LinkGroupSchema.safeParse(url.searchParams.get('console')).success ? { linkGroup: url.searchParams.get('console')! } : {}),
    };
  }

  const stopStatus = link.onStatus((status) => {
    for (const window of windows.values()) window.send({ type: 'status', status });
  });
  const keepalive = setInterval(() => {
    for (const window of windows.values()) window.keepalive();
  }, heartbeatMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.lan ? '0.0.0.0' : '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;

  return {
    port: address.port,
    /** Where the host listens: 127.0.0.1 unless it serves the room's LAN. */
    address: address.address,
    urls(host = '127.0.0.1') {
      const base = `http://${host}:${address.port}`;
      const operatorUrls = Object.fromEntries(wallRoles.map((role) => [role, `${base}/${role}.html?token=${tokens.operator}`])) as Record<(typeof wallRoles)[number], string>;
      return { ...operatorUrls, presentation: `${base}/presentation.html?token=${tokens.presentation}` };
    },
    async close() {
      clearInterval(keepalive);
      stopStatus();
      for (const client of sockets.clients) client.close(1001, 'host stopping');
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
export type WebHost = Awaited<ReturnType<typeof startWebHost>>;
