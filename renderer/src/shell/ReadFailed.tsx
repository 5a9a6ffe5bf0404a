import { useTranslation } from 'react-i18next';
import type { WallState } from '../state/wallStore';

/** Grows with every snapshot the window reads: a read that failed depends on it to try again when the link is back. */
export const selectSnapshotsLoaded = (state: WallState) => state.snapshotsLoaded;

/**
 * A read that failed, in place of what it should have shown: the reason in
 * the window's language (never an empty list that looks like "nothing to
 * do"), that it is read again by itself, and a way to try now.
 */
export function ReadFailed({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="read-failed" role="alert" data-testid="read-failed">
      <p className="read-failed-message">{message}</p>
      <p className="read-failed-hint">{t('readFailed.hint')}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('readFailed.retry')}
        </button>
      )}
    </div>
  );
}

/** The text of a failure, for a person. */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));
