import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncActionInfo, SyncStatus } from '../../../shared/sync/syncStatus';
import type { WallState } from '../state/wallStore';
import { formatTime } from './lookups';
import { messageOf } from './ReadFailed';
import { useWall, useWallState } from './WallContext';

const selectSync = (state: WallState) => state.sync;
const selectOperatorAudience = (state: WallState) => state.session?.audience === 'operator';

type Tone = 'off' | 'online' | 'offline' | 'rejected';

function toneOf(sync: SyncStatus): Tone {
  if (!sync.configured) return 'off';
  if (!sync.online) return 'offline';
  return sync.rejected > 0 ? 'rejected' : 'online';
}

/**
 * The link to the district platform, in every window's header: online (green),
 * offline since when (amber, with the actions waiting to go), and the
 * rejections the district sent back (red). Operators open the list of
 * waiting and rejected actions from it; a visitors' window shows the light only.
 */
export function SyncLight() {
  const { t } = useTranslation();
  const sync = useWallState(selectSync);
  const operatorWindow = useWallState(selectOperatorAudience);
  const [open, setOpen] = useState(false);
  if (!sync) return null;
  const tone = toneOf(sync);
  const parts =
    tone === 'off'
      ? [t('sync.off')]
      : [
          sync.online ? t('sync.online') : t('sync.offlineSince', { time: sync.offlineSince ? formatTime(sync.offlineSince) : '—' }),
          t('sync.waiting', { count: sync.waiting }),
          ...(sync.rejected > 0 ? [t('sync.rejected', { count: sync.rejected })] : []),
        ];
  const why = !sync.online && sync.lastError ? `${t(`sync.error.${sync.lastError}`, { defaultValue: sync.lastError })}\n` : '';
  const title = tone === 'off' ? t('sync.offHint') : `${why}${t('sync.confirmedUpTo', { change: sync.lastConfirmedChange, unconfirmed: sync.unconfirmed })}`;
  return (
    <>
      <button
        type="button"
        className={`sync-light sync-${tone}`}
        data-testid="sync-light"
        title={title}
        aria-label={`${t('sync.label')}：${parts.join('，')}`}
        disabled={tone === 'off' || !operatorWindow}
        onClick={() => setOpen(true)}
      >
        <span className="sync-dot" aria-hidden />
        <span className="sync-name">{t('sync.label')}</span>
        {parts.map((part) => (
          <span key={part} className="sync-part">
            {part}
          </span>
        ))}
      </button>
      {open && <SyncDialog sync={sync} onClose={() => setOpen(false)} />}
    </>
  );
}

/** The room's actions still on their way, and the ones the district rejected with why. */
function SyncDialog({ sync, onClose }: { sync: SyncStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'waiting' | 'rejected'>(sync.rejected > 0 ? 'rejected' : 'waiting');
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal sync-dialog" role="dialog" aria-modal="true" aria-label={t('sync.title')}>
        <h2>{t('sync.title')}</h2>
        {!sync.online && sync.lastError && (
          <p className="sync-why" role="status">
            {t(`sync.error.${sync.lastError}`, { defaultValue: sync.lastError })}
          </p>
        )}
        <p className="muted">{t('sync.confirmedUpTo', { change: sync.lastConfirmedChange, unconfirmed: sync.unconfirmed })}</p>
        <div className="sync-tabs" role="tablist">
          {(['waiting', 'rejected'] as const).map((tab) => (
            <button key={tab} type="button" role="tab" aria-selected={state === tab} className={`button ${state === tab ? 'button-selected' : ''}`} onClick={() => setState(tab)}>
              {t(`sync.tab.${tab}`, { count: tab === 'waiting' ? sync.waiting : sync.rejected })}
            </button>
          ))}
        </div>
        <SyncActionList state={state} version={sync.waiting + sync.rejected * 1_000_003} />
        <div className="actions">
          {state === 'rejected' && sync.rejected > 0 && <AcknowledgeButton />}
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('lockouts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Someone has read the rejections: the light goes back to green (the list keeps them, marked read). */
function AcknowledgeButton() {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => bridge.request('sync.acknowledgeRejections', {}).then(() => setError(null), (failure: unknown) => setError(messageOf(failure)))}>
        {t('sync.acknowledge')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function SyncActionList({ state, version }: { state: 'waiting' | 'rejected'; version: number }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const [actions, setActions] = useState<SyncActionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    bridge.request('sync.actions', { state, limit: 200 }).then(
      (list) => current && (setActions(list), setError(null)),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [bridge, state, version]);
  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!actions) return <p className="muted">{t('lockouts.loading')}</p>;
  if (actions.length === 0) return <p className="muted">{t(`sync.none.${state}`)}</p>;
  return (
    <ul className="sync-actions" data-testid={`sync-actions-${state}`}>
      {actions.map((action) => (
        <li key={action.seq} className={`sync-action sync-action-${action.state}`}>
          <time>{formatTime(action.at)}</time>
          <span className="sync-case">{action.caseNumber ?? '—'}</span>
          <span>{t(`actions.${action.kind}`, { defaultValue: t(`sync.kind.${action.kind}`, { defaultValue: action.kind }) })}</span>
          {action.reason && <span className={action.seen ? 'sync-reason sync-seen' : 'sync-reason'}>{t(`sync.reason.${action.reason}`)}</span>}
          {action.seen && <span className="muted">{t('sync.seen')}</span>}
        </li>
      ))}
    </ul>
  );
}
