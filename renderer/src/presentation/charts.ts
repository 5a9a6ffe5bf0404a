import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the presentation draws: the bundle carries bars, lines and one map, on canvas.
echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);
export { echarts };

/** The dark wall's chart colours: one hue for "received", one for "handled", amber only for what needs a look. */
export const chartColors = {
  text: '#eef2f6',
  muted: '#a7b4c2',
  line: '#2a3644',
  received: '#4da3ff',
  handled: '#3ddc84',
  attention: '#ffb020',
  choropleth: ['#142130', '#1d3b5c', '#2f5f91', '#4da3ff'],
};

/** Canvas text needs real font names ("inherit" would fall back to 10 px sans-serif): the wall's CJK fonts. */
const chartFont = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Type sizes on the 1920×1080 design, read from across the room. */
export const chartText = { axis: 22, label: 22, legend: 22 };

export const axisStyle = {
  axisLine: { lineStyle: { color: chartColors.line } },
  axisTick: { show: false },
  axisLabel: { color: chartColors.muted, fontSize: chartText.axis },
  splitLine: { lineStyle: { color: chartColors.line, type: 'dashed' as const } },
};

/**
 * Calm motion: one short fade-in as a chart first comes up; new figures are drawn in place, in one frame. An
 * update that moves a bar by one case is not worth 300 ms of full-canvas redraws in every wall window at once.
 */
const calm = { animationDuration: 400, animationDurationUpdate: 0, animationEasing: 'cubicOut' as const, backgroundColor: 'transparent', textStyle: { fontFamily: chartFont } };

export interface ChartProbe {
  /** Milliseconds of each chart's first `setOption` (the chart drawn whole as its page comes up; the benchmark reads them). */
  firstDraws: number[];
  /** Milliseconds of each later `setOption` on a chart already drawn: new figures arriving while the page is up. */
  updates: number[];
}
const probe: ChartProbe = { firstDraws: [], updates: [] };
const keepSamples = 500;

function recordChartTime(samples: number[], ms: number) {
  samples.push(ms);
  if (samples.length > keepSamples) samples.splice(0, samples.length - keepSamples);
}
(window as unknown as { gridwallCharts?: ChartProbe }).gridwallCharts = probe;

/**
 * One ECharts instance per container for the life of the component: created
 * once, updated with `setOption` (never re-created on render, which is what
 * the wrapper packages do), resized with its box, disposed on unmount.
 * `scale` is the stage's scale, so the canvas draws at the pixels it covers.
 */
export function useChart(option: EChartsCoreOption | null, scale: number) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The option last drawn (as JSON); null until the chart has drawn once.
  const drawnKey = useRef<string | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas', devicePixelRatio: Math.max(1, window.devicePixelRatio * scale) });
    chart.current = instance;
    drawnKey.current = null;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scale]);

  useEffect(() => {
    if (!option || !chart.current) return;
    const firstDraw = drawnKey.current === null;
    // Figures are read again after every change in the room; a chart whose own figures did not move is not redrawn.
    const key = JSON.stringify(option);
    if (!firstDraw && key === drawnKey.current) return;
    const started = performance.now();
    chart.current.setOption({ ...calm, ...option });
    recordChartTime(firstDraw ? probe.firstDraws : probe.updates, performance.now() - started);
    drawnKey.current = key;
  }, [option, scale]);

  return container;
}
