import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestName } from '../../../shared/contract/contract';
import { ContractRequestError } from '../../../shared/contract/messages';
import { localName } from '../../../shared/domain/names';
import type { Camera } from '../../../shared/video/camera';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { ageParts, useMinuteClock } from '../shell/lookups';
import { messageOf } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';

const selectVideo = (state: WallState) => state.video;
const selectHealth = (state: WallState) => state.cameraHealth;

/**
 * A camera clicked on the map: how it is doing and where the wall shows it,
 * and what the director can do with it — show it on a screen, show it alone,
 * keep it in key focus. Each is the same command the video window uses
 * (audited, needs a sign-in).
 */
export function CameraMenu({ camera, at, onClose, onNeedSignIn }: { camera: Camera; at: { x: number; y: number }; onClose(): void; onNeedSignIn(): void }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const video = useWallState(selectVideo);
  const health = useWallState(selectHealth)[camera.id];
  const onScreens = (video?.tiles ?? []).filter((tile) => tile.cameraId === camera.id).map((tile) => tile.screen);
  const focus = video?.keyFocus.find((entry) => entry.cameraId === camera.id) ?? null;
  const screenCount = video?.screenCount ?? 9;
  const [screen, setScreen] = useState(onScreens[0] ?? focus?.screen ?? 1);
  const [outcome, setOutcome] = useState<{ failed: boolean; text: string } | null>(null);

  const act = async (name: RequestName, args: Record<string, unknown>, what: string) => {
    try {
      await bridge.request(name as 'video.place', args as never, 'mouse');
      setOutcome({ failed: false, text: t('map.camera.done', { what }) });
    } catch (error) {
      if (error instanceof ContractRequestError && error.error.code === 'notSignedIn') onNeedSignIn();
      setOutcome({ failed: true, text: messageOf(error) });
    }
  };
  const now = useMinuteClock();
  const age = health ? ageParts(health.since, now) : null;

  return (
    <section className="map-menu" role="dialog" aria-label={localName(camera.name, locale)} style={{ left: at.x + 14, top: at.y - 10 }} data-testid="camera-menu" data-camera={camera.id}>
      <header>
        <h2>{localName(camera.name, locale)}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label={t('map.camera.close')}>
          ✕
        </button>
      </header>
      <p className={`camera-health health-${health?.state ?? 'unknown'}`}>
        <span className="dot" aria-hidden /> {t(`map.camera.health.${health?.state ?? 'unknown'}`)}
        {age && health?.state !== 'live' && <span className="muted"> · {t('map.camera.since', { duration: t(age.key, { count: age.count }) })}</span>}
      </p>
      <p className="muted">{onScreens.length ? t('map.camera.onWall', { screens: onScreens.join('、') }) : t('map.camera.notOnWall')}</p>
      {focus && <p className="muted">{t('map.camera.inKeyFocus', { screen: focus.screen })}</p>}
      <label className="screen-choice">
        {t('map.camera.chooseScreen')}
        <select value={screen} onChange={(event) => setScreen(Number(event.target.value))} data-testid="camera-screen">
          {Array.from({ length: screenCount }, (_, index) => index + 1).map((n) => (
            <option key={n} value={n}>
              {t('map.camera.screen', { n })}
            </option>
          ))}
        </select>
      </label>
      <div className="menu-actions">
        <button type="button" className="button button-primary" onClick={() => void act('video.place', { screen, cameraId: camera.id }, t('map.camera.showOn'))}>
          {t('map.camera.showOn')}
        </button>
        <button type="button" className="button" onClick={() => void act('video.solo', { screen, cameraId: camera.id }, t('map.camera.solo'))}>
          {t('map.camera.solo')}
        </button>
        {focus ? (
          <button type="button" className="button" onClick={() => void act('video.keyFocus', { cameraId: camera.id, on: false }, t('map.camera.keyFocusRemove'))}>
            {t('map.camera.keyFocusRemove')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void act('video.keyFocus', { cameraId: camera.id, screen, on: true }, t('map.camera.keyFocusAdd'))}>
            {t('map.camera.keyFocusAdd')}
          </button>
        )}
      </div>
      {outcome && (
        <p className={outcome.failed ? 'form-error' : 'form-done'} role={outcome.failed ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}
