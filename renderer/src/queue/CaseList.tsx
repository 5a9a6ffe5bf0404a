import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { supervisionLevel, type Case } from '../../../shared/domain/case';
import type { WallState } from '../state/wallStore';
import { ageParts, useLookups, useMinuteClock, type Lookups } from '../shell/lookups';
import { ReadFailed } from '../shell/ReadFailed';
import { useWall, useWallState } from '../shell/WallContext';
import { selectCase } from '../state/selection';
import { DeadlineBar } from './deadline';
import type { CaseQueryView } from './useCaseQuery';

const rowHeight = 64;
const selectSelected = (state: WallState) => state.selectedCaseId;
const selectRecent = (state: WallState) => state.recent;

/**
 * Only the rows on screen are in the DOM and only their pages are fetched,
 * so the list stays smooth at 100,000 cases.
 */
export function CaseList({ view }: { view: CaseQueryView }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const lookups = useLookups();
  const now = useMinuteClock();
  const selected = useWallState(selectSelected);
  const recent = useWallState(selectRecent);
  const { bridge, store } = useWall();
  const virtualizer = useVirtualizer({
    count: view.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => view.need(first, last), [view, first, last]);

  // Keep the keyboard's selection in view.
  const selectedIndex = selected === null ? -1 : view.loaded().findIndex((item) => item.id === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const freshIds = new Set(recent.filter((entry) => now - entry.at < 60_000).map((entry) => entry.caseId));
  // A list that could not be read says so: an empty list would read as "nothing to do".
  if (view.error) {
    return (
      <div className="case-list">
        <ReadFailed message={view.error} onRetry={view.retry} />
      </div>
    );
  }
  if (view.total === 0) return <div className="case-list empty">{view.loading ? t('queueView.loading') : t('queue.empty')}</div>;
  return (
    <div className="case-list" ref={scroller} role="listbox" aria-label={t('queue.openCases')} data-testid="case-list">
      <div className="case-list-head" aria-hidden>
        <span>{t('queue.columns.number')}</span>
        <span>{t('queue.columns.category')}</span>
        <span>{t('queue.columns.place')}</span>
        <span>{t('queue.columns.status')}</span>
        <span>{t('deadline.due')}</span>
        <span>{t('queue.columns.age')}</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const item = view.rowAt(row.index);
          if (!item) return <div key={`pending-${row.index}`} className="case-row is-pending" style={{ transform: `translateY(${row.start}px)`, height: rowHeight }} />;
          return (
            <CaseRow
              key={item.id}
              item={item}
              top={row.start}
              selected={item.id === selected}
              fresh={freshIds.has(item.id)}
              now={now}
              lookups={lookups}
              onSelect={() => selectCase(bridge, store, item.id)}
            />
          );
        })}
      </div>
    </div>
  );
}

const CaseRow = memo(function CaseRow(props: {
  item: Case;
  top: number;
  selected: boolean;
  fresh: boolean;
  now: number;
  lookups: Lookups;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const { item, lookups } = props;
  const age = ageParts(item.reportedAt, props.now);
  const place = item.address || lookups.gridName(item.gridId) || t('queue.unlocated');
  const classes = ['case-row', item.urgent && 'is-urgent', props.selected && 'is-selected', props.fresh && 'is-fresh'].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      role="option"
      aria-selected={props.selected}
      data-case-number={item.number}
      data-status={item.status}
      data-supervision={supervisionLevel(item, props.now)}
      style={{ transform: `translateY(${props.top}px)`, height: rowHeight }}
      onClick={props.onSelect}
    >
      <span className="case-number">{item.number}</span>
      <span className="case-category">
        {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>} {lookups.categoryName(item.categoryCode)}
      </span>
      <span className={item.lngLat ? 'case-place' : 'case-place unlocated'}>{place}</span>
      <span className="status-tag">{t(`status.${item.status}`)}</span>
      <DeadlineBar item={item} now={props.now} compact />
      <span className="case-age">{t(age.key, { count: age.count })}</span>
    </div>
  );
});
