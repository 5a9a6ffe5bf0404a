import type { ArgsOf, RequestName } from '../../../shared/contract/contract';
import { newRequestId, type ResponseMessage, type WindowInputKind } from '../../../shared/contract/messages';
import { refusal, requestTimeoutMs, type Translate } from './bridge';

/** One logical request: made once, sent as often as the link needs, answered once. */
export interface PendingRequest {
  readonly id: number;
  readonly name: RequestName;
  readonly args: unknown;
  readonly input: WindowInputKind;
  /** The same on every sending, so the core applies a retried write once and answers with its first answer. */
  readonly requestId: string;
  /** The envelope as sent, byte for byte the same every time. */
  readonly text: string;
  /** Its size in UTF-8 bytes, which decides the way it can go. */
  readonly bytes: number;
  /** How it went out the last time (a socket, 'http', 'ipc'); null while it waits to be sent (again). */
  via: unknown;
  /** Sent at least once: after a timeout the core may or may not have done it. */
  everSent: boolean;
  /** The core's `unavailable` answer, kept while the request waits for the core to come back. */
  heldAnswer: ResponseMessage | null;
}

const utf8 = new TextEncoder();

interface Entry extends PendingRequest {
  resolve(response: ResponseMessage): void;
  timer: number;
}

/**
 * The requests a bridge has made and not yet answered. A request waits here
 * while the link or the core is down, is sent again (same id, same text)
 * after a drop, and is answered exactly once: by the core, or by the bridge
 * itself when its time is up. One that timed out is gone and never sent.
 */
export class PendingRequests {
  private readonly entries = new Map<number, Entry>();
  private nextId = 1;

  constructor(
    private readonly translate: Translate,
    private readonly timeoutMs = requestTimeoutMs,
  ) {}

  /** A new request, waiting to be sent; the promise is its one answer. */
  open<N extends RequestName>(name: N, args: ArgsOf<N>, input: WindowInputKind): { request: PendingRequest; answer: Promise<ResponseMessage> } {
    const id = this.nextId++;
    const requestId = newRequestId();
    const text = JSON.stringify({ id, name, args, input, requestId });
    const bytes = utf8.encode(text).byteLength;
    let entry!: Entry;
    const answer = new Promise<ResponseMessage>((resolve) => {
      entry = { id, name, args, input, requestId, text, bytes, via: null, everSent: false, heldAnswer: null, resolve, timer: 0 };
    });
    entry.timer = window.setTimeout(() => this.settle(id, this.timedOut(entry)), this.timeoutMs);
    this.entries.set(id, entry);
    return { request: entry, answer };
  }

  /** The request went out this way (a socket, 'http', 'ipc'). */
  sent(request: PendingRequest, via: unknown): void {
    request.via = via;
    request.everSent = true;
  }

  /**
   * An answer from the core. `unavailable` means the core was not serving
   * (it is restarting): the request waits for it to come back and is sent
   * again, within its time. Anything else is the answer.
   */
  answered(response: ResponseMessage): void {
    const entry = this.entries.get(response.id);
    if (!entry) return;
    if (!response.ok && response.error.code === 'unavailable') {
      entry.heldAnswer = response;
      entry.via = null;
      return;
    }
    this.settle(response.id, response);
  }

  /** Answers a request now, whatever it was waiting for. */
  settle(id: number, response: ResponseMessage): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    window.clearTimeout(entry.timer);
    entry.resolve({ ...response, id });
  }

  /** Whether the request is still waiting for its answer. */
  has(id: number): boolean {
    return this.entries.has(id);
  }

  /** The requests waiting to be sent (again), oldest first. */
  waiting(): PendingRequest[] {
    return [...this.entries.values()].filter((entry) => entry.via === null);
  }

  /** The way these requests went is gone without an answer: they wait to be sent again. */
  requeue(via: unknown): void {
    for (const entry of this.entries.values()) if (entry.via === via) entry.via = null;
  }

  /** Answers every request waiting to go out (or refused by a stopped core) with this refusal; those out keep waiting for theirs. */
  refuseWaiting(message: string): void {
    for (const entry of this.waiting()) this.settle(entry.id, refusal(entry.id, 'unavailable', message));
  }

  private timedOut(entry: Entry): ResponseMessage {
    if (entry.heldAnswer) return entry.heldAnswer;
    const message = entry.everSent
      ? this.translate('bridge.noAnswer', { seconds: Math.round(this.timeoutMs / 1000) })
      : this.translate('bridge.notSent');
    return refusal(entry.id, 'unavailable', message);
  }
}
