import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannelFor, ipcEventChannel, ipcStatusChannel, preloadRequestNames, type PreloadApi } from '../../shared/contract/bridgeApi';
import type { CoreStatus, EventMessage, WindowInputKind } from '../../shared/contract/messages';
import { shellChannels } from '../../shared/wall/shellApi';

/**
 * Thin on purpose: one named function per request of the contract and one
 * event subscription, nothing generic. The page never sees ipcRenderer.
 */
const requests = Object.fromEntries(
  preloadRequestNames.map((name) => [
    name,
    (args: unknown, input: WindowInputKind, requestId: string) => ipcRenderer.invoke(ipcChannelFor(name), args, input, requestId),
  ]),
) as unknown as PreloadApi['requests'];

const api: PreloadApi = {
  requests,
  onEvent(listener) {
    const relay = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(ipcEventChannel, relay);
    return () => ipcRenderer.off(ipcEventChannel, relay);
  },
  onCoreStatus(listener) {
    const relay = (_event: IpcRendererEvent, status: CoreStatus) => listener(status);
    ipcRenderer.on(ipcStatusChannel, relay);
    return () => ipcRenderer.off(ipcStatusChannel, relay);
  },
};

contextBridge.exposeInMainWorld('gridwall', api);

// The shell's liveness ping, answered from the page's own thread: a page stuck
// in a loop cannot answer, and the shell re-creates its window. Not exposed to the page.
ipcRenderer.on(shellChannels.ping, () => ipcRenderer.send(shellChannels.pong));
