import { createStore } from 'zustand/vanilla';
import type { CaseFilter, Keymap, OperatorInfo, ReferenceData, SessionInfo } from '../../../shared/contract/contract';
import { newRequestId, type EventMessage } from '../../../shared/contract/messages';
import type { CameraHealth, CaseSelection, LinkedState, SharedFilter } from '../../../shared/map/linkState';
import { isOpen, type Case } from '../../../shared/domain/case';
import type { WallState as WallScreens } from '../../../shared/wall/wallState';
import type { LinkState } from '../bridge/bridge';
import type { VideoState } from '../../../shared/video/videoState';
import type { Tour } from '../../../shared/presentation/tour';
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
  /** Whether this window has read what is current since its link last changed: the header says "live" only then. */
  snapshotCurrent: boolean;
  /** The latest case an event brought, for views that show more than the open cases. */
  lastChanged: Case | null;
  /** What the wall shows (presentation, module, layout, screens), shared by every window. */
  wall: WallScreens | null;
  /** What every screen of the video wall shows and why (resolved by the core). */
  video: VideoState | null;
  /** The shift's hotkeys, from the core (the room's keymap file or the defaults). */
  keymap: Keymap | null;
  /** The presentation tour, while this window shows the presentation. */
  tour: Tour | null;
  /** The core's clock minus this window's, so every presentation window turns the page at the same moment. */
  clockOffsetMs: number;
  /** Grows with every change the core reports to a presentation window: its figures are read again. */
  pulses: number;
  /** This page's own mark on the selections it makes, to tell its echo from another window's choice. */
  origin: string;
  /** The case selected for this window's console (by any of its windows or a command) and where it is. */
  selection: CaseSelection | null;
  /** The console's queue filters, which the map may follow. */
  sharedFilter: SharedFilter<CaseFilter> | null;
  /** How the cameras on the wall are doing, as the video windows report it. */
  cameraHealth: Record<string, CameraHealth>;
  /** The link to the district platform, for the sync light (null until read). */
  sync: SyncStatus | null;

  linkChanged(link: LinkState): void;
  operatorChanged(operator: OperatorInfo | null): void;
  /** The core ended this window's sign-in (the remembered token is already forgotten). */
  signInEnded(message: string): void;
  signInPromptClosed(): void;
  sessionStarted(session: SessionInfo, reference: ReferenceData, keymap: Keymap): void;
  snapshotLoaded(seq: number, cases: readonly Case[], wall: WallScreens, video?: VideoState, links?: LinkedState<CaseFilter>, sync?: SyncStatus): void;
  /** A presentation snapshot: no cases at all, the wall's state and the tour. */
  presentationLoaded(seq: number, wall: WallScreens, tour: Tour, serverTime: number): void;
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
    snapshotCurrent: false,
    lastChanged: null,
    wall: null,
    video: null,
    keymap: null,
    tour: null,
    clockOffsetMs: 0,
    pulses: 0,
    origin: newRequestId(),
    selection: null,
    sharedFilter: null,
    cameraHealth: {},
    sync: null,

    linkChanged: (link) => set({ link, snapshotCurrent: false }),
    // Someone signing in answers the prompt, whichever dialog they used.
    operatorChanged: (operator) => set(operator ? { operator, signInPrompt: null } : { operator }),
    signInEnded: (message) => set({ operator: null, signInPrompt: { message } }),
    signInPromptClosed: () => set({ signInPrompt: null }),
    sessionStarted: (session, reference, keymap) => set({ session, reference, keymap, operator: session.operator }),
    snapshotLoaded: (seq, cases, wall, video, links, sync) =>
      set({
        seq,
        wall,
        ...(video ? { video } : {}),
        ...(links ? { selection: links.selection, sharedFilter: links.filter, cameraHealth: links.cameraHealth } : {}),
        // The console's selection is this window's too, unless this window made it (it already shows it).
        ...(links?.selection && links.selection.origin !== get().origin ? { selectedCaseId: links.selection.caseId } : {}),
        ...(sync ? { sync } : {}),
        needsResync: false,
        snapshotsLoaded: get().snapshotsLoaded + 1,
        snapshotCurrent: true,
        openCases: new Map(cases.filter((item) => isOpen(item.status)).map((item) => [item.id, item])),
      }),
    presentationLoaded: (seq, wall, tour, serverTime) =>
      set({
        seq,
        wall,
        tour,
        clockOffsetMs: serverTime - Date.now(),
        needsResync: false,
        snapshotsLoaded: get().snapshotsLoaded + 1,
        snapshotCurrent: true,
        openCases: new Map(),
        pulses: get().pulses + 1,
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
      if (message.event === 'presentation.changed') {
        set({ seq: message.seq, tour: message.payload.tour });
        return;
      }
      if (message.event === 'presentation.pulse') {
        set({ seq: message.seq, pulses: state.pulses + 1 });
        return;
      }
      if (message.event === 'cameras.healthChanged') {
        set({ seq: message.seq, cameraHealth: message.payload.health });
        return;
      }
      if (message.event === 'selection.changed' || message.event === 'filter.changed') {
        set({ seq: message.seq, ...linkedChange(message, state) });
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

/** A console's shared state changed: only this window's console counts; its own selections come back as echoes and change nothing. */
function linkedChange(message: EventMessage<'selection.changed' | 'filter.changed'>, state: WallState): Partial<WallState> {
  if (message.payload.group !== state.session?.linkGroup) return {};
  if (message.event === 'filter.changed') return { sharedFilter: message.payload.filter };
  const selection = message.payload.selection;
  const echo = selection !== null && selection.origin === state.origin;
  return { selection, ...(echo ? {} : { selectedCaseId: selection?.caseId ?? null }) };
}
