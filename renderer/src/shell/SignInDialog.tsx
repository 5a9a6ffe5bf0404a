import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorInfo } from '../../../shared/contract/contract';
import { rememberSignIn } from '../state/signIn';
import { useWall } from './WallContext';

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * Who is at this console: an operator, or the duty director who may approve.
 * `notice` says why it opened by itself (a sign-in that expired or was revoked).
 */
export function SignInDialog({ onClose, notice = null, raised = false }: { onClose: () => void; notice?: string | null; raised?: boolean }) {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const [operators, setOperators] = useState<OperatorInfo[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

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
      onClose();
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
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('signIn.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('detail.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
