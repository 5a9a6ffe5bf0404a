import { randomBytes } from 'node:crypto';
import { retryDelayMs } from '../../../shared/sync/backoff';
import type { PlatformCredentials } from '../../../shared/sync/protocol';
import type { SyncStatus } from '../../../shared/sync/syncStatus';
import type { EventHub } from '../runtime/eventHub';
import type { Logger } from '../runtime/logger';
import { contained, type UnexpectedErrorHandler } from '../runtime/unexpected';
import type { UnitOfWork } from '../runtime/unitOfWork';
import type { PlatformCases } from '../services/platformCases';
import type { Actor, RoomAudit } from '../services/actors';
import type { CaseStore } from '../store/caseStore';
import type { Db } from '../store/database';
import { createChangeApplier } from './changeApplier';
import { createDownlink } from './downlink';
import { createPlatformLink, PlatformError } from './platformLink';
import { createSyncStore } from './syncStore';
import { createUplink } from './uplink';
import { createWake, pause } from './wake';

export interface SyncOptions {
  credentials: PlatformCredentials;
  /** How long a pull waits at the platform for the next change (long poll); default 20 s. */
  longPollMs?: number;
  /** Fastest status events per window; default 4 a second. */
  statusEveryMs?: number;
  /** How long an upload may take before it counts as lost (it is sent again, and applied once); default 20 s. */
  uploadTimeoutMs?: number;
  /** How long past its wait a pull may take; default 10 s. */
  pullGraceMs?: number;
  /** The longest wait between retries while the platform is unreachable; default 30 s. */
  retryCapMs?: number;
}

/**
 * The room's link to the district platform: two loops in the core, one
 * sending the outbox (woken by every local commit, draining until empty),
 * one pulling the platform's changes (long poll, draining while there are
 * more), each retrying with jittered backoff while the link is down. Their
 * state reaches every window as `sync.changed` and `sync.status`.
 */
export function startSync(deps: {
  db: Db;
  cases: CaseStore;
  platformCases: PlatformCases;
  unitOfWork: UnitOfWork;
  hub: EventHub;
  audit: RoomAudit;
  clock: () => number;
  logger: Logger;
  onUnexpected: UnexpectedErrorHandler;
  options: SyncOptions;
}) {
  const { logger, clock } = deps;
  const store = createSyncStore(deps.db, deps.cases.statements);
  const clientId = store.clientId(() => randomBytes(12).toString('base64url'));
  const link = createPlatformLink(deps.options.credentials, {
    ...(deps.options.uploadTimeoutMs ? { uploadTimeoutMs: deps.options.uploadTimeoutMs } : {}),
    ...(deps.options.pullGraceMs ? { pullGraceMs: deps.options.pullGraceMs } : {}),
  });
  const applier = createChangeApplier({ clientId, store, cases: deps.cases, platformCases: deps.platformCases, logger, clock });
  const uplink = createUplink({ clientId, store, cases: deps.cases, link, applier, unitOfWork: deps.unitOfWork, clock, logger });
  const downlink = createDownlink({ clientId, store, link, applier, unitOfWork: deps.unitOfWork, logger });
  const stopping = new AbortController();
  const outboxWake = createWake();
  const link_ = { online: false, offlineSince: clock() as number | null, lastError: null as string | null, lastContactAt: null as number | null };

  function status(): SyncStatus {
    const cursor = store.cursor().changeNo;
    return { configured: true, subCentreId: link.subCentreId, ...link_, online: link_.online, lastConfirmedChange: cursor, ...store.counts(cursor) };
  }

  let statusTimer: NodeJS.Timeout | null = null;
  const announce = () => {
    if (statusTimer || stopping.signal.aborted) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      contained(deps.onUnexpected, 'sync status', () => deps.hub.emit('sync.changed', { status: status() }));
    }, deps.options.statusEveryMs ?? 250);
  };
  const contact = () => {
    const changed = !link_.online;
    Object.assign(link_, { online: true, offlineSince: null, lastError: null, lastContactAt: clock() });
    if (changed) logger.info('sync.online', {});
    announce();
  };
  const lost = (error: unknown) => {
    const code = error instanceof PlatformError ? error.code : 'internal';
    if (!(error instanceof PlatformError)) deps.onUnexpected(error, 'sync');
    if (link_.online || link_.lastError !== code) logger.warn('sync.offline', { reason: code, detail: error instanceof Error ? error.message.slice(0, 300) : String(error) });
    Object.assign(link_, { online: false, offlineSince: link_.offlineSince ?? clock(), lastError: code });
    announce();
  };

  async function loop(name: string, round: () => Promise<'again' | 'idle'>, idle: () => Promise<void>): Promise<void> {
    let attempt = 0;
    while (!stopping.signal.aborted) {
      try {
        const next = await round();
        attempt = 0;
        if (next === 'idle') await idle();
      } catch (error) {
        if (stopping.signal.aborted) break;
        lost(error);
        await pause(retryDelayMs(attempt++, Math.random, 500, deps.options.retryCapMs ?? 30_000), stopping.signal);
      }
    }
    logger.info('sync.stopped', { loop: name });
  }

  const stopListening = deps.cases.outbox.onAppend(() => {
    // Inside the writing transaction: send once it has committed.
    setImmediate(() => outboxWake.kick());
    announce();
  });
  let more_ = true;
  const uplinkDone = loop(
    'uplink',
    async () => {
      const answered = await uplink.step(stopping.signal);
      if (answered > 0) contact();
      return answered > 0 ? 'again' : 'idle';
    },
    () => outboxWake.wait(30_000),
  );
  const downlinkDone = loop(
    'downlink',
    async () => {
      const { more } = await downlink.step(more_ ? 0 : (deps.options.longPollMs ?? 20_000), stopping.signal);
      more_ = more;
      contact();
      return 'again';
    },
    async () => {},
  );
  logger.info('sync.started', { platform: deps.options.credentials.url, subCentreId: link.subCentreId, clientId });

  return {
    clientId,
    status,
    actions: (state: 'waiting' | 'rejected', limit: number) => store.actions(state, limit, store.cursor().changeNo),
    /** Inside the request's transaction: the rejections are marked read, and who did it is audited. */
    acknowledgeRejections(actor: Actor): SyncStatus {
      const count = store.acknowledgeRejections(clock());
      if (count > 0) deps.audit(actor, 'sync.rejectionsAcknowledged', { count });
      const now = status();
      deps.hub.emit('sync.changed', { status: now });
      return now;
    },
    /** Stops both loops and waits for them (in-flight requests are aborted; nothing half-written: each answer commits whole or not at all). */
    async close(): Promise<void> {
      stopping.abort();
      outboxWake.kick();
      stopListening();
      if (statusTimer) clearTimeout(statusTimer);
      await Promise.all([uplinkDone, downlinkDone]);
    },
  };
}
export type SyncService = ReturnType<typeof startSync>;
