import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxIdsPerRequest, type Assessment } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { percent, type Fraction, type KpiCaseIds, type Kpis, type ScoreComponentKey } from '../../../shared/domain/kpi';
import { locale } from '../shell/i18n';
import { formatTime, useLookups, useMinuteClock } from '../shell/lookups';
import { messageOf, ReadFailed, selectSnapshotsLoaded } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import './scoreboard.css';

/*
 * The department assessment (考核) board: one row per lead department, every
 * figure opens the cases behind it. The figures themselves are computed in
 * the core (shared/domain/kpi.ts); this file only shows them.
 */

/** A drill-down reads its cases as many as `cases.byIds` takes at once, which is also what a panel shows without stalling. */
const chunkSize = maxIdsPerRequest;
/** How many months back the picker offers (the current month included). */
const monthsOffered = 12;
const beijingOffsetMs = 8 * 60 * 60 * 1000;

/** 'YYYY-MM' of the Beijing calendar month `monthsBack` months before the one containing `at`. */
function beijingMonth(at: number, monthsBack = 0): string {
  const local = new Date(at + beijingOffsetMs);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
}

const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
/** '2026-11' → '2026年11月' / 'November 2026' */
function monthLabel(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthFormat.format(Date.UTC(year!, monthNumber! - 1, 15));
}

type Tone = 'urgent' | 'attention' | null;

/**
 * Display thresholds, not part of the assessment: they only decide which
 * figures catch the eye. Below 80 % of a "more is better" rate is amber,
 * below 60 % red; a "less is better" rate turns amber at 10 %, red at 20 %.
 */
function rateTone(rate: Fraction, better: 'higher' | 'lower'): Tone {
  if (rate.value === null) return null;
  if (better === 'higher') return rate.value < 0.6 ? 'urgent' : rate.value < 0.8 ? 'attention' : null;
  return rate.value >= 0.2 ? 'urgent' : rate.value >= 0.1 ? 'attention' : null;
}
function scoreTone(score: number | null): Tone {
  if (score === null) return null;
  return score < 60 ? 'urgent' : score < 80 ? 'attention' : null;
}

interface RateColumn {
  id: string;
  rate: (kpis: Kpis) => Fraction;
  /** The cases in the numerator. */
  counted: (ids: KpiCaseIds) => number[];
  /** The cases in the denominator. */
  base: (ids: KpiCaseIds) => number[];
  better: 'higher' | 'lower';
}

const rateColumns: RateColumn[] = [
  { id: 'disposal', rate: (k) => k.disposalRate, counted: (ids) => ids.reportedBack, base: (ids) => ids.due, better: 'higher' },
  { id: 'onTimeDisposal', rate: (k) => k.onTimeDisposalRate, counted: (ids) => ids.reportedBackOnTime, base: (ids) => ids.due, better: 'higher' },
  { id: 'closure', rate: (k) => k.closureRate, counted: (ids) => ids.closed, base: (ids) => ids.due, better: 'higher' },
  { id: 'onTimeClosure', rate: (k) => k.onTimeClosureRate, counted: (ids) => ids.closedOnTime, base: (ids) => ids.due, better: 'higher' },
  { id: 'rework', rate: (k) => k.reworkRate, counted: (ids) => ids.reworked, base: (ids) => ids.due, better: 'lower' },
  { id: 'return', rate: (k) => k.returnRate, counted: (ids) => ids.returned, base: (ids) => ids.due, better: 'lower' },
  { id: 'extension', rate: (k) => k.extensionRate, counted: (ids) => ids.extended, base: (ids) => ids.due, better: 'lower' },
  {
    id: 'supervisedOnTime',
    rate: (k) => k.supervisedOnTimeRate,
    counted: (ids) => ids.supervisedClosedOnTime,
    base: (ids) => ids.supervised,
    better: 'higher',
  },
  { id: 'urgentClosure', rate: (k) => k.urgentClosureRate, counted: (ids) => ids.urgentClosed, base: (ids) => ids.urgent, better: 'higher' },
];

const percentText = (rate: Fraction) => {
  const value = percent(rate);
  return value === null ? '—' : `${value.toFixed(2)}%`;
};

/** What the drill-down panel shows: the cases behind a figure, or how a row's score was made. */
type Drill =
  | { kind: 'cases'; title: string; counted: readonly number[]; rest: readonly number[] | null }
  | { kind: 'score'; title: string; kpis: Kpis };

/**
 * One `kpi.get` per month (and per press of 刷新, and after the link comes back: the figures may have moved
 * meanwhile, but not while `held` by an open drill-down); the previous figures stay up while the same month reloads.
 */
function useAssessment(month: string, held: boolean) {
  const { bridge } = useWall();
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  // A link that comes back under an open drill-down reloads the figures only once the drill-down closes.
  const [appliedSnapshots, setAppliedSnapshots] = useState(snapshotsLoaded);
  if (!held && appliedSnapshots !== snapshotsLoaded) setAppliedSnapshots(snapshotsLoaded);
  const [reloads, setReloads] = useState(0);
  const [result, setResult] = useState<{ key: string; month: string; assessment: Assessment | null; error: string | null } | null>(null);
  const key = `${month}#${reloads}#${appliedSnapshots}`;
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  useEffect(() => {
    let current = true;
    bridge.request('kpi.get', { month }).then(
      (assessment) => current && setResult({ key, month, assessment, error: null }),
      (failure: unknown) => current && setResult({ key, month, assessment: null, error: messageOf(failure) }),
    );
    return () => {
      current = false;
    };
  }, [bridge, month, key]);
  const forMonth = result?.month === month ? result : null;
  return {
    assessment: forMonth?.assessment ?? null,
    error: forMonth?.error ?? null,
    loading: result?.key !== key,
    reload,
  };
}

/** The board follows the cases: after a change it reads the figures again, at most this often. */
const refreshEveryMs = 60_000;

export function Scoreboard({ onOpenCase }: { onOpenCase: (caseId: number) => void }) {
  const { t } = useTranslation();
  const { store } = useWall();
  const [months] = useState(() => Array.from({ length: monthsOffered }, (_, back) => beijingMonth(Date.now(), back)));
  const [month, setMonth] = useState(months[0]!);
  const [drill, setDrill] = useState<Drill | null>(null);
  const { assessment, error, loading, reload } = useAssessment(month, drill !== null);

  // Cases change all shift: refresh the figures once a minute when they did, but never under an open
  // drill-down (its case list would no longer match the figure the director is reading).
  useEffect(() => {
    let changed = false;
    const stop = store.subscribe((state, previous) => {
      if (state.lastChanged !== previous.lastChanged) changed = true;
    });
    const timer = window.setInterval(() => {
      if (!changed || drill) return;
      changed = false;
      reload();
    }, refreshEveryMs);
    return () => {
      stop();
      window.clearInterval(timer);
    };
  }, [store, drill, reload]);
  // The figure that opened the panel gets the focus back when it closes (keyboard users keep their place).
  const opener = useRef<HTMLElement | null>(null);

  const open = (next: Drill) => {
    if (document.activeElement instanceof HTMLElement && !document.activeElement.closest('[data-testid="drilldown"]')) {
      opener.current = document.activeElement;
    }
    setDrill(next);
  };
  const close = () => {
    setDrill(null);
    opener.current?.focus();
  };
  // Ids from another month (or an older reading) would not match the table any more.
  const changeMonth = (next: string) => {
    setDrill(null);
    setMonth(next);
  };
  const refresh = () => {
    setDrill(null);
    reload();
  };

  return (
    <section className="scoreboard" data-testid="scoreboard" aria-label={t('scoreboard.title')} aria-busy={loading}>
      <header className="scoreboard-header">
        <h2>{t('scoreboard.title')}</h2>
        <label className="scoreboard-month">
          {t('scoreboard.month')}
          <select value={month} onChange={(event) => changeMonth(event.target.value)}>
            {months.map((option) => (
              <option key={option} value={option}>
                {monthLabel(option)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={refresh} disabled={loading}>
          {loading ? t('scoreboard.loading') : t('scoreboard.refresh')}
        </button>
        {assessment && <span className="muted">{t('scoreboard.asOf', { time: formatTime(assessment.overall.asOf) })}</span>}
      </header>
      <div className="scoreboard-table-wrap">
        {error ? <ReadFailed message={error} onRetry={refresh} /> : assessment && <AssessmentTable assessment={assessment} onDrill={open} />}
      </div>
      <Legend />
      {drill && <DrilldownPanel drill={drill} onClose={close} onDrill={open} onOpenCase={onOpenCase} />}
    </section>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <footer className="scoreboard-legend">
      <p>{t('scoreboard.legend')}</p>
      <p className="muted">{t('scoreboard.formulas')}</p>
    </footer>
  );
}

function AssessmentTable({ assessment, onDrill }: { assessment: Assessment; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  if (assessment.overall.due === 0 && assessment.departments.every((row) => row.kpis.due === 0)) {
    return <p className="empty">{t('scoreboard.noData')}</p>;
  }
  return (
    <table className="scoreboard-table">
      <thead>
        <tr>
          <th scope="col">{t('scoreboard.department')}</th>
          <th scope="col">{t('scoreboard.columns.due')}</th>
          {rateColumns.map((column) => (
            <th scope="col" key={column.id}>
              {t(`scoreboard.columns.${column.id}`)}
            </th>
          ))}
          <th scope="col">{t('scoreboard.columns.score')}</th>
        </tr>
      </thead>
      <tbody>
        {assessment.departments.map((row) => (
          <AssessmentRow
            key={row.departmentId ?? ''}
            label={lookups.departmentName(row.departmentId) ?? t('scoreboard.unassigned')}
            kpis={row.kpis}
            onDrill={onDrill}
          />
        ))}
        <AssessmentRow label={t('scoreboard.overall')} kpis={assessment.overall} onDrill={onDrill} overall />
      </tbody>
    </table>
  );
}

function AssessmentRow({ label, kpis, onDrill, overall = false }: { label: string; kpis: Kpis; onDrill: (drill: Drill) => void; overall?: boolean }) {
  const { t } = useTranslation();
  const title = (figure: string) => t('scoreboard.drilldown.title', { department: label, figure });
  return (
    <tr className={overall ? 'scoreboard-overall' : undefined}>
      <th scope="row">
        <button
          type="button"
          className="scoreboard-row-button"
          title={t('scoreboard.breakdown.open')}
          onClick={() => onDrill({ kind: 'score', title: t('scoreboard.breakdown.title', { department: label }), kpis })}
        >
          {label}
        </button>
      </th>
      <td>
        <Figure
          text={String(kpis.due)}
          label={t('scoreboard.columns.due')}
          tone={null}
          onOpen={kpis.due > 0 ? () => onDrill({ kind: 'cases', title: title(t('scoreboard.columns.due')), counted: kpis.caseIds.due, rest: null }) : null}
        />
      </td>
      {rateColumns.map((column) => {
        const rate = column.rate(kpis);
        const name = t(`scoreboard.columns.${column.id}`);
        const counted = column.counted(kpis.caseIds);
        const openCases = () => {
          const countedSet = new Set(counted);
          const rest = column.base(kpis.caseIds).filter((id) => !countedSet.has(id));
          onDrill({ kind: 'cases', title: title(name), counted, rest });
        };
        return (
          <td key={column.id}>
            <Figure
              text={percentText(rate)}
              detail={rate.denominator > 0 ? `${rate.numerator}/${rate.denominator}` : null}
              label={name}
              tone={rateTone(rate, column.better)}
              // A 0 % rate still has cases behind it (the ones that missed), so any rate with a denominator opens.
              onOpen={rate.denominator > 0 ? openCases : null}
            />
          </td>
        );
      })}
      <td className={`scoreboard-score tone-${scoreTone(kpis.score) ?? 'calm'}`}>{kpis.score === null ? '—' : kpis.score.toFixed(1)}</td>
    </tr>
  );
}

/** A number in the table: a button when there are cases behind it. */
function Figure({ text, detail = null, label, tone, onOpen }: { text: string; detail?: string | null; label: string; tone: Tone; onOpen: (() => void) | null }) {
  const className = `scoreboard-figure tone-${tone ?? 'calm'}`;
  const body = (
    <>
      <span className="scoreboard-figure-value">{text}</span>
      {detail && <span className="scoreboard-figure-detail">{detail}</span>}
    </>
  );
  if (!onOpen) return <span className={className}>{body}</span>;
  return (
    <button type="button" className={className} aria-label={`${label} ${text}${detail ? ` (${detail})` : ''}`} data-tone={tone ?? undefined} onClick={onOpen}>
      {body}
    </button>
  );
}

function DrilldownPanel(props: { drill: Drill; onClose: () => void; onDrill: (drill: Drill) => void; onOpenCase: (caseId: number) => void }) {
  const { t } = useTranslation();
  const { drill, onClose } = props;

  // Esc closes wherever the focus is in the window; a dialog above (交接班) stops the key before it gets here.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="drilldown" data-testid="drilldown" aria-label={drill.title}>
      <header className="drilldown-header">
        <h3>{drill.title}</h3>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('scoreboard.drilldown.close')}
        </button>
      </header>
      {drill.kind === 'cases' ? (
        <CaseDrilldown key={drill.title} counted={drill.counted} rest={drill.rest} onOpenCase={props.onOpenCase} />
      ) : (
        <ScoreBreakdown kpis={drill.kpis} title={drill.title} onDrill={props.onDrill} />
      )}
    </aside>
  );
}

/** The cases behind a rate: those counted in it, or (to find what went wrong) the rest of its base. */
function CaseDrilldown({ counted, rest, onOpenCase }: { counted: readonly number[]; rest: readonly number[] | null; onOpenCase: (caseId: number) => void }) {
  const { t } = useTranslation();
  const [showRest, setShowRest] = useState(counted.length === 0);
  const ids = showRest && rest ? rest : counted;
  return (
    <>
      {rest && (
        <div className="drilldown-switch" role="group">
          <button type="button" className={`chip${showRest ? '' : ' is-on'}`} aria-pressed={!showRest} onClick={() => setShowRest(false)}>
            {t('scoreboard.drilldown.counted', { count: counted.length })}
          </button>
          <button type="button" className={`chip${showRest ? ' is-on' : ''}`} aria-pressed={showRest} onClick={() => setShowRest(true)}>
            {t('scoreboard.drilldown.rest', { count: rest.length })}
          </button>
        </div>
      )}
      <CaseTable key={showRest ? 'rest' : 'counted'} ids={ids} onOpenCase={onOpenCase} />
    </>
  );
}

/**
 * Reads the cases a chunk at a time, in the order of `ids`; the next chunk only
 * when asked for. Mount it with a key per id list: it never starts over by itself.
 */
function useCaseChunks(ids: readonly number[]) {
  const { bridge } = useWall();
  const snapshotsLoaded = useWallState(selectSnapshotsLoaded);
  const [wanted, setWanted] = useState(Math.min(chunkSize, ids.length));
  // `covered` counts ids asked for, not cases found: a case missing from the answer must not be asked for forever.
  const [loaded, setLoaded] = useState<{ cases: Case[]; covered: number }>({ cases: [], covered: 0 });
  // A failure belongs to the snapshot it happened under: once the link is back (a new snapshot), the chunk is asked again.
  const [failure, setFailure] = useState<{ message: string; snapshot: number } | null>(null);
  const error = failure && failure.snapshot === snapshotsLoaded ? failure.message : null;
  useEffect(() => {
    if (loaded.covered >= wanted || error !== null) return;
    let current = true;
    const chunk = ids.slice(loaded.covered, wanted);
    bridge.request('cases.byIds', { ids: [...chunk] }).then(
      (found) => {
        if (!current) return;
        const byId = new Map(found.map((item) => [item.id, item]));
        const inOrder = chunk.flatMap((id) => byId.get(id) ?? []);
        setLoaded((previous) => ({ cases: [...previous.cases, ...inOrder], covered: previous.covered + chunk.length }));
      },
      (reason: unknown) => current && setFailure({ message: messageOf(reason), snapshot: snapshotsLoaded }),
    );
    return () => {
      current = false;
    };
  }, [bridge, ids, loaded.covered, wanted, error, snapshotsLoaded]);
  return {
    cases: loaded.cases,
    loading: loaded.covered < wanted && error === null,
    error,
    remaining: ids.length - wanted,
    showMore: () => setWanted((count) => Math.min(ids.length, count + chunkSize)),
  };
}

function CaseTable({ ids, onOpenCase }: { ids: readonly number[]; onOpenCase: (caseId: number) => void }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  const now = useMinuteClock();
  const { cases, loading, error, remaining, showMore } = useCaseChunks(ids);
  if (ids.length === 0) return <p className="muted">{t('scoreboard.drilldown.none')}</p>;
  // Nothing read yet and the read failed: the reason stands where the rows would be, not an empty table.
  if (error && cases.length === 0) return <ReadFailed message={error} />;
  return (
    <div className="drilldown-body">
      <table className="drilldown-table">
        <thead>
          <tr>
            <th scope="col">{t('scoreboard.drilldown.columns.number')}</th>
            <th scope="col">{t('scoreboard.drilldown.columns.category')}</th>
            <th scope="col">{t('scoreboard.drilldown.columns.place')}</th>
            <th scope="col">{t('scoreboard.drilldown.columns.status')}</th>
            <th scope="col">{t('scoreboard.drilldown.columns.deadline')}</th>
            <th scope="col">{t('scoreboard.drilldown.columns.closedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((item) => {
            const closedLate = item.closedAt !== null && item.deadlineAt !== null && item.closedAt > item.deadlineAt;
            const openPastDeadline = item.closedAt === null && item.deadlineAt !== null && item.deadlineAt < now;
            return (
              <tr key={item.id} data-case-number={item.number} onClick={() => onOpenCase(item.id)}>
                <td>
                  {/* The row opens the case on a click; the button makes it reachable by Tab and Enter. */}
                  <button
                    type="button"
                    className="drilldown-case"
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpenCase(item.id);
                    }}
                  >
                    {item.number}
                  </button>
                </td>
                <td>{lookups.categoryName(item.categoryCode)}</td>
                <td>{item.address || lookups.gridName(item.gridId) || t('queue.unlocated')}</td>
                <td>{t(`status.${item.status}`)}</td>
                <td className={openPastDeadline ? 'tone-urgent' : undefined}>{item.deadlineAt === null ? '—' : formatTime(item.deadlineAt)}</td>
                <td className={closedLate ? 'tone-attention' : undefined}>{item.closedAt === null ? '—' : formatTime(item.closedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <ReadFailed message={error} />}
      <p className="drilldown-more">
        <span className="muted">{t('scoreboard.drilldown.showing', { shown: cases.length, total: ids.length })}</span>
        {loading && <span className="muted">{t('scoreboard.drilldown.loading')}</span>}
        {!loading && remaining > 0 && (
          <button type="button" className="button" onClick={showMore}>
            {t('scoreboard.drilldown.more', { count: Math.min(chunkSize, remaining) })}
          </button>
        )}
      </p>
    </div>
  );
}

const componentOrder: ScoreComponentKey[] = ['onTime', 'closure', 'urgent', 'rework', 'supervision', 'satisfaction'];
const points = (value: number) => value.toFixed(1);

/** How a row's 综合得分 was made: each weighted component, then the deductions and their cases. */
function ScoreBreakdown({ kpis, title, onDrill }: { kpis: Kpis; title: string; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const { deductions } = kpis;
  const deductionCases = (rule: 'overdueKeyCases' | 'repeatedRework') => {
    const ids = kpis.caseIds[rule];
    const name = t(`scoreboard.breakdown.${rule}`);
    if (ids.length === 0) return <span>{name}</span>;
    return (
      <button type="button" className="link-button" onClick={() => onDrill({ kind: 'cases', title: `${title} · ${name}`, counted: ids, rest: null })}>
        {t('scoreboard.breakdown.withCount', { name, count: ids.length })}
      </button>
    );
  };
  return (
    <div className="drilldown-body">
      <table className="drilldown-table breakdown-table">
        <thead>
          <tr>
            <th scope="col">{t('scoreboard.breakdown.component')}</th>
            <th scope="col">{t('scoreboard.breakdown.rate')}</th>
            <th scope="col">{t('scoreboard.breakdown.weight')}</th>
            <th scope="col">{t('scoreboard.breakdown.points')}</th>
          </tr>
        </thead>
        <tbody>
          {componentOrder.map((key) => {
            const part = kpis.scoreComponents[key];
            return (
              <tr key={key}>
                <td>{t(`scoreboard.breakdown.components.${key}`)}</td>
                <td>{part.rate.value === null ? t('scoreboard.breakdown.nothingToJudge') : percentText(part.rate)}</td>
                <td>{part.weight}</td>
                <td>{points(part.points)}</td>
              </tr>
            );
          })}
          <tr>
            <td>{deductionCases('overdueKeyCases')}</td>
            <td />
            <td />
            <td>−{points(deductions.overdueKeyCases)}</td>
          </tr>
          <tr>
            <td>{deductionCases('repeatedRework')}</td>
            <td />
            <td />
            <td>−{points(deductions.repeatedRework)}</td>
          </tr>
          {deductions.uncapped > deductions.points && (
            <tr>
              <td colSpan={3}>{t('scoreboard.breakdown.capped')}</td>
              <td>+{points(deductions.uncapped - deductions.points)}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('scoreboard.columns.score')}
            </th>
            <td className={`tone-${scoreTone(kpis.score) ?? 'calm'}`}>{kpis.score === null ? '—' : points(kpis.score)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
