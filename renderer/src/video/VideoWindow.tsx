import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { streamUrl, type Camera } from '../../../shared/video/camera';
import { customLayout, presetLayout, tileRects, type Layout } from '../../../shared/video/layout';
import type { VideoState } from '../../../shared/video/videoState';
import type { WallState } from '../state/wallStore';
import { ageParts, formatTime, useLookups, useMinuteClock } from '../shell/lookups';
import { messageOf, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { CameraPanel } from './CameraPanel';
import { PlayerPool } from './playerPool';
import { SnapshotDialog } from './SnapshotDialog';
import { CanvasTilePlayer } from './canvasTilePlayer';
import { CanvasWall, canvasWallSupported } from './canvasWall';
import { playerCount, type WallPlayer } from './playerClock';
import type { VideoProbe } from './videoProbe';
import { VideoTile, type TileActions } from './VideoTile';
import { WallHealthBar } from './WallHealthBar';
import { useHealthReports } from './useHealthReports';

const selectOpenCases = (state: WallState) => state.openCases;
const selectVideo = (state: WallState) => state.video;
const selectLayout = (state: WallState) => state.wall?.layout ?? null;
const selectWallSolo = (state: WallState) => state.wall?.solo ?? null;
const selectPublic = (state: WallState) => state.session?.audience === 'public' || (state.wall?.presentation ?? false);
const tickerLength = 6;

/**
 * Which part of the wall this window shows: `?window=N` (0 = leftmost video
 * window) numbers its screens after those of the windows before it, and
 * `?cols=&rows=` gives a custom grid (e.g. an 18-screen 3×6 wall as three
 * 3×2 windows); otherwise the wall's shared layout.
 */
function windowLayout(shared: number | null): { layout: Layout; windowIndex: number } {
  const params = new URLSearchParams(window.location.search);
  const windowIndex = Math.max(0, Number(params.get('window') ?? 0) || 0);
  const columns = Number(params.get('cols'));
  const rows = Number(params.get('rows'));
  if (columns >= 1 && rows >= 1) {
    try {
      return { layout: customLayout(columns, rows), windowIndex };
    } catch {
      // An impossible grid in the URL: fall back to the wall's own layout.
    }
  }
  return { layout: presetLayout(shared ?? 9) ?? presetLayout(9)!, windowIndex };
}


/**
 * The camera matrix. Every tile plays its camera's live stream through a
 * player tuned for walls; the core decides which camera each screen shows
 * (slot plan, key focus, emergencies, hand placements, pins) and this window
 * follows it, starting the next slot's streams early so switches are seamless.
 */
export function VideoWindow() {
  const { t, i18n } = useTranslation();
  const { bridge } = useWall();
  const video = useWallState(selectVideo);
  const sharedLayout = useWallState(selectLayout);
  const readOnly = useWallState(selectPublic);
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [camerasError, setCamerasError] = useState<string | null>(null);
  // A screen shown alone: by a double-click here (this window only), or for the whole wall from the map (the core's).
  const [localSolo, setLocalSolo] = useState<number | null>(null);
  const wallSolo = useWallState(selectWallSolo);
  const [panelOpen, setPanelOpen] = useState(false);
  const [snapshot, setSnapshot] = useState<{ screen: number; camera: Camera; frame: string | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const holder = useRef<HTMLDivElement>(null);
  const canvasSlot = useRef<HTMLDivElement>(null);
  const [pool, setPool] = useState<PlayerPool | null>(null);
  const players = useRef(new Map<number, WallPlayer>());

  useEffect(() => {
    // Tiles are decoded in a worker and drawn on one canvas where the browser can (canvasWall.ts), else on <video>s.
    // `?engine=video` keeps every tile on a <video> (hls.js): a room PC whose browser draws the canvas badly, and the benchmark.
    const onVideo = new URLSearchParams(window.location.search).get('engine') === 'video';
    const wall = canvasWallSupported() && !onVideo ? new CanvasWall(canvasSlot.current!) : null;
    const created = new PlayerPool(holder.current!, wall);
    setPool(created);
    return () => {
      created.coolDown();
      wall?.destroy();
    };
  }, []);
  // Read again with every snapshot: after an outage the list may have changed, and a failed read gets its retry.
  useEffect(() => {
    let current = true;
    bridge.request('cameras.list', {}).then(
      (list) => {
        if (!current) return;
        setCameras(list);
        setCamerasError(null);
      },
      (failure: unknown) => current && setCamerasError(t('video.camerasFailed', { message: messageOf(failure) })),
    );
    return () => {
      current = false;
    };
  }, [bridge, snapshotsLoaded, t]);

  const { layout, windowIndex } = windowLayout(sharedLayout);
  const rects = useMemo(() => tileRects(layout), [layout]);
  const firstScreen = windowIndex * rects.length + 1;
  const soloScreen = localSolo ?? (wallSolo !== null && wallSolo >= firstScreen && wallSolo < firstScreen + rects.length ? wallSolo : null);
  useHealthReports(players);
  const cameraById = useMemo(() => new Map(cameras.map((camera) => [camera.id, camera])), [cameras]);
  const tileByScreen = useMemo(() => new Map((video?.tiles ?? []).map((tile) => [tile.screen, tile])), [video]);
  const caseNumbers = useMemo(() => new Map((video?.emergencies ?? []).map((emergency) => [emergency.caseId, emergency.caseNumber])), [video]);

  // Pre-warm: start the next slot's streams while the notice lasts; drop the ones no tile took once it ends.
  const prewarmUrls = useMemo(() => {
    if (!video?.prewarm) return [];
    const rendition = rects.length > 4 ? 'sub' : 'main';
    return video.next.cameraIds.flatMap((id) => {
      const camera = cameraById.get(id);
      const url = camera ? streamUrl(camera, rendition) : null;
      return url ? [url] : [];
    });
  }, [video, cameraById, rects.length]);
  useEffect(() => {
    if (!pool) return;
    if (prewarmUrls.length > 0) pool.prewarm(prewarmUrls);
    pool.coolDown(prewarmUrls);
  }, [pool, prewarmUrls]);

  const onPlayer = useCallback((screen: number, player: WallPlayer | null) => {
    if (player) players.current.set(screen, player);
    else players.current.delete(screen);
  }, []);

  // A probe for the end-to-end tests and the benchmark: what each tile plays and how it is doing.
  useEffect(() => {
    const probe: VideoProbe = {
      tiles: () =>
        [...document.querySelectorAll<HTMLElement>('.matrix .tile')].map((element) => {
          const screen = Number(element.dataset.screen);
          const player = players.current.get(screen);
          return {
            screen,
            cameraId: element.dataset.camera || null,
            health: element.dataset.health ?? '',
            latencyS: player?.snapshot.latencyS ?? null,
            ttffMs: player?.snapshot.ttffMs ?? null,
            url: player?.url ?? null,
            picture: player?.picture() ?? null,
            pictureTime: player?.pictureTime() ?? null,
          };
        }),
      players: playerCount,
      stalls: () =>
        [...players.current.values()].reduce(
          (sum, player) => {
            const stalls = player instanceof CanvasTilePlayer ? player.stalls() : { count: 0, stalledMs: 0 };
            return { count: sum.count + stalls.count, stalledMs: sum.stalledMs + stalls.stalledMs };
          },
          { count: 0, stalledMs: 0 },
        ),
    };
    (window as unknown as { gridwallVideo?: VideoProbe }).gridwallVideo = probe;
  }, []);

  const say = (failure: unknown) => setMessage(messageOf(failure));
  const actions: TileActions = useMemo(
    () => ({
      solo: (screen) => {
        // Going back from the wall's solo screen ends it for the wall; any other solo is this window's own.
        if (screen === wallSolo && localSolo === null) void bridge.request('video.solo', { screen: null }, 'mouse').then(() => setMessage(null), say);
        else setLocalSolo((current) => (current === screen ? null : screen));
      },
      place: (screen, cameraId) => void bridge.request('video.place', { screen, cameraId }, 'mouse').then(() => setMessage(null), say),
      pin: (screen, pinned) => void bridge.request('video.pin', { screen, pinned }, 'mouse').then(() => setMessage(null), say),
      toCase: (screen, camera, player) => void player.grabFrame().then((frame) => setSnapshot({ screen, camera, frame })),
    }),
    [bridge, wallSolo, localSolo],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || soloScreen === null || snapshot) return;
      if (localSolo !== null) setLocalSolo(null);
      else actions.solo(soloScreen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [soloScreen, localSolo, snapshot, actions]);

  const english = i18n.language === 'en';
  return (
    <div className="window">
      <WindowHeader role="video">
        {video && <SlotLine video={video} english={english} />}
        <WallHealthBar players={players} />
        {!readOnly && (
          <button type="button" className="button" aria-pressed={panelOpen} onClick={() => setPanelOpen((open) => !open)}>
            {t('video.cameras')}
          </button>
        )}
      </WindowHeader>
      {camerasError && (
        <p className="video-message" role="alert" data-testid="cameras-failed">
          {camerasError}
        </p>
      )}
      {message && (
        <p className="video-message" role="alert" onClick={() => setMessage(null)}>
          {message}
        </p>
      )}
      {notice && (
        <p className="video-notice" role="status" data-testid="video-notice" onClick={() => setNotice(null)}>
          {notice}
        </p>
      )}
      <main className="video-body">
        <div className="video-main">
          <div
            className="matrix"
            data-testid="matrix"
            style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}
          >
            <div className="matrix-canvas-slot" ref={canvasSlot} />
            {pool &&
              rects.map((rect) => {
                const screen = firstScreen + rect.tileIndex;
                const tile = tileByScreen.get(screen);
                const solo = soloScreen === screen;
                return (
                  <VideoTile
                    key={screen}
                    screen={screen}
                    tile={tile}
                    camera={tile?.cameraId ? cameraById.get(tile.cameraId) : undefined}
                    caseNumber={tile?.caseId !== undefined ? caseNumbers.get(tile.caseId) : undefined}
                    pool={pool}
                    solo={solo}
                    hidden={soloScreen !== null && !solo}
                    readOnly={readOnly}
                    actions={actions}
                    onPlayer={onPlayer}
                    style={
                      solo
                        ? { gridColumn: `1 / span ${layout.columns}`, gridRow: `1 / span ${layout.rows}` }
                        : { gridColumn: `${rect.column + 1} / span ${rect.columns}`, gridRow: `${rect.row + 1} / span ${rect.rows}` }
                    }
                  />
                );
              })}
          </div>
          {panelOpen && <CameraPanel cameras={cameras} onWall={new Set((video?.tiles ?? []).map((tile) => tile.cameraId ?? ''))} />}
        </div>
        <LatestCases />
      </main>
      <div className="prewarm-holder" ref={holder} aria-hidden />
      {snapshot && <SnapshotDialog {...snapshot} slotName={video ? (english ? video.slot.name.en : video.slot.name.zh) : ''} onClose={() => setSnapshot(null)} onCreated={(number) => {
            setSnapshot(null);
            setNotice(t('video.created', { number }));
          }} />}
    </div>
  );
}

/**
 * Emergencies named in the header; more are counted. The header stays one line, so the matrix below never changes
 * size with what the header says (each tile shows its own emergency anyway).
 */
const headerEmergencies = 2;

function SlotLine({ video, english }: { video: VideoState; english: boolean }) {
  const { t } = useTranslation();
  const name = (value: { zh: string; en: string }) => (english ? value.en : value.zh);
  // Emergencies first: when the line is too short for everything, the routine slot information is what gives way.
  return (
    <span className="slot-line" data-testid="slot" data-slot={video.slot.id}>
      {video.emergencies.slice(0, headerEmergencies).map((emergency) => (
        <span key={emergency.caseId} className="badge badge-emergency" data-testid="emergency-badge">
          {t('video.emergency', { number: emergency.caseNumber })} · {t('video.emergencyUntil', { time: formatTime(emergency.expiresAtMs - video.clockOffsetMs) })}
        </span>
      ))}
      {video.emergencies.length > headerEmergencies && (
        <span className="badge badge-emergency" data-testid="more-emergencies">
          {t('video.moreEmergencies', { count: video.emergencies.length - headerEmergencies })}
        </span>
      )}
      <strong>{t('video.slot', { name: name(video.slot.name) })}</strong>
      <span className="muted">{t('video.nextSlot', { time: formatTime(video.next.atMs - video.clockOffsetMs), name: name(video.next.name) })}</span>
      {video.prewarm && <span className="badge badge-prewarm">{t('video.prewarming')}</span>}
      {video.clockOffsetMs !== 0 && <span className="badge badge-demo">{t('video.rehearsal')}</span>}
    </span>
  );
}

function LatestCases() {
  const { t } = useTranslation();
  const openCases = useWallState(selectOpenCases);
  const lookups = useLookups();
  const now = useMinuteClock();
  const latest = useMemo(
    () => [...openCases.values()].sort((a, b) => b.reportedAt - a.reportedAt || b.id - a.id).slice(0, tickerLength),
    [openCases],
  );
  return (
    <section className="ticker" aria-label={t('video.newCases')} data-testid="latest-cases">
      <h2>{t('video.newCases')}</h2>
      <ol>
        {latest.map((item) => {
          const age = ageParts(item.reportedAt, now);
          return (
            <li key={item.id} className={item.urgent ? 'is-urgent' : undefined} data-case-number={item.number}>
              {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>}
              <span className="ticker-category">{lookups.categoryName(item.categoryCode)}</span>
              <span className="ticker-place">{item.address || lookups.gridName(item.gridId) || t('queue.unlocated')}</span>
              <span className="muted">{t(age.key, { count: age.count })}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
