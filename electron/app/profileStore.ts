import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../core/runtime/logger';
import { parseProfile, proposeProfile, type DisplayInfo, type WallProfile } from '../../shared/wall/profile';

export const profileFileName = 'wall-profile.json';

/**
 * The wall profile on this PC, in the user-data folder. Written whole to a
 * temporary file and renamed over the old one, so a power cut leaves either
 * the old profile or the new one, never half of one. A missing file is a
 * first start; an unreadable one is logged and replaced by a proposal (the
 * room keeps a wall rather than a start-up error), and kept aside for the
 * site engineer.
 */
export function createProfileStore(userDataDir: string, logger: Logger) {
  const path = join(userDataDir, profileFileName);
  return {
    path,
    /** The saved profile, or the proposal for these displays (firstStart says which). */
    load(displays: readonly DisplayInfo[]): { profile: WallProfile; firstStart: boolean } {
      if (!existsSync(path)) return { profile: proposeProfile(displays), firstStart: true };
      let problem: string;
      try {
        const parsed = parseProfile(JSON.parse(readFileSync(path, 'utf8')));
        if ('profile' in parsed) return { profile: parsed.profile, firstStart: false };
        problem = parsed.problem;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      const keptAs = `${path}.unreadable-${Date.now()}`;
      renameSync(path, keptAs);
      logger.error('profile.unreadable', { path, problem, keptAs });
      return { profile: proposeProfile(displays), firstStart: true };
    },
    save(profile: WallProfile): void {
      const parsed = parseProfile(profile);
      if (!('profile' in parsed)) throw new Error(parsed.problem);
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(parsed.profile, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
      logger.info('profile.saved', { path, videoWindows: profile.videoWindows, presentation: profile.presentation });
    },
  };
}
export type ProfileStore = ReturnType<typeof createProfileStore>;
