import { forwardRef, useEffect, useImperativeHandle, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf, TimelineEntry } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { allowedActions, type CaseAction } from '../../../shared/domain/lifecycle';
import type { CoreBridge } from '../bridge/bridge';
import type { WallState } from '../state/wallStore';
import { formatTime, useLookups, useMinuteClock } from '../shell/lookups';
import { messageOf, ReadFailed, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import { ActionForm, needsForm } from './ActionForm';
import { useKeyFor } from '../shell/hotkeys';
import { DeadlineBar } from './deadline';
import { Photos } from './Photos';
import { HighlightChoice } from './HighlightChoice';

const selectSelectedId = (state: WallState) => state.selectedCaseId;
const selectOperator = (state: WallState) => state.operator;
const selectCanWrite = (state: WallState) => state.session?.audience === 'operator';
const selectLastChanged = (state: WallState) => state.lastChanged;

type MergeByNumber = { action: 'merge'; caseId: number; parentNumber: string; reason: string };

/** The actions this operator may take on this case now, in workflow order. */
export function availableActions(item: Case, role: 'operator' | 'director'): CaseAction[] {
  return allowedActions(item.status, role).filter((action) => {
    if (action === 'approveExtension' || action === 'refuseExtension') return item.pendingExtension !== null;
    if (action === 'recordHelperProgress') return item.assignments.some((entry) => entry.role === 'helper');
    return true;
  });
}

/**
 * The selected case: facts, countdown, department records, possible
 * duplicates, the actions allowed now (each with its key), and the
 * timeline read from the audit trail.
 */
export interface CaseDetailHandle {
  /** A key pressed in the window: run the action if it is allowed now. */
  act(action: CaseAction): void;
}

/** Mounted with `key={selectedCaseId}`, so a new selection starts from a clean pane. */
export const CaseDetail = forwardRef<CaseDetailHandle>(function CaseDetail(_props, ref) {
  const keyFor = useKeyFor();
  const { t } = useTranslation();
  const { bridge } = useWall();
  const selectedId = useWallState(selectSelectedId);
  const operator = useWallState(selectOperator);
  const canWrite = useWallState(selectCanWrite);
  const now = useMinuteClock();
  const { item, setItem, timeline, duplicates, loadError, retry } = useCaseRecord(selectedId);
  const [form, setForm] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);

  const actions = item && operator && canWrite ? availableActions(item, operator.role) : [];

  const run = async (args: ArgsOf<'case.act'> | MergeByNumber) => {
    if (!item) return;
    setBusy(true);
    setMessage(null);
    try {
      const request = 'parentNumber' in args ? await mergeByNumber(bridge, args) : args;
      if (!request) {
        setMessage({ kind: 'error', text: t('errors.mergeTarget', { id: ('parentNumber' in args && args.parentNumber) || '—' }) });
        return;
      }
      const updated = await bridge.request('case.act', request, 'keyboard');
      setItem(updated);
      setForm(null);
      setMessage({ kind: 'done', text: t('detail.done', { action: t(`actions.${request.action}`), number: updated.number }) });
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  const start = (action: CaseAction) => {
    if (!item) return;
    if (needsForm(action)) setForm(action);
    else void run({ action, caseId: item.id, reason: '' } as ArgsOf<'case.act'>);
  };

  useImperativeHandle(ref, () => ({
    act(action) {
      if (!form && !busy && actions.includes(action)) start(action);
    },
  }));

  // What could not be read is said in its place, not left as an old or empty pane.
  if (loadError) {
    return (
      <section className="case-detail" aria-label={t('queue.detail')} data-testid="case-detail">
        <ReadFailed message={loadError} onRetry={retry} />
      </section>
    );
  }
  if (!item) return <div className="empty">{t('queue.noSelection')}</div>;

  return (
    <section className="case-detail" tabIndex={-1} aria-label={t('queue.detail')} data-testid="case-detail">
      <header>
        <h2>
          {item.number} {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>}
        </h2>
        <span className="status-tag" data-testid="detail-status">
          {t(`status.${item.status}`)}
        </span>
      </header>
      <DeadlineBar item={item} now={now} />
      <p className="case-description">{item.description}</p>
      <CaseFacts item={item} />
      {(item.returnCount > 0 || item.reworkCount > 0 || item.extensionCount > 0) && (
        <p className="muted">{t('detail.counts', { returns: item.returnCount, reworks: item.reworkCount, extensions: item.extensionCount })}</p>
      )}
      {item.pendingExtension && (
        <p className="notice">
          {t('detail.pendingExtension', {
            value: item.pendingExtension.limit.value,
            unit: t(item.pendingExtension.limit.unit === 'workingDays' ? 'detail.unitDays' : 'detail.unitHours'),
            reason: item.pendingExtension.reason,
          })}
        </p>
      )}
      <Photos caseId={item.id} version={item.updatedAt} canAdd={Boolean(operator && canWrite)} />
      {item.status === 'closed' && operator?.role === 'director' && canWrite && <HighlightChoice item={item} />}
      <Assignments item={item} />
      {duplicates[0] && actions.includes('merge') && (
        <p className="notice" data-testid="duplicate">
          {t('detail.duplicates', { number: duplicates[0].number })}{' '}
          <button className="button" onClick={() => setForm('merge')}>
            {t('detail.mergeInto', { number: duplicates[0].number })} <kbd>{keyFor('act.merge')}</kbd>
          </button>
        </p>
      )}
      {canWrite && !operator && <p className="muted">{t('detail.signInToAct')}</p>}
      {actions.length > 0 && !form && (
        <div className="action-buttons" role="toolbar" aria-label={t('detail.actions')}>
          {actions.map((action) => (
            <button key={action} className="button" disabled={busy} onClick={() => start(action)} data-action={action}>
              {t(`actions.${action}`)} <kbd>{keyFor(`act.${action}`)}</kbd>
            </button>
          ))}
        </div>
      )}
      {form && <ActionForm item={item} action={form} mergeSuggestion={duplicates[0] ?? null} busy={busy} onSubmit={(args) => void run(args)} onCancel={() => setForm(null)} />}
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'form-done'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <Timeline entries={timeline} />
    </section>
  );
});

/** The departments on the case, lead first, with where each stands. */
function Assignments({ item }: { item: Case }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  if (item.assignments.length === 0) return null;
  return (
    <div className="assignments">
      <h3>{t('detail.assignments')}</h3>
      <ul>
        {item.assignments.map((entry) => (
          <li key={entry.departmentId} data-department={entry.departmentId}>
            <span className={entry.role === 'lead' ? 'role-lead' : 'role-helper'}>{t(`detail.${entry.role}`)}</span>
            <span>{lookups.departmentName(entry.departmentId)}</span>
            <span className="status-tag">{t(`assignment.${entry.status}`)}</span>
            {entry.note && <span className="muted">{entry.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A merge into the case the operator named by its number; null when no case has that number. */
async function mergeByNumber(bridge: CoreBridge, args: MergeByNumber): Promise<ArgsOf<'case.act'> | null> {
  const found = await bridge.request('cases.query', { statuses: [], text: args.parentNumber, limit: 1 });
  const parent = found.cases.find((candidate) => candidate.number === args.parentNumber);
  return parent ? { action: 'merge', caseId: args.caseId, parentId: parent.id, reason: args.reason } : null;
}

/** What the case is, where, from whom and by when. */
function CaseFacts({ item }: { item: Case }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  const placeLine = [lookups.subDistrictName(item.subDistrictId), lookups.workstationName(item.workstationId), lookups.gridName(item.gridId)].filter(Boolean).join(' · ');
  return (
    <dl>
      <dt>{t('queue.columns.category')}</dt>
      <dd>
        {lookups.majorName(item.categoryCode)} / {lookups.categoryName(item.categoryCode)}
      </dd>
      <dt>{t('queue.columns.place')}</dt>
      <dd>
        {item.address || t('queue.unlocated')}
        {placeLine && <div className="muted">{placeLine}</div>}
      </dd>
      <dt>{t('queue.columns.source')}</dt>
      <dd>{lookups.sourceName(item.sourceId)}</dd>
      <dt>{t('queue.reportedAt')}</dt>
      <dd>{formatTime(item.reportedAt)}</dd>
      {item.deadlineAt !== null && (
        <>
          <dt>{t('deadline.due')}</dt>
          <dd>{formatTime(item.deadlineAt)}</dd>
        </>
      )}
      {item.reporter && (
        <>
          <dt>{t('queue.reporter')}</dt>
          <dd>
            {item.reporter.name} {item.reporter.phone}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The selected case, its timeline and its likely duplicates: read again when the core says it changed, and after a failed read once the link is back. */
function useCaseRecord(selectedId: number | null) {
  const { bridge } = useWall();
  const lastChanged = useWallState(selectLastChanged);
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [item, setItem] = useState<Case | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [duplicates, setDuplicates] = useState<Case[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [retries, setRetries] = useState(0);
  const changedVersion = lastChanged?.id === selectedId ? lastChanged?.updatedAt : undefined;
  useEffect(() => {
    if (selectedId === null) return;
    let current = true;
    Promise.all([
      bridge.request('case.get', { caseId: selectedId }),
      bridge.request('case.timeline', { caseId: selectedId }),
      bridge.request('case.duplicates', { caseId: selectedId }),
    ]).then(
      ([found, entries, similar]) => {
        if (!current) return;
        setItem(found);
        setTimeline(entries);
        setDuplicates(similar);
        setLoadError(null);
      },
      (failure: unknown) => current && setLoadError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [bridge, selectedId, changedVersion, snapshotsLoaded, retries]);
  return { item, setItem, timeline, duplicates, loadError, retry: () => setRetries((count) => count + 1) };
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const name = (kind: string) => t(`actions.${kind}`, { defaultValue: t(`events.${kind}`, { defaultValue: kind }) });
  return (
    <div className="timeline">
      <h3>{t('detail.timeline')}</h3>
      <ol data-testid="timeline">
        {entries.map((entry) => (
          <li key={entry.id} title={`#${entry.id} ${entry.hash.slice(0, 12)}`}>
            <time>{formatTime(entry.at)}</time>
            <span className="timeline-kind">{name(entry.kind)}</span>
            <span className="muted">
              {entry.actorName} · {t(`input.${entry.input}`, { defaultValue: entry.input })}
            </span>
            {typeof entry.data.reason === 'string' && entry.data.reason && <span className="timeline-reason">{entry.data.reason}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
