import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { PreloadApi } from '../../shared/contract/bridgeApi';
import type { CoreStatus, ResponseMessage } from '../../shared/contract/messages';
import { createI18n } from '../../shared/i18n/index';
import type { LinkState } from '../../renderer/src/bridge/bridge';
import { createIpcBridge } from '../../renderer/src/bridge/ipcBridge';

const zh = createI18n('zh-CN');
const translate = (key: string, values?: Record<string, unknown>) => zh.t(key, values);

/** The preload as the shell gives it, with the shell's answers queued by the test. */
function fakePreload() {
  const calls: { name: string; args: unknown; input: string; requestId: string }[] = [];
  const answers: Array<(id: number) => ResponseMessage> = [];
  let statusListener: (status: CoreStatus) => void = () => undefined;
  const requests = new Proxy(
    {},
    {
      get: (_target, name: string) => async (args: unknown, input: string, requestId: string) => {
        calls.push({ name, args, input, requestId });
        return (answers.shift() ?? ((id) => ({ id, ok: true, value: { answered: name } })))(0);
      },
    },
  ) as PreloadApi['requests'];
  const api: PreloadApi = {
    requests,
    onEvent: () => () => undefined,
    onCoreStatus(listener) {
      statusListener = listener;
      return () => undefined;
    },
  };
  return { api, calls, answers, status: (status: CoreStatus) => statusListener(status) };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', { setTimeout, clearTimeout });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

test('Electron windows: the core restarting is told, requests wait for it and go again with the same request id', async () => {
  const shell = fakePreload();
  const bridge = createIpcBridge(shell.api, translate);
  const states: LinkState[] = [];
  bridge.onLinkState((state) => states.push(state));

  // The core dies under a write: the shell answers at once; the write waits for the core and goes again.
  shell.answers.push((id) => ({ id, ok: false, error: { code: 'unavailable', message: '核心暂时不可用，请稍后重试。' } }));
  const write = bridge.request('case.setUrgent', { caseId: 4, urgent: true }, 'hotkey');
  await vi.advanceTimersByTimeAsync(0);
  shell.status({ state: 'down', since: 1, attempt: 1, retryAt: 2_000 });
  const read = bridge.request('wall.get', {});
  await vi.advanceTimersByTimeAsync(1_000);
  expect(shell.calls.map((call) => call.name)).toEqual(['case.setUrgent']);

  shell.status({ state: 'up' });
  await expect(write).resolves.toEqual({ answered: 'case.setUrgent' });
  await expect(read).resolves.toEqual({ answered: 'wall.get' });
  expect(shell.calls.map((call) => [call.name, call.input])).toEqual([
    ['case.setUrgent', 'hotkey'],
    ['case.setUrgent', 'hotkey'],
    ['wall.get', 'mouse'],
  ]);
  expect(shell.calls[1]!.requestId).toBe(shell.calls[0]!.requestId);
  expect(states.map((state) => state.kind)).toEqual(['open', 'coreDown', 'open']);
});

test('Electron windows: a core that failed for good refuses at once, saying what to do', async () => {
  const shell = fakePreload();
  const bridge = createIpcBridge(shell.api, translate);
  shell.status({ state: 'failed', since: 1, reason: 'migration 0070 failed' });
  const refused = await bridge.request('video.get', {}).catch((error: { error: unknown }) => error.error);
  expect(refused).toEqual({ code: 'unavailable', message: '核心已停止运行，操作没有执行。请重启网格指挥墙或联系技术支持。' });
  expect(shell.calls).toEqual([]);
});
