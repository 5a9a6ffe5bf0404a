import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Highlight } from '../../../../shared/presentation/figures';
import { messageOf } from '../../shell/ReadFailed';
import { useWall } from '../../shell/WallContext';
import { dayTimeText, spanParts } from '../format';
import { useFigures } from '../useFigures';
import { Panel, useNames, Waiting } from './common';

const perPage = 2;

/** Which page of highlights is up: the view's dwell time is shared out between its pages. */
function usePage(pages: number, shownSince: number, dwellMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [pages]);
  if (pages <= 1 || dwellMs <= 0) return 0;
  return Math.min(pages - 1, Math.max(0, Math.floor((now - shownSince) / (dwellMs / pages))));
}

/** Closed cases the director chose: before and after, and how the case went, in words that name no one. */
export function HighlightsView({ shownSince, dwellMs }: { shownSince: number; dwellMs: number }) {
  const { figures, error } = useFigures('highlights');
  const highlights = figures?.highlights ?? [];
  const pages = Math.max(1, Math.ceil(highlights.length / perPage));
  const page = usePage(pages, shownSince, dwellMs);
  return (
    <div className="view view-highlights" data-ready={figures !== null}>
      {!figures && <Waiting error={error} />}
      {highlights.slice(page * perPage, page * perPage + perPage).map((highlight) => (
        <HighlightCard key={highlight.position} highlight={highlight} />
      ))}
    </div>
  );
}

function HighlightCard({ highlight }: { highlight: Highlight }) {
  const { t } = useTranslation();
  const names = useNames();
  const took = highlight.closedAt === null ? null : spanParts(highlight.closedAt - highlight.reportedAt);
  return (
    <Panel className="highlight" title={t('presentation.highlightTitle', { category: names.category(highlight.categoryCode), grid: names.grid(highlight.gridId) })}>
      <p className="highlight-summary">
        {t('presentation.highlightSummary', { source: names.source(highlight.sourceId) })}
        {took && ` ${t('presentation.highlightTook', took)}`}
      </p>
      <div className="highlight-pictures">
        <Pictures label={t('presentation.before')} ids={highlight.before} />
        <Pictures label={t('presentation.after')} ids={highlight.after} />
      </div>
      <ol className="highlight-steps">
        {highlight.steps.map((step, index) => (
          <li key={index}>
            <time>{dayTimeText(step.at)}</time>
            <span>{t(`presentation.steps.${step.kind}`, { departments: step.departmentIds.map(names.department).join('、') })}</span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** Released pictures only: the core answers for no other id. */
function Pictures({ label, ids }: { label: string; ids: readonly number[] }) {
  const { t } = useTranslation();
  const { bridge } = useWall();
  const [sources, setSources] = useState<Array<string | null>>([]);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all(ids.map((attachmentId) => bridge.request('presentation.picture', { attachmentId }).then((picture) => `data:${picture.mime};base64,${picture.dataBase64}`))).then(
      (loaded) => current && setSources(loaded),
      (failure: unknown) => current && setFailed(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [bridge, ids]);
  return (
    <figure className="highlight-side">
      <figcaption>{label}</figcaption>
      {ids.length === 0 && <p className="muted">{t('presentation.noPicture')}</p>}
      {failed && <p className="muted">{failed}</p>}
      {sources.slice(0, 1).map((source) => source && <img key={source.length} src={source} alt={label} />)}
    </figure>
  );
}
