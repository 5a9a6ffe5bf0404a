import { useTranslation } from 'react-i18next';
import type { CaseFilter } from '../../../shared/contract/contract';
import { isOpen, type Case } from '../../../shared/domain/case';
import { localName } from '../../../shared/domain/names';
import { filterNarrows } from '../../../shared/map/caseFilter';
import { locale } from '../shell/i18n';
import { deadlineState } from '../../../shared/map/caseStyle';
import type { WallState } from '../state/wallStore';
import { useLookups, useMinuteClock } from '../shell/lookups';
import { useWallState } from '../shell/WallContext';
import { DeadlineBar } from '../queue/deadline';
import { toggleableLayers, type ToggleableLayer } from './layers/toggleable';

const selectSelectedId = (state: WallState) => state.selectedCaseId;
const selectSelection = (state: WallState) => state.selection;
const selectOpenCases = (state: WallState) => state.openCases;
const selectCategories = (state: WallState) => state.reference?.categories;

/** The layers, switchable; field staff listed but not there yet (their positions are not connected). */
export function LayerPanel({ visible, onToggle }: { visible: Record<ToggleableLayer, boolean>; onToggle(layer: ToggleableLayer): void }) {
  const { t } = useTranslation();
  return (
    <section className="map-panel layer-panel" aria-label={t('map.layers.title')}>
      <h2>{t('map.layers.title')}</h2>
      <div className="layer-toggles">
        {toggleableLayers.map((layer) => (
          <label key={layer} className="check">
            <input type="checkbox" checked={visible[layer]} onChange={() => onToggle(layer)} data-testid={`layer-${layer}`} />
            {t(`map.layers.${layer}`)}
          </label>
        ))}
        <label className="check is-disabled" title={t('map.fieldStaffNote')}>
          <input type="checkbox" disabled checked={false} readOnly />
          {t('map.layers.fieldStaff')} <span className="muted">（{t('map.layers.fieldStaffSoon')}）</span>
        </label>
      </div>
    </section>
  );
}

/** What the map's case layer shows: the queue's filters when following them, in words; how many of the open cases that is. */
export function FilterLine({ follow, filter, shown, total, onFollow }: { follow: boolean; filter: CaseFilter | null; shown: number; total: number; onFollow(follow: boolean): void }) {
  const { t } = useTranslation();
  const lookups = useLookups();
  const categories = useWallState(selectCategories);
  const majorName = (prefix: string) => {
    const category = categories?.find((candidate) => candidate.majorCode === prefix);
    return category ? localName(category.majorName, locale) : prefix;
  };
  const parts: string[] = [];
  if (filter) {
    for (const prefix of filter.categoryPrefixes) parts.push(t('map.filter.parts.category', { value: prefix.length === 5 ? lookups.categoryName(prefix) : majorName(prefix) }));
    for (const grid of filter.gridIds) parts.push(t('map.filter.parts.grid', { value: lookups.gridName(grid) }));
    for (const department of filter.departmentIds) parts.push(t('map.filter.parts.department', { value: lookups.departmentName(department) }));
    for (const source of filter.sourceIds) parts.push(t('map.filter.parts.source', { value: lookups.sourceName(source) }));
    if (filter.statuses.length > 0 && filter.statuses.length < 10) parts.push(t('map.filter.parts.status', { value: filter.statuses.map((status) => t(`status.${status}`)).join('、') }));
    for (const flag of ['urgent', 'overdue', 'supervised'] as const) if (filter[flag]) parts.push(t(`map.filter.parts.${flag}`));
    if (filter.text.trim()) parts.push(t('map.filter.parts.text', { value: filter.text.trim() }));
  }
  const closedOnly = filter !== null && filter.statuses.length > 0 && filter.statuses.every((status) => !isOpen(status));
  return (
    <div className="filter-line" data-testid="map-filter">
      <label className="check">
        <input type="checkbox" checked={follow} onChange={(event) => onFollow(event.target.checked)} />
        {t('map.filter.follow')}
      </label>
      <span className="muted">{follow ? (filter && filterNarrows(filter) ? t('map.filter.following', { summary: parts.join(' · ') }) : t('map.filter.followingNone')) : t('map.filter.own')}</span>
      <strong data-testid="map-shown">{t('map.filter.shown', { shown, total })}</strong>
      {closedOnly && <span className="badge badge-demo">{t('map.filter.closedNotShown')}</span>}
    </div>
  );
}

/** The colours and rings, said in words (the wall is read by people who did not set it up). */
export function Legend() {
  const { t } = useTranslation();
  return (
    <section className="map-panel legend-panel" aria-label={t('map.legend.title')}>
      <h2>{t('map.legend.title')}</h2>
      <ul className="map-legend">
        {(['normal', 'dueSoon', 'overdue', 'supervised'] as const).map((state) => (
          <li key={state}>
            <span className={`swatch swatch-${state}`} aria-hidden /> {t(`map.legend.${state}`)}
          </li>
        ))}
        <li>
          <span className="swatch swatch-urgent" aria-hidden /> {t('map.legend.urgent')}
        </li>
        <li className="muted">{t('map.legend.room')}</li>
        <li className="muted">{t('map.legend.department')}</li>
        <li className="muted">{t('map.legend.verify')}</li>
        <li className="muted">{t('map.legend.approximate')}</li>
        <li className="muted">{t('map.legend.camera')}</li>
      </ul>
    </section>
  );
}

/** The case selected anywhere on this console, in brief: what, where, where it stands and its clock. */
export function SelectedCaseCard({ shownOnMap }: { shownOnMap: (caseId: number) => boolean }) {
  const { t } = useTranslation();
  const selectedId = useWallState(selectSelectedId);
  const selection = useWallState(selectSelection);
  const openCases = useWallState(selectOpenCases);
  const lookups = useLookups();
  const now = useMinuteClock();
  if (selectedId === null) return null;
  const item: Case | undefined = openCases.get(selectedId);
  const number = item?.number ?? (selection?.caseId === selectedId ? selection.number : String(selectedId));
  const lngLat = item ? item.lngLat : selection?.caseId === selectedId ? selection.lngLat : null;
  return (
    <section className="map-panel selected-card" aria-label={t('map.selected.title')} data-testid="selected-case" data-case-number={number}>
      <h2>
        {t('map.selected.title')} <span className="case-number">{number}</span>
      </h2>
      {item && (
        <>
          <p>
            {item.urgent && <span className="urgent-tag">{t('queue.urgent')}</span>} {lookups.categoryName(item.categoryCode)}
          </p>
          <p className="muted">{[item.address, lookups.gridName(item.gridId)].filter(Boolean).join(' · ')}</p>
          <p>
            <span className={`status-tag deadline-${deadlineState(item, now)}`}>{t(`status.${item.status}`)}</span>
          </p>
          <DeadlineBar item={item} now={now} compact />
          {item.locationApproximate && <p className="muted">{t('map.selected.approximate')}</p>}
        </>
      )}
      {!lngLat && <p className="form-error">{t('map.selected.noLocation', { number })}</p>}
      {lngLat && item && !shownOnMap(item.id) && <p className="muted">{t('map.selected.notShown', { number })}</p>}
    </section>
  );
}
