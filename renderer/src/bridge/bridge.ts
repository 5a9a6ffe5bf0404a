import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import { ContractRequestError, type CoreStatus, type ErrorCode, type EventMessage, type ResponseMessage, type WindowInputKind } from '../../../shared/contract/messages';

export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The host cannot be reached; the next attempt is `retryAt` (this window's clock). */
  | { kind: 'lost'; attempt: number; retryInMs: number; retryAt: number }
  /** The host is up but refuses this window's token: it was restarted and drew new ones. */
  | { kind: 'refused' }
  /** The host is there but its core stopped; the host is starting it again (attempt n, next at `retryAt`, host clock). */
  | { kind: 'coreDown'; since: number; attempt: number; retryAt: number }
  /** The host gave up restarting the core: only a restart of GridWall (or support) helps. */
  | { kind: 'coreFailed'; since: number; reason: string };

/**
 * The one way a window talks to the core, over Electron IPC or the browser
 * wall's WebSocket alike. A refused request rejects with ContractRequestError.
 */
export interface CoreBridge {
  request<N extends RequestName>(name: N, args: ArgsOf<N>, input?: WindowInputKind): Promise<ResultOf<N>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Connection changes; `open` again after a loss or a core restart means "reload your snapshot". */
  onLinkState(listener: (state: LinkState) => void): () => void;
}

/** Words in the window's language (i18next's `t`), for the refusals a bridge makes itself. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** How long a request may take from the moment it is made, waits for the link included. */
export const requestTimeoutMs = 15_000;

/** A request's answer as its result, or a ContractRequestError carrying the core's refusal. */
export function resultOf<N extends RequestName>(name: N, response: ResponseMessage): ResultOf<N> {
  if (!response.ok) throw new ContractRequestError(name, response.error);
  return response.value as ResultOf<N>;
}

/** An answer the bridge gives itself (nothing reached the core, or nothing came back). */
export function refusal(id: number, code: ErrorCode, message: string): ResponseMessage {
  return { id, ok: false, error: { code, message } };
}

/** The link as the core's status makes it, once the host itself is reachable. */
export function linkStateForCoreStatus(status: CoreStatus): LinkState {
  switch (status.state) {
    case 'up':
      return { kind: 'open' };
    case 'down':
      return { kind: 'coreDown', since: status.since, attempt: status.attempt, retryAt: status.retryAt };
    case 'failed':
      return { kind: 'coreFailed', since: status.since, reason: status.reason };
  }
}

/** Whether two link states would read the same (so listeners are not told twice, and a snapshot is not reloaded twice). */
export function sameLinkState(a: LinkState, b: LinkState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
