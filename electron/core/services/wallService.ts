import { initialWallState, WallStateSchema, type WallState } from '../../../shared/wall/wallState';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/referenceStore';
import type { Actor, RoomAudit } from './actors';

const settingKey = 'wall.state';

/** What changed between two wall states, for the audit trail. */
function changedFields(before: WallState, after: WallState): Partial<WallState> {
  return Object.fromEntries(
    (Object.keys(after) as (keyof WallState)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, after[key]]),
  );
}

/**
 * The wall's shared state (presentation, video module, layout, hand-placed
 * cameras). Stored in the database so a restarted wall comes back as it
 * was; every change is audited (who, what, how) and announced to all windows.
 */
export function createWallService(deps: { db: Db; audit: RoomAudit; announce: (state: WallState) => void }) {
  const stored = getSetting(deps.db, settingKey);
  const parsed = stored ? WallStateSchema.safeParse(JSON.parse(stored)) : null;
  let state: WallState = parsed?.success ? parsed.data : initialWallState;

  return {
    get state(): WallState {
      return state;
    },
    /** `kind` names the change in the audit trail (a placement, a pin …); plain wall changes are `wall.changed`. */
    change(next: Partial<WallState>, actor: Actor, kind = 'wall.changed', details: Record<string, unknown> = {}): WallState {
      const after = WallStateSchema.parse({ ...state, ...next });
      const changed = changedFields(state, after);
      if (Object.keys(changed).length === 0 && kind === 'wall.changed') return state;
      deps.db.transaction(() => {
        setSetting(deps.db, settingKey, JSON.stringify(after));
        deps.audit(actor, kind, { ...details, changed });
      })();
      state = after;
      deps.announce(state);
      return state;
    },
  };
}
export type WallService = ReturnType<typeof createWallService>;
