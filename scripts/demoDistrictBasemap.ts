/**
 * The demo district's base-map features, drawn by hand (see
 * shared/GEODATA.md): Suzhou Creek along the south edge and the metro lines
 * through the district, so the offline map is recognisable without tiles.
 * Approximate WGS-84 [lng, lat]; illustrative, not surveyed.
 */
import type { LngLat, TransitLine, Waterway } from '../shared/domain/district';

/** The creek's centre line, about 35 m south of the north bank that is the district's south edge, west to east. */
export const waterways: Waterway[] = [
  {
    id: 'W01',
    name: { zh: '苏州河', en: 'Suzhou Creek' },
    widthM: 60,
    line: [
      [121.4362, 31.2528], [121.4392, 31.2503], [121.4418, 31.2481], [121.4442, 31.2463], [121.4471, 31.243],
      [121.4503, 31.2409], [121.4534, 31.2398], [121.4562, 31.2396], [121.4585, 31.2401], [121.462, 31.241],
      [121.4668, 31.2411], [121.4716, 31.2415], [121.4756, 31.2423], [121.4787, 31.2436], [121.4832, 31.2432],
      [121.4878, 31.2426],
    ],
  },
];

/** Station place ids, in GEODATA's table order (see the draw script's metroStations). */
const station = {
  qufu: 'P001',
  zhongxing: 'P002',
  xizangBei: 'P003',
  railway: 'P004',
  hanzhong: 'P005',
  baoshan: 'P006',
  zhongshanBei: 'P007',
  yanchang: 'P008',
  circus: 'P009',
  wenshui: 'P010',
  pengpuXincun: 'P011',
  gongkang: 'P012',
} as const;

function line(id: string, zh: string, en: string, colour: string, stationIds: string[], points: LngLat[]): TransitLine {
  return { id, name: { zh, en }, colour, stationIds, line: points };
}

/** Colours as on Shanghai's metro map; each line runs a little past the district so it reads as a line, not a stub. */
export const transitLines: TransitLine[] = [
  line('L1', '轨道交通1号线', 'Metro Line 1', '#E3002B', [station.hanzhong, station.railway, station.zhongshanBei, station.yanchang, station.circus, station.wenshui, station.pengpuXincun, station.gongkang], [
    [121.4588, 31.2346], [121.45435, 31.24255], [121.4512, 31.24906], [121.4535, 31.2555], [121.4547, 31.2611],
    [121.4525, 31.268], [121.451, 31.2738], [121.4477, 31.2815], [121.4457, 31.2945], [121.4442, 31.3086],
    [121.4426, 31.3214], [121.4415, 31.3285],
  ]),
  line('L3', '轨道交通3号线', 'Metro Line 3', '#FFD100', [station.railway, station.baoshan], [
    [121.4385, 31.2573], [121.4452, 31.2521], [121.4512, 31.24906], [121.458, 31.2488], [121.4655, 31.2506],
    [121.47179, 31.2535], [121.4778, 31.2585], [121.4805, 31.2652],
  ]),
  line('L4', '轨道交通4号线', 'Metro Line 4', '#5F259F', [station.railway, station.baoshan], [
    [121.4382, 31.2568], [121.4449, 31.2516], [121.4512, 31.24876], [121.458, 31.2484], [121.4655, 31.2502],
    [121.47179, 31.2531], [121.4792, 31.2548], [121.4858, 31.2551],
  ]),
  line('L8', '轨道交通8号线', 'Metro Line 8', '#009EDB', [station.qufu, station.zhongxing, station.xizangBei], [
    [121.4736, 31.2301], [121.4702, 31.2378], [121.46696, 31.24419], [121.4655, 31.2495], [121.46435, 31.25508],
    [121.4642, 31.2654], [121.4668, 31.2732], [121.4702, 31.2801],
  ]),
  line('L12', '轨道交通12号线', 'Metro Line 12', '#007A60', [station.hanzhong, station.qufu], [
    [121.4432, 31.2392], [121.4491, 31.2418], [121.45435, 31.24255], [121.4605, 31.2437], [121.46696, 31.24419],
    [121.4741, 31.2449], [121.4812, 31.2462],
  ]),
  line('L13', '轨道交通13号线', 'Metro Line 13', '#E999C0', [station.hanzhong], [
    [121.4358, 31.2466], [121.4412, 31.2448], [121.4482, 31.2435], [121.45435, 31.24255], [121.4578, 31.2355],
  ]),
];
