import { CoreError } from '../errors';
import { linkGroupOf } from '../sessions';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/**
 * The map and what links the windows: the map's set-up and its questions
 * (density, cameras that see a spot, what a spot is called), and the state a
 * console's windows share — the selected case, the queue's filters — and the
 * camera health the video windows report. Selection, filters and health are
 * working state, not the room's record: they need no sign-in and are not
 * audited (shared/map/linkState.ts).
 */
export function mapHandlers(services: CoreServices) {
  const { map, links, cameraHealth } = services;
  return handlerModule(
    'map',
    {
      'map.setup': () => map.setup(),
      'map.density': (args) => map.density(args.days, args.heat),
      'map.camerasAt': (args) => map.camerasAt(args.lngLat),
      'map.placeAt': (args) => map.placeAt(args.lngLat),
      'links.get': (_args, { session }) => {
        const group = linkGroupOf(session);
        const { selection, filter } = links.get(group);
        return { group, selection, filter, cameraHealth: cameraHealth.current };
      },
      'selection.set': (args, { session }) => links.select(linkGroupOf(session), args.caseId, args.origin, session.role),
      'filter.share': (args, { session }) => {
        links.shareFilter(linkGroupOf(session), args.filter, args.origin);
        return null;
      },
      'cameras.reportHealth': (args, { session }) => {
        // Health is read from the picture: only a window that plays the cameras knows it.
        if (session.role !== 'video') throw new CoreError('notThisWindow');
        cameraHealth.report(session.connectionId, args.health);
        return null;
      },
    },
    ['selection.set', 'filter.share', 'cameras.reportHealth'],
  );
}
