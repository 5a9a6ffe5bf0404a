import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowRole } from '../../../shared/wall/roles';
import type { LinkState } from '../bridge/bridge';
import type { WallState } from '../state/wallStore';
import { LinkBanner } from './LinkBanner';
import { SyncLight } from './SyncLight';
import { linkIndicatorText, shownLink, type ShownLink } from './linkWords';
import { useWallState } from './WallContext';

const selectLink = (state: WallState): LinkState => state.link;
const selectSnapshotCurrent = (state: WallState) => state.snapshotCurrent;
const selectDemo = (state: WallState) => state.session?.demo ?? false;
/** A visitors' window, or a wall window while the wall is in presentation mode. */
const selectPublic = (state: WallState) => state.session?.audience === 'public' || (state.wall?.presentation === true && state.session?.role !== 'queue');

/** The link as a window's header shows it: "live" only once the window has read what is current over it. */
export function useShownLink(): ShownLink {
  return shownLink(useWallState(selectLink), useWallState(selectSnapshotCurrent));
}

/**
 * Title, clock and the link to the core: the first things a director looks
 * for; below it, across the window, what is wrong with the link and what to
 * do, for as long as it lasts.
 */
export function WindowHeader({ role, children }: { role: WindowRole; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const link = useWallState(selectLink);
  const shown = useShownLink();
  const demo = useWallState(selectDemo);
  const presentation = useWallState(selectPublic);
  return (
    <>
      <header className="window-header">
        <h1>
          <span className="app-title">{t('app.title')}</span>
          <span className="role-title">{t(`roles.${role}`)}</span>
        </h1>
        {demo && <span className="badge badge-demo">{t('app.demoBadge')}</span>}
        {presentation && <span className="badge badge-presentation">{t('app.presentation')}</span>}
        <div className="header-slot">{children}</div>
        <SyncLight />
        <LinkIndicator link={shown} />
        <Clock />
      </header>
      <LinkBanner link={link} />
    </>
  );
}

function LinkIndicator({ link }: { link: ShownLink }) {
  const { t } = useTranslation();
  return (
    <span className={`link link-${link.kind}`} role="status" aria-live="polite" data-testid="link-state">
      <span className="link-dot" aria-hidden />
      {linkIndicatorText(link, t)}
    </span>
  );
}

const clockFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function Clock() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);
  return <time className="clock">{clockFormat.format(now)}</time>;
}
