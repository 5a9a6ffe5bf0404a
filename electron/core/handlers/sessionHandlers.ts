import { linkGroupOf } from '../sessions';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/** Who is at the window: hello, sign-in and sign-out, and the PIN lockouts the duty director can clear. */
export function sessionHandlers(services: CoreServices) {
  const { sessions, hub, clock } = services;
  return handlerModule(
    'session',
    {
      'session.hello': (_args, { session, audience }) => ({
        role: session.role,
        linkGroup: linkGroupOf(session),
        audience: session.audience,
        presenting: audience === 'public',
        serverTime: clock(),
        seq: hub.seq,
        demo: services.demo,
        operator: sessions.operatorAt(session),
      }),
      'operators.list': () => services.operators.list(),
      'operators.lockouts': () => sessions.lockouts(),
      'session.signIn': (args, { session, input }) =>
        'token' in args ? sessions.signInWithToken(session, args.token) : sessions.signInWithPin(session, args.operatorId, args.pin, input),
      'session.signOut': (_args, { session, input }) => {
        sessions.signOut(session, input);
        return null;
      },
      'session.clearLockout': (args, { actor }) => {
        sessions.clearLockout(args.operatorId, actor);
        return null;
      },
    },
    ['session.signIn', 'session.signOut'],
  );
}
