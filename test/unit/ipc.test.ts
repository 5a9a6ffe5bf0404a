import { describe, expect, it, vi } from 'vitest';
import type { CoreStatus, ResponseMessage } from '../../shared/contract/messages';
import type { Session } from '../../electron/core/core';
import type { CoreLink } from '../../electron/core/runtime/link';
import { silentLogger } from '../../electron/core/runtime/logger';
import { requestNames } from '../../shared/contract/contract';

/**
 * The Electron shell's IPC wrapper, with Electron replaced by a stand-in
 * (its binary is not needed to check who the wrapper trusts).
 */
type Handler = (event: unknown, args: unknown, input: unknown, requestId?: unknown) => Promise<ResponseMessage>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
  net: {},
  protocol: {},
}));

const { forwardCoreStatus, serveContract } = await import('../../electron/app/ipc');

const session: Session = { connectionId: 'window-1', role: 'queue', audience: 'operator', locale: 'zh-CN' };
const mainFrame = { url: 'app://wall/queue.html' };
const sender = { mainFrame };

function setUp() {
  const requests: { session: Session; raw: unknown }[] = [];
  const link: CoreLink = {
    request: async (s, raw) => {
      requests.push({ session: s, raw });
      return { id: 0, ok: true, value: 'served' };
    },
    subscribe: () => () => {},
    status: () => ({ state: 'up' }),
    onStatus: () => () => {},
    forget: async () => {},
    close: async () => {},
  };
  handlers.clear();
  serveContract(link, (contents) => (contents === sender ? session : undefined), silentLogger);
  return requests;
}

describe('the IPC wrapper', () => {
  it('registers one prefixed channel per request of the contract', () => {
    setUp();
    expect([...handlers.keys()].sort()).toEqual(requestNames.map((name) => `gridwall:${name}`).sort());
    expect(handlers.size).toBeGreaterThanOrEqual(13);
  });

  it("forwards a call from a window's main frame with that window's session, for the core to validate", async () => {
    const requests = setUp();
    const answer = await handlers.get('gridwall:case.create')!({ sender, senderFrame: mainFrame }, { description: 'x' }, 'hotkey', 'request-id-0001');
    expect(answer).toMatchObject({ ok: true });
    expect(requests).toEqual([{ session, raw: { id: 0, name: 'case.create', args: { description: 'x' }, input: 'hotkey', requestId: 'request-id-0001' } }]);
  });

  it('refuses calls from sub-frames, foreign pages and unknown windows without reaching the core', async () => {
    const requests = setUp();
    const call = handlers.get('gridwall:cases.list')!;
    const refusals = await Promise.all([
      call({ sender, senderFrame: { url: 'app://wall/queue.html' } }, {}, 'mouse'), // an iframe: not the main frame
      call({ sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: undefined }, {}, 'mouse'),
      call({ sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } }, {}, 'mouse'),
    ]);
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, error: { code: 'badMessage' } });
    expect(requests).toHaveLength(0);
  });

  it('refuses deeply nested arguments before they are cloned for the core, which keeps serving', async () => {
    const requests = setUp();
    let nested: unknown = 'deep';
    for (let level = 0; level < 50_000; level++) nested = [nested];
    const refused = await handlers.get('gridwall:case.create')!({ sender, senderFrame: mainFrame }, { description: nested }, 'mouse');
    expect(refused).toMatchObject({ ok: false, error: { code: 'tooComplex', message: expect.stringMatching(/嵌套/) } });
    expect(requests).toHaveLength(0);
    expect(await handlers.get('gridwall:session.hello')!({ sender, senderFrame: mainFrame }, {}, 'mouse')).toMatchObject({ ok: true });
  });

  it("tells a window the core's status now and whenever it changes, until the window closes", () => {
    const sent: CoreStatus[] = [];
    const listeners = new Set<(status: CoreStatus) => void>();
    const link = {
      status: (): CoreStatus => ({ state: 'up' }),
      onStatus: (listener: (status: CoreStatus) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as CoreLink;
    const contents = { isDestroyed: () => false, send: (_channel: string, status: CoreStatus) => sent.push(status) };
    const stop = forwardCoreStatus(link, contents as never);
    for (const listener of listeners) listener({ state: 'down', since: 1, attempt: 1, retryAt: 1_001 });
    stop();
    for (const listener of listeners) listener({ state: 'up' });
    expect(sent).toEqual([{ state: 'up' }, { state: 'down', since: 1, attempt: 1, retryAt: 1_001 }]);
  });
});
