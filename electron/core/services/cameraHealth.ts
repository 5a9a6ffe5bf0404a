import type { CameraHealth, CameraHealthState } from '../../../shared/map/linkState';
import type { EventHub } from '../runtime/eventHub';

/** Best first: a camera one window plays live is streaming, whatever another window's link does. */
const rank: Record<CameraHealthState, number> = { live: 0, reconnecting: 1, frozen: 2, offline: 3 };

/**
 * How the cameras on the wall are doing, as the video windows see them (the
 * only place health is known: from the picture itself). Each window reports
 * its whole set; a window that goes away takes its reports with it. The
 * room-wide view is announced when a camera's state changes, never for a
 * report that changes nothing.
 */
export function createCameraHealth(deps: { hub: EventHub; clock: () => number; knownCamera: (id: string) => boolean }) {
  const reports = new Map<string, Record<string, CameraHealthState>>();
  let merged: Record<string, CameraHealth> = {};

  function recompute(): void {
    const best = new Map<string, CameraHealthState>();
    for (const report of reports.values()) {
      for (const [cameraId, state] of Object.entries(report)) {
        const current = best.get(cameraId);
        if (current === undefined || rank[state] < rank[current]) best.set(cameraId, state);
      }
    }
    const next: Record<string, CameraHealth> = {};
    let changed = Object.keys(merged).length !== best.size;
    for (const [cameraId, state] of best) {
      const before = merged[cameraId];
      next[cameraId] = before?.state === state ? before : { state, since: deps.clock() };
      if (before?.state !== state) changed = true;
    }
    merged = next;
    if (changed) deps.hub.emit('cameras.healthChanged', { health: merged });
  }

  return {
    get current(): Record<string, CameraHealth> {
      return merged;
    },
    report(connectionId: string, health: Record<string, CameraHealthState>): void {
      reports.set(connectionId, Object.fromEntries(Object.entries(health).filter(([cameraId]) => deps.knownCamera(cameraId))));
      recompute();
    },
    forget(connectionId: string): void {
      if (reports.delete(connectionId)) recompute();
    },
  };
}
export type CameraHealthRegistry = ReturnType<typeof createCameraHealth>;
