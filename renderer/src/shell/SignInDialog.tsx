import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorInfo } from '../../../shared/contract/contract';
import { rememberSignIn } from '../state/sync';
import { useWall } from './WallContext';

/** Who is at this console: an operator, or the duty director who may approve. */
export function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const [operators, setOperators] = useState<OperatorInfo[]>([]);
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void bridge.request('operators.list', {}).then((list) => {
      setOperators(list);
      setOperatorId((current) => current || list[0]?.id || '');
    });
  }, [bridge]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const signedIn = await bridge.request('session.signIn', { operatorId, pin }, 'keyboard');
      rememberSignIn(signedIn.token);
      store.getState().operatorChanged(signedIn.operator);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setPin('');
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="modal sign-in" role="dialog" aria-modal="true" aria-label={t('signIn.title')} onSubmit={(event) => void submit(event)}>
        <h2>{t('signIn.title')}</h2>
        <label>
          {t('signIn.operator')}
          <select name="operator" value={operatorId} onChange={(event) => setOperatorId(event.target.value)}>
            {operators.map((operator) => (
              <option key={operator.id} value={operator.id}>
                {operator.name}（{operator.role === 'director' ? t('signIn.director') : t('signIn.operatorRole')}）
              </option>
            ))}
          </select>
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
