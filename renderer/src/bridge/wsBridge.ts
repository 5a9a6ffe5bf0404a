import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import { connectionKeyHeader, maxHttpRequestBytes, maxSocketRequestBytes } from '../../../shared/contract/limits';
import type { CoreStatus, EventMessage, ResponseMessage, ServerMessage, WindowInputKind } from '../../../shared/contract/messages';
import { linkStateForCoreStatus, refusal, requestTimeoutMs, resultOf, sameLinkState, type CoreBridge, type LinkState, type Translate } from './bridge';
import { PendingRequests, type PendingRequest } from './pendingRequests';

/** Reconnect delays: quick at first, then calm (1 s → 30 s), never a storm. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

export interface WebSocketBridgeTimings {
  requestTimeoutMs: number;
  /** The host's heartbeat period until its welcome names its own. */
  heartbeatMs: number;
  /** A socket silent for this many heartbeats is taken for dead (a half-open TCP connection never closes by itself). */
  silentHeartbeats: number;
  reconnectDelay(attempt: number): number;
}

const defaultTimings: WebSocketBridgeTimings = { requestTimeoutMs, heartbeatMs: 5_000, silentHeartbeats: 3, reconnectDelay };

export interface WebSocketBridgeOptions {
  /** The host's WebSocket, with the page's token, role and language. */
  socketUrl: string;
  /** Answers 401 when the page's token is no longer valid (a browser cannot read why a socket was refused). */
  tokenCheckUrl?: string | null;
  /** POST /request?token=…: where requests too large for one socket frame go. */
  requestUrl?: string | null;
  translate: Translate;
  timings?: Partial<WebSocketBridgeTimings>;
}

/** One socket to the host, with what its welcome said. */
interface Connection {
  ws: WebSocket;
  /** Names this socket's session to HTTP requests; null until the welcome. */
  key: string | null;
  heartbeatMs: number;
  silenceTimer: number;
}

/**
 * The browser wall's bridge. A request waits while the host or its core is
 * down (up to its timeout), so a short restart goes unnoticed; one already
 * sent when its socket drops is sent again, same id and text, on the next
 * socket, and the core applies it once. One that timed out is never sent
 * later. A socket that falls silent (no heartbeat) is dropped and replaced.
 */
class WebSocketBridge implements CoreBridge {
  private readonly timings: WebSocketBridgeTimings;
  private readonly pending: PendingRequests;
  private readonly eventListeners = new Set<(message: EventMessage) => void>();
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private state: LinkState = { kind: 'connecting' };
  private current: Connection | null = null;
  private attempt = 0;
  private reconnectTimer: number | null = null;
  private closed = false;

  constructor(private readonly options: WebSocketBridgeOptions) {
    this.timings = { ...defaultTimings, ...options.timings };
    this.pending = new PendingRequests(options.translate, this.timings.requestTimeoutMs);
    this.connect();
  }

  request<N extends RequestName>(name: N, args: ArgsOf<N>, input: WindowInputKind = 'mouse'): Promise<ResultOf<N>> {
    const { request, answer } = this.pending.open(name, args, input);
    const limit = this.options.requestUrl ? maxHttpRequestBytes : maxSocketRequestBytes;
    if (request.bytes > limit) {
      const sizes = { sizeKb: Math.ceil(request.bytes / 1024), maxKb: Math.floor(limit / 1024) };
      this.pending.settle(request.id, refusal(request.id, 'tooLarge', this.options.translate('errors.tooLarge', sizes)));
    } else if (this.state.kind === 'coreFailed') {
      this.pending.settle(request.id, refusal(request.id, 'unavailable', this.options.translate('bridge.coreFailed')));
    } else {
      this.send(request);
    }
    return answer.then((response) => resultOf(name, response));
  }

  onEvent(listener: (message: EventMessage) => void) {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  onLinkState(listener: (state: LinkState) => void) {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => void this.stateListeners.delete(listener);
  }

  /** Stops for good: the socket, the timers, the reconnecting (tests, and a window that is closing). */
  close(): void {
    this.closed = true;
    if (this.reconnectTimer !== null) window.clearTimeout(this.reconnectTimer);
    if (this.current) this.abandon(this.current.ws);
  }

  private setState(next: LinkState) {
    if (sameLinkState(this.state, next)) return;
    this.state = next;
    for (const listener of this.stateListeners) listener(next);
  }

  private connect() {
    this.reconnectTimer = null;
    if (this.closed) return;
    const ws = new WebSocket(this.options.socketUrl);
    const connection: Connection = { ws, key: null, heartbeatMs: this.timings.heartbeatMs, silenceTimer: 0 };
    this.current = connection;
    ws.onmessage = (message) => this.received(connection, message.data);
    ws.onclose = () => this.socketGone(ws);
    // A failed socket always closes too; the close is where it is handled.
    ws.onerror = () => undefined;
    // Nothing at all, not even the welcome, counts as silence too: a connect into a dead network can hang for minutes.
    this.armSilence(connection);
  }

  private received(connection: Connection, data: unknown) {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      console.warn('unreadable message from the host', String(data).slice(0, 200));
      return;
    }
    if (message.type === 'welcome') {
      connection.key = message.connectionKey;
      // Never below a second: a host misconfigured to 0 must not make every socket "silent" at once.
      connection.heartbeatMs = Math.max(1_000, message.heartbeatMs);
      this.attempt = 0;
    } else if (message.type === 'status') {
      this.coreStatusChanged(message.status);
    } else if (message.type === 'event') {
      for (const listener of this.eventListeners) listener(message.event);
    } else if (message.type === 'response') {
      this.pending.answered(message.response);
    }
    // Every message, heartbeats included, proves the socket alive.
    if (this.current === connection) this.armSilence(connection);
  }

  private coreStatusChanged(status: CoreStatus) {
    const next = linkStateForCoreStatus(status);
    this.setState(next);
    if (next.kind === 'open') for (const request of this.pending.waiting()) this.send(request);
    if (next.kind === 'coreFailed') this.pending.refuseWaiting(this.options.translate('bridge.coreFailed'));
  }

  private armSilence(connection: Connection) {
    window.clearTimeout(connection.silenceTimer);
    const silentMs = this.timings.silentHeartbeats * connection.heartbeatMs;
    connection.silenceTimer = window.setTimeout(() => this.abandon(connection.ws), silentMs);
  }

  /** Sends a request now if the core is serving; otherwise it waits for the next `open`. */
  private send(request: PendingRequest) {
    const connection = this.current;
    if (!connection || this.state.kind !== 'open' || connection.ws.readyState !== WebSocket.OPEN) return;
    if (request.bytes <= maxSocketRequestBytes) {
      this.pending.sent(request, connection.ws);
      connection.ws.send(request.text);
    } else if (connection.key !== null) {
      void this.postOverHttp(request, connection.key);
    }
  }

  /** Too large for one frame: the same envelope over HTTP, tied to this socket's session by its key. */
  private async postOverHttp(request: PendingRequest, key: string) {
    this.pending.sent(request, 'http');
    let answer: Response;
    try {
      answer = await fetch(this.options.requestUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [connectionKeyHeader]: key },
        body: request.text,
        cache: 'no-store',
      });
    } catch {
      // The host is unreachable: the request goes again with the next connection, within its time.
      if (this.pending.has(request.id)) request.via = null;
      return;
    }
    if (answer.status === 401 || answer.status === 410) {
      // The host no longer knows this socket: it is gone, whatever the browser thinks. Reconnect and send again.
      if (this.pending.has(request.id)) request.via = null;
      if (this.current?.key === key) this.abandon(this.current.ws);
      return;
    }
    const response = await responseOf(answer);
    this.pending.answered(response ? { ...response, id: request.id } : refusal(request.id, 'unavailable', this.options.translate('bridge.httpRefused', { status: answer.status })));
  }

  /** Drops a socket without waiting for its closing handshake (a dead peer never answers it). */
  private abandon(ws: WebSocket) {
    ws.onmessage = null;
    ws.onclose = null;
    ws.close();
    this.socketGone(ws);
  }

  private socketGone(ws: WebSocket) {
    if (this.current?.ws !== ws) return;
    window.clearTimeout(this.current.silenceTimer);
    this.current = null;
    // Whatever went out on this socket is unanswered: it goes again on the next one, same id and text.
    this.pending.requeue(ws);
    if (this.closed) return;
    this.attempt += 1;
    const retryInMs = this.timings.reconnectDelay(this.attempt);
    // A refused token stays refused (the host drew new ones); saying "reconnecting" each time would hide it.
    if (this.state.kind !== 'refused') this.setState({ kind: 'lost', attempt: this.attempt, retryInMs, retryAt: Date.now() + retryInMs });
    this.reconnectTimer = window.setTimeout(() => this.connect(), retryInMs);
    void this.explainRefusal();
  }

  /** A browser cannot read why a WebSocket was refused; ask the host whether it is the token. */
  private async explainRefusal() {
    if (!this.options.tokenCheckUrl) return;
    try {
      const answer = await fetch(this.options.tokenCheckUrl, { cache: 'no-store' });
      if (answer.status === 401 && this.state.kind === 'lost') this.setState({ kind: 'refused' });
    } catch {
      // The host is down: "lost, reconnecting" is the right message.
    }
  }
}

/** The host's JSON answer to an HTTP request, or null when the body is not one. */
async function responseOf(answer: Response): Promise<ResponseMessage | null> {
  try {
    const body = (await answer.json()) as ResponseMessage;
    return typeof body?.id === 'number' && typeof body.ok === 'boolean' ? body : null;
  } catch {
    return null;
  }
}

export function createWebSocketBridge(options: WebSocketBridgeOptions): CoreBridge & { close(): void } {
  return new WebSocketBridge(options);
}
