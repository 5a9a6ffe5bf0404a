import { parentPort, workerData } from 'node:worker_threads';
import { createCore, type CoreOptions } from '../core';
import { createLogger } from './logger';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * The core's home in the hosts: a worker thread, so a slow query or the
 * first-start history never blocks the thread that serves windows.
 */
const port = parentPort;
if (!port) throw new Error('coreWorker must run in a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

try {
  const options = workerData as Omit<CoreOptions, 'logger' | 'clock'>;
  const core = createCore({ ...options, logger: createLogger((line) => post({ type: 'log', line })) });
  core.subscribe((message) => post({ type: 'event', message }));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'request') {
      void core.handle(message.session, message.raw).then((response) => post({ type: 'response', callId: message.callId, response }));
    } else if (message.type === 'forget') {
      core.forget(message.connectionId);
    } else if (message.type === 'close') {
      core.close();
      port.close();
    }
  });
  post({ type: 'ready', presentation: core.presentation });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
