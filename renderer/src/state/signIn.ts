import type { ArgsOf, RequestName, ResultOf } from '../../../shared/contract/contract';
import { ContractRequestError, type ErrorCode, type WindowInputKind } from '../../../shared/contract/messages';
import type { CoreBridge, Translate } from '../bridge/bridge';
import type { WallStore } from './wallStore';

const signInKey = 'gridwall.signIn';

/** Remembers a sign-in for this window, so a reconnect or a core restart does not ask the operator again. */
export function rememberSignIn(token: string | null): void {
  if (token) window.sessionStorage.setItem(signInKey, token);
  else window.sessionStorage.removeItem(signInKey);
}

export function rememberedSignIn(): string | null {
  return window.sessionStorage.getItem(signInKey);
}

/** Refusals that say nothing about the sign-in itself: the core was busy or away, try again later. */
const passingRefusals: ReadonlySet<ErrorCode> = new Set(['unavailable', 'busy']);
/** Refusals that end this window's sign-in, with a message the operator should read. */
const endingRefusals: ReadonlySet<ErrorCode> = new Set(['sessionExpired', 'sessionRevoked']);

/** The operator is no longer signed in here: forget the token and ask again, saying why. */
export function endSignIn(store: WallStore, message: string): void {
  rememberSignIn(null);
  store.getState().signInEnded(message);
}

/**
 * Signs this window's (new) connection in again with the remembered token.
 * A refused token ends the sign-in (the operator is asked again, told why);
 * a core that is away rejects, so the caller tries again later with the
 * token kept. Resolves whether someone is signed in now.
 */
export async function resumeSignIn(bridge: CoreBridge, store: WallStore, translate: Translate): Promise<boolean> {
  const token = rememberedSignIn();
  if (!token) return false;
  try {
    // The token stands for the PIN the operator typed; a window may not claim 'system'.
    const signedIn = await bridge.request('session.signIn', { token }, 'keyboard');
    store.getState().operatorChanged(signedIn.operator);
    return true;
  } catch (error) {
    if (!(error instanceof ContractRequestError) || passingRefusals.has(error.error.code)) throw error;
    endSignIn(store, endingRefusals.has(error.error.code) ? error.message : translate('signIn.ended'));
    return false;
  }
}

/**
 * The window's bridge, watching for a sign-in that ended behind the
 * operator's back: expired after a shift, revoked by a sign-out elsewhere,
 * or lost with a connection (notSignedIn while the window showed someone).
 * A lost one is resumed with the token and the request made again once;
 * an ended one clears the window's operator and opens the sign-in dialog
 * with the core's message. The refusal still reaches the caller.
 */
export function watchSignIn(bridge: CoreBridge, store: WallStore, translate: Translate): CoreBridge {
  let resuming: Promise<boolean> | null = null;
  const resumeOnce = () => {
    resuming ??= resumeSignIn(bridge, store, translate).finally(() => (resuming = null));
    return resuming;
  };
  const thinksSignedIn = () => store.getState().operator !== null || rememberedSignIn() !== null;

  async function request<N extends RequestName>(name: N, args: ArgsOf<N>, input?: WindowInputKind): Promise<ResultOf<N>> {
    try {
      return await bridge.request(name, args, input);
    } catch (error) {
      // The sign-in dialog shows its own refusals (wrong PIN, locked, throttled).
      if (!(error instanceof ContractRequestError) || name === 'session.signIn') throw error;
      const code = error.error.code;
      if (endingRefusals.has(code)) endSignIn(store, error.message);
      if (code !== 'notSignedIn' || !thinksSignedIn()) throw error;
      let resumed: boolean;
      try {
        resumed = await resumeOnce();
      } catch {
        // The core is away: the token is kept for the next try; this request fails as it was answered.
        throw error;
      }
      if (resumed) return bridge.request(name, args, input);
      // No token to resume with, yet the window showed an operator (a refused token has ended it already).
      if (store.getState().operator !== null) endSignIn(store, error.message);
      throw error;
    }
  }

  return { request, onEvent: (listener) => bridge.onEvent(listener), onLinkState: (listener) => bridge.onLinkState(listener) };
}
