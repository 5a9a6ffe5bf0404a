import type { SignInLockout } from '../../shared/contract/contract';
import { CoreError } from './errors';

/** Wrong PINs for one operator within `failureWindowMs` before the account locks. */
export const lockAfterFailures = 5;
export const failureWindowMs = 15 * 60_000;
export const lockoutMs = 15 * 60_000;
/** A window may get this many PINs wrong before it has to wait; the wait doubles with each further one. */
const freeFailuresPerConnection = 3;
const maxConnectionDelayMs = 5 * 60_000;

interface OperatorFailures {
  failures: number;
  firstAt: number;
  lockedUntil: number | null;
}

interface ConnectionFailures {
  failures: number;
  notBefore: number;
  checking: boolean;
}

/**
 * Limits PIN guessing, per operator (a lockout the duty director can clear)
 * and per window connection (a growing wait). A refused attempt is answered
 * before any hashing, so a guessing loop costs the core almost nothing.
 */
export function createSignInThrottle(clock: () => number) {
  const operators = new Map<string, OperatorFailures>();
  const connections = new Map<string, ConnectionFailures>();

  const connection = (key: string) => {
    let entry = connections.get(key);
    if (!entry) connections.set(key, (entry = { failures: 0, notBefore: 0, checking: false }));
    return entry;
  };

  return {
    /** Throws the refusal if this attempt may not be checked now; otherwise marks the window as checking. */
    admit(connectionKey: string, operatorId: string, operatorName: string, timeText: (at: number) => string): void {
      const now = clock();
      const window = connection(connectionKey);
      if (window.checking || now < window.notBefore) {
        throw new CoreError('signInThrottled', { seconds: Math.max(1, Math.ceil((window.notBefore - now) / 1000)) });
      }
      const locked = operators.get(operatorId);
      if (locked?.lockedUntil && now < locked.lockedUntil) {
        throw new CoreError('signInLocked', { name: operatorName, failures: locked.failures, until: timeText(locked.lockedUntil) });
      }
      window.checking = true;
    },
    /** The PIN check finished: count a failure, or clear the window's and the operator's record on success. */
    settle(connectionKey: string, operatorId: string, succeeded: boolean): void {
      const now = clock();
      const window = connection(connectionKey);
      window.checking = false;
      if (succeeded) {
        connections.delete(connectionKey);
        operators.delete(operatorId);
        return;
      }
      window.failures++;
      // A window that reconnects keeps its record (a new connection must not reset the wait); old records go.
      if (connections.size > 1_000) for (const [key, entry] of connections) if (!entry.checking && entry.notBefore < now - failureWindowMs) connections.delete(key);
      if (window.failures >= freeFailuresPerConnection) {
        window.notBefore = now + Math.min(maxConnectionDelayMs, 1_000 * 2 ** (window.failures - freeFailuresPerConnection));
      }
      const record = operators.get(operatorId);
      const fresh = !record || now - record.firstAt > failureWindowMs || (record.lockedUntil !== null && now >= record.lockedUntil);
      const next = fresh ? { failures: 1, firstAt: now, lockedUntil: null } : { ...record, failures: record.failures + 1 };
      if (next.failures >= lockAfterFailures) next.lockedUntil = now + lockoutMs;
      operators.set(operatorId, next);
    },
    lockouts(): Omit<SignInLockout, 'operatorName'>[] {
      const now = clock();
      return [...operators]
        .filter(([, record]) => record.lockedUntil !== null && now < record.lockedUntil)
        .map(([operatorId, record]) => ({ operatorId, until: record.lockedUntil!, failures: record.failures }));
    },
    /** The duty director lets an operator try again. Returns whether a lock was cleared. */
    clear(operatorId: string): boolean {
      const record = operators.get(operatorId);
      operators.delete(operatorId);
      return record?.lockedUntil !== null && record?.lockedUntil !== undefined && clock() < record.lockedUntil;
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
