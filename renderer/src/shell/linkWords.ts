import type { LinkState, Translate } from '../bridge/bridge';

/** Whole seconds until `at`, never below zero. */
function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What the header says about the link: "live" only once the window has read what is current over it. Between
 * the link opening and the snapshot read, the window is still filling in (and its header still growing).
 */
export type ShownLink = LinkState | { kind: 'loading' };
export const shownLink = (link: LinkState, snapshotCurrent: boolean): ShownLink => (link.kind === 'open' && !snapshotCurrent ? { kind: 'loading' } : link);

/** The header's short word for the link: always there, read at a glance. */
export function linkIndicatorText(link: ShownLink, t: Translate): string {
  switch (link.kind) {
    case 'open':
      return t('connection.live');
    case 'loading':
      return t('connection.loading');
    case 'connecting':
      return t('connection.connecting');
    case 'lost':
      return t('connection.lost', { attempt: link.attempt });
    case 'refused':
      return t('connection.refusedShort');
    case 'coreDown':
      return t('connection.coreDown', { attempt: link.attempt });
    case 'coreFailed':
      return t('connection.coreFailed');
  }
}

/**
 * What the banner across every window says while the link is not right:
 * what is wrong and what to do, with the countdown to the next attempt.
 * Null while all is well (or still connecting for the first time).
 */
export function linkBannerText(link: LinkState, now: number, t: Translate): string | null {
  switch (link.kind) {
    case 'open':
    case 'connecting':
      return null;
    case 'lost': {
      const seconds = secondsUntil(link.retryAt, now);
      return seconds > 0 ? t('banner.lost', { attempt: link.attempt, seconds }) : t('banner.lostRetrying', { attempt: link.attempt });
    }
    case 'refused':
      return t('connection.refused');
    case 'coreDown': {
      const seconds = secondsUntil(link.retryAt, now);
      return seconds > 0 ? t('banner.coreDown', { attempt: link.attempt, seconds }) : t('banner.coreDownRetrying', { attempt: link.attempt });
    }
    case 'coreFailed':
      return t('banner.coreFailed', { reason: link.reason });
  }
}

/** Whether the banner counts down (and so needs a tick every second). */
export function linkCountsDown(link: LinkState): boolean {
  return link.kind === 'lost' || link.kind === 'coreDown';
}
