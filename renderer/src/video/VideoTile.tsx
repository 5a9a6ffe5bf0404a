import { useEffect, useRef, useState, useSyncExternalStore, type CSSProperties, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../bridge/bridge';
import { streamUrl, type Camera } from '../../../shared/video/camera';
import { subOrMain, type PixelSize } from '../../../shared/video/layout';
import type { VideoTile as TileState } from '../../../shared/video/videoState';
import type { PlayerPool } from './playerPool';
import type { WallPlayer } from './playerClock';
import type { PlayerView } from './tileWatch';

export const cameraDragType = 'application/x-gridwall-camera';

const idleView: PlayerView = { health: { kind: 'connecting', attempt: 0, lastFrameAtMs: null }, reason: null, latencyS: null, ttffMs: null, hasStill: false, frameAgeS: null, retryInS: null };
const noSubscription = () => () => undefined;

export interface TileActions {
  solo(screen: number): void;
  place(screen: number, cameraId: string): void;
  pin(screen: number, pinned: boolean): void;
  toCase(screen: number, camera: Camera, player: WallPlayer): void;
}

interface Props {
  screen: number;
  tile: TileState | undefined;
  camera: Camera | undefined;
  caseNumber: string | undefined;
  pool: PlayerPool;
  style: CSSProperties;
  solo: boolean;
  hidden: boolean;
  readOnly: boolean;
  actions: TileActions;
  /** Registers the tile's player for the wall health bar and the window's test/benchmark probe. */
  onPlayer(screen: number, player: WallPlayer | null): void;
}

/**
 * The tile's size in CSS pixels, which is also the picture's box (the media fills the borderless tile), measured
 * when it settles (layouts change in big steps; see subOrMain).
 */
function useTileSize(box: React.RefObject<HTMLDivElement | null>): PixelSize {
  const [size, setSize] = useState<PixelSize>({ width: 0, height: 0 });
  useEffect(() => {
    const element = box.current!;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width === 0) return;
      setSize((shown) => (shown.width === width && shown.height === height ? shown : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  return size;
}

/** What a tile says of its health: what is wrong first, in large type; how it is dealing with it (retry n in x s) below. */
function tileWords(health: string, view: PlayerView, t: Translate) {
  const down = health === 'reconnecting' || health === 'connecting' || health === 'offline';
  const reason = down ? view.reason : null;
  const retry =
    view.health.kind === 'reconnecting'
      ? t('video.health.reconnecting', { attempt: view.health.attempt, seconds: view.retryInS ?? 0 })
      : view.health.kind === 'connecting' && view.health.attempt > 0
        ? t('video.health.retrying', { attempt: view.health.attempt })
        : null;
  const headline = reason ? t(`video.reason.${reason}`) : (retry ?? t(`video.health.${health}`));
  return { reason, retry, headline };
}

/**
 * One screen of the wall. Plays the sub stream when small and the main
 * stream when large (by its size in device pixels), says which camera it is
 * and where it comes from, and shows its health honestly: a frozen or lost
 * picture is never passed off as live.
 */
export function VideoTile({ screen, tile, camera, caseNumber, pool, style, solo, hidden, readOnly, actions, onPlayer }: Props) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const mount = useRef<HTMLDivElement>(null);
  const size = useTileSize(box);
  const [player, setPlayer] = useState<WallPlayer | null>(null);
  const [dropping, setDropping] = useState(false);

  // Sub or main stream by the tile's size in device pixels; the player draws the picture 1:1 when it nearly fits.
  const rendition = size.width > 0 ? subOrMain(size.width * devicePixelRatio, size.height * devicePixelRatio) : null;
  const url = camera && rendition ? streamUrl(camera, rendition) : null;
  useEffect(() => {
    if (!url) return;
    const acquired = pool.acquire(url);
    mount.current!.append(acquired.element);
    // The player is an external system the effect creates; its state is read through useSyncExternalStore.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPlayer(acquired);
    onPlayer(screen, acquired);
    return () => {
      onPlayer(screen, null);
      pool.release(acquired);
      setPlayer(null);
    };
  }, [url, pool, screen, onPlayer]);

  useEffect(() => player?.setBox(size), [player, size]);

  const view = useSyncExternalStore(player?.subscribe ?? noSubscription, () => player?.snapshot ?? idleView);
  const cameraName = camera ? (i18n.language === 'en' ? camera.name.en : camera.name.zh) : null;
  const source = tile?.source ?? 'empty';
  const health = !camera ? 'empty' : !url && rendition ? 'noStream' : view.health.kind;
  const frameAgeS = view.frameAgeS;
  // A picture is on screen (live, frozen, or the last one kept while reconnecting): a tile that is not live veils it.
  const hasPicture = camera !== undefined && (view.ttffMs !== null || view.hasStill);
  const { reason, retry, headline } = tileWords(health, view, t);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const cameraId = event.dataTransfer.getData(cameraDragType);
    if (cameraId) actions.place(screen, cameraId);
  };

  return (
    <div
      ref={box}
      className={`tile tile-${health} tile-source-${source}${hasPicture ? ' tile-picture' : ''}${solo ? ' tile-solo' : ''}${hidden ? ' tile-hidden' : ''}${dropping ? ' tile-drop' : ''}`}
      style={style}
      data-screen={screen}
      data-camera={camera?.id ?? ''}
      data-health={health}
      data-reason={reason ?? ''}
      data-source={source}
      tabIndex={0}
      aria-label={`${t('video.screen', { n: screen })} ${cameraName ?? ''}`}
      onDoubleClick={() => actions.solo(screen)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) actions.solo(screen);
      }}
      onDragOver={(event) => {
        if (readOnly || !event.dataTransfer.types.includes(cameraDragType)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <div className="tile-media" ref={mount} />
      {(source === 'emergency' || dropping) && <span className="tile-frame" aria-hidden />}
      <span className="tile-screen" data-testid="tile-screen">
        {screen}
      </span>
      {source !== 'empty' && source !== 'slot' && (
        <span className={`tile-source source-${source}`}>
          {source === 'emergency' && caseNumber ? t('video.emergency', { number: caseNumber }) : t(`video.source.${source}`)}
        </span>
      )}
      {!camera && <span className="tile-state">{t('video.health.empty')}</span>}
      {camera && health !== 'live' && <TileState health={health} headline={headline} retry={reason ? retry : null} frameAgeS={frameAgeS} />}
      <div className="tile-footer">
        <span className="tile-camera" data-testid="tile-camera">
          {cameraName ?? '—'}
        </span>
        {camera && (
          <span className={`tile-age health-${health}`} title={headline}>
            <span className="dot" aria-hidden />
            {health === 'live' && view.latencyS !== null ? `${Math.round(view.latencyS)} s` : frameAgeS !== null ? `${frameAgeS} s` : '—'}
          </span>
        )}
      </div>
      {camera && !readOnly && (
        <div className="tile-actions">
          <button type="button" className="tile-button" onClick={() => actions.pin(screen, !tile?.pinned)} aria-pressed={tile?.pinned ?? false}>
            {tile?.pinned ? t('video.unpin') : t('video.pin')}
          </button>
          <button type="button" className="tile-button" onClick={() => player && actions.toCase(screen, camera, player)} disabled={!player}>
            {t('video.toCase')}
          </button>
          <button type="button" className="tile-button" onClick={() => actions.solo(screen)}>
            {solo ? t('video.back') : t('video.solo')}
          </button>
        </div>
      )}
    </div>
  );
}

/** What is wrong with a tile that is not live, in large type, and how it is dealing with it. */
function TileState({ health, headline, retry, frameAgeS }: { health: string; headline: string; retry: string | null; frameAgeS: number | null }) {
  const { t } = useTranslation();
  return (
    <span className={`tile-state state-${health}`} role="status">
      <span data-testid="tile-headline">{headline}</span>
      {retry && <small data-testid="tile-retry">{retry}</small>}
      {frameAgeS !== null && (health === 'frozen' || health === 'offline' || health === 'reconnecting' || health === 'buffering') && (
        <small>{t('video.frameAge', { age: t('video.seconds', { count: frameAgeS }) })}</small>
      )}
    </span>
  );
}
