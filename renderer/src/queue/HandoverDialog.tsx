import { useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { HandoverReport, TimelineEntry } from '../../../shared/contract/contract';
import type { Case } from '../../../shared/domain/case';
import { formatTime, useLookups } from '../shell/lookups';
import { useWall } from '../shell/WallContext';
import './scoreboard.css';

/** The room's shifts: a 12-hour day/night rota by default, 8 h and 24 h rotas too. */
const shiftLengths = [8, 12, 24] as const;
type ShiftLength = (typeof shiftLengths)[number];

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * The shift handover (交接班): pick the shift length, the core builds the
 * report (and writes it to a file), the window shows it as a page to read
 * or print.
 *
 * Rendered into <body>, outside the window's root, so the print styles can
 * hide everything else and let the report run over several pages.
 */
export function HandoverDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const [hours, setHours] = useState<ShiftLength>(12);
  const [report, setReport] = useState<HandoverReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await bridge.request('report.handover', { hours }, 'keyboard'));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  // Stop Esc here so the panels underneath (the scoreboard's drill-down, the queue's selection) keep theirs.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  };

  return createPortal(
    // tabIndex -1: a click on the backdrop or the report keeps the focus inside, so Esc still reaches onKeyDown.
    <div className="modal-backdrop handover-backdrop" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="modal handover-dialog" role="dialog" aria-modal="true" aria-label={t('handover.title')} tabIndex={-1}>
        <div className="handover-toolbar">
          <ShiftLengthPicker hours={hours} onChange={setHours} />
          <button type="button" className="button button-primary" onClick={() => void generate()} disabled={busy} autoFocus>
            {busy ? t('handover.generating') : t('handover.generate')}
          </button>
          <button type="button" className="button" onClick={() => window.print()} disabled={!report}>
            {t('handover.print')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('handover.close')}
          </button>
        </div>
        {error && (
          <p className="form-error handover-screen-only" role="alert">
            {error}
          </p>
        )}
        {report?.file && <p className="muted handover-screen-only">{t('handover.file', { file: report.file })}</p>}
        {report ? <ReportPage report={report} /> : <p className="muted">{t('handover.hint')}</p>}
      </div>
    </div>,
    document.body,
  );
}

function ShiftLengthPicker({ hours, onChange }: { hours: ShiftLength; onChange: (hours: ShiftLength) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="handover-hours">
      <legend>{t('handover.shiftLength')}</legend>
      {shiftLengths.map((length) => (
        <label key={length}>
          <input type="radio" name="handover-hours" value={length} checked={hours === length} onChange={() => onChange(length)} />
          {t('handover.hours', { count: length })}
        </label>
      ))}
    </fieldset>
  );
}

type CaseSection = 'urgent' | 'overdue' | 'aboutToExpire' | 'hung' | 'returned';
const caseSections: CaseSection[] = ['urgent', 'overdue', 'aboutToExpire', 'hung', 'returned'];

/** The page itself: the only part of the window that prints. */
function ReportPage({ report }: { report: HandoverReport }) {
  const { t } = useTranslation();
  return (
    <article className="handover-report">
      <header>
        <h2>{t('handover.title')}</h2>
        <p>
          {t('handover.span', { from: formatTime(report.from), to: formatTime(report.to) })} · {t('handover.generatedAt', { time: formatTime(report.generatedAt) })}
        </p>
        <ul className="handover-counts">
          <li>{t('handover.counts.open', { count: report.counts.open })}</li>
          <li>{t('handover.counts.created', { count: report.counts.createdInShift })}</li>
          <li>{t('handover.counts.closed', { count: report.counts.closedInShift })}</li>
        </ul>
      </header>
      {caseSections.map((section) => (
        <CaseSectionTable key={section} title={t(`handover.sections.${section}`)} cases={report[section]} />
      ))}
      <KeyEvents events={report.keyEvents} caseNumbers={report.caseNumbers} />
      {report.video && report.video.length > 0 && <VideoCoverage slots={report.video} />}
    </article>
  );
}

function CaseSectionTable({ title, cases }: { title: string; cases: Case[] }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  return (
    <section className="handover-section">
      <h3>{t('handover.sectionTitle', { title, count: cases.length })}</h3>
      {cases.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <table className="handover-table">
          <thead>
            <tr>
              <th scope="col">{t('handover.columns.number')}</th>
              <th scope="col">{t('handover.columns.category')}</th>
              <th scope="col">{t('handover.columns.place')}</th>
              <th scope="col">{t('handover.columns.department')}</th>
              <th scope="col">{t('handover.columns.deadline')}</th>
              <th scope="col">{t('handover.columns.description')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.id}>
                <td className="handover-number">{item.number}</td>
                <td>{lookups.categoryName(item.categoryCode)}</td>
                <td>{item.address || lookups.gridName(item.gridId) || t('queue.unlocated')}</td>
                <td>{lookups.departmentName(item.leadDepartmentId) ?? '—'}</td>
                <td>{item.deadlineAt === null ? '—' : formatTime(item.deadlineAt)}</td>
                <td className="handover-description">{item.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function KeyEvents({ events, caseNumbers }: { events: TimelineEntry[]; caseNumbers: Record<number, string> }) {
  const { t } = useTranslation();
  // An action's name, else an event's name (标为紧急…), else the raw kind: a new kind still shows up, just untranslated.
  const kindName = (kind: string) => t([`actions.${kind}`, `events.${kind}`], { defaultValue: kind });
  return (
    <section className="handover-section">
      <h3>{t('handover.sectionTitle', { title: t('handover.sections.keyEvents'), count: events.length })}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('handover.none')}</p>
      ) : (
        <table className="handover-table">
          <thead>
            <tr>
              <th scope="col">{t('handover.columns.time')}</th>
              <th scope="col">{t('handover.columns.case')}</th>
              <th scope="col">{t('handover.columns.action')}</th>
              <th scope="col">{t('handover.columns.operator')}</th>
              <th scope="col">{t('handover.columns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((entry) => (
              <tr key={entry.id}>
                <td>{formatTime(entry.at)}</td>
                {/* The report only names open and hung cases; a case voided or merged in the shift shows its id. */}
                <td className="handover-number">{caseNumbers[entry.caseId] ?? `#${entry.caseId}`}</td>
                <td>{kindName(entry.kind)}</td>
                <td>{entry.actorName}</td>
                <td className="handover-description">{typeof entry.data.reason === 'string' ? entry.data.reason : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Which cameras the wall showed in each time slot of the shift, and which it never did. */
function VideoCoverage({ slots }: { slots: NonNullable<HandoverReport['video']> }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="handover-section" data-testid="handover-video">
      <h3>{t('handover.sectionTitle', { title: t('handover.sections.video'), count: slots.length })}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('handover.columns.slot')}</th>
            <th>{t('handover.columns.shown')}</th>
            <th>{t('handover.columns.notShown')}</th>
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => (
            <tr key={slot.slotId}>
              <td>{i18n.language === 'en' ? slot.name.en : slot.name.zh}</td>
              <td>{slot.shown}</td>
              <td>{slot.notShown.join('、') || t('handover.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
