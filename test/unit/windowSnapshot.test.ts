import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { ArgsOf, RequestName, ResultOf } from '../../shared/contract/contract';
import type { EventMessage } from '../../shared/contract/messages';
import type { Case } from '../../shared/domain/case';
import { createI18n } from '../../shared/i18n/index';
import { initialWallState } from '../../shared/wall/wallState';
import type { CoreBridge, LinkState } from '../../renderer/src/bridge/bridge';
import { syncWithCore } from '../../renderer/src/state/sync';
import { createWallStore } from '../../renderer/src/state/wallStore';

const aCase = (id: number, changes: Partial<Case> = {}): Case =>
  ({ id, number: `20261205-${String(id).padStart(4, '0')}`, status: 'reported', urgent: false, reportedAt: id, updatedAt: id, ...changes }) as Case;

/**
 * A core holding `count` open cases, answering `cases.list` a page of 1,000
 * at a time, newest first, as the contract says; `beforeAnswer` lets the
 * test change things (and emit their events) while the window reads.
 */
function pagedCore(count: number) {
  const open = new Map(Array.from({ length: count }, (_, index) => [index + 1, aCase(index + 1)]));
  const eventListeners = new Set<(message: EventMessage) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  const asked: { name: RequestName; args: unknown }[] = [];
  let seq = 50;
  const hooks: Array<{ name: RequestName; before: number | null; act: () => void }> = [];

  const answer = (name: RequestName, args: unknown): unknown => {
    if (name === 'session.hello') return { role: 'map', audience: 'operator', serverTime: 0, seq, demo: true, operator: null };
    if (name === 'reference.get') return { departments: [] };
    if (name === 'keymap.get') return { bindings: [], problems: [] };
    if (name === 'wall.get') return initialWallState;
    if (name === 'video.get') return { tiles: [] };
    if (name === 'links.get') return { group: 'wall', selection: null, filter: null, cameraHealth: {} };
    const before = (args as { before?: number | null }).before ?? null;
    const ids = [...open.keys()].filter((id) => before === null || id < before).sort((a, b) => b - a);
    const page = ids.slice(0, 1_000);
    return { seq, cases: page.map((id) => open.get(id)!), nextBefore: ids.length > 1_000 ? page.at(-1)! : null };
  };

  const bridge: CoreBridge = {
    async request<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
      asked.push({ name, args });
      await Promise.resolve();
      const before = (args as { before?: number | null }).before ?? null;
      const hook = hooks.findIndex((entry) => entry.name === name && entry.before === before);
      if (hook >= 0) hooks.splice(hook, 1)[0]!.act();
      return answer(name, args) as ResultOf<N>;
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      linkListeners.add(listener);
      listener({ kind: 'open' });
      return () => linkListeners.delete(listener);
    },
  };

  return {
    bridge,
    asked,
    /** Runs `act` when the window asks for this request (this page of cases), before it is answered. */
    during(name: RequestName, before: number | null, act: () => void) {
      hooks.push({ name, before, act });
    },
    change(item: Case, change: 'created' | 'updated') {
      if (item.status === 'closed') open.delete(item.id);
      else open.set(item.id, item);
      seq += 1;
      for (const listener of eventListeners) listener({ event: 'case.changed', seq, payload: { change, case: item } });
    },
    linkBack() {
      for (const listener of linkListeners) listener({ kind: 'open' });
    },
  };
}

const zh = createI18n('zh-CN');
const translate = (key: string, values?: Record<string, unknown>) => zh.t(key, values);

beforeEach(() => {
  vi.stubGlobal('window', { setTimeout, clearTimeout, sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} } });
});
afterEach(() => vi.unstubAllGlobals());

test('a window reads 2,300 open cases a page at a time, and what changed during the read is in its snapshot', async () => {
  const core = pagedCore(2_300);
  // While the second page is read: a new case, a case on the unread third page closed, one on the first page changed.
  core.during('cases.list', 1_301, () => {
    core.change(aCase(2_301), 'created');
    core.change(aCase(5, { status: 'closed' }), 'updated');
    core.change(aCase(2_000, { urgent: true }), 'updated');
  });
  const store = createWallStore();
  const stop = syncWithCore(core.bridge, store, translate);
  await vi.waitFor(() => expect(store.getState().snapshotsLoaded).toBe(1));

  const pages = core.asked.filter((entry) => entry.name === 'cases.list').map((entry) => (entry.args as { before?: number }).before ?? null);
  expect(pages).toEqual([null, 1_301, 301]);
  const { openCases, seq } = store.getState();
  expect(seq).toBe(53);
  expect(openCases.size).toBe(2_300);
  expect(openCases.has(2_301)).toBe(true);
  expect(openCases.has(5)).toBe(false);
  expect(openCases.get(2_000)?.urgent).toBe(true);
  expect(openCases.has(1)).toBe(true);
  stop();
});

test('a link that comes back while the snapshot is read means reading it again, from the start', async () => {
  const core = pagedCore(1_500);
  core.during('cases.list', 501, () => core.linkBack());
  const store = createWallStore();
  const stop = syncWithCore(core.bridge, store, translate);
  await vi.waitFor(() => expect(store.getState().snapshotsLoaded).toBe(2));
  // What was read before the link came back may belong to the old connection (its sign-in, its events).
  expect(core.asked.filter((entry) => entry.name === 'session.hello')).toHaveLength(2);
  expect(store.getState().openCases.size).toBe(1_500);
  stop();
});
