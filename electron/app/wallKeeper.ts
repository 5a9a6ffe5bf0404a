import type { Logger } from '../core/runtime/logger';
import { planWall, placementChanged, type WindowPlacement } from '../../shared/wall/placement';
import { wallWindowSpec, type DisplayInfo, type WallProfile, type WallWindowKey, type WallWindowSpec } from '../../shared/wall/profile';
import { defaultRecoveryPolicy, failureReasonOf, nextRecovery, type FailureReason, type RecoveryPolicy } from '../../shared/wall/recovery';

/**
 * Keeps the right window on the right display for weeks: opens the
 * profile's windows where the plan puts them, moves them when displays come
 * and go, and re-creates a window whose page died or hung — on its display,
 * in its role — or, when it keeps dying, shows a plain page with the reason.
 * Plain Node: Electron is behind `WindowOpener`, so all of this is tested
 * with stand-in windows and fake timers.
 */
export interface ShellWindow {
  place(placement: WindowPlacement): void;
  /** Sends the page the shell's ping; its preload answers through `WindowHooks.answered`. */
  ping(): void;
  /** Closes the window for good (a hung page's renderer is killed first). */
  close(): void;
}

export interface WindowHooks {
  /** The page finished loading (`page` is its file, e.g. `queue.html`). */
  loaded(page: string | null): void;
  /** The page answered a ping. */
  answered(): void;
  /** The page's renderer is gone (Electron's reason), or its main frame could not load. */
  gone(reason: string): void;
  /** Electron says the page stopped responding. */
  unresponsive(): void;
}

/** Shown instead of the window's page after repeated failures. */
export interface FailureNotice {
  reason: FailureReason;
  failures: number;
  retryAt: number;
}

export interface WindowOpener {
  open(spec: WallWindowSpec, placement: WindowPlacement, hooks: WindowHooks, failure: FailureNotice | null): ShellWindow;
}

export interface WallKeeperOptions {
  opener: WindowOpener;
  logger: Logger;
  policy?: RecoveryPolicy;
  clock?: () => number;
  /** Displays often change in bursts (a wall of monitors waking up): plan once the burst is over. */
  displaySettleMs?: number;
  /** After giving up, try the page again this much later (the room is unattended at night). */
  retryAfterGiveUpMs?: number;
}

const notOpenYet: ShellWindow = { place() {}, ping() {}, close() {} };

interface Entry {
  spec: WallWindowSpec;
  placement: WindowPlacement;
  window: ShellWindow;
  /** Counts the windows this entry has had: hooks of a replaced window are ignored. */
  generation: number;
  failures: number[];
  /** Being watched for hangs: loaded, not recovering, not showing the failure page. */
  watched: boolean;
  lastAnswer: number;
  /** A re-creation or a retry after giving up is pending. */
  timer: ReturnType<typeof setTimeout> | null;
  /** Showing the failure page until the retry (or someone's "try again"). */
  gaveUp: boolean;
}

export function createWallKeeper(options: WallKeeperOptions) {
  const policy = options.policy ?? defaultRecoveryPolicy;
  const clock = options.clock ?? Date.now;
  const settleMs = options.displaySettleMs ?? 300;
  const retryAfterGiveUpMs = options.retryAfterGiveUpMs ?? 10 * 60_000;
  const { logger } = options;
  const entries = new Map<WallWindowKey, Entry>();
  let profile: WallProfile | null = null;
  let displays: DisplayInfo[] = [];
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const heartbeat = setInterval(watch, policy.pingEveryMs);

  /** Opens the entry's window (its page, or the failure page), replacing the one it had. */
  function openWindow(entry: Entry, failure: FailureNotice | null): void {
    const generation = ++entry.generation;
    const current = () => !stopped && entries.get(entry.spec.key) === entry && entry.generation === generation;
    entry.watched = false;
    entry.lastAnswer = clock();
    entry.window = options.opener.open(entry.spec, entry.placement, {
      loaded(page) {
        if (!current()) return;
        if (entry.gaveUp && page !== 'failed.html') {
          // Someone pressed "try again" on the failure page: the page is back, the timed retry is not needed.
          clearTimeout(entry.timer!);
          entry.timer = null;
          entry.gaveUp = false;
          logger.info('window.retry', { window: entry.spec.key, displayId: entry.placement.displayId, byHand: true });
        }
        entry.watched = page !== 'failed.html' && entry.timer === null;
        entry.lastAnswer = clock();
      },
      answered() {
        if (current()) entry.lastAnswer = clock();
      },
      gone(reason) {
        if (current() && entry.timer === null) fail(entry, failureReasonOf(reason));
      },
      unresponsive() {
        if (current() && entry.watched) fail(entry, 'hung');
      },
    }, failure);
  }

  function watch(): void {
    const now = clock();
    for (const entry of entries.values()) {
      if (!entry.watched) continue;
      if (now - entry.lastAnswer > policy.hangAfterMs) fail(entry, 'hung');
      else entry.window.ping();
    }
  }

  function fail(entry: Entry, reason: FailureReason): void {
    const now = clock();
    entry.watched = false;
    entry.failures = [...entry.failures.filter((at) => at > now - policy.windowMs), now];
    const decision = nextRecovery(entry.failures, now, policy);
    const where = { window: entry.spec.key, displayId: entry.placement.displayId, reason };
    if (decision.action === 'giveUp') {
      logger.error('window.gaveUp', { ...where, failures: decision.failures, retryInMs: retryAfterGiveUpMs });
      entry.window.close();
      entry.gaveUp = true;
      openWindow(entry, { reason, failures: decision.failures, retryAt: now + retryAfterGiveUpMs });
      entry.timer = setTimeout(() => {
        entry.timer = null;
        entry.gaveUp = false;
        logger.info('window.retry', { window: entry.spec.key, displayId: entry.placement.displayId });
        entry.window.close();
        openWindow(entry, null);
      }, retryAfterGiveUpMs);
      return;
    }
    logger.error('window.failed', { ...where, attempt: decision.attempt, recreateInMs: decision.delayMs });
    entry.timer = setTimeout(() => {
      entry.timer = null;
      entry.window.close();
      openWindow(entry, null);
      logger.info('window.recreated', { ...where, displayId: entry.placement.displayId, afterMs: clock() - now });
    }, decision.delayMs);
  }

  function replan(reason: string): void {
    if (stopped || !profile || displays.length === 0) return;
    const plan = planWall(profile, displays);
    const planned = new Set(plan.map((placement) => placement.key));
    for (const [key, entry] of entries) {
      if (planned.has(key)) continue;
      if (entry.timer) clearTimeout(entry.timer);
      entry.window.close();
      entries.delete(key);
      logger.info('window.closed', { window: key, reason });
    }
    for (const placement of plan) {
      const entry = entries.get(placement.key);
      if (!entry) {
        const created: Entry = { spec: wallWindowSpec(placement.key), placement, window: notOpenYet, generation: 0, failures: [], watched: false, lastAnswer: clock(), timer: null, gaveUp: false };
        entries.set(placement.key, created);
        openWindow(created, null);
        logger.info('window.opened', { window: placement.key, displayId: placement.displayId, mode: placement.mode, displaced: placement.displaced });
        continue;
      }
      if (!placementChanged(entry.placement, placement)) continue;
      logger.info('window.moved', { window: placement.key, from: entry.placement.displayId, to: placement.displayId, mode: placement.mode, displaced: placement.displaced, reason });
      entry.placement = placement;
      entry.window.place(placement);
    }
  }

  return {
    /** Opens the profile's windows on the displays connected now. */
    start(initial: WallProfile, connected: readonly DisplayInfo[]): void {
      profile = initial;
      displays = [...connected];
      replan('start');
    },
    /** Displays were added, removed or changed: windows follow once the burst settles. */
    displaysChanged(connected: readonly DisplayInfo[]): void {
      displays = [...connected];
      if (settleTimer) clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        settleTimer = null;
        logger.info('display.changed', { displays: displays.map((display) => ({ id: display.id, bounds: display.bounds })) });
        replan('displays');
      }, settleMs);
    },
    /** The director saved a new profile: windows move, and windows added or removed open or close. */
    applyProfile(next: WallProfile): void {
      profile = next;
      replan('profile');
    },
    stop(): void {
      stopped = true;
      clearInterval(heartbeat);
      if (settleTimer) clearTimeout(settleTimer);
      for (const entry of entries.values()) {
        if (entry.timer) clearTimeout(entry.timer);
        entry.window.close();
      }
      entries.clear();
    },
  };
}
export type WallKeeper = ReturnType<typeof createWallKeeper>;
