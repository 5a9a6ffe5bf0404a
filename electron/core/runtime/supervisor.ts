import type { CoreStatus, ErrorCode, EventMessage, ResponseMessage } from '../../../shared/contract/messages';
import { requestIdOf } from '../../../shared/contract/messages';
import type { Locale } from '../../../shared/domain/names';
import { createI18n } from '../../../shared/i18n/index';
import type { Session } from '../sessions';
import { presentationTracker, type CoreLink } from './link';
import type { Logger } from './logger';
import { startWorkerCore, type WorkerCore, type WorkerLinkOptions } from './workerLink';

export interface RestartPolicy {
  /** Waits before each restart attempt in a row (the last one repeats). */
  delaysMs: readonly number[];
  /** Deaths in a row (the core not staying up for `stableMs` in between) before the host gives up. */
  maxAttempts: number;
  /** A core that stays up this long has recovered: the count of deaths in a row starts again. */
  stableMs: number;
}

export const defaultRestartPolicy: RestartPolicy = { delaysMs: [1_000, 2_000, 4_000, 8_000, 16_000], maxAttempts: 5, stableMs: 60_000 };

export interface SupervisedCoreLink extends CoreLink {
  /** Stops the core's worker as a crash would (drills and tests of recovery); the supervisor restarts it. */
  killCore(): Promise<void>;
}

/**
 * The core in a watched worker thread. If the worker dies, calls pending and
 * made meanwhile fail at once ("the core is restarting"), every window is
 * told through the status, and the core is started again after a growing
 * wait; after `maxAttempts` deaths in a row it stays down and says why.
 * The first start is not retried: a core that cannot start (a bad reference
 * file) rejects with its own message, for the host to show.
 */
export async function startSupervisedCore(options: WorkerLinkOptions & { logger: Logger; policy?: RestartPolicy; clock?: () => number }): Promise<SupervisedCoreLink> {
  const policy = options.policy ?? defaultRestartPolicy;
  const clock = options.clock ?? Date.now;
  const translators = { 'zh-CN': createI18n('zh-CN'), en: createI18n('en') };
  const subscribers = new Set<(message: EventMessage) => void>();
  const statusListeners = new Set<(status: CoreStatus) => void>();
  let status: CoreStatus = { state: 'up' };
  let current: WorkerCore | null = null;
  let deathsInRow = 0;
  let upSince = clock();
  let closing = false;
  let restartTimer: NodeJS.Timeout | null = null;
  let presentation = presentationTracker(false);

  const setStatus = (next: CoreStatus) => {
    status = next;
    options.logger.info('core.status', { ...next });
    for (const listener of statusListeners) listener(next);
  };

  const refusal = (session: Session, raw: unknown, code: ErrorCode, key: string, params: Record<string, unknown> = {}): ResponseMessage => ({
    id: requestIdOf(raw),
    ok: false,
    error: { code, message: translators[session.locale as Locale].t(key, params) },
  });

  function adopt(core: WorkerCore): void {
    current = core;
    upSince = clock();
    presentation = presentationTracker(core.presentationAtStart);
    core.onEvent((message) => {
      presentation.observe(message);
      for (const subscriber of subscribers) subscriber(message);
    });
    void core.exited.then(({ code, error }) => died(core, code, error));
  }

  function died(core: WorkerCore, code: number, error: Error | null): void {
    if (current !== core || closing) return;
    current = null;
    deathsInRow = clock() - upSince >= policy.stableMs ? 1 : deathsInRow + 1;
    scheduleRestart(error ? error.message : `exit code ${code}`);
  }

  /** After a death (or a restart that failed): wait and start again, or give up after too many in a row. */
  function scheduleRestart(reason: string): void {
    options.logger.error('core.died', { reason, deathsInRow });
    if (deathsInRow > policy.maxAttempts) {
      setStatus({ state: 'failed', since: clock(), reason });
      return;
    }
    const delay = policy.delaysMs[Math.min(deathsInRow - 1, policy.delaysMs.length - 1)]!;
    setStatus({ state: 'down', since: clock(), attempt: deathsInRow, retryAt: clock() + delay });
    restartTimer = setTimeout(() => void restart(), delay);
  }

  async function restart(): Promise<void> {
    restartTimer = null;
    try {
      const core = await startWorkerCore(options);
      if (closing) return void (await core.close());
      adopt(core);
      options.logger.info('core.restarted', { attempt: deathsInRow });
      setStatus({ state: 'up' });
    } catch (error) {
      deathsInRow += 1;
      scheduleRestart(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  adopt(await startWorkerCore(options));

  return {
    async request(session, raw) {
      if (!current || status.state !== 'up') {
        return status.state === 'failed'
          ? refusal(session, raw, 'unavailable', 'errors.coreFailed', { reason: status.reason })
          : refusal(session, raw, 'unavailable', 'errors.coreRestarting');
      }
      const response = await current.request(session, raw);
      if (response === null) return refusal(session, raw, 'unavailable', 'errors.coreRestarting');
      if (!response.ok && response.error.message === '') return refusal(session, raw, response.error.code, `errors.${response.error.code}`);
      return response;
    },
    subscribe(session, listener) {
      const projected = (message: EventMessage) => listener(presentation.project(message, session));
      subscribers.add(projected);
      return () => subscribers.delete(projected);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async forget(connectionId) {
      current?.forget(connectionId);
    },
    async close() {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      await current?.close();
    },
    async killCore() {
      await current?.kill();
    },
  };
}
