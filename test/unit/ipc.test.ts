import { describe, expect, it, vi } from 'vitest';
import type { ResponseMessage } from '../../shared/contract/messages';
import type { Session } from '../../electron/core/core';
import type { CoreLink } from '../../electron/core/runtime/link';
import { silentLogger } from '../../electron/core/runtime/logger';
import { requestNames } from '../../shared/contract/contract';

/**
 * The Electron shell's IPC wrapper, with Electron replaced by a stand-in
 * (its binary is not needed to check who the wrapper trusts).
 */
type Handler = (event: unknown, args: unknown, input: unknown) => Promise<ResponseMessage>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
  net: {},
  protocol: {},
}));

const { serveContract } = await import('../../electron/app/ipc');

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
    const answer = await handlers.get('gridwall:case.create')!({ sender, senderFrame: mainFrame }, { description: 'x' }, 'hotkey');
    expect(answer).toMatchObject({ ok: true });
    expect(requests).toEqual([{ session, raw: { id: 0, name: 'case.create', args: { description: 'x' }, input: 'hotkey' } }]);
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
});
