import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { CoreStatus } from '../../shared/contract/messages';
import { createI18n } from '../../shared/i18n/index';
import type { LinkState } from '../../renderer/src/bridge/bridge';
import { createWebSocketBridge } from '../../renderer/src/bridge/wsBridge';

interface Sent {
  id: number;
  name: string;
  requestId: string;
  input: string;
}

/** Just enough of a browser WebSocket for the bridge: the test plays the host, message by message. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  texts: string[] = [];
  closedByBridge = false;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  get sent(): Sent[] {
    return this.texts.map((text) => JSON.parse(text) as Sent);
  }
  send(text: string) {
    this.texts.push(text);
  }
  close() {
    this.closedByBridge = true;
    this.readyState = 3;
  }
  /** The host's side of a connect: the socket opens, the welcome, then the core's status. */
  accept(status: CoreStatus = { state: 'up' }, heartbeatMs = 5_000) {
    this.readyState = FakeSocket.OPEN;
    this.push({ type: 'welcome', connectionKey: `key-${FakeSocket.all.indexOf(this) + 1}`, heartbeatMs });
    this.push({ type: 'status', status });
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  answer(id: number, value: unknown) {
    this.push({ type: 'response', response: { id, ok: true, value } });
  }
  refuse(id: number, code: string, message: string) {
    this.push({ type: 'response', response: { id, ok: false, error: { code, message } } });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

/** The n-th socket the bridge opened (1-based). */
function socket(n: number): FakeSocket {
  const found = FakeSocket.all[n - 1];
  if (!found) throw new Error(`the bridge opened ${FakeSocket.all.length} sockets, not ${n}`);
  return found;
}

const zh = createI18n('zh-CN');
const translate = (key: string, values?: Record<string, unknown>) => zh.t(key, values);

function bridgeUnderTest() {
  const bridge = createWebSocketBridge({ socketUrl: 'ws://wall/socket', translate });
  const states: LinkState[] = [];
  bridge.onLinkState((state) => states.push(state));
  return { bridge, states, kinds: () => states.map((state) => state.kind) };
}

/** What the operator is told: the answer's value, or the refusal's code and message. */
const outcomeOf = (request: Promise<unknown>) =>
  request.then(
    (value) => ({ value }),
    (error: { error: { code: string; message: string } }) => ({ code: error.error.code, message: error.error.message }),
  );

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { setTimeout, clearTimeout });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  FakeSocket.all = [];
});

test('a request cut off by a dropped socket is sent again on the next one, same id and text, and answered once', async () => {
  const { bridge, kinds } = bridgeUnderTest();
  socket(1).accept();
  const dispatched = outcomeOf(bridge.request('case.act', { action: 'dispatch', caseId: 7, leadDepartmentId: 'CITY' }, 'hotkey'));
  const [first] = socket(1).sent;
  expect(first).toMatchObject({ name: 'case.act', input: 'hotkey' });
  expect(first!.requestId).toMatch(/^[A-Za-z0-9_-]{21}$/);

  socket(1).drop();
  await vi.advanceTimersByTimeAsync(1_000);
  // The new socket is open but the core has not said it serves: nothing goes out yet.
  socket(2).readyState = FakeSocket.OPEN;
  socket(2).push({ type: 'welcome', connectionKey: 'key-2', heartbeatMs: 5_000 });
  expect(socket(2).texts).toEqual([]);
  socket(2).push({ type: 'status', status: { state: 'up' } });
  // Byte for byte what went out the first time: the core recognises the retry by its request id and applies it once.
  expect(socket(2).texts).toEqual(socket(1).texts);
  socket(2).answer(first!.id, { id: 7, status: 'dispatched' });
  expect(await dispatched).toEqual({ value: { id: 7, status: 'dispatched' } });
  // A late second answer (the first socket's, say) changes nothing.
  socket(2).answer(first!.id, { id: 7, status: 'closed' });
  expect(kinds()).toEqual(['connecting', 'open', 'lost', 'open']);
});

test('a request made while the link is down waits for it and goes out once it is back', async () => {
  const { bridge } = bridgeUnderTest();
  socket(1).drop();
  const waiting = outcomeOf(bridge.request('video.get', {}));
  await vi.advanceTimersByTimeAsync(1_000);
  socket(2).accept();
  expect(socket(2).sent.map((message) => message.name)).toEqual(['video.get']);
  socket(2).answer(socket(2).sent[0]!.id, { tiles: [] });
  expect(await waiting).toEqual({ value: { tiles: [] } });
});

test('a request that timed out while the link was down says it was not sent, and is never sent later', async () => {
  const { bridge } = bridgeUnderTest();
  const timedOut = outcomeOf(bridge.request('case.create', {} as never, 'keyboard'));
  await vi.advanceTimersByTimeAsync(15_000);
  expect(await timedOut).toEqual({ code: 'unavailable', message: '与核心的连接中断，操作没有发出。连接恢复后请再试一次。' });
  socket(1).accept();
  // The operator was told it failed, so it must not happen behind their back.
  expect(socket(1).texts).toEqual([]);
});

test('a request sent but never answered says it may not have been done, and is not sent again after its time', async () => {
  const { bridge } = bridgeUnderTest();
  socket(1).accept();
  const unanswered = outcomeOf(bridge.request('case.setUrgent', { caseId: 3, urgent: true }, 'mouse'));
  await vi.advanceTimersByTimeAsync(15_000);
  expect(await unanswered).toEqual({ code: 'unavailable', message: '核心 15 秒内没有答复，操作可能没有完成。请核对后再试。' });
  socket(1).drop();
  await vi.advanceTimersByTimeAsync(1_000);
  socket(2).accept();
  expect(socket(2).texts).toEqual([]);
});

test('a socket that falls silent is closed and replaced; heartbeats keep a quiet one alive', async () => {
  const { kinds } = bridgeUnderTest();
  socket(1).accept({ state: 'up' }, 1_000);
  // Ten quiet seconds with a heartbeat every second: nothing to do.
  for (let second = 0; second < 10; second++) {
    await vi.advanceTimersByTimeAsync(1_000);
    socket(1).push({ type: 'heartbeat' });
  }
  expect(FakeSocket.all).toHaveLength(1);
  // Then nothing at all (a half-open TCP connection: no close event will ever come).
  await vi.advanceTimersByTimeAsync(2_999);
  expect(socket(1).closedByBridge).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(socket(1).closedByBridge).toBe(true);
  expect(kinds()).toEqual(['connecting', 'open', 'lost']);
  await vi.advanceTimersByTimeAsync(1_000);
  socket(2).accept();
  expect(kinds()).toEqual(['connecting', 'open', 'lost', 'open']);
});

test('a host that never answers a connect counts as silent too', async () => {
  const { kinds } = bridgeUnderTest();
  await vi.advanceTimersByTimeAsync(15_000);
  expect(socket(1).closedByBridge).toBe(true);
  expect(kinds()).toEqual(['connecting', 'lost']);
});

test('the core restarting: the window is told, requests wait for it, and are sent again after an `unavailable`', async () => {
  const { bridge, states } = bridgeUnderTest();
  socket(1).accept();
  const early = outcomeOf(bridge.request('case.setUrgent', { caseId: 5, urgent: true }, 'mouse'));
  const [sent] = socket(1).sent;
  // The core dies under the request: the host answers at once, then says so.
  socket(1).refuse(sent!.id, 'unavailable', '核心暂时不可用，请稍后重试。');
  socket(1).push({ type: 'status', status: { state: 'down', since: 1_000, attempt: 2, retryAt: 4_000 } });
  expect(states.at(-1)).toEqual({ kind: 'coreDown', since: 1_000, attempt: 2, retryAt: 4_000 });
  const late = outcomeOf(bridge.request('video.get', {}));
  expect(socket(1).texts).toHaveLength(1);

  socket(1).push({ type: 'status', status: { state: 'up' } });
  expect(states.at(-1)).toEqual({ kind: 'open' });
  const resent = socket(1).sent;
  expect(resent.map((message) => message.name)).toEqual(['case.setUrgent', 'case.setUrgent', 'video.get']);
  expect(resent[1]!.requestId).toBe(sent!.requestId);
  socket(1).answer(resent[1]!.id, { id: 5, urgent: true });
  socket(1).answer(resent[2]!.id, { tiles: [] });
  expect(await early).toEqual({ value: { id: 5, urgent: true } });
  expect(await late).toEqual({ value: { tiles: [] } });
});

test('a core that failed for good: the reason is kept, waiting requests fail with what to do, new ones at once', async () => {
  const { bridge, states } = bridgeUnderTest();
  socket(1).accept({ state: 'down', since: 1_000, attempt: 1, retryAt: 2_000 });
  const waiting = outcomeOf(bridge.request('wall.get', {}));
  socket(1).push({ type: 'status', status: { state: 'failed', since: 9_000, reason: 'database is locked' } });
  expect(states.at(-1)).toEqual({ kind: 'coreFailed', since: 9_000, reason: 'database is locked' });
  const failedMessage = { code: 'unavailable', message: '核心已停止运行，操作没有执行。请重启网格指挥墙或联系技术支持。' };
  expect(await waiting).toEqual(failedMessage);
  expect(await outcomeOf(bridge.request('video.get', {}))).toEqual(failedMessage);
  expect(socket(1).texts).toEqual([]);
});

test('a request larger than the host takes is refused at once, in the window\'s language, and nothing is sent', async () => {
  const { bridge } = bridgeUnderTest();
  socket(1).accept();
  const huge = 'A'.repeat(5 * 1024 * 1024);
  const refused = await outcomeOf(bridge.request('case.attach', { caseId: 1, kind: 'photo', mime: 'image/jpeg', dataBase64: huge }, 'mouse'));
  expect(refused).toMatchObject({ code: 'tooLarge' });
  // Without an HTTP way (a bridge with no request URL) the socket's frame is the limit: 192 KiB.
  expect((refused as { message: string }).message).toMatch(/^内容过大（5121 KB），上限为 192 KB。/);
  expect(socket(1).texts).toEqual([]);
});
