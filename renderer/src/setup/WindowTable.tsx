import { useTranslation } from 'react-i18next';
import { planWall } from '../../../shared/wall/placement';
import { defaultMode, findDisplay, orderDisplays, wallWindows, type DisplayInfo, type WallProfile, type WallWindowKey, type WindowMode } from '../../../shared/wall/profile';
import { windowName } from './windowNames';

export interface WindowTableProps {
  profile: WallProfile;
  displays: DisplayInfo[];
  tiles: number;
  onDisplay(key: WallWindowKey, display: DisplayInfo): void;
  onMode(key: WallWindowKey, mode: WindowMode): void;
}

/**
 * Every window with its display and how it is shown, as plain form fields:
 * the whole arrangement is reachable by keyboard without dragging.
 */
export function WindowTable({ profile, displays, tiles, onDisplay, onMode }: WindowTableProps) {
  const { t } = useTranslation();
  const ordered = orderDisplays(displays);
  const plan = new Map(planWall(profile, displays).map((placement) => [placement.key, placement]));
  return (
    <table className="window-table">
      <thead>
        <tr>
          <th scope="col">{t('wallSetup.columns.window')}</th>
          <th scope="col">{t('wallSetup.columns.display')}</th>
          <th scope="col">{t('wallSetup.columns.mode')}</th>
        </tr>
      </thead>
      <tbody>
        {wallWindows(profile).map((key) => {
          const ref = profile.assignments[key];
          const connected = ref ? findDisplay(ref, ordered) : null;
          const name = windowName(t, key, tiles);
          const shared = plan.get(key)?.mode === 'tiled';
          return (
            <tr key={key} data-testid={`row-${key}`}>
              <th scope="row">{name}</th>
              <td>
                <select
                  aria-label={`${name} · ${t('wallSetup.columns.display')}`}
                  value={connected ? String(connected.id) : ref ? 'away' : ''}
                  onChange={(event) => {
                    const chosen = ordered.find((display) => String(display.id) === event.target.value);
                    if (chosen) onDisplay(key, chosen);
                  }}
                >
                  {!ref && <option value="">{t('wallSetup.choose')}</option>}
                  {ref && !connected && <option value="away">{t('wallSetup.notConnected', { id: ref.id })}</option>}
                  {ordered.map((display, index) => (
                    <option key={display.id} value={String(display.id)}>
                      {t('wallSetup.display', { number: index + 1 })}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {shared ? (
                  <span className="mode-shared">{t('wallSetup.mode.shared')}</span>
                ) : (
                  <select aria-label={`${name} · ${t('wallSetup.columns.mode')}`} value={profile.modes[key] ?? defaultMode(key)} onChange={(event) => onMode(key, event.target.value as WindowMode)}>
                    <option value="kiosk">{t('wallSetup.mode.kiosk')}</option>
                    <option value="fullscreen">{t('wallSetup.mode.fullscreen')}</option>
                  </select>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
