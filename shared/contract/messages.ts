import { z } from 'zod';
import type { EventName, EventPayload, RequestName } from './contract';

/**
 * The envelopes that cross a process boundary. The same shapes travel over
 * Electron IPC and over the browser wall's WebSocket.
 */

/** How an action was made: kept in the audit trail with every change. */
export const InputKindSchema = z.enum(['mouse', 'keyboard', 'hotkey', 'command', 'feed', 'system']);
export type InputKind = z.infer<typeof InputKindSchema>;

export const RequestMessageSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  input: InputKindSchema.default('mouse'),
});
export type RequestMessage = z.input<typeof RequestMessageSchema>;

export type ErrorCode =
  | 'badMessage'
  | 'unknownRequest'
  | 'invalidArgs'
  | 'notFound'
  | 'readOnly'
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
  | 'demoOnly';

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

/** A message from the core to a window: an answer or an event. */
export type ServerMessage = { type: 'response'; response: ResponseMessage } | { type: 'event'; event: EventMessage };

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
