import type { EventMessage } from '../../../shared/contract/messages';
import type { Case } from '../../../shared/domain/case';
import type { CoreBridge, Translate } from '../bridge/bridge';
import { resumeSignIn } from './signIn';
import type { WallStore } from './wallStore';

/**
 * Keeps a window's store in step with the core: on every (re)connect, every
 * return of a restarted core and every skipped event number, read a fresh
 * snapshot; in between, apply events. Events that arrive while a snapshot
 * loads are kept and replayed on top of it, so nothing is lost in the gap.
 */
export function syncWithCore(bridge: CoreBridge, store: WallStore, translate: Translate): () => void {
  let loading = false;
  /** The link came back while a snapshot was being read: what was read may belong to the old connection. */
  let loadAgain = false;
  const heldEvents: EventMessage[] = [];

  const load = async () => {
    if (loading) {
      loadAgain = true;
      return;
    }
    loading = true;
    loadAgain = false;
    try {
      await readSnapshot(bridge, store, translate, heldEvents);
    } catch (error) {
      console.error('snapshot failed', error);
      store.setState({ needsResync: true });
    } finally {
      loading = false;
    }
    if (loadAgain) void load();
    else if (store.getState().needsResync) window.setTimeout(() => void load(), 1_000);
  };

  const stopEvents = bridge.onEvent((message) => {
    if (loading) heldEvents.push(message);
    else store.getState().eventReceived(message);
  });
  const stopLink = bridge.onLinkState((link) => {
    store.getState().linkChanged(link);
    if (link.kind === 'open') void load();
  });
  const stopResync = store.subscribe((state, previous) => {
    if (state.needsResync && !previous.needsResync && !loading) void load();
  });
  return () => {
    stopEvents();
    stopLink();
    stopResync();
  };
}

async function readSnapshot(bridge: CoreBridge, store: WallStore, translate: Translate, heldEvents: EventMessage[]): Promise<void> {
  const session = await bridge.request('session.hello', {});
  const reference = store.getState().reference ?? (await bridge.request('reference.get', {}));
  const keymap = store.getState().keymap ?? (await bridge.request('keymap.get', {}));
  store.getState().sessionStarted(session, reference, keymap);
  // A visitors' window never signs in (and must not touch a sign-in remembered by an operator's window of this browser).
  if (!session.operator && session.audience === 'operator') await resumeSignIn(bridge, store, translate);
  if (session.presenting) {
    // A window that presents may read the presentation only: the tour and the wall, never a case.
    const presentation = await bridge.request('presentation.state', {});
    const wall = await bridge.request('wall.get', {});
    store.getState().presentationLoaded(presentation.seq, wall, presentation.tour, presentation.serverTime);
    for (const message of heldEvents.splice(0)) store.getState().eventReceived(message);
    return;
  }
  // The cases come first: their event number is where replay starts, so everything read after them is at
  // least that new, and the held events bring it up to date. (Read the other way round, a wall change made
  // between the reads would be older than the cases' number, skipped, and the window would keep the old wall.)
  const snapshot = await readOpenCases(bridge);
  // Read together after the cases (all at least as new as their event number), so a window is ready sooner. The sync light is
  // not worth a blank window: if its state cannot be read, the window loads without it (the next sync.changed brings it).
  const [wall, video, links, sync] = await Promise.all([
    bridge.request('wall.get', {}),
    bridge.request('video.get', {}),
    bridge.request('links.get', {}),
    bridge.request('sync.status', {}).catch(() => undefined),
  ]);
  store.getState().snapshotLoaded(snapshot.seq, snapshot.cases, wall, video, links, sync);
  for (const message of heldEvents.splice(0)) store.getState().eventReceived(message);
}

/**
 * Every open case, a page at a time (newest id first). The snapshot's event
 * number is the first page's: later pages may already show newer states,
 * which the events held meanwhile bring to the same end when replayed.
 */
export async function readOpenCases(bridge: CoreBridge): Promise<{ seq: number; cases: Case[] }> {
  const first = await bridge.request('cases.list', { scope: 'open' });
  const cases = [...first.cases];
  // `?? null`: a core from before paging sends no cursor at all, and its one answer is the whole list.
  let before = first.nextBefore ?? null;
  while (before !== null) {
    const page = await bridge.request('cases.list', { scope: 'open', before });
    cases.push(...page.cases);
    // Each page must end below the one before it; anything else would read for ever.
    if (page.nextBefore !== null && page.nextBefore >= before) throw new Error(`cases.list did not move past case ${before}`);
    before = page.nextBefore ?? null;
  }
  return { seq: first.seq, cases };
}
