import { createStore } from 'zustand/vanilla';
import type { Keymap, OperatorInfo, ReferenceData, SessionInfo } from '../../../shared/contract/contract';
import type { EventMessage } from '../../../shared/contract/messages';
import { isOpen, type Case } from '../../../shared/domain/case';
import type { WallState as WallScreens } from '../../../shared/wall/wallState';
import type { LinkState } from '../bridge/bridge';
import type { VideoState } from '../../../shared/video/videoState';
import type { SyncStatus } from '../../../shared/sync/syncStatus';

/**
 * A window's view of the core's state. Nothing here is authoritative: it is
 * a snapshot plus the events after it, and is rebuilt whenever the link
 * reconnects or an event number is skipped.
 */
export interface WallState {
  link: LinkState;
  session: SessionInfo | null;
  reference: ReferenceData | null;
  /** Open cases by id. */
  openCases: ReadonlyMap<number, Case>;
  /** Newest first: changes this window has seen, for tickers and highlights. */
  recent: readonly { caseId: number; at: number; change: 'created' | 'updated' }[];
  seq: number;
  /** Set when an event number was skipped; the sync loop reloads the snapshot. */
  needsResync: boolean;
  selectedCaseId: number | null;
  /** Who is signed in at this window; null until someone signs in. */
  operator: OperatorInfo | null;
  /** Why the sign-in at this window ended by itself (expired, revoked): the window asks again, showing this. */
  signInPrompt: { message: string } | null;
  /** How many snapshots this window has read: reads that failed try again when it grows (the link is back). */
  snapshotsLoaded: number;
  /** The latest case an event brought, for views that show more than the open cases. */
  lastChanged: Case | null;
  /** What the wall shows (presentation, module, layout, screens), shared by every window. */
  wall: WallScreens | null;
  /** What every screen of the video wall shows and why (resolved by the core). */
  video: VideoState | null;
  /** The shift's hotkeys, from the core (the room's keymap file or the defaults). */
  keymap: Keymap | null;
  /** The link to the district platform, for the sync light (null until read). */
  sync: SyncStatus | null;

  linkChanged(link: LinkState): void;
  operatorChanged(operator: OperatorInfo | null): void;
  /** The core ended this window's sign-in (the remembered token is already forgotten). */
  signInEnded(message: string): void;
  signInPromptClosed(): void;
  sessionStarted(session: SessionInfo, reference: ReferenceData, keymap: Keymap): void;
  snapshotLoaded(seq: number, cases: readonly Case[], wall: WallScreens, video?: VideoState, sync?: SyncStatus): void;
  eventReceived(message: EventMessage): void;
  caseSelected(caseId: number | null): void;
}

const recentLimit = 30;

export function createWallStore() {
  return createStore<WallState>()((set, get) => ({
    link: { kind: 'connecting' },
    session: null,
    reference: null,
    openCases: new Map(),
    recent: [],
    seq: 0,
    needsResync: false,
    selectedCaseId: null,
    operator: null,
    signInPrompt: null,
    snapshotsLoaded: 0,
    lastChanged: null,
    wall: null,
    video: null,
    keymap: null,
    sync: null,

    linkChanged: (link) => set({ link }),
    // Someone signing in answers the prompt, whichever dialog they used.
    operatorChanged: (operator) => set(operator ? { operator, signInPrompt: null } : { operator }),
    signInEnded: (message) => set({ operator: null, signInPrompt: { message } }),
    signInPromptClosed: () => set({ signInPrompt: null }),
    sessionStarted: (session, reference, keymap) => set({ session, reference, keymap, operator: session.operator }),
    snapshotLoaded: (seq, cases, wall, video, sync) =>
      set({
        seq,
        wall,
        ...(video ? { video } : {}),
        ...(sync ? { sync } : {}),
        needsResync: false,
        snapshotsLoaded: get().snapshotsLoaded + 1,
        openCases: new Map(cases.filter((item) => isOpen(item.status)).map((item) => [item.id, item])),
      }),
    eventReceived: (message) => {
      const state = get();
      if (state.needsResync || message.seq <= state.seq) return;
      if (message.seq !== state.seq + 1) {
        set({ needsResync: true });
        return;
      }
      if (message.event === 'wall.changed') {
        // Presentation mode changes what this window may see: read the cases again, projected anew.
        const presentationSwitched = state.wall !== null && state.wall.presentation !== message.payload.state.presentation;
        set({ seq: message.seq, wall: message.payload.state, needsResync: presentationSwitched });
        return;
      }
      if (message.event === 'video.changed') {
        set({ seq: message.seq, video: message.payload.state });
        return;
      }
      if (message.event === 'sync.changed') {
        set({ seq: message.seq, sync: message.payload.status });
        return;
      }
      const { case: changed, change } = message.payload;
      const openCases = new Map(state.openCases);
      if (isOpen(changed.status)) openCases.set(changed.id, changed);
      else openCases.delete(changed.id);
      const recent = [{ caseId: changed.id, at: Date.now(), change }, ...state.recent].slice(0, recentLimit);
      set({ seq: message.seq, openCases, recent, lastChanged: changed });
    },
    caseSelected: (selectedCaseId) => set({ selectedCaseId }),
  }));
}
export type WallStore = ReturnType<typeof createWallStore>;
