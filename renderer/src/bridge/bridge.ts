import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import { ContractRequestError, type EventMessage, type InputKind, type ResponseMessage } from '../../../shared/contract/messages';

export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'lost'; attempt: number; retryInMs: number }
  /** The host is up but refuses this window's token: it was restarted and drew new ones. */
  | { kind: 'refused' };

/**
 * The one way a window talks to the core, over Electron IPC or the browser
 * wall's WebSocket alike. A refused request rejects with ContractRequestError.
 */
export interface CoreBridge {
  request<N extends RequestName>(name: N, args: ArgsOf<N>, input?: InputKind): Promise<ResultOf<N>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Connection changes; `open` again after a loss means "reload your snapshot". */
  onLinkState(listener: (state: LinkState) => void): () => void;
}

/** A request's answer as its result, or a ContractRequestError carrying the core's refusal. */
export function resultOf<N extends RequestName>(name: N, response: ResponseMessage): ResultOf<N> {
  if (!response.ok) throw new ContractRequestError(name, response.error);
  return response.value as ResultOf<N>;
}
