import { randomBytes } from 'node:crypto';
import type { OperatorInfo, SignedIn, SignInLockout } from '../../shared/contract/contract';
import type { InputKind } from '../../shared/contract/messages';
import type { Audience } from '../../shared/domain/case';
import type { Locale } from '../../shared/domain/names';
import type { WindowRole } from '../../shared/wall/roles';
import { defaultLinkGroup } from '../../shared/map/linkState';
import { CoreError } from './errors';
import type { Actor } from './services/actors';
import { createSignInThrottle } from './signInThrottle';
import type { AuditTrail } from './store/auditTrail';
import type { OperatorStore } from './store/operatorStore';
import type { SignInStore } from './store/signInStore';

/** Who is asking: fixed when a window connects, never taken from a message. */
export interface Session {
  /** One per window connection, chosen by the host; sign-in is kept per connection… */
  connectionId: string;
  /** …unless the host knows the windows share one console (the Electron app's windows): then they share one sign-in. */
  consoleId?: string;
  role: WindowRole;
  audience: Audience;
  locale: Locale;
  /** The windows that share a selection and filters (the browser wall's `&console=`); default: the console, else the room's one group. */
  linkGroup?: string;
}

/** Which windows follow this one's selection (shared/map/linkState.ts). */
export const linkGroupOf = (session: Session) => session.linkGroup ?? session.consoleId ?? defaultLinkGroup;

/** A shift: how long a sign-in lasts unless the operator signs out first. */
export const defaultSignInHours = 12;

interface ActiveSignIn {
  operator: OperatorInfo;
  token: string;
  expiresAt: number;
}

/**
 * Who is signed in at which window. A sign-in has a token the window keeps
 * to resume after a reconnect or a core restart; it ends by itself after a
 * shift and at sign-out (everywhere it was resumed). Wrong PINs are
 * throttled per window and per operator.
 */
export function createSessions(deps: {
  operators: OperatorStore;
  signIns: SignInStore;
  audit: AuditTrail;
  clock: () => number;
  lifetimeMs: number;
  /** Local time of day for messages ("locked until 14:05"). */
  timeText: (at: number) => string;
}) {
  const { clock } = deps;
  const active = new Map<string, ActiveSignIn>();
  const throttle = createSignInThrottle(clock);
  const keyOf = (session: Session) => session.consoleId ?? session.connectionId;
  const audit = (actor: string, input: InputKind, kind: string, data: Record<string, unknown>) =>
    deps.audit.append({ caseId: null, at: clock(), actor, input, kind, data });

  /** The window's sign-in if it is still valid; throws why not when it has ended. */
  function current(session: Session): ActiveSignIn | null {
    const signIn = active.get(keyOf(session));
    if (!signIn) return null;
    if (clock() >= signIn.expiresAt) {
      active.delete(keyOf(session));
      throw new CoreError('sessionExpired', { hours: Math.round(deps.lifetimeMs / 3_600_000) });
    }
    return signIn;
  }

  function start(session: Session, operator: OperatorInfo, token: string, expiresAt: number): SignedIn {
    active.set(keyOf(session), { operator, token, expiresAt });
    return { operator, token, expiresAt };
  }

  return {
    /** The operator signed in at this window, or null (an ended sign-in reads as none). */
    operatorAt(session: Session): OperatorInfo | null {
      try {
        return current(session)?.operator ?? null;
      } catch {
        return null;
      }
    },
    /** Who acts for a write from this window; refused when nobody is signed in or the sign-in ended. */
    actorFor(session: Session, input: InputKind): Actor {
      const signIn = current(session);
      if (!signIn) throw new CoreError('notSignedIn');
      return { id: signIn.operator.id, role: signIn.operator.role, input };
    },

    async signInWithPin(session: Session, operatorId: string, pin: string, input: InputKind): Promise<SignedIn> {
      const known = deps.operators.get(operatorId);
      throttle.admit(keyOf(session), operatorId, known?.name ?? operatorId, deps.timeText);
      let operator: OperatorInfo | null = null;
      try {
        operator = await deps.operators.verify(operatorId, pin);
      } finally {
        throttle.settle(keyOf(session), operatorId, operator !== null);
      }
      if (!operator) {
        if (known && throttle.lockouts().some((lockout) => lockout.operatorId === operatorId)) audit(operatorId, input, 'session.lockedOut', { role: session.role });
        throw new CoreError('signInFailed');
      }
      const token = randomBytes(24).toString('base64url');
      const now = clock();
      deps.signIns.issue(token, operator.id, now, now + deps.lifetimeMs);
      audit(operator.id, input, 'session.signedIn', { role: session.role });
      return start(session, operator, token, now + deps.lifetimeMs);
    },

    /** A window resumes a sign-in with its token (after a reconnect, a reload or a core restart). */
    signInWithToken(session: Session, token: string): SignedIn {
      const stored = deps.signIns.find(token);
      const operator = stored ? deps.operators.get(stored.operatorId) : null;
      if (!stored || !operator) throw new CoreError('signInFailed');
      if (stored.revokedAt !== null) throw new CoreError('sessionRevoked');
      if (clock() >= stored.expiresAt) throw new CoreError('sessionExpired', { hours: Math.round(deps.lifetimeMs / 3_600_000) });
      return start(session, operator, token, stored.expiresAt);
    },

    /** Ends the sign-in at this window and everywhere its token was resumed. */
    signOut(session: Session, input: InputKind): void {
      const signIn = active.get(keyOf(session));
      if (!signIn) return;
      deps.signIns.revoke(signIn.token, clock());
      for (const [key, other] of active) if (other.token === signIn.token) active.delete(key);
      audit(signIn.operator.id, input, 'session.signedOut', { role: session.role });
    },

    lockouts(): SignInLockout[] {
      return throttle.lockouts().map((lockout) => ({ ...lockout, operatorName: deps.operators.get(lockout.operatorId)?.name ?? lockout.operatorId }));
    },

    /** The duty director lets a locked-out operator try again. */
    clearLockout(operatorId: string, by: Actor): void {
      if (by.role !== 'director') throw new CoreError('directorOnly', { action: 'clearLockout' });
      if (throttle.clear(operatorId)) audit(by.id, by.input, 'session.lockoutCleared', { operatorId });
    },

    /** Drops stored sign-ins that ended before `at`. */
    forgetEndedBefore(at: number): void {
      deps.signIns.forgetEndedBefore(at);
    },

    /** A window went away: forget who was signed in there (its token still resumes elsewhere). */
    forget(connectionId: string): void {
      active.delete(connectionId);
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
