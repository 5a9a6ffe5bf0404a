import { useEffect, useMemo, useRef, useState } from 'react';
import { CaseQuerySchema } from '../../../shared/contract/contract';
import { caseActions, type CaseAction } from '../../../shared/domain/lifecycle';
import { useWindowHotkeys } from '../shell/hotkeys';
import { useTranslation } from 'react-i18next';
import { rememberSignIn } from '../state/signIn';
import { selectCase, shareFilter } from '../state/selection';
import type { WallState } from '../state/wallStore';
import { useWall, useWallState } from '../shell/WallContext';
import { WindowHeader } from '../shell/WindowHeader';
import { CaseDetail, type CaseDetailHandle } from './CaseDetail';
import { CaseList } from './CaseList';
import { FilterBar } from './FilterBar';
import { HandoverDialog } from './HandoverDialog';
import { NewCaseForm } from './NewCaseForm';
import { Scoreboard } from './Scoreboard';
import { LockoutsDialog } from '../shell/Lockouts';
import { messageOf } from '../shell/ReadFailed';
import { SignInDialog } from '../shell/SignInDialog';
import { defaultFilters, useCaseQuery, type QueueFilters } from './useCaseQuery';

const selectOpenCases = (state: WallState) => state.openCases;
const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';
const selectOperator = (state: WallState) => state.operator;
const selectSelectedId = (state: WallState) => state.selectedCaseId;

type Overlay = 'none' | 'newCase' | 'signIn' | 'handover' | 'lockouts';

export function QueueWindow() {
  const { t } = useTranslation();
  const { bridge, store } = useWall();
  const openCases = useWallState(selectOpenCases);
  const canWrite = useWallState(selectCanWrite);
  const operator = useWallState(selectOperator);
  const [filters, setFilters] = useState<QueueFilters>(defaultFilters);
  const [mode, setMode] = useState<'queue' | 'scoreboard'>('queue');
  const [overlay, setOverlay] = useState<Overlay>('none');
  // What the last hotkey, form or sign-out did, or why it failed (in red: a refusal must not read as done).
  const [notice, setNotice] = useState<{ failed: boolean; text: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const detailRef = useRef<CaseDetailHandle>(null);
  const selectedId = useWallState(selectSelectedId);
  const view = useCaseQuery(filters);
  useSharedFilters(filters);
  const counts = useMemo(() => {
    let urgent = 0;
    for (const item of openCases.values()) if (item.urgent) urgent++;
    return { open: openCases.size, urgent };
  }, [openCases]);

  // The shift's keys (shared/commands/keymap.ts): move through the list, search, new case,
  // one key per linked department, and the letter of each action. Typing in a field never triggers them.
  const move = (step: 1 | -1) => {
    const rows = view.loaded();
    const index = rows.findIndex((row) => row.id === store.getState().selectedCaseId);
    const next = rows[Math.max(0, Math.min(rows.length - 1, index + step))];
    if (next) selectCase(bridge, store, next.id);
  };
  const dispatchTo = (order: number) => {
    const department = store.getState().reference?.departments.find((item) => item.kind === 'linked' && item.order === order);
    const selected = store.getState().selectedCaseId;
    if (!department || selected === null || overlay !== 'none') return;
    // The same path as typing "派 this 城管中队": read back in the outcome line, audited as a hotkey, undoable.
    void bridge
      .request('command.run', { text: `派 this ${department.name.zh}`, selectedCaseId: selected }, 'hotkey')
      .then(
        (outcome) => setNotice({ failed: false, text: t('commands.done', { readBack: outcome.readBack }) }),
        (error: unknown) => setNotice({ failed: true, text: messageOf(error) }),
      );
  };
  const act = (action: CaseAction) => {
    if (overlay === 'none' && store.getState().selectedCaseId !== null) detailRef.current?.act(action);
  };
  useWindowHotkeys({
    nextCase: () => move(1),
    previousCase: () => move(-1),
    openCase: () => document.querySelector<HTMLElement>('[data-testid="case-detail"]')?.focus(),
    clearSelection: () => selectCase(bridge, store, null),
    search: () => searchRef.current?.focus(),
    newCase: () => canWrite && setOverlay(operator ? 'newCase' : 'signIn'),
    ...Object.fromEntries(([1, 2, 3, 4, 5, 6, 7, 8] as const).map((order) => [`dispatch.${order}`, () => dispatchTo(order)])),
    ...Object.fromEntries(caseActions.map((action) => [`act.${action}`, () => act(action)])),
  });

  const signOut = async () => {
    try {
      await bridge.request('session.signOut', {}, 'mouse');
      rememberSignIn(null);
      store.getState().operatorChanged(null);
    } catch (failure) {
      // A sign-in that had already ended is said by the sign-in dialog that opened for it.
      if (!store.getState().signInPrompt) setNotice({ failed: true, text: messageOf(failure) });
    }
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
        {canWrite && <OperatorBadge onSignIn={() => setOverlay('signIn')} onLockouts={() => setOverlay('lockouts')} onSignOut={() => void signOut()} />}
      </WindowHeader>
      {mode === 'scoreboard' ? (
        <main className="scoreboard-body">
          <Scoreboard
            onOpenCase={(caseId) => {
              selectCase(bridge, store, caseId);
              setFilters({ ...defaultFilters, statuses: ['reported', 'verifying', 'registered', 'dispatched', 'inProgress', 'reportedBack', 'closed', 'voided', 'merged', 'hung'] });
              setMode('queue');
            }}
          />
        </main>
      ) : (
        <main className="queue-body">
          <div className="queue-main">
            <FilterBar ref={searchRef} filters={filters} onChange={setFilters} total={view.total} />
            <CaseList view={view} />
            <p className="key-hints">{t('queueView.keys')}</p>
          </div>
          <aside className="queue-side">
            {notice && (
              <p className={notice.failed ? 'form-error' : 'form-done'} role={notice.failed ? 'alert' : 'status'}>
                {notice.text}
              </p>
            )}
            {overlay === 'newCase' ? (
              <NewCaseForm
                onClose={() => setOverlay('none')}
                onCreated={(created) => {
                  setOverlay('none');
                  setNotice({ failed: false, text: t('form.created', { number: created.number }) });
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
      {overlay === 'lockouts' && <LockoutsDialog onClose={() => setOverlay('none')} />}
    </div>
  );
}

/** Who is signed in at this console, and the ways out: sign out, and for the duty director the sign-in locks. */
function OperatorBadge({ onSignIn, onLockouts, onSignOut }: { onSignIn: () => void; onLockouts: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const operator = useWallState(selectOperator);
  if (!operator) {
    return (
      <button className="button button-primary" onClick={onSignIn}>
        {t('signIn.button')}
      </button>
    );
  }
  return (
    <span className="operator-badge" data-testid="operator">
      {operator.name} · {operator.role === 'director' ? t('signIn.director') : t('signIn.operatorRole')}
      {operator.role === 'director' && (
        <button className="link-button" onClick={onLockouts} data-testid="open-lockouts">
          {t('lockouts.open')}
        </button>
      )}
      <button className="link-button" onClick={onSignOut}>
        {t('signIn.signOut')}
      </button>
    </span>
  );
}

/** The queue's filters go to its console (the map may follow them) a moment after they stop changing. */
function useSharedFilters(filters: QueueFilters): void {
  const { bridge, store } = useWall();
  const key = JSON.stringify(filters);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const { sort: _sort, ...filter } = CaseQuerySchema.parse(JSON.parse(key) as QueueFilters);
      const { offset: _offset, limit: _limit, ...shared } = filter;
      shareFilter(bridge, store, shared);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [bridge, store, key]);
}
