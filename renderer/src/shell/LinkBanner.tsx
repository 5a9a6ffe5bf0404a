import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkState } from '../bridge/bridge';
import { linkBannerText, linkCountsDown } from './linkWords';

/** Now, refreshed every second while `ticking` (a countdown is on screen), still otherwise. */
function useSecondClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    // At once (the clock stood still while nothing counted down), then every second.
    const first = window.setTimeout(() => setNow(Date.now()), 0);
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [ticking]);
  return now;
}

/**
 * Full width under the header of every window while the link to the core is
 * lost, the token refused, or the core down or failed: plain words, no
 * motion, amber while it is being put right by itself, red when a person
 * must act.
 */
export function LinkBanner({ link }: { link: LinkState }) {
  const { t } = useTranslation();
  const now = useSecondClock(linkCountsDown(link));
  const text = linkBannerText(link, now, t);
  if (!text) return null;
  const needsPerson = link.kind === 'refused' || link.kind === 'coreFailed';
  return (
    <div className={`link-banner${needsPerson ? ' link-banner-act' : ''}`} role="alert" data-testid="link-banner" data-link={link.kind}>
      {text}
    </div>
  );
}
