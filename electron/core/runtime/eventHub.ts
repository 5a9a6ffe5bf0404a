import type { EventName, EventPayload } from '../../../shared/contract/contract';
import type { EventMessage } from '../../../shared/contract/messages';

export type EventListener = (message: EventMessage) => void;

/**
 * Numbers every event the core emits, without gaps, so a window that misses
 * one (a dropped socket, a sleeping laptop) knows to reload its snapshot.
 */
export function createEventHub() {
  const listeners = new Set<EventListener>();
  let seq = 0;
  return {
    get seq() {
      return seq;
    },
    emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
      const message = { event, seq: ++seq, payload } as EventMessage;
      for (const listener of listeners) listener(message);
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;
