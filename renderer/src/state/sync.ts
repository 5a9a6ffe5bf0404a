import type { EventMessage } from '../../../shared/contract/messages';
import type { CoreBridge } from '../bridge/bridge';
import type { WallStore } from './wallStore';

/**
 * Keeps a window's store in step with the core: on every (re)connect and on
 * every skipped event number, read a fresh snapshot; in between, apply
 * events. Events that arrive while a snapshot loads are kept and replayed
 * on top of it, so nothing is lost in the gap.
 */
export function syncWithCore(bridge: CoreBridge, store: WallStore): () => void {
  let loading = false;
  const heldEvents: EventMessage[] = [];

  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      const session = await bridge.request('session.hello', {});
      const reference = store.getState().reference ?? (await bridge.request('reference.get', {}));
      const keymap = store.getState().keymap ?? (await bridge.request('keymap.get', {}));
      store.getState().sessionStarted(session, reference, keymap);
      if (!session.operator) await resumeSignIn(bridge, store);
      // The cases come first: their event number is where replay starts, so everything read after them is at
      // least that new, and the held events bring it up to date. (Read the other way round, a wall change made
      // between the reads would be older than the cases' number, skipped, and the window would keep the old wall.)
      const snapshot = await bridge.request('cases.list', { scope: 'open', limit: 100_000 });
      const wall = await bridge.request('wall.get', {});
      const video = await bridge.request('video.get', {});
      store.getState().snapshotLoaded(snapshot.seq, snapshot.cases, wall, video);
      for (const message of heldEvents.splice(0)) store.getState().eventReceived(message);
    } catch (error) {
      console.error('snapshot failed', error);
      store.setState({ needsResync: true });
    } finally {
      loading = false;
    }
    if (store.getState().needsResync) window.setTimeout(() => void load(), 1_000);
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

const signInKey = 'gridwall.signIn';

/** Remembers a sign-in for this window, so a reconnect does not ask the operator again. */
export function rememberSignIn(token: string | null): void {
  if (token) window.sessionStorage.setItem(signInKey, token);
  else window.sessionStorage.removeItem(signInKey);
}

async function resumeSignIn(bridge: CoreBridge, store: WallStore): Promise<void> {
  const token = window.sessionStorage.getItem(signInKey);
  if (!token) return;
  try {
    const signedIn = await bridge.request('session.signIn', { token }, 'system');
    store.getState().operatorChanged(signedIn.operator);
  } catch {
    // The core restarted since: the operator signs in again.
    rememberSignIn(null);
  }
}
