import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chartColors, useChart } from '../charts';
import { countText, percentText } from '../format';
import { useFigures } from '../useFigures';
import { barOption } from './ChannelsView';
import { Panel, useNames, Waiting } from './common';

/** The "1 + 8" units' scoreboard for the last complete month (the published assessment, docs/KPI.md). */
export function DepartmentsView({ scale }: { scale: number }) {
  const { t } = useTranslation();
  const names = useNames();
  const { figures, error } = useFigures('departments');
  const ranked = useMemo(() => (figures ? [...figures.departments].sort((a, b) => (b.score ?? -1) - (a.score ?? -1)) : []), [figures]);
  const option = useMemo(
    () => (figures ? barOption(ranked.map((row) => ({ label: names.department(row.departmentId), count: row.rates.onTimeClosure === null ? 0 : Math.round(row.rates.onTimeClosure) })), true, chartColors.handled) : null),
    [figures, ranked, names],
  );
  const chart = useChart(option, scale);
  return (
    <div className="view view-departments" data-ready={figures !== null}>
      {!figures && <Waiting error={error} />}
      <Panel title={figures ? t('presentation.scoreboard', { month: figures.month }) : undefined} className="departments-table">
        <table>
          <thead>
            <tr>
              <th>{t('presentation.department')}</th>
              <th>{t('presentation.due')}</th>
              <th>{t('presentation.rateNames.disposal')}</th>
              <th>{t('presentation.rateNames.closure')}</th>
              <th>{t('presentation.rateNames.onTimeClosure')}</th>
              <th>{t('presentation.score')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((row) => (
              <tr key={row.departmentId}>
                <td>{names.department(row.departmentId)}</td>
                <td>{countText(row.rates.due)}</td>
                <td>{percentText(row.rates.disposal)}</td>
                <td>{percentText(row.rates.closure)}</td>
                <td>{percentText(row.rates.onTimeClosure)}</td>
                <td className="score">{row.score === null ? '—' : row.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title={t('presentation.onTimeChart')} className="departments-chart">
        <div className="chart" ref={chart} />
      </Panel>
    </div>
  );
}
