import WebSocket from 'ws';
import type { ResponseMessage, ServerMessage } from '../../shared/contract/messages';

/** How long a test waits for something the host should do promptly, before it fails saying what it waited for. */
const defaultWaitMs = 5_000;

/** The host refused to open the socket, with this HTTP status. */
export class SocketRefused extends Error {
  constructor(readonly status: number) {
    super(String(status));
    this.name = 'SocketRefused';
  }
}

export interface WaitOptions {
  /** Only messages received at or after this index of `received` count (default: every message kept so far). */
  from?: number;
  timeoutMs?: number;
}

/**
 * A window of the browser wall as a test drives it: every message the host
 * sends is kept in order from the very first (the welcome), requests are
 * matched to their answers by id, and a wait fails with what it waited for
 * instead of running into the test's timeout. A window that sends thousands
 * of messages keeps none (`keepMessages: false`): waits then see only what
 * arrives after they start.
 */
export async function openWindow(port: number, query: string, options: { socket?: WebSocket.ClientOptions; keepMessages?: boolean } = {}) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?${query}`, options.socket ?? {});
  const keepMessages = options.keepMessages ?? true;
  const received: ServerMessage[] = [];
  const listeners = new Set<(message: ServerMessage) => void>();
  // Listening from construction: the host sends its welcome as soon as the socket is up.
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (keepMessages) received.push(message);
    for (const listener of [...listeners]) listener(message);
  });
  // A socket the host terminates may report a reset; the test reads the close instead.
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('unexpected-response', (_request, response) => reject(new SocketRefused(response.statusCode ?? 0)));
    socket.once('error', reject);
  });

  function waitFor(match: (message: ServerMessage) => boolean, what: string, options: WaitOptions = {}): Promise<ServerMessage> {
    const found = received.slice(options.from ?? 0).find(match);
    if (found) return Promise.resolve(found);
    const timeoutMs = options.timeoutMs ?? defaultWaitMs;
    return new Promise((resolve, reject) => {
      const listener = (message: ServerMessage) => {
        if (!match(message)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(message);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(listener);
    });
  }

  let nextId = 1;
  /** Waits for the answer to the request with this id that arrives from now on. */
  const answerTo = (id: number, what: string, timeoutMs?: number) =>
    waitFor((message) => message.type === 'response' && message.response.id === id, what, { from: received.length, ...(timeoutMs ? { timeoutMs } : {}) }).then(
      (message) => (message as Extract<ServerMessage, { type: 'response' }>).response,
    );

  return {
    socket,
    received,
    /** Resolves when the socket closes, with the code the closing side gave (1006: terminated without a close frame). */
    closed,
    onMessage(listener: (message: ServerMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitFor,
    /** The connection key of the welcome, the host's first message. */
    async connectionKey(): Promise<string> {
      const welcome = await waitFor((message) => message.type === 'welcome', 'welcome');
      return (welcome as Extract<ServerMessage, { type: 'welcome' }>).connectionKey;
    },
    /** Sends one request as a window does and waits for its answer. */
    request(name: string, args: unknown, options: { input?: string; timeoutMs?: number } = {}): Promise<ResponseMessage> {
      const id = nextId++;
      const answer = answerTo(id, `answer to ${name} #${id}`, options.timeoutMs);
      socket.send(JSON.stringify({ id, name, args, input: options.input ?? 'keyboard' }));
      return answer;
    },
    /** Sends a text frame as it is and waits for the answer with `id`. */
    sendRaw(text: string, id: number, timeoutMs?: number): Promise<ResponseMessage> {
      const answer = answerTo(id, `answer #${id}`, timeoutMs);
      socket.send(text);
      return answer;
    },
    /** The close, or a failure saying the host kept the socket open longer than `timeoutMs`. */
    closedWithin(timeoutMs: number): Promise<{ code: number; reason: string }> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the socket was still open after ${timeoutMs} ms`)), timeoutMs)));
      return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
    },
    close(): Promise<{ code: number; reason: string }> {
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      return closed;
    },
  };
}
export type WindowClient = Awaited<ReturnType<typeof openWindow>>;
