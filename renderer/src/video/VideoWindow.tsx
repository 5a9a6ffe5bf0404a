import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallState } from '../state/wallStore';
import { ageParts, useLookups, useMinuteClock } from '../shell/lookups';
import { useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';

const selectOpenCases = (state: WallState) => state.openCases;

/** Screens are numbered from 1 across the whole wall; people call them out aloud. */
const layout = { columns: 3, rows: 3, firstScreen: 1 };
const tickerLength = 6;

/**
 * The camera matrix. Until cameras are configured (see README, "real
 * cameras"), each screen says so plainly instead of pretending to play.
 * Under the matrix, the newest open cases, so the wall shows what is
 * happening even without video.
 */
export function VideoWindow() {
  const { t } = useTranslation();
  const screens = Array.from({ length: layout.columns * layout.rows }, (_, index) => layout.firstScreen + index);
  return (
    <div className="window">
      <WindowHeader role="video" />
      <main className="video-body">
        <div className="matrix" style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}>
          {screens.map((screen) => (
            <div className="tile tile-no-signal" key={screen} data-screen={screen}>
              <span className="tile-screen">{t('video.screen', { n: screen })}</span>
              <span className="tile-state">{t('video.noSignal')}</span>
              <span className="tile-hint">{t('video.noSignalHint')}</span>
            </div>
          ))}
        </div>
        <LatestCases />
      </main>
    </div>
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
