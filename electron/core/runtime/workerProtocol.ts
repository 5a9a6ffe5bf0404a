import type { EventMessage, ResponseMessage } from '../../../shared/contract/messages';
import type { Session } from '../sessions';

/** Messages between a host thread and the core worker. */
export type ToWorker =
  | { type: 'request'; callId: number; session: Session; raw: unknown }
  | { type: 'forget'; connectionId: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; presentation: boolean }
  | { type: 'failed'; message: string }
  | { type: 'log'; line: string }
  | { type: 'response'; callId: number; response: ResponseMessage }
  | { type: 'event'; message: EventMessage };
