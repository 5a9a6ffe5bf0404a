import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WindowRole } from '../../../shared/wall/roles';
import type { CoreBridge } from '../bridge/bridge';
import type { WallState, WallStore } from '../state/wallStore';

export interface Wall {
  bridge: CoreBridge;
  store: WallStore;
  /** What this window is on the wall. */
  role: WindowRole;
}

export const WallContext = createContext<Wall | null>(null);

export function useWall(): Wall {
  const wall = useContext(WallContext);
  if (!wall) throw new Error('useWall outside <WallContext>');
  return wall;
}

/** Select the smallest slice a component needs; selectors live at module scope. */
export function useWallState<T>(selector: (state: WallState) => T): T {
  return useStore(useWall().store, selector);
}
