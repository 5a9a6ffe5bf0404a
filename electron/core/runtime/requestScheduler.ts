import { isCommand } from '../../../shared/contract/contract';
import type { ResponseMessage } from '../../../shared/contract/messages';
import type { Session } from '../sessions';

/** Requests one window may have waiting or running at once; beyond it the window is told to wait. */
export const maxInFlight = { operator: 32, public: 4 } as const;

/** A visitors' window (a presentation token, or a presentation window whatever its token): capped low, served last. */
const visitor = (session: Session) => session.audience === 'public' || session.role === 'presentation';

interface Waiting {
  session: Session;
  raw: unknown;
  resolve: (response: ResponseMessage) => void;
}

/**
 * The order the core serves requests in. One window cannot starve the
 * others: each has a cap on requests in flight, and waiting requests are
 * taken by class — operators' writes, then operators' reads, then visitors'
 * reads — and within a class one window at a time, in turn, so a cheap read
 * never waits behind another window's whole queue of heavy ones. One request
 * per turn of the event loop, so requests that arrive meanwhile are sorted
 * in before the next is taken.
 */
export function createRequestScheduler(options: {
  run: (session: Session, raw: unknown) => Promise<ResponseMessage>;
  busy: (session: Session, raw: unknown) => ResponseMessage;
}) {
  /** Per class, the windows with waiting requests, in turn order (a Map keeps insertion order). */
  const classes: Map<string, Waiting[]>[] = [new Map(), new Map(), new Map()];
  const inFlight = new Map<string, number>();
  let pumping = false;

  const classOf = (session: Session, raw: unknown) => {
    if (visitor(session)) return 2;
    const name = (raw as { name?: unknown } | null)?.name;
    return typeof name === 'string' && isCommand(name) ? 0 : 1;
  };

  const finished = (key: string) => {
    const count = (inFlight.get(key) ?? 1) - 1;
    if (count <= 0) inFlight.delete(key);
    else inFlight.set(key, count);
  };

  /** The next request: from the first window in turn of the most urgent class; that window goes to the back. */
  function takeNext(): Waiting | null {
    const windows = classes.find((waiting) => waiting.size > 0);
    if (!windows) return null;
    const [window, queue] = windows.entries().next().value!;
    const next = queue.shift()!;
    windows.delete(window);
    if (queue.length > 0) windows.set(window, queue);
    return next;
  }

  function step(): void {
    const next = takeNext();
    if (!next) {
      pumping = false;
      return;
    }
    void options.run(next.session, next.raw).then(next.resolve).finally(() => finished(next.session.connectionId));
    setImmediate(step);
  }

  return {
    schedule(session: Session, raw: unknown): Promise<ResponseMessage> {
      const key = session.connectionId;
      const count = inFlight.get(key) ?? 0;
      if (count >= maxInFlight[visitor(session) ? 'public' : 'operator']) return Promise.resolve(options.busy(session, raw));
      inFlight.set(key, count + 1);
      return new Promise((resolve) => {
        const windows = classes[classOf(session, raw)]!;
        const queue = windows.get(key) ?? [];
        queue.push({ session, raw, resolve });
        windows.set(key, queue);
        if (!pumping) {
          pumping = true;
          setImmediate(step);
        }
      });
    },
  };
}
