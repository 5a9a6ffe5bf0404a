import type { CoreServices } from './types';
import { handlerModule } from './types';

/** The link to the district platform, for every window's sync light and the director's list of actions. */
export function syncHandlers(services: CoreServices) {
  return handlerModule('sync', {
    'sync.status': () => services.sync.status(),
    // Visitors' windows see the light, not what the room did.
    'sync.actions': ({ state, limit }, { audience }) => (audience === 'operator' ? services.sync.actions(state, limit) : []),
    'sync.acknowledgeRejections': (_args, { actor }) => services.sync.acknowledgeRejections(actor),
  });
}
