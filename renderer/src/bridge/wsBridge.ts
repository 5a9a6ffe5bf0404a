import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import type { EventMessage, InputKind, ResponseMessage, ServerMessage } from '../../../shared/contract/messages';
import { resultOf, type CoreBridge, type LinkState } from './bridge';

const requestTimeoutMs = 15_000;

/** Reconnect delays: quick at first, then calm (1 s → 30 s), never a storm. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * The browser wall's bridge. Requests made while the socket is down wait for
 * it (up to a timeout) rather than failing at once, so a short host restart
 * goes unnoticed by the operator; one that times out is never sent later.
 * A request already sent when the socket drops fails at once: its answer
 * was lost with the socket.
 */
export function createWebSocketBridge(url: string, tokenCheckUrl: string | null = null): CoreBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  /** Requests awaiting an answer, with the socket each went out on (none yet while it waits in the outbox). */
  const pending = new Map<number, { resolve: (response: ResponseMessage) => void; timer: number; sentOn: WebSocket | null }>();
  const outbox: { id: number; text: string }[] = [];
  const eventListeners = new Set<(message: EventMessage) => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  let state: LinkState = { kind: 'connecting' };

  const setState = (next: LinkState) => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState({ kind: 'open' });
      for (const { id, text } of outbox.splice(0)) {
        const waiting = pending.get(id);
        if (!waiting) continue;
        waiting.sentOn = ws;
        ws.send(text);
      }
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      if (data.type === 'event') {
        for (const listener of eventListeners) listener(data.event);
      } else {
        const waiting = pending.get(data.response.id);
        if (!waiting) return;
        pending.delete(data.response.id);
        window.clearTimeout(waiting.timer);
        waiting.resolve(data.response);
      }
    };
    ws.onclose = () => {
      // Whatever went out on this socket can no longer be answered: say so now rather than at the timeout, so a
      // window reading its snapshot when the link dropped reads it again as soon as the link is back.
      for (const [id, waiting] of pending) {
        if (waiting.sentOn !== ws) continue;
        pending.delete(id);
        window.clearTimeout(waiting.timer);
        waiting.resolve({ id, ok: false, error: { code: 'unavailable', message: '' } });
      }
      if (socket !== ws) return;
      socket = null;
      attempt += 1;
      const retryInMs = reconnectDelay(attempt);
      setState({ kind: 'lost', attempt, retryInMs });
      window.setTimeout(connect, retryInMs);
      void explainRefusal();
    };
  };
  /** A browser cannot read why a WebSocket was refused; ask the host whether it is the token. */
  const explainRefusal = async () => {
    if (!tokenCheckUrl) return;
    try {
      const answer = await fetch(tokenCheckUrl, { cache: 'no-store' });
      if (answer.status === 401 && state.kind === 'lost') setState({ kind: 'refused' });
    } catch {
      // The host is down: "lost, reconnecting" is the right message.
    }
  };
  connect();

  return {
    request<N extends RequestName>(name: N, args: ArgsOf<N>, input: InputKind = 'mouse'): Promise<ResultOf<N>> {
      const id = nextId++;
      const text = JSON.stringify({ id, name, args, input });
      return new Promise<ResponseMessage>((resolve) => {
        const timer = window.setTimeout(() => {
          pending.delete(id);
          resolve({ id, ok: false, error: { code: 'unavailable', message: '' } });
        }, requestTimeoutMs);
        if (socket?.readyState === WebSocket.OPEN) {
          pending.set(id, { resolve, timer, sentOn: socket });
          socket.send(text);
        } else {
          pending.set(id, { resolve, timer, sentOn: null });
          outbox.push({ id, text });
        }
      }).then((response) => resultOf(name, response));
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onLinkState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
