import type { EventMessage, ResponseMessage } from '../../../shared/contract/messages';
import type { Audience } from '../../../shared/domain/case';
import { eventForAudience, type Core, type Session } from '../core';

/**
 * How a host (the Electron shell or the browser wall's web host) talks to
 * the core, wherever it runs: in the same thread or in a worker.
 * Events arrive already projected for the subscriber's audience.
 */
export interface CoreLink {
  request(session: Session, raw: unknown): Promise<ResponseMessage>;
  subscribe(audience: Audience, listener: (message: EventMessage) => void): () => void;
  /** A window's connection ended: the core forgets who was signed in there. */
  forget(connectionId: string): Promise<void>;
  close(): Promise<void>;
}

export function inProcessLink(core: Core): CoreLink {
  return {
    request: async (session, raw) => core.handle(session, raw),
    subscribe: (audience, listener) => core.subscribe((message) => listener(eventForAudience(message, audience))),
    forget: async (connectionId) => core.forget(connectionId),
    close: async () => core.close(),
  };
}
