import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/contract/messages';
import { inProcessLink } from '../../electron/core/runtime/link';
import { silentLogger } from '../../electron/core/runtime/logger';
import { isLoopback } from '../../electron/host/access';
import { startWebHost, type WebHost } from '../../electron/host/webHost';
import { startTestCore, tempDir } from '../support/testCore';

const tokens = { operator: 'operator-token-123456', presentation: 'visitor-token-6543210' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(): Promise<WebHost> {
  const test = startTestCore();
  const staticDir = tempDir();
  mkdirSync(staticDir.path, { recursive: true });
  writeFileSync(join(staticDir.path, 'queue.html'), '<!doctype html><title>queue</title>');
  const host = await startWebHost({ link: inProcessLink(test.core), staticDir: staticDir.path, tokens, logger: silentLogger, port: 0, lan: false });
  cleanups.push(() => test.close(), () => staticDir.remove(), () => host.close());
  return host;
}

/** Opens a socket and resolves with it, or rejects with the HTTP status the host refused it with. */
function connect(host: WebHost, query: string): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?${query}`);
  cleanups.push(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(String(response.statusCode))));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket, match: (message: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (match(message)) {
        socket.off('message', listener);
        resolve(message);
      }
    };
    socket.on('message', listener);
  });
}

const response = (id: number) => (message: ServerMessage) => message.type === 'response' && message.response.id === id;

describe('the browser wall host', () => {
  it('listens on loopback only by default', async () => {
    const host = await startHost();
    expect(host.urls().queue).toBe(`http://127.0.0.1:${host.port}/queue.html?token=${tokens.operator}`);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback('::ffff:10.0.0.8')).toBe(false);
  });

  it('refuses sockets without the token, with a wrong token or an unknown role', async () => {
    const host = await startHost();
    await expect(connect(host, 'role=queue')).rejects.toThrow('401');
    await expect(connect(host, 'role=queue&token=guess')).rejects.toThrow('401');
    await expect(connect(host, `role=printer&token=${tokens.operator}`)).rejects.toThrow('400');
    expect((await fetch(`http://127.0.0.1:${host.port}/token-check?token=guess`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${host.port}/token-check?token=${tokens.presentation}`)).status).toBe(204);
  });

  it('serves the renderer, and nothing outside it', async () => {
    const host = await startHost();
    const page = await fetch(`http://127.0.0.1:${host.port}/queue.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(escape.status).toBe(404);
  });

  it('answers garbage with a clear error and keeps the socket open', async () => {
    const host = await startHost();
    const socket = await connect(host, `role=queue&token=${tokens.operator}&lang=en`);
    const refused = nextMessage(socket, (message) => message.type === 'response');
    socket.send('{not json');
    const answer = await refused;
    expect(answer).toMatchObject({ type: 'response', response: { ok: false, error: { code: 'badMessage' } } });
    if (answer.type === 'response' && !answer.response.ok) expect(answer.response.error.message).toMatch(/[A-Za-z]/);
    const hello = nextMessage(socket, response(2));
    socket.send(JSON.stringify({ id: 2, name: 'session.hello', args: {} }));
    expect(await hello).toMatchObject({ response: { ok: true, value: { role: 'queue', audience: 'operator' } } });
  });

  it('pushes a case created by an operator to a presentation window without the reporter', async () => {
    const host = await startHost();
    const operatorSocket = await connect(host, `role=queue&token=${tokens.operator}`);
    const visitorSocket = await connect(host, `role=video&token=${tokens.presentation}`);
    const signedIn = nextMessage(operatorSocket, response(7));
    operatorSocket.send(JSON.stringify({ id: 7, name: 'session.signIn', args: { operatorId: 'op01', pin: '111111' } }));
    expect(await signedIn).toMatchObject({ response: { ok: true, value: { operator: { name: '王敏' } } } });
    const seenByVisitor = nextMessage(visitorSocket, (message) => message.type === 'event');
    operatorSocket.send(
      JSON.stringify({
        id: 1,
        name: 'case.create',
        args: { description: '南京西路口积水', categoryCode: '20501', sourceId: 'hotline', reporter: { name: '李女士', phone: '13900000000' } },
      }),
    );
    const event = await seenByVisitor;
    expect(event).toMatchObject({ type: 'event', event: { event: 'case.changed', payload: { change: 'created' } } });
    if (event.type === 'event' && event.event.event === 'case.changed') expect(event.event.payload.case.reporter).toBeNull();

    const refused = nextMessage(visitorSocket, response(9));
    visitorSocket.send(JSON.stringify({ id: 9, name: 'case.create', args: { description: '参观者试图写入', categoryCode: '20101', sourceId: 'street' } }));
    expect(await refused).toMatchObject({ response: { ok: false, error: { code: 'readOnly' } } });
  });
});
