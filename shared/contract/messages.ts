import { z } from 'zod';
import type { EventName, EventPayload, RequestName } from './contract';

/**
 * The envelopes that cross a process boundary. The same shapes travel over
 * Electron IPC and over the browser wall's WebSocket.
 */

/** How an action was made: kept in the audit trail with every change. */
export const InputKindSchema = z.enum(['mouse', 'keyboard', 'hotkey', 'command', 'feed', 'system']);
export type InputKind = z.infer<typeof InputKindSchema>;
/**
 * What a window may say it used. `feed` and `system` name the core's own
 * actors (the demo feed, timers); the core sets them and refuses a window
 * that claims them.
 */
export const windowInputKinds = ['mouse', 'keyboard', 'hotkey', 'command'] as const satisfies readonly InputKind[];
export type WindowInputKind = (typeof windowInputKinds)[number];

/**
 * Chosen by the window once per action and sent again with every retry of
 * it (after a dropped socket or a timeout): the core applies the action once
 * and answers every retry with its first answer.
 */
export const RequestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const RequestMessageSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  input: InputKindSchema.default('mouse'),
  requestId: RequestIdSchema.optional(),
});
export type RequestMessage = z.input<typeof RequestMessageSchema>;

/** A fresh request id (random, URL-safe); works in every JavaScript runtime GridWall runs in. */
/** `crypto.getRandomValues` is in every runtime GridWall runs in (Node, Chromium, also outside secure contexts). */
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues<T extends Uint8Array>(array: T): T } }).crypto;

export function newRequestId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => webCrypto.getRandomValues(bytes)): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(random(new Uint8Array(21)), (byte) => alphabet[byte & 63]).join('');
}

export type ErrorCode =
  | 'badMessage'
  | 'unknownRequest'
  | 'invalidArgs'
  | 'notFound'
  | 'readOnly'
  | 'presentationOnly'
  | 'highlightNotClosed'
  | 'pictureNotOfCase'
  | 'tooManyHighlights'
  | 'unknownCategory'
  | 'unknownSource'
  | 'unknownPlace'
  | 'outsideDistrict'
  | 'unknownDepartment'
  | 'illegalTransition'
  | 'directorOnly'
  | 'reasonRequired'
  | 'notSignedIn'
  | 'signInFailed'
  | 'futureTimestamp'
  | 'mergeTarget'
  | 'noPendingExtension'
  | 'notAnImage'
  | 'unavailable'
  | 'internal'
  | 'undoConflict'
  | 'commandRefused'
  | 'unknownCamera'
  | 'screenNotOnWall'
  | 'screenPinned'
  | 'screenEmpty'
  | 'caseNotOpen'
  | 'noCaseLocation'
  | 'demoOnly'
  | 'inputNotAllowed'
  | 'sessionExpired'
  | 'sessionRevoked'
  | 'signInLocked'
  | 'signInThrottled'
  | 'busy'
  | 'tooLarge'
  | 'tooComplex'
  | 'notThisWindow';

/** An error a person can read: `message` is already in the session's language. */
export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Which fields were wrong, for forms to mark (invalidArgs only). */
  fields?: { path: string; message: string }[];
}

export type ResponseMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ContractError };

/** One event; `seq` is core-wide and gap-free, so a window that sees a gap reloads its snapshot. */
export type EventMessage<N extends EventName = EventName> = { [K in N]: { event: K; seq: number; payload: EventPayload<K> } }[N];

/**
 * Whether the core is serving. A host watches the core's worker: when it
 * dies, every window is told at once (and calls fail at once) while the host
 * starts it again; after too many deaths in a row it gives up and says why.
 */
export type CoreStatus =
  | { state: 'up' }
  | { state: 'down'; since: number; attempt: number; retryAt: number }
  | { state: 'failed'; since: number; reason: string };

/**
 * A message from a host to a window: an answer, an event, the core's status,
 * the connection's own key (for requests too large for one socket frame,
 * sent over HTTP instead), or a heartbeat that proves the link is alive.
 */
export type ServerMessage =
  | { type: 'response'; response: ResponseMessage }
  | { type: 'event'; event: EventMessage }
  | { type: 'status'; status: CoreStatus }
  | { type: 'welcome'; connectionKey: string; heartbeatMs: number }
  | { type: 'heartbeat' };

export class ContractRequestError extends Error {
  constructor(
    readonly request: RequestName | string,
    readonly error: ContractError,
  ) {
    super(error.message);
    this.name = 'ContractRequestError';
  }
}

/** The id of a request that may be malformed, for the error answer; -1 when it has none. */
export function requestIdOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : -1;
}
