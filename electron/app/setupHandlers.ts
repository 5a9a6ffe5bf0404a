import type { WebContents } from 'electron';
import type { Locale } from '../../shared/domain/names';
import { parseProfile, proposeProfile, type DisplayInfo, type WallProfile } from '../../shared/wall/profile';
import { canSave } from '../../shared/wall/setup';
import type { WallSetupSaveResult, WallSetupSnapshot } from '../../shared/wall/shellApi';
import type { WallState } from '../../shared/wall/wallState';
import type { Session } from '../core/core';
import type { CoreLink } from '../core/runtime/link';
import type { Logger } from '../core/runtime/logger';
import type { ShellHandlers } from './ipc';
import type { ProfileStore } from './profileStore';
import type { SetupWindows } from './setupWindow';
import type { WallKeeper } from './wallKeeper';

export interface SetupHandlerDeps {
  link: CoreLink;
  locale: Locale;
  store: ProfileStore;
  keeper: WallKeeper;
  setup: Pick<SetupWindows, 'identify' | 'close' | 'isSetupWindow'>;
  logger: Logger;
  displays: () => DisplayInfo[];
  answered: Map<WebContents, () => void>;
  /** The profile the wall started with. */
  initial: WallProfile;
  /** The core starts with the number of video windows: a new number needs a fresh start. */
  restart: () => void;
}

/** The shell reads the wall's layout as a read-only window would; it never writes through the core. */
const shellSession = (locale: Locale): Session => ({ connectionId: 'shell-setup', role: 'video', audience: 'operator', locale });

/**
 * What the setup view's calls do: load the displays and the profile, save a
 * profile the director arranged (validated again here: the view is a page),
 * and show the display numbers. Saving moves the windows at once.
 */
export function setupHandlers(deps: SetupHandlerDeps): ShellHandlers {
  const { store, keeper, logger } = deps;
  let current = deps.initial;

  async function tilesPerVideoWindow(): Promise<number> {
    const answer = await deps.link.request(shellSession(deps.locale), { id: 0, name: 'wall.get', args: {}, input: 'keyboard' });
    return answer.ok ? (answer.value as WallState).layout : 9;
  }

  return {
    answered: (contents) => deps.answered.get(contents)?.(),
    isSetupWindow: (contents) => deps.setup.isSetupWindow(contents),
    async setupLoad(): Promise<WallSetupSnapshot> {
      const displays = deps.displays();
      const loaded = store.load(displays);
      current = loaded.profile;
      return { displays, profile: loaded.profile, proposal: proposeProfile(displays), firstStart: loaded.firstStart, tilesPerVideoWindow: await tilesPerVideoWindow() };
    },
    async setupSave(raw: unknown): Promise<WallSetupSaveResult> {
      const parsed = parseProfile(raw);
      if (!('profile' in parsed)) {
        logger.warn('profile.refused', { problem: parsed.problem });
        return { ok: false, message: `布局无效：${parsed.problem} / The arrangement is not valid: ${parsed.problem}` };
      }
      if (!canSave(parsed.profile)) return { ok: false, message: '每个窗口都需要一个显示器。/ Every window needs a display.' };
      try {
        store.save(parsed.profile);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error('profile.saveFailed', { error: message });
        return { ok: false, message: `无法保存：${message} / Could not save: ${message}` };
      }
      const restarting = parsed.profile.videoWindows !== current.videoWindows;
      current = parsed.profile;
      if (restarting) setTimeout(deps.restart, 1_500);
      else keeper.applyProfile(parsed.profile);
      return { ok: true, restarting };
    },
    setupIdentify: (on) => deps.setup.identify(on, deps.displays()),
    setupClose: () => deps.setup.close(),
  };
}
