import { localName } from '../../../shared/domain/names';
import { CoreError } from '../errors';
import type { CoreServices } from './types';
import { handlerModule } from './types';

/** The video matrix: what it shows, and every hand change to it (audited in the video wall service). */
export function videoHandlers(services: CoreServices) {
  const { video, store, cases, hub } = services;

  return handlerModule('video', {
    'cameras.list': () => [...services.cameras],
    'video.get': () => video.state,
    'video.coverage': (args) => video.coverage(args.hours),
    'video.place': (args, { actor }) => video.place(args.screen, args.cameraId, actor),
    'video.pin': (args, { actor }) => video.pin(args.screen, args.pinned, actor),
    'video.solo': (args, { actor }) => video.solo(args.screen, args.cameraId, actor),
    'video.keyFocus': (args, { actor }) => video.keyFocusChange(args.cameraId, args.screen, args.on, actor),
    'video.showCase': (args, { actor }) => {
      const item = store.get(args.caseId);
      if (!item) throw new CoreError('notFound', { id: args.caseId });
      return video.showCase(item, actor);
    },
    'video.setClock': (args, { actor }) => {
      if (!services.demo) throw new CoreError('demoOnly');
      return video.setClock(args.atMs, actor);
    },
    /** Tile → case: registered from what a screen shows, with the frame, the camera's place and grid, and the slot. */
    'video.snapshotCase': (args, { actor, session }) => {
      const camera = services.cameras.find((candidate) => candidate.id === args.cameraId);
      if (!camera) throw new CoreError('unknownCamera', { camera: args.cameraId });
      const slot = video.state.slot;
      const seen = services.translators[session.locale].t('video.snapshotDescription', {
        screen: args.screen,
        camera: localName(camera.name, session.locale),
        grid: camera.gridId ?? '—',
        slot: localName(slot.name, session.locale),
        lng: camera.position[0].toFixed(5),
        lat: camera.position[1].toFixed(5),
      });
      const description = `${args.description ? `${args.description}。` : ''}${seen}`.slice(0, 500);
      const created = cases.create(
        { description, categoryCode: args.categoryCode, sourceId: 'video', lngLat: camera.position, placeId: null, address: camera.name.zh, urgent: false, reporter: null, reportedAt: null },
        actor,
      );
      services.attachments.attach({ caseId: created.id, kind: 'snapshot', mime: args.mime, dataBase64: args.dataBase64, caption: seen.slice(0, 100) }, actor);
      const withSnapshot = store.get(created.id)!;
      hub.emit('case.changed', { change: 'updated', case: withSnapshot });
      return withSnapshot;
    },
  });
}
