import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOverdue, supervisionLevel, type Case } from '../../../shared/domain/case';
import { createWorkCalendar, type WorkCalendar } from '../../../shared/domain/workCalendar';
import type { WallState } from '../state/wallStore';
import { useWallState } from '../shell/WallContext';

const selectCalendarData = (state: WallState) => state.reference?.calendar ?? null;

/** The room's working calendar, built once per window from the reference data. */
export function useWorkCalendar(): WorkCalendar | null {
  const data = useWallState(selectCalendarData);
  return useMemo(() => (data ? createWorkCalendar(data) : null), [data]);
}

export interface ClockState {
  /** Share of the time limit used, in working time (may pass 1). */
  used: number;
  level: 0 | 1 | 2 | 3;
  overdue: boolean;
  paused: boolean;
  /** Working ms left, or wall-clock ms past the deadline when overdue. */
  ms: number;
}

export function clockState(item: Case, calendar: WorkCalendar, now: number): ClockState | null {
  if (item.deadlineAt === null || item.dispatchedAt === null || !item.timeLimitMs) return null;
  const paused = item.status === 'hung';
  const until = paused && item.hungAt !== null ? item.hungAt : now;
  const spent = Math.max(0, calendar.workingMsBetween(item.dispatchedAt, until) - item.pausedWorkingMs);
  const overdue = isOverdue(item, now);
  return {
    used: spent / item.timeLimitMs,
    level: supervisionLevel(item, now),
    overdue,
    paused,
    ms: overdue ? now - item.deadlineAt : Math.max(0, item.timeLimitMs - spent),
  };
}

/** "3 小时 20 分" / "2 天 4 小时" */
export function useDurationText() {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    if (minutes < 60) return t('deadline.minutes', { m: minutes });
    if (minutes < 48 * 60) return t('deadline.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
    return t('deadline.days', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  };
}

const levelClass = ['level-0', 'level-1', 'level-2', 'level-3'] as const;

/** The countdown: a bar of working time used, coloured by the supervision ladder, and the time left or past. */
export function DeadlineBar({ item, now, compact = false }: { item: Case; now: number; compact?: boolean }) {
  const { t } = useTranslation();
  const calendar = useWorkCalendar();
  const duration = useDurationText();
  const state = calendar ? clockState(item, calendar, now) : null;
  if (!state) return compact ? <span className="muted">—</span> : <span className="muted">{t('deadline.notDispatched')}</span>;
  const text = state.paused
    ? t('deadline.paused')
    : state.overdue
      ? t('deadline.overdueBy', { time: duration(state.ms) })
      : t('deadline.remaining', { time: duration(state.ms) });
  return (
    <span className={`deadline ${levelClass[state.level]}${compact ? ' compact' : ''}`} data-testid="deadline" data-level={state.level}>
      <span className="deadline-track" aria-hidden>
        <span className="deadline-fill" style={{ width: `${Math.min(100, state.used * 100)}%` }} />
      </span>
      <span className="deadline-text">
        {text}
        {!compact && !state.overdue && !state.paused && t('deadline.workingTime')}
      </span>
    </span>
  );
}
