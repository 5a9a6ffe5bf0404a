import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresentationView } from '../../../shared/presentation/figures';
import type { TourAction } from '../../../shared/presentation/tour';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { typingIn } from '../shell/hotkeys';
import { messageOf } from '../shell/ReadFailed';
import { LinkBanner } from '../shell/LinkBanner';
import { linkIndicatorText } from '../shell/linkWords';
import { useShownLink } from '../shell/WindowHeader';
import { useWall, useWallState } from '../shell/WallContext';
import { localName } from '../../../shared/domain/names';
import { useTourPosition } from './tourClock';
import { ChannelsView } from './views/ChannelsView';
import { DepartmentsView } from './views/DepartmentsView';
import { GridsView } from './views/GridsView';
import { HighlightsView } from './views/HighlightsView';
import { LiveView } from './views/LiveView';
import { OverviewView } from './views/OverviewView';
import './presentation.css';

/** The design canvas: every display shows it whole, scaled, letterboxed on black. */
export const stageWidth = 1920;
export const stageHeight = 1080;

const selectLink = (state: WallState) => state.link;
const selectCanSteer = (state: WallState) => state.session?.audience === 'operator';
const selectDistrict = (state: WallState) => state.reference?.geography.name ?? null;
const selectIllustrative = (state: WallState) => state.reference?.geography.illustrative ?? false;

/** What a presenter's clicker sends: PageDown/PageUp step, B or "." blanks, Esc stops the tour, F5 starts it again. */
export function clickerAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): TourAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  switch (event.key) {
    case 'PageDown':
    case 'ArrowRight':
      return { action: 'next' };
    case 'PageUp':
    case 'ArrowLeft':
      return { action: 'previous' };
    case 'b':
    case 'B':
    case '.':
      return { action: 'toggleBlank' };
    case 'Escape':
      return { action: 'stop' };
    case 'F5':
      return { action: 'resume' };
    default:
      return null;
  }
}

function useStageScale(): number {
  const measure = () => Math.min(window.innerWidth / stageWidth, window.innerHeight / stageHeight);
  const [scale, setScale] = useState(measure);
  useEffect(() => {
    const onResize = () => setScale(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/** The presenter's keys, sent to the core so every presentation window turns the page together. */
function useClicker(enabled: boolean, say: (message: string | null) => void): void {
  const { bridge } = useWall();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || event.isComposing || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const action = clickerAction(event);
      if (!action) return;
      event.preventDefault();
      bridge.request('presentation.tour', action, 'hotkey').then(
        () => say(null),
        (failure: unknown) => say(messageOf(failure)),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, enabled, say]);
}

/**
 * The presentation for visiting officials on one display: a 1920×1080 page
 * scaled whole, the tour's current view, the page count and a calm progress
 * line. Everything on it comes from the core's presentation requests.
 */
export function PresentationStage() {
  const { t } = useTranslation();
  const scale = useStageScale();
  const position = useTourPosition();
  const canSteer = useWallState(selectCanSteer);
  const district = useWallState(selectDistrict);
  const illustrative = useWallState(selectIllustrative);
  const link = useWallState(selectLink);
  const indicated = useShownLink();
  const [notice, setNotice] = useState<string | null>(null);
  useClicker(canSteer, setNotice);

  const view = position?.view ?? null;
  const left = (window.innerWidth - stageWidth * scale) / 2;
  const top = (window.innerHeight - stageHeight * scale) / 2;
  const dwellMs = (position?.tour.dwellSeconds ?? 0) * 1000;
  return (
    <div className="presentation-viewport">
      <div
        className="stage"
        data-testid="presentation"
        data-view={view ?? ''}
        data-running={position?.tour.running ?? false}
        style={{ width: stageWidth, height: stageHeight, transform: `translate(${left}px, ${top}px) scale(${scale})` }}
      >
        <LinkBanner link={link} />
        <header className="stage-header">
          <h1>{t('presentation.title', { district: district ? localName(district, locale) : '' })}</h1>
          {view && <h2 data-testid="presentation-view-title">{t(`presentation.views.${view}`)}</h2>}
          <PageDots views={position?.tour.views ?? []} index={position?.index ?? 0} />
        </header>
        <main className="stage-body">{view && <ViewOf view={view} scale={scale} shownSince={position!.shownSince} dwellMs={dwellMs} />}</main>
        <footer className="stage-footer">
          <span>{t('presentation.privacyNote')}</span>
          {illustrative && <span>{t('app.illustrativeMap')}</span>}
          {position && !position.tour.running && <span className="stage-stopped">{t('presentation.stopped')}</span>}
          {notice && <span className="stage-notice" role="alert">{notice}</span>}
          <span className={`link link-${indicated.kind} stage-link`} role="status" data-testid="link-state">
            <span className="link-dot" aria-hidden />
            {linkIndicatorText(indicated, t)}
          </span>
        </footer>
        {position?.nextAt && <Progress key={`${position.index}-${position.shownSince}`} shownSince={position.shownSince} dwellMs={dwellMs} offset={position.clockOffsetMs} />}
      </div>
      {position?.tour.blank && <div className="stage-blank" data-testid="presentation-blank" aria-label={t('presentation.blank')} />}
    </div>
  );
}

function ViewOf({ view, scale, shownSince, dwellMs }: { view: PresentationView; scale: number; shownSince: number; dwellMs: number }): ReactNode {
  switch (view) {
    case 'overview':
      return <OverviewView scale={scale} />;
    case 'channels':
      return <ChannelsView scale={scale} />;
    case 'grids':
      return <GridsView scale={scale} />;
    case 'departments':
      return <DepartmentsView scale={scale} />;
    case 'highlights':
      return <HighlightsView shownSince={shownSince} dwellMs={dwellMs} />;
    case 'live':
      return <LiveView scale={scale} />;
  }
}

function PageDots({ views, index }: { views: readonly PresentationView[]; index: number }) {
  const { t } = useTranslation();
  return (
    <ol className="stage-pages" aria-label={t('presentation.pages')}>
      {views.map((view, position) => (
        <li key={view} className={position === index ? 'is-current' : undefined} title={t(`presentation.views.${view}`)} />
      ))}
    </ol>
  );
}

/** A thin line across the foot of the page that fills as the dwell time runs out: calm, no countdown digits. */
function Progress({ shownSince, dwellMs, offset }: { shownSince: number; dwellMs: number; offset: number }) {
  const [elapsed] = useState(() => Math.min(dwellMs, Math.max(0, Date.now() + offset - shownSince)));
  return <div className="stage-progress" style={{ animationDuration: `${dwellMs}ms`, animationDelay: `-${elapsed}ms` }} />;
}
