import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../shared/domain/case';
import type { WallState } from '../state/wallStore';
import { ageParts, useLookups, useMinuteClock, type Lookups } from '../shell/lookups';
import { useWall, useWallState } from '../shell/WallContext';

const rowHeight = 64;
const selectSelected = (state: WallState) => state.selectedCaseId;
const selectRecent = (state: WallState) => state.recent;

/** Only the rows on screen are in the DOM, so the list stays smooth however long it gets. */
export function CaseList({ cases }: { cases: readonly Case[] }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const lookups = useLookups();
  const now = useMinuteClock();
  const selected = useWallState(selectSelected);
  const recent = useWallState(selectRecent);
  const { store } = useWall();
  const virtualizer = useVirtualizer({
    count: cases.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const freshIds = new Set(recent.filter((entry) => now - entry.at < 60_000).map((entry) => entry.caseId));

  if (cases.length === 0) return <div className="case-list empty">{t('queue.empty')}</div>;
  return (
    <div className="case-list" ref={scroller} role="listbox" aria-label={t('queue.openCases')} data-testid="case-list">
      <div className="case-list-head" aria-hidden>
        <span>{t('queue.columns.number')}</span>
        <span>{t('queue.columns.category')}</span>
        <span>{t('queue.columns.place')}</span>
        <span>{t('queue.columns.status')}</span>
        <span>{t('queue.columns.age')}</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = cases[row.index]!;
          return (
            <CaseRow
              key={item.id}
              item={item}
              top={row.start}
              selected={item.id === selected}
              fresh={freshIds.has(item.id)}
              now={now}
              lookups={lookups}
              onSelect={() => store.getState().caseSelected(item.id)}
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
  const classes = ['case-row', item.urgent && 'is-urgent', props.selected && 'is-selected', props.fresh && 'is-fresh']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      role="option"
      aria-selected={props.selected}
      data-case-number={item.number}
      style={{ transform: `translateY(${props.top}px)`, height: rowHeight }}
      onClick={props.onSelect}
    >
      <span className="case-number">{item.number}</span>
      <span className="case-category">
        {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>} {lookups.categoryName(item.categoryCode)}
      </span>
      <span className={item.lngLat ? 'case-place' : 'case-place unlocated'}>{place}</span>
      <span className="status-tag">{t(`status.${item.status}`)}</span>
      <span className="case-age">{t(age.key, { count: age.count })}</span>
    </div>
  );
});
