import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countForChart, type OverviewFigures, type PeriodCounts, type RateSet, type YearOnYear } from '../../../../shared/presentation/figures';
import { axisStyle, chartColors, chartText, useChart } from '../charts';
import { changeText, countText, dateText, percentText } from '../format';
import { useFigures } from '../useFigures';
import { Panel, Waiting } from './common';

/** Headline figures: cases received and handled, the published rates, year on year, and the trend of the last 12 months. */
export function OverviewView({ scale }: { scale: number }) {
  const { t } = useTranslation();
  const { figures, error } = useFigures('overview');
  const option = useMemo(() => (figures ? trendOption(figures, t('presentation.received'), t('presentation.handled')) : null), [figures, t]);
  const chart = useChart(option, scale);
  return (
    <div className="view view-overview" data-ready={figures !== null}>
      {figures ? (
        <>
          <Counts title={t('presentation.received')} counts={figures.received} tone="received" />
          <Counts title={t('presentation.handled')} counts={figures.handled} tone="handled" />
          <Rates month={figures.rates.month} previous={figures.rates.previousMonth} />
          <Panel title={t('presentation.yearOnYear')} className="overview-yoy">
            <Change label={t('presentation.casesYoY')} figures={figures.yearOnYear.cases} />
            <Change label={t('presentation.complaintsYoY')} figures={figures.yearOnYear.complaints} goodWhenDown />
            {figures.launchedAt !== null && <p className="muted">{t('presentation.since', { date: dateText(figures.launchedAt) })}</p>}
          </Panel>
        </>
      ) : (
        <Waiting error={error} />
      )}
      <Panel title={t('presentation.trend')} className="overview-trend">
        <div className="chart" ref={chart} />
      </Panel>
    </div>
  );
}

function Counts({ title, counts, tone }: { title: string; counts: PeriodCounts; tone: 'received' | 'handled' }) {
  const { t } = useTranslation();
  return (
    <Panel title={title} className={`overview-counts tone-${tone}`}>
      <dl className="figure-row">
        {(['today', 'month', 'year', 'sinceLaunch'] as const).map((period) => (
          <div key={period} className={period === 'sinceLaunch' ? 'figure figure-lead' : 'figure'}>
            <dt>{t(`presentation.periods.${period}`)}</dt>
            <dd data-testid={`count-${tone}-${period}`}>{countText(counts[period])}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function Rates({ month, previous }: { month: RateSet; previous: RateSet }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('presentation.rates')} className="overview-rates">
      <dl className="figure-row">
        {(['disposal', 'closure', 'onTimeDisposal', 'onTimeClosure'] as const).map((rate) => (
          <div key={rate} className="figure">
            <dt>{t(`presentation.rateNames.${rate}`)}</dt>
            <dd>{percentText(month[rate])}</dd>
            <p className="figure-note">{t('presentation.lastMonth', { value: percentText(previous[rate]) })}</p>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function Change({ label, figures, goodWhenDown = false }: { label: string; figures: YearOnYear; goodWhenDown?: boolean }) {
  const { t } = useTranslation();
  const good = figures.changePercent !== null && (goodWhenDown ? figures.changePercent < 0 : figures.changePercent > 0);
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd className={good ? 'is-good' : undefined}>{changeText(figures.changePercent)}</dd>
      <p className="figure-note">{figures.changePercent === null ? t('presentation.noLastYear') : t('presentation.thisAndLastYear', { current: countText(figures.current), previous: countText(figures.previous) })}</p>
    </div>
  );
}

function trendOption(figures: OverviewFigures, received: string, handled: string) {
  return {
    grid: { left: 90, right: 30, top: 50, bottom: 50 },
    legend: { top: 0, right: 0, textStyle: { color: chartColors.text, fontSize: chartText.legend } },
    xAxis: { type: 'category', data: figures.months.map((month) => month.month.slice(2).replace('-', '/')), ...axisStyle, splitLine: { show: false } },
    // A short panel read from across the room: few, large ticks (ECharts would otherwise crowd them).
    yAxis: { type: 'value', splitNumber: 2, ...axisStyle },
    series: [
      { name: received, type: 'bar', barWidth: 26, itemStyle: { color: chartColors.received }, data: figures.months.map((month) => countForChart(month.received)) },
      { name: handled, type: 'line', symbolSize: 10, lineStyle: { width: 4, color: chartColors.handled }, itemStyle: { color: chartColors.handled }, data: figures.months.map((month) => countForChart(month.handled)) },
    ],
  };
}
