import { forwardRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStatuses, type CaseStatus } from '../../../shared/domain/case';
import { localName } from '../../../shared/domain/names';
import type { WallState } from '../state/wallStore';
import { locale } from '../shell/i18n';
import { useWallState } from '../shell/WallContext';
import type { QueueFilters } from './useCaseQuery';

const selectReference = (state: WallState) => state.reference;

type Toggle = 'urgent' | 'overdue' | 'supervised';

/** Filters and order for the queue; every change asks the core for a fresh first page. */
export const FilterBar = forwardRef<HTMLInputElement, { filters: QueueFilters; onChange: (filters: QueueFilters) => void; total: number }>(
  function FilterBar({ filters, onChange, total }, searchRef) {
    const { t } = useTranslation();
    const reference = useWallState(selectReference);
    const majors = useMemo(() => {
      const seen = new Map<string, string>();
      for (const category of reference?.categories ?? []) seen.set(category.majorCode, localName(category.majorName, locale));
      return [...seen];
    }, [reference]);
    const set = (change: Partial<QueueFilters>) => onChange({ ...filters, ...change });
    const toggle = (key: Toggle) => set({ [key]: filters[key] ? null : true });
    const statusValue = filters.statuses?.length === 1 ? filters.statuses[0]! : filters.statuses?.length ? 'all' : 'open';

    return (
      <div className="filter-bar" role="search" aria-label={t('queueView.filters')}>
        <input
          ref={searchRef}
          className="filter-search"
          type="search"
          name="search"
          placeholder={t('queueView.search')}
          value={filters.text ?? ''}
          maxLength={50}
          onChange={(event) => set({ text: event.target.value })}
        />
        <select aria-label={t('queue.columns.status')} value={statusValue} onChange={(event) => set({ statuses: statusesFor(event.target.value) })}>
          <option value="open">{t('queueView.scopeOpen')}</option>
          <option value="all">{t('queueView.scopeAll')}</option>
          {caseStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('queue.columns.source')} value={filters.sourceIds?.[0] ?? ''} onChange={(event) => set({ sourceIds: event.target.value ? [event.target.value] : [] })}>
          <option value="">{t('queueView.anySource')}</option>
          {(reference?.sources ?? []).map((source) => (
            <option key={source.id} value={source.id}>
              {localName(source.name, locale)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('queue.columns.category')}
          value={filters.categoryPrefixes?.[0] ?? ''}
          onChange={(event) => set({ categoryPrefixes: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{t('queueView.anyCategory')}</option>
          {majors.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('queue.department')}
          value={filters.departmentIds?.[0] ?? ''}
          onChange={(event) => set({ departmentIds: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{t('queueView.anyDepartment')}</option>
          {(reference?.departments ?? []).map((department) => (
            <option key={department.id} value={department.id}>
              {localName(department.shortName, locale)}
            </option>
          ))}
        </select>
        <select aria-label={t('queue.grid')} value={filters.gridIds?.[0] ?? ''} onChange={(event) => set({ gridIds: event.target.value ? [event.target.value] : [] })}>
          <option value="">{t('queueView.anyGrid')}</option>
          {(reference?.geography.grids ?? []).map((grid) => (
            <option key={grid.id} value={grid.id}>
              {localName(grid.name, locale)}
            </option>
          ))}
        </select>
        {(['urgent', 'overdue', 'supervised'] as const).map((key) => (
          <button key={key} type="button" className={`chip${filters[key] ? ' is-on' : ''}`} aria-pressed={Boolean(filters[key])} onClick={() => toggle(key)}>
            {t(`queueView.${key}Only`)}
          </button>
        ))}
        <select aria-label="sort" value={filters.sort ?? 'priority'} onChange={(event) => set({ sort: event.target.value as QueueFilters['sort'] })}>
          {(['priority', 'newest', 'oldest', 'deadline'] as const).map((sort) => (
            <option key={sort} value={sort}>
              {t(`queueView.sort.${sort}`)}
            </option>
          ))}
        </select>
        <span className="filter-total" data-testid="query-total">
          {t('queueView.total', { count: total })}
        </span>
      </div>
    );
  },
);

function statusesFor(value: string): CaseStatus[] {
  if (value === 'open') return [];
  if (value === 'all') return [...caseStatuses];
  return [value as CaseStatus];
}
