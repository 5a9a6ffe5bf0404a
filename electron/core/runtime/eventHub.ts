import type { EventName, EventPayload } from '../../../shared/contract/contract';
import type { EventMessage } from '../../../shared/contract/messages';
import { contained, type UnexpectedErrorHandler } from './unexpected';

export type EventListener = (message: EventMessage) => void;

/**
 * Numbers every event the core emits, without gaps, so a window that misses
 * one (a dropped socket, a sleeping laptop) knows to reload its snapshot.
 *
 * While a write's transaction is open the hub holds what it is told: the
 * events go out, numbered, only after the commit, and are dropped if the
 * write rolls back. A listener that throws is reported and the others still
 * hear the event.
 */
export function createEventHub(options: { firstSeq?: number; onUnexpected: UnexpectedErrorHandler }) {
  const listeners = new Set<EventListener>();
  let seq = options.firstSeq ?? 0;
  let held: { event: EventName; payload: unknown }[] | null = null;

  function deliver(event: EventName, payload: unknown): void {
    const message = { event, seq: ++seq, payload } as EventMessage;
    for (const listener of listeners) contained(options.onUnexpected, `event listener (${event})`, () => listener(message));
  }

  return {
    get seq() {
      return seq;
    },
    emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
      if (held) held.push({ event, payload });
      else deliver(event, payload);
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Holds emitted events until `release` (after a commit) or `discard` (after a rollback). */
    hold(): void {
      held ??= [];
    },
    release(): void {
      const pending = coalesceCaseChanges(held ?? []);
      held = null;
      for (const { event, payload } of pending) deliver(event, payload);
    },
    discard(): void {
      held = null;
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

/**
 * A transaction that touched a case several times (a spoken order: create,
 * register, dispatch) announces it once, with its final state, where it was
 * first touched; a case made in the transaction is announced as created.
 */
function coalesceCaseChanges(events: { event: EventName; payload: unknown }[]): { event: EventName; payload: unknown }[] {
  type CaseChange = EventPayload<'case.changed'>;
  const latest = new Map<number, CaseChange>();
  for (const { event, payload } of events) {
    if (event !== 'case.changed') continue;
    const change = payload as CaseChange;
    const previous = latest.get(change.case.id);
    latest.set(change.case.id, { change: previous?.change === 'created' ? 'created' : change.change, case: change.case });
  }
  const announced = new Set<number>();
  return events.flatMap(({ event, payload }): { event: EventName; payload: unknown }[] => {
    if (event !== 'case.changed') return [{ event, payload }];
    const id = (payload as CaseChange).case.id;
    if (announced.has(id)) return [];
    announced.add(id);
    return [{ event, payload: latest.get(id)! }];
  });
}
