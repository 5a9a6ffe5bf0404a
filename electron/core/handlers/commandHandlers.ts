import { linkGroupOf } from '../sessions';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/** The command bar: read a line back as the operator types, run it as read back, undo the last action. */
export function commandHandlers(services: CoreServices) {
  const { commands } = services;
  return handlerModule('commands', {
    'command.understand': (args, { session }) => commands.understand(args.text, session.locale),
    'command.run': (args, { actor, session }) => {
      const outcome = commands.run(args, actor, session.locale);
      // A command that named or made a case selects it for the console, so its map flies there.
      if (outcome.caseId !== null) services.links.select(linkGroupOf(session), outcome.caseId, null, session.role);
      return outcome;
    },
    'command.undo': (_args, { actor, session }) => commands.undo(actor, session.locale),
  });
}
