import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannelFor, ipcEventChannel, preloadRequestNames, type PreloadApi } from '../../shared/contract/bridgeApi';
import type { EventMessage, InputKind } from '../../shared/contract/messages';

/**
 * Thin on purpose: one named function per request of the contract and one
 * event subscription, nothing generic. The page never sees ipcRenderer.
 */
const requests = Object.fromEntries(
  preloadRequestNames.map((name) => [
    name,
    (args: unknown, input: InputKind) => ipcRenderer.invoke(ipcChannelFor(name), args, input),
  ]),
) as unknown as PreloadApi['requests'];

const api: PreloadApi = {
  requests,
  onEvent(listener) {
    const relay = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(ipcEventChannel, relay);
    return () => ipcRenderer.off(ipcEventChannel, relay);
  },
};

contextBridge.exposeInMainWorld('gridwall', api);
