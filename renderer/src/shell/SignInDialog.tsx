import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorInfo, SignInLockout } from '../../../shared/contract/contract';
import { rememberSignIn } from '../state/signIn';
import { LockoutList } from './Lockouts';
import { messageOf } from './ReadFailed';
import { useWall } from './WallContext';

/**
 * Who is at this console: an operator, or the duty director who may approve.
 * `notice` says why it opened by itself (a sign-in that expired or was
 * revoked). Operators locked out by wrong PINs are listed; a duty director
 * who signs in here while some are locked stays in the dialog to clear them.
 */
export function SignInDialog({ onClose, notice = null, raised = false }: { onClose: () => void; notice?: string | null; raised?: boolean }) {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const [operators, setOperators] = useState<OperatorInfo[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [lockouts, setLockouts] = useState(0);
  const [directorSignedIn, setDirectorSignedIn] = useState<string | null>(null);
  const lockoutsLoaded = useCallback((list: SignInLockout[]) => setLockouts(list.length), []);

  useEffect(() => {
    bridge.request('operators.list', {}).then(
      (list) => {
        setOperators(list);
        setListError(null);
        setOperatorId((current) => current || list[0]?.id || '');
      },
      (failure: unknown) => setListError(messageOf(failure)),
    );
  }, [bridge]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const signedIn = await bridge.request('session.signIn', { operatorId, pin }, 'keyboard');
      rememberSignIn(signedIn.token);
      store.getState().operatorChanged(signedIn.operator);
      if (signedIn.operator.role === 'director' && lockouts > 0) setDirectorSignedIn(signedIn.operator.name);
      else onClose();
    } catch (failure) {
      // Wrong PIN, locked (until when), too many tries from this window: the core's words, as given.
      setError(messageOf(failure));
      setPin('');
    }
  };

  return (
    <div className={`modal-backdrop${raised ? ' modal-raised' : ''}`} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="modal sign-in" role="dialog" aria-modal="true" aria-label={t('signIn.title')} onSubmit={(event) => void submit(event)}>
        <h2>{t('signIn.title')}</h2>
        {notice && (
          <p className="sign-in-notice" role="alert" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        {directorSignedIn ? (
          <p className="form-done" role="status">
            {t('signIn.signedInAs', { name: directorSignedIn })}
          </p>
        ) : (
          <>
            <label>
              {t('signIn.operator')}
              {listError ? (
                <span className="form-error" role="alert">
                  {listError}
                </span>
              ) : (
                <select name="operator" value={operatorId} onChange={(event) => setOperatorId(event.target.value)}>
                  {operators.map((operator) => (
                    <option key={operator.id} value={operator.id}>
                      {operator.name}（{operator.role === 'director' ? t('signIn.director') : t('signIn.operatorRole')}）
                    </option>
                  ))}
                </select>
              )}
            </label>
            <label>
              {t('signIn.pin')}
              <input name="pin" type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(event) => setPin(event.target.value)} />
            </label>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
        {/* Read again after every refusal: a wrong PIN may just have locked someone. */}
        <LockoutList quiet key={error ?? ''} onLoaded={lockoutsLoaded} />
        <div className="actions">
          {!directorSignedIn && (
            <button type="submit" className="button button-primary">
              {t('signIn.submit')}
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            {directorSignedIn ? t('lockouts.close') : t('detail.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
