import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countForChart, type VisibleCount } from '../../../../shared/presentation/figures';
import { locale } from '../../shell/i18n';
import { localName } from '../../../../shared/domain/names';
import { axisStyle, chartColors, chartText, useChart } from '../charts';
import { countText, dateText } from '../format';
import { useFigures } from '../useFigures';
import { Panel, useNames, Waiting } from './common';

interface Bar {
  label: string;
  count: VisibleCount;
}

/** Bars with their counts written at the end ("<3" where the core says so); horizontal for long names. */
export function barOption(bars: readonly Bar[], horizontal: boolean, color: string) {
  // Every bar keeps its name (ECharts would drop labels it thinks crowded).
  const categoryAxis = { type: 'category', data: bars.map((bar) => bar.label), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, color: chartColors.text, interval: 0, fontSize: horizontal ? chartText.axis : 18 }, splitLine: { show: false } };
  const valueAxis = { type: 'value', ...axisStyle, axisLabel: { show: false } };
  return {
    grid: horizontal ? { left: 10, right: 90, top: 10, bottom: 10, containLabel: true } : { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: [
      {
        type: 'bar',
        barMaxWidth: 40,
        itemStyle: { color, borderRadius: horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
        label: { show: true, position: horizontal ? 'right' : 'top', color: chartColors.text, fontSize: chartText.label, formatter: (point: { dataIndex: number }) => countText(bars[point.dataIndex]!.count) },
        data: bars.map((bar) => countForChart(bar.count)),
      },
    ],
  };
}

const largestFirst = (a: Bar, b: Bar) => countForChart(b.count) - countForChart(a.count);

/** Where cases come from (the channels), what they are (major categories) and when in the day (the video wall's time slots). */
export function ChannelsView({ scale }: { scale: number }) {
  const { t } = useTranslation();
  const names = useNames();
  const { figures, error } = useFigures('channels');
  const sources = useMemo(
    () => (figures ? barOption(figures.sources.map((row) => ({ label: names.source(row.sourceId), count: row.count })).sort(largestFirst), true, chartColors.received) : null),
    [figures, names],
  );
  const categories = useMemo(
    () => (figures ? barOption(figures.categories.map((row) => ({ label: names.major(row.majorCode), count: row.count })).sort(largestFirst).slice(0, 8), true, chartColors.handled) : null),
    [figures, names],
  );
  const slots = useMemo(
    () => (figures ? barOption(figures.timeSlots.map((row) => ({ label: `${row.start}\n${localName(row.name, locale)}`, count: row.count })), false, chartColors.attention) : null),
    [figures],
  );
  const sourcesChart = useChart(sources, scale);
  const categoriesChart = useChart(categories, scale);
  const slotsChart = useChart(slots, scale);
  return (
    <div className="view view-channels" data-ready={figures !== null}>
      {!figures && <Waiting error={error} />}
      {figures && <p className="view-period">{t('presentation.last30Days', { from: dateText(figures.from), to: dateText(figures.to) })}</p>}
      <Panel title={t('presentation.bySource')} className="channels-sources">
        <div className="chart" ref={sourcesChart} />
      </Panel>
      <Panel title={t('presentation.byCategory')} className="channels-categories">
        <div className="chart" ref={categoriesChart} />
      </Panel>
      <Panel title={t('presentation.byTimeSlot')} className="channels-slots">
        <div className="chart" ref={slotsChart} />
      </Panel>
    </div>
  );
}
