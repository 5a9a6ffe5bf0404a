import type { CoreStatus, EventMessage, ResponseMessage } from '../../../shared/contract/messages';
import { effectiveAudience } from '../../../shared/wall/wallState';
import type { Core } from '../core';
import { projectEvent } from '../projection';
import type { Session } from '../sessions';

/**
 * How a host (the Electron shell or the browser wall's web host) talks to
 * the core, wherever it runs: in the same thread or in a worker.
 * Events arrive already projected for the subscriber's audience (which the
 * wall's presentation mode narrows for wall windows).
 */
export interface CoreLink {
  request(session: Session, raw: unknown): Promise<ResponseMessage>;
  subscribe(session: Pick<Session, 'audience' | 'role'>, listener: (message: EventMessage) => void): () => void;
  /** Whether the core is serving; a watched worker reports its death and restart here. */
  status(): CoreStatus;
  onStatus(listener: (status: CoreStatus) => void): () => void;
  /** A window's connection ended: the core forgets who was signed in there. */
  forget(connectionId: string): Promise<void>;
  close(): Promise<void>;
}

export function inProcessLink(core: Core): CoreLink {
  return {
    request: (session, raw) => core.handle(session, raw),
    subscribe: (session, listener) => core.subscribe((message) => listener(projectEvent(message, effectiveAudience(session, core.presentation)))),
    status: () => ({ state: 'up' }),
    onStatus: () => () => {},
    forget: async (connectionId) => core.forget(connectionId),
    close: async () => core.close(),
  };
}

/**
 * Follows the presentation switch through the event stream, for a host that
 * does not hold the core itself (the worker link).
 */
export function presentationTracker(initial: boolean) {
  let presentation = initial;
  return {
    observe(message: EventMessage): void {
      if (message.event === 'wall.changed') presentation = message.payload.state.presentation;
    },
    project(message: EventMessage, session: Pick<Session, 'audience' | 'role'>): EventMessage {
      return projectEvent(message, effectiveAudience(session, presentation));
    },
  };
}
