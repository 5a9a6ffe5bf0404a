import { afterEach, expect, test, vi } from 'vitest';
import type { Session } from '../../electron/core/core';
import { inProcessLink } from '../../electron/core/runtime/link';
import type { ArgsOf, RequestName, ResultOf } from '../../shared/contract/contract';
import type { EventMessage } from '../../shared/contract/messages';
import { resultOf, type CoreBridge, type LinkState } from '../../renderer/src/bridge/bridge';
import { syncWithCore } from '../../renderer/src/state/sync';
import { createWallStore } from '../../renderer/src/state/wallStore';
import { createI18n } from '../../shared/i18n/index';
import { startTestCore } from '../support/testCore';

/**
 * A window's store kept in step with a real core through syncWithCore, over
 * a bridge that lets the test act on the core while the window is half-way
 * through reading its snapshot (the moment a stale snapshot would stick).
 */
function windowOn(harness: ReturnType<typeof startTestCore>, session: Session) {
  const link = inProcessLink(harness.core);
  const eventListeners = new Set<(message: EventMessage) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  const beforeAnswer = new Map<string, () => Promise<void>>();
  let nextId = 1;
  const bridge: CoreBridge = {
    async request<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
      const response = await link.request(session, { id: nextId++, name, args });
      // Events and answers interleave as they would over a socket: whatever the core emits meanwhile is delivered first.
      await Promise.resolve();
      const hook = beforeAnswer.get(name);
      beforeAnswer.delete(name);
      await hook?.();
      return resultOf(name, response);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };
  link.subscribe(session, (message) => {
    for (const listener of eventListeners) listener(message);
  });
  const store = createWallStore();
  const i18n = createI18n('zh-CN');
  const stop = syncWithCore(bridge, store, (key, values) => i18n.t(key, values));
  return {
    store,
    stop,
    /** Runs `act` on the core after the window has asked for `name` and before it reads the answer. */
    during(name: RequestName, act: () => Promise<void>) {
      beforeAnswer.set(name, act);
    },
    open() {
      for (const listener of linkListeners) listener({ kind: 'open' });
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

afterEach(() => {
  vi.unstubAllGlobals();
});

test('a presentation switch made while a window reads its snapshot is not lost: the window ends where the wall is', async () => {
  vi.stubGlobal('window', { setTimeout, sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} } });
  const harness = startTestCore();
  const toggle = async () => {
    const text = '演示模式';
    const response = await harness.request('command.run', { text, selectedCaseId: null }, undefined, 'hotkey');
    expect(response.ok).toBe(true);
  };
  try {
    const video = windowOn(harness, { connectionId: 'video-1', role: 'video', audience: 'operator', locale: 'zh-CN' });
    video.open();
    await vi.waitFor(() => expect(video.store.getState().wall?.presentation).toBe(false));

    // On: the window reads its snapshot again (it may now see less). While it reads, the director switches back off,
    // at each step of the read in turn.
    // While presenting, a wall window reads the presentation (its state, the wall), not the cases.
    for (const step of ['session.hello', 'presentation.state', 'wall.get'] as const) {
      await toggle();
      video.during(step, toggle);
      await vi.waitFor(() => expect(harness.core.presentation).toBe(false));
      await settled();
      await vi.waitFor(() => expect(video.store.getState().needsResync).toBe(false));
      expect(video.store.getState().wall?.presentation, `switched back during ${step}`).toBe(false);
    }
    video.stop();
  } finally {
    harness.close();
  }
});
