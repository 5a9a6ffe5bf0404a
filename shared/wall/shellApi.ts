import type { DisplayInfo, WallProfile } from './profile';

/**
 * The Electron shell's own channels (beside the contract's): the liveness
 * ping every wall window's preload answers, and the wall setup view's calls,
 * which only the setup window's preload exposes. Same prefix as the
 * contract's channels; none of these names is a request of the contract.
 */
export const shellChannels = {
  ping: 'gridwall:shell.ping',
  pong: 'gridwall:shell.pong',
  setupLoad: 'gridwall:setup.load',
  setupSave: 'gridwall:setup.save',
  setupIdentify: 'gridwall:setup.identify',
  setupClose: 'gridwall:setup.close',
  setupDisplays: 'gridwall:setup.displays',
} as const;

/** What the setup view starts from. */
export interface WallSetupSnapshot {
  displays: DisplayInfo[];
  /** The profile in use (the proposal on a first start). */
  profile: WallProfile;
  /** What the shell would propose for these displays (the "start again" button). */
  proposal: WallProfile;
  firstStart: boolean;
  /** Tiles in each video window now (the wall's layout), for the screen numbers shown on video windows. */
  tilesPerVideoWindow: number;
}

export type WallSetupSaveResult = { ok: true; restarting: boolean } | { ok: false; message: string };

/** `window.gridwallSetup`, in the setup window only. */
export interface WallSetupApi {
  load(): Promise<WallSetupSnapshot>;
  save(profile: WallProfile): Promise<WallSetupSaveResult>;
  /** Shows (or hides) each display's number in big type on the display itself. */
  identify(on: boolean): void;
  close(): void;
  onDisplaysChanged(listener: (displays: DisplayInfo[]) => void): () => void;
}
