import { useEffect, type RefObject } from 'react';
import type { CameraHealthState } from '../../../shared/map/linkState';
import { selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import type { WallState } from '../state/wallStore';
import type { WallPlayer } from './playerClock';

const selectCanReport = (state: WallState) => state.session?.audience === 'operator';

/** A tile's health as the map shows it: a stall or a start is "reconnecting", a 4xx or a missing stream "offline". */
export function mapHealthOf(kind: WallPlayer['snapshot']['health']['kind']): CameraHealthState {
  if (kind === 'live') return 'live';
  if (kind === 'frozen') return 'frozen';
  if (kind === 'offline') return 'offline';
  return 'reconnecting';
}

/**
 * Health is known only here, from the picture itself; the map shows it too,
 * so this window tells the core how each camera it plays is doing: checked
 * once a second, sent when anything changed, and sent whole again after every
 * reconnect (the core forgets a window's report when its link goes).
 */
export function useHealthReports(players: RefObject<Map<number, WallPlayer>>): void {
  const { bridge, store } = useWall();
  const canReport = useWallState(selectCanReport);
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  useEffect(() => {
    if (!canReport) return;
    let sent = '';
    const check = () => {
      const health: Record<string, CameraHealthState> = {};
      const onScreen = new Map((store.getState().video?.tiles ?? []).map((tile) => [tile.screen, tile.cameraId]));
      for (const [screen, player] of players.current) {
        const cameraId = onScreen.get(screen);
        if (!cameraId) continue;
        const state = mapHealthOf(player.snapshot.health.kind);
        // One camera on two screens: the better picture says how the camera is.
        if (health[cameraId] !== 'live') health[cameraId] = state;
      }
      const text = JSON.stringify(health);
      if (text === sent) return;
      sent = text;
      void bridge.request('cameras.reportHealth', { health }, 'mouse').catch(() => {
        sent = '';
      });
    };
    check();
    const timer = window.setInterval(check, 1_000);
    return () => window.clearInterval(timer);
  }, [bridge, store, players, canReport, snapshotsLoaded]);
}
