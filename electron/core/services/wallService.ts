import { initialWallState, WallStateSchema, type WallState } from '../../../shared/wall/wallState';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/referenceStore';

const settingKey = 'wall.state';

/**
 * The wall's shared state (presentation, video module, layout, hand-placed
 * cameras). Stored in the database so a restarted wall comes back as it
 * was; every change is announced to all windows.
 */
export function createWallService(deps: { db: Db; announce: (state: WallState) => void }) {
  const stored = getSetting(deps.db, settingKey);
  const parsed = stored ? WallStateSchema.safeParse(JSON.parse(stored)) : null;
  let state: WallState = parsed?.success ? parsed.data : initialWallState;

  return {
    get state(): WallState {
      return state;
    },
    change(next: Partial<WallState>): WallState {
      state = WallStateSchema.parse({ ...state, ...next });
      setSetting(deps.db, settingKey, JSON.stringify(state));
      deps.announce(state);
      return state;
    },
  };
}
export type WallService = ReturnType<typeof createWallService>;
