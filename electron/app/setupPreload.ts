import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DisplayInfo, WallProfile } from '../../shared/wall/profile';
import { shellChannels, type WallSetupApi } from '../../shared/wall/shellApi';

/**
 * The wall setup window's preload (that window only): the calls of its view,
 * one named function each. It never reaches the core; the shell validates
 * what it saves.
 */
const api: WallSetupApi = {
  load: () => ipcRenderer.invoke(shellChannels.setupLoad),
  save: (profile: WallProfile) => ipcRenderer.invoke(shellChannels.setupSave, profile),
  identify: (on: boolean) => ipcRenderer.send(shellChannels.setupIdentify, on),
  close: () => ipcRenderer.send(shellChannels.setupClose),
  onDisplaysChanged(listener) {
    const relay = (_event: IpcRendererEvent, displays: DisplayInfo[]) => listener(displays);
    ipcRenderer.on(shellChannels.setupDisplays, relay);
    return () => ipcRenderer.off(shellChannels.setupDisplays, relay);
  },
};

contextBridge.exposeInMainWorld('gridwallSetup', api);
