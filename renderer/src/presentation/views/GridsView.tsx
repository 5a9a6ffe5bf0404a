import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictGeography } from '../../../../shared/domain/district';
import { countForChart, type GridFigures } from '../../../../shared/presentation/figures';
import type { WallState } from '../../state/wallStore';
import { useWallState } from '../../shell/WallContext';
import { chartColors, chartText, echarts, useChart } from '../charts';
import { countText, dateText, type PresentationNames } from '../format';
import { useFigures } from '../useFigures';
import { Panel, useNames, Waiting } from './common';

const selectGeography = (state: WallState) => state.reference?.geography ?? null;
const mapName = 'gridwall-grids';
let registeredFor: DistrictGeography | null = null;

/** The district's grids as an ECharts map, registered once per geography (the illustrative demo, or the room's own). */
function registerGrids(geography: DistrictGeography): void {
  if (registeredFor === geography) return;
  echarts.registerMap(mapName, {
    type: 'FeatureCollection',
    features: geography.grids.map((grid) => ({ type: 'Feature', properties: { name: grid.id }, geometry: { type: 'Polygon', coordinates: [grid.polygon] } })),
  } as unknown as Parameters<typeof echarts.registerMap>[1]);
  registeredFor = geography;
}

function choroplethOption(figures: GridFigures, names: PresentationNames) {
  const counts = figures.grids.map((grid) => countForChart(grid.count));
  const highest = Math.max(3, ...counts);
  return {
    visualMap: {
      min: 0,
      max: highest,
      left: 20,
      bottom: 20,
      calculable: false,
      itemHeight: 220,
      text: [countText(highest), '0'],
      textStyle: { color: chartColors.text, fontSize: chartText.legend },
      inRange: { color: chartColors.choropleth },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: false,
        aspectScale: 0.86,
        layoutCenter: ['55%', '50%'],
        layoutSize: '98%',
        itemStyle: { borderColor: '#0a0e13', borderWidth: 1.5 },
        label: { show: false },
        emphasis: { disabled: true },
        select: { disabled: true },
        data: figures.grids.map((grid) => ({ name: grid.gridId, value: countForChart(grid.count), label: names.grid(grid.gridId) })),
      },
    ],
  };
}

/** Cases per grid over the last 30 days: a choropleth of the district's grids, and the grids with the most. */
export function GridsView({ scale }: { scale: number }) {
  const { t } = useTranslation();
  const names = useNames();
  const geography = useWallState(selectGeography);
  const { figures, error } = useFigures('grids');
  const option = useMemo(() => {
    if (!figures || !geography) return null;
    registerGrids(geography);
    return choroplethOption(figures, names);
  }, [figures, geography, names]);
  const chart = useChart(option, scale);
  const busiest = useMemo(() => (figures ? [...figures.grids].sort((a, b) => countForChart(b.count) - countForChart(a.count)).slice(0, 10) : []), [figures]);
  return (
    <div className="view view-grids" data-ready={figures !== null}>
      {!figures && <Waiting error={error} />}
      <Panel className="grids-map">
        <div className="chart" ref={chart} data-testid="choropleth" />
      </Panel>
      <Panel title={t('presentation.busiestGrids')} className="grids-list">
        {figures && <p className="view-period">{t('presentation.last30Days', { from: dateText(figures.from), to: dateText(figures.to) })}</p>}
        <ol>
          {busiest.map((grid) => (
            <li key={grid.gridId}>
              <span>{names.grid(grid.gridId)}</span>
              <strong>{countText(grid.count)}</strong>
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
