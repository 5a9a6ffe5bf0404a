import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseQuerySchema, type CaseFilter, type PlaceAt } from '../../../shared/contract/contract';
import type { LngLat } from '../../../shared/domain/district';
import { localName } from '../../../shared/domain/names';
import { caseFilter } from '../../../shared/map/caseFilter';
import type { MapSetup } from '../../../shared/map/mapSetup';
import type { Camera } from '../../../shared/video/camera';
import { NewCaseForm } from '../queue/NewCaseForm';
import { FilterBar } from '../queue/FilterBar';
import { defaultFilters, type QueueFilters } from '../queue/useCaseQuery';
import { locale } from '../shell/i18n';
import { useLookups, useMinuteClock } from '../shell/lookups';
import { messageOf, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { SignInDialog } from '../shell/SignInDialog';
import { useWall, useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { selectCase } from '../state/selection';
import type { WallState } from '../state/wallStore';
import { CameraMenu } from './CameraMenu';
import { DensityPanel } from './DensityPanel';
import { FilterLine, LayerPanel, Legend, SelectedCaseCard } from './MapPanels';
import { MapWarnings } from './MapWarnings';
import { SpotMenu } from './SpotMenu';
import type { ToggleableLayer } from './layers/toggleable';
import { useDensity } from './useDensity';
import { useMapController, type CaseVisibility } from './useMapController';

const selectReference = (state: WallState) => state.reference;
const selectOpenCases = (state: WallState) => state.openCases;
const selectSharedFilter = (state: WallState) => state.sharedFilter;

type Overlay = { kind: 'none' } | { kind: 'camera'; camera: Camera; at: { x: number; y: number } } | { kind: 'spot'; lngLat: LngLat; at: { x: number; y: number } } | { kind: 'newCase'; place: PlaceAt };

const sameOrNew = <T,>(shown: T, read: T): T => (JSON.stringify(shown) === JSON.stringify(read) ? shown : read);

const allLayers: Record<ToggleableLayer, boolean> = { cases: true, cameras: true, density: true, transit: true };
const toCaseFilter = (filters: QueueFilters): CaseFilter => {
  const { sort: _sort, offset: _offset, limit: _limit, ...filter } = CaseQuerySchema.parse(filters);
  return filter;
};

/**
 * The room's spatial view: the district (the room's own sub-district
 * brighter), cameras with what they see and how they are doing, open cases
 * by their clock and whose move it is, and where problems of a category
 * occur in a time slot. Linked both ways: a case selected anywhere on this
 * console flies the map there; a case or camera chosen here drives the
 * queue and the wall.
 */
export function MapWindow() {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const reference = useWallState(selectReference);
  const openCases = useWallState(selectOpenCases);
  const sharedFilter = useWallState(selectSharedFilter);
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const container = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<MapSetup | null>(null);
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [readError, setReadError] = useState<string | null>(null);
  const [layers, setLayers] = useState(allLayers);
  const [follow, setFollow] = useState(true);
  const [ownFilters, setOwnFilters] = useState<QueueFilters>(defaultFilters);
  const [overlay, setOverlay] = useState<Overlay>({ kind: 'none' });
  // Over the menu that needed it, which stays open for the same click again.
  const [signingIn, setSigningIn] = useState(false);

  useEffect(() => {
    let current = true;
    Promise.all([bridge.request('map.setup', {}), bridge.request('cameras.list', {})]).then(
      ([readSetup, readCameras]) => {
        if (!current) return;
        // Read again after every snapshot (a reconnect may bring a new set-up): what did not change is kept as it
        // is, so the map is not rebuilt and the cameras are not re-tiled for nothing (frames cost here).
        setSetup((shown) => sameOrNew(shown, readSetup));
        setCameras((shown) => sameOrNew(shown, readCameras));
        setReadError(null);
      },
      (error: unknown) => current && setReadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [bridge, snapshotsLoaded]);

  const filter: CaseFilter | null = follow ? (sharedFilter?.filter ?? null) : toCaseFilter(ownFilters);
  // The rule is rebuilt when the filter reads differently, not on every render.
  const filterKey = JSON.stringify(filter);
  const visibility: CaseVisibility = useMemo(() => {
    const parsed = JSON.parse(filterKey) as CaseFilter | null;
    const rule = parsed ? caseFilter(parsed) : null;
    return { key: filterKey, visible: (item, now) => rule === null || rule(item, now) };
  }, [filterKey]);
  const now = useMinuteClock();

  const callbacks = useMemo(
    () => ({
      caseClicked: (caseId: number) => selectCase(bridge, store, caseId),
      cameraClicked: (cameraId: string, at: { x: number; y: number }) => {
        const camera = cameras.find((candidate) => candidate.id === cameraId);
        if (camera) setOverlay({ kind: 'camera', camera, at });
      },
      spotChosen: (lngLat: LngLat, at: { x: number; y: number }) => setOverlay({ kind: 'spot', lngLat, at }),
      emptyClicked: () => setOverlay((shown) => (shown.kind === 'camera' || shown.kind === 'spot' ? { kind: 'none' } : shown)),
    }),
    [bridge, store, cameras],
  );
  const controller = useMapController(container, store, setup, cameras, visibility, callbacks);
  const density = useDensity(controller, setup, layers.density);

  useEffect(() => {
    if (!controller) return;
    for (const layer of ['cases', 'cameras', 'transit'] as const) controller.setVisible(layer, layers[layer]);
  }, [controller, layers]);

  const shown = useMemo(() => {
    let count = 0;
    for (const item of openCases.values()) if (item.lngLat && visibility.visible(item, now)) count++;
    return count;
  }, [openCases, visibility, now]);
  const unlocated = useMemo(() => [...openCases.values()].filter((item) => !item.lngLat).length, [openCases]);
  const shownOnMap = useCallback((caseId: number) => controller?.cases.isShown(caseId) ?? false, [controller]);

  return (
    <div className="window">
      <MapHeader openCount={openCases.size} unlocated={unlocated} />
      <main className="map-body">
        <div className="map-stage">
          <div className="map-canvas" ref={container} data-testid="map" data-ready={controller !== null} />
          {reference?.geography.illustrative && <p className="map-note">{t('map.illustrative')}</p>}
          {readError && (
            <p className="map-error" role="alert">
              {readError}
            </p>
          )}
          {overlay.kind === 'camera' && <CameraMenu camera={overlay.camera} at={overlay.at} onClose={() => setOverlay({ kind: 'none' })} onNeedSignIn={() => setSigningIn(true)} />}
          {overlay.kind === 'spot' && (
            <SpotMenu
              lngLat={overlay.lngLat}
              at={overlay.at}
              cameras={cameras}
              onCamera={(camera) => setOverlay({ kind: 'camera', camera, at: overlay.at })}
              onNewCase={(place) => {
                setOverlay({ kind: 'newCase', place });
                // Filing a case needs someone signed in: asked first, over the form.
                if (!store.getState().operator) setSigningIn(true);
              }}
              onClose={() => setOverlay({ kind: 'none' })}
            />
          )}
        </div>
        <aside className="map-side">
          <FilterLine follow={follow} filter={filter} shown={shown} total={openCases.size} onFollow={setFollow} />
          {!follow && <FilterBar ref={null} filters={ownFilters} onChange={setOwnFilters} total={shown} />}
          <SelectedCaseCard shownOnMap={shownOnMap} />
          <DensityPanel {...density.panel} onGrid={(gridId) => controller?.flyToGrid(gridId)} />
          <LayerPanel visible={layers} onToggle={(layer) => setLayers((current) => ({ ...current, [layer]: !current[layer] }))} />
          <Legend />
          {setup && setup.warnings.length > 0 && <MapWarnings warnings={setup.warnings} />}
        </aside>
      </main>
      {overlay.kind === 'newCase' && <NewCaseDialog place={overlay.place} onClose={() => setOverlay({ kind: 'none' })} />}
      {signingIn && <SignInDialog onClose={() => setSigningIn(false)} />}
    </div>
  );
}

function MapHeader({ openCount, unlocated }: { openCount: number; unlocated: number }) {
  const { t } = useTranslation();
  const openCases = useWallState(selectOpenCases);
  const urgent = useMemo(() => [...openCases.values()].filter((item) => item.urgent).length, [openCases]);
  return (
    <WindowHeader role="map">
      <span className="legend">
        <span className="legend-dot legend-open" /> {t('map.legendOpen')}
        <span className="count-figure" data-testid="open-count">
          {t('queue.count', { count: openCount })}
        </span>
        <span className="legend-dot legend-urgent" /> {t('map.legendUrgent')}
        <span className="count-figure count-urgent">{t('queue.count', { count: urgent })}</span>
        {unlocated > 0 && <span className="muted">{t('map.unlocated', { count: unlocated })}</span>}
      </span>
    </WindowHeader>
  );
}

/** "New case here": the queue's form, with the spot, its grid and nearest address filled in. */
function NewCaseDialog({ place, onClose }: { place: PlaceAt; onClose(): void }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  const address = place.address ? localName(place.address, 'zh-CN') : '';
  const label = [lookups.gridName(place.gridId), place.address ? localName(place.address, locale) : null].filter(Boolean).join(' · ');
  return (
    <div className="command-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <section className="map-dialog" role="dialog" aria-modal="true" aria-label={t('map.newCaseAt')}>
        <NewCaseForm at={{ lngLat: place.lngLat, address, label }} onClose={onClose} onCreated={onClose} />
      </section>
    </div>
  );
}
