import { useTranslation } from 'react-i18next';
import { orderDisplays, type DisplayInfo, type WallWindowKey } from '../../../shared/wall/profile';
import type { SetupLayout } from '../../../shared/wall/setup';
import { windowName } from './windowNames';

export interface DisplayMapProps {
  displays: DisplayInfo[];
  layout: SetupLayout;
  tiles: number;
  picked: WallWindowKey | null;
  onPick(key: WallWindowKey | null): void;
  onDrop(key: WallWindowKey, display: DisplayInfo): void;
  /** A key pressed on a window: a display number or an arrow moves it. */
  onWindowKey(key: WallWindowKey, event: React.KeyboardEvent): void;
}

const dragType = 'application/x-gridwall-window';

/**
 * The room's displays as they are arranged, scaled to fit, each with its
 * number in big type and the windows on it. A window is dragged onto a
 * display, or picked (click, Enter) and dropped on one (click, Enter, or the
 * display's number).
 */
export function DisplayMap({ displays, layout, tiles, picked, onPick, onDrop, onWindowKey }: DisplayMapProps) {
  const { t } = useTranslation();
  const ordered = orderDisplays(displays);
  const left = Math.min(...ordered.map((d) => d.bounds.x));
  const top = Math.min(...ordered.map((d) => d.bounds.y));
  const width = Math.max(...ordered.map((d) => d.bounds.x + d.bounds.width)) - left;
  const height = Math.max(...ordered.map((d) => d.bounds.y + d.bounds.height)) - top;
  const percent = (value: number, of: number) => `${(value / of) * 100}%`;

  return (
    <div className="display-map" style={{ aspectRatio: `${width} / ${height}` }}>
      {ordered.map((display, index) => {
        const number = index + 1;
        const drop = (key: WallWindowKey | null) => key && onDrop(key, display);
        return (
          <section
            key={display.id}
            className={`display${picked ? ' display-target' : ''}`}
            data-testid={`display-${number}`}
            aria-label={t('wallSetup.display', { number })}
            style={{
              left: percent(display.bounds.x - left, width),
              top: percent(display.bounds.y - top, height),
              width: percent(display.bounds.width, width),
              height: percent(display.bounds.height, height),
            }}
            onDragOver={(event) => {
              if (event.dataTransfer.types.includes(dragType)) event.preventDefault();
            }}
            onDrop={(event) => {
              event.preventDefault();
              drop(event.dataTransfer.getData(dragType) as WallWindowKey);
            }}
            onClick={() => drop(picked)}
          >
            <div className="display-head">
              <div className="display-number" aria-hidden="true">
                {number}
              </div>
              <div className="display-facts">
                {display.bounds.width}×{display.bounds.height}
                {display.primary && <span className="badge display-primary">{t('wallSetup.primary')}</span>}
                {display.label && <div className="display-label">{display.label}</div>}
              </div>
            </div>
            <ul className="display-windows">
              {(layout.onDisplay.get(display.id) ?? []).map((key) => (
                <li key={key}>
                  <button
                    type="button"
                    draggable
                    className={`window-chip window-chip-${key.replace(/-\d+$/, '')}${picked === key ? ' window-chip-picked' : ''}`}
                    data-testid={`window-${key}`}
                    aria-pressed={picked === key}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(dragType, key);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={(event) => {
                      // With another window picked, a click anywhere on this display drops it here.
                      if (picked && picked !== key) return;
                      event.stopPropagation();
                      onPick(picked === key ? null : key);
                    }}
                    onKeyDown={(event) => onWindowKey(key, event)}
                  >
                    {windowName(t, key, tiles)}
                  </button>
                </li>
              ))}
              {(layout.onDisplay.get(display.id) ?? []).length === 0 && <li className="display-empty">{t('wallSetup.empty')}</li>}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
