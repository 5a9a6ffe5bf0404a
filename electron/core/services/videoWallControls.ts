import type { KeyFocusEntry } from '../../../shared/video/priority';
import type { VideoState } from '../../../shared/video/videoState';
import { CoreError } from '../errors';
import type { Actor } from './actors';
import type { VideoWallOptions } from './videoWall';

/**
 * The wall as the map drives it: one screen shown alone (a camera put there
 * first when it is not on the wall yet), and cameras added to or taken out of
 * key focus, each kept on its screen across slots. Both audited.
 */
export function createSoloAndFocus(deps: {
  options: VideoWallOptions;
  screenOnWall(screen: number): void;
  screens(): number[];
  current(): VideoState;
  refresh(): void;
  keyFocus(): KeyFocusEntry[];
  setKeyFocus(entries: KeyFocusEntry[]): void;
}) {
  const { options } = deps;
  const knownCamera = (cameraId: string) => {
    if (!options.cameras().some((camera) => camera.id === cameraId)) throw new CoreError('unknownCamera', { camera: cameraId });
  };
  return {
    solo(screen: number | null, cameraId: string | null, actor: Actor): VideoState {
      if (screen === null) {
        options.wall.change({ solo: null }, actor, 'video.solo', { screen: null });
        return deps.current();
      }
      if (cameraId !== null) {
        knownCamera(cameraId);
        const showing = deps.current().tiles.find((tile) => tile.cameraId === cameraId);
        if (showing) {
          options.wall.change({ solo: showing.screen }, actor, 'video.solo', { screen: showing.screen, cameraId });
          return deps.current();
        }
      }
      deps.screenOnWall(screen);
      const placed = { ...options.wall.state.screens };
      if (cameraId !== null) {
        if (deps.current().tiles.find((tile) => tile.screen === screen)?.pinned) throw new CoreError('screenPinned', { screen });
        placed[String(screen)] = cameraId;
      } else if (!deps.current().tiles.find((tile) => tile.screen === screen)?.cameraId) {
        throw new CoreError('screenEmpty', { screen });
      }
      options.wall.change({ screens: placed, solo: screen }, actor, 'video.solo', { screen, cameraId });
      return deps.current();
    },
    keyFocusChange(cameraId: string, screen: number | null, on: boolean, actor: Actor): VideoState {
      knownCamera(cameraId);
      const entries = deps.keyFocus();
      let next: KeyFocusEntry[];
      if (on) {
        const used = new Set(entries.filter((entry) => entry.cameraId !== cameraId).map((entry) => entry.screen));
        const target = screen ?? entries.find((entry) => entry.cameraId === cameraId)?.screen ?? deps.screens().find((candidate) => !used.has(candidate)) ?? null;
        if (target === null) throw new CoreError('screenNotOnWall', { screen: deps.screens().length + 1, count: deps.screens().length });
        deps.screenOnWall(target);
        next = [...entries.filter((entry) => entry.cameraId !== cameraId && entry.screen !== target), { screen: target, cameraId }].sort((a, b) => a.screen - b.screen);
      } else {
        next = entries.filter((entry) => entry.cameraId !== cameraId);
        if (next.length === entries.length) return deps.current();
      }
      deps.setKeyFocus(next);
      options.saveKeyFocus?.(next);
      options.audit(actor, 'video.keyFocusChanged', { cameraId, on, screen: next.find((entry) => entry.cameraId === cameraId)?.screen ?? null });
      deps.refresh();
      return deps.current();
    },
  };
}
