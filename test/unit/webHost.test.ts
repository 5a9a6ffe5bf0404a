import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientOptions } from 'ws';
import { maxHttpRequestBytes, maxSocketRequestBytes } from '../../shared/contract/limits';
import type { ResponseMessage, ServerMessage } from '../../shared/contract/messages';
import { inProcessLink } from '../../electron/core/runtime/link';
import { silentLogger } from '../../electron/core/runtime/logger';
import { isLoopback, socketRefusal } from '../../electron/host/access';
import { startWebHost, type WebHost } from '../../electron/host/webHost';
import { startTestCore, tempDir } from '../support/testCore';
import { openWindow, SocketRefused, type WindowClient } from '../support/windowClient';

const tokens = { operator: 'operator-token-123456', presentation: 'visitor-token-6543210' };
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(options: { heartbeatMs?: number } = {}): Promise<WebHost> {
  const test = startTestCore();
  const staticDir = tempDir();
  mkdirSync(staticDir.path, { recursive: true });
  writeFileSync(join(staticDir.path, 'queue.html'), '<!doctype html><title>queue</title>');
  const host = await startWebHost({ link: inProcessLink(test.core), staticDir: staticDir.path, tokens, logger: silentLogger, port: 0, lan: false, ...options });
  cleanups.push(() => test.close(), () => staticDir.remove(), () => host.close());
  return host;
}

/** Opens a window's socket (closed after the test), or rejects with the HTTP status the host refused it with. */
async function connect(host: WebHost, query: string, options?: ClientOptions): Promise<WindowClient> {
  const window = await openWindow(host.port, query, options ? { socket: options } : {});
  cleanups.push(() => window.close());
  return window;
}

const operatorWindow = (host: WebHost, lang = 'zh-CN') => connect(host, `role=queue&token=${tokens.operator}&lang=${lang}`);

async function signIn(window: WindowClient, operatorId = 'op01', pin = '111111'): Promise<void> {
  expect(await window.request('session.signIn', { operatorId, pin })).toMatchObject({ ok: true });
}

/** POST /request as a window sends a request too large for its socket. */
async function postRequest(host: WebHost, options: { token: string; key?: string; body: string | Uint8Array<ArrayBuffer> }) {
  const response = await fetch(`http://127.0.0.1:${host.port}/request?token=${options.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { 'x-gridwall-connection': options.key } : {}) },
    body: options.body,
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text };
}

/** Whether a TCP connection to host:port opens, or the error code that stopped it. */
function tcpOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A photo as a phone sends it: a real JPEG header, then `bytes` of picture data. */
const jpegBase64 = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), randomBytes(bytes)]).toString('base64');

const isHeartbeat = (message: ServerMessage) => message.type === 'heartbeat';
const heartbeatsIn = (window: WindowClient) => window.received.filter(isHeartbeat).length;

describe('the browser wall host', () => {
  it('listens on loopback only by default', async () => {
    const host = await startHost();
    expect(host.address).toBe('127.0.0.1');
    expect(host.urls().queue).toBe(`http://127.0.0.1:${host.port}/queue.html?token=${tokens.operator}`);
    // Another PC reaching this machine's LAN address finds nothing listening there.
    const lanAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
      .map((entry) => entry!.address);
    for (const address of lanAddresses) expect(await tcpOutcome(address, host.port), address).toBe('ECONNREFUSED');
    expect(await tcpOutcome('127.0.0.1', host.port)).toBe('connected');

    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback('::ffff:10.0.0.8')).toBe(false);
  });

  it('refuses a socket from another PC unless it serves the LAN', () => {
    const from = (remoteAddress: string) => ({ url: `/ws?role=queue&token=${tokens.operator}`, socket: { remoteAddress } });
    for (const remoteAddress of ['192.168.1.20', '::ffff:10.0.0.8']) {
      const refusal = socketRefusal(from(remoteAddress), { lan: false, tokens });
      expect(refusal, remoteAddress).toMatchObject({ status: '403 Forbidden', reason: 'notLoopback' });
      expect(refusal!.text).toContain('--lan');
      expect(socketRefusal(from(remoteAddress), { lan: true, tokens }), remoteAddress).toBeNull();
    }
    // Serving the LAN does not let a socket in without the token.
    expect(socketRefusal({ url: '/ws?role=queue', socket: { remoteAddress: '192.168.1.20' } }, { lan: true, tokens })).toMatchObject({ status: '401 Unauthorized' });
    expect(socketRefusal(from('127.0.0.1'), { lan: false, tokens })).toBeNull();
  });

  it('refuses sockets without the token, with a wrong token or an unknown role', async () => {
    const host = await startHost();
    const statusOf = (query: string) => connect(host, query).then(() => 0, (error: unknown) => (error instanceof SocketRefused ? error.status : -1));
    expect(await statusOf('role=queue')).toBe(401);
    expect(await statusOf('role=queue&token=guess')).toBe(401);
    expect(await statusOf(`role=printer&token=${tokens.operator}`)).toBe(400);
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

  it('greets a window with its connection key and the heartbeat interval, then the core status, before anything else', async () => {
    const host = await startHost({ heartbeatMs: 200 });
    const window = await operatorWindow(host);
    await window.waitFor((message) => message.type === 'status', 'status');
    expect(window.received[0]).toEqual({ type: 'welcome', connectionKey: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/), heartbeatMs: 200 });
    expect(window.received[1]).toEqual({ type: 'status', status: { state: 'up' } });
    // Each window has its own key: one window's key must not let another act in its session.
    const other = await operatorWindow(host);
    expect(await other.connectionKey()).not.toBe(await window.connectionKey());
  });

  it('sends a heartbeat every heartbeatMs', async () => {
    const heartbeatMs = 200;
    const host = await startHost({ heartbeatMs });
    const window = await operatorWindow(host);
    const arrivals: number[] = [];
    window.onMessage((message) => {
      if (isHeartbeat(message)) arrivals.push(performance.now());
    });
    await window.waitFor(() => arrivals.length >= 6, 'six heartbeats', { from: window.received.length, timeoutMs: 20 * heartbeatMs });
    const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]!).sort((a, b) => a - b);
    // The median: a loaded machine may deliver one heartbeat late and the next right after it.
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(heartbeatMs * 0.75);
    expect(median).toBeLessThan(heartbeatMs * 2);
  });

  it('drops a window that stops answering pings within two intervals, and keeps the one that answers', async () => {
    const heartbeatMs = 200;
    const host = await startHost({ heartbeatMs });
    const answering = await operatorWindow(host);
    const opened = performance.now();
    const silent = await connect(host, `role=map&token=${tokens.operator}`, { autoPong: false });
    const { code } = await silent.closedWithin(10 * heartbeatMs);
    const livedMs = performance.now() - opened;
    // Terminated (no close handshake), after the one round that pinged it and the next that found no pong.
    expect(code).toBe(1006);
    expect(heartbeatsIn(silent)).toBeLessThanOrEqual(1);
    expect(livedMs).toBeLessThan(2 * heartbeatMs + 1_000);
    // The window that answers keeps hearing heartbeats on the same socket.
    const heard = heartbeatsIn(answering);
    await answering.waitFor(() => heartbeatsIn(answering) >= heard + 3, 'three more heartbeats', { timeoutMs: 20 * heartbeatMs });
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    expect(await answering.request('session.hello', {})).toMatchObject({ ok: true });
  });

  it('answers garbage with a clear error and keeps the socket open', async () => {
    const host = await startHost();
    const window = await operatorWindow(host, 'en');
    const answer = await window.sendRaw('{not json', -1);
    expect(answer).toMatchObject({ ok: false, error: { code: 'badMessage' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/[A-Za-z]/);
    expect(await window.request('session.hello', {})).toMatchObject({ ok: true, value: { role: 'queue', audience: 'operator' } });
  });

  it('refuses a deeply nested message as too complex, with its request id, and keeps serving the socket', async () => {
    const host = await startHost();
    const window = await operatorWindow(host);
    // 100,000 levels in about 100 KB: well under the frame limit, deep enough to overflow any recursive walker.
    const nested = `{"id":41,"name":"cases.query","args":${'['.repeat(100_000)}`;
    expect(nested.length).toBeLessThan(maxSocketRequestBytes);
    const answer = await window.sendRaw(nested, 41);
    expect(answer).toEqual({ id: 41, ok: false, error: { code: 'tooComplex', message: '消息嵌套层级过深，已拒绝。' } });
    // Without a leading id the refusal cannot name the request, but still comes.
    expect(await window.sendRaw(`${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`, -1)).toMatchObject({ ok: false, error: { code: 'tooComplex' } });
    expect(await window.request('session.hello', {})).toMatchObject({ ok: true, value: { role: 'queue' } });
  });

  it('takes a photo too large for a socket frame over POST /request in the socket’s session, and the socket refuses the same message', async () => {
    const host = await startHost();
    const window = await operatorWindow(host);
    await signIn(window);
    const created = await window.request('case.create', { description: '延安中路人行道井盖破损', categoryCode: '20101', sourceId: 'hotline' });
    expect(created.ok).toBe(true);
    const caseId = (created as ResponseMessage & { ok: true; value: { id: number } }).value.id;

    const dataBase64 = jpegBase64(1_500_000);
    const message = JSON.stringify({ id: 12, name: 'case.attach', args: { caseId, kind: 'photo', mime: 'image/jpeg', dataBase64, caption: '现场照片' }, input: 'mouse' });
    expect(message.length).toBeGreaterThan(maxSocketRequestBytes);
    const posted = await postRequest(host, { token: tokens.operator, key: await window.connectionKey(), body: message });
    expect(posted.status).toBe(200);
    // Attached as the operator signed in at that window.
    expect(JSON.parse(posted.text)).toMatchObject({ id: 12, ok: true, value: { caseId, kind: 'photo', mime: 'image/jpeg', caption: '现场照片', actorName: '王敏' } });
    const listed = await window.request('case.attachments', { caseId });
    expect(listed).toMatchObject({ ok: true, value: [{ caption: '现场照片' }] });
    const attachmentId = (listed as { value: { id: number }[] }).value[0]!.id;
    const stored = await window.request('attachment.get', { attachmentId });
    expect(stored.ok && (stored.value as { dataBase64: string }).dataBase64 === dataBase64).toBe(true);

    // Over the socket the same message is over the frame limit: the socket is closed, nothing is attached.
    window.socket.send(message);
    expect((await window.closedWithin(5_000)).code).toBe(1009);
    const another = await operatorWindow(host);
    expect(await another.request('case.attachments', { caseId })).toMatchObject({ ok: true, value: [{ id: attachmentId }] });
  });

  it('answers a request over 4 MiB with 413 and a tooLarge message in the window’s language, declared or streamed', async () => {
    const host = await startHost();
    const english = await operatorWindow(host, 'en');
    const chinese = await operatorWindow(host, 'zh-CN');
    const body = new Uint8Array(maxHttpRequestBytes + 1024).fill(0x61);

    const declared = await postRequest(host, { token: tokens.operator, key: await english.connectionKey(), body });
    expect(declared.status).toBe(413);
    expect(declared.contentType).toContain('application/json');
    expect(JSON.parse(declared.text)).toEqual({ id: -1, ok: false, error: { code: 'tooLarge', message: expect.stringMatching(/^Too large \(4097 KB\); the limit is 4096 KB/) } });
    const inChinese = await postRequest(host, { token: tokens.operator, key: await chinese.connectionKey(), body });
    expect(JSON.parse(inChinese.text)).toMatchObject({ error: { code: 'tooLarge', message: expect.stringContaining('上限为 4096 KB') } });

    // A body sent without its length (chunked) is cut off at the limit, and the answer still arrives.
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 5) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(`http://127.0.0.1:${host.port}/request?token=${tokens.operator}`, {
      method: 'POST',
      headers: { 'x-gridwall-connection': await english.connectionKey() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ ok: false, error: { code: 'tooLarge', message: expect.stringContaining('the limit is 4096 KB') } });
    // The window's socket is unaffected.
    expect(await english.request('session.hello', {})).toMatchObject({ ok: true });
  });

  it('answers 410 to a key that belongs to no open socket, or to a socket of another audience', async () => {
    const host = await startHost();
    const hello = JSON.stringify({ id: 1, name: 'session.hello', args: {} });
    expect((await postRequest(host, { token: tokens.operator, key: 'no-such-connection-key', body: hello })).status).toBe(410);
    expect((await postRequest(host, { token: tokens.operator, body: hello })).status).toBe(410);

    const operatorSocket = await operatorWindow(host);
    await signIn(operatorSocket);
    const key = await operatorSocket.connectionKey();
    // A presentation (visitor) token must not borrow an operator's signed-in session.
    const borrowed = await postRequest(host, {
      token: tokens.presentation,
      key,
      body: JSON.stringify({ id: 2, name: 'case.create', args: { description: '参观者借用操作员连接', categoryCode: '20101', sourceId: 'street' } }),
    });
    expect(borrowed.status).toBe(410);
    // A wrong token is 401 (the window then asks /token-check why), as the host answers since the bridge's merge.
    expect((await postRequest(host, { token: 'guess', key, body: hello })).status).toBe(401);
    expect((await postRequest(host, { token: tokens.operator, key, body: hello })).status).toBe(200);

    // The key ends with its socket.
    await operatorSocket.close();
    await expect.poll(async () => (await postRequest(host, { token: tokens.operator, key, body: hello })).status).toBe(410);
  });

  it('pushes a case created by an operator to a presentation window without the reporter', async () => {
    const host = await startHost();
    const operatorSocket = await operatorWindow(host);
    const visitorSocket = await connect(host, `role=video&token=${tokens.presentation}`);
    expect(await operatorSocket.request('session.signIn', { operatorId: 'op01', pin: '111111' })).toMatchObject({ ok: true, value: { operator: { name: '王敏' } } });
    const from = visitorSocket.received.length;
    const created = await operatorSocket.request('case.create', {
      description: '南京西路口积水',
      categoryCode: '20501',
      sourceId: 'hotline',
      reporter: { name: '李女士', phone: '13900000000' },
    });
    expect(created.ok).toBe(true);
    const event = await visitorSocket.waitFor((message) => message.type === 'event', 'event', { from });
    expect(event).toMatchObject({ type: 'event', event: { event: 'case.changed', payload: { change: 'created' } } });
    if (event.type === 'event' && event.event.event === 'case.changed') expect(event.event.payload.case.reporter).toBeNull();

    const refused = await visitorSocket.request('case.create', { description: '参观者试图写入', categoryCode: '20101', sourceId: 'street' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'readOnly' } });
  });
});
