import type { TFunction } from 'i18next';
import { videoScreens, wallWindowSpec, type WallWindowKey } from '../../../shared/wall/profile';

/** A wall window as the director knows it: "视频 2 · 屏 10–18", "网格地图" … */
export function windowName(t: TFunction, key: WallWindowKey, tilesPerVideoWindow: number | null = null): string {
  const spec = wallWindowSpec(key);
  if (spec.videoIndex === null) return t(`wallSetup.window.${key}`);
  const n = spec.videoIndex + 1;
  if (!tilesPerVideoWindow) return t('wallSetup.window.video', { n });
  return t('wallSetup.window.videoScreens', { n, ...videoScreens(spec.videoIndex, tilesPerVideoWindow) });
}
