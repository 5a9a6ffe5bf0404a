import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInLockout } from '../../../shared/contract/contract';
import type { WindowInputKind } from '../../../shared/contract/messages';
import type { WallState } from '../state/wallStore';
import { formatTime } from './lookups';
import { messageOf } from './ReadFailed';
import { useWall, useWallState } from './WallContext';

const selectIsDirector = (state: WallState) => state.operator?.role === 'director';

/** A button pressed with Enter or Space reports no clicks (`detail` 0): the audit trail says keyboard. */
const inputOf = (event: MouseEvent): WindowInputKind => (event.detail === 0 ? 'keyboard' : 'mouse');

/**
 * Operators locked out of signing in after too many wrong PINs, and (for the
 * duty director signed in at this window) a button per lock to clear it.
 * `quiet`: say nothing when there is nothing to show or the list may not be
 * read here (the sign-in dialog, where most people are not the director).
 */
export function LockoutList({ quiet = false, titled = true, onLoaded }: { quiet?: boolean; titled?: boolean; onLoaded?: (lockouts: SignInLockout[]) => void }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const director = useWallState(selectIsDirector);
  const [lockouts, setLockouts] = useState<SignInLockout[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let current = true;
    bridge.request('operators.lockouts', {}).then(
      (list) => {
        if (!current) return;
        setLockouts(list);
        setError(null);
        onLoaded?.(list);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [bridge, reads, director, onLoaded]);

  const clear = useCallback(
    async (lockout: SignInLockout, input: WindowInputKind) => {
      setDone(null);
      try {
        await bridge.request('session.clearLockout', { operatorId: lockout.operatorId }, input);
        setDone(t('lockouts.cleared', { name: lockout.operatorName }));
        setError(null);
      } catch (failure) {
        setError(messageOf(failure));
      }
      setReads((count) => count + 1);
    },
    [bridge, t],
  );

  if (quiet && !lockouts?.length && !done) return null;
  return (
    <section className="lockouts" aria-label={t('lockouts.title')} data-testid="lockouts">
      {titled && <h3>{t('lockouts.title')}</h3>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {lockouts === null && !error && <p className="muted">{t('lockouts.loading')}</p>}
      {lockouts?.length === 0 && <p className="muted">{t('lockouts.none')}</p>}
      {lockouts && lockouts.length > 0 && (
        <ul>
          {lockouts.map((lockout) => (
            <li key={lockout.operatorId} data-operator={lockout.operatorId}>
              <span className="lockout-locked">
                {t('lockouts.row', { name: lockout.operatorName, failures: lockout.failures, until: formatTime(lockout.until) })}
              </span>
              {director && (
                <button
                  type="button"
                  className="button"
                  aria-label={t('lockouts.clearLabel', { name: lockout.operatorName })}
                  onClick={(event) => void clear(lockout, inputOf(event))}
                >
                  {t('lockouts.clear')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!director && lockouts && lockouts.length > 0 && <p className="muted">{t('lockouts.directorClears')}</p>}
      {done && (
        <p className="form-done" role="status">
          {done}
        </p>
      )}
    </section>
  );
}

/** The duty director's view of the sign-in locks, from the queue window's header. */
export function LockoutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={t('lockouts.title')}>
        <h2>{t('lockouts.title')}</h2>
        <LockoutList titled={false} />
        <div className="actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('lockouts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
