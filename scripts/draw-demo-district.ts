/**
 * Draws the embedded demo district into resources/demo/district.json.
 *
 *   npx tsx scripts/draw-demo-district.ts
 *
 * The demo is an illustrative model of the former Zhabei district of Shanghai
 * (see shared/GEODATA.md). No boundary data with a shippable licence exists,
 * so the nine sub-district outlines are drawn by hand below from GEODATA's
 * extents, centroids and areas, and everything finer (31 workstations, 65
 * grids) is cut from them by area-balanced bisection. The output is
 * deterministic: the same script always writes the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import turfArea from '@turf/area';
import bboxClip from '@turf/bbox-clip';
import { polygon as turfPolygon } from '@turf/helpers';
import type {
  DistrictGeography,
  Grid,
  LngLat,
  Place,
  PlaceKind,
  Ring,
  Road,
  SubDistrict,
  Workstation,
} from '../shared/domain/district';
import type { Name } from '../shared/domain/names';
import { transitLines, waterways } from './demoDistrictBasemap';

const outputFile = fileURLToPath(new URL('../resources/demo/district.json', import.meta.url));

const workstationTotal = 31;
const gridTotal = 65;

// ---------------------------------------------------------------------------
// Hand-drawn outlines
// ---------------------------------------------------------------------------

/**
 * Every corner of every sub-district outline, WGS-84 [lng, lat]. Rings below
 * name these corners instead of repeating coordinates, so a border shared by
 * two sub-districts is the very same vertices in both and the nine polygons
 * tile the district without gaps or overlaps.
 */
const corner = {
  // South edge: the north bank of Suzhou Creek, west to east.
  creek1: [121.4445, 31.2466],
  creek2: [121.4474, 31.2433],
  creek3: [121.4505, 31.2412],
  creek4: [121.4535, 31.2401],
  creek5: [121.4562, 31.2399],
  creek6: [121.4584, 31.2404], // Tianmu Xilu | Beizhan
  creek7: [121.462, 31.2413],
  creek8: [121.4668, 31.2414], // Xizang North Road bridge
  creek9: [121.4715, 31.2418],
  creek10: [121.4755, 31.2426],
  creek11: [121.4785, 31.244], // south-east corner, Hongkou begins
  // Tianmu Xilu | Beizhan, running north from the creek.
  tianmuBeizhan1: [121.458, 31.244],
  tianmuBeizhan2: [121.4584, 31.247],
  tianmuBeizhanZhijiang: [121.4582, 31.249],
  // Beizhan | Baoshan Lu, west to east.
  beizhanZhijiangBaoshan: [121.4615, 31.2494],
  beizhanBaoshan1: [121.466, 31.2499],
  beizhanBaoshan2: [121.4705, 31.251],
  beizhanBaoshan3: [121.474, 31.2528],
  beizhanBaoshanHongkou: [121.4755, 31.2545],
  // Beizhan's east edge against Hongkou.
  beizhanEast1: [121.478, 31.2475],
  beizhanEast2: [121.4768, 31.2512],
  // Tianmu Xilu's west edge against Putuo, south to north.
  tianmuWest1: [121.4439, 31.2505],
  tianmuWest2: [121.4443, 31.255],
  tianmuWest3: [121.4463, 31.2588],
  tianmuGongheWest: [121.4474, 31.2611],
  tianmuGonghe: [121.4497, 31.2609],
  // Tianmu Xilu | Zhijiang Xilu: north of the railway station, then down its east side.
  tianmuZhijiangGonghe: [121.4515, 31.2604],
  tianmuZhijiang1: [121.4503, 31.2565],
  tianmuZhijiang2: [121.4525, 31.253],
  tianmuZhijiang3: [121.456, 31.2526],
  tianmuZhijiang4: [121.4576, 31.251],
  // Zhijiang Xilu | Baoshan Lu, south to north.
  zhijiangBaoshan1: [121.463, 31.254],
  zhijiangBaoshan2: [121.465, 31.2585],
  zhijiangBaoshanGonghe: [121.4659, 31.263],
  // Zhijiang Xilu | Gonghe Xinlu, west to east.
  zhijiangGonghe1: [121.456, 31.2622],
  zhijiangGonghe2: [121.461, 31.2645],
  // Baoshan Lu | Gonghe Xinlu, then Baoshan Lu's edge against Hongkou.
  baoshanGonghe: [121.4664, 31.266],
  baoshanGongheHongkou: [121.468, 31.268],
  baoshanEast1: [121.4705, 31.2678],
  baoshanEast2: [121.473, 31.266],
  baoshanEast3: [121.474, 31.2625],
  baoshanEast4: [121.4748, 31.2585],
  // Gonghe Xinlu's west edge against Putuo.
  gongheWest1: [121.443, 31.2632],
  gongheWest2: [121.439, 31.266],
  gongheWest3: [121.4352, 31.2688],
  gongheDaningPengpu: [121.4364, 31.2702],
  // Gonghe Xinlu | Daning Lu, west to east.
  gongheDaning1: [121.442, 31.2704],
  gongheDaning2: [121.447, 31.2712],
  gongheDaning3: [121.452, 31.2722],
  gongheDaning4: [121.4565, 31.2738],
  gongheDaningHongkou: [121.4605, 31.2766],
  // Gonghe Xinlu's east edge against Hongkou.
  gongheEast1: [121.4638, 31.2732],
  gongheEast2: [121.4662, 31.2705],
  // Daning Lu | Pengpu town, south to north.
  daningPengpu1: [121.4385, 31.277],
  daningPengpu2: [121.4412, 31.285],
  daningPengpu3: [121.4437, 31.293],
  daningPengpu4: [121.4476, 31.3005],
  daningPengpuXincun: [121.447, 31.3045],
  // Daning Lu's east edge against Hongkou, south to north.
  daningEast1: [121.46, 31.285],
  daningEast2: [121.4592, 31.295],
  daningEast3: [121.46, 31.302],
  daningLinfenEast: [121.46, 31.306],
  // Daning Lu | Linfen Lu, east to west.
  daningLinfen: [121.455, 31.3067],
  daningXincunLinfen: [121.45, 31.3055],
  // Pengpu town's outer edge against Putuo and Baoshan district, south-east round to north.
  pengpuWest1: [121.432, 31.2708],
  pengpuWest2: [121.4285, 31.273],
  pengpuWest3: [121.4238, 31.2788],
  pengpuWest4: [121.4188, 31.2866],
  pengpuWest5: [121.4142, 31.295],
  pengpuWest6: [121.4188, 31.3008],
  pengpuWest7: [121.4235, 31.3065],
  pengpuWest8: [121.4268, 31.3112],
  pengpuXincunWest: [121.428, 31.3144],
  // Pengpu town | Pengpu Xincun, east to west.
  pengpuXincun1: [121.442, 31.3048],
  pengpuXincun2: [121.436, 31.3062],
  pengpuXincun3: [121.4305, 31.3092],
  pengpuXincun4: [121.4283, 31.3125],
  // Pengpu Xincun's north edge against Baoshan district, west to east.
  xincunNorth1: [121.429, 31.3166],
  xincunNorth2: [121.4325, 31.319],
  xincunNorth3: [121.4382, 31.321],
  xincunNorth4: [121.444, 31.3224],
  xincunLinfenNorth: [121.449, 31.3228],
  // Pengpu Xincun | Linfen Lu, south to north.
  xincunLinfen1: [121.4505, 31.31],
  xincunLinfen2: [121.4514, 31.315],
  xincunLinfen3: [121.45, 31.32],
  // Linfen Lu's east and north edges.
  linfenEast1: [121.4625, 31.31],
  linfenEast2: [121.4639, 31.316],
  linfenEast3: [121.463, 31.321],
  linfenNorth1: [121.46, 31.3232],
  linfenNorth2: [121.454, 31.323],
} satisfies Record<string, LngLat>;

type Corner = keyof typeof corner;

interface SubDistrictSketch {
  name: Name;
  /** Short form used in workstation and grid names: "天目西路第1工作站". */
  shortName: Name;
  /** Three-digit township code (GB/T 10114: 0xx sub-districts, 1xx towns). */
  townshipCode: string;
  /** Area in GEODATA's table; the drawn outline must stay within ±35 % of it. */
  tableAreaKm2: number;
  /** Counter-clockwise, open (the closing vertex is added when the ring is built). */
  outline: Corner[];
}

/** In the order of GEODATA's table, which fixes SD01…SD09. */
const sketches: SubDistrictSketch[] = [
  {
    name: { zh: '天目西路街道', en: 'Tianmu West Road Sub-district' },
    shortName: { zh: '天目西路', en: 'Tianmu West Rd' },
    townshipCode: '001',
    tableAreaKm2: 1.93,
    outline: [
      'creek1', 'creek2', 'creek3', 'creek4', 'creek5', 'creek6',
      'tianmuBeizhan1', 'tianmuBeizhan2', 'tianmuBeizhanZhijiang',
      'tianmuZhijiang4', 'tianmuZhijiang3', 'tianmuZhijiang2', 'tianmuZhijiang1', 'tianmuZhijiangGonghe',
      'tianmuGonghe', 'tianmuGongheWest', 'tianmuWest3', 'tianmuWest2', 'tianmuWest1',
    ],
  },
  {
    name: { zh: '北站街道', en: 'Beizhan Sub-district' },
    shortName: { zh: '北站', en: 'Beizhan' },
    townshipCode: '002',
    tableAreaKm2: 1.75,
    outline: [
      'creek6', 'creek7', 'creek8', 'creek9', 'creek10', 'creek11',
      'beizhanEast1', 'beizhanEast2', 'beizhanBaoshanHongkou',
      'beizhanBaoshan3', 'beizhanBaoshan2', 'beizhanBaoshan1', 'beizhanZhijiangBaoshan',
      'tianmuBeizhanZhijiang', 'tianmuBeizhan2', 'tianmuBeizhan1',
    ],
  },
  {
    name: { zh: '宝山路街道', en: 'Baoshan Road Sub-district' },
    shortName: { zh: '宝山路', en: 'Baoshan Rd' },
    townshipCode: '003',
    tableAreaKm2: 1.61,
    outline: [
      'beizhanZhijiangBaoshan', 'beizhanBaoshan1', 'beizhanBaoshan2', 'beizhanBaoshan3', 'beizhanBaoshanHongkou',
      'baoshanEast4', 'baoshanEast3', 'baoshanEast2', 'baoshanEast1', 'baoshanGongheHongkou',
      'baoshanGonghe', 'zhijiangBaoshanGonghe', 'zhijiangBaoshan2', 'zhijiangBaoshan1',
    ],
  },
  {
    name: { zh: '芷江西路街道', en: 'Zhijiang West Road Sub-district' },
    shortName: { zh: '芷江西路', en: 'Zhijiang West Rd' },
    townshipCode: '004',
    tableAreaKm2: 1.57,
    outline: [
      'tianmuBeizhanZhijiang', 'beizhanZhijiangBaoshan',
      'zhijiangBaoshan1', 'zhijiangBaoshan2', 'zhijiangBaoshanGonghe',
      'zhijiangGonghe2', 'zhijiangGonghe1', 'tianmuZhijiangGonghe',
      'tianmuZhijiang1', 'tianmuZhijiang2', 'tianmuZhijiang3', 'tianmuZhijiang4',
    ],
  },
  {
    name: { zh: '共和新路街道', en: 'Gonghexin Road Sub-district' },
    shortName: { zh: '共和新路', en: 'Gonghexin Rd' },
    townshipCode: '005',
    tableAreaKm2: 2.71,
    outline: [
      'tianmuGongheWest', 'tianmuGonghe', 'tianmuZhijiangGonghe', 'zhijiangGonghe1', 'zhijiangGonghe2',
      'zhijiangBaoshanGonghe', 'baoshanGonghe', 'baoshanGongheHongkou', 'gongheEast2', 'gongheEast1',
      'gongheDaningHongkou', 'gongheDaning4', 'gongheDaning3', 'gongheDaning2', 'gongheDaning1',
      'gongheDaningPengpu', 'gongheWest3', 'gongheWest2', 'gongheWest1',
    ],
  },
  {
    name: { zh: '大宁路街道', en: 'Daning Road Sub-district' },
    shortName: { zh: '大宁路', en: 'Daning Rd' },
    townshipCode: '006',
    tableAreaKm2: 6.25,
    outline: [
      'gongheDaningPengpu', 'gongheDaning1', 'gongheDaning2', 'gongheDaning3', 'gongheDaning4',
      'gongheDaningHongkou', 'daningEast1', 'daningEast2', 'daningEast3', 'daningLinfenEast',
      'daningLinfen', 'daningXincunLinfen', 'daningPengpuXincun',
      'daningPengpu4', 'daningPengpu3', 'daningPengpu2', 'daningPengpu1',
    ],
  },
  {
    name: { zh: '彭浦新村街道', en: 'Pengpu Xincun Sub-district' },
    shortName: { zh: '彭浦新村', en: 'Pengpu Xincun' },
    townshipCode: '007',
    tableAreaKm2: 3.26,
    outline: [
      'pengpuXincunWest', 'pengpuXincun4', 'pengpuXincun3', 'pengpuXincun2', 'pengpuXincun1',
      'daningPengpuXincun', 'daningXincunLinfen', 'xincunLinfen1', 'xincunLinfen2', 'xincunLinfen3',
      'xincunLinfenNorth', 'xincunNorth4', 'xincunNorth3', 'xincunNorth2', 'xincunNorth1',
    ],
  },
  {
    name: { zh: '临汾路街道', en: 'Linfen Road Sub-district' },
    shortName: { zh: '临汾路', en: 'Linfen Rd' },
    townshipCode: '008',
    tableAreaKm2: 2.13,
    outline: [
      'daningXincunLinfen', 'daningLinfen', 'daningLinfenEast', 'linfenEast1', 'linfenEast2', 'linfenEast3',
      'linfenNorth1', 'linfenNorth2', 'xincunLinfenNorth', 'xincunLinfen3', 'xincunLinfen2', 'xincunLinfen1',
    ],
  },
  {
    name: { zh: '彭浦镇', en: 'Pengpu Town' },
    shortName: { zh: '彭浦镇', en: 'Pengpu Town' },
    // A town, not a sub-district, so it takes the 1xx township code.
    townshipCode: '101',
    tableAreaKm2: 7.83,
    outline: [
      'gongheDaningPengpu', 'daningPengpu1', 'daningPengpu2', 'daningPengpu3', 'daningPengpu4',
      'daningPengpuXincun', 'pengpuXincun1', 'pengpuXincun2', 'pengpuXincun3', 'pengpuXincun4',
      'pengpuXincunWest', 'pengpuWest8', 'pengpuWest7', 'pengpuWest6', 'pengpuWest5',
      'pengpuWest4', 'pengpuWest3', 'pengpuWest2', 'pengpuWest1',
    ],
  },
];

// ---------------------------------------------------------------------------
// Named places and roads (approximate WGS-84, good to a street or so)
// ---------------------------------------------------------------------------

interface PlaceSketch {
  kind: PlaceKind;
  name: Name;
  aliases: string[];
  lngLat: LngLat;
}

/** GEODATA's twelve metro stations, in its table order (P001…P012). */
const metroStations: PlaceSketch[] = [
  metro('曲阜路', 'Qufu Road', [121.46696, 31.24419]),
  metro('中兴路', 'Zhongxing Road', [121.46435, 31.25508]),
  metro('西藏北路', 'Xizang North Road', [121.4642, 31.2654]),
  metro('上海火车站', 'Shanghai Railway Station', [121.4512, 31.24906], ['火车站地铁站']),
  metro('汉中路', 'Hanzhong Road', [121.45435, 31.24255]),
  metro('宝山路', 'Baoshan Road', [121.47179, 31.2535]),
  metro('中山北路', 'Zhongshan North Road', [121.4547, 31.2611]),
  metro('延长路', 'Yanchang Road', [121.451, 31.2738]),
  metro('上海马戏城', 'Shanghai Circus World', [121.4477, 31.2815], ['马戏城站', '马戏城地铁站']),
  metro('汶水路', 'Wenshui Road', [121.4457, 31.2945]),
  metro('彭浦新村', 'Pengpu Xincun', [121.4442, 31.3086]),
  metro('共康路', 'Gongkang Road', [121.4426, 31.3214]),
];

function metro(zh: string, en: string, lngLat: LngLat, extraAliases: string[] = []): PlaceSketch {
  // "上海火车站站" is the official name; in English "Station Station" would not do.
  const enName = en.endsWith(' Station') ? `${en} (Metro)` : `${en} Station`;
  const enShort = shortEnglish(en);
  return {
    kind: 'metro',
    name: { zh: `${zh}站`, en: enName },
    aliases: [`${zh}地铁站`, `地铁${zh}站`, ...extraAliases, ...(enShort === en ? [] : [`${enShort} Station`])],
    lngLat,
  };
}

/**
 * Places named in GEODATA and BRIEF first, then well-known places of the area.
 * The two food markets are plausible stand-ins, not surveyed locations.
 */
const otherPlaces: PlaceSketch[] = [
  {
    kind: 'station',
    name: { zh: '上海火车站', en: 'Shanghai Railway Station' },
    aliases: ['上海站', '火车站', '新客站', 'Shanghai Station'],
    lngLat: [121.4555, 31.2505],
  },
  {
    kind: 'landmark',
    name: { zh: '四行仓库', en: 'Sihang Warehouse' },
    aliases: ['四行仓库抗战纪念馆', '光复路1号', 'Sihang Warehouse Memorial'],
    lngLat: [121.4663, 31.2421],
  },
  {
    kind: 'market',
    name: { zh: '光复路早市', en: 'Guangfu Road Dawn Market' },
    aliases: ['光复路鬼市', '鬼市', 'Guangfu Rd ghost market'],
    lngLat: [121.469, 31.2425],
  },
  {
    kind: 'school',
    name: { zh: '康乐路小学', en: 'Kangle Road Primary School' },
    aliases: ['康乐路199号', '康乐小学', 'Kangle Rd Primary School'],
    lngLat: [121.469, 31.247],
  },
  {
    kind: 'park',
    name: { zh: '大宁灵石公园', en: 'Daning Lingshi Park' },
    aliases: ['大宁绿地', '灵石公园', '大宁公园', 'Daning Park'],
    lngLat: [121.451, 31.282],
  },
  {
    kind: 'landmark',
    name: { zh: '上海马戏城', en: 'Shanghai Circus World' },
    aliases: ['马戏城', 'Circus World'],
    lngLat: [121.4468, 31.2805],
  },
  {
    kind: 'landmark',
    name: { zh: '大宁国际商业广场', en: 'Daning International Commercial Plaza' },
    aliases: ['大宁国际', '大宁商业广场', 'Daning International'],
    lngLat: [121.4535, 31.279],
  },
  {
    kind: 'park',
    name: { zh: '闸北公园', en: 'Zhabei Park' },
    aliases: ['闸北公园门口', 'Zhabei Gongyuan'],
    lngLat: [121.453, 31.268],
  },
  {
    kind: 'hospital',
    name: { zh: '上海市第十人民医院', en: "Shanghai Tenth People's Hospital" },
    aliases: ['十院', '市十医院', '第十人民医院', 'Tenth Hospital'],
    lngLat: [121.4558, 31.2728],
  },
  {
    kind: 'school',
    name: { zh: '上海大学延长校区', en: 'Shanghai University Yanchang Campus' },
    aliases: ['上大延长校区', '延长校区', 'SHU Yanchang Campus'],
    lngLat: [121.454, 31.2765],
  },
  {
    kind: 'hospital',
    name: { zh: '市北医院', en: 'Shibei Hospital' },
    aliases: ['静安区市北医院', "Jing'an Shibei Hospital"],
    lngLat: [121.4445, 31.314],
  },
  {
    kind: 'park',
    name: { zh: '岭南公园', en: 'Lingnan Park' },
    aliases: ['岭南公园门口', 'Lingnan Gongyuan'],
    lngLat: [121.447, 31.3185],
  },
  {
    kind: 'landmark',
    name: { zh: '上海大悦城', en: 'Shanghai Joy City' },
    aliases: ['大悦城', '大悦城摩天轮', 'Joy City'],
    lngLat: [121.469, 31.2435],
  },
  {
    kind: 'park',
    name: { zh: '不夜城绿地', en: 'Buyecheng Green' },
    aliases: ['不夜城', 'Buyecheng Park'],
    lngLat: [121.457, 31.2475],
  },
  {
    kind: 'market',
    name: { zh: '芷江西路菜市场', en: 'Zhijiang West Road Food Market' },
    aliases: ['芷江西路菜场', 'Zhijiang W Rd market'],
    lngLat: [121.4575, 31.2572],
  },
  {
    kind: 'market',
    name: { zh: '彭浦新村菜市场', en: 'Pengpu Xincun Food Market' },
    aliases: ['彭浦新村菜场', 'Pengpu Xincun market'],
    lngLat: [121.4395, 31.312],
  },
];

interface RoadSketch {
  name: Name;
  aliases: string[];
  /** Starts at the end where the house numbers begin (Puxi numbers N–S roads from the south, E–W roads from the east). */
  line: LngLat[];
  houseNumbers: { from: number; to: number };
}

const roadSketches: RoadSketch[] = [
  road('共和新路', 'Gonghexin Road', 'Gonghexin Lu', ['共和新路高架'], [1, 5000], [
    [121.4556, 31.254], [121.4548, 31.2611], [121.4525, 31.27], [121.449, 31.279],
    [121.4462, 31.29], [121.4445, 31.304], [121.4428, 31.3214],
  ]),
  road('西藏北路', 'Xizang North Road', 'Xizang Beilu', ['西藏路'], [1, 1600], [
    [121.4668, 31.2415], [121.4662, 31.248], [121.465, 31.255], [121.4643, 31.262], [121.464, 31.269],
  ]),
  road('中山北路', 'Zhongshan North Road', 'Zhongshan Beilu', ['内环高架'], [1, 1000], [
    [121.4745, 31.2665], [121.469, 31.2655], [121.4642, 31.2645], [121.46, 31.2632], [121.4547, 31.2612],
    [121.449, 31.2605],
  ]),
  road('天目西路', 'Tianmu West Road', 'Tianmu Xilu', [], [1, 300], [
    [121.4582, 31.2493], [121.452, 31.249], [121.447, 31.2487],
  ]),
  road('天目中路', 'Tianmu Middle Road', 'Tianmu Zhonglu', [], [1, 800], [
    [121.476, 31.251], [121.47, 31.2502], [121.464, 31.2496], [121.4582, 31.2493],
  ]),
  road('光复路', 'Guangfu Road', 'Guangfu Lu', [], [1, 1500], [
    [121.474, 31.2428], [121.4668, 31.242], [121.46, 31.2417], [121.454, 31.241], [121.449, 31.242],
  ]),
  road('恒丰路', 'Hengfeng Road', 'Hengfeng Lu', [], [1, 700], [
    [121.4545, 31.2408], [121.455, 31.245], [121.4556, 31.2495],
  ]),
  road('长安路', "Chang'an Road", "Chang'an Lu", [], [1, 1200], [
    [121.464, 31.247], [121.458, 31.2465], [121.452, 31.2462],
  ]),
  road('芷江西路', 'Zhijiang West Road', 'Zhijiang Xilu', [], [1, 800], [
    [121.4635, 31.2575], [121.457, 31.257], [121.4515, 31.2568],
  ]),
  road('芷江中路', 'Zhijiang Middle Road', 'Zhijiang Zhonglu', [], [1, 600], [
    [121.4745, 31.2585], [121.469, 31.258], [121.4635, 31.2575],
  ]),
  road('宝山路', 'Baoshan Road', 'Baoshan Lu', [], [1, 800], [
    [121.4765, 31.245], [121.4748, 31.25], [121.473, 31.256], [121.4715, 31.262], [121.4705, 31.267],
  ]),
  road('大统路', 'Datong Road', 'Datong Lu', [], [1, 1000], [
    [121.46, 31.2418], [121.4603, 31.248], [121.4608, 31.256], [121.4612, 31.263],
  ]),
  road('延长中路', 'Yanchang Middle Road', 'Yanchang Zhonglu', ['延长路'], [1, 900], [
    [121.46, 31.2752], [121.451, 31.2735], [121.443, 31.2718],
  ]),
  road('大宁路', 'Daning Road', 'Daning Lu', [], [1, 800], [
    [121.4595, 31.2812], [121.45, 31.2805], [121.441, 31.28],
  ]),
  road('汶水路', 'Wenshui Road', 'Wenshui Lu', [], [1, 1500], [
    [121.459, 31.295], [121.4457, 31.2945], [121.435, 31.2944], [121.425, 31.2942],
  ]),
  road('场中路', 'Changzhong Road', 'Changzhong Lu', [], [1, 3000], [
    [121.46, 31.3062], [121.45, 31.3058], [121.442, 31.3052], [121.433, 31.305],
  ]),
  road('临汾路', 'Linfen Road', 'Linfen Lu', [], [1, 1700], [
    [121.4635, 31.3145], [121.456, 31.3143], [121.45, 31.3142], [121.443, 31.314],
  ]),
  road('平型关路', 'Pingxingguan Road', 'Pingxingguan Lu', [], [1, 1200], [
    [121.458, 31.27], [121.4578, 31.28], [121.4575, 31.29], [121.458, 31.3],
  ]),
  road('沪太路', 'Hutai Road', 'Hutai Lu', [], [1, 2000], [
    [121.43, 31.2715], [121.428, 31.283], [121.426, 31.296], [121.4245, 31.309],
  ]),
  road('万荣路', 'Wanrong Road', 'Wanrong Lu', [], [1, 1300], [
    [121.438, 31.274], [121.4362, 31.285], [121.435, 31.296], [121.4345, 31.304],
  ]),
  road('江场西路', 'Jiangchang West Road', 'Jiangchang Xilu', [], [1, 1500], [
    [121.44, 31.284], [121.43, 31.2835], [121.422, 31.283],
  ]),
  road('永和路', 'Yonghe Road', 'Yonghe Lu', [], [1, 1000], [
    [121.444, 31.29], [121.432, 31.2898], [121.42, 31.2895],
  ]),
  road('闻喜路', 'Wenxi Road', 'Wenxi Lu', [], [1, 1300], [
    [121.45, 31.3098], [121.44, 31.3093], [121.43, 31.3095],
  ]),
  road('交通路', 'Jiaotong Road', 'Jiaotong Lu', [], [1, 1500], [
    [121.464, 31.2556], [121.46, 31.2552], [121.454, 31.2548], [121.4475, 31.2545],
  ]),
  road('康乐路', 'Kangle Road', 'Kangle Lu', [], [1, 300], [
    [121.4725, 31.2473], [121.469, 31.247], [121.4655, 31.2468],
  ]),
  road('曲阜路', 'Qufu Road', 'Qufu Lu', [], [1, 400], [
    [121.472, 31.2446], [121.467, 31.2442], [121.462, 31.244],
  ]),
];

/** Aliases: what people also say or type — an elevated road's name, the sign-board pinyin, the short English form. */
function road(
  zh: string,
  en: string,
  pinyin: string,
  zhAliases: string[],
  [from, to]: [number, number],
  line: LngLat[],
): RoadSketch {
  return { name: { zh, en }, aliases: [...zhAliases, shortEnglish(en), pinyin], line, houseNumbers: { from, to } };
}

/** The form people type: "Xizang North Road" → "Xizang N Rd". */
function shortEnglish(name: string): string {
  return name.replace(/ Road$/, ' Rd').replace(/ North /, ' N ').replace(/ West /, ' W ');
}

// ---------------------------------------------------------------------------
// Geometry helpers
// ---------------------------------------------------------------------------

// Six decimals is ~0.1 m, finer than any hand-drawn line; four for km² is 100 m².
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;
const roundPoint = ([lng, lat]: LngLat): LngLat => [round6(lng), round6(lat)];
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

function areaKm2(ring: Ring): number {
  return turfArea(turfPolygon([ring])) / 1e6;
}

/** Twice the signed planar area: positive for a counter-clockwise ring. */
function signedArea2(ring: Ring): number {
  let total = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    total += x0 * y1 - x1 * y0;
  }
  return total;
}

/** Area-weighted centroid; at this scale planar lng/lat is accurate to metres. */
function centroidOf(ring: Ring): LngLat {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

/** Drops repeated consecutive points, closes the ring and makes it counter-clockwise (RFC 7946). */
function tidyRing(points: readonly LngLat[]): Ring {
  const open: LngLat[] = [];
  for (const point of points) {
    const last = open[open.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) open.push([point[0], point[1]]);
  }
  const first = open[0];
  const last = open[open.length - 1];
  if (first && last && open.length > 1 && first[0] === last[0] && first[1] === last[1]) open.pop();
  if (open.length < 3) throw new Error('degenerate ring');
  const ring: Ring = [...open, open[0]!];
  return signedArea2(ring) < 0 ? ring.reverse() : ring;
}

function roundRing(ring: Ring): Ring {
  return tidyRing(ring.map(([lng, lat]) => [round6(lng), round6(lat)]));
}

type Box = [number, number, number, number];

function boxOf(points: readonly LngLat[]): Box {
  const lngs = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

function clip(ring: Ring, box: Box): Ring {
  const clipped = bboxClip(turfPolygon([ring]), box).geometry;
  if (clipped.type !== 'Polygon' || !clipped.coordinates[0]) throw new Error('clip produced no polygon');
  return tidyRing(clipped.coordinates[0] as LngLat[]);
}

/** How many ring edges the line `axis = value` crosses; exactly 2 means the cut leaves two simple pieces. */
function crossings(ring: Ring, axis: 0 | 1, value: number): number {
  let count = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    if (ring[i]![axis] < value !== ring[i + 1]![axis] < value) count++;
  }
  return count;
}

/**
 * Cuts `ring` with one straight line into a first piece holding `share` of
 * its area and a second piece holding the rest. The cut runs across the
 * longer side of the bounding box (measured in metres, not degrees, because
 * a degree of longitude is ~15 % shorter here) so pieces stay compact; the
 * first piece is the western one for a north–south cut and the northern one
 * for an east–west cut, so numbering reads from the north-west. If that cut
 * would split the ring into more than two parts (a concave outline), the
 * other axis is tried.
 */
function bisect(ring: Ring, share: number): [Ring, Ring] {
  const [west, south, east, north] = boxOf(ring);
  const kmPerDegLat = 110.9;
  const kmPerDegLng = 111.32 * Math.cos((((south + north) / 2) * Math.PI) / 180);
  const lngIsLonger = (east - west) * kmPerDegLng >= (north - south) * kmPerDegLat;
  const axes: (0 | 1)[] = lngIsLonger ? [0, 1] : [1, 0];
  const total = areaKm2(ring);
  // Margins keep the clip box strictly outside the ring on the uncut sides.
  const pad = 0.01;

  for (const axis of axes) {
    const firstBox = (cut: number): Box =>
      axis === 0 ? [west - pad, south - pad, cut, north + pad] : [west - pad, cut, east + pad, north + pad];
    const secondBox = (cut: number): Box =>
      axis === 0 ? [cut, south - pad, east + pad, north + pad] : [west - pad, south - pad, east + pad, cut];

    // The first piece's area grows as the cut moves east (axis 0) or south (axis 1).
    let low = axis === 0 ? west : south;
    let high = axis === 0 ? east : north;
    const firstAreaAt = (cut: number) => areaKm2(clip(ring, firstBox(cut)));
    for (let step = 0; step < 60; step++) {
      const middle = (low + high) / 2;
      const tooBig = firstAreaAt(middle) > share * total;
      if (axis === 0 ? tooBig : !tooBig) high = middle;
      else low = middle;
    }
    const cut = (low + high) / 2;
    if (crossings(ring, axis, cut) !== 2) continue;
    return [clip(ring, firstBox(cut)), clip(ring, secondBox(cut))];
  }
  throw new Error('no straight cut splits this ring into two simple pieces');
}

/** Splits a ring into pieces whose areas are proportional to `weights`, in order. */
function splitByWeights(ring: Ring, weights: readonly number[]): Ring[] {
  if (weights.length === 1) return [ring];
  const half = Math.ceil(weights.length / 2);
  const firstWeights = weights.slice(0, half);
  const secondWeights = weights.slice(half);
  const [first, second] = bisect(ring, sum(firstWeights) / sum(weights));
  return [...splitByWeights(first, firstWeights), ...splitByWeights(second, secondWeights)];
}

/** Largest-remainder apportionment of `total` seats by `weights`, at least one each. */
function apportion(total: number, weights: readonly number[]): number[] {
  const whole = sum(weights);
  const quotas = weights.map((weight) => (total * weight) / whole);
  const seats = quotas.map((quota) => Math.max(1, Math.floor(quota)));
  const byRemainder = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; sum(seats) < total; i++) seats[byRemainder[i % byRemainder.length]!.index]!++;
  if (sum(seats) !== total) throw new Error(`cannot apportion ${total} over ${weights.length}`);
  return seats;
}

/** Shares `count` items over `parts` as evenly as possible, the earlier parts taking the extra ones. */
function spread(count: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(count / parts) + (index < count % parts ? 1 : 0));
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad3 = (n: number) => String(n).padStart(3, '0');

// ---------------------------------------------------------------------------
// Checks that the hand drawing is sound before anything is cut from it
// ---------------------------------------------------------------------------

function segmentsCross(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const orient = (p: LngLat, q: LngLat, r: LngLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) !== orient(a, b, d) && orient(c, d, a) !== orient(c, d, b);
}

function assertSimple(ring: Ring, label: string): void {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // first and last edge share the closing vertex
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) {
        throw new Error(`${label}: ring crosses itself (edges ${i} and ${j})`);
      }
    }
  }
}

/**
 * Every border drawn between two sub-districts must appear in both rings
 * with opposite directions; what is left over must be the one outline of
 * the district. Anything else means a gap or an overlap in the drawing.
 */
function assertTiling(outlines: readonly Corner[][]): void {
  const directed = new Map<string, number>();
  for (const outline of outlines) {
    outline.forEach((from, index) => {
      const to = outline[(index + 1) % outline.length]!;
      directed.set(`${from}>${to}`, (directed.get(`${from}>${to}`) ?? 0) + 1);
    });
  }
  const outer = new Map<Corner, Corner>();
  for (const [key, count] of directed) {
    const [from, to] = key.split('>') as [Corner, Corner];
    if (count > 1) throw new Error(`edge ${key} drawn twice in the same direction (overlap)`);
    if (directed.has(`${to}>${from}`)) continue;
    if (outer.has(from)) throw new Error(`outline branches at ${from}`);
    outer.set(from, to);
  }
  const start = outer.keys().next().value;
  let steps = 0;
  for (let at = start; at !== undefined; ) {
    at = outer.get(at);
    steps++;
    if (at === start) break;
    if (steps > outer.size) throw new Error('district outline does not close');
  }
  if (steps !== outer.size) throw new Error('district outline is not one loop (a hole or a gap between sub-districts)');
}

// ---------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------

function drawDistrict(): DistrictGeography {
  assertTiling(sketches.map((sketch) => sketch.outline));

  const outlines = sketches.map((sketch, index) => {
    const points = sketch.outline.map((name): LngLat => [...corner[name]]);
    const ring: Ring = [...points, points[0]!];
    const label = `SD${pad2(index + 1)}`;
    if (signedArea2(ring) <= 0) throw new Error(`${label} outline is not drawn counter-clockwise`);
    assertSimple(ring, label);
    return ring;
  });

  // GEODATA does not say how the 31 workstations and 65 grids are spread, so
  // both follow the table areas.
  const tableAreas = sketches.map((sketch) => sketch.tableAreaKm2);
  const workstationCounts = apportion(workstationTotal, tableAreas);
  const gridCounts = apportion(gridTotal, tableAreas);

  const subDistricts: SubDistrict[] = [];
  const workstations: Workstation[] = [];
  const grids: Grid[] = [];

  sketches.forEach((sketch, sdIndex) => {
    const outline = outlines[sdIndex]!;
    const subDistrictId = `SD${pad2(sdIndex + 1)}`;
    const subDistrictCode = `310108${sketch.townshipCode}`;
    subDistricts.push({
      id: subDistrictId,
      code: subDistrictCode,
      name: sketch.name,
      areaKm2: round4(areaKm2(outline)),
      centroid: roundPoint(centroidOf(outline)),
      polygon: roundRing(outline),
    });

    // Workstation areas follow their grid counts, so every grid of a
    // sub-district ends up the same size.
    const gridsPerWorkstation = spread(gridCounts[sdIndex]!, workstationCounts[sdIndex]!);
    const workstationRings = splitByWeights(outline, gridsPerWorkstation);
    let gridNumber = 0;

    workstationRings.forEach((workstationRing, wsIndex) => {
      const workstationId = `WS${pad2(workstations.length + 1)}`;
      const workstationCode = `${subDistrictCode}${pad2(wsIndex + 1)}`;
      workstations.push({
        id: workstationId,
        code: workstationCode,
        subDistrictId,
        name: {
          zh: `${sketch.shortName.zh}第${wsIndex + 1}工作站`,
          en: `${sketch.shortName.en} WS ${wsIndex + 1}`,
        },
        polygon: roundRing(workstationRing),
      });

      const gridRings = splitByWeights(workstationRing, Array(gridsPerWorkstation[wsIndex]!).fill(1));
      gridRings.forEach((gridRing, gridIndex) => {
        gridNumber++;
        assertSimple(gridRing, `grid ${grids.length + 1}`);
        grids.push({
          id: `G${pad2(grids.length + 1)}`,
          code: `${workstationCode}${pad2(gridIndex + 1)}`,
          workstationId,
          subDistrictId,
          name: {
            zh: `${sketch.shortName.zh}第${gridNumber}网格`,
            en: `${sketch.shortName.en} Grid ${gridNumber}`,
          },
          areaKm2: round4(areaKm2(gridRing)),
          polygon: roundRing(gridRing),
        });
      });
    });
  });

  const places: Place[] = [...metroStations, ...otherPlaces].map((place, index) => ({
    id: `P${pad3(index + 1)}`,
    kind: place.kind,
    name: place.name,
    aliases: place.aliases,
    lngLat: roundPoint(place.lngLat),
  }));

  const roads: Road[] = roadSketches.map((sketch, index) => ({
    id: `R${pad2(index + 1)}`,
    name: sketch.name,
    aliases: sketch.aliases,
    line: sketch.line.map(roundPoint),
    houseNumbers: sketch.houseNumbers,
  }));

  const [west, south, east, north] = boxOf(outlines.flat());

  return {
    id: 'zhabei-demo',
    name: { zh: '原闸北区', en: 'Former Zhabei District' },
    illustrative: true,
    datum: 'WGS84',
    bbox: [round6(west), round6(south), round6(east), round6(north)],
    subDistricts,
    workstations,
    grids,
    places,
    roads,
    waterways: waterways.map((water) => ({ ...water, line: water.line.map(roundPoint) })),
    transitLines: transitLines.map((transit) => ({ ...transit, line: transit.line.map(roundPoint) })),
  };
}

/** Two-space JSON, but each [lng, lat] pair on one line so the file stays readable and diffable. */
function serialise(geography: DistrictGeography): string {
  const pretty = JSON.stringify(geography, null, 2);
  return `${pretty.replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, '[$1, $2]')}\n`;
}

/** What was drawn against GEODATA's table, for whoever runs the script. */
function report(geography: DistrictGeography): void {
  for (const [index, subDistrict] of geography.subDistricts.entries()) {
    const table = sketches[index]!.tableAreaKm2;
    const ofThis = <T extends { subDistrictId: string }>(items: T[]) =>
      items.filter((item) => item.subDistrictId === subDistrict.id);
    const gridArea = sum(ofThis(geography.grids).map((grid) => grid.areaKm2));
    const deviation = ((subDistrict.areaKm2 / table - 1) * 100).toFixed(1);
    console.log(
      `${subDistrict.id} ${subDistrict.name.en.padEnd(31)} ${subDistrict.areaKm2.toFixed(3)} km² ` +
        `(table ${table.toFixed(2)}, ${deviation} %), grids ${gridArea.toFixed(3)} km², ` +
        `${ofThis(geography.workstations).length} WS, ${ofThis(geography.grids).length} grids`,
    );
  }
  const drawn = sum(geography.subDistricts.map((subDistrict) => subDistrict.areaKm2));
  const table = sum(sketches.map((sketch) => sketch.tableAreaKm2));
  console.log(
    `district ${drawn.toFixed(2)} km² (table ${table.toFixed(2)}); ${geography.workstations.length} workstations, ` +
      `${geography.grids.length} grids, ${geography.places.length} places, ${geography.roads.length} roads`,
  );
}

const geography = drawDistrict();
mkdirSync(dirname(outputFile), { recursive: true });
writeFileSync(outputFile, serialise(geography));
report(geography);
console.log(`wrote ${outputFile}`);
