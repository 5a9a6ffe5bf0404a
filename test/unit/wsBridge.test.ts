import { afterEach, expect, test, vi } from 'vitest';
import { createWebSocketBridge } from '../../renderer/src/bridge/wsBridge';
import type { LinkState } from '../../renderer/src/bridge/bridge';

/** Just enough of a browser WebSocket for the bridge: the test opens, answers and drops each socket by hand. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; name: string }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as { id: number; name: string });
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  answer(id: number, value: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'response', response: { id, ok: true, value } }) });
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

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  FakeSocket.all = [];
});

test('a request whose socket drops fails at once; one made while the link is down goes out when it is back', async () => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { setTimeout, clearTimeout });
  const bridge = createWebSocketBridge('ws://wall/socket');
  const states: LinkState['kind'][] = [];
  bridge.onLinkState((state) => states.push(state.kind));
  const first = socket(1);
  first.open();

  const lost = bridge.request('wall.get', {});
  expect(first.sent.map((message) => message.name)).toEqual(['wall.get']);
  const outcome = lost.then(
    () => 'answered',
    (error: { error: { code: string } }) => error.error.code,
  );
  first.drop();
  // Refused at once (no timers run), not 15 s later: the window can read its snapshot again when the link is back.
  expect(await outcome).toBe('unavailable');
  expect(states).toEqual(['connecting', 'open', 'lost']);

  // Made while down: waits in the outbox, is sent on the new socket and answered there.
  const waiting = bridge.request('video.get', {});
  await vi.advanceTimersByTimeAsync(1_000);
  const second = socket(2);
  second.open();
  expect(second.sent.map((message) => message.name)).toEqual(['video.get']);
  second.answer(second.sent[0]?.id ?? -1, { tiles: [] });
  await expect(waiting).resolves.toEqual({ tiles: [] });
});

test('a request that timed out while the link was down is not sent when it comes back', async () => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { setTimeout, clearTimeout });
  const bridge = createWebSocketBridge('ws://wall/socket');
  const timedOut = bridge.request('case.create', {} as never).catch((error: { error: { code: string } }) => error.error.code);
  await vi.advanceTimersByTimeAsync(15_000);
  expect(await timedOut).toBe('unavailable');
  socket(1).open();
  // The operator was told it failed, so it must not happen behind their back.
  expect(socket(1).sent).toEqual([]);
});
