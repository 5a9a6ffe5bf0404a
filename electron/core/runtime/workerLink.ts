import { Worker } from 'node:worker_threads';
import { requestIdOf, type EventMessage, type ResponseMessage } from '../../../shared/contract/messages';
import type { CoreOptions } from '../core';
import { presentationTracker, type CoreLink } from './link';
import type { LogSink } from './logger';
import type { FromWorker, ToWorker } from './workerProtocol';

export interface WorkerLinkOptions {
  core: Omit<CoreOptions, 'logger' | 'clock'>;
  /** The worker's entry: coreWorker.dev.mjs in development and tests, the bundled .cjs in the app. */
  entry: URL | string;
  log: LogSink;
}

/**
 * Starts the core in a worker thread and resolves once it has opened the
 * database (and, on a first demo start, written its history). If the
 * worker dies, pending requests get an "unavailable" answer instead of
 * hanging, and the caller decides whether to start it again.
 */
export function startWorkerLink(options: WorkerLinkOptions): Promise<CoreLink & { exited: Promise<number> }> {
  const worker = new Worker(new URL(String(options.entry)), { workerData: options.core });
  const pending = new Map<number, (response: ResponseMessage) => void>();
  const listeners = new Set<(message: EventMessage) => void>();
  let nextCallId = 1;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let presentation = presentationTracker(false);

  void exited.then(() => {
    for (const [, resolve] of pending) {
      resolve({ id: -1, ok: false, error: { code: 'unavailable', message: '核心暂时不可用，请稍后重试。/ The core is not available; try again shortly.' } });
    }
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'log':
          options.log(message.line);
          break;
        case 'event':
          presentation.observe(message.message);
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
          presentation = presentationTracker(message.presentation);
          resolve(link);
          break;
      }
    });
    const send = (message: ToWorker) => worker.postMessage(message);
    const link: CoreLink & { exited: Promise<number> } = {
      exited,
      request(session, raw) {
        const callId = nextCallId++;
        return new Promise((answer) => {
          pending.set(callId, (response) => answer(response.id === -1 ? { ...response, id: requestIdOf(raw) } : response));
          send({ type: 'request', callId, session, raw });
        });
      },
      subscribe(session, listener) {
        const projected = (message: EventMessage) => listener(presentation.project(message, session));
        listeners.add(projected);
        return () => listeners.delete(projected);
      },
      async forget(connectionId) {
        send({ type: 'forget', connectionId });
      },
      async close() {
        send({ type: 'close' });
        const timeout = setTimeout(() => void worker.terminate(), 5_000);
        await exited;
        clearTimeout(timeout);
      },
    };
  });
}
