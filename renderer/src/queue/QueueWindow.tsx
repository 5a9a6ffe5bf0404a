import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberSignIn } from '../state/sync';
import type { WallState } from '../state/wallStore';
import { useWall, useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { actionForKey } from './actionKeys';
import { CaseDetail, type CaseDetailHandle } from './CaseDetail';
import { CaseList } from './CaseList';
import { FilterBar } from './FilterBar';
import { HandoverDialog } from './HandoverDialog';
import { NewCaseForm } from './NewCaseForm';
import { Scoreboard } from './Scoreboard';
import { SignInDialog } from './SignInDialog';
import { defaultFilters, useCaseQuery, type QueueFilters } from './useCaseQuery';

const selectOpenCases = (state: WallState) => state.openCases;
const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';
const selectOperator = (state: WallState) => state.operator;
const selectSelectedId = (state: WallState) => state.selectedCaseId;

type Overlay = 'none' | 'newCase' | 'signIn' | 'handover';

/** Typing in a field never triggers a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function QueueWindow() {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const openCases = useWallState(selectOpenCases);
  const canWrite = useWallState(selectCanWrite);
  const operator = useWallState(selectOperator);
  const [filters, setFilters] = useState<QueueFilters>(defaultFilters);
  const [mode, setMode] = useState<'queue' | 'scoreboard'>('queue');
  const [overlay, setOverlay] = useState<Overlay>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const detailRef = useRef<CaseDetailHandle>(null);
  const selectedId = useWallState(selectSelectedId);
  const view = useCaseQuery(filters);
  const counts = useMemo(() => {
    let urgent = 0;
    for (const item of openCases.values()) if (item.urgent) urgent++;
    return { open: openCases.size, urgent };
  }, [openCases]);

  // The shift's keys: move through the list, search, new case, and the letter of each action.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target) || overlay !== 'none') return;
      const rows = view.loaded();
      const selected = store.getState().selectedCaseId;
      const index = rows.findIndex((row) => row.id === selected);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const next = rows[Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
        if (next) store.getState().caseSelected(next.id);
        event.preventDefault();
      } else if (event.key === '/') {
        searchRef.current?.focus();
        event.preventDefault();
      } else if (event.key.toUpperCase() === 'N' && canWrite) {
        setOverlay(operator ? 'newCase' : 'signIn');
      } else if (event.key === 'Escape') {
        store.getState().caseSelected(null);
      } else {
        const action = actionForKey(event.key);
        if (action && selected !== null) {
          detailRef.current?.act(action);
          event.preventDefault();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, store, overlay, canWrite, operator]);

  const signOut = async () => {
    await bridge.request('session.signOut', {}, 'mouse');
    rememberSignIn(null);
    store.getState().operatorChanged(null);
  };

  return (
    <div className="window">
      <WindowHeader role="queue">
        <span className="muted">{t('queue.openCases')}</span>
        <span className="count-figure" data-testid="open-count">
          {t('queue.count', { count: counts.open })}
        </span>
        <span className="count-figure count-urgent">{t('queue.urgentCount', { count: counts.urgent })}</span>
        <span style={{ flex: 1 }} />
        <nav className="mode-switch">
          <button className={`button${mode === 'queue' ? ' is-on' : ''}`} onClick={() => setMode('queue')} aria-pressed={mode === 'queue'}>
            {t('queueView.queue')}
          </button>
          <button className={`button${mode === 'scoreboard' ? ' is-on' : ''}`} onClick={() => setMode('scoreboard')} aria-pressed={mode === 'scoreboard'}>
            {t('queueView.scoreboard')}
          </button>
        </nav>
        {canWrite && operator && (
          <>
            <button className="button" onClick={() => setOverlay('handover')}>
              {t('queueView.handover')}
            </button>
            <button className="button button-primary" onClick={() => setOverlay('newCase')}>
              {t('queue.newCase')} <kbd>N</kbd>
            </button>
          </>
        )}
        {canWrite &&
          (operator ? (
            <span className="operator-badge" data-testid="operator">
              {operator.name} · {operator.role === 'director' ? t('signIn.director') : t('signIn.operatorRole')}
              <button className="link-button" onClick={() => void signOut()}>
                {t('signIn.signOut')}
              </button>
            </span>
          ) : (
            <button className="button button-primary" onClick={() => setOverlay('signIn')}>
              {t('signIn.button')}
            </button>
          ))}
      </WindowHeader>
      {mode === 'scoreboard' ? (
        <main className="scoreboard-body">
          <Scoreboard
            onOpenCase={(caseId) => {
              store.getState().caseSelected(caseId);
              setFilters({ ...defaultFilters, statuses: ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack', 'closed', 'voided', 'merged', 'hung'] });
              setMode('queue');
            }}
          />
        </main>
      ) : (
        <main className="queue-body">
          <div className="queue-main">
            <FilterBar ref={searchRef} filters={filters} onChange={setFilters} total={view.total} />
            {view.error && (
              <p className="form-error" role="alert">
                {view.error}
              </p>
            )}
            <CaseList view={view} />
            <p className="key-hints">{t('queueView.keys')}</p>
          </div>
          <aside className="queue-side">
            {notice && (
              <p className="form-done" role="status">
                {notice}
              </p>
            )}
            {overlay === 'newCase' ? (
              <NewCaseForm
                onClose={() => setOverlay('none')}
                onCreated={(created) => {
                  setOverlay('none');
                  setNotice(t('form.created', { number: created.number }));
                }}
              />
            ) : (
              <CaseDetail key={selectedId ?? 'none'} ref={detailRef} />
            )}
          </aside>
        </main>
      )}
      {overlay === 'signIn' && <SignInDialog onClose={() => setOverlay('none')} />}
      {overlay === 'handover' && <HandoverDialog onClose={() => setOverlay('none')} />}
    </div>
  );
}
