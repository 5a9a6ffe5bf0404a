import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Case } from '../../../shared/domain/case';
import type { MapSetup } from '../../../shared/map/mapSetup';
import type { Camera } from '../../../shared/video/camera';
import type { WallState, WallStore } from '../state/wallStore';
import { i18n, locale } from '../shell/i18n';
import type { MapCallbacks, MapController } from './mapController';
import { installMapProbe } from './mapProbe';
import { useWallState } from '../shell/WallContext';

const selectReference = (state: WallState) => state.reference;
const selectFirstSnapshotIn = (state: WallState) => state.snapshotsLoaded > 0;

// The map library is most of this window's code: asked for as the window starts, it is read while the window
// connects and reads its snapshot, instead of before.
const mapModule = import('./mapController');

/** Which open cases the map shows (the queue's filters or the map's own), and when that rule last changed. */
export interface CaseVisibility {
  visible: (item: Case, now: number) => boolean;
  key: string;
}

/**
 * Creates the map once the district and the map's set-up are known, and
 * keeps its layers in step with the window's store without re-rendering
 * React: cases and pulses by diff as changes arrive, the clock states once
 * a minute, camera health and wall screens as they change, the selection's
 * halo and grid outline, and a flight when another window selected a case.
 */
export function useMapController(
  container: RefObject<HTMLDivElement | null>,
  store: WallStore,
  setup: MapSetup | null,
  cameras: readonly Camera[],
  visibility: CaseVisibility,
  callbacks: MapCallbacks,
): MapController | null {
  const [controller, setController] = useState<MapController | null>(null);
  const latestCallbacks = useRef(callbacks);
  useEffect(() => {
    latestCallbacks.current = callbacks;
  });
  const reference = useWallState(selectReference);
  // The map starts once the window has its first snapshot: started sooner, its frames (long in software rendering)
  // hold up the snapshot's reads on this thread, and the open cases then come as a second pass of the map's worker.
  const firstSnapshotIn = useWallState(selectFirstSnapshotIn);

  useEffect(() => {
    const element = container.current;
    if (!reference || !setup || !element || !firstSnapshotIn) return;
    let live = true;
    let created: MapController | null = null;
    void mapModule.then(({ createMapController }) => {
      if (!live) return;
      const map = createMapController(element, {
        geography: reference.geography,
        setup,
        locale,
        screenLabel: (screen) => i18n.t('map.camera.screen', { n: screen }),
        callbacks: {
          caseClicked: (id) => latestCallbacks.current.caseClicked(id),
          cameraClicked: (id, at) => latestCallbacks.current.cameraClicked(id, at),
          spotChosen: (lngLat, at) => latestCallbacks.current.spotChosen(lngLat, at),
          emptyClicked: () => latestCallbacks.current.emptyClicked(),
        },
      });
      created = map;
      void map.ready.then(() => live && setController(map));
    });
    return () => {
      live = false;
      setController(null);
      created?.pulses.remove();
      created?.remove();
    };
  }, [reference, setup, container, firstSnapshotIn]);

  useCaseSync(controller, store, visibility);
  useSelectionSync(controller, store);
  useCameraSync(controller, store, cameras);
  useEffect(() => (controller ? installMapProbe(controller, store) : undefined), [controller, store]);
  return controller;
}

function useCaseSync(controller: MapController | null, store: WallStore, visibility: CaseVisibility): void {
  useEffect(() => {
    if (!controller) return;
    const draw = () => {
      const now = Date.now();
      const visible = (item: Case) => visibility.visible(item, now);
      const { openCases } = store.getState();
      controller.cases.sync(openCases, visible, now);
      controller.pulses.sync(openCases, visible);
    };
    draw();
    // Changes that arrive together go as one diff; a timer, not the next animation frame, so the diff reaches
    // the map's worker while the current frame is still being drawn (a software-rendered frame takes long).
    let pending = 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.openCases === previous.openCases || pending) return;
      pending = window.setTimeout(() => {
        pending = 0;
        draw();
      }, 0);
    });
    // Deadlines pass without an event: the colours are read again every minute.
    const minute = window.setInterval(draw, 60_000);
    return () => {
      unsubscribe();
      window.clearTimeout(pending);
      window.clearInterval(minute);
    };
  }, [controller, store, visibility]);
}

const selectedGridOf = (state: WallState) => {
  const id = state.selectedCaseId;
  if (id === null) return null;
  return state.openCases.get(id)?.gridId ?? (state.selection?.caseId === id ? state.selection.gridId : null);
};

function useSelectionSync(controller: MapController | null, store: WallStore): void {
  useEffect(() => {
    if (!controller) return;
    const apply = (state: WallState, previous: WallState | null) => {
      if (!previous || state.selectedCaseId !== previous.selectedCaseId || state.openCases !== previous.openCases) {
        controller.cases.select(state.selectedCaseId);
        controller.highlightGrid(selectedGridOf(state));
      }
      // Another window (or a command) chose a case: go there. This window's own clicks are already in view, and a
      // selection read again with a snapshot (the window opening, a link coming back) is not a new choice.
      const selection = state.selection;
      const chosenNow = previous !== null && selection !== null && selection.at !== previous.selection?.at && state.seq !== 0 && previous.snapshotsLoaded === state.snapshotsLoaded;
      if (chosenNow && selection.origin !== state.origin && selection.lngLat) controller.flyTo(selection.lngLat);
    };
    apply(store.getState(), null);
    return store.subscribe((state, previous) => apply(state, previous));
  }, [controller, store]);
}

function useCameraSync(controller: MapController | null, store: WallStore, cameras: readonly Camera[]): void {
  useEffect(() => {
    if (!controller) return;
    controller.cameras.setCameras(cameras, store.getState().video);
    controller.cameras.setHealth(store.getState().cameraHealth);
    return store.subscribe((state, previous) => {
      if (state.video !== previous.video) {
        controller.cameras.setCameras(cameras, state.video);
        controller.cameras.setHealth(state.cameraHealth);
      } else if (state.cameraHealth !== previous.cameraHealth) {
        controller.cameras.setHealth(state.cameraHealth);
      }
    });
  }, [controller, store, cameras]);
}
