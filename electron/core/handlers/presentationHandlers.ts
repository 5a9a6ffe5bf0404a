import type { CoreServices } from './types';
import { handlerModule } from './types';

/** The presentation for visiting officials: figures and released pictures for its windows, the tour and the director's highlights. */
export function presentationHandlers(services: CoreServices) {
  const { presentation } = services;
  return handlerModule('presentation', {
    'presentation.state': () => presentation.state(),
    'presentation.view': (args) => presentation.view(args.view),
    'presentation.picture': (args) => presentation.picture(args.attachmentId),
    'presentation.setup': () => presentation.setup(),
    'presentation.tour': (args, { actor }) => presentation.tourAction(args, actor),
    'presentation.highlight': (args, { actor }) => presentation.choose(args, actor),
  });
}
