import { Worker } from 'node:worker_threads';
import { requestIdOf, type EventMessage, type ResponseMessage } from '../../../shared/contract/messages';
import { nestsDeeperThan } from '../../../shared/contract/shape';
import type { CoreOptions } from '../core';
import type { Session } from '../sessions';
import type { LogSink } from './logger';
import type { FromWorker, ToWorker } from './workerProtocol';

export interface WorkerLinkOptions {
  core: Omit<CoreOptions, 'logger' | 'clock'>;
  /** The worker's entry: coreWorker.dev.mjs in development and tests, the bundled .cjs in the app. */
  entry: URL | string;
  log: LogSink;
}

/** One running core worker, from its start to its exit. The supervisor (supervisor.ts) starts another when it dies. */
export interface WorkerCore {
  /** Answers a request; null when the worker died before answering (the caller says so to the window). */
  request(session: Session, raw: unknown): Promise<ResponseMessage | null>;
  /** Every event, unprojected, with whether the wall is in presentation mode as the worker started. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  presentationAtStart: boolean;
  forget(connectionId: string): void;
  /** Asks the core to close and waits for the worker to exit (terminated after 5 s). */
  close(): Promise<void>;
  /** Stops the worker as a crash would (drills and tests of recovery). */
  kill(): Promise<void>;
  /** Resolves when the worker exits, with its exit code and the error that ended it, if one did. */
  exited: Promise<{ code: number; error: Error | null }>;
}

/**
 * Starts the core in a worker thread and resolves once it has opened the
 * database (and, on a first demo start, written its history); rejects with
 * the core's own message when it cannot start. Requests pending when the
 * worker dies resolve to null at once instead of hanging.
 */
export function startWorkerCore(options: WorkerLinkOptions): Promise<WorkerCore> {
  const worker = new Worker(new URL(String(options.entry)), { workerData: options.core });
  const pending = new Map<number, (response: ResponseMessage | null) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextCallId = 1;
  let fatal: Error | null = null;
  worker.on('error', (error) => (fatal = error));
  const exited = new Promise<{ code: number; error: Error | null }>((resolve) => worker.once('exit', (code) => resolve({ code, error: fatal })));
  void exited.then(() => {
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  });
  const send = (message: ToWorker) => worker.postMessage(message);

  const core = (presentationAtStart: boolean): WorkerCore => ({
    presentationAtStart,
    exited,
    request(session, raw) {
      // Cloning a deeply nested value for the worker overflows the stack of this (the host's) thread.
      if (nestsDeeperThan(raw)) return Promise.resolve({ id: requestIdOf(raw), ok: false, error: { code: 'tooComplex', message: '' } });
      const callId = nextCallId++;
      return new Promise((answer) => {
        pending.set(callId, answer);
        try {
          send({ type: 'request', callId, session, raw });
        } catch {
          pending.delete(callId);
          answer({ id: requestIdOf(raw), ok: false, error: { code: 'tooComplex', message: '' } });
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forget: (connectionId) => send({ type: 'forget', connectionId }),
    async close() {
      send({ type: 'close' });
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
    async kill() {
      await worker.terminate();
    },
  });

  return new Promise((resolve, reject) => {
    void exited.then(({ code, error }) => reject(error ?? new Error(`the core's worker exited with code ${code} before it was ready`)));
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'log':
          options.log(message.line);
          break;
        case 'event':
          for (const listener of listeners) listener(message.message);
          break;
        case 'response':
          pending.get(message.callId)?.(message.response);
          pending.delete(message.callId);
          break;
        case 'failed':
          reject(new Error(message.message));
          void worker.terminate();
          break;
        case 'ready':
          resolve(core(message.presentation));
          break;
      }
    });
  });
}
