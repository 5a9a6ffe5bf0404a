import { isOpen, type Case } from '../../../shared/domain/case';
import type { Camera } from '../../../shared/video/camera';
import { camerasNotShown, coverageBySlot, type OnWallInterval } from '../../../shared/video/coverage';
import { presetLayout, resolveLayout, tileCount } from '../../../shared/video/layout';
import { nearestCameras } from '../../../shared/video/nearest';
import { resolveWall, type EmergencyVideo, type KeyFocusEntry } from '../../../shared/video/priority';
import {
  nextBoundary,
  shouldPrewarm,
  slotLayoutRef,
  slotOccurrenceAt,
  slotOccurrences,
  slotScreenAssignments,
  tourFallbacks,
  tourPosition,
  type SlotPlan,
} from '../../../shared/video/slots';
import type { VideoCoverage, VideoState, VideoTile } from '../../../shared/video/videoState';
import type { WallService } from './wallService';
import { systemActor, type Actor, type RoomAudit } from './actors';
import { contained, type UnexpectedErrorHandler } from '../runtime/unexpected';
import { CoreError } from '../errors';
import { createSoloAndFocus } from './videoWallControls';

/** Asia/Shanghai: slot boundaries are local clock times of the room. */
export const roomTzOffsetMinutes = 480;
/** An emergency reverts by itself after this long unless its case closes first. */
export const defaultEmergencyMinutes = 30;
/** Cameras an emergency pulls up: the nearest that see the place, at most this many. */
export const defaultEmergencyCameras = 4;
/** Coverage is kept this long (a shift handover reads at most 72 h). */
const coverageKeepMs = 72 * 3_600_000;

export interface VideoWallOptions {
  cameras: () => readonly Camera[];
  wall: WallService;
  plan: SlotPlan;
  keyFocus?: readonly KeyFocusEntry[];
  /** Real time; the video clock adds a rehearsal offset to it. */
  clock: () => number;
  announce: (state: VideoState) => void;
  /** Hand changes (placements, pins, cases shown, the rehearsal clock) are audited; the plan's own switches too. */
  audit: RoomAudit;
  onUnexpected: UnexpectedErrorHandler;
  emergencyMinutes?: number;
  emergencyCameras?: number;
  /** Video windows on the wall (screens = layout × windows). */
  videoWindows?: number;
  /** Pins survive a restart through these two. */
  loadPins?: () => Record<string, string>;
  savePins?: (pins: Record<string, string>) => void;
  /** Key focus changed at the wall survives a restart through these two (the plan's list until then). */
  loadKeyFocus?: () => KeyFocusEntry[] | null;
  saveKeyFocus?: (entries: KeyFocusEntry[]) => void;
}

interface Emergency extends EmergencyVideo {
  caseNumber: string;
  caseIdNumber: number;
}

/**
 * The video wall's brain: which camera every screen shows and why, when it
 * changes by itself (slot boundaries, tour steps, pre-warm notices,
 * emergency expiry), and how long each camera was on the wall.
 *
 * Layers, strongest first: pin > emergency > hand-placed > key focus > slot.
 * Hand-placed cameras are the operator's choice for now: they beat the plan
 * but give way to an emergency (which takes them last, after empty and slot
 * screens) and are cleared at the next slot switch. A pin is the operator's
 * "never replace this": not even an emergency takes it.
 */
export function createVideoWall(options: VideoWallOptions) {
  const plan = options.plan;
  let keyFocus: KeyFocusEntry[] = options.loadKeyFocus?.() ?? [...(options.keyFocus ?? [])];
  const emergencyMs = (options.emergencyMinutes ?? defaultEmergencyMinutes) * 60_000;
  const emergencyCameraCount = options.emergencyCameras ?? defaultEmergencyCameras;
  const windows = Math.max(1, options.videoWindows ?? 1);

  let offsetMs = 0;
  const now = () => options.clock() + offsetMs;
  const pins = new Map<number, string>(Object.entries(options.loadPins?.() ?? {}).map(([screen, camera]) => [Number(screen), camera]));
  const emergencies = new Map<number, Emergency>();
  /** Cases that already had their emergency: a later edit does not pop it again. */
  const popped = new Set<number>();
  let currentSlotStart = slotOccurrenceAt(plan, now(), roomTzOffsetMinutes).startMs;

  // Coverage: one open interval per screen, closed ones kept for coverageKeepMs.
  const open = new Map<number, { cameraId: string; fromMs: number }>();
  let closed: OnWallInterval[] = [];

  let state: VideoState = resolve();
  record(state);
  let timer: ReturnType<typeof setTimeout> | null = null;
  schedule();

  function screens(): number[] {
    const count = options.wall.state.layout * windows;
    return Array.from({ length: count }, (_, index) => index + 1);
  }

  function resolve(): VideoState {
    const at = now();
    const occurrence = slotOccurrenceAt(plan, at, roomTzOffsetMinutes);
    const next = nextBoundary(plan, at, roomTzOffsetMinutes);
    const wallState = options.wall.state;
    const module = wallState.module;
    const list = screens();

    let slotAssignments: Map<number, string> = module === 'timeSlot' ? slotScreenAssignments(occurrence.slot, occurrence.startMs, at) : new Map();
    const slotFallbacks = module === 'timeSlot' ? tourFallbacks(occurrence.slot, occurrence.startMs, at) : undefined;
    // The key-focus module fills the wall with the hot spots, in order, from screen 1.
    let focus: KeyFocusEntry[] = [...keyFocus];
    if (module === 'keyFocus') {
      focus = keyFocus.map((entry, index) => ({ screen: index + 1, cameraId: entry.cameraId }));
      slotAssignments = new Map();
    }
    const placed = Object.entries(wallState.screens).map(([screen, cameraId]) => ({ screen: Number(screen), cameraId }));
    const active = [...emergencies.values()];
    const resolution = resolveWall({
      screens: list,
      slotAssignments,
      slotFallbacks,
      // Hand-placed cameras go first in the key-focus layer: above key focus and slot, taken last by emergencies.
      keyFocus: [...placed, ...focus],
      emergencies: active,
      pins,
      nowMs: at,
    });
    const placedOn = new Map(placed.map((entry) => [entry.screen, entry.cameraId]));
    const caseOf = new Map(active.map((emergency) => [emergency.caseId, emergency.caseIdNumber]));
    const tiles: VideoTile[] = resolution.tiles.map((tile) => {
      const source = tile.source === 'keyFocus' && placedOn.get(tile.screen) === tile.cameraId ? 'placed' : tile.source;
      const result: VideoTile = { screen: tile.screen, cameraId: tile.cameraId, source, pinned: pins.has(tile.screen) };
      if (tile.caseId !== undefined) result.caseId = caseOf.get(tile.caseId)!;
      return result;
    });
    // Emergency tiles stay where they first landed, whatever the slot beneath does.
    for (const emergency of active) {
      if (emergency.screens && emergency.screens.length > 0) continue;
      const landed = resolution.tiles.filter((tile) => tile.caseId === emergency.caseId).map((tile) => tile.screen);
      if (landed.length > 0) emergency.screens = landed;
    }
    const nextAssignments = module === 'timeSlot' ? slotScreenAssignments(next.slot, next.atMs, next.atMs) : new Map<number, string>();
    const onWallNow = new Set(tiles.map((tile) => tile.cameraId));
    return {
      atMs: at,
      clockOffsetMs: offsetMs,
      layout: wallState.layout,
      screenCount: list.length,
      slot: { id: occurrence.slot.id, name: occurrence.slot.name, startMs: occurrence.startMs, endMs: occurrence.endMs },
      next: {
        id: next.slot.id,
        name: next.slot.name,
        atMs: next.atMs,
        // Only what is not already playing needs warming; pinned and emergency screens will not change.
        cameraIds: [...new Set([...nextAssignments.entries()].filter(([screen]) => screen <= list.length && !pins.has(screen)).map(([, camera]) => camera))].filter(
          (camera) => !onWallNow.has(camera),
        ),
      },
      prewarm: shouldPrewarm(at, next.atMs, plan.prewarmSeconds),
      tiles,
      emergencies: active
        .sort((a, b) => b.startedAtMs - a.startedAtMs)
        .map((emergency) => ({
          caseId: emergency.caseIdNumber,
          caseNumber: emergency.caseNumber,
          cameraIds: [...emergency.cameraIds],
          startedAtMs: emergency.startedAtMs,
          expiresAtMs: emergency.expiresAtMs,
        })),
      unplaced: resolution.unplaced.map((miss) => ({ caseId: caseOf.get(miss.caseId)!, cameraId: miss.cameraId })),
      keyFocus: keyFocus.map((entry) => ({ screen: entry.screen, cameraId: entry.cameraId })),
    };
  }

  /** Closes and opens coverage intervals for the screens whose camera changed. */
  function record(next: VideoState): void {
    const at = next.atMs;
    const seen = new Set<number>();
    for (const tile of next.tiles) {
      seen.add(tile.screen);
      const current = open.get(tile.screen);
      if (current?.cameraId === tile.cameraId) continue;
      if (current) closed.push({ cameraId: current.cameraId, screen: tile.screen, fromMs: current.fromMs, toMs: at });
      if (tile.cameraId) open.set(tile.screen, { cameraId: tile.cameraId, fromMs: at });
      else open.delete(tile.screen);
    }
    for (const [screen, current] of [...open]) {
      if (seen.has(screen)) continue;
      closed.push({ cameraId: current.cameraId, screen, fromMs: current.fromMs, toMs: at });
      open.delete(screen);
    }
    if (closed.length > 10_000 || (closed[0] && closed[0].toMs < at - coverageKeepMs)) closed = closed.filter((interval) => interval.toMs >= at - coverageKeepMs);
  }

  /** Everything that changes by itself: expired emergencies, the slot switch (layout, hand placements). */
  function update(): void {
    const at = now();
    for (const [caseId, emergency] of emergencies) if (at >= emergency.expiresAtMs) emergencies.delete(caseId);
    const slotStart = slotOccurrenceAt(plan, at, roomTzOffsetMinutes).startMs;
    if (slotStart !== currentSlotStart) {
      currentSlotStart = slotStart;
      const slot = slotOccurrenceAt(plan, at, roomTzOffsetMinutes).slot;
      const ref = slotLayoutRef(slot, 0);
      const tiles = tileCount(resolveLayout(ref));
      const layout = presetLayout(tiles) ? tiles : options.wall.state.layout;
      const wallState = options.wall.state;
      // The new slot's plan takes the wall: its layout, and hand placements and a solo screen end. Changing the wall re-enters refresh.
      if (layout !== wallState.layout || Object.keys(wallState.screens).length > 0 || wallState.solo !== null) {
        options.wall.change({ layout, screens: {}, solo: null }, systemActor, 'video.slotSwitched', { slotId: slot.id });
        return;
      }
    }
    const next = resolve();
    if (sameState(next, state)) return;
    state = next;
    record(state);
    options.announce(state);
  }

  /** Wakes at the next instant the wall changes by itself. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    let delay: number;
    try {
      delay = nextWakeDelay();
    } catch (error) {
      // Whatever failed, the wall must look again: in a minute, as it would anyway.
      options.onUnexpected(error, 'video wall timer');
      delay = 60_000;
    }
    timer = setTimeout(() => {
      timer = null;
      // A failing update is reported, and the wall keeps waking: a slot switch must never stop for good.
      contained(options.onUnexpected, 'video wall timer', update);
      schedule();
    }, delay);
    timer.unref?.();
  }

  function nextWakeDelay(): number {
    const at = now();
    const boundary = nextBoundary(plan, at, roomTzOffsetMinutes).atMs;
    const wakes = [boundary, boundary - plan.prewarmSeconds * 1000, ...[...emergencies.values()].map((emergency) => emergency.expiresAtMs)];
    if (options.wall.state.module === 'timeSlot') {
      const occurrence = slotOccurrenceAt(plan, at, roomTzOffsetMinutes);
      for (const tour of occurrence.slot.tours) wakes.push(tourPosition(tour, occurrence.startMs, at).nextChangeAtMs);
    }
    const wake = Math.min(...wakes.filter((instant) => instant > at));
    // Timers drift and sleep; never wait more than a minute before looking again.
    return Math.max(0, Math.min(60_000, wake - at));
  }

  function refresh(): void {
    update();
    schedule();
  }

  function startEmergency(item: Case, at: number): void {
    if (!item.lngLat) throw new CoreError('noCaseLocation', { number: item.number });
    const cameraIds = nearestCameras(options.cameras(), item.lngLat, { limit: emergencyCameraCount }).map((near) => near.camera.id);
    popped.add(item.id);
    if (cameraIds.length === 0) return;
    emergencies.set(item.id, {
      caseId: `case-${item.id}`,
      caseIdNumber: item.id,
      caseNumber: item.number,
      cameraIds,
      startedAtMs: at,
      expiresAtMs: at + emergencyMs,
    });
  }

  function screenOnWall(screen: number): void {
    if (!screens().includes(screen)) throw new CoreError('screenNotOnWall', { screen, count: screens().length });
  }

  return {
    get state(): VideoState {
      return state;
    },
    /** The wall state (layout, module, hand placements) changed. */
    wallChanged: refresh,
    /**
     * A case changed. A case that becomes urgent (created urgent or marked
     * urgent) pulls its nearest cameras up once; its tiles revert when it is
     * closed, voided or no longer urgent, or when the emergency times out.
     */
    caseChanged(item: Case): void {
      const active = emergencies.get(item.id);
      if (active && (!isOpen(item.status) || !item.urgent)) {
        emergencies.delete(item.id);
        refresh();
        return;
      }
      if (!active && item.urgent && isOpen(item.status) && item.lngLat && !popped.has(item.id)) {
        startEmergency(item, now());
        refresh();
      }
    },
    /** "Show cameras for this case": its nearest cameras, now, for the emergency time. */
    showCase(item: Case, actor: Actor): VideoState {
      if (!isOpen(item.status)) throw new CoreError('caseNotOpen', { number: item.number });
      emergencies.delete(item.id);
      startEmergency(item, now());
      options.audit(actor, 'video.caseShown', { cameraIds: emergencies.get(item.id)?.cameraIds ?? [] }, item.id);
      refresh();
      return state;
    },
    /** An operator put a camera on a screen (null clears it). */
    place(screen: number, cameraId: string | null, actor: Actor): VideoState {
      screenOnWall(screen);
      if (cameraId !== null && !options.cameras().some((camera) => camera.id === cameraId)) throw new CoreError('unknownCamera', { camera: cameraId });
      if (pins.has(screen)) throw new CoreError('screenPinned', { screen });
      const placed = { ...options.wall.state.screens };
      if (cameraId === null) delete placed[String(screen)];
      else placed[String(screen)] = cameraId;
      options.wall.change({ screens: placed }, actor, 'video.placed', { screen, cameraId });
      return state;
    },
    ...createSoloAndFocus({ options, screenOnWall, screens, current: () => state, refresh, keyFocus: () => keyFocus, setKeyFocus: (entries) => (keyFocus = entries) }),
    /** Pins (or unpins) whatever the screen shows now. */
    pin(screen: number, pinned: boolean, actor: Actor): VideoState {
      screenOnWall(screen);
      const tile = state.tiles.find((candidate) => candidate.screen === screen);
      if (pinned) {
        if (!tile?.cameraId) throw new CoreError('screenEmpty', { screen });
        pins.set(screen, tile.cameraId);
      } else {
        pins.delete(screen);
      }
      options.savePins?.(Object.fromEntries([...pins].map(([key, camera]) => [String(key), camera])));
      options.audit(actor, 'video.pinned', { screen, pinned, cameraId: tile?.cameraId ?? null });
      refresh();
      return state;
    },
    /** Demo rehearsal: run the video clock as if it were `atMs` (null: real time again). */
    setClock(atMs: number | null, actor: Actor): VideoState {
      const before = now();
      options.audit(actor, 'video.clockSet', { atMs });
      offsetMs = atMs === null ? 0 : atMs - options.clock();
      // Coverage does not count the jump.
      for (const [screen, current] of open) {
        closed.push({ cameraId: current.cameraId, screen, fromMs: current.fromMs, toMs: before });
        open.set(screen, { cameraId: current.cameraId, fromMs: now() });
      }
      currentSlotStart = slotOccurrenceAt(plan, now(), roomTzOffsetMinutes).startMs;
      refresh();
      return state;
    },
    /** Seconds each camera was on the wall per slot over the last `hours`, and the cameras a slot never showed. */
    coverage(hours: number): VideoCoverage {
      const to = now();
      const from = to - hours * 3_600_000;
      const intervals = [...closed, ...[...open].map(([screen, current]) => ({ cameraId: current.cameraId, screen, fromMs: current.fromMs, toMs: to }))];
      const occurrences = slotOccurrences(plan, from, to, roomTzOffsetMinutes).map((occurrence) => ({
        slotId: occurrence.slot.id,
        name: occurrence.slot.name,
        startMs: Math.max(from, occurrence.startMs),
        endMs: Math.min(to, occurrence.endMs),
      }));
      const bySlot = coverageBySlot(intervals, occurrences);
      const ids = options.cameras().map((camera) => camera.id);
      const slots = [...new Map(occurrences.map((occurrence) => [occurrence.slotId, occurrence])).values()].map((occurrence) => ({
        slotId: occurrence.slotId,
        name: occurrence.name,
        seconds: Object.fromEntries(Object.entries(bySlot[occurrence.slotId] ?? {}).map(([camera, seconds]) => [camera, Math.round(seconds)])),
        notShown: camerasNotShown(ids, bySlot, occurrence.slotId),
      }));
      return { fromMs: from, toMs: to, currentSlotId: state.slot.id, slots };
    },
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
export type VideoWall = ReturnType<typeof createVideoWall>;

function sameState(a: VideoState, b: VideoState): boolean {
  const { atMs: _a, ...restA } = a;
  const { atMs: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

