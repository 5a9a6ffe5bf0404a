import type { CoreServices } from './types';
import { handlerModule } from './types';

/** What every window reads once about the room: its reference data, the wall's state, the shift's hotkeys. */
export function roomHandlers(services: CoreServices) {
  const { keymap, translators } = services;
  return handlerModule('room', {
    'reference.get': () => services.referenceData,
    'wall.get': () => services.wall.state,
    'keymap.get': (_args, { session }) => ({
      bindings: keymap.bindings,
      problems: keymap.problems.map((problem) =>
        translators[session.locale].t(`hotkeys.problems.${problem.kind}`, { ...problem, actions: 'actions' in problem ? problem.actions.join(', ') : '' }),
      ),
    }),
  });
}
