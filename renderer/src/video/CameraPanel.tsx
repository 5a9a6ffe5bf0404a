import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../shared/video/camera';
import { cameraDragType } from './VideoTile';

/** The room's cameras, to drag onto a screen; cameras already on the wall are marked. */
export function CameraPanel({ cameras, onWall }: { cameras: readonly Camera[]; onWall: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const english = i18n.language === 'en';
  const shown = useMemo(() => {
    const text = filter.trim().toLowerCase();
    return cameras.filter((camera) => !text || `${camera.id} ${camera.name.zh} ${camera.name.en} ${camera.tags.join(' ')}`.toLowerCase().includes(text));
  }, [cameras, filter]);
  return (
    <aside className="camera-panel" aria-label={t('video.cameras')} data-testid="camera-panel">
      <h2>{t('video.cameras')}</h2>
      <p className="muted">{t('video.camerasHint')}</p>
      <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} aria-label={t('video.cameras')} />
      <ul>
        {shown.map((camera) => (
          <li
            key={camera.id}
            draggable
            data-camera={camera.id}
            className={onWall.has(camera.id) ? 'on-wall' : undefined}
            onDragStart={(event) => {
              event.dataTransfer.setData(cameraDragType, camera.id);
              event.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className="camera-name">{english ? camera.name.en : camera.name.zh}</span>
            <span className="muted camera-meta">
              {camera.id}
              {camera.gridId ? ` · ${camera.gridId}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
