import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraSight, PlaceAt } from '../../../shared/contract/contract';
import type { LngLat } from '../../../shared/domain/district';
import { localName } from '../../../shared/domain/names';
import type { Camera } from '../../../shared/video/camera';
import { locale } from '../shell/i18n';
import { useLookups } from '../shell/lookups';
import { messageOf } from '../shell/ReadFailed';
import { useWall } from '../shell/WallContext';

interface Props {
  lngLat: LngLat;
  at: { x: number; y: number };
  cameras: readonly Camera[];
  onCamera(camera: Camera): void;
  onNewCase(place: PlaceAt): void;
  onClose(): void;
}

/**
 * A right-click on the map: what the spot is (grid, nearest address and
 * place), which cameras can see it (by distance and field of view, from the
 * core), and "new case here" with all of that filled in.
 */
export function SpotMenu({ lngLat, at, cameras, onCamera, onNewCase, onClose }: Props) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const lookups = useLookups();
  const [answer, setAnswer] = useState<{ place: PlaceAt; sights: CameraSight[] } | { error: string } | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([bridge.request('map.placeAt', { lngLat }), bridge.request('map.camerasAt', { lngLat })]).then(
      ([place, sights]) => current && setAnswer({ place, sights }),
      (error: unknown) => current && setAnswer({ error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [bridge, lngLat]);

  const byId = new Map(cameras.map((camera) => [camera.id, camera]));
  return (
    <section className="map-menu spot-menu" role="dialog" aria-label={t('map.spot.title')} style={{ left: at.x + 14, top: at.y - 10 }} data-testid="spot-menu">
      <header>
        <h2>{t('map.spot.title')}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label={t('map.camera.close')}>
          ✕
        </button>
      </header>
      {answer === null && <p className="muted">{t('map.spot.loading')}</p>}
      {answer && 'error' in answer && <p className="form-error" role="alert">{answer.error}</p>}
      {answer && 'place' in answer && (
        <>
          {answer.place.inDistrict ? (
            <p>{[lookups.subDistrictName(answer.place.subDistrictId), lookups.workstationName(answer.place.workstationId), lookups.gridName(answer.place.gridId)].filter(Boolean).join(' · ')}</p>
          ) : (
            <p className="form-error">{t('map.spot.outside')}</p>
          )}
          <p className="muted">
            {answer.place.address ? t('map.spot.address', { address: localName(answer.place.address, locale), metres: answer.place.addressDistanceM }) : t('map.spot.noAddress')}
          </p>
          {answer.place.nearestPlace && <p className="muted">{t('map.spot.nearPlace', { name: localName(answer.place.nearestPlace.name, locale), metres: answer.place.nearestPlace.distanceM })}</p>}
          <h3>{t('map.spot.seeing')}</h3>
          {answer.sights.length === 0 ? (
            <p className="muted">{t('map.spot.noneSeeing')}</p>
          ) : (
            <ul className="sight-list" data-testid="spot-cameras">
              {answer.sights.map((sight) => {
                const camera = byId.get(sight.cameraId);
                return (
                  <li key={sight.cameraId}>
                    <button type="button" className="link-button" onClick={() => camera && onCamera(camera)} data-camera={sight.cameraId}>
                      {camera ? localName(camera.name, locale) : sight.cameraId}
                    </button>
                    <span className="muted">{t(`map.spot.${sight.coverage}`, { metres: sight.distanceM })}</span>
                  </li>
                );
              })}
            </ul>
          )}
          {answer.place.inDistrict && (
            <button type="button" className="button button-primary" onClick={() => onNewCase(answer.place)}>
              {t('map.spot.newCase')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
