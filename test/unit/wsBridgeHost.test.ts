import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { connectionKeyHeader, maxSocketRequestBytes } from '../../shared/contract/limits';
import type { CoreStatus, ResponseMessage, ServerMessage } from '../../shared/contract/messages';
import { createI18n } from '../../shared/i18n/index';
import type { CoreBridge } from '../../renderer/src/bridge/bridge';
import { createWebSocketBridge } from '../../renderer/src/bridge/wsBridge';
import { linkBannerText } from '../../renderer/src/shell/linkWords';
import { syncWithCore } from '../../renderer/src/state/sync';
import { createWallStore } from '../../renderer/src/state/wallStore';
import { initialWallState } from '../../shared/wall/wallState';

/** A request as the host received it, and how. */
interface Received {
  via: 'socket' | 'http';
  key: string | null;
  token: string | null;
  text: string;
  envelope: { id: number; name: string; args: unknown; requestId: string };
}

type HttpReply = { status: number; body: unknown } | 'forget';

/**
 * A browser-wall host as the contract describes it, in miniature: a welcome
 * and the core's status on every socket, answers over the socket, and
 * POST /request for what does not fit a frame, tied to a live socket by its key.
 */
async function startFakeHost() {
  const received: Received[] = [];
  const sockets = new Map<string, WsClient>();
  let connections = 0;
  let status: CoreStatus = { state: 'up' };
  const answers: Record<string, (args: unknown) => unknown> = {};
  const httpReplies: HttpReply[] = [];

  const answerFor = (envelope: Received['envelope']): ResponseMessage => {
    if (status.state !== 'up') return { id: envelope.id, ok: false, error: { code: 'unavailable', message: 'core down' } };
    const answer = answers[envelope.name];
    return answer ? { id: envelope.id, ok: true, value: answer(envelope.args) } : { id: envelope.id, ok: false, error: { code: 'unknownRequest', message: envelope.name } };
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (request.method !== 'POST' || url.pathname !== '/request') return void response.writeHead(404).end();
    void readBody(request).then((text) => {
      const key = (request.headers[connectionKeyHeader] as string | undefined) ?? null;
      const envelope = JSON.parse(text) as Received['envelope'];
      received.push({ via: 'http', key, token: url.searchParams.get('token'), text, envelope });
      const planned = httpReplies.shift();
      if (planned === 'forget') sockets.get(key ?? '')?.terminate();
      if (planned === 'forget' || !sockets.has(key ?? '')) return void response.writeHead(410).end();
      const reply = planned ?? { status: 200, body: answerFor(envelope) };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => {
    const key = `key-${++connections}`;
    sockets.set(key, ws);
    const send = (message: ServerMessage) => ws.send(JSON.stringify(message));
    send({ type: 'welcome', connectionKey: key, heartbeatMs: 5_000 });
    send({ type: 'status', status });
    ws.on('message', (data) => {
      const text = String(data);
      const envelope = JSON.parse(text) as Received['envelope'];
      received.push({ via: 'socket', key, token: null, text, envelope });
      send({ type: 'response', response: answerFor(envelope) });
    });
    ws.on('close', () => sockets.delete(key));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    answers,
    httpReplies,
    setStatus(next: CoreStatus) {
      status = next;
      for (const ws of sockets.values()) ws.send(JSON.stringify({ type: 'status', status: next } satisfies ServerMessage));
    },
    async close() {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const zh = createI18n('zh-CN');
const translate = (key: string, values?: Record<string, unknown>) => zh.t(key, values);

let host: Awaited<ReturnType<typeof startFakeHost>>;
let bridge: (CoreBridge & { close(): void }) | null = null;

function connect() {
  bridge = createWebSocketBridge({
    socketUrl: `ws://127.0.0.1:${host.port}/ws?token=page-token`,
    requestUrl: `http://127.0.0.1:${host.port}/request?token=page-token`,
    translate,
    timings: { reconnectDelay: () => 20 },
  });
  return bridge;
}

/** A picture of `bytes` bytes as base64, for requests that do not fit one socket frame. */
const pictureOf = (bytes: number) => 'A'.repeat(Math.ceil(bytes / 3) * 4);

beforeEach(async () => {
  vi.stubGlobal('WebSocket', WsClient);
  vi.stubGlobal('window', { setTimeout, clearTimeout, sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} } });
  host = await startFakeHost();
});

afterEach(async () => {
  bridge?.close();
  bridge = null;
  await host.close();
  vi.unstubAllGlobals();
});

test('a photo too large for one socket frame goes over HTTP, tied to the window\'s connection, and is answered', async () => {
  host.answers['case.attach'] = () => ({ id: 41, caseId: 9, kind: 'photo' });
  host.answers['wall.get'] = () => initialWallState;
  const windowBridge = connect();
  await windowBridge.request('wall.get', {});
  const attached = await windowBridge.request('case.attach', { caseId: 9, kind: 'photo', mime: 'image/jpeg', dataBase64: pictureOf(maxSocketRequestBytes) }, 'mouse');
  expect(attached).toMatchObject({ id: 41, caseId: 9 });
  expect(host.received.map(({ via, envelope }) => [via, envelope.name])).toEqual([
    ['socket', 'wall.get'],
    ['http', 'case.attach'],
  ]);
  const [, overHttp] = host.received;
  expect(overHttp).toMatchObject({ key: 'key-1', token: 'page-token', envelope: { name: 'case.attach', args: { caseId: 9 } } });
});

test('HTTP 410 (the host no longer knows the socket): the window reconnects and sends the same request again with the new key', async () => {
  host.answers['case.attach'] = () => ({ id: 42 });
  host.httpReplies.push('forget');
  const attached = await connect().request('case.attach', { caseId: 9, kind: 'photo', mime: 'image/jpeg', dataBase64: pictureOf(300_000) }, 'mouse');
  expect(attached).toEqual({ id: 42 });
  const posts = host.received.filter((entry) => entry.via === 'http');
  expect(posts.map((entry) => entry.key)).toEqual(['key-1', 'key-2']);
  // The same envelope both times: the core applies the attachment once.
  expect(posts[1]!.text).toBe(posts[0]!.text);
});

test('HTTP 413 carries the host\'s own refusal, shown as given', async () => {
  host.httpReplies.push({ status: 413, body: { id: 0, ok: false, error: { code: 'tooLarge', message: '内容过大（3000 KB），上限为 2048 KB。' } } });
  const refused = await connect()
    .request('case.attach', { caseId: 9, kind: 'photo', mime: 'image/jpeg', dataBase64: pictureOf(300_000) }, 'mouse')
    .catch((error: { error: unknown }) => error.error);
  expect(refused).toEqual({ code: 'tooLarge', message: '内容过大（3000 KB），上限为 2048 KB。' });
});

test('a core that goes down and comes back: the window says so, then reads its snapshot again as after a reconnect', async () => {
  let casesRead = 0;
  host.answers['session.hello'] = () => ({ role: 'queue', audience: 'operator', serverTime: 0, seq: 4, demo: true, operator: null });
  host.answers['reference.get'] = () => ({ departments: [] });
  host.answers['keymap.get'] = () => ({ bindings: [], problems: [] });
  host.answers['cases.list'] = () => ({ seq: 4 + casesRead++, cases: [], nextBefore: null });
  host.answers['wall.get'] = () => initialWallState;
  host.answers['video.get'] = () => ({ tiles: [] });
  host.answers['links.get'] = () => ({ group: 'wall', selection: null, filter: null, cameraHealth: {} });
  const store = createWallStore();
  const stop = syncWithCore(connect(), store, translate);
  await vi.waitFor(() => expect(store.getState().snapshotsLoaded).toBe(1));

  const retryAt = Date.now() + 3_000;
  host.setStatus({ state: 'down', since: Date.now(), attempt: 1, retryAt });
  await vi.waitFor(() => expect(store.getState().link.kind).toBe('coreDown'));
  expect(linkBannerText(store.getState().link, retryAt - 2_500, translate)).toBe('核心已停止，正在重启（第 1 次，3 秒后）…画面暂停更新，恢复后会自动刷新。');

  host.setStatus({ state: 'up' });
  await vi.waitFor(() => expect(store.getState().snapshotsLoaded).toBe(2));
  expect(store.getState()).toMatchObject({ link: { kind: 'open' }, seq: 5 });
  expect(host.received.filter((entry) => entry.envelope.name === 'cases.list')).toHaveLength(2);
  stop();
});
