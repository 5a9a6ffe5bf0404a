import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countForChart } from '../../../../shared/presentation/figures';
import { axisStyle, chartColors, useChart } from '../charts';
import { countText } from '../format';
import { useFigures } from '../useFigures';
import { barOption } from './ChannelsView';
import { Panel, useNames, Waiting } from './common';

/** Today so far, live but calm: counts and categories move as cases come in; no case is ever shown. */
export function LiveView({ scale }: { scale: number }) {
  const { t } = useTranslation();
  const names = useNames();
  const { figures, error } = useFigures('live');
  const categories = useMemo(
    () => (figures ? barOption(figures.categories.slice(0, 8).map((row) => ({ label: names.major(row.majorCode), count: row.count })), true, chartColors.received) : null),
    [figures, names],
  );
  const hours = useMemo(
    () =>
      figures
        ? {
            grid: { left: 60, right: 20, top: 20, bottom: 40 },
            xAxis: { type: 'category', data: figures.hours.map((_, hour) => String(hour)), ...axisStyle, splitLine: { show: false } },
            yAxis: { type: 'value', ...axisStyle },
            series: [{ type: 'bar', barWidth: 20, itemStyle: { color: chartColors.attention }, data: figures.hours.map(countForChart) }],
          }
        : null,
    [figures],
  );
  const categoriesChart = useChart(categories, scale);
  const hoursChart = useChart(hours, scale);
  return (
    <div className="view view-live" data-ready={figures !== null}>
      {figures ? (
        <Panel title={t('presentation.today')} className="live-counts">
          <dl className="figure-row">
            {(['received', 'handled', 'open', 'lastHour'] as const).map((key) => (
              <div key={key} className="figure">
                <dt>{t(`presentation.live.${key}`)}</dt>
                <dd data-testid={`live-${key}`}>{countText(figures[key])}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      ) : (
        <Waiting error={error} />
      )}
      <Panel title={t('presentation.todayByCategory')} className="live-categories">
        <div className="chart" ref={categoriesChart} />
      </Panel>
      <Panel title={t('presentation.todayByHour')} className="live-hours">
        <div className="chart" ref={hoursChart} />
      </Panel>
    </div>
  );
}
