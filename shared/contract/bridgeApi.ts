import type { ArgsOf, RequestName } from './contract';
import type { CoreStatus, EventMessage, ResponseMessage, WindowInputKind } from './messages';

/** Prefix of every IPC channel; the shell's wrapper refuses anything else. */
export const ipcChannelPrefix = 'gridwall:';
export const ipcEventChannel = `${ipcChannelPrefix}event`;
export const ipcStatusChannel = `${ipcChannelPrefix}status`;
export const ipcChannelFor = (name: RequestName) => `${ipcChannelPrefix}${name}`;

/**
 * What the Electron preload exposes to a window as `window.gridwall`: one
 * named function per request of the contract (never a generic send), plus
 * the event subscription. The renderer's IPC bridge is written against it.
 */
export type PreloadApi = {
  readonly requests: { readonly [N in RequestName]: (args: ArgsOf<N>, input: WindowInputKind, requestId: string) => Promise<ResponseMessage> };
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** The core's status as the shell sees it (down while its worker restarts). */
  onCoreStatus(listener: (status: CoreStatus) => void): () => void;
};

/**
 * The request names again, as a plain list: the sandboxed preload needs them
 * at run time but should not carry the schemas (zod) along. The type below
 * fails to compile if this list and the contract ever differ.
 */
export const preloadRequestNames = [
  'session.hello',
  'operators.list',
  'reference.get',
  'cases.list',
  'cases.query',
  'case.get',
  'case.timeline',
  'case.duplicates',
  'case.attachments',
  'attachment.get',
  'kpi.get',
  'cases.byIds',
  'session.signIn',
  'session.signOut',
  'case.create',
  'case.setUrgent',
  'case.act',
  'report.handover',
  'case.attach',
  'command.understand',
  'wall.get',
  'keymap.get',
  'cameras.list',
  'video.get',
  'video.coverage',
  'operators.lockouts',
  'session.clearLockout',
  'video.place',
  'video.pin',
  'video.showCase',
  'video.snapshotCase',
  'video.setClock',
  'command.run',
  'command.undo',
  'presentation.state',
  'presentation.view',
  'presentation.picture',
  'presentation.setup',
  'presentation.tour',
  'presentation.highlight',
  'links.get',
  'map.setup',
  'map.density',
  'map.camerasAt',
  'map.placeAt',
  'video.solo',
  'video.keyFocus',
  'selection.set',
  'filter.share',
  'cameras.reportHealth',
  'sync.status',
  'sync.actions',
  'sync.acknowledgeRejections',
] as const satisfies readonly RequestName[];

type Missing = Exclude<RequestName, (typeof preloadRequestNames)[number]>;
const everyRequestListed: [Missing] extends [never] ? true : Missing = true;
void everyRequestListed;
