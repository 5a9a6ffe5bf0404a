import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../shared/domain/names';
import { rankGrids, type DensityChoice, type DensityResult } from '../../../shared/map/density';
import { formatTime, useLookups } from '../shell/lookups';
import { locale } from '../shell/i18n';
import { useWallState } from '../shell/WallContext';
import type { WallState } from '../state/wallStore';
import type { DensityView } from './layers/densityLayer';

const selectCategories = (state: WallState) => state.reference?.categories;
export const densityPeriods = [7, 30, 90] as const;

interface Props {
  result: DensityResult | null;
  error: string | null;
  days: number;
  choice: DensityChoice;
  view: DensityView | null;
  onDays(days: number): void;
  onChoice(choice: DensityChoice): void;
  onView(view: DensityView | null): void;
  onGrid(gridId: string): void;
}

/**
 * The shift planner's panel: the 8 time slots one key apart (1–8, 0 all
 * day), a category, the period, and the grids with the most cases for that
 * choice with the period before beside each — picked from what the core
 * counted, so a switch is immediate.
 */
export function DensityPanel(props: Props) {
  const { t } = useTranslation();
  const { result, choice } = props;
  const lookups = useLookups();
  const categories = useWallState(selectCategories);
  const majors = useMemo(() => {
    const groups = new Map<string, { name: string; minors: { code: string; name: string }[] }>();
    for (const category of categories ?? []) {
      const group = groups.get(category.majorCode) ?? { name: localName(category.majorName, locale), minors: [] };
      group.minors.push({ code: category.code, name: localName(category.name, locale) });
      groups.set(category.majorCode, group);
    }
    return [...groups];
  }, [categories]);
  const ranking = useMemo(() => (result ? rankGrids(result, choice, 10) : []), [result, choice]);
  const slots = result?.slots ?? [];

  return (
    <section className="map-panel density-panel" aria-label={t('map.density.title')} data-testid="density-panel">
      <h2>{t('map.density.title')}</h2>
      <div className="slot-keys" role="radiogroup" aria-label={t('map.density.title')}>
        {slots.map((slot, index) => (
          <button
            key={slot.id}
            type="button"
            role="radio"
            aria-checked={choice.slot === index}
            className={`slot-key${choice.slot === index ? ' is-on' : ''}`}
            onClick={() => props.onChoice({ ...choice, slot: index })}
            data-slot={slot.id}
            title={`${slot.start}–${slot.end} ${localName(slot.name, locale)}`}
          >
            <kbd>{index + 1}</kbd>
            <span className="slot-time">
              {slot.start}–{slot.end}
            </span>
            <span className="slot-name">{localName(slot.name, locale)}</span>
          </button>
        ))}
        <button type="button" role="radio" aria-checked={choice.slot === null} className={`slot-key${choice.slot === null ? ' is-on' : ''}`} onClick={() => props.onChoice({ ...choice, slot: null })}>
          <kbd>0</kbd>
          <span className="slot-name">{t('map.density.allDay')}</span>
        </button>
      </div>
      <div className="density-controls">
        <label>
          {t('map.density.category')}
          <select value={choice.categoryPrefix} onChange={(event) => props.onChoice({ ...choice, categoryPrefix: event.target.value })} data-testid="density-category">
            <option value="">{t('map.density.anyCategory')}</option>
            {majors.map(([code, group]) => (
              <optgroup key={code} label={group.name}>
                <option value={code}>{t('map.density.allOf', { name: group.name })}</option>
                {group.minors.map((minor) => (
                  <option key={minor.code} value={minor.code}>
                    {minor.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label>
          {t('map.density.period')}
          <select value={props.days} onChange={(event) => props.onDays(Number(event.target.value))}>
            {densityPeriods.map((days) => (
              <option key={days} value={days}>
                {t('map.density.days', { count: days })}
              </option>
            ))}
          </select>
        </label>
        <div className="density-view" role="radiogroup">
          {(['grids', 'heat', null] as const).map((view) => (
            <button key={view ?? 'off'} type="button" role="radio" aria-checked={props.view === view} className={`chip${props.view === view ? ' is-on' : ''}`} onClick={() => props.onView(view)}>
              {t(`map.density.view.${view ?? 'off'}`)}
            </button>
          ))}
        </div>
      </div>
      {props.error && <p className="form-error" role="alert">{t('map.density.failed', { message: props.error })}</p>}
      {!result && !props.error && <p className="muted">{t('map.density.loading')}</p>}
      {result && (
        <>
          <h3>{t('map.density.ranking')}</h3>
          {ranking.length === 0 ? (
            <p className="muted">{t('map.density.rankingEmpty')}</p>
          ) : (
            <ol className="grid-ranking" data-testid="grid-ranking">
              {ranking.map((rank) => (
                <li key={rank.gridId} data-grid={rank.gridId} data-count={rank.count}>
                  <button type="button" className="link-button" onClick={() => props.onGrid(rank.gridId)}>
                    {lookups.gridName(rank.gridId)}
                  </button>
                  <span className="rank-bar" style={{ width: `${Math.round((rank.count / ranking[0]!.count) * 100)}%` }} aria-hidden />
                  <strong>{t('map.density.count', { count: rank.count })}</strong>
                  <span className={`trend ${rank.count > rank.previous ? 'is-up' : rank.count < rank.previous ? 'is-down' : ''}`}>
                    {rank.count > rank.previous ? '▲' : rank.count < rank.previous ? '▼' : '＝'} {t('map.density.previous', { count: rank.previous })}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p className="muted density-total">{t('map.density.total', { total: result.total, from: formatTime(result.fromMs), to: formatTime(result.toMs) })}</p>
        </>
      )}
    </section>
  );
}
